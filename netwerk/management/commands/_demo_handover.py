"""Demo data for hand-overs and stand-ins: one file handed over three weeks ago (its timeline
shows it) and the demo social worker standing in for their colleague for two weeks (their
caseload marks those files). Through the services; skipped when it exists already."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from participants.models import FileHandover, Participant, StandIn
from participants.services import handover


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
