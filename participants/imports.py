"""Importing participants from a spreadsheet (CSV or XLSX).

`read_table` turns an upload into rows of text, `map_columns` recognises the column names (Dutch
or English), and `import_participants` runs every row through `services.participant_create`, the
one write path for a new file, inside one transaction. The preview calls it with commit=False and
always rolls back, so it reports exactly what the real import would refuse; the real import
commits only when every row passed: all or nothing.
"""

import dataclasses
import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.spreadsheets import MAX_ROWS, Table, read_table

from .models import SPECIAL_CATEGORY_FIELDS, Consent, Participant
from .selectors.duplicates import LikelyDuplicate, likely_duplicates
from .services import participant_create

__all__ = ["MAX_ROWS", "Table", "import_participants", "map_columns", "read_table"]

CONSENT_METHOD = "file_consent_method"
CONSENT_ON = "file_consent_on"
# Errors of the consent service name the consent's fields: show them in the consent columns.
_SERVICE_KEYS = {"given_on": CONSENT_ON, "method": CONSENT_METHOD, "purpose": CONSENT_METHOD}


def normalise_name(name: str) -> str:
    """'E-mail_Adres ' and 'e mail adres' are the same column name."""
    return " ".join(re.sub(r"[_\-.:*]+", " ", name.replace("\ufeff", "")).casefold().split())


# --- Values -------------------------------------------------------------------------------


def _birth_year(value: str) -> int:
    if not re.fullmatch(r"\d{4}", value):
        raise ValidationError(_("Give the birth year as four digits, for example 1980."))
    return int(value)


_YES = {"ja", "j", "yes", "y", "true", "waar", "1"}
_NO = {"nee", "n", "no", "false", "onwaar", "0"}


def _yes_no(value: str) -> bool:
    if value.casefold() in _YES:
        return True
    if value.casefold() in _NO:
        return False
    raise ValidationError(_("Fill in ja or nee (yes or no), or leave the cell empty."))


def _date(value: str) -> datetime.date:
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(
            _("Give the date as day/month/year, for example 31/01/2025.")
        ) from None


@functools.cache
def _lookup(name: str) -> dict[str, str]:
    """Code, Dutch label and English label of every choice of a column, each to the code."""
    lookup = {}
    for code, label in LANGUAGE_CHOICES if name == "languages" else _CHOICES[name]:
        for language in ("nl", "en"):
            with translation.override(language):
                lookup[normalise_name(str(label))] = code
        lookup[normalise_name(code)] = code
    return lookup


def _choice(name: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        code = _lookup(name).get(normalise_name(value))
        if code is None:
            options = ", ".join(str(label) for _code, label in _CHOICES[name])
            raise ValidationError(_("Use one of: %(options)s.") % {"options": options})
        return code

    return parse


def _languages(value: str) -> list[str]:
    items = [item.strip() for item in re.split(r"[,;/]", value) if item.strip()]
    unknown = [item for item in items if normalise_name(item) not in _lookup("languages")]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(names)s. Use codes such as nl, fr or ar.")
            % {"names": ", ".join(unknown)}
        )
    return [_lookup("languages")[normalise_name(item)] for item in items]


# --- Columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    parse: Callable[[str], Any]
    names: tuple[str, ...]  # header names accepted besides the key and the Dutch/English label
    hint: Any = ""


def _field(key: str) -> Any:
    return Participant._meta.get_field(key).verbose_name


def _one_of(choices: list[tuple[str, Any]]) -> Any:
    return format_lazy(", ".join("{}" for _item in choices), *(label for _c, label in choices))


_STATUSES = [(code, label) for code, label in Participant.Status.choices if code != "closed"]
_CHOICES = {
    "preferred_channel": Participant.Channel.choices,
    "household": Participant.Household.choices,
    "digital_comfort": Participant.DigitalComfort.choices,
    "status": _STATUSES,
    CONSENT_METHOD: Consent.Method.choices,
}
_YES_NO = gettext_lazy("ja or nee (yes or no)")
_HINTS = {
    "first_name": gettext_lazy("Required."),
    "birth_year": gettext_lazy("Four digits, for example 1980."),
    "languages": gettext_lazy(
        "Languages separated by commas, for example Dutch, French, Arabic (or their codes)."
    ),
    "has_smartphone": _YES_NO,
    "internet_at_home": _YES_NO,
    "status": format_lazy(
        "{} {}", _one_of(_STATUSES), gettext_lazy("(active only with consent to a file)")
    ),
    CONSENT_ON: gettext_lazy("Day/month/year; empty means today."),
}
# key, how to read a cell (None: one of its choices; str: as it is, the service's full_clean
# judges length and format), other accepted header names (comma-separated).
_SPEC = (
    ("first_name", str, "voornaam, first name, given name"),
    ("last_name", str, "achternaam, familienaam, naam, surname, family name"),
    ("preferred_name", str, "roepnaam, voorkeursnaam"),
    ("phone", str, "telefoon, telefoonnummer, gsm, telephone, phone number"),
    ("email", str, "e-mail, e-mailadres, email address, mail"),
    ("address", str, "adres"),
    ("preferred_channel", None, "voorkeurskanaal, preferred channel"),
    ("birth_year", _birth_year, "geboortejaar, year of birth"),
    ("gender", str, "geslacht"),
    ("languages", _languages, "talen, taal, language"),
    ("municipality", str, "gemeente, woonplaats, stad, city, town"),
    ("postcode", str, "postal code, zip code"),
    ("household", None, "gezinssituatie, huishouden, gezin"),
    ("has_smartphone", _yes_no, "smartphone, heeft smartphone, has smartphone"),
    ("internet_at_home", _yes_no, "internet thuis, internet"),
    ("digital_comfort", None, "digitale vaardigheid, digitaal comfort, digital comfort"),
    ("status", None, "dossierstatus"),
    (CONSENT_METHOD, None, "toestemming, toestemming dossier, consent, file consent"),
    (CONSENT_ON, _date, "datum toestemming, toestemming datum, consent date"),
)
_LABELS = {
    CONSENT_METHOD: gettext_lazy("consent to a file"),
    CONSENT_ON: gettext_lazy("date of consent to a file"),
}
COLUMNS = tuple(
    Column(
        key=key,
        label=_LABELS[key] if key in _LABELS else _field(key),
        parse=parse or _choice(key),
        names=tuple(name.strip() for name in names.split(",")),
        hint=_HINTS.get(key) or (_one_of(_CHOICES[key]) if key in _CHOICES else ""),
    )
    for key, parse, names in _SPEC
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}

# Special-category data (GDPR art. 9) is entered by hand, with consent, never by file.
_SENSITIVE_NAMES = (
    *SPECIAL_CATEGORY_FIELDS,
    *("migratieachtergrond", "migratie", "herkomst", "origin", "ethnicity", "etniciteit"),
    *("gezondheid", "opmerkingen gezondheid", "health", "medisch", "medical"),
)


def _column_names() -> tuple[dict[str, Column], set[str]]:
    by_name: dict[str, Column] = {}
    for column in COLUMNS:
        for name in (column.key, *column.names):
            by_name[normalise_name(name)] = column
        for language in ("nl", "en"):
            with translation.override(language):
                by_name.setdefault(normalise_name(str(column.label)), column)
    sensitive = {normalise_name(name) for name in _SENSITIVE_NAMES}
    for field in SPECIAL_CATEGORY_FIELDS:
        for language in ("nl", "en"):
            with translation.override(language):
                sensitive.add(normalise_name(str(_field(field))))
    return by_name, sensitive


def map_columns(header: list[str]) -> list[Column | None]:
    """The column behind each header cell (None for a nameless one), or the file's problems."""
    by_name, sensitive_names = _column_names()
    slots: list[Column | None] = []
    unknown, sensitive, repeated, seen = [], [], [], set()
    for name in header:
        key = normalise_name(name)
        column = by_name.get(key)
        slots.append(column)
        if key in sensitive_names:
            sensitive.append(name)
        elif key and column is None:
            unknown.append(name)
        elif column is not None and column.key in seen:
            repeated.append(name)
        elif column is not None:
            seen.add(column.key)
    errors = [
        message % {"columns": _quoted(names)}
        for message, names in (
            (
                _(
                    "Sensitive data is never imported from a file: remove the columns "
                    "%(columns)s. Enter such data by hand in the participant's file, "
                    "with their consent."
                ),
                sensitive,
            ),
            (
                _("Unknown columns: %(columns)s. Rename or remove them (see the list of columns)."),
                unknown,
            ),
            (_("These columns appear more than once: %(columns)s."), repeated),
        )
        if names
    ]
    if "first_name" not in seen:
        errors.append(_("The file needs a column with the first name (“voornaam”)."))
    if errors:
        raise ValidationError(errors)
    return slots


def _quoted(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


# --- Importing ----------------------------------------------------------------------------


@dataclass
class RowReport:
    number: int
    cells: list[tuple[str, list[str]]]  # per column of the file: the value and its problems
    problems: list[str]  # problems of the row as a whole
    # Files that may be this person already (a warning: the import asks to confirm).
    duplicates: list[LikelyDuplicate] = dataclasses.field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems and not any(problems for _value, problems in self.cells)


@dataclass
class ImportReport:
    columns: list[Column]
    rows: list[RowReport]
    imported: bool = False

    @property
    def is_valid(self) -> bool:
        return all(row.is_valid for row in self.rows)

    @property
    def invalid_rows(self) -> list[RowReport]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def rows_with_duplicates(self) -> list[RowReport]:
        return [row for row in self.rows if row.duplicates]

    def problems(self) -> list[tuple[int, Any, str]]:
        """(row number, column label or None, message) for every problem, in file order."""
        found = []
        for row in self.invalid_rows:
            for column, (_value, messages) in zip(self.columns, row.cells, strict=True):
                found.extend((row.number, column.label, message) for message in messages)
            found.extend((row.number, None, message) for message in row.problems)
        return found


def import_participants(
    *, membership: Membership, table: Table, commit: bool, duplicates_confirmed: bool = False
) -> ImportReport:
    """Create a participant per row in one transaction; keep them only if every row passed.

    With commit=False nothing is kept, whatever the outcome: that is the preview. Rows that
    look like a file the user can already see are kept only with `duplicates_confirmed`.
    """
    if not table.rows or len(table.rows) > MAX_ROWS:
        raise ValidationError(_("The file has no rows to import, or too many."))
    slots = map_columns(table.header)
    report = ImportReport(columns=[column for column in slots if column], rows=[])
    created: list[int] = []
    with transaction.atomic():
        for number, cells in table.rows:
            report.rows.append(_import_row(membership, slots, number, cells, created))
        report.imported = (
            commit and report.is_valid and (duplicates_confirmed or not report.rows_with_duplicates)
        )
        if not report.imported:
            transaction.set_rollback(True)
    return report


def _import_row(
    membership: Membership,
    slots: list[Column | None],
    number: int,
    cells: list[str],
    created: list[int],
) -> RowReport:
    values: dict[str, str] = {}
    row_problems: list[str] = []
    for index, value in enumerate(cells):
        column = slots[index] if index < len(slots) else None
        if column is not None:
            values[column.key] = value
        elif value and not row_problems:
            row_problems.append(_("This row has a value in a column without a name."))
    problems: dict[str, list[str]] = {}
    data: dict[str, Any] = {}
    for key, value in values.items():
        try:
            if value:  # an empty cell leaves the field at its default
                data[key] = COLUMNS_BY_KEY[key].parse(value)
        except ValidationError as error:
            problems.setdefault(key, []).extend(error.messages)
    method, given_on = data.pop(CONSENT_METHOD, None), data.pop(CONSENT_ON, None)
    if given_on is not None and method is None and CONSENT_METHOD not in problems:
        key = CONSENT_METHOD if CONSENT_METHOD in values else CONSENT_ON
        problems.setdefault(key, []).append(_("Say how the consent was given: oral or written."))
    try:  # the service stops at its first kind of error; this reports the fields' too
        Participant(**data).full_clean(
            exclude=["organisation"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        _add_service_errors(error, values, problems, row_problems)
    # Existing files only: the rows of this file created so far are left out.
    duplicates = likely_duplicates(
        membership, **{key: data[key] for key in DUPLICATE_KEYS if key in data}, exclude=created
    )
    try:  # participant_create is atomic itself: a refused row is rolled back to its savepoint
        participant = participant_create(
            membership=membership, data=data, file_consent_method=method, file_consent_on=given_on
        )
        created.append(participant.pk)
    except ValidationError as error:
        _add_service_errors(error, values, problems, row_problems)
    return RowReport(
        number=number,
        cells=[(values.get(c.key, ""), problems.get(c.key, [])) for c in slots if c],
        problems=row_problems,
        duplicates=duplicates,
    )


DUPLICATE_KEYS = ("first_name", "last_name", "birth_year", "phone", "email")


def _add_service_errors(
    error: ValidationError,
    values: dict[str, str],
    problems: dict[str, list[str]],
    row_problems: list[str],
) -> None:
    messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    for field, texts in messages.items():
        key = _SERVICE_KEYS.get(field, field)
        for text in texts:
            if key in values:  # a column of the file: shown in its cell
                target, message = problems.setdefault(key, []), text
            elif key in ("", NON_FIELD_ERRORS):
                target, message = row_problems, text
            else:
                label = COLUMNS_BY_KEY[key].label if key in COLUMNS_BY_KEY else _field(key)
                target, message = row_problems, f"{str(label).capitalize()}: {text}"
            if message not in target:  # the model check and the service may say the same
                target.append(message)
