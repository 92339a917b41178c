"""Who can be reached by which channel, and why not: the one rule the compose pages, the API
and the group send share. Plain Python over `Person`s the selectors load in a constant number
of queries, so a group of 500 costs what a group of 5 costs."""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.phones import is_mobile, is_normalised
from notifications.models import Message

AUTO = "auto"  # each person's own preferred way
Channel = Message.Channel

# The channels a person picks from when they send (in-app messages are the reminders' own).
SEND_CHANNELS = [Channel.SMS, Channel.EMAIL, Channel.LETTER, Channel.CALL]
FALLBACK = [Channel.SMS, Channel.EMAIL, Channel.LETTER, Channel.CALL]

REASONS = {
    "no_consent": _("No consent for contact by e-mail or text message"),
    "opted_out": _("Asked for no more text messages (STOP)"),
    "no_number": _("No phone number"),
    "bad_number": _("The phone number needs a fix"),
    "not_mobile": _("The phone number cannot receive text messages"),
    "no_email": _("No e-mail address"),
    "no_address": _("No postal address"),
    "prefers_letter": _("Prefers a letter"),
    "prefers_call": _("Prefers a phone call"),
    "unreachable": _("No way to reach this person"),
}


@dataclasses.dataclass
class Person:
    type: str  # Message.RecipientType
    id: int
    first_name: str
    name: str = ""  # full name, for the letter's address block
    phone: str = ""
    email: str = ""
    postal: str = ""  # address lines, "" when unknown
    preferred: str = ""  # a Message.Channel code or ""
    consent: bool | None = None  # participants: contact consent in force; others: None
    quiet_from: datetime.time | None = None
    quiet_until: datetime.time | None = None


@dataclasses.dataclass
class Reach:
    person: Person
    channel: str = ""
    address: str = ""
    reason: str = ""  # a REASONS code when left out

    @property
    def included(self) -> bool:
        return not self.reason

    @property
    def reason_text(self) -> str:
        return str(REASONS.get(self.reason, ""))

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label) if self.channel else ""


def _check(person: Person, channel: str, opted_out: set[str]) -> tuple[str, str]:
    """(address, "") when `channel` reaches the person, else ("", reason code)."""
    needs_consent = channel in (Channel.SMS, Channel.EMAIL)
    if needs_consent and person.consent is False:
        return "", "no_consent"
    if channel == Channel.SMS:
        if not person.phone:
            return "", "no_number"
        if not is_normalised(person.phone):
            return "", "bad_number"
        if not is_mobile(person.phone):
            return "", "not_mobile"
        if person.phone in opted_out:
            return "", "opted_out"
        return person.phone, ""
    if channel == Channel.EMAIL:
        return (person.email, "") if person.email else ("", "no_email")
    if channel == Channel.LETTER:
        if not person.postal:
            return "", "no_address"
        return f"{person.name or person.first_name}\n{person.postal}", ""
    if channel == Channel.CALL:
        return (person.phone, "") if person.phone else ("", "no_number")
    return "", "unreachable"


def reach(person: Person, channel: str, opted_out: set[str]) -> Reach:
    """How `channel` (or AUTO: the person's preference, then SMS, e-mail, letter, call)
    reaches the person. Someone who prefers a letter or a call gets no SMS or e-mail."""
    if channel == AUTO:
        order = [person.preferred] if person.preferred else []
        order += [c for c in FALLBACK if c != person.preferred]
        first_reason = ""
        for candidate in order:
            address, reason = _check(person, candidate, opted_out)
            if not reason:
                return Reach(person, candidate, address)
            first_reason = first_reason or reason
        return Reach(person, reason=first_reason or "unreachable")
    if channel in (Channel.SMS, Channel.EMAIL) and person.preferred in (
        Channel.LETTER,
        Channel.CALL,
    ):
        return Reach(person, reason=f"prefers_{person.preferred}")
    address, reason = _check(person, channel, opted_out)
    return Reach(person, channel if not reason else "", address, reason)


def not_before(person: Person, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The end of the person's quiet hours when `now` falls inside them, else None."""
    if person.quiet_from is None or person.quiet_until is None:
        return None
    now = timezone.localtime(now)
    start, end, moment = person.quiet_from, person.quiet_until, now.time()
    if start == end:
        return None
    inside = (start <= moment < end) if start < end else (moment >= start or moment < end)
    if not inside:
        return None
    day = now.date() if moment < end else now.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, end))
