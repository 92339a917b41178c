"""Reminders say what is due and since when; a reminder can be marked done; one whose reason
went away leaves the list and the bell, also after it was sent."""

import datetime

import pytest
from django.utils import timezone

from buddies import services as buddies
from notifications import services as notifications
from notifications.models import Reminder
from notifications.selectors import reminders_for, unread_count
from participants.models import Consent

from .conftest import START, at, make_reminder

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 6)


def _sent(recipient, organisation, **fields) -> Reminder:
    return Reminder.objects.create(
        organisation=organisation,
        recipient=recipient,
        status=Reminder.Status.SENT,
        sent_at=timezone.now(),
        link="/",
        **fields,
    )


def test_a_follow_up_due_in_march_says_so_in_december(social_worker, organisation):
    _sent(
        social_worker.user,
        organisation,
        rule="intervention_follow_up",
        object_type="participants.intervention",
        object_id=123456,
        due_on=datetime.date(2026, 3, 3),
    )
    with at(TODAY):
        [reminder] = reminders_for(social_worker.user)
    assert reminder.sentence == "Opvolging met \u2013: gepland op 3-3-2026, 9\xa0maanden geleden"
    assert "Vandaag" not in reminder.sentence


def test_an_extract_that_expired_a_year_ago_is_not_expiring_soon(coordinator, organisation):
    from tests.buddies.conftest import make_volunteer

    volunteer = make_volunteer(organisation, screening_valid_until=datetime.date(2025, 12, 1))
    _sent(
        coordinator.user,
        organisation,
        rule="screening_expiring",
        object_type="buddies.volunteer",
        object_id=volunteer.pk,
        due_on=datetime.date(2025, 11, 1),
    )
    with at(TODAY):
        [reminder] = reminders_for(coordinator.user)
    assert "vervallen op 1-12-2025, 1\xa0jaar geleden" in reminder.sentence
    assert "binnenkort" not in reminder.sentence


def test_an_expired_consent_says_when_it_expired(org_admin, social_worker, participant):
    consent = Consent.objects.create(
        participant=participant,
        purpose=Consent.Purpose.RESEARCH,
        given_on=START,
        method=Consent.Method.WRITTEN,
        recorded_by=social_worker.user,
        expires_on=datetime.date(2025, 12, 1),
    )
    _sent(
        org_admin.user,
        participant.organisation,
        rule="consent_expiring",
        object_type="participants.consent",
        object_id=consent.pk,
        due_on=datetime.date(2025, 11, 1),
    )
    with at(TODAY):
        [reminder] = reminders_for(org_admin.user)
    assert reminder.sentence == (
        "Een toestemming van Amina, nog niet vernieuwd: vervallen op 1-12-2025, 1\xa0jaar geleden"
    )


def test_the_list_shows_the_due_date_and_a_done_button(login, coordinator, match):
    reminder = make_reminder(
        coordinator.user, match=match, status=Reminder.Status.SENT, sent_at=timezone.now()
    )
    text = login(coordinator).get("/notifications/").content.decode()
    today = timezone.localdate()
    assert f"op {today.day}-{today.month}-{today.year}, vandaag" in text
    assert f"/notifications/{reminder.pk}/done/" in text


def test_the_recipient_marks_a_reminder_done_and_it_leaves_list_and_bell(login, coordinator, match):
    reminder = make_reminder(
        coordinator.user, match=match, status=Reminder.Status.SENT, sent_at=timezone.now()
    )
    assert unread_count(coordinator.user) == 1
    response = login(coordinator).post(f"/notifications/{reminder.pk}/done/")
    assert response.status_code == 302
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.RESOLVED
    assert unread_count(coordinator.user) == 0
    assert reminders_for(coordinator.user) == []


def test_nobody_marks_someone_elses_reminder_done(login, coordinator, social_worker, match):
    reminder = make_reminder(
        coordinator.user, match=match, status=Reminder.Status.SENT, sent_at=timezone.now()
    )
    assert login(social_worker).post(f"/notifications/{reminder.pk}/done/").status_code == 404
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.SENT


def test_a_sent_no_contact_reminder_resolves_itself_when_a_contact_is_logged(volunteer, match):
    with at(START + datetime.timedelta(days=20)):
        notifications.sweep()
        [reminder] = Reminder.objects.filter(rule="no_contact_volunteer")
        Reminder.objects.filter(pk=reminder.pk).update(
            status=Reminder.Status.SENT, sent_at=timezone.now()
        )
        assert len(reminders_for(volunteer.user)) == 1
        buddies.contact_log_create(membership=volunteer, match=match, data={})
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.RESOLVED
    assert reminders_for(volunteer.user) == []


def test_the_sweep_resolves_a_sent_reminder_whose_reason_went_away(volunteer, match):
    with at(START + datetime.timedelta(days=20)):
        notifications.sweep()
        Reminder.objects.filter(rule="no_contact_volunteer").update(
            status=Reminder.Status.SENT, sent_at=timezone.now()
        )
        match.contact_logs.create(logged_by=volunteer.user, date=timezone.localdate())
        notifications.sweep()
    [reminder] = Reminder.objects.filter(rule="no_contact_volunteer")
    assert reminder.status == Reminder.Status.RESOLVED
