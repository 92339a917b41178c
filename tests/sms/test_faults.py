"""Faults with the real gateway and real Celery workers: the gateway killed in the middle of a
batch, a worker killed in the middle of a send (before Kannel has the SMS, and after), and the
message centre down while a send is interrupted. Every SMS that should go out is counted at
Kannel's fake message centre: exactly once."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.db import connection

from notifications import message_dispatch
from notifications.models import Message

from .conftest import sms, wait_for

DELIVERED = Message.Status.DELIVERED


def _texts_received(gateway, since: int) -> Counter:
    return Counter(data.replace("+", " ") for _to, _kind, data in gateway.received()[since:])


def test_the_gateway_killed_mid_batch_loses_nothing_and_sends_nothing_twice(gateway, organisation):
    before = gateway.received_count()
    batch = [sms(organisation, f"Bericht nummer {n}", key=f"batch:{n}") for n in range(30)]
    for message in batch[:12]:
        assert message_dispatch.deliver_message(message.pk) == "sent"
    gateway.kill_bearerbox()
    results = Counter(message_dispatch.deliver_message(m.pk) for m in batch[12:])
    assert results == Counter({"retry": 18})  # the gateway is down: they wait
    waiting = Message.objects.filter(status=Message.Status.QUEUED)
    assert waiting.count() == 18 and all(m.not_before for m in waiting)
    assert message_dispatch.dispatch_messages(inline=True) == 0  # still pausing

    gateway.start()
    Message.objects.filter(status=Message.Status.QUEUED).update(not_before=None)  # time passes
    assert message_dispatch.dispatch_messages(inline=True) == 18
    assert wait_for(lambda: Message.objects.filter(status=DELIVERED).count() == 30, timeout=30)
    time.sleep(1)  # anything Kannel would still resend from its store arrives now
    received = _texts_received(gateway, before)
    assert received == Counter({f"Bericht nummer {n}": 1 for n in range(30)})


def _worker(folder, gateway, block: str) -> subprocess.Popen:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{database['NAME']}"
    else:
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}"
        url += f"/{database['NAME']}"
    env = {
        **os.environ,
        **gateway.settings(),
        "DJANGO_SETTINGS_MODULE": "tests.sms.worker_settings",
        "DATABASE_URL": url,
        "NETWERK_TEST_MAILDIR": str(folder),
        "NETWERK_TEST_SMS_DIR": str(folder),
        "NETWERK_TEST_SMS_BLOCK": block,
    }
    command = [sys.executable, "-m", "celery", "-A", "netwerk", "worker", "--pool=solo"]
    command += ["--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "WARNING"]
    return subprocess.Popen(
        command,
        env=env,
        cwd=django_settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_when_started(worker, folder) -> None:
    try:
        assert wait_for(lambda: any(folder.glob("started-*")), timeout=30), "never started"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(5)


def _run_worker_until(folder, gateway, condition, *, seconds: float = 30) -> bool:
    (folder / "release").touch()
    worker = _worker(folder, gateway, block="none")
    try:
        done = wait_for(condition, timeout=seconds)
        time.sleep(1.5)  # the redelivered copy of the task runs too: it must find nothing to do
        return done
    finally:
        worker.terminate()
        worker.wait(10)


def _lease_over(message) -> None:
    Message.objects.filter(pk=message.pk).update(
        claimed_until=message_dispatch.timezone.now() - message_dispatch.SENDING_LEASE
    )


@pytest.mark.usefixtures("real_broker")
def test_a_worker_killed_before_the_gateway_has_the_sms_sends_it_once_afterwards(
    gateway, organisation, tmp_path
):
    before = gateway.received_count()
    message = sms(organisation, "Afspraak verzet naar vrijdag.", key="kill:before")
    worker = _worker(tmp_path, gateway, block="before")
    assert message_dispatch.dispatch_messages() == 1
    _kill_when_started(worker, tmp_path)
    message.refresh_from_db()
    assert message.status == Message.Status.SENDING  # fate unknown to Netwerk
    assert gateway.received_count() == before

    # Within its lease nothing happens; after it, Kannel's store does not hold it: requeued.
    assert message_dispatch.reconcile() == 0
    _lease_over(message)
    assert message_dispatch.reconcile() == 1
    assert message_dispatch.dispatch_messages() == 1
    assert _run_worker_until(
        tmp_path, gateway, lambda: Message.objects.get(pk=message.pk).status == DELIVERED
    )
    assert _texts_received(gateway, before) == Counter({"Afspraak verzet naar vrijdag.": 1})
    assert Message.objects.get(pk=message.pk).attempts == 2


@pytest.mark.usefixtures("real_broker")
def test_a_worker_killed_after_the_gateway_took_the_sms_never_sends_it_again(
    gateway, organisation, tmp_path
):
    before = gateway.received_count()
    message = sms(organisation, "Groepssessie gaat door.", key="kill:after")
    worker = _worker(tmp_path, gateway, block="after")
    assert message_dispatch.dispatch_messages() == 1
    _kill_when_started(worker, tmp_path)
    # Kannel had it: its delivery report settles the message though the worker died.
    assert wait_for(lambda: Message.objects.get(pk=message.pk).status == DELIVERED)
    # Redis hands the unacknowledged task to the next worker: it finds nothing to do.
    _run_worker_until(tmp_path, gateway, lambda: True, seconds=4)
    assert message_dispatch.dispatch_messages() == 0
    assert _texts_received(gateway, before) == Counter({"Groepssessie gaat door.": 1})
    message.refresh_from_db()
    assert (message.status, message.attempts) == (DELIVERED, 1)


@pytest.mark.usefixtures("real_broker")
def test_an_interrupted_send_that_kannel_holds_is_not_sent_again(gateway, organisation, tmp_path):
    """The message centre is down, so Kannel keeps the SMS and no report comes; the worker is
    killed after Kannel took it. Netwerk sees the SMS in Kannel's store and waits."""
    before = gateway.received_count()
    gateway.stop_message_centre()
    message = sms(organisation, "Bel je ons even terug?", key="kill:held")
    worker = _worker(tmp_path, gateway, block="after")
    try:
        assert message_dispatch.dispatch_messages() == 1
        _kill_when_started(worker, tmp_path)
        _lease_over(message)
        assert message_dispatch.reconcile() == 0  # Kannel holds it
        message.refresh_from_db()
        assert message.status == Message.Status.SENDING
        assert message.claimed_until > message_dispatch.timezone.now()  # waits another lease
    finally:
        gateway.start_message_centre()
    assert wait_for(lambda: Message.objects.get(pk=message.pk).status == DELIVERED, timeout=30)
    assert _texts_received(gateway, before) == Counter({"Bel je ons even terug?": 1})
