"""Remembered phones: the volunteer's own list (forget one), and the org admin's list of the
organisation's remembered phones (forget any: a lost phone, someone who left)."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from netwerk.permissions import role_required

from .devices import device_revoke, devices_for_user, devices_in_organisation
from .models import Role


@role_required(Role.VOLUNTEER)
@require_safe
def my_phones(request: HttpRequest) -> HttpResponse:
    devices = devices_for_user(request.user).filter(organisation=request.membership.organisation)
    return render(request, "accounts/my_phones.html", {"devices": list(devices)})


@role_required(Role.VOLUNTEER)
@require_POST
def my_phone_forget(request: HttpRequest, pk: int) -> HttpResponse:
    device = devices_for_user(request.user).filter(pk=pk).first()
    if device is None:
        raise Http404
    device_revoke(membership=request.membership, device=device)
    messages.success(request, _("This phone is forgotten: it asks for your password again."))
    return redirect("my_phones")


@role_required(Role.ORG_ADMIN)
@require_safe
def organisation_phones(request: HttpRequest) -> HttpResponse:
    devices = devices_in_organisation(request.membership)
    return render(request, "accounts/organisation_phones.html", {"devices": list(devices)})


@role_required(Role.ORG_ADMIN)
@require_POST
def organisation_phone_forget(request: HttpRequest, pk: int) -> HttpResponse:
    device = devices_in_organisation(request.membership).filter(pk=pk).first()
    if device is None:
        raise Http404
    device_revoke(membership=request.membership, device=device)
    messages.success(request, _("The phone is forgotten: it asks for the password again."))
    return redirect("organisation_phones")
