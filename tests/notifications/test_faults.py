"""Fault tests: Redis unreachable while a social worker works, and a worker killed in the
middle of a delivery. Real Redis, real Celery workers, on both databases (a worker in
another process shares the test database)."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone

from notifications import dispatch
from notifications.models import Reminder

from .conftest import fresh_pools, make_reminder, wait_for

UNREACHABLE = "redis://127.0.0.1:1/0"
SENT = Reminder.Status.SENT


@contextlib.contextmanager
def broker(app, url):
    """Point the Celery app at another broker (and drop its pooled connections)."""
    original = app.conf.broker_url

    def switch(to):
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None
        app.conf.broker_url = to

    switch(url)
    try:
        yield
    finally:
        switch(original)


def test_saving_a_follow_up_while_redis_is_down_succeeds_and_it_goes_out_when_redis_is_back(
    social_worker, participant, conversation, login, real_broker, settings, mailoutbox
):
    settings.CACHES = {
        "default": {
            "BACKEND": "netwerk.cache.ResilientRedisCache",
            "LOCATION": UNREACHABLE,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    client = login(social_worker)
    today = timezone.localdate().isoformat()
    with broker(real_broker, UNREACHABLE):
        started = time.monotonic()
        response = client.post(
            f"/participants/{participant.pk}/interventions/",
            {
                "quick-date": today,
                "quick-duration_minutes": 30,
                "quick-work_model": conversation.pk,
                "quick-kind": "conversation",
                "quick-follow_up_on": today,
            },
        )
        assert response.status_code == 302, response.content[:500]
        assert time.monotonic() - started < 10
    [reminder] = Reminder.objects.all()
    assert (reminder.status, reminder.recipient) == (Reminder.Status.PENDING, social_worker.user)
    assert reminder.claimed_until is None  # waiting for the dispatcher, not lost

    # Redis is back: beat ticks the dispatcher, a real worker delivers.
    with start_worker(real_broker, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        fresh_pools(real_broker)
        assert dispatch.dispatch() == 1
        assert wait_for(lambda: Reminder.objects.get(pk=reminder.pk).status == SENT)
    assert len(mailoutbox) == 1
    assert participant.last_name not in mailoutbox[0].body


def _worker(maildir: Path) -> subprocess.Popen:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        url += f"/{database['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.worker_settings",
        "DATABASE_URL": url,
        "NETWERK_TEST_MAILDIR": str(maildir),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "netwerk",
        "worker",
        "--pool=solo",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "WARNING",
    ]
    return subprocess.Popen(
        command,
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_in_the_middle_of_a_delivery_delivers_it_once_afterwards(
    match, volunteer, real_broker, tmp_path
):
    reminder = make_reminder(volunteer.user, match=match)
    first = _worker(tmp_path)
    try:
        assert dispatch.dispatch() == 1
        assert wait_for(lambda: any(tmp_path.glob("started-*")), timeout=30), "never started"
        first.send_signal(signal.SIGKILL)  # mid-send: the e-mail is not out, the row is locked
        first.wait(10)
    finally:
        _stop(first)
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.PENDING  # rolled back with the dead connection
    assert list(tmp_path.glob("*.eml")) == []

    (tmp_path / "release").touch()
    # Two ways back, both active: Redis restores the unacknowledged task after the visibility
    # timeout, and the dispatcher claims the row again once its lease is over.
    time.sleep(2.5)
    Reminder.objects.filter(pk=reminder.pk).update(claimed_until=None)
    assert dispatch.dispatch() == 1
    second = _worker(tmp_path)
    try:
        assert wait_for(lambda: Reminder.objects.get(pk=reminder.pk).status == SENT, timeout=30)
        time.sleep(1.5)  # let the second copy of the task run too: it must find nothing to do
    finally:
        _stop(second)
    assert len(list(tmp_path.glob("*.eml"))) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == (SENT, 1)
    assert real_broker.connection_for_write().default_channel.client.llen("celery") == 0
