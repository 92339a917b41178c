"""Delivery: in-app and e-mail, in the recipient's language, no participant data beyond a first
name; parallel dispatchers never deliver twice; a real worker on the real Redis broker."""

import threading

import pytest
from django.core import mail
from django.db import connections
from django.utils import translation

from notifications import dispatch
from notifications.digest import send_weekly_digests
from notifications.models import DeliveryPreference, Reminder
from notifications.rules import get_rule

from .conftest import make_reminder, wait_for

SENT = Reminder.Status.SENT


def _run_in_threads(target, count):
    barrier = threading.Barrier(count)
    errors = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_in_parallel_never_deliver_one_reminder_twice(match, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.SlowBackend"
    for _ in range(40):
        make_reminder(match.volunteer.user, match=match)

    def drain():
        while dispatch.dispatch(inline=True, limit=3):
            pass

    _run_in_threads(drain, 2)
    ids = [message.extra_headers["Message-ID"] for message in mail.outbox]
    assert len(ids) == 40 and len(set(ids)) == 40
    assert set(Reminder.objects.values_list("status", "attempts")) == {(SENT, 1)}


@pytest.mark.django_db(transaction=True)
def test_one_reminder_delivered_by_four_workers_at_once_goes_out_once(match, settings):
    settings.EMAIL_BACKEND = "tests.notifications.backends.SlowBackend"
    reminder = make_reminder(match.volunteer.user, match=match)
    _run_in_threads(lambda: dispatch.deliver(reminder.pk), 4)
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (SENT, 1)


def test_a_real_worker_delivers_in_app_and_by_email_in_the_recipient_s_language(
    match, volunteer, celery_worker, mailoutbox
):
    volunteer.user.preferred_language = "en"
    volunteer.user.save()
    reminder = make_reminder(volunteer.user, match=match, link=f"/buddies/my/contacts/{match.pk}/")
    assert dispatch.dispatch() == 1
    assert wait_for(lambda: Reminder.objects.get(pk=reminder.pk).status == SENT)
    [message] = mailoutbox
    with translation.override("en"):
        sentence = str(get_rule("contact_worry").message) % {"name": "Bram"}
    assert message.subject == f"[Netwerk] {sentence}"
    assert sentence in message.body
    assert f"http://localhost:8000/buddies/my/contacts/{match.pk}/" in message.body
    participant = match.participant
    for private in (participant.last_name, participant.phone, participant.reference_code):
        assert private not in message.body and private not in message.subject
    assert message.to == [volunteer.user.email]
    assert dispatch.dispatch() == 0  # nothing twice


def test_a_dutch_speaker_gets_the_email_in_dutch(match, volunteer, mailoutbox):
    make_reminder(volunteer.user, match=match)
    with translation.override("en"):  # whatever language the worker happens to run in
        dispatch.dispatch(inline=True)
    with translation.override("nl"):
        sentence = str(get_rule("contact_worry").message) % {"name": "Bram"}
        hello = translation.gettext("Hello %(name)s,") % {"name": volunteer.user.get_short_name()}
    assert sentence in mailoutbox[0].body
    assert mailoutbox[0].body.startswith(hello)


def test_a_failing_mail_server_is_retried_then_the_reminder_is_marked_failed(
    match, volunteer, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.backends.FailingBackend"
    reminder = make_reminder(volunteer.user, match=match)
    assert dispatch.deliver_reminder.apply(args=(reminder.pk,)).get() == "failed"
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (Reminder.Status.FAILED, dispatch.MAX_ATTEMPTS)
    assert reminder.last_error == "SMTPServerDisconnected"


def test_no_task_waits_longer_than_the_broker_visibility_timeout(settings):
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    assert dispatch.RETRY_BACKOFF_MAX < dispatch.LEASE.total_seconds() < visibility
    assert dispatch.deliver_reminder.acks_late and dispatch.deliver_reminder.reject_on_worker_lost


def test_people_who_chose_the_digest_get_one_weekly_email(match, volunteer, mailoutbox):
    DeliveryPreference.objects.create(user=volunteer.user, email="weekly")
    first = make_reminder(volunteer.user, match=match)
    make_reminder(volunteer.user, match=match)
    dispatch.dispatch(inline=True)
    assert mailoutbox == []
    first.refresh_from_db()
    assert first.status == SENT  # in-app at once
    assert send_weekly_digests() == 1
    assert send_weekly_digests() == 0
    [digest] = mailoutbox
    assert digest.body.count("http://localhost:8000/") == 3
    assert match.participant.last_name not in digest.body
