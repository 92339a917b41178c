"""Demo data for hand-overs and stand-ins: one file handed over three weeks ago (its timeline
shows it) and the demo social worker standing in for their colleague for two weeks (their
caseload marks those files). Through the services; skipped when it exists already."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from participants.models import AccessBlock, FileHandover, Participant, StandIn
from participants.services import access_blocks, handover


def handover_and_stand_in(organisation: Organisation, users: dict[str, User]) -> None:
    admin = Membership.objects.select_related("organisation", "user").get(
        organisation=organisation, user=users["beheerder"]
    )
    today = timezone.localdate()
    worker, colleague = users["maatschappelijkwerker"], users["collega"]
    if not FileHandover.objects.filter(organisation=organisation).exists():
        file = (
            Participant.objects.filter(organisation=organisation, social_worker=colleague)
            .order_by("reference_code")
            .first()
        )
        if file is not None:
            handover.files_reassign(
                membership=admin,
                to_worker=worker,
                reason="Woont nu in de buurt van het kantoor van de nieuwe begeleider.",
                handed_over_on=today - datetime.timedelta(days=21),
                participant_ids=[file.pk],
            )
    if not StandIn.objects.current().filter(organisation=organisation).exists():
        handover.stand_in_create(
            membership=admin,
            absent_worker=colleague,
            stand_in=worker,
            starts_on=today - datetime.timedelta(days=2),
            ends_on=today + datetime.timedelta(days=14),
            reason="Verlof",
        )


def access_block(organisation: Organisation, users: dict[str, User]) -> None:
    """The colleague is blocked from one of the demo social worker's files (a neighbour): the
    admin sees it under "Geblokkeerde toegang"; the colleague finds the file nowhere. A file
    outside the demo's match and groups, so the other demo pages stay as they are."""
    if AccessBlock.objects.filter(organisation=organisation).exists():
        return
    admin = Membership.objects.select_related("organisation", "user").get(
        organisation=organisation, user=users["beheerder"]
    )
    file = (
        Participant.objects.filter(
            organisation=organisation,
            social_worker=users["maatschappelijkwerker"],
            buddy_matches__isnull=True,
            group_memberships__isnull=True,
            buddy_requests__isnull=True,
        )
        .order_by("-reference_code")
        .first()
    )
    if file is not None:
        access_blocks.access_block_create(
            membership=admin,
            participant=file,
            user=users["collega"],
            reason=AccessBlock.Reason.NEIGHBOUR,
            note="Woont in dezelfde straat.",
        )
