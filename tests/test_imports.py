"""The one import pipeline (netwerk/imports/): its value parsers, the header mapping, the row
report and all-or-nothing, apart from any app's columns."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from netwerk.imports import Column, ColumnSet, run_import, values
from netwerk.spreadsheets import MAX_ROWS, Table
from netwerk.validators import PLANNED, Between

# --- Values -------------------------------------------------------------------------------


def _refusal(parse, value) -> str:
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            parse(value)
        return " ".join(error.value.messages)


@pytest.mark.parametrize("word", ["ja", "Ja", "j", "yes", "Y", "true", "TRUE", "waar", "1"])
def test_yes_is_read_in_dutch_and_english(word):
    assert values.yes_no(word) is True


@pytest.mark.parametrize("word", ["nee", "NEE", "n", "no", "false", "FALSE", "onwaar", "0"])
def test_no_is_read_in_dutch_and_english(word):
    assert values.yes_no(word) is False


@pytest.mark.parametrize("word", ["misschien", "2", "yes!", "jaa"])
def test_anything_else_is_not_a_yes_or_no(word):
    assert _refusal(values.yes_no, word) == (
        "Fill in ja or nee (yes or no), or leave the cell empty."
    )


@pytest.mark.parametrize(
    "text", ["31/01/2025", "31.01.2025", "31-01-2025", "2025-01-31", " 31/1/2025 "]
)
def test_a_date_is_read_day_first_as_belgians_write_it_or_as_iso(text):
    assert values.date(text) == datetime.date(2025, 1, 31)


def test_a_single_digit_day_and_month_are_read():
    assert values.date("1/2/2024") == datetime.date(2024, 2, 1)


@pytest.mark.parametrize(
    "text", ["31/02/2025", "2025-13-01", "99/99/9999", "31/01/25", "20250131", "morgen", "1/2"]
)
def test_a_date_that_does_not_exist_or_is_a_guess_is_refused(text):
    assert _refusal(values.date, text) == (
        "Give the date as day/month/year, for example 31/01/2025."
    )


def test_an_absurd_date_is_refused_with_its_bounds():
    assert _refusal(values.date, "01/01/0001") == "Give a date from 1/1/1990 onwards."
    assert _refusal(values.date, "01/01/3024").startswith("Give a date no later than ")
    # A column can allow dates further ahead (a follow-up, an expiry).
    far = timezone.localdate().year + 5
    assert values.date(f"01/01/{far}", validators=PLANNED) == datetime.date(far, 1, 1)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", Decimal("12")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),  # an Excel number cell
        ("-3,25", Decimal("-3.25")),
        ("1 234", Decimal("1234")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1,234", Decimal("1.234")),  # a lone separator is the decimal one
    ],
)
def test_a_number_is_read_with_a_decimal_comma_or_point(text, number):
    assert values.number(text) == number


@pytest.mark.parametrize("text", ["twaalf", "1e5", "NaN", "Infinity", "12,3,4", "1 2", "1,5.3"])
def test_what_is_not_a_number_is_refused(text):
    assert _refusal(values.number, text) == "Give a number, for example 12 or 12,5."


def test_an_absurd_number_is_refused_with_its_bounds():
    assert _refusal(values.number, "99999999999") == (
        "Give a number from -1,000,000,000 to 1,000,000,000."
    )
    assert _refusal(values.number, "1" * 60) == "Give a number, for example 12 or 12,5."
    small = [Between(0, 10)]
    assert values.number("7,5", validators=small) == Decimal("7.5")
    assert _refusal(lambda text: values.number(text, validators=small), "11") == (
        "Give a number from 0 to 10."
    )


WHERE = values.Choice(
    [
        ("on_site", translation.gettext_lazy("On site")),
        ("digital", translation.gettext_lazy("Digital")),
    ],
    aliases={"ter plaatse": "on_site"},
)


@pytest.mark.parametrize(
    "text", ["on_site", "ON SITE", "On site", "Op locatie", "op-locatie ", "ter plaatse"]
)
def test_a_choice_is_read_by_its_code_its_dutch_or_english_label_or_an_alias(text):
    assert WHERE(text) == "on_site"


def test_an_unknown_choice_names_the_choices():
    assert _refusal(WHERE, "per brief") == "Use one of: On site, Digital."


def test_languages_are_read_by_name_or_code_in_one_cell():
    assert values.languages("Nederlands, Arabisch") == ["nl", "ar"]
    assert values.languages("nl; fr/English") == ["nl", "fr", "en"]
    assert _refusal(values.languages, "nl, klingon") == (
        "Unknown language: klingon. Use codes such as nl, fr or ar."
    )


def test_a_list_in_one_cell_is_split_on_commas_semicolons_slashes_and_line_breaks():
    assert values.items("Gent, Merelbeke;Aalst/ Lede\nZele,,") == [
        "Gent",
        "Merelbeke",
        "Aalst",
        "Lede",
        "Zele",
    ]


def test_column_names_are_compared_without_capitals_separators_or_a_bom():
    assert values.normalise_name("\ufeffE-mail_Adres ") == values.normalise_name("e mail adres")


# --- The pipeline ---------------------------------------------------------------------------

COLUMNS = ColumnSet(
    columns=(
        Column("name", "name", names=("naam",), required=True),
        Column("count", "count", lambda text: int(values.number(text)), names=("aantal",)),
        Column("active", "active", values.yes_no),
    ),
    field_columns={"amount": "count"},
    refused_names=("health",),
    refused_message="Never: %(columns)s.",
)


def _run(header, *rows, save_row=lambda row: None, commit=True, confirmed=False):
    table = Table(header=header, rows=[(n, cells) for n, cells in enumerate(rows, start=2)])
    with translation.override("en"):
        return run_import(
            table=table,
            columns=COLUMNS,
            save_row=save_row,
            commit=commit,
            duplicates_confirmed=confirmed,
        )


def _header_errors(header) -> list[str]:
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _run(header, ["x"])
    return error.value.messages


@pytest.mark.django_db
def test_the_header_is_mapped_by_key_label_or_other_name_in_any_order():
    report = _run(["Aantal", "NAAM", "active"], ["3", "Ann", "waar"])
    assert [column.key for column in report.columns] == ["count", "name", "active"]
    assert report.rows[0].data == {"count": 3, "name": "Ann", "active": True}
    assert report.imported


@pytest.mark.django_db
def test_every_problem_of_the_header_is_said_at_once():
    assert _header_errors(["health", "maat", "aantal", "count"]) == [
        "Never: “health”.",
        "Unknown columns: “maat”. Rename or remove them (see the list of columns).",
        "These columns appear more than once: “count”.",
        "The file needs a column “name”.",
    ]


@pytest.mark.django_db
def test_too_many_rows_are_refused_before_any_row_is_read():
    rows = [(n, ["x"]) for n in range(MAX_ROWS + 1)]
    with pytest.raises(ValidationError):
        run_import(
            table=Table(header=["name"], rows=rows),
            columns=COLUMNS,
            save_row=lambda row: None,
            commit=False,
        )


@pytest.mark.django_db
def test_each_problem_lands_in_the_cell_of_its_column_or_with_its_row():
    def save_row(row):
        raise ValidationError(
            {"name": ["Too short."], "amount": ["Too many."], "__all__": ["Not today."]}
        )

    report = _run(["name", "count", "", "active"], ["A", "2", "stray", "nooit"], save_row=save_row)

    row = report.rows[0]
    assert row.cells == [
        ("A", ["Too short."]),
        ("2", ["Too many."]),  # the service's "amount" is shown in the count column
        ("nooit", ["Fill in ja or nee (yes or no), or leave the cell empty."]),
    ]
    assert row.other_problems == [
        "This row has a value in a column without a name.",
        "Not today.",
    ]
    assert row.problems[:2] == ["Name: Too short.", "Count: Too many."]
    assert report.problem_list()[0] == (2, report.columns[0].label, "Too short.")
    assert not report.imported


@pytest.mark.django_db
def test_a_cell_that_could_not_be_read_keeps_its_own_message_only():
    def save_row(row):
        assert "active" not in row.data  # an unreadable cell is left out of the data
        raise ValidationError({"active": ["This field is required."]})

    report = _run(["name", "active"], ["A", "nooit"], save_row=save_row)
    assert report.rows[0].cell_problems == {
        "active": ["Fill in ja or nee (yes or no), or leave the cell empty."]
    }


@pytest.mark.django_db
def test_rows_with_likely_duplicates_are_kept_only_when_confirmed():
    def save_row(row):
        row.duplicates = ["someone"]

    assert not _run(["name"], ["A"], save_row=save_row).imported
    assert _run(["name"], ["A"], save_row=save_row, confirmed=True).imported
    assert not _run(["name"], ["A"], save_row=save_row, confirmed=True, commit=False).imported
