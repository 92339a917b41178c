"""The pages of every spreadsheet import: upload, preview, confirm (and cancel).

An import is two steps. The upload is checked row by row (a dry run of the real import) and
shown as a preview; a correct file then waits in the session, never in the page, under a random
token, until the person confirms. The confirmation takes it back once, only with that token and
for the same membership, checks every row again and imports all of them or none. A double click
sends the confirmation twice, in parallel: only the first one gets the file. Each app's views
check the role and call its `ImportFlow`.
"""

import base64
import json
import secrets
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netwerk.forms import render_form
from netwerk.spreadsheets import Table, read_table

from .pipeline import ColumnSet, ImportReport

# A double click within this time imports once; the token is random, so the key is never reused.
DOUBLE_CLICK_GUARD_SECONDS = 24 * 3600


class SpreadsheetUploadForm(forms.Form):
    """A CSV or XLSX upload, read into `self.table` (with the size, row and zip-bomb limits of
    `netwerk.spreadsheets`). Subclasses say in `help_text` what one row holds."""

    help_text = ""
    file = forms.FileField(
        label=_("Spreadsheet (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.table = read_table(upload)
        return upload


@dataclass(frozen=True)
class PendingImport:
    """The checked file of one kind of import, kept in the session under `session_key`."""

    session_key: str

    def keep(self, request: HttpRequest, table: Table) -> str:
        """Keep the checked file until confirmed; return the token that names it. A new upload
        replaces one waiting."""
        token = secrets.token_urlsafe(16)
        raw = json.dumps([table.header, table.rows], separators=(",", ":")).encode()
        request.session[self.session_key] = {
            "membership": request.membership.pk,
            "token": token,
            "table": base64.b64encode(zlib.compress(raw)).decode("ascii"),
        }
        return token

    def drop(self, request: HttpRequest) -> None:
        request.session.pop(self.session_key, None)

    def take(self, request: HttpRequest, token: str) -> Table | None:
        """The file kept for this token and membership (once), or None."""
        kept = request.session.get(self.session_key)
        if not (
            isinstance(kept, dict)
            and token
            and kept.get("membership") == request.membership.pk
            and constant_time_compare(str(kept.get("token", "")), token)
        ):
            return None
        del request.session[self.session_key]
        try:
            header, rows = json.loads(zlib.decompress(base64.b64decode(kept["table"])))
            table = Table(
                header=[str(name) for name in header],
                rows=[(int(number), [str(cell) for cell in cells]) for number, cells in rows],
            )
        except (KeyError, TypeError, ValueError, zlib.error):
            return None
        try:
            first = cache.add(f"{self.session_key}:{token}", 1, timeout=DOUBLE_CLICK_GUARD_SECONDS)
        except Exception:  # the cache only guards against double clicks; without it, go on
            first = True
        return table if first else None


# The textual summary above a preview's table lists at most this many problems.
MAX_LISTED_PROBLEMS = 50


@dataclass(frozen=True)
class ImportFlow:
    """One import's pages. `run(membership=, table=, commit=, duplicates_confirmed=)` is the
    app's import (`netwerk.imports.run_import` with its columns and service)."""

    pending: PendingImport
    run: Callable[..., ImportReport]
    columns: ColumnSet
    form_class: type[SpreadsheetUploadForm]
    upload_template: str  # gets the form and the columns
    preview_template: str  # gets the report and the token to confirm with (see `preview`)
    upload_url: str  # URL name of the upload page
    done_url: str  # URL name of the page to go to when imported or cancelled
    done_message: Callable[[int], str]  # what was imported, given the number of rows

    def upload(self, request: HttpRequest) -> HttpResponse:
        form = self.form_class()
        if request.method == "POST":
            self.pending.drop(request)  # a new upload replaces one waiting
            form = self.form_class(request.POST, request.FILES)
            if form.is_valid():
                try:
                    report = self.run(membership=request.membership, table=form.table, commit=False)
                except ValidationError as error:
                    form.add_error("file", error)
                else:
                    token = self.pending.keep(request, form.table) if report.is_valid else ""
                    return self.preview(request, report, token)
        return render_form(
            request, self.upload_template, {"form": form, "columns": self.columns}, form
        )

    def confirm(self, request: HttpRequest) -> HttpResponse:
        table = self.pending.take(request, request.POST.get("token", ""))
        if table is None:
            messages.error(
                request,
                gettext(
                    "There is no checked file waiting to be imported (any more). Upload it again."
                ),
            )
            return redirect(self.upload_url)
        try:
            report = self.run(
                membership=request.membership,
                table=table,
                commit=True,
                duplicates_confirmed=request.POST.get("duplicates_checked") == "yes",
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(self.upload_url)
        if not report.imported:
            # Likely duplicates not confirmed: the same file waits again, under a new key.
            token = self.pending.keep(request, table) if report.is_valid else ""
            return self.preview(request, report, token, duplicates_unchecked=report.is_valid)
        messages.success(request, self.done_message(len(report.rows)))
        return redirect(self.done_url)

    def cancel(self, request: HttpRequest) -> HttpResponse:
        self.pending.drop(request)
        messages.info(request, gettext("The import was cancelled. Nothing was imported."))
        return redirect(self.done_url)

    def preview(
        self,
        request: HttpRequest,
        report: ImportReport,
        token: str = "",
        *,
        duplicates_unchecked: bool = False,
    ) -> HttpResponse:
        problems = report.problem_list()
        return render(
            request,
            self.preview_template,
            {
                "report": report,
                "token": token,  # empty: nothing to confirm
                "problems": problems[:MAX_LISTED_PROBLEMS],
                "more_problems": max(0, len(problems) - MAX_LISTED_PROBLEMS),
                "rows": report.rows if report.is_valid else report.invalid_rows,
                "form": self.form_class(),
                "duplicates": report.rows_with_duplicates,
                "duplicates_unchecked": duplicates_unchecked,
            },
        )
