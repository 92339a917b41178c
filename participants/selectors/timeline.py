"""The file's timeline: interventions, goal notes, trajectory changes and consent changes,
newest first, paginated across the four sources with one query per source.

Other apps add entries of their own through `register_timeline_source` (participants never
imports them): a source is `func(participant, limit) -> list[TimelineEntry]`, runs one query
and returns at most `limit` entries, each naming the `template` that shows it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ..models import Consent, GoalNote, Intervention, Participant, Trajectory

PAGE_SIZE = 20


@dataclass(frozen=True)
class TimelineEntry:
    # intervention | goal_note | trajectory | consent_given | consent_withdrawn | consent_expired
    kind: str
    date: datetime.date
    sort_key: tuple
    obj: Any
    change: str = ""  # for trajectory entries: "+" started, "~" changed
    template: str = ""  # for entries of registered sources: the template that shows them


@dataclass(frozen=True)
class TimelinePage:
    entries: list[TimelineEntry]
    number: int
    has_next: bool
    has_previous: bool
    # The newest intervention of the whole file (whatever the page): the quick form's defaults.
    latest_intervention: Intervention | None = None


TimelineSource = Callable[[Participant, int], list[TimelineEntry]]
_sources: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> None:
    """Add a source of entries (an app's `AppConfig.ready`); registering twice is harmless."""
    if source not in _sources:
        _sources.append(source)


def _day(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _expired_on(consent: Consent) -> datetime.date | None:
    """The first day a consent stopped counting because its expiry date passed before it was
    renewed (None if it has not expired, or was renewed in time)."""
    if consent.expires_on is None:
        return None
    if consent.renewed_on is not None and consent.renewed_on <= consent.expires_on:
        return None
    day = consent.expires_on + datetime.timedelta(days=1)
    return day if day <= timezone.localdate() else None


def timeline_page(
    participant: Participant, number: int = 1, consents: list[Consent] | None = None
) -> TimelinePage:
    """One page of the timeline.

    Each source contributes at most the newest `number * PAGE_SIZE + 1` rows, which is all
    a merge needs to know this page and whether another follows; the query count stays the
    same however long the file is.
    """
    number = max(1, number)
    limit = number * PAGE_SIZE + 1
    entries: list[TimelineEntry] = []
    interventions = list(
        Intervention.objects.filter(participant=participant)
        .select_related("work_model", "author", "goal")
        .order_by("-date", "-id")[:limit]
    )
    entries += [
        TimelineEntry("intervention", i.date, (i.date, i.created_at), i) for i in interventions
    ]
    notes = (
        GoalNote.objects.filter(goal__participant=participant)
        .select_related("goal", "author")
        .order_by("-date", "-id")[:limit]
    )
    entries += [TimelineEntry("goal_note", n.date, (n.date, n.created_at), n) for n in notes]
    changes = (
        Trajectory.history.filter(participant_id=participant.pk)
        .select_related("work_model", "history_user")
        .order_by("-history_date")[:limit]
    )
    entries += [
        TimelineEntry(
            "trajectory",
            _day(h.history_date),
            (_day(h.history_date), h.history_date),
            h,
            change=h.history_type,
        )
        for h in changes
    ]
    if consents is None:
        consents = list(participant.consents.select_related("recorded_by"))
    for consent in consents:
        entries.append(
            TimelineEntry(
                "consent_given", consent.given_on, (consent.given_on, consent.created_at), consent
            )
        )
        if consent.withdrawn_on:
            entries.append(
                TimelineEntry(
                    "consent_withdrawn",
                    consent.withdrawn_on,
                    (consent.withdrawn_on, consent.created_at),
                    consent,
                )
            )
        elif expired_on := _expired_on(consent):
            entries.append(
                TimelineEntry(
                    "consent_expired", expired_on, (expired_on, consent.created_at), consent
                )
            )
    for source in _sources:
        entries += source(participant, limit)
    entries.sort(key=lambda entry: entry.sort_key, reverse=True)
    start = (number - 1) * PAGE_SIZE
    return TimelinePage(
        entries=entries[start : start + PAGE_SIZE],
        number=number,
        has_next=len(entries) > start + PAGE_SIZE,
        has_previous=number > 1,
        latest_intervention=interventions[0] if interventions else None,
    )
