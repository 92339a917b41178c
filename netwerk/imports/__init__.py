"""One import pipeline for every spreadsheet import (participants, the directory of initiatives).

- `netwerk.spreadsheets` reads the upload (CSV with ; , or tab, UTF-8 with or without BOM, or
  the first sheet of an XLSX, read-only and through defusedxml) into rows of text, within the
  size, row and column limits;
- `values` is the one set of value parsers (yes/no, dates, numbers, choices, languages, lists);
- `pipeline` maps the header to an app's columns, reads every cell, saves every row through the
  app's service in one transaction, and keeps all rows or none, with a report per row;
- `flow` is the pages: upload, preview with every row's problems, confirm, cancel.

An app keeps only its column definitions and the function that saves one row.
"""

from . import values
from .flow import ImportFlow, PendingImport, SpreadsheetUploadForm
from .pipeline import Column, ColumnSet, ImportReport, Row, run_import

__all__ = [
    "Column",
    "ColumnSet",
    "ImportFlow",
    "ImportReport",
    "PendingImport",
    "Row",
    "SpreadsheetUploadForm",
    "run_import",
    "values",
]
