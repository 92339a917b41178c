"""Log-in, log-out and password reset through the pages a person uses."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core import mail
from django.test import Client

from accounts.models import AuditEvent, Role
from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_login_page_is_dutch_and_offers_no_sign_up():
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    assert "Aanmelden" in response.content.decode()
    assert "/accounts/signup/" not in response.content.decode()


def test_sign_up_is_closed():
    response = Client().post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
    )
    assert response.status_code == 200
    assert "signup_closed" in response.templates[0].name or "closed" in response.content.decode()
    from accounts.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_a_person_logs_in_with_email_and_password_and_lands_on_their_home(social_worker):
    client = Client()
    response = client.post(
        "/accounts/login/",
        {"login": social_worker.user.email, "password": TEST_PASSWORD},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Mijn deelnemers" in response.content.decode()
    assert AuditEvent.objects.filter(actor=social_worker.user, action="login").exists()


def test_a_wrong_password_is_refused_with_a_clear_message(social_worker):
    response = Client().post(
        "/accounts/login/", {"login": social_worker.user.email, "password": "wrong-password-1"}
    )
    assert response.status_code == 200
    assert "niet correct" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed").exists()


def test_logging_out_ends_the_session(social_worker, login):
    client = login(social_worker)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302  # back to the log-in page


def test_a_password_reset_mail_leads_to_a_new_password(social_worker):
    client = Client()
    client.post("/accounts/password/reset/", {"email": social_worker.user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else path
    new_password = "a-brand-new-long-password"
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password}, follow=True
    )
    assert response.status_code == 200
    social_worker.user.refresh_from_db()
    assert social_worker.user.check_password(new_password)


def test_a_password_reset_for_an_unknown_address_reveals_nothing():
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    # allauth sends an "unknown account" notice to the address itself, never a reset link.
    assert all("/password/reset/key/" not in message.body for message in mail.outbox)


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.COORDINATOR, Role.SOCIAL_WORKER])
def test_staff_must_set_up_two_factor_when_the_organisation_requires_it(organisation, role):
    organisation.require_mfa = True
    organisation.save()
    membership = MembershipFactory(organisation=organisation, role=role)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": membership.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
    assert client.get("/participants/").url == "/accounts/2fa/totp/activate/"
    # Setting up asks for the password once more (allauth), then shows the QR code.
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.url.startswith("/accounts/reauthenticate/")
    client.post(response.url, {"password": TEST_PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/totp/activate/", {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=membership.user, type="totp").exists()
    assert client.get("/").status_code == 200


def test_a_staff_member_with_an_authenticator_is_let_through(organisation, social_worker, login):
    organisation.require_mfa = True
    organisation.save()
    Authenticator.objects.create(
        user=social_worker.user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    assert login(social_worker).get("/").status_code == 200


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.RESEARCHER])
def test_non_staff_roles_are_not_forced_to_two_factor(organisation, role, login):
    organisation.require_mfa = True
    organisation.save()
    membership = MembershipFactory(organisation=organisation, role=role)
    assert login(membership).get("/").status_code == 200


def test_two_factor_is_not_forced_when_the_organisation_does_not_require_it(social_worker, login):
    assert social_worker.organisation.require_mfa is False
    assert login(social_worker).get("/").status_code == 200


def test_login_with_totp_asks_for_the_code(organisation, social_worker):
    organisation.require_mfa = True
    organisation.save()
    secret = generate_totp_secret()
    TOTP.activate(social_worker.user, secret)
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": social_worker.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert client.get("/").status_code == 302  # not logged in until the code is given
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_the_login_page_offers_forgot_your_password_once(client):
    page = client.get("/accounts/login/").content.decode()
    assert page.count("Wachtwoord vergeten?") == 1


def test_the_two_factor_page_says_tweestapsverificatie_like_the_rest(social_worker):
    client = Client()
    client.force_login(social_worker.user)
    page = client.get("/accounts/2fa/").content.decode()
    assert "Tweestapsverificatie" in page
    assert "Twee-factor" not in page
