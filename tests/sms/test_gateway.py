"""SMS through the real gateway: Kannel's sendsms, its fake message centre, and its delivery
reports coming back to Netwerk's callback. What went out is counted at the message centre."""

import urllib.parse

import pytest

from notifications import message_dispatch
from notifications.models import Message
from notifications.sms import segments

from .conftest import sms, wait_for

DELIVERED = Message.Status.DELIVERED


def _text_of(parts: list[tuple[str, str, str]], encoding: str) -> str:
    data = b"".join(urllib.parse.unquote_to_bytes(part[2].replace("+", " ")) for part in parts)
    return data.decode("utf-16-be" if encoding == "ucs2" else "utf-8")


def test_an_sms_goes_out_once_and_its_delivery_report_is_stored(gateway, organisation):
    before = gateway.received_count()
    message = sms(organisation, "Tot morgen om 10 uur in het buurthuis.", key="t:1")
    assert message_dispatch.dispatch_messages(inline=True) == 1
    assert wait_for(lambda: Message.objects.get(pk=message.pk).status == DELIVERED)
    message.refresh_from_db()
    assert message.sent_at and message.delivered_at and message.attempts == 1
    assert gateway.received()[before:] == [
        ("+32499123456", "text", "Tot morgen om 10 uur in het buurthuis.")
    ]
    # Dispatching again sends nothing: the row is done.
    assert message_dispatch.dispatch_messages(inline=True) == 0
    assert gateway.received_count() == before + 1


LONG_DUTCH = (
    "Dag Hélène, we zien je graag op de groepssessie van dinsdag om 14 uur in het "
    "buurthuis De Brug. Breng je je agenda mee? Wie niet kan komen, laat het ons even weten "
    "via een sms of bel naar het nummer op je kaart. Tot dan!"
)


@pytest.mark.parametrize(
    ("body", "parts", "encoding"),
    [
        ("Dag José, tot morgen. Groeten, Sévérine", 1, "gsm7"),  # é is in GSM-7
        ("a" * 160, 1, "gsm7"),
        ("a" * 161, 2, "gsm7"),
        (LONG_DUTCH, 2, "gsm7"),
        ("Dag Zoë, tot morgen in het buurthuis. " * 2, 2, "ucs2"),  # ë is not in GSM-7
        ("Dag Zoë", 1, "ucs2"),
        ("مرحبا، نراك غدا في المركز. " * 6, 3, "ucs2"),
        ("Prijs: 5 € per persoon [inschrijven]. " * 5, 2, "gsm7"),  # €, [ ] take two septets
    ],
)
def test_texts_are_split_as_the_gateway_sends_them(gateway, organisation, body, parts, encoding):
    assert segments(body) == (parts, encoding)
    before = gateway.received_count()
    message = sms(organisation, body, key=f"split:{hash(body)}")
    assert (message.parts, message.encoding) == (parts, encoding)
    message_dispatch.dispatch_messages(inline=True)
    assert wait_for(lambda: Message.objects.get(pk=message.pk).status == DELIVERED)
    assert wait_for(lambda: gateway.received_count() == before + parts, timeout=5)
    received = gateway.received()[before:]
    assert len(received) == parts
    assert _text_of(received, encoding) == body


def test_the_same_key_never_makes_a_second_sms(gateway, organisation):
    before = gateway.received_count()
    first = sms(organisation, "Herinnering: morgen intake.", key="session:12:reminder")
    again = sms(organisation, "Herinnering: morgen intake.", key="session:12:reminder")
    assert first.pk == again.pk
    message_dispatch.dispatch_messages(inline=True)
    # Two tasks for one message: the second finds it done.
    assert message_dispatch.deliver_message(first.pk) == "skip"
    assert wait_for(lambda: Message.objects.get(pk=first.pk).status == DELIVERED)
    assert gateway.received_count() == before + 1


def test_an_sms_waits_for_the_end_of_quiet_hours(gateway, organisation):
    import datetime

    from django.utils import timezone

    later = timezone.now() + datetime.timedelta(hours=8)
    message = sms(organisation, "Goedemorgen!", key="quiet:1", not_before=later)
    assert message_dispatch.dispatch_messages(inline=True) == 0
    assert Message.objects.get(pk=message.pk).status == Message.Status.QUEUED
