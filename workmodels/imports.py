"""Importing and exporting the directory of initiatives (CSV or XLSX).

Every row goes through `services.initiative_create` inside one transaction; the preview always
rolls back, and the real import keeps the rows only when every row passed: all or nothing.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from netwerk import exports
from netwerk.languages import LANGUAGE_CHOICES

# The safe spreadsheet reader (size, row and zip-bomb limits), shared by every import.
from netwerk.spreadsheets import MAX_ROWS, Table, read_table

from .models import Initiative, WorkModel
from .services import initiative_create

__all__ = ["COLUMNS", "MAX_ROWS", "Table", "export_csv", "import_initiatives", "read_table"]


def normalise(name: str) -> str:
    return " ".join(re.sub(r"[_\-.:*]+", " ", name.replace("\ufeff", "")).casefold().split())


def _split(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[,;/\n]", value) if item.strip()]


def _labels(choices) -> dict[str, str]:
    lookup = {}
    for code, label in choices:
        lookup[normalise(code)] = code
        for language in ("nl", "en"):
            with translation.override(language):
                lookup[normalise(str(label))] = code
    return lookup


def _languages(value: str) -> list[str]:
    lookup = _labels(LANGUAGE_CHOICES)
    unknown = [item for item in _split(value) if normalise(item) not in lookup]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s. Use codes such as nl, fr or ar.")
            % {"codes": ", ".join(unknown)}
        )
    return [lookup[normalise(item)] for item in _split(value)]


def _delivery(value: str) -> str:
    lookup = _labels(Initiative.Delivery.choices)
    lookup |= {"op locatie": "on_site", "digitaal": "digital", "beide": "both"}
    code = lookup.get(normalise(value))
    if code is None:
        raise ValidationError(
            _("Use one of: on_site, digital, both (op locatie, digitaal, beide).")
        )
    return code


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


def _yes_no(value: str) -> bool:
    if normalise(value) in {"ja", "j", "yes", "y", "true", "1"}:
        return True
    if normalise(value) in {"nee", "n", "no", "false", "0"}:
        return False
    raise ValidationError(_("Fill in ja or nee (yes or no), or leave the cell empty."))


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    parse: Callable[[str], Any]
    names: tuple[str, ...]


COLUMNS = (
    Column("name", gettext_lazy("name"), str, ("naam", "initiatief", "initiative")),
    Column(
        "provider",
        gettext_lazy("organisation running it"),
        str,
        ("organisatie", "organisation", "provider", "aanbieder"),
    ),
    Column(
        "work_models",
        gettext_lazy("work models"),
        _split,
        ("werkmodellen", "werkmodel", "work model"),
    ),
    Column(
        "municipalities",
        gettext_lazy("municipalities served"),
        _split,
        ("gemeenten", "gemeente", "municipality", "municipalities"),
    ),
    Column("area", gettext_lazy("area or neighbourhood"), str, ("regio", "wijk", "area")),
    Column(
        "target_groups",
        gettext_lazy("target groups"),
        str,
        ("doelgroepen", "doelgroep", "target group"),
    ),
    Column("languages", gettext_lazy("languages"), _languages, ("talen", "taal", "language")),
    Column(
        "delivery",
        gettext_lazy("on site or digital"),
        _delivery,
        ("aanbod", "digitaal", "delivery"),
    ),
    Column("cost", gettext_lazy("cost"), str, ("kostprijs", "prijs", "kost")),
    Column("sign_up", gettext_lazy("how to sign up"), str, ("inschrijven", "aanmelden", "sign up")),
    Column("contact", gettext_lazy("contact"), str, ("contactgegevens",)),
    Column(
        "accessibility",
        gettext_lazy("accessibility notes"),
        str,
        ("toegankelijkheid", "accessibility"),
    ),
    Column(
        "last_checked_on",
        gettext_lazy("last checked"),
        _date,
        ("laatst nagekeken", "nagekeken op", "last checked on"),
    ),
    Column(
        "shared", gettext_lazy("shared with other organisations"), _yes_no, ("gedeeld", "shared")
    ),
)
COLUMNS_BY_KEY = {column.key: column for column in COLUMNS}


def _work_models(names: list[str], models: list[WorkModel]) -> list[WorkModel]:
    lookup = {}
    for model in models:
        for name in (model.code, model.name_nl, model.name_en):
            lookup[normalise(name)] = model
    unknown = [name for name in names if normalise(name) not in lookup]
    if unknown:
        raise ValidationError(
            _("Unknown work model: %(names)s. Use the codes %(codes)s or the Dutch names.")
            % {"names": ", ".join(unknown), "codes": ", ".join(m.code for m in models)}
        )
    return [lookup[normalise(name)] for name in names]


def map_columns(header: list[str]) -> list[Column | None]:
    by_name: dict[str, Column] = {}
    for column in COLUMNS:
        for name in (column.key, *column.names):
            by_name[normalise(name)] = column
        for language in ("nl", "en"):
            with translation.override(language):
                by_name.setdefault(normalise(str(column.label)), column)
    slots = [by_name.get(normalise(name)) for name in header]
    unknown = [name for name, slot in zip(header, slots, strict=True) if name and slot is None]
    keys = [slot.key for slot in slots if slot]
    errors = []
    if unknown:
        errors.append(
            _("Unknown columns: %(columns)s. Rename or remove them (see the list of columns).")
            % {"columns": ", ".join(f"“{name}”" for name in unknown)}
        )
    if len(keys) != len(set(keys)):
        errors.append(_("A column appears more than once."))
    for required in ("name", "work_models"):
        if required not in keys:
            errors.append(
                _("The file needs a column “%(column)s”.")
                % {"column": COLUMNS_BY_KEY[required].label}
            )
    if errors:
        raise ValidationError(errors)
    return slots


@dataclass
class RowReport:
    number: int
    name: str
    problems: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems


@dataclass
class ImportReport:
    rows: list[RowReport]
    imported: bool = False

    @property
    def is_valid(self) -> bool:
        return all(row.is_valid for row in self.rows)

    @property
    def invalid_rows(self) -> list[RowReport]:
        return [row for row in self.rows if not row.is_valid]


def import_initiatives(*, membership: Membership, table: Table, commit: bool) -> ImportReport:
    """Create an initiative per row in one transaction; keep them only if every row passed."""
    if not table.rows or len(table.rows) > MAX_ROWS:
        raise ValidationError(_("The file has no rows to import, or too many."))
    slots = map_columns(table.header)
    models = list(WorkModel.objects.order_by("order"))
    report = ImportReport(rows=[])
    with transaction.atomic():
        for number, cells in table.rows:
            report.rows.append(_import_row(membership, slots, models, number, cells))
        report.imported = commit and report.is_valid
        if not report.imported:
            transaction.set_rollback(True)
    return report


def _label(key: str) -> str:
    return str(COLUMNS_BY_KEY[key].label).capitalize() if key in COLUMNS_BY_KEY else key


def _import_row(membership, slots, models, number: int, cells: list[str]) -> RowReport:
    values = {slot.key: cell for slot, cell in zip(slots, cells, strict=False) if slot}
    row = RowReport(number=number, name=values.get("name", ""))
    data: dict[str, Any] = {}
    for key, value in values.items():
        if not value:
            continue
        try:
            data[key] = COLUMNS_BY_KEY[key].parse(value)
        except ValidationError as error:
            row.problems.extend(f"{_label(key)}: {message}" for message in error.messages)
    work_models: list[WorkModel] = []
    try:
        work_models = _work_models(data.pop("work_models", []), models)
    except ValidationError as error:
        row.problems.extend(f"{_label('work_models')}: {m}" for m in error.messages)
    if row.problems:
        return row
    try:
        initiative_create(membership=membership, data=data, work_models=work_models)
    except ValidationError as error:
        messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        for key, texts in messages.items():
            prefix = f"{_label(key)}: " if key and key != "__all__" else ""
            row.problems.extend(prefix + text for text in texts)
    return row


def export_csv(initiatives, *, delimiter: str = exports.SEMICOLON) -> bytes:
    """The initiatives as a CSV Excel opens (`netwerk.exports`), in the import's format."""
    return exports.csv_bytes(
        [str(column.label) for column in COLUMNS],
        ([_cell(initiative, column.key) for column in COLUMNS] for initiative in initiatives),
        delimiter=delimiter,
    )


def _cell(initiative: Initiative, key: str) -> str:
    if key == "work_models":
        return ", ".join(model.code for model in initiative.work_models.all())
    value = getattr(initiative, key)
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value or "")
