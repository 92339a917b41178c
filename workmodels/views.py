"""Work model pages: the shared text, the organisation's additions, and the findings.

Findings live in the findings app, which workmodels may not import (reference data imports no
case app). The findings app registers a provider here when it loads, so the page can show
them without a dependency pointing the wrong way.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Role
from netwerk.forms import render_form
from netwerk.permissions import role_required

from . import selectors, services
from .forms import AdditionForm

# Set by findings.apps: (membership) -> {work_model_id or None: [finding, ...]}
findings_provider: Callable | None = None


def _findings(membership) -> dict:
    return findings_provider(membership) if findings_provider else {}


@login_required
@require_safe
def work_model_index(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    additions = selectors.additions_of(membership.organisation_id) if membership else {}
    models = list(selectors.work_model_list())
    for model in models:
        model.addition = additions.get(model.pk)
    return render(
        request,
        "workmodels/list.html",
        {"work_models": models, "general_findings": _findings(membership).get(None, [])},
    )


@login_required
@require_safe
def work_model_detail(request: HttpRequest, code: str) -> HttpResponse:
    model = selectors.work_model_get(code)
    if model is None:
        raise Http404
    membership = request.membership
    additions = selectors.additions_of(membership.organisation_id) if membership else {}
    findings = _findings(membership)
    return render(
        request,
        "workmodels/detail.html",
        {
            "model": model,
            "addition": additions.get(model.pk),
            "findings": findings.get(model.pk, []),
            "general_findings": findings.get(None, []),
            "can_edit": membership is not None and membership.role == Role.ORG_ADMIN,
        },
    )


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def work_model_addition_edit(request: HttpRequest, code: str) -> HttpResponse:
    model = selectors.work_model_get(code)
    if model is None:
        raise Http404
    addition = selectors.additions_of(request.membership.organisation_id).get(model.pk)
    form = AdditionForm(request.POST or None, instance=addition)
    if request.method == "POST" and form.is_valid():
        try:
            services.work_model_addition_save(
                membership=request.membership, work_model=model, data=form.cleaned_data
            )
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("Your organisation's additions were saved."))
        return redirect("workmodels:detail", code=model.code)
    context = {"model": model, "form": form}
    return render_form(request, "workmodels/addition_form.html", context, form)
