"""Importing participants from a spreadsheet, and exporting the caseload.

Import is two steps (`netwerk.imports`): the upload is checked row by row and shown as a preview;
a correct file waits in the session until the social worker confirms, and the confirmation
checks every row again and imports all of them or none.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from netwerk.exports import csv_bytes, delimiter_from, download
from netwerk.forms import render_form
from netwerk.imports import PendingImport, SpreadsheetUploadForm
from netwerk.permissions import role_required
from netwerk.reauth import reauthentication_required_for_download

from .. import exports, imports
from ..forms import CaseloadFilterForm
from .files import caseload_filters_from, caseload_query

SESSION_KEY = "participants_import"
PENDING = PendingImport(SESSION_KEY)
# The textual summary above the preview table lists at most this many problems.
MAX_LISTED_PROBLEMS = 50


class UploadForm(SpreadsheetUploadForm):
    help_text = gettext_lazy(
        "One participant per row, column names in the first row. At most 2 MB and 1000 rows."
    )


def _preview(
    request: HttpRequest,
    report: imports.ImportReport,
    token: str = "",
    *,
    duplicates_unchecked: bool = False,
) -> HttpResponse:
    problems = report.problems()
    return render(
        request,
        "participants/import_preview.html",
        {
            "report": report,
            "token": token,
            "problems": problems[:MAX_LISTED_PROBLEMS],
            "more_problems": max(0, len(problems) - MAX_LISTED_PROBLEMS),
            "rows": report.rows if report.is_valid else report.invalid_rows,
            "form": UploadForm(),
            "duplicates": report.rows_with_duplicates,
            "duplicates_unchecked": duplicates_unchecked,
        },
    )


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    if request.method == "POST":
        PENDING.drop(request)  # a new upload replaces one waiting
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = imports.import_participants(
                    membership=request.membership, table=form.table, commit=False
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                token = PENDING.keep(request, form.table) if report.is_valid else ""
                return _preview(request, report, token)
    context = {"form": form, "columns": imports.COLUMNS}
    return render_form(request, "participants/import.html", context, form)


@role_required(Role.SOCIAL_WORKER)
@require_POST
def participant_import_confirm(request: HttpRequest) -> HttpResponse:
    table = PENDING.take(request, request.POST.get("token", ""))
    if table is None:
        messages.error(
            request,
            _("There is no checked file waiting to be imported (any more). Upload it again."),
        )
        return redirect("participants:import")
    confirmed = request.POST.get("duplicates_checked") == "yes"
    try:
        report = imports.import_participants(
            membership=request.membership, table=table, commit=True, duplicates_confirmed=confirmed
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("participants:import")
    if not report.imported:
        # Likely duplicates not confirmed: the same file waits again, under a new key.
        token = PENDING.keep(request, table) if report.is_valid else ""
        return _preview(request, report, token, duplicates_unchecked=report.is_valid)
    count = len(report.rows)
    messages.success(
        request,
        ngettext(
            "%(count)s participant was added to your caseload.",
            "%(count)s participants were added to your caseload.",
            count,
        )
        % {"count": count},
    )
    return redirect("participants:list")


@role_required(Role.SOCIAL_WORKER)
@require_POST
def participant_import_cancel(request: HttpRequest) -> HttpResponse:
    PENDING.drop(request)
    messages.info(request, _("The import was cancelled. Nothing was imported."))
    return redirect("participants:list")


@role_required(Role.SOCIAL_WORKER)
@require_GET
def participant_import_example(request: HttpRequest) -> HttpResponse:
    """An empty file with every column, named in the page's language, for Excel (semicolons)."""
    headings = [str(column.label) for column in imports.COLUMNS]
    return download(csv_bytes(headings, []), filename="import.csv")


@role_required(Role.SOCIAL_WORKER)
@require_GET
@reauthentication_required_for_download
def participant_export(request: HttpRequest) -> HttpResponse:
    file_format = request.GET.get("format", "csv")
    if file_format not in exports.CONTENT_TYPES:
        raise Http404
    export = exports.participants_export(
        membership=request.membership,
        # The caseload page's own filters, read the same way, so the export is that list.
        filters=caseload_filters_from(CaseloadFilterForm(caseload_query(request)[0])),
        file_format=file_format,
        delimiter=delimiter_from(request),
    )
    return download(export.content, filename=export.filename, file_format=file_format)
