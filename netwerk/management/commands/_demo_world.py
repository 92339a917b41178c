"""Demo data that makes every role's first page alive: a running match for the demo volunteer,
a group with sessions and attendance, the directory (sociale kaart) and findings per model.

Everything goes through the services (so audit rows, match history and reminders exist as in
real use); only dates are moved into the past afterwards, as the demo's waiting list does. Each
part is skipped when it exists already, so `seed_demo` stays idempotent.
"""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from buddies import services as buddies
from buddies.models import BuddyRequest, Match, Volunteer
from findings import services as findings
from findings.models import Finding, FocusGroup, SpeakerKind
from groups import services as groups
from groups.models import Group, GroupSession
from participants.models import Consent, Participant
from workmodels import services as directory
from workmodels.models import Initiative, WorkModel

GROUP_NAME = "Praatgroep De Brug"
FOCUS_GROUP_PLACE = "Demo: buurthuis Ledeberg"
INITIATIVES = [
    ("Buddywerking Gent", "Demo vzw Samen", "9000"),
    ("Praatcafé De Brug", "Demo buurtwerk", "9050"),
    ("Familienetwerk in beeld", "Demo CAW", "9000"),
    ("Wijkrestaurant Ledeberg", "Demo buurtwerk", "9050"),
    ("Vormingsreeks Sterk in je netwerk", "Demo vormingscentrum", "9040"),
    ("Ervaringsdeskundigen vertellen", "Demo vereniging waar armen het woord nemen", "9000"),
    ("Digitaal contact voor beginners", "Demo digipunt", "9032"),
]
FINDINGS = [
    ("strength", "Deelnemers voelen zich gehoord wanneer ze zelf het tempo bepalen."),
    ("precondition", "Een vaste contactpersoon is nodig om vertrouwen op te bouwen."),
    ("attention_point", "Vervoer naar activiteiten blijft voor velen een drempel."),
    ("weakness", "Wie geen smartphone heeft, mist snel afspraken die via berichten lopen."),
]


def _membership(organisation: Organisation, user: User) -> Membership:
    return Membership.objects.get(organisation=organisation, user=user)


def active_match(organisation: Organisation, users: dict[str, User]) -> None:
    """The demo volunteer's own running match, with an introduction, contacts and a check-in
    that is due (so the board, the bell and the volunteer's home all show something)."""
    volunteer = Volunteer.objects.filter(organisation=organisation, user=users["vrijwilliger"])
    volunteer = volunteer.first()
    if volunteer is None or Match.objects.filter(volunteer=volunteer).exists():
        return
    waiting = BuddyRequest.objects.filter(
        organisation=organisation, status=BuddyRequest.Status.WAITING
    ).order_by("participant__reference_code")
    request = next((r for r in waiting if "nl" in r.languages), None)
    if request is None:
        return
    coordinator = _membership(organisation, users["coordinator"])
    today = timezone.localdate()
    match = buddies.match_propose(membership=coordinator, request=request, volunteer=volunteer)
    intro_at = timezone.now() - datetime.timedelta(days=35)
    match = buddies.match_plan_intro(
        membership=coordinator, match=match, intro_at=intro_at, intro_place="Buurthuis Ledeberg"
    )
    match = buddies.match_activate(membership=coordinator, match=match, started_on=today)
    Match.objects.filter(pk=match.pk).update(started_on=today - datetime.timedelta(days=34))
    match.refresh_from_db()
    own = _membership(organisation, users["vrijwilliger"])
    for days, what in ((27, "Kennismaking bij een koffie"), (12, "Samen naar de markt")):
        buddies.contact_log_create(
            membership=own,
            match=match,
            data={
                "date": today - datetime.timedelta(days=days),
                "duration_minutes": 90,
                "what_we_did": what,
            },
        )
    buddies.match_agreements_update(
        membership=coordinator,
        match=match,
        data={
            "agreements": "Om de twee weken op woensdagnamiddag; bellen als het niet lukt.",
            "next_meeting_on": today + datetime.timedelta(days=3),
        },
    )


def group_with_sessions(organisation: Organisation, users: dict[str, User]) -> None:
    """A peer group run by the coordinator with the demo volunteer as co-facilitator, members
    added by the social worker, four sessions and the attendance of those already held."""
    if Group.objects.filter(organisation=organisation, name=GROUP_NAME).exists():
        return
    coordinator = _membership(organisation, users["coordinator"])
    worker = _membership(organisation, users["maatschappelijkwerker"])
    today = timezone.localdate()
    start = today - datetime.timedelta(days=49)
    group = groups.group_create(
        membership=coordinator,
        data={
            "name": GROUP_NAME,
            "kind": Group.Kind.PEER_GROUP,
            "work_model": WorkModel.objects.order_by("order")[1],
            "place": "Buurthuis Ledeberg",
            "language": "nl",
            "starts_on": start,
            "ends_on": today + datetime.timedelta(days=60),
            "capacity": 12,
        },
        facilitators=[users["coordinator"], users["vrijwilliger"]],
    )
    participants = Participant.objects.filter(
        organisation=organisation,
        social_worker=users["maatschappelijkwerker"],
        consents__purpose=Consent.Purpose.FILE,
    ).order_by("reference_code")[:5]
    members = [
        groups.member_add(membership=worker, group=group, participant=p, joined_on=start)
        for p in participants
    ]
    topics = ["Kennismaking", "Wie staat er rond mij?", "Samen koken", "Een uitstap plannen"]
    for week, topic in enumerate(topics):
        day = start + datetime.timedelta(days=14 * week)
        session = groups.session_create(
            membership=coordinator,
            group=group,
            data={
                "date": day,
                "starts_at": datetime.time(14),
                "ends_at": datetime.time(16),
                "topic": topic,
            },
        )
        if day <= today:
            present = [m.pk for k, m in enumerate(members) if (k + week) % 4]
            groups.attendance_record(
                membership=coordinator, session=session, present=present, extra_attendees=week % 3
            )
    assert GroupSession.objects.filter(group=group).count() == len(topics)


def directory_entries(organisation: Organisation, users: dict[str, User]) -> None:
    """One initiative per work model in the directory (sociale kaart), around Gent."""
    coordinator = _membership(organisation, users["coordinator"])
    models = list(WorkModel.objects.order_by("order"))
    for model, (name, provider, postcode) in zip(models, INITIATIVES, strict=False):
        if Initiative.objects.filter(organisation=organisation, name=name).exists():
            continue
        directory.initiative_create(
            membership=coordinator,
            data={
                "name": name,
                "provider": provider,
                "municipalities": ["Gent"],
                "area": postcode,
                "languages": ["nl"],
                "cost": "Gratis",
                "sign_up": "Bel of kom langs tijdens de openingsuren.",
                "contact": "info@demo.netwerk.test",
                "last_checked_on": timezone.localdate() - datetime.timedelta(days=30),
            },
            work_models=[model],
        )


def findings_per_model(organisation: Organisation, users: dict[str, User]) -> None:
    """A focus group with a quote, and the organisation's own finding for every work model."""
    if FocusGroup.objects.filter(organisation=organisation, place=FOCUS_GROUP_PLACE).exists():
        return
    researcher = _membership(organisation, users["onderzoeker"])
    focus_group = findings.focus_group_create(
        membership=researcher,
        data={
            "held_on": timezone.localdate() - datetime.timedelta(days=21),
            "kind": FocusGroup.Kind.EXPERIENCE_EXPERTS,
            "people": 8,
            "facilitator": "Demo onderzoeker",
            "place": FOCUS_GROUP_PLACE,
        },
    )
    quote = findings.quote_add(
        membership=researcher,
        focus_group=focus_group,
        text="Ik durfde pas te komen toen iemand met mij meeging.",
        speaker_kind=SpeakerKind.values[0],
    )
    for index, model in enumerate(WorkModel.objects.order_by("order")):
        kind, statement = FINDINGS[index % len(FINDINGS)]
        findings.finding_create(
            membership=researcher,
            data={
                "work_model": model,
                "kind": Finding.Kind(kind),
                "statement_nl": statement,
                "source": "Demo: focusgroep in het buurthuis",
            },
            quotes=[quote] if index == 0 else [],
        )
