"""Both imports (participants, the directory of initiatives) read cells through the one set of
value parsers of netwerk/imports/, so a value one accepts the other accepts too, with the same
words when it refuses; and each keeps every row or none."""

import datetime

import pytest
from django.utils import translation

from accounts.models import AuditEvent
from netwerk.spreadsheets import Table
from participants.imports import import_participants
from participants.models import Participant
from workmodels.imports import import_initiatives
from workmodels.models import Initiative

pytestmark = pytest.mark.django_db


def _participant(social_worker, column: str, value: str, **more: str):
    header = ["voornaam", column, *more]
    table = Table(header=header, rows=[(2, ["Ann", value, *more.values()])])
    with translation.override("en"):
        report = import_participants(membership=social_worker, table=table, commit=True)
    return report, Participant.objects.filter(first_name="Ann").first()


def _initiative(coordinator, column: str, value: str):
    header = ["naam", "organisatie", "werkmodellen", column]
    table = Table(header=header, rows=[(2, ["Duo", "CAW", "buddy", value])])
    with translation.override("en"):
        report = import_initiatives(membership=coordinator, table=table, commit=True)
    return report, Initiative.objects.filter(name="Duo").first()


def _cell_problems(report) -> list[str]:
    with translation.override("en"):
        return [message for _value, messages in report.rows[0].cells for message in messages]


@pytest.mark.parametrize(
    ("text", "meaning"),
    [("waar", True), ("onwaar", False), ("ja", True), ("nee", False), ("TRUE", True),
     ("false", False), ("1", True), ("0", False), ("yes", True), ("N", False)],
)  # fmt: skip
def test_yes_and_no_mean_the_same_in_both_imports(text, meaning, social_worker, coordinator):
    _report, participant = _participant(social_worker, "smartphone", text)
    _report, initiative = _initiative(coordinator, "gedeeld", text)
    assert participant.has_smartphone is meaning
    assert initiative.shared is meaning


@pytest.mark.parametrize("text", ["31/01/2025", "31.01.2025", "31-01-2025", "2025-01-31"])
def test_dates_are_read_the_same_in_both_imports(text, social_worker, coordinator):
    _report, participant = _participant(
        social_worker, "datum toestemming", text, toestemming="mondeling"
    )
    _report, initiative = _initiative(coordinator, "laatst nagekeken", text)
    assert participant.consents.get().given_on == datetime.date(2025, 1, 31)
    assert initiative.last_checked_on == datetime.date(2025, 1, 31)


@pytest.mark.parametrize("text", ["Nederlands, Arabisch", "nl; ar", "Dutch/Arabic", "NL, ar"])
def test_languages_are_read_the_same_in_both_imports(text, social_worker, coordinator):
    _report, participant = _participant(social_worker, "talen", text)
    _report, initiative = _initiative(coordinator, "talen", text)
    assert set(participant.languages) == set(initiative.languages) == {"nl", "ar"}


@pytest.mark.parametrize(
    ("participant_column", "directory_column", "text"),
    [
        ("smartphone", "gedeeld", "misschien"),
        ("talen", "talen", "nl, klingon"),
        ("datum toestemming", "laatst nagekeken", "31/02/2025"),
        ("datum toestemming", "laatst nagekeken", "01/01/3024"),
    ],
)
def test_both_imports_refuse_a_value_with_the_same_words(
    participant_column, directory_column, text, social_worker, coordinator
):
    participants, _participant_row = _participant(social_worker, participant_column, text)
    directory, _initiative_row = _initiative(coordinator, directory_column, text)
    assert _cell_problems(participants) == _cell_problems(directory)
    assert len(_cell_problems(directory)) == 1
    assert not Participant.objects.exists() and not Initiative.objects.exists()


def test_a_participant_file_whose_last_row_the_service_refuses_imports_nobody(social_worker):
    table = Table(
        header=["voornaam", "achternaam", "status"],
        rows=[(2, ["Ann", "Peeters", ""]), (3, ["Bert", "Claes", ""]), (4, ["Cas", "", "active"])],
    )
    with translation.override("en"):
        report = import_participants(membership=social_worker, table=table, commit=True)
    assert not report.imported
    assert [row.number for row in report.invalid_rows] == [4]
    assert report.invalid_rows[0].cell_problems["status"] == [
        "A file becomes active only after the participant consented to it."
    ]
    assert not Participant.objects.exists()
    assert not AuditEvent.objects.filter(object_type="participants.participant").exists()


def test_a_directory_file_whose_last_row_the_service_refuses_imports_no_initiative(coordinator):
    table = Table(
        header=["naam", "organisatie", "werkmodellen", "gemeenten"],
        rows=[(2, ["Duo Gent", "CAW", "buddy", "Gent"]), (3, ["Praatgroep", "CAW", "peer", ""]),
              (4, ["", "CAW", "buddy", "Aalst"])],
    )  # fmt: skip
    report = import_initiatives(membership=coordinator, table=table, commit=True)
    assert not report.imported
    assert [row.number for row in report.invalid_rows] == [4]
    assert report.invalid_rows[0].cell_problems["name"]
    assert not Initiative.objects.exists()
    assert not AuditEvent.objects.filter(object_type="workmodels.initiative").exists()
