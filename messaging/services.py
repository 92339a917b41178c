"""Writes: sending a message to one person or a group (through the outbox, in one
transaction and one INSERT), organisation templates and their defaults, contact preferences,
and a letter posted or a call made by hand. Every send and change is audited (ids only)."""

import dataclasses
import datetime
import re
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership, Organisation, Role
from notifications.messages import MessageDraft
from notifications.models import Message
from notifications.services import queue_messages
from notifications.sms import segments
from participants.models import Participant
from participants.services import participant_update

from . import selectors
from .models import PLACEHOLDER_RE, ContactPreference, HandDelivery, MessageTemplate
from .reach import Person, Reach, not_before, reach

BATCH_RE = re.compile(r"^[0-9a-f]{32}$")

# Created for every organisation (plain Dutch, B1: short sentences, everyday words).
DEFAULT_TEMPLATES = [
    (
        "Afspraak",
        "Uw afspraak",
        "Dag {voornaam}, we hebben een afspraak op {datum} om {tijd} in {plaats}. "
        "Lukt het niet? Bel of stuur een bericht. Groeten, {begeleider}",
    ),
    (
        "Groepssessie",
        "Volgende bijeenkomst",
        "Dag {voornaam}, de groep komt weer samen op {datum} om {tijd} in {plaats}. "
        "We rekenen op je! Groeten, {begeleider}",
    ),
    (
        "Herinnering",
        "Even een herinnering",
        "Dag {voornaam}, niet vergeten: {datum} om {tijd} in {plaats}. Tot dan! {begeleider}",
    ),
    (
        "Even horen hoe het gaat",
        "Hoe gaat het?",
        "Dag {voornaam}, hoe gaat het met je? Ik hoor graag van je. Groeten, {begeleider}",
    ),
]


def new_batch() -> str:
    """The key of one send: a form carries it, so submitting twice queues nothing twice."""
    return uuid.uuid4().hex


@dataclasses.dataclass
class Values:
    """What the placeholders stand for in one send (the first name is per person)."""

    sender_name: str = ""
    organisation_name: str = ""
    date: datetime.date | None = None
    time: datetime.time | None = None
    place: str = ""

    def as_dict(self, first_name: str) -> dict[str, str]:
        return {
            "voornaam": first_name,
            "datum": formats.date_format(self.date, "j F Y") if self.date else "",
            "tijd": formats.time_format(self.time, "H:i") if self.time else "",
            "plaats": self.place,
            "begeleider": self.sender_name,
            "organisatie": self.organisation_name,
        }


MISSING_WORDS = {
    "datum": gettext_lazy("Give the date: the text uses {datum}."),
    "tijd": gettext_lazy("Give the time: the text uses {tijd}."),
    "plaats": gettext_lazy("Give the place: the text uses {plaats}."),
}


def missing_values(text: str, values: Values) -> dict[str, str]:
    """{form field: message} for each placeholder the text uses that has no value."""
    used = set(PLACEHOLDER_RE.findall(text))
    given = {"datum": values.date, "tijd": values.time, "plaats": values.place}
    fields = {"datum": "date", "tijd": "time", "plaats": "place"}
    return {
        fields[name]: str(MISSING_WORDS[name])
        for name in fields
        if name in used and not given[name]
    }


def render(text: str, values: Values, first_name: str) -> str:
    mapping = values.as_dict(first_name)
    return PLACEHOLDER_RE.sub(lambda m: mapping.get(m.group(1), m.group(0)), text).strip()


@dataclasses.dataclass
class Preview:
    included: list[Reach]
    left_out: list[Reach]
    example: str = ""  # the exact text for the first person included
    parts: int = 0  # its SMS count
    encoding: str = ""
    channels: dict[str, int] = dataclasses.field(default_factory=dict)


def preview(
    *, people: list[Person], channel: str, body: str, values: Values, opted_out: set[str]
) -> Preview:
    reaches = [reach(person, channel, opted_out) for person in people]
    included = [r for r in reaches if r.included]
    result = Preview(included=included, left_out=[r for r in reaches if not r.included])
    for r in included:
        result.channels[r.channel_label] = result.channels.get(r.channel_label, 0) + 1
    first = included[0].person.first_name if included else (people[0].first_name if people else "")
    result.example = render(body, values, first)
    result.parts, result.encoding = segments(result.example)
    return result


def _check_sender(membership: Membership) -> None:
    if membership is None or membership.role not in selectors.SENDER_ROLES:
        raise PermissionDenied


@transaction.atomic
def message_send(
    *,
    membership: Membership,
    people: list[Person],
    channel: str,
    body: str,
    subject: str = "",
    values: Values,
    batch: str,
    about_type: str = "",
    about_id: int | None = None,
) -> Preview:
    """Queue one message per person the channel reaches (one INSERT); the others are left out
    with their reason. The caller checked that each person is within the sender's reach."""
    _check_sender(membership)
    if not BATCH_RE.match(batch or ""):
        raise ValidationError({"batch": _("This form is out of date. Open it again.")})
    if not body.strip():
        raise ValidationError({"body": _("Write a text or choose a template.")})
    missing = missing_values(body + subject, values)
    if missing:
        raise ValidationError(missing)
    opted_out = selectors.opted_out_numbers(people)
    result = preview(people=people, channel=channel, body=body, values=values, opted_out=opted_out)
    if not result.included:
        raise ValidationError(
            _("Nobody can be reached this way: %(reasons)s.")
            % {"reasons": "; ".join(sorted({r.reason_text for r in result.left_out}))}
        )
    now = timezone.now()
    drafts = [
        MessageDraft(
            organisation_id=membership.organisation_id,
            channel=r.channel,
            recipient_type=r.person.type,
            recipient_id=r.person.id,
            address=r.address,
            body=render(body, values, r.person.first_name),
            key=f"send:{batch}:{r.person.type}:{r.person.id}",
            sender_id=membership.user_id,
            subject=render(subject, values, r.person.first_name),
            about_type=about_type,
            about_id=about_id,
            not_before=not_before(r.person, now) if r.channel != Message.Channel.LETTER else None,
        )
        for r in result.included
    ]
    queue_messages(drafts=drafts)
    by_type: dict[str, list[int]] = {}
    for r in result.included:
        by_type.setdefault(r.person.type, []).append(r.person.id)
    for person_type, ids in by_type.items():
        audit_record(
            actor=membership.user,
            organisation=membership.organisation,
            action=AuditEvent.Action.CREATE,
            object_type=f"messages to {person_type}",
            object_ids=ids,
        )
    return result


# Templates.


def templates_ensure_defaults(*, organisation: Organisation) -> int:
    """The default templates, once per organisation (a name that exists is left alone)."""
    rows = [
        MessageTemplate(organisation=organisation, name=name, subject=subject, body=body)
        for name, subject, body in DEFAULT_TEMPLATES
    ]
    before = MessageTemplate.objects.filter(organisation=organisation).count()
    MessageTemplate.objects.bulk_create(rows, ignore_conflicts=True)
    return MessageTemplate.objects.filter(organisation=organisation).count() - before


def organisation_created(sender, instance: Organisation, created: bool, raw: bool = False, **kw):
    """A new organisation starts with the default templates (post_save of Organisation)."""
    if created and not raw:
        templates_ensure_defaults(organisation=instance)


def _require_org_admin(membership: Membership) -> None:
    if membership is None or membership.role != Role.ORG_ADMIN:
        raise PermissionDenied


@transaction.atomic
def template_save(
    *, membership: Membership, template: MessageTemplate | None, data: dict
) -> MessageTemplate:
    _require_org_admin(membership)
    if template is None:
        template = MessageTemplate(organisation_id=membership.organisation_id)
    elif template.organisation_id != membership.organisation_id:
        raise PermissionDenied
    for field in ("name", "subject", "body", "active"):
        if field in data:
            setattr(template, field, data[field])
    template.full_clean()
    created = template.pk is None
    template.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        obj=template,
        fields=[f for f in ("name", "subject", "body", "active") if f in data],
    )
    return template


# Preferences.


@transaction.atomic
def preference_save(
    *,
    membership: Membership,
    person_type: str,
    person_id: int,
    channel: str | None = None,
    quiet_from: datetime.time | None = None,
    quiet_until: datetime.time | None = None,
    participant: Participant | None = None,
) -> ContactPreference:
    """Quiet hours for anyone; the preferred way for volunteers and staff here, for a
    participant on their file (through participants' own service)."""
    if (quiet_from is None) != (quiet_until is None):
        raise ValidationError(
            {"quiet_until": _("Give both the start and the end of the quiet hours.")}
        )
    pref = ContactPreference.objects.filter(person_type=person_type, person_id=person_id).first()
    if pref is None:
        pref = ContactPreference(
            organisation_id=membership.organisation_id,
            person_type=person_type,
            person_id=person_id,
        )
    before = (pref.channel, pref.quiet_from, pref.quiet_until)
    if participant is not None:
        if channel is not None:
            file_channel = participant_channel(channel)
            participant_update(
                membership=membership,
                participant=participant,
                data={"preferred_channel": file_channel},
            )
    elif channel is not None:
        pref.channel = channel
    pref.quiet_from, pref.quiet_until = quiet_from, quiet_until
    changed = pref.pk is None or (pref.channel, pref.quiet_from, pref.quiet_until) != before
    if pref.pk is None and not (pref.channel or pref.quiet_from):
        return pref  # nothing chosen yet: no row, nothing to audit
    if not changed:
        return pref  # saved unchanged: nothing written
    pref.full_clean(validate_unique=False)
    pref.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=pref,
        fields=[
            name
            for name, old in zip(("channel", "quiet_from", "quiet_until"), before, strict=True)
            if getattr(pref, name) != old
        ],
    )
    return pref


def participant_channel(channel: str) -> str:
    """A channel code as the file's preferred way to be reached."""
    return {
        Message.Channel.SMS: Participant.Channel.SMS,
        Message.Channel.EMAIL: Participant.Channel.EMAIL,
        Message.Channel.LETTER: Participant.Channel.LETTER,
        Message.Channel.CALL: Participant.Channel.PHONE,
        "": "",
    }.get(channel, "")


# Letters and calls done by hand.


@transaction.atomic
def hand_delivery_record(
    *, membership: Membership, message: Message, note: str = ""
) -> HandDelivery:
    """A letter posted or a call made: the message is delivered, by whom and when."""
    _check_sender(membership)
    message = Message.objects.select_for_update().get(pk=message.pk)
    if message.channel not in (Message.Channel.LETTER, Message.Channel.CALL):
        raise ValidationError(_("Only letters and calls are marked done by hand."))
    if message.status != Message.Status.QUEUED:
        raise ValidationError(_("This was marked done already."))
    now = timezone.now()
    message.status = Message.Status.DELIVERED
    message.sent_at = message.sent_at or now
    message.delivered_at = now
    message.save(update_fields=["status", "sent_at", "delivered_at"])
    done = HandDelivery(message=message, done_by=membership.user, done_at=now, note=note[:200])
    done.full_clean()
    done.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=message,
        fields=["status", "delivered_at"],
    )
    return done


def hand_deliveries_record(*, membership: Membership, messages: list[Message]) -> int:
    """The day's letters printed and posted in one go."""
    count = 0
    for message in messages:
        if message.status == Message.Status.QUEUED:
            hand_delivery_record(membership=membership, message=message)
            count += 1
    return count
