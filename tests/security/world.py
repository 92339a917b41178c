"""One organisation with a record of every kind, a person in every role, and a second organisation.

Built once for tests/security (see `build_world` and conftest.py); the access matrix, the API
write order and the API fuzzing read it.
The `social_worker` owns the files; the `volunteer` is the buddy of the match and facilitates
the group; the `colleague` is a second social worker without team access.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from accounts import services as account_services
from accounts.models import Membership, Organisation, RememberedDevice, Role
from buddies import services as buddy_services
from buddies.models import InterestTag
from calendars import services as calendar_services
from groups import services as group_services
from groups.models import AttendanceSignal
from messaging import selectors as messaging_selectors
from messaging.models import MessageTemplate
from messaging.services import preference_save, templates_ensure_defaults
from notifications.models import Message
from notifications.services import queue_message
from participants.models import Instrument, NetworkSnapshot, OrganisationInstrument
from participants.models.network import Sector
from participants.services import family_plans, measurements, network, network_ties
from participants.services.access_blocks import access_block_create
from safety import services as safety_services
from safety.models import FlagKind
from signalling import services as signal_services
from signalling.models import SignalTheme
from signalling.selectors import Source
from tests.buddies.conftest import make_participant, make_request, make_volunteer
from tests.factories import MembershipFactory, OrganisationFactory
from tests.groups.conftest import make_group, make_session
from tests.participants.factories import (
    GoalFactory,
    GoalNoteFactory,
    InterventionFactory,
    TrajectoryFactory,
)
from workmodels import services as workmodel_services
from workmodels.models import WorkModel

from .world_details import fill_in_every_field

ROLES = (
    "social_worker",
    "colleague",
    "coordinator",
    "volunteer",
    "researcher",
    "org_admin",
    "other_org_worker",
    "other_org_admin",
    "anonymous",
    "policy_analyst",
)
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LSNS_ANSWERS = {f"lsns_{i}": "two" for i in range(1, 7)}


@dataclass
class World:
    members: dict[str, Membership] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def build_world() -> World:
    world = World()
    organisation = OrganisationFactory(name="CAW Matrix")
    other = OrganisationFactory(name="OCMW Elders")
    roles = {
        "social_worker": (organisation, Role.SOCIAL_WORKER),
        "colleague": (organisation, Role.SOCIAL_WORKER),
        "coordinator": (organisation, Role.COORDINATOR),
        "volunteer": (organisation, Role.VOLUNTEER),
        "researcher": (organisation, Role.RESEARCHER),
        "org_admin": (organisation, Role.ORG_ADMIN),
        "other_org_worker": (other, Role.SOCIAL_WORKER),
        "other_org_admin": (other, Role.ORG_ADMIN),
    }
    for name, (org, role) in roles.items():
        world.members[name] = MembershipFactory(organisation=org, role=role)
    # The policy analyst works for a municipality of their own (the only kind that may have
    # one): none of the two organisations' records are theirs, only the signals report.
    municipality = OrganisationFactory(name="Gemeente Matrix", kind=Organisation.Kind.MUNICIPALITY)
    world.members["policy_analyst"] = MembershipFactory(
        organisation=municipality, role=Role.POLICY_ANALYST
    )
    sw = world.members["social_worker"]
    coordinator = world.members["coordinator"]
    admin = world.members["org_admin"]
    researcher = world.members["researcher"]
    o = world.objects
    o["organisation"] = organisation

    # The participant file, with file and buddy-sharing consent, and every kind of record.
    participant = make_participant(sw)
    o["participant"] = participant
    o["consent"] = participant.consents.order_by("pk").first()
    o["trajectory"] = TrajectoryFactory(
        participant=participant, work_model=WorkModel.objects.get(code="own_network")
    )
    o["goal"] = GoalFactory(participant=participant)
    o["goal_note"] = GoalNoteFactory(goal=o["goal"])
    o["intervention"] = InterventionFactory(participant=participant, follow_up_on=TODAY + DAY)
    o["network_member"] = network.network_member_create(
        membership=sw,
        participant=participant,
        data={
            "label": "Zus Leen",
            "sector": "family",
            "ring": "very_close",
            "support": ["emotional"],
            "direction": "mutual",
            "frequency": "weekly",
            "origin": "family_conference",
            "origin_detail": "Familieberaad",
        },
    )
    o["snapshot"] = network.network_snapshot_take(
        membership=sw,
        participant=participant,
        taken_on=TODAY - 10 * DAY,
        kind=NetworkSnapshot.Kind.BASELINE,
    )
    # A tie between two members of today's map (after the snapshot: the baseline stays as is).
    # The first two members of the map's list stay untied: the tie form can join them.
    network.network_member_create(
        membership=sw,
        participant=participant,
        data={"label": "Vriend Tom", "sector": "friends", "ring": "close"},
    )
    neighbour = network.network_member_create(
        membership=sw,
        participant=participant,
        data={"label": "Buurman", "sector": "neighbours", "ring": "acquaintance"},
    )
    o["member_tie"] = network_ties.member_tie_create(
        membership=sw,
        participant=participant,
        data={
            "member_a": o["network_member"],
            "member_b": neighbour,
            "strength": "strong",
            "tension": "tense",
            "origin": "neighbourhood",
            "origin_detail": "Buurtfeest",
        },
    )
    o["instrument"] = Instrument.objects.get(code="lsns6")
    OrganisationInstrument.objects.create(organisation=organisation, instrument=o["instrument"])
    o["measurement"] = measurements.measurement_record(
        membership=sw,
        participant=participant,
        instrument=o["instrument"],
        taken_on=TODAY - 5 * DAY,
        answers=LSNS_ANSWERS,
    )
    o["plan"] = family_plans.family_plan_create(
        membership=sw,
        participant=participant,
        data={"kind": "conference", "held_on": TODAY - 20 * DAY, "evaluation_on": TODAY + 8 * DAY},
    )
    o["agreement"] = family_plans.agreement_add(
        membership=sw,
        plan=o["plan"],
        data={"what": "Boodschappen", "member": o["network_member"].pk, "due_on": TODAY + 7 * DAY},
    )

    # Buddies: the volunteer's profile, an active match with a contact log and a check-in,
    # and a second request still waiting.
    o["buddy"] = make_volunteer(organisation, membership=world.members["volunteer"])
    o["match_request"] = make_request(sw, participant=participant)
    match = buddy_services.match_propose(
        membership=coordinator, request=o["match_request"], volunteer=o["buddy"]
    )
    match = buddy_services.match_plan_intro(
        membership=coordinator,
        match=match,
        intro_at=timezone.now() - 3 * DAY,
        intro_place="Het buurthuis",
    )
    o["match"] = buddy_services.match_activate(membership=coordinator, match=match)
    o["contact_log"] = buddy_services.contact_log_create(
        membership=world.members["volunteer"],
        match=o["match"],
        data={"date": TODAY - DAY, "duration_minutes": 60, "what_we_did": "Wandeling"},
    )
    o["check_in"] = buddy_services.check_in_create(
        membership=coordinator,
        match=o["match"],
        data={"date": TODAY, "volunteer_side": "good", "participant_side": "good"},
    )
    # A worry the volunteer logged, turned into a flag on the match that the coordinator
    # passed on to the volunteer and asked to end (a second staff member may confirm).
    o["worry"] = buddy_services.contact_log_create(
        membership=world.members["volunteer"],
        match=o["match"],
        data={
            "date": TODAY - DAY,
            "duration_minutes": 30,
            "worried": True,
            "worry_note": "Ze was bang van haar buurman",
        },
    )
    o["flag"] = safety_services.flag_raise(
        membership=coordinator,
        match=o["match"],
        kind=FlagKind.objects.get(organisation=organisation, code="no_contact"),
        text="De buurman niet binnenlaten",
        source_worry=o["worry"],
        pass_on_to_volunteer=True,
        volunteer_text="Laat niemand anders binnen.",
    )
    safety_services.flag_request_end(
        membership=coordinator, flag=o["flag"], reason="De buurman is verhuisd"
    )
    o["waiting_request"] = make_request(sw)
    o["interest"] = InterestTag.objects.create(organisation=organisation, name="Wandelen")
    o["waiting_request"].interests.add(o["interest"])

    # Group work: the volunteer facilitates a group the participant is a member of.
    group = make_group(sw, facilitators=[world.members["volunteer"].user])
    o["group"] = group
    o["group_member"] = group_services.member_add(
        membership=sw, group=group, participant=participant, joined_on=group.starts_on
    )
    o["session"] = make_session(world.members["volunteer"], group, days_ago=1)
    o["tie"] = group_services.tie_propose(
        membership=world.members["volunteer"],
        member=o["group_member"],
        label="Fatima",
        sector=Sector.PEERS,
        session=o["session"],
    )
    o["signal"] = AttendanceSignal.objects.create(
        group=group,
        member=o["group_member"],
        participant=participant,
        last_session=o["session"],
        detected_on=TODAY,
    )
    o["placement"] = group_services.placement_create(
        membership=sw,
        participant=participant,
        data={
            "where": "Sociaal restaurant",
            "what": "Keuken",
            "hours": 4,
            "per": "week",
            "status": "active",
            "since": TODAY - 30 * DAY,
        },
    )

    # Work models, the directory, findings.
    o["work_model"] = WorkModel.objects.get(code="buddy")
    o["initiative"] = workmodel_services.initiative_create(
        membership=coordinator,
        data={
            "name": "Buddywerking Gent",
            "provider": "CAW",
            "municipalities": ["Gent"],
            "languages": ["nl"],
            "contact_email": "buddywerking@caw.example",
            "run_by": coordinator.organisation,
        },
        work_models=WorkModel.objects.filter(code="buddy"),
    )
    o["referral"] = _referral(sw, participant, other, world.members["other_org_admin"])
    from findings import services as finding_services

    o["focus_group"] = finding_services.focus_group_create(
        membership=researcher,
        data={"held_on": datetime.date(2025, 3, 1), "kind": "experience_experts", "people": 6},
    )
    o["quote"] = finding_services.quote_add(
        membership=researcher,
        focus_group=o["focus_group"],
        text="Ik kwam buiten.",
        speaker_kind="experience_expert",
    )
    o["finding"] = finding_services.finding_create(
        membership=researcher,
        data={"kind": "strength", "work_model": o["work_model"], "statement_nl": "Vast gezicht"},
        quotes=[o["quote"]],
    )

    # Organisation: an open invitation, the colleague's membership to edit.
    o["invitation"], o["invitation_token"] = account_services.invitation_create(
        organisation=organisation,
        email="nieuw@example.org",
        role=Role.SOCIAL_WORKER,
        invited_by=admin.user,
    )
    o["membership"] = world.members["colleague"]
    # The volunteer's remembered phone (accounts.devices).
    o["device"] = RememberedDevice.objects.create(
        user=world.members["volunteer"].user,
        organisation=organisation,
        token_hash="0" * 64,
        label="Android · Chrome",
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    # A planned stand-in (from tomorrow): it gives the colleague nothing yet, so the rows of
    # every other page stay as they are.
    from participants.services.handover import stand_in_create

    o["stand_in"] = stand_in_create(
        membership=admin,
        absent_worker=sw.user,
        stand_in=world.members["colleague"].user,
        starts_on=TODAY + DAY,
        ends_on=TODAY + 10 * DAY,
    )
    # An access block of a person who holds no role of the table (a neighbour of the
    # participant): it changes nothing for the table's roles, and gives the block pages a row.
    neighbour = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    o["access_block"] = access_block_create(
        membership=admin, participant=participant, user=neighbour.user, reason="neighbour"
    )
    o["reminder"] = _reminder(sw, participant)
    # The social worker's calendar link (its token is never needed: the feed's row uses an
    # unknown token, which answers 404 to everyone).
    o["calendar_feed"], _token = calendar_services.feed_create(membership=sw)
    o["sms_message"], o["inbound"] = _sms(sw, participant)
    # A structural signal the social worker recorded from the file (no names in the story).
    o["signal_theme"] = SignalTheme.objects.get(organisation=organisation, code="transport")
    o["structural_signal"] = signal_services.signal_record(
        membership=sw,
        source=Source("file", participant=participant),
        data={
            "theme": o["signal_theme"],
            "municipality": "Gent",
            "occurred_on": TODAY - 2 * DAY,
            "work_model": o["work_model"],
            "initiative": o["initiative"],
            "story": "De bus naar het dienstencentrum rijdt niet meer op zondag.",
            "participant_counted": True,
        },
    )
    # Messages: the organisation's templates and a letter waiting to be posted.
    templates_ensure_defaults(organisation=organisation)
    o["message_template"] = MessageTemplate.objects.filter(organisation=organisation).first()
    # The social worker's own way to be reached, every field chosen (the edit round trip).
    person_type, person_id = messaging_selectors.own_person(sw)
    o["contact_preference"] = preference_save(
        membership=sw,
        person_type=person_type,
        person_id=person_id,
        channel="email",
        quiet_from=datetime.time(21),
        quiet_until=datetime.time(8),
    )
    o["letter"] = queue_message(
        organisation=organisation,
        channel=Message.Channel.LETTER,
        recipient_type=Message.RecipientType.PARTICIPANT,
        recipient_id=participant.pk,
        address="Lien Peeters\nKerkstraat 1\n9000 Gent",
        body="Dag Lien",
        key="matrix-letter",
        sender=sw.user,
    )
    fill_in_every_field(world)
    return world


def _referral(membership, participant, to_organisation, receiver):
    """A referral from the first organisation's worker to an initiative the second runs."""
    from referrals.models import Referral

    initiative = workmodel_services.initiative_create(
        membership=receiver,
        data={"name": "Buddy Elders", "provider": "OCMW Elders", "run_by": to_organisation},
        work_models=WorkModel.objects.filter(code="buddy"),
    )
    return Referral.objects.create(
        organisation=membership.organisation,
        participant=participant,
        sent_by=membership.user,
        initiative=initiative,
        initiative_name=initiative.name,
        to_organisation=to_organisation,
        work_model=WorkModel.objects.get(code="buddy"),
        shared_items=["first_name", "reason"],
        shared={"first_name": participant.first_name, "reason": "Ik wil iemand om mee te praten."},
        consent_method="oral",
        consent_given_on=TODAY,
        consent_purpose="Een buddy zoeken",
        consent_recorded_by=membership.user,
    )


def _sms(membership, participant):
    """An SMS sent to the participant and their reply, waiting on the incoming page."""
    from notifications.models import InboundMessage, Message

    message = Message.objects.create(
        organisation=membership.organisation,
        key=f"security_matrix:{participant.pk}",
        channel=Message.Channel.SMS,
        recipient_type=Message.RecipientType.PARTICIPANT,
        recipient_id=participant.pk,
        address="+32499000999",
        body="Tot dinsdag.",
        status=Message.Status.SENT,
        sent_at=timezone.now(),
        sender=membership.user,
    )
    inbound = InboundMessage.objects.create(
        organisation=membership.organisation,
        from_number="+32499000999",
        text="OK",
        received_at=timezone.now(),
        kind=InboundMessage.Kind.YES,
        reply_to=message,
    )
    return message, inbound


def _reminder(membership, participant):
    try:
        from notifications.models import Reminder
    except ImportError:  # the reminders app is not there (yet)
        return None
    return Reminder.objects.create(
        organisation=membership.organisation,
        rule="security_matrix",
        object_type="participant",
        object_id=participant.pk,
        due_on=TODAY,
        recipient=membership.user,
        link=f"/participants/{participant.pk}/",
        status=Reminder.Status.SENT,
        sent_at=timezone.now(),
    )
