"""The gateway's callbacks as Kannel calls them: a secret token, GET, 404 for anything unknown,
and reports that may come twice or out of order."""

import pytest

from notifications.models import InboundMessage, Message
from notifications.services import queue_message

pytestmark = pytest.mark.django_db

DLR = "/notifications/sms/delivery/{pk}/"


@pytest.fixture
def sent(organisation):
    message = queue_message(
        organisation=organisation,
        channel="sms",
        recipient_type="volunteer",
        recipient_id=7,
        address="+32499000111",
        body="Tot morgen",
        key="cb:1",
    )
    Message.objects.filter(pk=message.pk).update(status=Message.Status.SENDING)
    return message


def report(client, pk, secret, **query):
    return client.get(DLR.format(pk=pk), {"token": secret, **query})


def test_a_report_without_the_secret_is_refused_and_changes_nothing(client, sent, callback_secret):
    assert report(client, sent.pk, "wrong", type=1).status_code == 404
    assert client.get(DLR.format(pk=sent.pk), {"type": 1}).status_code == 404
    assert Message.objects.get(pk=sent.pk).status == Message.Status.SENDING


def test_no_secret_configured_refuses_every_report(client, sent, settings):
    settings.NETWERK_SMS_CALLBACK_SECRET = ""
    assert report(client, sent.pk, "", type=1).status_code == 404


def test_a_report_about_an_unknown_message_is_404(client, sent, callback_secret):
    assert report(client, sent.pk + 1000, callback_secret, type=1).status_code == 404


def test_reports_in_any_order_and_repeated_end_delivered(client, sent, callback_secret):
    for kind in (1, 8, 1, 8):  # Kannel may report "delivered" before "accepted by the centre"
        response = report(client, sent.pk, callback_secret, type=kind, answer="ACK/")
        assert response.status_code == 200
    sent.refresh_from_db()
    assert sent.status == Message.Status.DELIVERED
    assert sent.delivered_at and sent.sent_at


def test_a_failure_report_keeps_the_gateways_reason(client, sent, callback_secret):
    report(client, sent.pk, callback_secret, type=8)
    assert Message.objects.get(pk=sent.pk).status == Message.Status.SENT
    report(client, sent.pk, callback_secret, type=2, answer="NACK/0x0000000b/Invalid Destination")
    sent.refresh_from_db()
    assert (sent.status, sent.failed_reason) == (
        Message.Status.FAILED,
        "NACK/0x0000000b/Invalid Destination",
    )
    # A late "delivered" does not undo a failure the centre reported.
    report(client, sent.pk, callback_secret, type=1)
    assert Message.objects.get(pk=sent.pk).status == Message.Status.FAILED


def test_the_callbacks_answer_only_get(client, sent, callback_secret):
    url = DLR.format(pk=sent.pk) + f"?token={callback_secret}&type=1"
    assert client.post(url).status_code == 405
    assert client.post(f"/notifications/sms/inbound/?token={callback_secret}").status_code == 405


def test_an_incoming_sms_is_stored_once_per_gateway_id(client, callback_secret):
    query = {"token": callback_secret, "from": "0499 55 66 77", "text": "Wie is dit?", "id": "u-1"}
    assert client.get("/notifications/sms/inbound/", query).status_code == 200
    assert client.get("/notifications/sms/inbound/", query).status_code == 200
    [stored] = InboundMessage.objects.all()
    assert (stored.from_number, stored.kind, stored.organisation_id) == (
        "+32499556677",
        InboundMessage.Kind.OTHER,
        None,
    )


def test_an_incoming_sms_without_the_secret_is_not_stored(client, callback_secret):
    query = {"token": "nope", "from": "+32499556677", "text": "STOP"}
    assert client.get("/notifications/sms/inbound/", query).status_code == 404
    assert not InboundMessage.objects.exists()
