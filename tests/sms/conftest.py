"""A real Kannel (bearerbox, smsbox and the fake message centre) for the SMS tests, started
once per test process on ports of its own, reporting to this process's live server."""

import time

import pytest

from notifications.models import Message
from notifications.services import queue_message
from tests.kannel import Kannel
from tests.notifications.conftest import real_broker as real_broker  # the real Redis

SECRET = "test-callback-secret-0123456789"


@pytest.fixture(scope="session")
def kannel_gateway(live_server, tmp_path_factory):
    kannel = Kannel(tmp_path_factory.mktemp("kannel"), callback_base=live_server.url, secret=SECRET)
    kannel.start()
    yield kannel
    kannel.stop()


@pytest.fixture
def gateway(kannel_gateway, settings, transactional_db):
    """Kannel running and Netwerk's settings pointing at it."""
    for name, value in kannel_gateway.settings().items():
        setattr(settings, name, value)
    if kannel_gateway.bearerbox.poll() is not None:  # a fault test left it down
        kannel_gateway.start()
    return kannel_gateway


@pytest.fixture
def callback_secret(settings):
    settings.NETWERK_SMS_CALLBACK_SECRET = SECRET
    return SECRET


def sms(organisation, body, *, key, number="+32499123456", **fields) -> Message:
    return queue_message(
        organisation=organisation,
        channel=Message.Channel.SMS,
        recipient_type=fields.pop("recipient_type", Message.RecipientType.PARTICIPANT),
        recipient_id=fields.pop("recipient_id", 1),
        address=number,
        body=body,
        key=key,
        **fields,
    )


def wait_for(condition, timeout=20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False
