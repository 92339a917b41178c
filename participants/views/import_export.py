"""Importing participants from a spreadsheet, and exporting the caseload.

Import is two steps (`netwerk.imports`): the upload is checked row by row and shown as a preview;
a correct file waits in the session until the social worker confirms, and the confirmation
checks every row again and imports all of them or none.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import Role
from netwerk.exports import csv_bytes, delimiter_from, download
from netwerk.imports import ImportFlow, PendingImport, SpreadsheetUploadForm
from netwerk.permissions import role_required
from netwerk.reauth import reauthentication_required_for_download

from .. import exports, imports
from ..forms import CaseloadFilterForm
from .files import caseload_filters_from, caseload_query

SESSION_KEY = "participants_import"
PENDING = PendingImport(SESSION_KEY)


class UploadForm(SpreadsheetUploadForm):
    help_text = gettext_lazy(
        "One participant per row, column names in the first row. At most 2 MB and 1000 rows."
    )


def _imported(count: int) -> str:
    return ngettext(
        "%(count)s participant was added to your caseload.",
        "%(count)s participants were added to your caseload.",
        count,
    ) % {"count": count}


FLOW = ImportFlow(
    pending=PENDING,
    run=imports.import_participants,
    columns=imports.COLUMNS,
    form_class=UploadForm,
    upload_template="participants/import.html",
    preview_template="participants/import_preview.html",
    upload_url="participants:import",
    done_url="participants:list",
    done_message=_imported,
)


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest) -> HttpResponse:
    return FLOW.upload(request)


@role_required(Role.SOCIAL_WORKER)
@require_POST
def participant_import_confirm(request: HttpRequest) -> HttpResponse:
    return FLOW.confirm(request)


@role_required(Role.SOCIAL_WORKER)
@require_POST
def participant_import_cancel(request: HttpRequest) -> HttpResponse:
    return FLOW.cancel(request)


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
