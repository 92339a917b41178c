"""Downloads that ask for the password again (exports of personal data).

allauth's own decorator sends the person to the password page and then straight to the
download: the browser saves the file and stays on the password page. For a download that is
the wrong place to leave someone. Here the password page leads back to the page the person
came from (the caseload, the audit trail), where the download then starts by itself, with a
link in case it does not.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode, urlsplit

from allauth.account.adapter import get_adapter
from allauth.account.decorators import reauthentication_required
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe

PENDING_KEY = "netwerk_pending_download"  # waiting for the password
READY_KEY = "netwerk_download_ready"  # the password was given: start it on the next page


def reauthentication_required_for_download(view: Callable) -> Callable:
    guarded = reauthentication_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return guarded(request, *args, **kwargs)
        except ReauthenticationRequired:
            methods = get_adapter().get_reauthentication_methods(request.user)
            if not methods:
                raise
            request.session[PENDING_KEY] = {
                "download": request.get_full_path(),
                "back": came_from(request),
            }
            query = urlencode({REDIRECT_FIELD_NAME: reverse("download_resume")})
            return HttpResponseRedirect(f"{methods[0]['url']}?{query}")

    return wrapper


def came_from(request: HttpRequest) -> str:
    """The page of this site that linked here (its path and query), else the home page."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path != request.path and not path.startswith("/accounts/"):
            return path
    return reverse("home")


@login_required
@require_safe
def download_resume(request: HttpRequest) -> HttpResponse:
    """Where the password page leads for a download: back to the page the person came from,
    which then starts the download (`download_ready`)."""
    pending = request.session.pop(PENDING_KEY, None)
    if not pending:
        return redirect("home")
    request.session[READY_KEY] = pending["download"]
    return HttpResponseRedirect(pending["back"])


def download_ready(request: HttpRequest) -> dict:
    """Context processor: the download to start on this page, once."""
    session = getattr(request, "session", None)
    if session is None or READY_KEY not in session:
        return {}
    return {"download_ready": session.pop(READY_KEY)}
