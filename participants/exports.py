"""Exporting the caseload, as the caseload page lists it, to CSV or XLSX.

Only the list page's columns leave the application: never special-category data. Every export is
recorded in the audit trail (which fields, not which people or values).
"""

import csv
import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership

from .models import Participant
from .selectors import CaseloadFilters, caseload_list

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# (heading, the model fields it shows, its value for one participant)
COLUMNS: tuple[tuple[Any, tuple[str, ...], Callable[[Participant], Any]], ...] = (
    (gettext_lazy("Reference"), ("reference_code",), lambda p: p.reference_code),
    (
        gettext_lazy("Name"),
        ("first_name", "last_name", "preferred_name"),
        lambda p: p.display_name,
    ),
    (gettext_lazy("Status"), ("status",), lambda p: str(p.get_status_display())),
    (gettext_lazy("Municipality"), ("municipality",), lambda p: p.municipality),
    (
        gettext_lazy("Social worker"),
        ("social_worker",),
        lambda p: str(p.social_worker) if p.social_worker else "",
    ),
    (
        gettext_lazy("Last intervention"),
        ("last_intervention_on",),
        lambda p: p.last_intervention_on,
    ),
    (gettext_lazy("Next follow-up"), ("next_follow_up_on",), lambda p: p.next_follow_up_on),
)
EXPORTED_FIELDS = sorted({field for _heading, fields, _value in COLUMNS for field in fields})


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe; others stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def participants_export(
    *,
    membership: Membership,
    filters: CaseloadFilters,
    file_format: str,
    delimiter: str = ",",
) -> Export:
    """The participants the caseload page lists with these filters, as a CSV or XLSX file.

    The same selector as the page, so the export never holds more than the page would show.
    The export is audited.
    """
    participants = caseload_list(membership, filters)
    headings = [str(heading) for heading, _fields, _value in COLUMNS]
    rows = (
        [value(participant) for _heading, _fields, value in COLUMNS]
        for participant in participants.iterator(chunk_size=2000)
    )
    if file_format == "xlsx":
        content = _xlsx(headings, rows)
    else:
        file_format = "csv"
        content = _csv(headings, rows, delimiter=";" if delimiter == ";" else ",")
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type=Participant._meta.label_lower,
        fields=EXPORTED_FIELDS,
    )
    filename = f"{slugify(_('participants'))}-{timezone.localdate().isoformat()}.{file_format}"
    return Export(content=content, content_type=CONTENT_TYPES[file_format], filename=filename)


def _csv(headings: list[str], rows: Iterable[list[Any]], *, delimiter: str) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # the byte order mark makes Excel read the file as UTF-8
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow([neutralise(_csv_text(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _xlsx(headings: list[str], rows: Iterable[list[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Participants")[:31])
    sheet.append(headings)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        # Control characters cannot be stored in an .xlsx cell: drop them, then neutralise
        # (in that order, so "\x01=…" cannot turn into a formula).
        return neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value
