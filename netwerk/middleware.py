"""Cross-cutting middleware: language choice and the absolute session lifetime."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation

SESSION_STARTED_KEY = "netwerk_session_started"


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
    """End a session 12 hours after log-in, however active it was.

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
            elif now - int(started) > settings.NETWERK_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)
