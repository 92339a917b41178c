"""Reading an uploaded spreadsheet (CSV or XLSX) into rows of text, safely.

Shared by every import (participants, the directory of initiatives): size, row and
column limits, encoding and delimiter detection, and a guard against zip bombs, each with an
error that says in words what is wrong with the file.
"""

import csv
import datetime
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FILE_BYTES = 2 * 1024 * 1024
# Every row goes through its service twice (preview, confirmation), some twenty queries each:
# 1,000 rows stay well within the web server's 30 s request timeout.
MAX_ROWS = 1000
MAX_COLUMNS = 50
# An .xlsx is a zip archive: refuse one that unpacks to far more than any caseload (zip bomb).
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024


@dataclass
class Table:
    """The spreadsheet as text: the column names, and each row with its number in the file."""

    header: list[str]
    rows: list[tuple[int, list[str]]]


def read_table(upload) -> Table:
    """The upload as a Table, or a ValidationError that says in words what is wrong with it."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB. Split it into smaller files.")
            % {"size": MAX_FILE_BYTES // (1024 * 1024)}
        )
    name = (upload.name or "").lower()
    if not name.endswith((".csv", ".xlsx")):
        raise ValidationError(_("Upload a CSV file (.csv) or an Excel file (.xlsx)."))
    content = upload.read()
    if not content.strip():
        raise ValidationError(_("The file is empty."))
    if content.startswith(b"PK\x03\x04"):
        return _table(_xlsx_records(content))
    if name.endswith(".xlsx"):
        raise ValidationError(_("This Excel file cannot be read. Save it again as .xlsx or CSV."))
    return _table(_csv_records(content))


def _table(records: Iterable[tuple[int, list[str]]]) -> Table:
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, raw in records:
        cells = [cell.strip() for cell in raw]
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue  # blank rows are skipped; row numbers still follow the file
        if header is None:
            header = cells
        else:
            rows.append((number, cells))
        if len(cells) > MAX_COLUMNS:
            raise ValidationError(
                _("The file has more than %(count)s columns.") % {"count": MAX_COLUMNS}
            )
        if len(rows) > MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(count)s rows. Split it into smaller files.")
                % {"count": MAX_ROWS}
            )
    if header is None:
        raise ValidationError(_("The file is empty."))
    if not rows:
        raise ValidationError(_("The file has column names but no rows below them."))
    return Table(header=header, rows=rows)


def _csv_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    if b"\x00" in content:
        raise ValidationError(_("This is not a CSV file (plain text)."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The file is not saved as UTF-8. In Excel, save it as “CSV UTF-8” or as .xlsx.")
        ) from None
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    # Belgian Excel writes semicolons, most other tools commas; column names contain neither.
    delimiter = max((";", ",", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        for cells in reader:
            number += 1
            yield number, cells
    except csv.Error:
        raise ValidationError(
            _("Row %(row)s of the file cannot be read. Check its quotes.") % {"row": number + 1}
        ) from None


def _xlsx_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    unreadable = ValidationError(
        _("This Excel file cannot be read. Save it again as .xlsx or CSV.")
    )
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # a damaged or foreign file raises many kinds of errors
        raise unreadable from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        workbook.close()
        raise ValidationError(_("The file is too large. Split it into smaller files."))
    try:
        rows = workbook.worksheets[0].iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        for number, values in enumerate(rows, start=1):
            yield number, [_cell_text(value) for value in values]
    except ValidationError:
        raise
    except Exception:
        raise unreadable from None
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
