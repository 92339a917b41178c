"""Calendar events (RFC 5545, written with `icalendar`), shared by the feeds (`calendars`) and
the invitation e-mails' `.ics` attachments: the same event has the same UID in both, so a
calendar that holds it from the e-mail updates it from the feed rather than showing it twice.

Calendars sync to third parties (Google, Apple, Microsoft): an event carries a first name or
a group's name at most, never a surname, an address or a note. The case apps build their
events (`buddies/calendar.py`, `groups/calendar.py`, `participants` through `calendars`); this
module only writes them.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

PRODID = "-//Netwerk//Agenda//NL"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    # A date: an all-day event. An aware datetime: a timed event (written in UTC).
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None = None
    cancelled: bool = False
    link: str = ""  # a path in Netwerk (ids only); the description says where to read more
    # The participant file the event names (by first name), for the audit trail; not written.
    about: int | None = None


def uid(kind: str, *parts: object) -> str:
    """A stable UID: the kind of event and its record's ids, at this installation's host."""
    host = urlsplit(settings.SITE_URL).hostname or "netwerk.invalid"
    return "-".join([kind, *(str(part) for part in parts)]) + f"@{host}"


def at(day: datetime.date, time: datetime.time | None) -> datetime.date | datetime.datetime:
    """A session's local date and time as an aware datetime; a date alone without a time."""
    if time is None:
        return day
    return timezone.make_aware(datetime.datetime.combine(day, time))


def _value(moment: datetime.date | datetime.datetime):
    if isinstance(moment, datetime.datetime):
        return moment.astimezone(datetime.UTC)
    return moment


def _vevent(event: Event, stamp: datetime.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("summary", event.summary)
    vevent.add("dtstart", _value(event.start))
    end = event.end
    if end is None and not isinstance(event.start, datetime.datetime):
        end = event.start + datetime.timedelta(days=1)
    if end is not None:
        vevent.add("dtend", _value(end))
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.link:
        url = settings.SITE_URL.rstrip("/") + event.link
        vevent.add("url", url)
        vevent.add("description", url)
    vevent.add(
        "transp", "TRANSPARENT" if not isinstance(event.start, datetime.datetime) else "OPAQUE"
    )
    return vevent


def calendar_bytes(
    events: list[Event], *, name: str = "", method: str = "", stamp: datetime.datetime | None = None
) -> bytes:
    """The events as one VCALENDAR. `method` "REQUEST" or "PUBLISH" for an e-mail's attachment;
    none for a feed (RFC 5545 3.7.2)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    stamp = (stamp or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    return calendar.to_ical()
