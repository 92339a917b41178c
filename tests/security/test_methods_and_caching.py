"""The access matrix's table against what each view declares, and what the matrix cannot see.

- Every page declares the methods it answers (`require_safe`, `require_POST`,
  `require_http_methods`), so a page that only shows something cannot be posted to (a POST
  to the participant file used to write a `read` audit event).
- A method a page does not offer is never answered: in the table it is 405 for those who may
  use the page (404 or log-in for the others); the matrix proves the table.
- Anonymous visitors are sent to log in on every page, whatever the method
  (LoginRequiredMiddleware); only the invitation page is public.
- `Cache-Control: no-store` on every answer to a signed-in person: the matrix checks every page
  with a session; here the API with a token and static files (cached on purpose); the exports
  after re-authentication in test_login_hardening.
"""

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from .test_access_matrix import MATRIX, PENDING
from .urls_walk import declared_methods, is_api_view, url_views
from .world import ROLES

VIEWS = url_views()
PAGES = {name: view for name, view in VIEWS.items() if not is_api_view(view)}
TABLE = MATRIX | PENDING
NOT_ANSWERED = {"405", "404", "login"}

# Pages that do not declare their methods yet, each with its reason. Remove an entry once the
# view declares them (the first test fails on a stale entry).
UNDECLARED: dict[str, str] = {}
# Pages an anonymous visitor may open, each with its reason.
PUBLIC = {
    "invitation_accept": "opened from the invitation e-mail, before one has an account",
    "calendars:feed": "read by calendar apps, which have no session: the secret token is the key",
    "notifications:sms_inbound": "called by the SMS gateway with a secret token",
    "notifications:sms_delivery_report": "called by the SMS gateway with a secret token",
    "service_worker": "the offline pages' script: code only, no data (netwerk/offline.py)",
    "web_manifest": "the installable app's name and icon: no data (netwerk/offline.py)",
}


def test_every_page_declares_the_methods_it_answers():
    missing = sorted(
        name
        for name, view in PAGES.items()
        if declared_methods(view) is None and name not in UNDECLARED
    )
    assert not missing, f"Declare the methods of these views (require_safe, ...): {missing}"
    stale = sorted(
        name for name in UNDECLARED if name not in PAGES or declared_methods(PAGES[name])
    )
    assert not stale, f"Remove these from UNDECLARED: {stale}"


@pytest.mark.parametrize("name", sorted(set(PAGES) - set(UNDECLARED)))
def test_a_method_a_page_does_not_offer_is_never_answered(name):
    methods = declared_methods(PAGES[name])
    for role, cell in zip(ROLES, TABLE[name].split(), strict=True):
        get, post = cell.split("/")
        for method, outcome, other in (("GET", get, post), ("POST", post, get)):
            if method in methods:
                continue
            assert outcome in NOT_ANSWERED, (name, role, method, outcome)
            if other in {"ok", "400", "reauth"}:  # may use the page: told the method is wrong
                assert outcome == "405", (name, role, method, outcome)


def test_get_only_pages_are_declared_so():
    """Pages that show something and change nothing: GET (and HEAD) only. The file page is one
    of them; posting to it must not record a read."""
    get_only = {name for name, view in PAGES.items() if declared_methods(view) == {"GET", "HEAD"}}
    for name in ["participants:detail", "participants:history", "organisation_audit",
                 "participants:rights_export", "participants:network", "home"]:  # fmt: skip
        assert name in get_only, name


@pytest.mark.django_db
def test_a_post_to_the_file_page_is_refused_and_records_no_read(world):
    from accounts.models import AuditEvent

    client = world.clients["social_worker"]
    url = reverse("participants:detail", args=[world.participant.pk])
    with transaction.atomic():
        before = AuditEvent.objects.count()
        assert client.post(url).status_code == 405
        assert AuditEvent.objects.count() == before
        assert client.get(url).status_code == 200
        assert AuditEvent.objects.count() == before + 1  # reading it is recorded
        transaction.set_rollback(True)


def test_anonymous_visitors_are_sent_to_log_in_on_every_page():
    for name in PAGES:
        anonymous = TABLE[name].split()[ROLES.index("anonymous")]
        if name in PUBLIC:
            assert anonymous != "login/login", name
        else:
            assert anonymous == "login/login", name
    for name in set(VIEWS) - set(PAGES):  # the API answers anonymous callers itself
        assert TABLE[name].split()[ROLES.index("anonymous")] == "403/403", name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/me/", "/api/participants/", "/api/buddies/matches/", "/api/schema/"]
)
def test_api_answers_to_a_token_are_not_stored_either(social_worker, url):
    token = Token.objects.create(user=social_worker.user)
    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_answer_to_a_refused_token_is_not_stored_either():
    response = Client(HTTP_AUTHORIZATION="Token not-a-token").get("/api/me/")
    assert response.status_code in (401, 403)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_static_files_keep_their_caching(social_worker, login):
    response = login(social_worker).get("/static/css/netwerk.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
