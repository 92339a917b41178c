"""What a policy analyst reaches: the signals report, and what every signed-in person has.

A policy analyst (a municipality's local social policy officer) sees cross-organisation
aggregates of structural signals only. Rather than trusting every page of every app to leave
the role out, one rule answers 404 to an analyst on every page and API endpoint that is not
named here (design.md: out of reach is 404), so a new page is closed to them until it is added
on purpose. The pages' own checks still apply on top.

- pages: `AnalystScopeMiddleware` (process_view, once the URL is resolved);
- the API: `accounts.api_access.AnalystScope`, a DRF permission in DEFAULT_PERMISSION_CLASSES,
  since a token request has no signed-in user when the middleware runs, and an
  `X-Organisation` header may choose another membership than the session's. It answers DRF's
  JSON 404.

URL names only: this module imports no other app.
"""

from django.http import Http404, HttpRequest

from .models import Role

# Pages every signed-in person has (the home page sends the analyst to the report), the
# switch between organisations, an invitation to another one, a download after re-entering
# the password, and the API's own description.
ANALYST_URL_NAMES = frozenset(
    {
        "home",
        "organisation_switch",
        "invitation_accept",
        "download_resume",
        "api_me",
        "api_schema",
        "api_docs",
        "api_redoc",
    }
)
# The report's pages (namespace) and its API (names starting so); one's own notifications.
ANALYST_NAMESPACES = frozenset({"signals_report", "notifications"})
ANALYST_API_PREFIX = "api_signals_report"
# Log-in, log-out, password and two-factor pages (allauth), the language switch, files.
ANALYST_PATH_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/health/", "/admin/")


def analyst_may_reach(request: HttpRequest) -> bool:
    if request.path.startswith(ANALYST_PATH_PREFIXES):
        return True
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.namespace in ANALYST_NAMESPACES:
        return True
    name = match.url_name or ""
    return not match.namespace and (
        name in ANALYST_URL_NAMES or name.startswith(ANALYST_API_PREFIX)
    )


def is_policy_analyst(membership) -> bool:
    return membership is not None and membership.role == Role.POLICY_ANALYST


class AnalystScopeMiddleware:
    """404 for a policy analyst on every page outside `analyst_may_reach` (the API: below)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if _is_api_view(view_func):
            return None  # `AnalystScope` decides, with the API's own membership
        membership = getattr(request, "membership", None)
        if is_policy_analyst(membership) and not analyst_may_reach(request):
            raise Http404
        return None


def _is_api_view(view_func) -> bool:
    cls = getattr(view_func, "cls", None)
    return cls is not None and hasattr(cls, "permission_classes")
