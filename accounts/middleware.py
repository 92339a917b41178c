"""Per-request organisation context, the organisation's two-factor requirement, and the
sessions of remembered phones."""

import re
import time
from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from .devices import (
    DEVICE_COOKIE,
    SESSION_DEVICE_KEY,
    session_device,
    session_forget_device,
)
from .models import RememberedDevice, Role
from .selectors import membership_among, memberships_for_user

SESSION_ORGANISATION_KEY = "netwerk_organisation_id"


def current_membership(request: HttpRequest):
    """The membership the person works in now: the one chosen with the switch, else the first.

    Everything a page shows is scoped to this membership's organisation and role.
    """
    user = request.user
    if not user.is_authenticated:
        request.memberships = []
        return None
    chosen = request.session.get(SESSION_ORGANISATION_KEY)
    # All of them in one query: the header's organisation switch lists the others.
    request.memberships = list(memberships_for_user(user))
    membership = membership_among(request.memberships, chosen)
    # Remember the choice only in a session that exists already: an API call with a token has
    # none, and must not create one on every request.
    if (
        membership is not None
        and membership.organisation_id != chosen
        and request.session.session_key is not None
    ):
        request.session[SESSION_ORGANISATION_KEY] = membership.organisation_id
    return membership


class OrganisationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Resolved eagerly (one query, organisation joined): a lazy wrapper around a possibly
        # None value would make `request.membership is None` checks lie.
        request.membership = current_membership(request)
        return self.get_response(request)


# Paths a person who still has to set up two-factor authentication may reach: the
# set-up pages themselves (allauth), log-out, the language switch and technical endpoints.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/health/", "/organisation/switch/")


def must_set_up_mfa(user, membership) -> bool:
    """Staff (org admin, coordinator, social worker) working in an organisation that requires
    two-factor authentication, without a confirmed authenticator app.

    The pages send them to the set-up page (`RequireMFAMiddleware`); the API refuses them
    (`accounts.api.TwoFactorSetUp`), since a token skips that page.
    """
    if membership is None or not membership.is_staff_role:
        return False
    if not membership.organisation.require_mfa:
        return False
    from allauth.mfa.utils import is_mfa_enabled

    return not is_mfa_enabled(user, ["totp"])


class RequireMFAMiddleware:
    """Send staff whose organisation requires two-factor authentication to its set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_mfa(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _must_set_up_mfa(request: HttpRequest) -> bool:
        if not request.user.is_authenticated or request.path.startswith(MFA_EXEMPT_PREFIXES):
            return False
        return must_set_up_mfa(request.user, request.membership)


# What a remembered phone reaches without the password again: the volunteer's own contacts
# (home, contact pages, the offline queue), their groups' attendance, and the technical paths.
REMEMBERED_PHONE_PATHS = re.compile(
    r"^/(|sw\.js|manifest\.webmanifest|offline/sync/|i18n/setlang/"
    r"|accounts/(login|logout|reauthenticate)/"
    r"|buddies/my/contacts/\d+/(log/|worry/)?"
    r"|groups/sessions/\d+/(toggle/\d+/)?)$"
)
REMEMBERED_PHONE_PREFIXES = ("/static/", "/health/", "/notifications/")


class RememberedDeviceMiddleware:
    """A session bound to a remembered phone (`accounts.devices`): it ends when the phone
    cannot show its cookie or the device was revoked or expired; a staff membership drops
    the binding (today's limits); anything beyond the volunteer's own contacts asks for the
    password again. Log-out forgets the phone and tells the browser to clear what the
    offline pages kept (Clear-Site-Data)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        logging_out = request.method == "POST" and request.path == reverse("account_logout")
        device_id = None
        if request.user.is_authenticated:
            device_id = request.session.get(SESSION_DEVICE_KEY)
            try:
                device = session_device(request)
            except LookupError:
                logout(request)
                response = redirect(settings.LOGIN_URL)
                response.delete_cookie(DEVICE_COOKIE)
                return response
            if device is not None:
                membership = request.membership
                if membership is None or membership.role != Role.VOLUNTEER:
                    session_forget_device(request)
                elif not logging_out and self._needs_password(request):
                    query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                    return redirect(f"{reverse('account_reauthenticate')}?{query}")
        response = self.get_response(request)
        if logging_out and not request.user.is_authenticated:
            if device_id is not None:
                RememberedDevice.objects.filter(pk=device_id, revoked_at__isnull=True).update(
                    revoked_at=timezone.now()
                )
            response.delete_cookie(DEVICE_COOKIE)
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    @staticmethod
    def _needs_password(request: HttpRequest) -> bool:
        path = request.path
        if REMEMBERED_PHONE_PATHS.match(path) or path.startswith(REMEMBERED_PHONE_PREFIXES):
            return False
        # The password given at log-in counts as much as one given again (allauth's own check
        # counts only the latter): right after logging in nothing is asked twice.
        records = get_authentication_records(request, request.user)
        last = max((record.get("at", 0) for record in records), default=0)
        return time.time() - last > allauth_settings.REAUTHENTICATION_TIMEOUT
