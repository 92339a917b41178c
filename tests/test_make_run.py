"""`make run`, the README's first command: the logins it prints, the links in its e-mails, and
the product's own error pages when DEBUG is off."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import permission_denied

from netwerk.management.commands.seed_demo import ANALYST_HANDLE, DEMO_USERS, demo_email

ROOT = Path(__file__).resolve().parent.parent
EMAIL = re.compile(r"[a-z0-9.]+@netwerk\.test")


def _settings_value(expression: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NETWERK_SITE")}
    environment.pop("NETWERK_STATIC_FROM_FINDERS", None)
    environment.update(env)
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_printed_logins_are_the_readme_list_and_the_demo_users():
    printed = subprocess.run(
        [sys.executable, "scripts/print_demo_logins.py", "8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("Demo logins") :].split("\n\n")[1]
    assert set(EMAIL.findall(printed)) == set(EMAIL.findall(table))
    demo_users = {demo_email(handle) for handle, _role in DEMO_USERS} | {demo_email(ANALYST_HANDLE)}
    assert set(EMAIL.findall(printed)) == demo_users
    assert "http://127.0.0.1:8123/" in printed


def test_make_run_gives_the_e_mail_links_the_address_it_serves():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "NETWERK_SITE_URL ?= http://127.0.0.1:$(PORT)" in makefile
    run = makefile[makefile.index("\nrun:") :].split("\n\n")[0]
    assert "NETWERK_SITE_URL=$(NETWERK_SITE_URL)" in run


def test_without_a_site_url_the_links_follow_the_port():
    assert _settings_value("settings.SITE_URL", PORT="8123") == "http://localhost:8123"


def test_without_debug_and_before_collectstatic_static_files_come_from_the_sources(tmp_path):
    value = _settings_value(
        "settings.WHITENOISE_USE_FINDERS", DJANGO_DEBUG="false", DJANGO_STATIC_ROOT=str(tmp_path)
    )
    assert value == "True"
    (tmp_path / "staticfiles.json").write_text("{}")
    value = _settings_value(
        "settings.WHITENOISE_USE_FINDERS", DJANGO_DEBUG="false", DJANGO_STATIC_ROOT=str(tmp_path)
    )
    assert value == "False"


@pytest.mark.django_db
def test_the_404_page_is_the_products_own_without_debug(settings, login, social_worker):
    assert settings.DEBUG is False
    response = login(social_worker).get("/this-page-does-not-exist/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Pagina niet gevonden" in text and "Terug naar de startpagina" in text
    assert "<nav" in text  # the product's layout, not Django's bare page


@pytest.mark.django_db
def test_the_403_page_is_the_products_own(social_worker):
    request = RequestFactory().get("/")
    request.user = social_worker.user
    request.membership = social_worker
    request.memberships = [social_worker]
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "Niet toegestaan" in response.content.decode()
