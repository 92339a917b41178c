"""Reminder fixtures: a participant with a file, an active match, and helpers to run the
sweep and read reminders. Time is moved with time-machine."""

import datetime

import pytest
from django.utils import timezone

from buddies.models import Match
from notifications.models import Reminder
from participants.models import Consent
from tests.buddies.conftest import make_participant, make_request, make_volunteer
from tests.factories import ParticipantFactory
from workmodels.models import WorkModel

START = datetime.date(2025, 3, 3)


def at(day: datetime.date):
    """Travel to 10:00 Brussels time on `day`."""
    import time_machine

    moment = datetime.datetime.combine(
        day, datetime.time(10), tzinfo=timezone.get_current_timezone()
    )
    return time_machine.travel(moment, tick=False)


def reminders(**filters):
    return list(Reminder.objects.filter(**filters).order_by("due_on", "id"))


@pytest.fixture
def participant(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Amina",
        last_name="Verstraeten",
        phone="0499 12 34 56",
    )
    Consent.objects.create(
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=START - datetime.timedelta(days=10),
        method=Consent.Method.WRITTEN,
        recorded_by=social_worker.user,
    )
    return participant


@pytest.fixture
def conversation(db):
    # get_or_create: a transactional test before this one flushed the migration's rows.
    model, _ = WorkModel.objects.get_or_create(
        code="buddy",
        defaults={
            "order": 2,
            "name_nl": "Persoonlijke vriend",
            "name_en": "Buddy",
            "description_nl": "-",
            "description_en": "-",
        },
    )
    return model


@pytest.fixture
def match(organisation, social_worker, coordinator, volunteer):
    """Active since START, proposed by `coordinator`, with the `volunteer` as buddy."""
    with at(START - datetime.timedelta(days=30)):
        buddy = make_volunteer(organisation, membership=volunteer)
        person = make_participant(social_worker, first_name="Bram", last_name="Claeys")
        request = make_request(social_worker, participant=person)
    return Match.objects.create(
        organisation=organisation,
        request=request,
        participant=person,
        volunteer=buddy,
        status=Match.Status.ACTIVE,
        proposed_by=coordinator.user,
        started_on=START,
    )


def make_reminder(recipient, *, match, **fields):
    """A worry reminder due today about a new contact log of `match`, as the outbox writes it
    (an event rule: no sweep resolves it, whatever the test's dates)."""
    from buddies.models import ContactLog

    log = ContactLog.objects.create(
        match=match, logged_by=match.volunteer.user, date=timezone.localdate(), worried=True
    )
    defaults = {
        "rule": "contact_worry",
        "object_type": "buddies.contactlog",
        "object_id": log.pk,
        "due_on": timezone.localdate(),
        "link": f"/buddies/matches/{match.pk}/",
    }
    defaults.update(fields)
    return Reminder.objects.create(organisation=match.organisation, recipient=recipient, **defaults)


def wait_for(condition, timeout=20.0):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def real_broker(transactional_db, settings):
    """The real Redis broker (this suite's own db number), emptied first."""
    import redis

    from netwerk.celery import app

    redis.Redis.from_url(app.conf.broker_url).flushdb()
    fresh_pools(app)
    return app


def fresh_pools(app) -> None:
    """Forget the app's pooled broker connections: an in-process test worker closes the pool
    when it stops ("Acquire on closed pool" afterwards). Test-only: a web process never runs
    a worker."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(real_broker):
    """A real Celery worker consuming from the real Redis broker, in a thread."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(
        real_broker, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"
    ) as worker:
        fresh_pools(real_broker)
        yield worker
