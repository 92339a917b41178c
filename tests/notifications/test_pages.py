"""The bell, the list, opening a reminder (the page behind it checks access) and the org admin
page of rules, settings, what is due, sent and failed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from notifications.models import DeliveryPreference, Reminder, RuleSetting
from notifications.selectors import unread_count

from .conftest import make_reminder

pytestmark = pytest.mark.django_db


def _sent(recipient, match, **fields):
    return make_reminder(
        recipient, match=match, status=Reminder.Status.SENT, sent_at=timezone.now(), **fields
    )


def test_the_bell_counts_unread_reminders_in_one_query(match, volunteer):
    _sent(volunteer.user, match)
    _sent(volunteer.user, match, read_at=timezone.now())
    make_reminder(volunteer.user, match=match)  # not delivered yet
    with CaptureQueriesContext(connection) as queries:
        assert unread_count(volunteer.user) == 1
    assert len(queries) == 1


def test_the_header_shows_the_bell(match, volunteer, login):
    _sent(volunteer.user, match)
    response = login(volunteer).get("/notifications/")
    assert response.status_code == 200
    assert 'class="notification-bell"' in response.content.decode()


def test_the_list_shows_a_first_name_and_opening_marks_read_and_follows_the_link(
    match, coordinator, login
):
    reminder = _sent(coordinator.user, match)
    client = login(coordinator)
    page = client.get("/notifications/").content.decode()
    assert match.participant.first_name in page
    assert match.participant.last_name not in page
    response = client.post(f"/notifications/{reminder.pk}/open/")
    assert response.status_code == 302 and response["Location"] == reminder.link
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert client.get(reminder.link).status_code == 200


def test_the_page_behind_the_link_checks_access_as_usual(match, volunteer, login):
    # A reminder whose link points at a coordinator page: the volunteer still gets a 404.
    reminder = _sent(volunteer.user, match, link=f"/buddies/matches/{match.pk}/")
    client = login(volunteer)
    assert client.post(f"/notifications/{reminder.pk}/open/").status_code == 302
    assert client.get(reminder.link).status_code == 404


def test_nobody_opens_someone_else_s_reminder(match, volunteer, coordinator, login):
    reminder = _sent(coordinator.user, match)
    assert login(volunteer).post(f"/notifications/{reminder.pk}/open/").status_code == 404


def test_a_person_chooses_the_weekly_digest(volunteer, login):
    login(volunteer).post("/notifications/preference/", {"email": "weekly"})
    assert DeliveryPreference.objects.get(user=volunteer.user).email == "weekly"


def test_the_org_admin_page_lists_rules_schedule_and_failures(org_admin, match, login):
    make_reminder(
        org_admin.user,
        match=match,
        status=Reminder.Status.FAILED,
        attempts=5,
        last_error="SMTPServerDisconnected",
    )
    page = login(org_admin).get("/notifications/rules/").content.decode()
    assert "no_contact_volunteer" in page
    assert "SMTPServerDisconnected" not in page  # the code is for the logs; the page says why
    assert "De mailserver was niet bereikbaar." in page
    assert "De herinneringen versturen die klaarstaan" in page
    assert "elke minuut" in page
    assert "elke maandag om 07:00" in page
    assert "notifications: dispatch due reminders" not in page
    assert "seconds" not in page


def test_bad_settings_on_the_admin_page_give_a_clear_error(org_admin, login):
    response = login(org_admin).post(
        "/notifications/rules/",
        {"rule": "network_follow_up", "enabled": "on", "intervals": "6, 3"},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not RuleSetting.objects.exists()


def test_only_org_admins_see_the_rules_page(coordinator, login):
    assert login(coordinator).get("/notifications/rules/").status_code == 404
