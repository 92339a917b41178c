"""Dutch by default, English on request; sessions end after idling and after 12 hours."""

import pytest
import time_machine
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


def test_pages_are_dutch_even_for_an_english_browser():
    response = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/accounts/login/")
    assert '<html lang="nl">' in response.content.decode()
    assert "Aanmelden" in response.content.decode()


def test_the_language_switch_turns_pages_english_and_remembers_it_on_the_account(
    social_worker, login
):
    client = login(social_worker)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    content = client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert "My participants" in content
    social_worker.user.refresh_from_db()
    assert social_worker.user.preferred_language == "en"

    # On another device (no cookie) the account's choice applies.
    fresh = login(social_worker)
    assert '<html lang="en">' in fresh.get("/").content.decode()


def test_an_unknown_language_is_ignored(social_worker, login):
    client = login(social_worker)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_the_session_idles_out_after_30_minutes():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_the_session_ends_12_hours_after_login_however_active(social_worker, login):
    with time_machine.travel("2026-03-02 08:00:00+01:00", tick=False) as traveller:
        client = login(social_worker)
        assert client.get("/").status_code == 200
        # Active every 20 minutes for 11 hours 40: still logged in.
        for _ in range(35):
            traveller.shift(20 * 60)
            assert client.get("/").status_code == 200
        traveller.shift(30 * 60)  # 12 h 10 after the first request
        response = client.get("/")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_security_headers_are_sent(social_worker, login):
    response = login(social_worker).get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
