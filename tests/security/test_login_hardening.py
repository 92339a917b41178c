"""Log-in hardening (ASVS V2/V3): rate limits, idle and absolute session ends, password policy,
the admin behind the same log-in, re-authentication before exports, two-factor for staff.

tests/accounts/test_login.py covers the two-factor set-up and code step, and
tests/test_language_and_session.py the 12-hour limit; these add what they leave open.
"""

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts import services as account_services
from accounts.api import TwoFactorSetUp
from accounts.models import Role, User
from netwerk.forms import INVALID_FORM_STATUS
from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

TOO_MANY = "Te veel inlogpogingen"


def _log_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_after_five_failed_log_ins_the_account_is_refused_even_with_the_right_password(
    social_worker,
):
    email = social_worker.user.email
    for _attempt in range(5):
        response = _log_in(Client(), email, "wrong-password-123")
        assert response.status_code == 200
        assert TOO_MANY not in response.content.decode()
    response = _log_in(Client(), email, TEST_PASSWORD)
    assert response.status_code == 200  # the form again, not a redirect into the application
    assert TOO_MANY in response.content.decode()
    # The limit lives in the cache (Redis): once it has expired, logging in works again.
    cache.clear()
    assert _log_in(Client(), email, TEST_PASSWORD).status_code == 302


def test_the_session_ends_after_30_idle_minutes(social_worker, login):
    with time_machine.travel("2026-03-02 08:00:00+01:00", tick=False) as traveller:
        client = login(social_worker)
        assert client.get("/").status_code == 200
        traveller.shift(29 * 60)
        assert client.get("/").status_code == 200  # activity renews the idle timer
        traveller.shift(31 * 60)
        response = client.get("/")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_the_absolute_limit_also_ends_api_sessions_used_by_pages(social_worker, login):
    with time_machine.travel("2026-03-02 08:00:00+01:00", tick=False) as traveller:
        client = login(social_worker)
        assert client.get("/api/me/").status_code == 200
        for _ in range(37):
            traveller.shift(20 * 60)
            client.get("/api/me/")
        assert client.get("/api/me/").status_code == 403


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kort-wacht", "12 tekens"),
        ("password1234", "te algemeen"),
        ("123456789012", "alleen cijfers"),
    ],
)
def test_passwords_must_be_long_and_not_common_when_accepting_an_invitation(
    org_admin, password, why
):
    _invitation, token = account_services.invitation_create(
        organisation=org_admin.organisation,
        email="nieuw@example.org",
        role=Role.SOCIAL_WORKER,
        invited_by=org_admin.user,
    )
    response = Client().post(
        f"/invitation/{token}/",
        {"full_name": "Nieuwe Collega", "password1": password, "password2": password},
    )
    assert response.status_code == INVALID_FORM_STATUS  # the form again, with why
    assert why in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()


@pytest.mark.parametrize("password", ["kort-wacht", "password1234"])
def test_a_changed_password_follows_the_same_policy(social_worker, login, password):
    client = login(social_worker)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": TEST_PASSWORD, "password1": password, "password2": password},
    )
    assert response.status_code == 200
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(TEST_PASSWORD)


def test_the_django_admin_uses_the_application_log_in():
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    response = Client().get("/admin/")
    assert response.status_code == 302
    assert "login" in response.url


def test_a_staff_member_without_two_factor_cannot_reach_the_admin_when_required(
    organisation, login
):
    organisation.require_mfa = True
    organisation.save()
    membership = MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN)
    membership.user.is_staff = membership.user.is_superuser = True
    membership.user.save()
    response = login(membership).get("/admin/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("social_worker", "/participants/export/?format=csv"),
        ("org_admin", "/organisation/audit/export/"),
    ],
)
def test_exports_ask_for_the_password_again_after_a_log_in_that_is_not_recent(request, role, url):
    membership = request.getfixturevalue(role)
    with time_machine.travel("2026-03-02 08:00:00+01:00", tick=False) as traveller:
        client = Client()
        assert _log_in(client, membership.user.email, TEST_PASSWORD).status_code == 302
        traveller.shift(6 * 60)  # more than ACCOUNT_REAUTHENTICATION_TIMEOUT (5 minutes)
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/reauthenticate/")
        client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_a_session_without_any_password_step_must_reauthenticate_before_export(
    social_worker, login
):
    response = login(social_worker).get("/participants/export/?format=csv")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER])
def test_staff_without_two_factor_reach_no_page_and_no_export_when_required(
    organisation, role, login
):
    organisation.require_mfa = True
    organisation.save()
    client = login(MembershipFactory(organisation=organisation, role=role))
    for url in ["/participants/", "/participants/export/", "/organisation/audit/export/",
                "/buddies/matches/", "/api/me/", "/groups/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == "/accounts/2fa/totp/activate/", url


def test_staff_with_two_factor_still_reach_their_pages(organisation, social_worker, login):
    organisation.require_mfa = True
    organisation.save()
    Authenticator.objects.create(
        user=social_worker.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert login(social_worker).get("/participants/").status_code == 200


def _token_client(membership, **headers):
    from rest_framework.authtoken.models import Token

    token = Token.objects.get_or_create(user=membership.user)[0]
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}", **headers)


API_URLS = ["/api/me/", "/api/participants/", "/api/buddies/matches/", "/api/groups/",
            "/api/work-models/", "/api/findings/", "/api/schema/"]  # fmt: skip


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER])
def test_a_token_does_not_skip_the_two_factor_set_up_staff_must_do(organisation, role):
    organisation.require_mfa = True
    organisation.save()
    membership = MembershipFactory(organisation=organisation, role=role)
    client = _token_client(membership)
    with translation.override("nl"):
        refusal = str(TwoFactorSetUp.message)
    for url in API_URLS:
        response = client.get(url)
        assert response.status_code == 403, url
        assert refusal in response.content.decode(), url  # the schema answers in YAML
    response = client.post("/api/participants/", {"first_name": "Noor"})
    assert response.status_code == 403
    Authenticator.objects.create(
        user=membership.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    for url in API_URLS:
        assert client.get(url).status_code in (200, 404), url  # 404: a role the list is not for


def test_the_two_factor_rule_follows_the_organisation_the_api_request_works_in(
    organisation, other_organisation
):
    organisation.require_mfa = True
    organisation.save()
    volunteer = MembershipFactory(organisation=other_organisation, role=Role.VOLUNTEER)
    MembershipFactory(organisation=organisation, user=volunteer.user, role=Role.SOCIAL_WORKER)
    in_strict = _token_client(volunteer, HTTP_X_ORGANISATION=str(organisation.pk))
    assert in_strict.get("/api/me/").status_code == 403
    # As a volunteer elsewhere (no two-factor required of volunteers) the same person works on.
    in_other = _token_client(volunteer, HTTP_X_ORGANISATION=str(other_organisation.pk))
    assert in_other.get("/api/me/").status_code == 200


def test_volunteers_and_researchers_need_no_two_factor_on_the_api(organisation):
    organisation.require_mfa = True
    organisation.save()
    for role in (Role.VOLUNTEER, Role.RESEARCHER):
        client = _token_client(MembershipFactory(organisation=organisation, role=role))
        assert client.get("/api/me/").status_code == 200
