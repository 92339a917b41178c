"""Incoming SMS: replies to Netwerk's messages, STOP, and texts from unknown numbers.

Kannel's smsbox hands every incoming SMS to `views.sms_inbound`, which calls
`inbound_record`. STOP (in Dutch, French or English) ends SMS to that number at once: the
number is recorded in `SmsOptOut`, queued SMS to it are cancelled, and the signal
`sms_opted_out` tells the case apps (the participants app withdraws the contact consent of
the participants the number belongs to; this app names no case app). An "OK"/"JA"/"NEE" is
linked to the latest SMS sent to that number about something (an appointment, a session), so
the worker sees it on the file. Nothing is dropped: a text from a number Netwerk never wrote
to is kept without organisation, for the instance's org admins to route.
"""

import datetime
import re
import unicodedata

import phonenumbers
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.utils import timezone

from accounts.models import User

from .models import InboundMessage, Message, SmsOptOut

# Sent inside the transaction that records a STOP, with `number` (E.164), `organisation_ids`
# and `recipients`: the (recipient_type, recipient_id) pairs Netwerk sent SMS to at that number.
sms_opted_out = Signal()

STOP_WORDS = {"STOP", "STOPPEN", "STOPP", "ARRET", "ARRETER", "UNSUBSCRIBE", "STOPALL", "END"}
YES_WORDS = {"OK", "OKE", "OKAY", "JA", "YES", "OUI", "GOED", "AKKOORD"}
NO_WORDS = {"NEE", "NO", "NON", "NEEN"}
DEFAULT_REGION = "BE"


def normalise_number(number: str) -> str:
    """E.164 ("+32499123456") for what the gateway passes on ("0499 12 34 56", "32499…",
    "0032…"); the digits with a "+" when the number cannot be read."""
    raw = number.strip()
    candidates = [raw]
    if raw and raw[0].isdigit() and not raw.startswith("0"):
        candidates.insert(0, "+" + raw)  # an international number without its "+"
    for candidate in candidates:
        try:
            parsed = phonenumbers.parse(candidate, DEFAULT_REGION)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    digits_only = "".join(char for char in raw if char.isdigit())
    return f"+{digits_only}" if digits_only else raw[:32]


def _first_word(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().upper()
    words = re.findall(r"[A-Z]+", plain)
    return words[0] if words else ""


def classify(text: str) -> str:
    word = _first_word(text)
    if word in STOP_WORDS:
        return InboundMessage.Kind.STOP
    if word in YES_WORDS:
        return InboundMessage.Kind.YES
    if word in NO_WORDS:
        return InboundMessage.Kind.NO
    return InboundMessage.Kind.OTHER


@transaction.atomic
def inbound_record(
    *,
    from_number: str,
    text: str,
    gateway_id: str = "",
    received_at: datetime.datetime | None = None,
) -> InboundMessage:
    """Store one incoming SMS (once per gateway id) and act on a STOP."""
    number = normalise_number(from_number)
    if gateway_id:
        existing = InboundMessage.objects.filter(
            from_number=number, gateway_id=gateway_id[:100]
        ).first()
        if existing is not None:
            return existing
    kind = classify(text)
    # A reply answers what the person received: the latest SMS that went out to the number.
    to_number = Message.objects.filter(channel=Message.Channel.SMS, address=number)
    went_out = to_number.exclude(
        status__in=[Message.Status.QUEUED, Message.Status.CANCELLED]
    ).order_by("-created_at", "-id")
    latest = went_out.first()
    reply_to = latest
    if kind in (InboundMessage.Kind.YES, InboundMessage.Kind.NO):
        reply_to = went_out.exclude(about_type="").first() or latest
    known = latest or to_number.order_by("-created_at", "-id").first()
    inbound = InboundMessage(
        organisation_id=known.organisation_id if known is not None else None,
        from_number=number,
        text=text[:4000],
        received_at=received_at or timezone.now(),
        kind=kind,
        reply_to=reply_to,
        gateway_id=gateway_id[:100],
    )
    try:
        with transaction.atomic():
            inbound.save()
    except IntegrityError:  # the same report twice at the same moment
        return InboundMessage.objects.get(from_number=number, gateway_id=gateway_id[:100])
    if kind == InboundMessage.Kind.STOP:
        opt_out_record(
            number=number,
            source=SmsOptOut.Source.INBOUND,
            organisation_id=inbound.organisation_id,
        )
        inbound.handled_at = inbound.received_at  # acted on by Netwerk itself
        inbound.save(update_fields=["handled_at"])
    return inbound


@transaction.atomic
def opt_out_record(*, number: str, source: str, organisation_id: int | None = None) -> SmsOptOut:
    """No more SMS to this number: recorded, queued SMS cancelled, the case apps told."""
    number = normalise_number(number)
    opt_out, _created = SmsOptOut.objects.get_or_create(
        number=number,
        defaults={
            "opted_out_at": timezone.now(),
            "source": source,
            "organisation_id": organisation_id,
        },
    )
    to_number = Message.objects.filter(channel=Message.Channel.SMS, address=number)
    to_number.filter(status=Message.Status.QUEUED).update(
        status=Message.Status.CANCELLED, failed_reason="opted out", claimed_until=None
    )
    recipients = sorted(set(to_number.values_list("recipient_type", "recipient_id")))
    organisation_ids = sorted(set(to_number.values_list("organisation_id", flat=True)))
    sms_opted_out.send(
        sender=SmsOptOut,
        number=number,
        organisation_ids=organisation_ids,
        recipients=recipients,
    )
    return opt_out


def inbound_mark_handled(*, inbound: InboundMessage, user: User) -> None:
    InboundMessage.objects.filter(pk=inbound.pk, handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=user
    )
