"""Demo safety flags: the demo volunteer's worry turned into a flag on their match (passed on
to them in the coordinator's words), a medical flag on a file, and a flag whose end the social
worker asked (a colleague or the org admin confirms it). Synthetic data only."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from buddies import services as buddies
from buddies.models import Match
from participants.models import Participant
from safety import services as safety
from safety.models import Flag, FlagKind


def _membership(organisation: Organisation, user: User) -> Membership:
    return Membership.objects.get(organisation=organisation, user=user)


def flags(organisation: Organisation, users: dict[str, User]) -> None:
    if Flag.objects.filter(organisation=organisation).exists():
        return
    safety.kinds_create_defaults(organisation)
    kinds = {kind.code: kind for kind in FlagKind.objects.filter(organisation=organisation)}
    coordinator = _membership(organisation, users["coordinator"])
    worker = _membership(organisation, users["maatschappelijkwerker"])
    match = (
        Match.objects.filter(organisation=organisation, volunteer__user=users["vrijwilliger"])
        .filter(status=Match.Status.ACTIVE)
        .first()
    )
    if match is not None:
        worry = buddies.contact_log_create(
            membership=_membership(organisation, users["vrijwilliger"]),
            match=match,
            data={
                "date": timezone.localdate() - datetime.timedelta(days=5),
                "duration_minutes": 60,
                "what_we_did": "Koffie bij haar thuis",
                "worried": True,
                "worry_note": "Haar ex-partner belde aan en werd boos toen ze niet opendeed.",
            },
        )
        safety.flag_raise(
            membership=coordinator,
            match=match,
            kind=kinds["no_contact"],
            text="Ex-partner niet contacteren en niet binnenlaten; afspraken niet bij haar thuis.",
            source_worry=worry,
            pass_on_to_volunteer=True,
            volunteer_text="Spreek af in het buurthuis of op straat, niet bij haar thuis.",
        )
    files = Participant.objects.filter(
        organisation=organisation,
        social_worker=users["maatschappelijkwerker"],
        status=Participant.Status.ACTIVE,
    ).order_by("reference_code")
    first, second = files[:2] if files.count() >= 2 else (None, None)
    if first is not None:
        safety.flag_raise(
            membership=worker,
            participant=first,
            kind=kinds["medical"],
            text="Diabetes: bij verwardheid suiker geven en 112 bellen.",
        )
        old = safety.flag_raise(
            membership=worker,
            participant=second,
            kind=kinds["aggression"],
            text="Werd vorig jaar boos aan het onthaal; liever met twee op huisbezoek.",
        )
        safety.flag_request_end(
            membership=worker,
            flag=old,
            reason="Al een jaar geen incident; gesprekken verlopen rustig.",
        )
