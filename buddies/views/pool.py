"""The volunteer pool, interests and the organisation's matching rules."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import selectors, services
from ..forms import BuddySettingsForm, VolunteerForm
from ..models import Volunteer
from ..selectors.matching import volunteer_is_eligible
from .common import MANAGERS, flash_errors, volunteer_or_404

PAGE_SIZE = 25


@role_required(*MANAGERS)
@require_safe
def volunteer_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    volunteers = selectors.volunteer_pool(membership).order_by("first_name", "last_name", "id")
    status = request.GET.get("status", "")
    if status in Volunteer.Status.values:
        volunteers = volunteers.filter(status=status)
    page = Paginator(volunteers, PAGE_SIZE).get_page(request.GET.get("page"))
    settings = selectors.buddy_settings_for(membership.organisation_id)
    today = timezone.localdate()
    for volunteer in page.object_list:
        volunteer.trained = volunteer.training_sessions >= settings.training_sessions_required
        volunteer.can_be_matched = volunteer_is_eligible(volunteer, settings, today)
        volunteer.places_left = max(volunteer.capacity - volunteer.open_matches, 0)
    return render(
        request,
        "buddies/volunteer_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Volunteer.Status.choices,
            "pool": selectors.volunteer_pool_figures(membership),
            "settings": settings,
        },
    )


def _profile_data(form) -> tuple[dict, list]:
    data = dict(form.cleaned_data)
    data.pop("user", None)
    data.pop("invite", None)
    return data, list(data.pop("interests", []))


def _saved_message(volunteer: Volunteer) -> str:
    if volunteer.invitation_id and volunteer.user_id is None:
        return _(
            "The volunteer profile was saved and an invitation to log in was sent to %(email)s."
        ) % {"email": volunteer.email}
    return _("The volunteer profile was saved.")


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
@submit_once
def volunteer_create(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = VolunteerForm(
        request.POST or None, organisation_id=membership.organisation_id, with_user=True
    )
    if request.method == "POST" and form.is_valid():
        data, interests = _profile_data(form)
        try:
            with transaction.atomic():
                volunteer = services.volunteer_create(
                    membership=membership,
                    user=form.cleaned_data["user"],
                    data=data,
                    interests=interests,
                )
                if form.cleaned_data["invite"] and volunteer.user_id is None:
                    volunteer = services.volunteer_invite(
                        membership=membership, volunteer=volunteer
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _saved_message(volunteer))
            return redirect("buddies:volunteer_edit", volunteer.pk)
    return render_form(
        request,
        "buddies/volunteer_form.html",
        {"form": form, "title": _("New volunteer profile")},
        form,
    )


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def volunteer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    volunteer = volunteer_or_404(request, pk)
    initial = {name: getattr(volunteer, name) for name in services.volunteers.PROFILE_FIELDS}
    initial["interests"] = list(volunteer.interests.all())
    form = VolunteerForm(
        request.POST or None, initial=initial, organisation_id=membership.organisation_id
    )
    if request.method == "POST" and form.is_valid():
        data, interests = _profile_data(form)
        try:
            services.volunteer_update(
                membership=membership, volunteer=volunteer, data=data, interests=interests
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The volunteer profile was saved."))
            return redirect("buddies:volunteer_list")
    return render_form(
        request,
        "buddies/volunteer_form.html",
        {
            "form": form,
            "volunteer": volunteer,
            "title": volunteer.full_name,
            "invitation": volunteer.invitation,
        },
        form,
    )


@role_required(*MANAGERS)
@require_POST
def volunteer_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite a volunteer who has no log-in yet, to the e-mail address on their profile."""
    volunteer = volunteer_or_404(request, pk)
    try:
        volunteer = services.volunteer_invite(membership=request.membership, volunteer=volunteer)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        if volunteer.user_id:
            messages.success(request, _("This volunteer can now log in with their account."))
        else:
            messages.success(
                request,
                _("An invitation to log in was sent to %(email)s.") % {"email": volunteer.email},
            )
    return redirect("buddies:volunteer_edit", pk)


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def buddy_settings(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    settings = selectors.buddy_settings_for(membership.organisation_id)
    form = BuddySettingsForm(request.POST or None, instance=settings)
    if request.method == "POST" and form.is_valid():
        try:
            services.buddy_settings_update(membership=membership, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The buddy programme settings were saved."))
            return redirect("buddies:settings")
    return render_form(request, "buddies/settings.html", {"form": form}, form)
