"""The match board, one match with its history and follow-up, and the figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import explain, selectors, services
from ..forms import (
    ActivateForm,
    AgreementsForm,
    CheckInForm,
    CloseForm,
    ContactLogForm,
    DeclineForm,
    PlanIntroForm,
    ResumeForm,
    StartClosingForm,
)
from ..models import Match
from .common import MANAGERS, flash_errors, match_or_404


@role_required(*MANAGERS)
@require_safe
def match_board(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    matches = list(selectors.match_board(membership))
    due = selectors.check_ins_due_on(
        membership.organisation_id, [m.pk for m in matches if m.status == Match.Status.ACTIVE]
    )
    for match in matches:
        match.check_in_due_on = due.get(match.pk)
    check_ins = sorted((m for m in matches if m.check_in_due_on), key=lambda m: m.check_in_due_on)
    columns = [
        {"status": value, "label": label, "matches": [m for m in matches if m.status == value]}
        for value, label in Match.Status.choices
        if value in Match.OPEN
    ]
    return render(
        request,
        "buddies/match_board.html",
        {
            "columns": columns,
            "check_ins_due": check_ins,
            "worries": list(selectors.open_worries(membership)[:20]),
        },
    )


# action → (form class, service call)
ACTIONS = {
    "plan_intro": (
        PlanIntroForm,
        lambda m, match, d: services.match_plan_intro(membership=m, match=match, **d),
    ),
    "activate": (
        ActivateForm,
        lambda m, match, d: services.match_activate(
            membership=m, match=match, started_on=d.get("started_on")
        ),
    ),
    "start_closing": (
        StartClosingForm,
        lambda m, match, d: services.match_start_closing(membership=m, match=match, **d),
    ),
    "resume": (
        ResumeForm,
        lambda m, match, d: services.match_resume(membership=m, match=match, **d),
    ),
    "close": (
        CloseForm,
        lambda m, match, d: services.match_close(membership=m, match=match, data=d),
    ),
    "decline": (
        DeclineForm,
        lambda m, match, d: services.match_decline(membership=m, match=match, **d),
    ),
}


def _detail(request, match, *, forms=None, refused=False) -> HttpResponse:
    forms = forms or {}
    allowed = [
        action
        for action, (statuses, _target) in services.TRANSITIONS.items()
        if match.status in statuses
    ]
    context = {
        "match": match,
        "reasons": explain.reasons(match.explanation or {}),
        "conditions": explain.conditions(match.explanation or {}),
        "events": list(match.events.select_related("actor")),
        "contact_logs": list(match.contact_logs.all()[:50]),
        "check_ins": list(match.check_ins.select_related("coordinator")[:50]),
        "allowed": allowed,
        "forms": {
            action: forms.get(action) or (form_class(prefix=action) if form_class else None)
            for action, (form_class, _call) in ACTIONS.items()
            if action in allowed
        },
        "check_in_form": forms.get("check_in") or CheckInForm(prefix="check_in"),
        "contact_form": (
            forms.get("contact") or ContactLogForm(prefix="contact")
            if match.is_open and match.volunteer.user_id is None
            else None
        ),
        "agreements_form": forms.get("agreements")
        or AgreementsForm(
            prefix="agreements",
            initial={"agreements": match.agreements, "next_meeting_on": match.next_meeting_on},
        ),
    }
    return render_form(
        request, "buddies/match_detail.html", context, *forms.values(), refused=refused
    )


@role_required(*MANAGERS)
@require_safe
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, match_or_404(request, pk))


@role_required(*MANAGERS)
@require_POST
def match_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    match = match_or_404(request, pk)
    if action not in ACTIONS:
        raise Http404
    form_class, call = ACTIONS[action]
    form = form_class(request.POST, prefix=action) if form_class else None
    if form is not None and not form.is_valid():
        if action == "start_closing":
            return _confirm_closing(request, match, form)
        return _detail(request, match, forms={action: form})
    try:
        call(request.membership, match, form.cleaned_data if form else {})
    except ValidationError as error:
        if form is not None and hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return _detail(request, match, forms={action: form})
        flash_errors(request, error)
    else:
        messages.success(request, _("The match was updated."))
    return redirect("buddies:match_detail", pk)


def _confirm_closing(request, match, form) -> HttpResponse:
    context = {"match": match, "form": form}
    return render_form(request, "buddies/start_closing_confirm.html", context, form)


@role_required(*MANAGERS)
@require_safe
def start_closing_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Before a match starts closing, say what will happen (and that it can be undone)."""
    match = match_or_404(request, pk)
    if match.status != Match.Status.ACTIVE:
        messages.info(request, _("Only a running match can start closing."))
        return redirect("buddies:match_detail", pk)
    return _confirm_closing(request, match, StartClosingForm(prefix="start_closing"))


@role_required(*MANAGERS)
@require_POST
@submit_once
def check_in_add(request: HttpRequest, pk: int) -> HttpResponse:
    match = match_or_404(request, pk)
    form = CheckInForm(request.POST, prefix="check_in")
    if form.is_valid():
        try:
            services.check_in_create(
                membership=request.membership, match=match, data=form.cleaned_data
            )
        except ValidationError as error:
            flash_errors(request, error)
            return _detail(request, match, forms={"check_in": form}, refused=True)
        else:
            messages.success(request, _("The check-in was saved."))
            return redirect("buddies:match_detail", pk)
    return _detail(request, match, forms={"check_in": form})


@role_required(*MANAGERS)
@require_POST
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    """The coordinator logs what a volunteer without a log-in told them."""
    match = match_or_404(request, pk)
    try:
        services.contact_log_allowed(request.membership, match)  # 403: the volunteer logs
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("buddies:match_detail", pk)
    form = ContactLogForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            services.contact_log_create(
                membership=request.membership, match=match, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The contact was logged."))
            return redirect("buddies:match_detail", pk)
    return _detail(request, match, forms={"contact": form})


@role_required(*MANAGERS)
@require_POST
def agreements_edit(request: HttpRequest, pk: int) -> HttpResponse:
    match = match_or_404(request, pk)
    form = AgreementsForm(request.POST, prefix="agreements")
    if not form.is_valid():
        return _detail(request, match, forms={"agreements": form})
    services.match_agreements_update(
        membership=request.membership, match=match, data=form.cleaned_data
    )
    messages.success(request, _("The agreements were saved."))
    return redirect("buddies:match_detail", pk)


@role_required(*MANAGERS)
@require_safe
def match_figures(request: HttpRequest) -> HttpResponse:
    return render(
        request, "buddies/figures.html", {"figures": selectors.match_figures(request.membership)}
    )
