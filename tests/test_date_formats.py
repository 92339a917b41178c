"""Dates in Belgian order in both languages: day before month, never the American way."""

import datetime

import pytest
from django import forms
from django.utils import formats, translation

DAY = datetime.date(2026, 3, 14)


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [("nl", "14-3-2026", "14 maart 2026"), ("en", "14/3/2026", "14 March 2026")],
)
def test_dates_show_the_day_first(language, short, long):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short
        assert formats.date_format(DAY, "DATE_FORMAT") == long


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_typed_date_is_read_day_first(language):
    with translation.override(language):
        field = forms.DateField()
        assert field.clean("3/4/2026") == datetime.date(2026, 4, 3)
        assert field.clean("2026-04-03") == datetime.date(2026, 4, 3)  # what a date input sends


def test_dutch_numbers_have_a_decimal_comma():
    with translation.override("nl"):
        assert formats.localize(2.5) == "2,5"


def test_the_dashboards_changes_have_a_decimal_comma_in_dutch():
    from findings.dashboard import _fmt

    with translation.override("nl"):
        assert _fmt(1.5) == "+1,5"
        assert _fmt(-0.25) == "-0,2"
    with translation.override("en"):
        assert _fmt(1.5) == "+1.5"
