"""How an API request finds its organisation, and who may use the API at all.

Imported by DRF's settings (DEFAULT_PERMISSION_CLASSES) while DRF loads: no DRF views here.
"""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .analyst_scope import analyst_may_reach, is_policy_analyst
from .middleware import current_membership, must_set_up_mfa
from .models import Membership
from .selectors import memberships_for_user


def api_membership(request: Request) -> Membership | None:
    """The membership an API request works in.

    A client may name the organisation in the `X-Organisation` header (an id); otherwise the
    session's choice or the person's first organisation applies, as on the pages. A header
    naming an organisation the person has no role in gives no membership (and so 404s).
    Worked out once per request.
    """
    if not hasattr(request, "_netwerk_membership"):
        request._netwerk_membership = _membership_of(request)
    return request._netwerk_membership


def _membership_of(request: Request) -> Membership | None:
    django_request: HttpRequest = request._request
    header = request.headers.get("X-Organisation", "").strip()
    if header:
        # An id is a short run of ASCII digits ("²" is a digit to isdigit(), and a number past
        # 64 bits overflows the database's integer): anything else names no organisation.
        if not (header.isascii() and header.isdigit()) or len(header) > 18:
            return None
        return memberships_for_user(request.user).filter(organisation_id=int(header)).first()
    return current_membership(django_request)


class TwoFactorSetUp(BasePermission):
    """Staff whose organisation requires two-factor authentication reach the API only once
    they have set it up, as on the pages. A token would otherwise skip the set-up page: the
    page redirect (`RequireMFAMiddleware`) runs before DRF has read the token."""

    message = _("Your organisation requires two-factor authentication: set it up first.")

    def has_permission(self, request: Request, view) -> bool:
        if not request.user.is_authenticated:
            return True  # IsAuthenticated answers that
        return not must_set_up_mfa(request.user, api_membership(request))


class AnalystScope(BasePermission):
    """A policy analyst reaches only the signals report's endpoints (and the API's own
    description): 404 elsewhere, as on the pages (`accounts.analyst_scope`)."""

    def has_permission(self, request: Request, view) -> bool:
        if not request.user.is_authenticated:
            return True  # IsAuthenticated answers that
        if is_policy_analyst(api_membership(request)) and not analyst_may_reach(request._request):
            raise Http404
        return True
