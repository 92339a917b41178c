"""What works for whom: the dashboard, its CSV tables and the research export."""

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from netwerk import exports
from netwerk.permissions import role_required

from . import caching, dashboard, durable_page, export, export_network, export_page
from .durable_ties import WINDOW
from .levels import DIMENSIONS
from .selectors import DASHBOARD_ROLES, EXPORT_ROLES, can_export_research, findings_by_model


@role_required(*DASHBOARD_ROLES)
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    dimension = request.GET.get("by", "age_band")
    if dimension not in DIMENSIONS:
        dimension = "age_band"
    language = translation.get_language() or "nl"
    # The body (figures, charts, findings) is the same for everyone of the organisation:
    # cached rendered, keyed by organisation, data version, language and breakdown.
    key = caching.key("page", membership.organisation_id, language, dimension)
    body = cache.get(key)
    if body is None:
        data = dashboard.figures(membership.organisation_id)
        context = dashboard.presentation(data, dimension)
        findings = findings_by_model(membership)
        for row in context["rows"]:
            row["findings"] = findings.get(row["model"].pk, [])
        context |= {
            "durable": durable_page.rows(data["durable_ties"]),
            "general_findings": findings.get(None, []),
            "dimension": dimension,
            "dimension_label": dashboard.DIMENSION_LABELS[dimension],
        }
        body = render_to_string("findings/_dashboard_body.html", context)
        cache.set(key, body, timeout=caching.TIMEOUT)
    return render(
        request,
        "findings/dashboard.html",
        {
            "body": body,
            "dimension": dimension,
            "dimensions": [(code, dashboard.DIMENSION_LABELS[code]) for code in DIMENSIONS],
            "can_export": can_export_research(membership),
        },
    )


@role_required(*DASHBOARD_ROLES)
@require_GET
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    dimension = request.GET.get("by", "")
    if dimension and dimension not in DIMENSIONS:
        raise Http404
    data = dashboard.figures(request.membership.organisation_id)
    content = dashboard.table_csv(data, dimension, delimiter=exports.delimiter_from(request))
    name = f"what-works-for-whom{'-' + dimension if dimension else ''}.csv"
    return exports.download(content, filename=name)


@role_required(*EXPORT_ROLES)
@require_GET
def research_export(request: HttpRequest) -> HttpResponse:
    """What the research export holds and how it was made anonymous, with its download."""
    anonymity = export.research_export_rows(request.membership.organisation_id).anonymity
    return render(
        request,
        "findings/research_export.html",
        {
            "anonymity": anonymity,
            "steps": export_page.generalisation_steps(anonymity),
            "k": export_page.K,
        },
    )


@role_required(*EXPORT_ROLES)
@require_GET
def research_export_csv(request: HttpRequest) -> HttpResponse:
    content, _count = export.research_export(
        membership=request.membership, delimiter=exports.delimiter_from(request)
    )
    return exports.download(content, filename="research-export.csv")


@role_required(*DASHBOARD_ROLES)
@require_GET
def durable_ties_page(request: HttpRequest) -> HttpResponse:
    """Per work model: the ties it created and how many still exist 6 and 12 months after it
    ended (`findings.durable_ties`)."""
    data = dashboard.durable(request.membership.organisation_id)
    rows = durable_page.rows(data)
    return render(
        request,
        "findings/durable_ties.html",
        {
            "rows": rows,
            "tables": durable_page.by_horizon(rows),
            "min_cell": data["min_cell"],
            "window": WINDOW,
        },
    )


@role_required(*DASHBOARD_ROLES)
@require_GET
def durable_ties_csv(request: HttpRequest) -> HttpResponse:
    data = dashboard.durable(request.membership.organisation_id)
    content = durable_page.table_csv(data, delimiter=exports.delimiter_from(request))
    return exports.download(content, filename="durable-ties.csv")


@role_required(*EXPORT_ROLES)
@require_GET
def research_network_zip(request: HttpRequest) -> HttpResponse:
    """The network structure of the research export's participants (pseudonymous node ids,
    sectors, rings and ties; never labels): nodes.csv and edges.csv, zipped."""
    content, _count = export_network.research_network_export(
        membership=request.membership, delimiter=exports.delimiter_from(request)
    )
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="research-network-structure.zip"'
    response["Cache-Control"] = "no-store"
    return response
