"""The volunteer's own pages, phone first: a contact, logging a contact or a worry, their
profile. The contact pages and forms are kept on the phone for use offline (static/js/sw.js).

A volunteer reaches only their own open matches; anything else answers 404. Contact details
show only while the participant's consent to share them with a buddy holds.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.languages import language_names
from netwerk.offline_pages import keep_offline
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import selectors, services
from ..availability import mask_labels
from ..forms import ContactLogForm, OwnProfileForm, WorryForm
from ..models import Match


def _own_contact(request: HttpRequest, pk: int) -> Match:
    match = selectors.volunteer_contacts(request.membership).filter(pk=pk).first()
    if match is None:
        raise Http404
    return match


@role_required(Role.VOLUNTEER)
@require_safe
@keep_offline
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = _own_contact(request, pk)
    logs = selectors.contact_logs_visible_to(request.membership).filter(match=match)[:10]
    return render(
        request,
        "buddies/my_contact.html",
        {
            "match": match,
            "languages": language_names(match.request.languages),
            "logs": list(logs),
        },
    )


@role_required(Role.VOLUNTEER)
@require_http_methods(["GET", "POST"])
@keep_offline
@submit_once
def contact_log(request: HttpRequest, pk: int) -> HttpResponse:
    match = _own_contact(request, pk)
    form = ContactLogForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        client_id = data.pop("client_id", None)
        try:
            services.contact_log_create(
                membership=request.membership, match=match, data=data, client_id=client_id
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you, your contact was logged."))
            return redirect("home")
    return render_form(
        request,
        "buddies/my_contact_log.html",
        {"match": match, "form": form},
        form,
    )


@role_required(Role.VOLUNTEER)
@require_http_methods(["GET", "POST"])
@keep_offline
@submit_once
def raise_worry(request: HttpRequest, pk: int) -> HttpResponse:
    """A worry between two meetings: the coordinator and the social worker read it."""
    match = _own_contact(request, pk)
    form = WorryForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_log_create(
                membership=request.membership,
                match=match,
                data={"worried": True, "worry_note": form.cleaned_data["worry_note"]},
                client_id=form.cleaned_data["client_id"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you, your worry was sent to your coordinator."))
            return redirect("home")
    return render_form(request, "buddies/my_worry.html", {"match": match, "form": form}, form)


@role_required(Role.VOLUNTEER)
@require_http_methods(["GET", "POST"])
def my_profile(request: HttpRequest) -> HttpResponse:
    profile = selectors.own_volunteer_profile(request.membership)
    if profile is None:
        raise Http404
    form = OwnProfileForm(
        request.POST or None,
        initial={
            "availability": profile.availability,
            "max_km": profile.max_km,
            "phone": profile.phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_update(
                membership=request.membership, volunteer=profile, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("home")
    return render_form(
        request,
        "buddies/my_profile.html",
        {
            "profile": profile,
            "form": form,
            "languages": language_names(profile.languages),
            "slots": mask_labels(profile.availability),
        },
        form,
    )
