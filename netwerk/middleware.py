"""Cross-cutting middleware: language choice, the absolute session lifetime, and no copies of
a signed-in person's pages in any cache."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control

SESSION_STARTED_KEY = "netwerk_session_started"
# Set by accounts.devices for a session bound to a remembered phone: its own, later limit
# (checked against the device itself by accounts.middleware.RememberedDeviceMiddleware).
SESSION_DEVICE_UNTIL_KEY = "netwerk_device_until"


def session_absolute_end(request: HttpRequest) -> int:
    """When this session ends whatever happens (epoch seconds): 12 hours after log-in, or the
    remembered phone's limit."""
    session = request.session
    started = int(session.get(SESSION_STARTED_KEY) or time.time())
    device_until = session.get(SESSION_DEVICE_UNTIL_KEY)
    if device_until is not None:
        return int(device_until)
    return started + settings.NETWERK_SESSION_ABSOLUTE_SECONDS


class PreferredLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the person chose otherwise.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, so a
    Flemish social worker on an English-configured laptop would get an English page. Here
    the order is: the language chosen with the switch (cookie), then the language stored on
    the account, then the site default (Dutch).
    """

    def process_request(self, request: HttpRequest) -> None:
        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            user = getattr(request, "user", None)
            language = getattr(user, "preferred_language", None) if user else None
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class AbsoluteSessionLimitMiddleware:
    """End a session 12 hours after log-in, however active it was (a remembered phone's
    session: at the phone's own limit, up to 30 days).

    The idle timeout is SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST; this adds the
    absolute limit (OWASP ASVS 3.3) that a busy shared computer would otherwise never reach.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now > session_absolute_end(request):
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every answer to a signed-in person (ASVS 8.2.1).

    Pages, exports and API answers for a signed-in person hold personal data: no browser,
    proxy or shared-computer cache may keep a copy. Static files are served before this
    (WhiteNoise) and keep their long caching. An API call with a token counts too: DRF sets
    `request.user` when it authenticates, which is before this looks.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "Authorization" in request.headers:
            patch_cache_control(response, no_store=True)
        return response
