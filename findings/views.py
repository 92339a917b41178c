"""Findings pages: the findings per work model, focus groups with their quotes, and coding."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from netwerk.forms import render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from workmodels.selectors import work_model_list

from . import selectors, services
from .forms import CodeQuoteForm, FindingForm, FocusGroupForm, QuoteForm

CODERS = tuple(selectors.FINDINGS_EDITORS)


@login_required
@require_GET
def finding_list(request: HttpRequest) -> HttpResponse:
    if request.membership is None:
        raise Http404
    grouped = selectors.findings_by_model(request.membership)
    models = list(work_model_list())
    for model in models:
        model.findings = grouped.get(model.pk, [])
    return render(
        request,
        "findings/list.html",
        {
            "general": grouped.get(None, []),
            "work_models": models,
            "can_code": selectors.can_code(request.membership),
        },
    )


@role_required(*CODERS)
@require_http_methods(["GET", "POST"])
@submit_once
def focus_group_list(request: HttpRequest) -> HttpResponse:
    form = FocusGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.focus_group_create(
                membership=request.membership, data=form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The focus group was recorded."))
            return redirect("findings:focus_group", pk=group.pk)
    context = {"groups": selectors.focus_groups_of(request.membership), "form": form}
    return render_form(request, "findings/focus_groups.html", context, form)


@role_required(*CODERS)
@require_http_methods(["GET", "POST"])
@submit_once
def focus_group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.focus_groups_of(request.membership).filter(pk=pk).first()
    if group is None:
        raise Http404
    form = QuoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.quote_add(
                membership=request.membership,
                focus_group=group,
                text=form.cleaned_data["text"],
                speaker_kind=form.cleaned_data["speaker_kind"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The quote was added."))
            return redirect("findings:focus_group", pk=group.pk)
    quotes = group.quotes.prefetch_related("findings").order_by("id")
    context = {"group": group, "quotes": quotes, "form": form}
    return render_form(request, "findings/focus_group.html", context, form)


@role_required(*CODERS)
@require_http_methods(["GET", "POST"])
@submit_once
def finding_create(request: HttpRequest) -> HttpResponse:
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_create(membership=request.membership, data=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The finding was recorded."))
            return redirect("findings:coding")
    return render_form(request, "findings/finding_form.html", {"form": form}, form)


@role_required(*CODERS)
@require_GET
def coding(request: HttpRequest) -> HttpResponse:
    """Quotes of the organisation's focus groups not yet linked to any finding."""
    findings = selectors.findings_codable_by(request.membership)
    quotes = list(selectors.quotes_uncoded(request.membership)[:100])
    # The choices once for the page: each quote's form lists the same findings.
    choices = [
        (value, label)
        for value, label in CodeQuoteForm(findings=findings).fields["finding"].choices
    ]
    return render(
        request,
        "findings/coding.html",
        {"quotes": quotes, "choices": choices, "has_findings": len(choices) > 1},
    )


@role_required(*CODERS)
@require_POST
def quote_code(request: HttpRequest, pk: int) -> HttpResponse:
    quote = selectors.quotes_of(request.membership).select_related("focus_group")
    quote = quote.filter(pk=pk).first()
    if quote is None:
        raise Http404
    form = CodeQuoteForm(request.POST, findings=selectors.findings_codable_by(request.membership))
    if form.is_valid():
        services.finding_link_quotes(
            membership=request.membership, finding=form.cleaned_data["finding"], quotes=[quote]
        )
        messages.success(request, _("The quote now supports the finding."))
    else:
        messages.error(request, _("Choose a finding for the quote."))
    return redirect("findings:coding")
