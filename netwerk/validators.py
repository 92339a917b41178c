"""Bounds for numbers and dates that people type, shared by every app's models and forms.

Every number and date field a person fills in has a bound (tests/forms/test_bounds.py walks
the models and forms and fails on one without): a head-count of 99,999,999,999 or an
intervention in the year 3024 is a typing error, refused with a message that says what is
possible, and the form keeps what was typed. Dates are checked against today when validated,
so a bound never goes stale.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# The oldest a record of the work can be (files imported from older systems included).
EARLIEST_RECORD_YEAR = 1990
EARLIEST_BIRTH_YEAR = 1900


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@deconstructible
class DateRange:
    """A date (or the day of a date and time) from 1 January of `earliest_year` to
    `years_ahead` years after today."""

    def __init__(self, earliest_year: int = EARLIEST_RECORD_YEAR, years_ahead: int = 1):
        self.earliest_year = earliest_year
        self.years_ahead = years_ahead

    def bounds(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        return datetime.date(self.earliest_year, 1, 1), _years_after(today, self.years_ahead)

    def __call__(self, value) -> None:
        if value is None:
            return
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        earliest, latest = self.bounds()
        if value < earliest:
            raise ValidationError(
                _("Give a date from %(earliest)s onwards."),
                code="date_too_early",
                params={"earliest": formats.date_format(earliest, "SHORT_DATE_FORMAT")},
            )
        if value > latest:
            raise ValidationError(
                _("Give a date no later than %(latest)s."),
                code="date_too_late",
                params={"latest": formats.date_format(latest, "SHORT_DATE_FORMAT")},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, DateRange) and (self.earliest_year, self.years_ahead) == (
            other.earliest_year,
            other.years_ahead,
        )


@deconstructible
class Between:
    """A number from `low` to `high`, both included."""

    def __init__(self, low, high):
        self.low = low
        self.high = high

    def __call__(self, value) -> None:
        if value is None:
            return
        if not self.low <= value <= self.high:
            raise ValidationError(
                _("Give a number from %(low)s to %(high)s."),
                code="out_of_range",
                params={"low": _number(self.low), "high": _number(self.high)},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, Between) and (self.low, self.high) == (other.low, other.high)


@deconstructible
class BirthYear:
    """A birth year from 1900 to this year."""

    def __call__(self, value) -> None:
        if value is None:
            return
        this_year = timezone.localdate().year
        if not EARLIEST_BIRTH_YEAR <= value <= this_year:
            raise ValidationError(
                _("Give a birth year from %(low)s to %(high)s."),
                code="birth_year_out_of_range",
                params={"low": EARLIEST_BIRTH_YEAR, "high": this_year},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, BirthYear)


def _number(value) -> str:
    # Grouped as the language writes it (100.000 in Dutch): a long number is read at a glance.
    if isinstance(value, int | Decimal) and value == int(value):
        value = int(value)
    return formats.number_format(value, force_grouping=True)


# Something that happened: an intervention, a contact, a meeting, a consent given. A year of
# slack ahead, for what is entered the evening before.
HAPPENED = [DateRange(years_ahead=1)]
# Something planned, or the end of a period: a follow-up, an evaluation, an expiry.
PLANNED = [DateRange(years_ahead=10)]
BIRTH_YEAR = [BirthYear()]


def between(low, high) -> list:
    return [Between(low, high)]


# What the bounds test accepts as a bound on a field.
BOUND_VALIDATORS = (DateRange, Between, BirthYear)
