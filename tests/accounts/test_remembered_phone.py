""" "Remember this phone": a volunteer's session outlives the idle time and the 12-hour limit
on their own phone, bound to the phone's cookie and revocable; staff keep today's limits; on
a remembered phone anything beyond their own contacts asks for the password again."""

import time

import pytest
from django.test import Client

from accounts.devices import DEVICE_COOKIE, SESSION_DEVICE_KEY
from accounts.models import RememberedDevice, Role
from netwerk.middleware import SESSION_STARTED_KEY
from tests.factories import TEST_PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db

PHONE = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"


def _log_in(membership, *, remember=True) -> Client:
    client = Client(HTTP_USER_AGENT=PHONE)
    data = {"login": membership.user.email, "password": TEST_PASSWORD}
    if remember:
        data["remember_phone"] = "on"
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def test_a_volunteer_who_ticks_the_box_gets_a_device_bound_session():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer)
    device = RememberedDevice.objects.get(user=volunteer.user)
    assert device.label == "Android · Chrome"
    assert DEVICE_COOKIE in client.cookies
    assert client.cookies[DEVICE_COOKIE].value not in device.token_hash
    assert client.session[SESSION_DEVICE_KEY] == device.pk
    # Longer than 30 idle minutes: the cookie lasts until the device's limit.
    assert client.session.get_expiry_age() > 29 * 24 * 3600
    assert not client.session.get_expire_at_browser_close()


def test_the_remembered_session_outlives_the_12_hour_limit():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer)
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 13 * 3600
    session.save()
    assert client.get("/").status_code == 200


def test_without_the_box_a_volunteer_keeps_the_12_hour_limit():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer, remember=False)
    assert not RememberedDevice.objects.exists()
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 13 * 3600
    session.save()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SOCIAL_WORKER, Role.ORG_ADMIN])
def test_staff_who_tick_the_box_keep_todays_limits(role):
    staff = MembershipFactory(role=role)
    client = _log_in(staff)
    assert not RememberedDevice.objects.exists()
    assert client.session.get_expire_at_browser_close()


def test_a_volunteer_who_is_also_staff_elsewhere_keeps_todays_limits():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    MembershipFactory(user=volunteer.user, role=Role.COORDINATOR)
    _log_in(volunteer)
    assert not RememberedDevice.objects.exists()


def test_the_session_ends_without_the_phones_cookie():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer)
    del client.cookies[DEVICE_COOKIE]
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_forgotten_phone_is_logged_out_at_its_next_request():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer)
    admin = MembershipFactory(organisation=volunteer.organisation, role=Role.ORG_ADMIN)
    admin_client = Client()
    admin_client.force_login(admin.user)
    listing = admin_client.get("/organisation/phones/")
    assert "Android · Chrome" in listing.content.decode()
    device = RememberedDevice.objects.get()
    assert admin_client.post(f"/organisation/phones/{device.pk}/forget/").status_code == 302
    assert client.get("/").status_code == 302
    assert not client.session.get("_auth_user_id")


def test_another_organisations_admin_cannot_forget_the_phone():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    _log_in(volunteer)
    stranger = MembershipFactory(role=Role.ORG_ADMIN)
    client = Client()
    client.force_login(stranger.user)
    device = RememberedDevice.objects.get()
    assert client.post(f"/organisation/phones/{device.pk}/forget/").status_code == 404
    device.refresh_from_db()
    assert device.revoked_at is None


def test_the_volunteer_forgets_their_own_phone():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    _log_in(volunteer)
    laptop = Client()
    laptop.force_login(volunteer.user)
    device = RememberedDevice.objects.get()
    assert "Android · Chrome" in laptop.get("/my/phones/").content.decode()
    assert laptop.post(f"/my/phones/{device.pk}/forget/").status_code == 302
    device.refresh_from_db()
    assert device.revoked_at is not None


def test_on_a_remembered_phone_the_profile_asks_for_the_password_again():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer)
    # Right after log-in the password was just given.
    assert client.get("/buddies/my/profile/").status_code in (200, 404)
    # Later than the re-authentication window: the profile asks for the password.
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time() - 3600, "email": volunteer.user.email}
    ]
    session.save()
    assert client.get("/").status_code == 200
    response = client.get("/buddies/my/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")


def test_log_out_forgets_the_phone_and_clears_the_sites_data():
    volunteer = MembershipFactory(role=Role.VOLUNTEER)
    client = _log_in(volunteer)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert RememberedDevice.objects.get().revoked_at is not None
    assert client.cookies[DEVICE_COOKIE].value == ""
