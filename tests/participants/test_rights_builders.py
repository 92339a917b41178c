"""A participant with a record of every kind, each carrying a distinctive string, and the
helpers the rights tests share: searching the whole database, and the figures statistics use.

Every personal string starts with "Zyq" (found nowhere else), so a search for it proves the
person is gone from every table, edit history included.
"""

import datetime

from django.db import connection
from django.db.models import Count, Sum
from django.utils import timezone

from accounts.models import Membership, Role
from buddies.models import BuddyRequest, CheckIn, ContactLog, Match, MatchEvent
from groups.models import (
    Attendance,
    Group,
    GroupMember,
    GroupSession,
    MetHereTie,
    VolunteerPlacement,
)
from participants import services
from participants.models import (
    Agreement,
    Consent,
    FamilyPlan,
    Instrument,
    Intervention,
    Measurement,
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    OrganisationInstrument,
    Participant,
    SnapshotMember,
    SnapshotTie,
)
from participants.services import measurements as measurement_services
from participants.services import network as network_services
from participants.services import network_ties
from tests.factories import MembershipFactory, VolunteerFactory
from workmodels.models import WorkModel

MARK = "Zyq"
PHONE = "+32499765432"  # as stored (E.164), so the erasure test finds it
EMAIL = "zyq.contact@example.net"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LSNS = {f"lsns_{i}": "two" for i in range(1, 7)}


def make_full_file(social_worker: Membership) -> Participant:
    """Through the services where they exist, so edit history and audit rows are real."""
    organisation = social_worker.organisation
    participant = services.participant_create(
        membership=social_worker,
        data={
            "first_name": "Zyqoldname",
            "last_name": "Zyqlastname",
            "preferred_name": "Zyqpreferred",
            "phone": PHONE,
            "email": EMAIL,
            "address": "Zyqstraat 12, Gent",
            "birth_year": 1977,
            "gender": "vrouw",
            "languages": ["nl", "ar"],
            "municipality": "Gent",
            "postcode": "9000",
            "household": "single_parent",
            "status": "intake",
        },
        file_consent_method=Consent.Method.WRITTEN,
        file_consent_on=TODAY - 300 * DAY,
    )
    participant = services.participant_update(
        membership=social_worker,
        participant=participant,
        data={
            "first_name": "Zyqfirstname",
            "status": "active",
            "migration_background": "Zyqmigration",
            "health_remarks": "Zyqhealth remarks",
        },
    )
    own_network = WorkModel.objects.get(code=WorkModel.Code.OWN_NETWORK)
    trajectory = services.trajectory_create(
        membership=social_worker,
        participant=participant,
        data={
            "work_model": own_network,
            "motivation": "Zyqmotivation in her words",
            "started_on": TODAY - 200 * DAY,
        },
    )
    services.trajectory_update(
        membership=social_worker, trajectory=trajectory, data={"motivation": "Zyqmotivation 2"}
    )
    goal = services.goal_create(
        membership=social_worker,
        participant=participant,
        data={"work_model": own_network, "description": "Zyqgoal: see my sister again"},
    )
    services.goal_note_add(
        membership=social_worker, goal=goal, date=TODAY - 10 * DAY, text="Zyqnote progress"
    )
    for minutes, summary in ((45, "Zyqsummary one"), (60, ""), (30, "Zyqsummary three")):
        services.intervention_create(
            membership=social_worker,
            participant=participant,
            data={
                "date": TODAY - minutes * DAY,
                "duration_minutes": minutes,
                "work_model": own_network,
                "kind": Intervention.Kind.CONVERSATION,
                "took_part": ["participant"],
                "summary": summary,
                "goal": goal,
            },
        )
    member = network_services.network_member_create(
        membership=social_worker,
        participant=participant,
        data={"label": "Zyqsister Amina", "sector": "family", "ring": "close", "support": []},
    )
    neighbour = network_services.network_member_create(
        membership=social_worker,
        participant=participant,
        data={
            "label": "Zyqneighbour",
            "sector": "neighbours",
            "ring": "acquaintance",
            "origin": "neighbourhood",
            "origin_detail": "Zyqstreet party",
        },
    )
    network_ties.member_tie_create(
        membership=social_worker,
        participant=participant,
        data={
            "member_a": member,
            "member_b": neighbour,
            "strength": "strong",
            "origin": "group",
            "origin_detail": "Zyqcooking club",
        },
    )
    network_services.network_snapshot_take(
        membership=social_worker,
        participant=participant,
        taken_on=TODAY - 5 * DAY,
        kind=NetworkSnapshot.Kind.BASELINE,
        note="Zyqsnapshot note",
    )
    instrument = Instrument.objects.filter(code="lsns6").order_by("-version").first()
    OrganisationInstrument.objects.get_or_create(organisation=organisation, instrument=instrument)
    measurement_services.measurement_record(
        membership=social_worker,
        participant=participant,
        instrument=instrument,
        taken_on=TODAY - 5 * DAY,
        answers=LSNS,
    )
    plan = FamilyPlan.objects.create(
        participant=participant,
        kind=FamilyPlan.Kind.NETWORK_MEETING,
        held_on=TODAY - 20 * DAY,
        fallback="Zyqfallback arrangement",
        created_by=social_worker.user,
    )
    Agreement.objects.create(
        plan=plan, what="Zyqwhat: bring the kids", member=member, note="Zyqagreement note"
    )
    Agreement.objects.create(plan=plan, what="Zyqwhat 2", carried_by="Zyqcarrier")
    _buddy_records(social_worker, participant)
    _group_records(social_worker, participant)
    participant.refresh_from_db()
    return participant


def _buddy_records(social_worker: Membership, participant: Participant) -> None:
    organisation = social_worker.organisation
    Consent.objects.create(
        participant=participant,
        purpose=Consent.Purpose.BUDDY_SHARING,
        given_on=TODAY - 100 * DAY,
        method=Consent.Method.WRITTEN,
        recorded_by=social_worker.user,
    )
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    helper = MembershipFactory(organisation=organisation, role=Role.VOLUNTEER)
    volunteer = VolunteerFactory(organisation=organisation, user=helper.user)
    request = BuddyRequest.objects.create(
        organisation=organisation,
        participant=participant,
        requested_by=social_worker.user,
        languages=["ar"],
        postcode="9000",
        latitude=51.05,
        longitude=3.71,
        note="Zyqrequest note: afraid of dogs",
        waiting_since=TODAY - 90 * DAY,
        status=BuddyRequest.Status.MATCHED,
    )
    match = Match.objects.create(
        organisation=organisation,
        request=request,
        participant=participant,
        volunteer=volunteer,
        status=Match.Status.ACTIVE,
        proposed_by=coordinator.user,
        intro_place="Zyqcafe De Hoek",
        agreements="Zyqagreements: call on Mondays",
        started_on=TODAY - 60 * DAY,
        evaluation_participant="Zyqevaluation",
    )
    MatchEvent.objects.create(
        match=match, to_status=Match.Status.ACTIVE, actor=coordinator.user, note="Zyqevent"
    )
    for days, minutes in ((30, 90), (15, 60)):
        ContactLog.objects.create(
            match=match,
            logged_by=helper.user,
            date=TODAY - days * DAY,
            duration_minutes=minutes,
            what_we_did="Zyqwalk in the park",
            worried=days == 15,
            worry_note="Zyqworry: no food at home" if days == 15 else "",
        )
    CheckIn.objects.create(
        match=match,
        coordinator=coordinator.user,
        date=TODAY - 20 * DAY,
        volunteer_side="good",
        participant_side="ok",
        notes="Zyqcheck-in notes",
    )


def _group_records(social_worker: Membership, participant: Participant) -> None:
    organisation = social_worker.organisation
    group = Group.objects.create(
        organisation=organisation,
        name="Praatgroep",
        kind=Group.Kind.PEER_GROUP,
        work_model=WorkModel.objects.get(code="peer"),
        starts_on=TODAY - 50 * DAY,
        created_by=social_worker.user,
    )
    member = GroupMember.objects.create(
        group=group,
        participant=participant,
        joined_on=TODAY - 50 * DAY,
        added_by=social_worker.user,
    )
    session = GroupSession.objects.create(
        group=group, date=TODAY - 7 * DAY, topic="Koken", created_by=social_worker.user
    )
    Attendance.objects.create(session=session, member=member, recorded_by=social_worker.user)
    MetHereTie.objects.create(
        group=group,
        session=session,
        participant=participant,
        label="Zyqtie Fatima",
        sector="peers",
        proposed_by=social_worker.user,
    )
    VolunteerPlacement.objects.create(
        organisation=organisation,
        participant=participant,
        where="Zyqwhere: sociaal restaurant",
        what="Zyqwhat they do",
        since=TODAY - 40 * DAY,
        hours=4,
        contact_person="Zyqcontact person",
        created_by=social_worker.user,
    )


TEXT_TYPES = {"CharField", "TextField", "JSONField", "EmailField", "URLField", "SlugField"}


def text_columns() -> list[tuple[str, str]]:
    """Every text, varchar and JSON column of every table in the database (read from the
    database itself, so a table no model knows of is searched too)."""
    introspection = connection.introspection
    found = []
    with connection.cursor() as cursor:
        for table in sorted(introspection.table_names(cursor)):
            for column in introspection.get_table_description(cursor, table):
                try:
                    kind = introspection.get_field_type(column.type_code, column)
                except KeyError:
                    continue  # a type Django has no field for: not text
                if kind in TEXT_TYPES:
                    found.append((table, column.name))
    return found


# Columns of random characters that hold nothing a person wrote: a password hash (base64) holds
# "zyq" in any case about once in a hundred runs.
RANDOM_TEXT = {("accounts_user", "password")}


def tables_containing(*needles: str) -> list[str]:
    """`table.column` for every column holding one of the strings (case-insensitive)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in text_columns():
            if (table, column) in RANDOM_TEXT:
                continue
            # Names from the database's own catalogue, quoted; the needles are parameters.
            where = " OR ".join(
                f"UPPER(CAST({quote(column)} AS TEXT)) LIKE UPPER(%s)" for _ in needles
            )
            sql = f"SELECT count(*) FROM {quote(table)} WHERE {where}"  # noqa: S608
            cursor.execute(sql, [f"%{needle}%" for needle in needles])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def statistics(participant: Participant) -> dict:
    """The figures reports use, which anonymising must leave alone."""
    pk = participant.pk
    fresh = Participant.objects.get(pk=pk)
    return {
        "interventions": list(
            Intervention.objects.filter(participant_id=pk)
            .values("work_model__code", "kind")
            .annotate(n=Count("id"), minutes=Sum("duration_minutes"))
            .order_by("work_model__code", "kind")
        ),
        "with_summary": Intervention.objects.filter(participant_id=pk).exclude(summary="").count(),
        "network": list(
            NetworkMember.objects.filter(participant_id=pk)
            .values("sector", "ring", "critical")
            .annotate(n=Count("id"))
            .order_by("sector", "ring")
        ),
        "ties": list(
            MemberTie.objects.filter(participant_id=pk)
            .values_list("strength", "tension", "origin", "origin_work_model__code")
            .order_by("id")
        ),
        "snapshot_ties": list(
            SnapshotTie.objects.filter(snapshot__participant_id=pk)
            .values_list("member_a_id", "member_b_id", "strength", "origin")
            .order_by("id")
        ),
        "snapshot_members": list(
            SnapshotMember.objects.filter(snapshot__participant_id=pk)
            .values_list("sector", "ring")
            .order_by("id")
        ),
        "measurements": list(
            Measurement.objects.filter(participant_id=pk)
            .values_list("instrument__code", "taken_on", "answers", "scores", "total", "band")
            .order_by("id")
        ),
        "consents": list(
            Consent.objects.filter(participant_id=pk)
            .values_list("purpose", "given_on", "method")
            .order_by("id")
        ),
        "goals": list(participant.goals.values_list("work_model__code", "status").order_by("id")),
        "contacts": list(
            ContactLog.objects.filter(match__participant_id=pk)
            .values_list("date", "duration_minutes", "how_it_went", "worried")
            .order_by("id")
        ),
        "attendance": Attendance.objects.filter(member__participant_id=pk).count(),
        "placement_hours": list(
            VolunteerPlacement.objects.filter(participant_id=pk).values_list("hours", "per")
        ),
        "person": (
            fresh.birth_year,
            fresh.gender,
            fresh.languages,
            fresh.municipality,
            fresh.household,
            fresh.organisation_id,
            fresh.social_worker_id,
        ),
    }
