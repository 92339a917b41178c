"""The import pipeline: a table of text in, a report per row out, and all rows or none saved.

An app describes its columns (`Column`, `ColumnSet`) and a function that saves one row through
its service; `run_import` does the rest. It maps the header to the columns, reads every cell
with its parser (`netwerk.imports.values`), hands each row to the app's function inside one
transaction, and keeps the rows only when every one passed: all or nothing. The preview runs
the same import and always rolls back, so it reports exactly what the real import would refuse.
"""

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from netwerk.spreadsheets import MAX_ROWS, Table

from . import values


@dataclass(frozen=True)
class Column:
    key: str  # the field (or the app's own name) the column fills
    label: Any  # its name in the page's language; the file may use the Dutch or English one
    parse: Callable[[str], Any] = values.text
    names: tuple[str, ...] = ()  # header names accepted besides the key and the labels
    hint: Any = ""  # what to fill in, for the list of columns
    required: Any = False  # True, or the message when the file lacks the column


@dataclass(frozen=True)
class ColumnSet:
    """The columns of one import, and how its service's errors find their column."""

    columns: tuple[Column, ...]
    # The model whose fields' names label a service error that no column of the file shows.
    model: type[models.Model] | None = None
    # A service error's field name -> the column that shows it (when not the same key).
    field_columns: dict[str, str] = field(default_factory=dict)
    # Header names refused outright (sensitive data), and what to say when a file has them.
    refused_names: tuple[Any, ...] = ()
    refused_message: Any = ""

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __getitem__(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def keys(self) -> set[str]:
        return {column.key for column in self.columns}

    def label(self, key: str) -> Any:
        if key in self.keys():
            return self[key].label
        try:
            return self.model._meta.get_field(key).verbose_name if self.model else key
        except FieldDoesNotExist:
            return key

    def map(self, header: list[str]) -> list[Column | None]:
        """The column behind each header cell (None for a nameless one), or every problem of
        the header at once."""
        by_name, refused_names = self._names()
        slots: list[Column | None] = []
        unknown, refused, repeated, seen = [], [], [], set()
        for name in header:
            key = values.normalise_name(name)
            column = by_name.get(key)
            slots.append(column)
            if key in refused_names:
                refused.append(name)
            elif key and column is None:
                unknown.append(name)
            elif column is not None and column.key in seen:
                repeated.append(name)
            elif column is not None:
                seen.add(column.key)
        errors = [
            str(message) % {"columns": _quoted(names)}
            for message, names in (
                (self.refused_message, refused),
                (
                    _(
                        "Unknown columns: %(columns)s. Rename or remove them "
                        "(see the list of columns)."
                    ),
                    unknown,
                ),
                (_("These columns appear more than once: %(columns)s."), repeated),
            )
            if names
        ]
        for column in self.columns:
            if column.required and column.key not in seen:
                errors.append(
                    _("The file needs a column “%(column)s”.") % {"column": column.label}
                    if column.required is True
                    else str(column.required)
                )
        if errors:
            raise ValidationError(errors)
        return slots

    def _names(self) -> tuple[dict[str, Column], set[str]]:
        by_name: dict[str, Column] = {}
        refused: set[str] = set()
        for language in ("nl", "en"):
            with translation.override(language):
                for column in self.columns:
                    for name in (column.key, *column.names):
                        by_name[values.normalise_name(name)] = column
                    by_name.setdefault(values.normalise_name(str(column.label)), column)
                refused.update(values.normalise_name(str(name)) for name in self.refused_names)
        return by_name, refused


def _quoted(names: list[str]) -> str:
    return ", ".join(f"“{name}”" for name in names)


@dataclass
class Row:
    """One row of the file: its text, what could be read of it, and what is wrong with it."""

    number: int  # as in the file
    column_set: ColumnSet
    columns: list[Column]  # the columns of the file, in its order
    values: dict[str, str]  # the text of every column of the file, by key
    data: dict[str, Any] = field(default_factory=dict)  # the values of the cells read
    cell_problems: dict[str, list[str]] = field(default_factory=dict)
    other_problems: list[str] = field(default_factory=list)  # of the row as a whole
    # Records that may be this row already (a warning: the import asks to confirm).
    duplicates: list[Any] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)  # cells whose text could not be read

    @property
    def cells(self) -> list[tuple[str, list[str]]]:
        """Per column of the file: the text and its problems."""
        return [(self.values[c.key], self.cell_problems.get(c.key, [])) for c in self.columns]

    @property
    def problems(self) -> list[str]:
        """Every problem of the row, those of a cell after the name of its column."""
        labelled = [
            f"{capfirst(str(column.label))}: {message}"
            for column in self.columns
            for message in self.cell_problems.get(column.key, [])
        ]
        return labelled + self.other_problems

    @property
    def is_valid(self) -> bool:
        return not self.other_problems and not any(self.cell_problems.values())

    def refuse_cell(self, key: str, error: ValidationError) -> None:
        """The cell could not be read: its own message says why, better than any later
        complaint of the service that the value is missing."""
        self.unreadable.add(key)
        self.cell_problems.setdefault(key, []).extend(error.messages)

    def add_error(self, error: ValidationError) -> None:
        """A service's (or the app's) error: each message in the cell of its field when the
        file has that column, else with the row, after the field's name."""
        if hasattr(error, "error_dict"):
            messages = error.message_dict
        else:
            messages = {NON_FIELD_ERRORS: error.messages}
        for name, texts in messages.items():
            key = self.column_set.field_columns.get(name, name)
            if key in self.unreadable:
                continue
            for text in texts:
                if key in self.values:
                    target, message = self.cell_problems.setdefault(key, []), text
                elif key in ("", NON_FIELD_ERRORS):
                    target, message = self.other_problems, text
                else:
                    label = capfirst(str(self.column_set.label(key)))
                    target, message = self.other_problems, f"{label}: {text}"
                if message not in target:  # a model check and its service may say the same
                    target.append(message)

    @contextlib.contextmanager
    def collecting(self) -> Iterator[None]:
        """Run a check or a service call; a ValidationError it raises joins the report."""
        try:
            yield
        except ValidationError as error:
            self.add_error(error)


@dataclass
class ImportReport:
    columns: list[Column]
    rows: list[Row]
    imported: bool = False

    @property
    def is_valid(self) -> bool:
        return all(row.is_valid for row in self.rows)

    @property
    def invalid_rows(self) -> list[Row]:
        return [row for row in self.rows if not row.is_valid]

    @property
    def rows_with_duplicates(self) -> list[Row]:
        return [row for row in self.rows if row.duplicates]

    def problem_list(self) -> list[tuple[int, Any, str]]:
        """(row number, column label or None, message) for every problem, in file order."""
        found = []
        for row in self.invalid_rows:
            for column, (_value, messages) in zip(row.columns, row.cells, strict=True):
                found.extend((row.number, column.label, message) for message in messages)
            found.extend((row.number, None, message) for message in row.other_problems)
        return found


def run_import(
    *,
    table: Table,
    columns: ColumnSet,
    save_row: Callable[[Row], None],
    commit: bool,
    duplicates_confirmed: bool = False,
) -> ImportReport:
    """Read and save every row in one transaction; keep them only if every row passed.

    `save_row` saves the row's `data` through the app's service, reporting what is wrong
    with `row.add_error` or `row.collecting()` (a ValidationError it raises is reported too).
    With commit=False nothing is kept, whatever the outcome: that is the preview. Rows with
    likely duplicates are kept only with `duplicates_confirmed`.
    """
    if not table.rows or len(table.rows) > MAX_ROWS:
        raise ValidationError(_("The file has no rows to import, or too many."))
    slots = columns.map(table.header)
    report = ImportReport(columns=[column for column in slots if column], rows=[])
    with transaction.atomic():
        for number, cells in table.rows:
            row = _read_row(columns, slots, report.columns, number, cells)
            with row.collecting():
                save_row(row)
            report.rows.append(row)
        report.imported = (
            commit and report.is_valid and (duplicates_confirmed or not report.rows_with_duplicates)
        )
        if not report.imported:
            transaction.set_rollback(True)
    return report


def _read_row(
    column_set: ColumnSet,
    slots: list[Column | None],
    columns: list[Column],
    number: int,
    cells: list[str],
) -> Row:
    row = Row(
        number=number,
        column_set=column_set,
        columns=columns,
        values={column.key: "" for column in columns},
    )
    for index, value in enumerate(cells):
        column = slots[index] if index < len(slots) else None
        if column is not None:
            row.values[column.key] = value
        elif value and not row.other_problems:
            row.other_problems.append(_("This row has a value in a column without a name."))
    for key, value in row.values.items():
        if not value:  # an empty cell leaves the field at its default
            continue
        try:
            row.data[key] = column_set[key].parse(value)
        except ValidationError as error:
            row.refuse_cell(key, error)
    return row
