"""Group figures per group and per work model, on a page and as CSV."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent
from netwerk import exports
from netwerk.permissions import role_required

from ..selectors.figures import group_figures
from .common import GROUP_ROLES


@role_required(*GROUP_ROLES)
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    return render(request, "groups/figures.html", {"figures": group_figures(request.membership)})


@role_required(*GROUP_ROLES)
@require_safe
def figures_csv(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    result = group_figures(membership)
    headings = [
        _("level"),
        _("name"),
        _("work model"),
        _("groups"),
        _("members"),
        _("average attendance (%)"),
        _("completion rate (%)"),
        _("visits"),
        _("people reached without a file"),
        _("new ties recorded"),
    ]
    rows = [
        [
            level,
            f.label,
            f.work_model,
            f.groups,
            f.members,
            f.average_attendance,
            f.completion_rate,
            f.visits,
            f.reached_without_file,
            f.new_ties,
        ]
        for level, figures in (
            (_("group"), result.per_group),
            (_("work model"), result.per_work_model),
        )
        for f in figures
    ]
    response = exports.download(
        exports.csv_bytes(headings, rows, delimiter=exports.delimiter_from(request)),
        filename="group-figures.csv",
    )
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type="groups.figures",
    )
    return response
