"""Writing messages into the outbox. `queue_message` / `queue_messages` are re-exported by
`notifications.services`; case apps call them inside their own transaction, so a message exists
exactly when the change that causes it was committed. Sending starts after the commit.
"""

import dataclasses
import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organisation, User

from . import message_dispatch
from .models import BODY_MAX_LENGTH, Message, SmsOptOut
from .sms import SMS_MAX_PARTS, segments


@dataclasses.dataclass(frozen=True)
class MessageDraft:
    """One message for `queue_messages` (a group send); the fields of `queue_message`."""

    organisation_id: int
    channel: str
    recipient_type: str
    recipient_id: int
    address: str
    body: str
    key: str
    sender_id: int | None = None
    subject: str = ""
    about_type: str = ""
    about_id: int | None = None
    not_before: datetime.datetime | None = None


def _row(draft: MessageDraft, opted_out: set[str]) -> Message:
    if draft.channel not in Message.Channel.values:
        raise ValueError(f"Unknown channel {draft.channel!r}")
    if draft.recipient_type not in Message.RecipientType.values:
        raise ValueError(f"Unknown recipient type {draft.recipient_type!r}")
    if not draft.key:
        raise ValueError("A message needs a key")
    if len(draft.body) > BODY_MAX_LENGTH:
        raise ValidationError(
            {"body": _("The text is too long (at most %(max)s characters).")},
            params={"max": BODY_MAX_LENGTH},
        )
    if draft.channel in (Message.Channel.SMS, Message.Channel.EMAIL) and not draft.address:
        raise ValidationError({"address": _("An SMS or e-mail needs a phone number or address.")})
    row = Message(
        organisation_id=draft.organisation_id,
        key=draft.key,
        channel=draft.channel,
        recipient_type=draft.recipient_type,
        recipient_id=draft.recipient_id,
        address=draft.address,
        subject=draft.subject,
        body=draft.body,
        sender_id=draft.sender_id,
        about_type=draft.about_type,
        about_id=draft.about_id,
        not_before=draft.not_before,
    )
    if draft.channel == Message.Channel.SMS:
        row.parts, row.encoding = segments(draft.body)
        if row.parts > SMS_MAX_PARTS:
            raise ValidationError(
                {"body": _("The text is too long for an SMS (at most %(max)s parts).")},
                params={"max": SMS_MAX_PARTS},
            )
        if draft.address in opted_out:
            row.status = Message.Status.CANCELLED
            row.failed_reason = "opted out"
    return row


def _opted_out(numbers: Iterable[str]) -> set[str]:
    numbers = {number for number in numbers if number}
    if not numbers:
        return set()
    return set(SmsOptOut.objects.filter(number__in=numbers).values_list("number", flat=True))


def queue_message(
    *,
    organisation: Organisation,
    channel: str,
    recipient_type: str,
    recipient_id: int,
    address: str,
    body: str,
    key: str,
    sender: User | None = None,
    subject: str = "",
    about_type: str = "",
    about_id: int | None = None,
    not_before: datetime.datetime | None = None,
) -> Message:
    """Put one message in the outbox (or return the one with this key: a key never makes a
    second message). An SMS to a number that replied STOP is stored as cancelled. SMS and
    e-mail go out after the caller's transaction commits; letters and calls wait for a person
    to mark them done."""
    existing = Message.objects.filter(key=key).first()
    if existing is not None:
        return existing
    draft = MessageDraft(
        organisation_id=organisation.pk,
        channel=channel,
        recipient_type=recipient_type,
        recipient_id=recipient_id,
        address=address,
        body=body,
        key=key,
        sender_id=sender.pk if sender is not None else None,
        subject=subject,
        about_type=about_type,
        about_id=about_id,
        not_before=not_before,
    )
    row = _row(draft, _opted_out([address] if channel == Message.Channel.SMS else []))
    with transaction.atomic():
        message, created = Message.objects.get_or_create(
            key=key, defaults={f.attname: getattr(row, f.attname) for f in _fields()}
        )
    if created and message.status == Message.Status.QUEUED:
        message_dispatch.kick_after_commit([message.pk], channel=message.channel)
    return message


def queue_messages(*, drafts: Iterable[MessageDraft]) -> int:
    """Put many messages in the outbox in one INSERT (a group send); keys already present are
    skipped. Returns how many rows are new. Sending starts after the caller's commit."""
    drafts = list(drafts)
    numbers = [d.address for d in drafts if d.channel == Message.Channel.SMS]
    opted_out = _opted_out(numbers)
    rows = [_row(draft, opted_out) for draft in drafts]
    if not rows:
        return 0
    keys = [row.key for row in rows]
    before = set(Message.objects.filter(key__in=keys).values_list("key", flat=True))
    Message.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    new_keys = [key for key in keys if key not in before]
    if new_keys:
        channels = {row.channel for row in rows if row.key in set(new_keys)}
        for channel in channels:
            message_dispatch.kick_after_commit([], channel=channel)
    return len(new_keys)


def _fields() -> list:
    return [
        f
        for f in Message._meta.concrete_fields
        if not f.primary_key and f.name not in ("key", "created_at")
    ]
