"""Retention: a closed file is anonymised `Organisation.retention_years` after closing.

A file closed on 2020-03-10 with five years' retention is past retention from 2025-03-10.
The comparison is done on year, month and day columns so one portable query (PostgreSQL and
SQLite alike) finds the candidates of every organisation at once.
"""

import datetime

from django.db.models import F, Q, QuerySet
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear

from accounts.models import Organisation

from ..models import Participant


def retention_ends_on(closed_on: datetime.date, years: int) -> datetime.date:
    """The day a file closed on `closed_on` passes retention (29 February: 1 March)."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return datetime.date(closed_on.year + years, 3, 1)


def _closed_files(organisation: Organisation | None) -> QuerySet[Participant]:
    files = Participant.objects.filter(
        status=Participant.Status.CLOSED, closed_on__isnull=False, anonymised_on__isnull=True
    )
    if organisation is not None:
        files = files.filter(organisation=organisation)
    return files


def _past_retention_on(files: QuerySet[Participant], day: datetime.date) -> QuerySet[Participant]:
    """Files whose retention ends on or before `day`."""
    years = F("organisation__retention_years")
    return files.annotate(
        _closed_year=ExtractYear("closed_on"),
        _closed_monthday=ExtractMonth("closed_on") * 100 + ExtractDay("closed_on"),
    ).filter(
        Q(_closed_year__lt=day.year - years)
        | Q(_closed_year=day.year - years, _closed_monthday__lte=day.month * 100 + day.day)
    )


def files_past_retention(
    organisation: Organisation | None, today: datetime.date
) -> QuerySet[Participant]:
    """Closed files, not anonymised yet, whose retention has ended (None: all organisations)."""
    return _past_retention_on(_closed_files(organisation), today)


def files_due_for_retention(
    organisation: Organisation | None, today: datetime.date, notice_days: int = 30
) -> QuerySet[Participant]:
    """Files the retention job will anonymise within `notice_days` (or already should have).

    For the reminder to the org admin beforehand; `retention_ends_on(file.closed_on,
    file.organisation.retention_years)` gives each one's day.
    """
    horizon = today + datetime.timedelta(days=notice_days)
    return _past_retention_on(_closed_files(organisation), horizon)
