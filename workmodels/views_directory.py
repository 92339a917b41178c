"""The directory of initiatives (sociale kaart): search, entries, import and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netwerk import exports
from netwerk.forms import render_form
from netwerk.imports import ImportFlow, PendingImport
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from . import imports, selectors, services
from .forms import DirectoryFilterForm, InitiativeForm, UploadForm

EDITORS = tuple(selectors.DIRECTORY_EDITORS)
SESSION_KEY = "workmodels_import"
PENDING = PendingImport(SESSION_KEY)
PAGE_SIZE = 25


def filters_from(form: DirectoryFilterForm) -> selectors.DirectoryFilters:
    if not form.is_valid():
        return selectors.DirectoryFilters()
    data = form.cleaned_data
    return selectors.DirectoryFilters(
        text=data.get("text", "").strip(),
        work_model=data.get("work_model", ""),
        municipality=data.get("municipality", "").strip(),
        language=data.get("language", ""),
        delivery=data.get("delivery", ""),
    )


@login_required
@require_GET
def initiative_list(request: HttpRequest) -> HttpResponse:
    if request.membership is None:
        raise Http404
    form = DirectoryFilterForm(request.GET or None)
    results = selectors.initiative_search(request.membership, filters_from(form))
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "can_edit": selectors.can_edit_directory(request.membership),
    }
    template = "workmodels/_directory_results.html" if request.htmx else "workmodels/directory.html"
    return render(request, template, context)


@login_required
@require_GET
def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = (
        selectors.initiatives_visible_to(request.membership)
        .select_related("organisation", "run_by")
        .prefetch_related("work_models")
        .filter(pk=pk)
        .first()
    )
    if initiative is None:
        raise Http404
    can_edit = (
        selectors.can_edit_directory(request.membership)
        and initiative.organisation_id == request.membership.organisation_id
    )
    return render(
        request, "workmodels/initiative.html", {"initiative": initiative, "can_edit": can_edit}
    )


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
@submit_once
def initiative_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    initiative = None
    if pk is not None:
        initiative = selectors.initiatives_editable_by(request.membership).filter(pk=pk).first()
        if initiative is None:
            raise Http404
    form = InitiativeForm(
        request.POST or None, instance=initiative, organisation=request.membership.organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            if initiative is None:
                initiative = services.initiative_create(
                    membership=request.membership,
                    data=form.service_data(),
                    work_models=form.cleaned_data["work_models"],
                )
            else:
                services.initiative_update(
                    membership=request.membership,
                    initiative=initiative,
                    data=form.service_data(),
                    work_models=form.cleaned_data["work_models"],
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The initiative was saved."))
            return redirect("workmodels:initiative", pk=initiative.pk)
    context = {"form": form, "initiative": initiative}
    return render_form(request, "workmodels/initiative_form.html", context, form)


@role_required(*EDITORS)
@require_POST
def initiative_delete(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.initiatives_editable_by(request.membership).filter(pk=pk).first()
    if initiative is None:
        raise Http404
    services.initiative_delete(membership=request.membership, initiative=initiative)
    messages.success(request, _("The initiative was removed from the directory."))
    return redirect("workmodels:directory")


@login_required
@require_GET
def initiative_export(request: HttpRequest) -> HttpResponse:
    if request.membership is None:
        raise Http404
    form = DirectoryFilterForm(request.GET or None)
    results = selectors.initiative_search(request.membership, filters_from(form))
    content = imports.export_csv(results, delimiter=exports.delimiter_from(request))
    return exports.download(content, filename="sociale-kaart.csv")


def _imported(count: int) -> str:
    return ngettext(
        "%(count)s initiative was added to the directory.",
        "%(count)s initiatives were added to the directory.",
        count,
    ) % {"count": count}


FLOW = ImportFlow(
    pending=PENDING,
    run=imports.import_initiatives,
    columns=imports.COLUMNS,
    form_class=UploadForm,
    upload_template="workmodels/import.html",
    preview_template="workmodels/import_preview.html",
    upload_url="workmodels:directory_import",
    done_url="workmodels:directory",
    done_message=_imported,
)


@role_required(*EDITORS)
@require_http_methods(["GET", "POST"])
def initiative_import(request: HttpRequest) -> HttpResponse:
    return FLOW.upload(request)


@role_required(*EDITORS)
@require_POST
def initiative_import_confirm(request: HttpRequest) -> HttpResponse:
    return FLOW.confirm(request)
