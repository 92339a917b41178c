"""The buddy's place in the participant file's timeline: a match started, a match ended.
Registered with `participants.selectors.timeline` in `BuddiesConfig.ready()`; one query."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from participants.models import Participant
from participants.selectors.timeline import TimelineEntry

from ..models import Match


@dataclass(frozen=True)
class BuddyEvent:
    kind: str  # "started" | "ended"
    match: Match


def _moment(day: datetime.date) -> datetime.datetime:
    """Sort a whole-day event after that day's other entries."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def buddy_entries(participant: Participant, limit: int) -> list[TimelineEntry]:
    matches = (
        Match.objects.filter(participant_id=participant.pk)
        .filter(
            Q(started_on__isnull=False) | Q(status=Match.Status.CLOSED, closed_on__isnull=False)
        )
        .select_related("volunteer__user")
        .order_by("-started_on", "-id")[:limit]
    )
    entries = []
    for match in matches:
        for kind, day in (("started", match.started_on), ("ended", match.closed_on)):
            if day is None or (kind == "ended" and match.status != Match.Status.CLOSED):
                continue
            entries.append(
                TimelineEntry(
                    "buddy",
                    day,
                    (day, _moment(day)),
                    BuddyEvent(kind, match),
                    change=kind,
                    template="buddies/_timeline_entry.html",
                )
            )
    return entries


TIMELINE_SOURCES = (buddy_entries,)
