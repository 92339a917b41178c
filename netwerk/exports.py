"""The one writer of every CSV and XLSX download (the caseload, the directory, the audit trail,
the dashboard's tables, the research export, the group figures).

One convention for all of them:
- CSV starts with a byte order mark (so Excel reads UTF-8) and ends lines with CRLF. The
  delimiter is the semicolon, which Excel expects in Belgium, with decimal commas; where a page
  offers the choice, `?delimiter=comma` gives commas with decimal points (`delimiter_from`).
- A text cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
  tab or a carriage return) gets a leading apostrophe, in CSV and XLSX alike: an exported name
  such as `=HYPERLINK(…)` stays text. Numbers stay numbers (a negative change is not text);
  only text is neutralised.
- XLSX cells cannot hold control characters: they are dropped before neutralising, so that
  "\\x01=…" cannot turn into a formula.
- Dates are written as ISO dates (yyyy-mm-dd, times local: yyyy-mm-dd hh:mm:ss), which every
  spreadsheet reads as a date.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SEMICOLON = ";"
COMMA = ","
BOM = "\ufeff"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Row = Sequence[Any]


def delimiter_from(request: HttpRequest) -> str:
    """The delimiter a download asks for: `?delimiter=comma`, else the semicolon."""
    return COMMA if request.GET.get("delimiter") == "comma" else SEMICOLON


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula gets a leading apostrophe; others stay."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool)


def csv_cell(value: Any, *, delimiter: str = SEMICOLON) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if _is_number(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value)
        return text.replace(".", ",") if delimiter == SEMICOLON else text
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return neutralise(str(value))


def xlsx_cell(value: Any) -> Any:
    if value is None or _is_number(value) or isinstance(value, bool):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value)
    if isinstance(value, datetime.date):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _local(value: datetime.datetime) -> datetime.datetime:
    """Local time without a zone (spreadsheets know no time zones)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(headings: Row, rows: Iterable[Row], *, delimiter: str = SEMICOLON) -> Iterator[str]:
    """The CSV text line by line (the first carries the byte order mark)."""
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    yield BOM + writer.writerow([csv_cell(h, delimiter=delimiter) for h in headings])
    for row in rows:
        yield writer.writerow([csv_cell(value, delimiter=delimiter) for value in row])


def csv_bytes(headings: Row, rows: Iterable[Row], *, delimiter: str = SEMICOLON) -> bytes:
    return "".join(csv_lines(headings, rows, delimiter=delimiter)).encode("utf-8")


def xlsx_bytes(headings: Row, rows: Iterable[Row], *, title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=ILLEGAL_CHARACTERS_RE.sub("", str(title))[:31] or "1")
    sheet.append([xlsx_cell(h) for h in headings])
    for row in rows:
        sheet.append([xlsx_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_bytes(
    headings: Row,
    rows: Iterable[Row],
    *,
    file_format: str = CSV,
    delimiter: str = SEMICOLON,
    title: str = "",
) -> bytes:
    if file_format == XLSX:
        return xlsx_bytes(headings, rows, title=title)
    return csv_bytes(headings, rows, delimiter=delimiter)


def download(content: bytes, *, filename: str, file_format: str = CSV) -> HttpResponse:
    """The file as an attachment; never kept in a cache (exports hold personal data)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    return _attachment(response, filename)


def streamed_csv(
    headings: Row, rows: Iterable[Row], *, filename: str, delimiter: str = SEMICOLON
) -> StreamingHttpResponse:
    """A CSV too long to build in memory (the audit trail), written while it is sent."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(headings, rows, delimiter=delimiter)),
        content_type=CONTENT_TYPES[CSV],
    )
    return _attachment(response, filename)


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
