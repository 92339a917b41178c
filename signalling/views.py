"""The signal pages: record, the organisation's list, detail, change, withdraw, release."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.audit import audit_record
from accounts.models import AuditEvent
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from . import selectors, services
from .forms import SignalFilterForm, SignalForm
from .models import Signal, quarter_of
from .names import names_in
from .selectors import KEEPERS, RECORDERS, STAFF, SignalFilters

PAGE_SIZE = 50


def _audit_read(request: HttpRequest, signals) -> None:
    ids = [signal.pk for signal in signals]
    if ids:
        audit_record(
            actor=request.user,
            organisation=request.membership.organisation,
            action=AuditEvent.Action.READ,
            object_type="signalling.signal",
            object_ids=ids,
        )


def _recent_quarters(count: int = 8) -> list[str]:
    today = timezone.localdate()
    year, number = today.year, (today.month - 1) // 3 + 1
    labels = []
    for _step in range(count):
        labels.append(f"{year}-Q{number}")
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    return labels


@role_required(*RECORDERS)
@require_GET
def signal_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = SignalFilterForm(request.GET or None, membership=membership, quarters=_recent_quarters())
    # An unknown value is left out (never an error page); the valid filters still apply.
    data = {}
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
    filters = SignalFilters(
        theme=data["theme"].pk if data.get("theme") else None,
        municipality=(data.get("municipality") or "").strip(),
        quarter=data.get("quarter") or "",
        work_model=data["work_model"].pk if data.get("work_model") else None,
    )
    signals = list(selectors.signal_list(membership, filters)[:PAGE_SIZE])
    _audit_read(request, signals)
    return render(
        request,
        "signalling/list.html",
        {
            "form": form,
            "signals": signals,
            "page_size": PAGE_SIZE,
            "can_record": membership.role in STAFF,
            "can_keep": membership.role in KEEPERS,
            "filtered": any(data.values()) if data else False,
        },
    )


def _record(request: HttpRequest, kind: str, pk: int | None) -> HttpResponse:
    membership = request.membership
    source = selectors.source_for(membership, kind, pk)
    ask = kind != Signal.Source.STANDALONE
    initial = {
        "occurred_on": timezone.localdate(),
        "municipality": source.default_municipality(membership.organisation),
        "work_model": source.default_work_model(),
    }
    form = SignalForm(
        request.POST if request.method == "POST" else None,
        membership=membership,
        ask_participant=ask,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            signal = services.signal_record(
                membership=membership, source=source, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: the signal was recorded."))
            return redirect("signalling:detail", signal.pk)
    return render_form(
        request,
        "signalling/record.html",
        {"form": form, "source": source, "kind": kind},
        form,
    )


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
@submit_once
def signal_record(request: HttpRequest) -> HttpResponse:
    return _record(request, Signal.Source.STANDALONE, None)


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
@submit_once
def signal_record_file(request: HttpRequest, participant_pk: int) -> HttpResponse:
    return _record(request, Signal.Source.FILE, participant_pk)


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
@submit_once
def signal_record_match(request: HttpRequest, match_pk: int) -> HttpResponse:
    return _record(request, Signal.Source.MATCH, match_pk)


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
@submit_once
def signal_record_session(request: HttpRequest, session_pk: int) -> HttpResponse:
    return _record(request, Signal.Source.SESSION, session_pk)


@role_required(*RECORDERS)
@require_GET
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    signal = selectors.signal_get_for(membership, pk)
    _audit_read(request, [signal])
    keeper = selectors.can_keep(membership)
    return render(
        request,
        "signalling/detail.html",
        {
            "signal": signal,
            "can_edit": selectors.signal_editable_by(membership, signal),
            "can_keep": keeper,
        },
    )


def _editable_or_403(request: HttpRequest, pk: int) -> Signal:
    signal = selectors.signal_get_for(request.membership, pk)
    if not selectors.signal_editable_by(request.membership, signal):
        raise PermissionDenied
    return signal


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def signal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    signal = _editable_or_403(request, pk)
    ask = signal.source_type != Signal.Source.STANDALONE
    form = SignalForm(
        request.POST if request.method == "POST" else None,
        membership=membership,
        ask_participant=ask,
        instance=signal,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_update(membership=membership, signal=signal, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The signal was changed."))
            return redirect("signalling:detail", signal.pk)
    return render_form(request, "signalling/edit.html", {"form": form, "signal": signal}, form)


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def signal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what withdrawing does; POST withdraws."""
    signal = _editable_or_403(request, pk)
    if request.method == "POST":
        services.signal_withdraw(membership=request.membership, signal=signal)
        messages.success(request, _("The signal was withdrawn. It is no longer counted."))
        return redirect("signalling:list")
    return render(request, "signalling/withdraw.html", {"signal": signal})


def _keepable_or_403(request: HttpRequest, pk: int) -> Signal:
    signal = selectors.signal_get_for(request.membership, pk)
    if not selectors.can_keep(request.membership):
        raise PermissionDenied
    return signal


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def signal_release(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the story, the name check's result and what releasing means; POST releases."""
    signal = _keepable_or_403(request, pk)
    found = names_in(signal.story, signal.organisation_id)
    refused = False
    if request.method == "POST":
        try:
            services.signal_release(membership=request.membership, signal=signal)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            refused = True
        else:
            messages.success(request, _("The story was released for quoting."))
            return redirect("signalling:detail", signal.pk)
    return render_form(
        request,
        "signalling/release.html",
        {"signal": signal, "names_found": found},
        refused=refused,
    )


@role_required(*RECORDERS)
@require_http_methods(["GET", "POST"])
def signal_unrelease(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _keepable_or_403(request, pk)
    if request.method == "POST":
        services.signal_release(membership=request.membership, signal=signal, released=False)
        messages.success(request, _("The story is no longer released for quoting."))
        return redirect("signalling:detail", signal.pk)
    return render(request, "signalling/unrelease.html", {"signal": signal})


@role_required(*STAFF)
@require_GET
def signal_overview(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    today = timezone.localdate()
    data = selectors.overview(membership, today=today)
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        object_type="signalling.overview",
    )
    return render(
        request,
        "signalling/overview.html",
        {"overview": data, "this_quarter": quarter_of(today)},
    )
