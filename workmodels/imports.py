"""Importing and exporting the directory of initiatives (CSV or XLSX).

The pipeline (`netwerk.imports`) reads the file and its cells with the shared value parsers and
keeps the rows only when every one passed: all or nothing. Here: the columns, and saving a row
through `services.initiative_create`. The export writes the same columns, so it reads back in.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership
from netwerk import exports
from netwerk.imports import Column, ColumnSet, ImportReport, Row, run_import, values

# The safe spreadsheet reader (size, row and zip-bomb limits), shared by every import.
from netwerk.spreadsheets import MAX_ROWS, Table, read_table

from .models import Initiative, WorkModel
from .services import initiative_create

__all__ = ["COLUMNS", "MAX_ROWS", "Table", "export_csv", "import_initiatives", "read_table"]

_DELIVERY = values.Choice(
    Initiative.Delivery.choices,
    aliases={"op locatie": "on_site", "digitaal": "digital", "beide": "both"},
)

COLUMNS = ColumnSet(
    columns=(
        Column(
            "name", gettext_lazy("name"), names=("naam", "initiatief", "initiative"), required=True
        ),
        Column(
            "provider",
            gettext_lazy("organisation running it"),
            names=("organisatie", "organisation", "provider", "aanbieder"),
        ),
        Column(
            "work_models",
            gettext_lazy("work models"),
            values.items,
            ("werkmodellen", "werkmodel", "work model"),
            required=True,
        ),
        Column(
            "municipalities",
            gettext_lazy("municipalities served"),
            values.items,
            ("gemeenten", "gemeente", "municipality", "municipalities"),
        ),
        Column("area", gettext_lazy("area or neighbourhood"), names=("regio", "wijk", "area")),
        Column(
            "target_groups",
            gettext_lazy("target groups"),
            names=("doelgroepen", "doelgroep", "target group"),
        ),
        Column(
            "languages", gettext_lazy("languages"), values.languages, ("talen", "taal", "language")
        ),
        Column(
            "delivery",
            gettext_lazy("on site or digital"),
            _DELIVERY,
            ("aanbod", "digitaal", "delivery"),
        ),
        Column("cost", gettext_lazy("cost"), names=("kostprijs", "prijs", "kost")),
        Column(
            "sign_up",
            gettext_lazy("how to sign up"),
            names=("inschrijven", "aanmelden", "sign up"),
        ),
        Column("contact", gettext_lazy("contact"), names=("contactgegevens",)),
        Column(
            "accessibility",
            gettext_lazy("accessibility notes"),
            names=("toegankelijkheid", "accessibility"),
        ),
        Column(
            "last_checked_on",
            gettext_lazy("last checked"),
            values.date,
            ("laatst nagekeken", "nagekeken op", "last checked on"),
        ),
        Column(
            "shared",
            gettext_lazy("shared with other organisations"),
            values.yes_no,
            ("gedeeld", "shared"),
        ),
    ),
    model=Initiative,
)


def _work_models(names: list[str], models: list[WorkModel]) -> list[WorkModel]:
    lookup = {}
    for model in models:
        for name in (model.code, model.name_nl, model.name_en):
            lookup[values.normalise_name(name)] = model
    unknown = [name for name in names if values.normalise_name(name) not in lookup]
    if unknown:
        raise ValidationError(
            _("Unknown work model: %(names)s. Use the codes %(codes)s or the Dutch names.")
            % {"names": ", ".join(unknown), "codes": ", ".join(m.code for m in models)}
        )
    return [lookup[values.normalise_name(name)] for name in names]


def import_initiatives(
    *, membership: Membership, table: Table, commit: bool, duplicates_confirmed: bool = False
) -> ImportReport:
    """Create an initiative per row in one transaction; keep them only if every row passed.
    (The directory looks for no duplicates: `duplicates_confirmed` changes nothing.)"""
    models = list(WorkModel.objects.order_by("order"))
    return run_import(
        table=table,
        columns=COLUMNS,
        save_row=lambda row: _save_row(membership, models, row),
        commit=commit,
        duplicates_confirmed=duplicates_confirmed,
    )


def _save_row(membership: Membership, models: list[WorkModel], row: Row) -> None:
    data = dict(row.data)
    work_models: list[WorkModel] = []
    try:
        work_models = _work_models(data.pop("work_models", []), models)
    except ValidationError as error:
        row.refuse_cell("work_models", error)
    with row.collecting():
        initiative_create(membership=membership, data=data, work_models=work_models)


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
