"""The organisation's signal settings: sharing the counts, and its themes (org data)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.audit import audit_record
from accounts.models import AuditEvent
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from . import selectors, services
from .forms import SharingForm, ThemeForm
from .models import SignalTheme
from .selectors import KEEPERS


@role_required(*KEEPERS)
@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    """What sharing means, in plain words; the choice takes a confirmation."""
    membership = request.membership
    current = selectors.sharing_of(membership.organisation_id)
    opted_in = bool(current and current.opted_in)
    form = SharingForm(
        request.POST if request.method == "POST" else None,
        initial={"opted_in": "yes" if opted_in else "no"},
    )
    if request.method == "POST" and form.is_valid():
        services.sharing_set(membership=membership, opted_in=form.cleaned_data["opted_in"])
        if form.cleaned_data["opted_in"]:
            messages.success(request, _("Your organisation now shares the counts of its signals."))
        else:
            messages.success(request, _("Your organisation no longer shares anything."))
        return redirect("signalling:sharing")
    return render_form(
        request,
        "signalling/sharing.html",
        {"form": form, "sharing": current, "opted_in": opted_in},
        form,
    )


def _themes(request: HttpRequest):
    return (
        selectors.themes_of(request.membership.organisation_id)
        .annotate(signal_count=Count("signals"))
        .order_by("order", "name", "id")
    )


@role_required(*KEEPERS)
@require_http_methods(["GET", "POST"])
@submit_once
def theme_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = ThemeForm(
        request.POST if request.method == "POST" else None, initial={"active": True, "order": 200}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_create(membership=membership, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The theme was added."))
            return redirect("signalling:themes")
    themes = list(_themes(request))
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        object_type="signalling.signaltheme",
    )
    return render_form(request, "signalling/themes.html", {"form": form, "themes": themes}, form)


@role_required(*KEEPERS)
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _themes(request).filter(pk=pk).first()
    if theme is None:
        raise Http404
    form = ThemeForm(
        request.POST if request.method == "POST" else None,
        instance=SignalTheme.objects.get(pk=theme.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(
                membership=request.membership, theme=theme, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The theme was changed."))
            return redirect("signalling:themes")
    return render_form(request, "signalling/theme_edit.html", {"form": form, "theme": theme}, form)
