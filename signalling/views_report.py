"""The signals report for policy analysts: the page (printable on A4, with its charts), its
CSV (`netwerk.exports`) and, in `api_report`, its API. Every read is audited."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk import exports
from netwerk.forms import INVALID_FORM_STATUS
from netwerk.permissions import role_required

from . import report_charts, report_csv
from .forms_report import ReportForm
from .report import (
    REPORT_ROLES,
    Scope,
    default_municipality,
    municipalities,
    quarter_label,
    signals_report,
)

AUDIT_TYPE = "signalling.signals_report"


def audit_report_read(user, membership: Membership, scope: Scope, *, channel: str) -> None:
    """Who read which report, when: the quarters and the municipality (no personal data);
    `channel`: "page", "csv" or "api" (the audit viewer names them)."""
    audit_record(
        actor=user,
        organisation=membership.organisation,
        action=AuditEvent.Action.EXPORT if channel == "csv" else AuditEvent.Action.READ,
        object_type=AUDIT_TYPE,
        object_id=f"{scope.first}..{scope.last} {scope.municipality or '*'}"[:64],
        fields=[f"report_{channel}"],
    )


def scope_from(request: HttpRequest) -> tuple[ReportForm, Scope, int]:
    """The report asked for, or the default one (the analyst's municipality, eight quarters)
    with 400 when the choice is not valid."""
    choices = municipalities()
    default = Scope.default(default_municipality(request.membership, choices))
    if not request.GET:
        initial = {
            "municipality": default.municipality,
            "first": default.first,
            "last": default.last,
        }
        return ReportForm(initial=initial, municipalities=choices), default, 200
    form = ReportForm(request.GET, municipalities=choices)
    if not form.is_valid():
        return form, default, INVALID_FORM_STATUS
    return form, form.scope(), 200


def querystring(scope: Scope) -> str:
    return urlencode({"municipality": scope.municipality, "first": scope.first, "last": scope.last})


@role_required(*REPORT_ROLES)
@require_safe
def report(request: HttpRequest) -> HttpResponse:
    form, scope, status = scope_from(request)
    figures = signals_report(request.membership, scope)
    audit_report_read(request.user, request.membership, scope, channel="page")
    context = {
        "form": form,
        "figures": figures,
        "scope": scope,
        "charts": report_charts.charts(figures),
        "querystring": querystring(scope),
        "first_label": quarter_label(scope.first),
        "last_label": quarter_label(scope.last),
    }
    return render(request, "signalling/report/report.html", context, status=status)


@role_required(*REPORT_ROLES)
@require_safe
def report_download(request: HttpRequest) -> HttpResponse:
    _form, scope, status = scope_from(request)
    if status != 200:  # the page says what is wrong with the choice
        return redirect(f"{reverse('signals_report:report')}?{request.GET.urlencode()}")
    figures = signals_report(request.membership, scope)
    audit_report_read(request.user, request.membership, scope, channel="csv")
    content = report_csv.report_csv(figures, delimiter=exports.delimiter_from(request))
    place = report_csv.slug(scope.municipality) or "all"
    return exports.download(
        content, filename=f"signals-report-{place}-{scope.first}-{scope.last}.csv"
    )
