"""Reads for calendar feeds: one's own links, the link behind a token, and the events a feed
shows, assembled from the case apps' calendar modules (`buddies.calendar`, `groups.calendar`,
`participants.selectors.calendar`). A fixed number of queries whatever the number of events."""

import datetime
import hashlib

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from buddies.calendar import coordinator_events, volunteer_events
from groups.calendar import facilitator_events
from netwerk.ical import Event
from participants.selectors.calendar import follow_up_events

from .models import CalendarFeed

# Who keeps a calendar link: those with meetings, sessions, follow-ups or check-ins.
FEED_ROLES = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.ORG_ADMIN)
# What a feed holds: a month back (what just happened) and a year ahead. Keeps it small.
DAYS_BACK = 30
DAYS_AHEAD = 365


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("calendars:feed", args=[token])


def webcal_url(token: str) -> str:
    """The same link for calendar apps that subscribe through `webcal://` (Apple's)."""
    url = feed_url(token)
    return "webcal://" + url.split("://", 1)[1]


def feeds_of(membership: Membership) -> QuerySet[CalendarFeed]:
    """One's own links in this organisation, the open one first."""
    return CalendarFeed.objects.filter(membership=membership).order_by(
        "revoked_at", "-created_at", "-id"
    )


def open_feed_of(membership: Membership) -> CalendarFeed | None:
    return feeds_of(membership).filter(revoked_at__isnull=True).first()


def feed_for_token(token: str) -> CalendarFeed | None:
    """The open link with this token, of an active person with an active membership in a role
    that keeps one; else None (the feed answers 404). One query."""
    if not token or len(token) > 200:
        return None
    return (
        CalendarFeed.objects.select_related("membership__user", "membership__organisation")
        .filter(
            token_hash=hash_token(token),
            revoked_at__isnull=True,
            membership__is_active=True,
            membership__user__is_active=True,
            membership__role__in=FEED_ROLES,
        )
        .first()
    )


def window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=DAYS_BACK), today + datetime.timedelta(days=DAYS_AHEAD)


def feed_events(membership: Membership, today: datetime.date | None = None) -> list[Event]:
    """Everything on one person's calendar in this organisation, in the window, by date."""
    start, end = window(today)
    events = [
        *volunteer_events(membership, start, end),
        *coordinator_events(membership, start, end),
        *follow_up_events(membership, start, end),
        *facilitator_events(membership, start, end),
    ]
    # One event per UID (a coordinator facilitating a group, say, sees a session once).
    unique = {event.uid: event for event in events}
    return sorted(unique.values(), key=_sort_key)


def _sort_key(event: Event):
    start = event.start
    if isinstance(start, datetime.datetime):
        return (timezone.localdate(start), 1, event.uid)
    return (start, 0, event.uid)
