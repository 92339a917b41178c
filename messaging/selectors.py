"""Reads: the people a message can go to (as `reach.Person`s, in a constant number of
queries), who may send to whom, a person's message log, and the letters and calls waiting."""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role
from buddies.models import Volunteer
from buddies.selectors import volunteers_visible_to
from groups.models import Group, GroupMember
from groups.selectors import groups_visible_to, is_facilitator
from notifications.models import InboundMessage, Message, SmsOptOut
from participants.models import Consent, Participant
from participants.selectors import (
    caseload,
    participant_editable_by,
    participant_get_for,
)

from .models import ContactPreference, MessageTemplate
from .reach import Person

# How the file's "preferred way to be reached" maps onto a channel: in person and through
# the worker both mean the worker phones.
PARTICIPANT_CHANNEL = {
    Participant.Channel.PHONE: Message.Channel.CALL,
    Participant.Channel.SMS: Message.Channel.SMS,
    Participant.Channel.EMAIL: Message.Channel.EMAIL,
    Participant.Channel.LETTER: Message.Channel.LETTER,
    Participant.Channel.IN_PERSON: Message.Channel.CALL,
    Participant.Channel.VIA_WORKER: Message.Channel.CALL,
}
LOG_LIMIT = 50
SENDER_ROLES = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN})


def contact_consent_in_force() -> Exists:
    return Exists(
        Consent.objects.in_force().filter(
            participant=OuterRef("pk"), purpose=Consent.Purpose.CONTACT
        )
    )


def _preferences(person_type: str, ids: list[int]) -> dict[int, ContactPreference]:
    if not ids:
        return {}
    rows = ContactPreference.objects.filter(person_type=person_type, person_id__in=ids)
    return {row.person_id: row for row in rows}


def _postal(participant: Participant) -> str:
    if not participant.address:
        return ""
    place = f"{participant.postcode} {participant.municipality}".strip()
    if place and place not in participant.address:
        return f"{participant.address}\n{place}"
    return participant.address


def participant_people(participants: QuerySet[Participant]) -> list[Person]:
    """Two queries, whatever the number of participants."""
    rows = list(
        participants.annotate(contact_consent=contact_consent_in_force()).only(
            "pk",
            "first_name",
            "preferred_name",
            "last_name",
            "phone",
            "email",
            "address",
            "postcode",
            "municipality",
            "preferred_channel",
        )
    )
    prefs = _preferences(Message.RecipientType.PARTICIPANT, [row.pk for row in rows])
    people = []
    for row in rows:
        pref = prefs.get(row.pk)
        people.append(
            Person(
                type=Message.RecipientType.PARTICIPANT,
                id=row.pk,
                first_name=row.short_name,
                name=row.display_name,
                phone=row.phone,
                email=row.email,
                postal=_postal(row),
                preferred=PARTICIPANT_CHANNEL.get(row.preferred_channel, ""),
                consent=row.contact_consent,
                quiet_from=pref.quiet_from if pref else None,
                quiet_until=pref.quiet_until if pref else None,
            )
        )
    return people


def volunteer_people(volunteers: QuerySet[Volunteer]) -> list[Person]:
    rows = list(volunteers.select_related("user"))
    prefs = _preferences(Message.RecipientType.VOLUNTEER, [row.pk for row in rows])
    people = []
    for row in rows:
        pref = prefs.get(row.pk)
        people.append(
            Person(
                type=Message.RecipientType.VOLUNTEER,
                id=row.pk,
                first_name=row.short_name,
                name=row.full_name,
                phone=row.phone,
                email=row.contact_email,
                preferred=pref.channel if pref else "",
                quiet_from=pref.quiet_from if pref else None,
                quiet_until=pref.quiet_until if pref else None,
            )
        )
    return people


def opted_out_numbers(people: list[Person]) -> set[str]:
    numbers = {person.phone for person in people if person.phone}
    if not numbers:
        return set()
    return set(SmsOptOut.objects.filter(number__in=numbers).values_list("number", flat=True))


# Who may send to whom. Out of reach: 404; visible but not one's to message: 403.


def participant_to_message(membership: Membership | None, pk: int) -> Participant:
    """The assigned social worker (or their stand-in) messages a participant; colleagues and
    org admins who can read the file get 403, everyone else 404."""
    participant = participant_get_for(membership, pk)
    if not participant_editable_by(membership, participant):
        raise PermissionDenied
    return participant


def volunteer_to_message(membership: Membership | None, pk: int) -> Volunteer:
    if membership is None or membership.role not in (Role.COORDINATOR, Role.ORG_ADMIN):
        raise Http404
    volunteer = volunteers_visible_to(membership).filter(pk=pk).first()
    if volunteer is None:
        raise Http404
    return volunteer


def may_message_volunteers(membership: Membership | None) -> bool:
    return membership is not None and membership.role in (Role.COORDINATOR, Role.ORG_ADMIN)


def group_to_message(membership: Membership | None, pk: int) -> Group:
    """A group's staff facilitators and the org admin message its members."""
    group = groups_visible_to(membership).filter(pk=pk).first()
    if group is None:
        raise Http404
    if membership.role not in SENDER_ROLES or not (
        membership.role == Role.ORG_ADMIN or is_facilitator(membership, group)
    ):
        raise PermissionDenied
    return group


def group_members(group: Group) -> QuerySet[Participant]:
    current = GroupMember.objects.filter(group=group, left_on__isnull=True)
    return Participant.objects.filter(
        pk__in=current.values("participant_id"), anonymised_on__isnull=True
    ).exclude(status=Participant.Status.CLOSED)


def volunteers_with_status(membership: Membership, status: str) -> QuerySet[Volunteer]:
    return volunteers_visible_to(membership).filter(status=status)


# Templates.


def templates_for(organisation_id: int, *, active_only: bool = True) -> QuerySet[MessageTemplate]:
    templates = MessageTemplate.objects.filter(organisation_id=organisation_id)
    return templates.filter(active=True) if active_only else templates


# The message log.


def message_log(organisation_id: int, recipient_type: str, recipient_id: int) -> list[Message]:
    """The newest messages to one person, with the replies that came in and who posted a
    letter or made a call: three queries."""
    return list(
        Message.objects.filter(
            organisation_id=organisation_id,
            recipient_type=recipient_type,
            recipient_id=recipient_id,
        )
        .select_related("sender", "hand_delivery__done_by")
        .prefetch_related(
            Prefetch("replies", queryset=InboundMessage.objects.order_by("received_at", "id"))
        )
        .order_by("-created_at", "-id")[:LOG_LIMIT]
    )


def can_read_participant_log(membership: Membership | None, participant: Participant) -> bool:
    return participant_editable_by(membership, participant) or (
        membership is not None and membership.role == Role.ORG_ADMIN
    )


def messages_file_card(request, participant: Participant):
    """The file's card: the message log loads by itself (htmx), for those who may read it."""
    membership = getattr(request, "membership", None)
    if membership is None or not can_read_participant_log(membership, participant):
        return None
    return (
        "messaging/_file_card.html",
        {
            "participant": participant,
            "may_send": participant_editable_by(membership, participant),
        },
    )


# Letters and calls waiting.


def hand_work(membership: Membership, channel: str) -> QuerySet[Message]:
    """Letters to print or calls to make: the ones this person sent, those for the files they
    work on, and for an org admin the organisation's."""
    waiting = Message.objects.filter(
        organisation_id=membership.organisation_id,
        channel=channel,
        status=Message.Status.QUEUED,
    )
    if membership.role == Role.ORG_ADMIN:
        mine = Q()
    elif membership.role == Role.SOCIAL_WORKER:
        mine = Q(sender_id=membership.user_id) | Q(
            recipient_type=Message.RecipientType.PARTICIPANT,
            recipient_id__in=caseload(membership).values("pk"),
        )
    elif membership.role == Role.COORDINATOR:
        mine = Q(sender_id=membership.user_id)
    else:
        return waiting.none()
    return (
        waiting.filter(mine).select_related("sender", "organisation").order_by("created_at", "id")
    )


def hand_work_item(membership: Membership, pk: int) -> Message:
    message = (
        Message.objects.filter(
            pk=pk,
            organisation_id=membership.organisation_id,
            channel__in=[Message.Channel.LETTER, Message.Channel.CALL],
        )
        .filter(pk__in=_reach_ids(membership))
        .first()
    )
    if message is None:
        raise Http404
    return message


def _reach_ids(membership: Membership):
    if membership.role not in SENDER_ROLES:
        return Message.objects.none().values("pk")
    letters = hand_work(membership, Message.Channel.LETTER).values("pk")
    calls = hand_work(membership, Message.Channel.CALL).values("pk")
    return Message.objects.filter(Q(pk__in=letters) | Q(pk__in=calls)).values("pk")


def own_person(membership: Membership) -> tuple[str, int]:
    """Who the logged-in person is as a recipient: their volunteer profile, else their user."""
    if membership.role == Role.VOLUNTEER:
        volunteer = (
            Volunteer.objects.filter(
                organisation_id=membership.organisation_id, user_id=membership.user_id
            )
            .only("pk")
            .first()
        )
        if volunteer is not None:
            return Message.RecipientType.VOLUNTEER, volunteer.pk
    return Message.RecipientType.USER, membership.user_id
