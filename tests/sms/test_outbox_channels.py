"""The outbox's other channels and its rules, without the gateway: e-mail goes out once with a
Message-ID from its key, in-app arrives at once, letters and calls wait for a person, an
unreachable or unconfigured gateway makes an SMS wait (never fail), and a send whose fate is
unknown is not repeated without evidence."""

import datetime

import pytest
from django.utils import timezone

from notifications import message_dispatch
from notifications.models import Message, SmsOptOut
from notifications.services import MessageDraft, queue_message, queue_messages

pytestmark = pytest.mark.django_db


def _queue(organisation, channel, address="", key="k:1", **fields):
    return queue_message(
        organisation=organisation,
        channel=channel,
        recipient_type="volunteer",
        recipient_id=3,
        address=address,
        body="Tot dinsdag.",
        key=key,
        **fields,
    )


def test_an_email_goes_out_once_with_its_keys_message_id(organisation, mailoutbox):
    message = _queue(organisation, "email", "lotte@example.org", subject="Sessie")
    assert message_dispatch.dispatch_messages(inline=True) == 1
    assert message_dispatch.deliver_message(message.pk) == "skip"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].extra_headers["Message-ID"] == "<message-k:1@netwerk>"
    assert Message.objects.get(pk=message.pk).status == Message.Status.SENT


def test_in_app_arrives_at_once_and_letters_and_calls_wait_for_a_person(organisation):
    in_app = _queue(organisation, "in_app", key="a")
    letter = _queue(organisation, "letter", key="b")
    call = _queue(organisation, "call", key="c")
    assert message_dispatch.dispatch_messages(inline=True) == 1
    assert Message.objects.get(pk=in_app.pk).status == Message.Status.DELIVERED
    assert Message.objects.get(pk=letter.pk).status == Message.Status.QUEUED
    assert Message.objects.get(pk=call.pk).status == Message.Status.QUEUED


def test_an_sms_waits_while_no_gateway_is_configured_or_reachable(organisation, settings):
    settings.NETWERK_SMS_GATEWAY_URL = ""
    message = _queue(organisation, "sms", "+32499000222")
    assert message_dispatch.deliver_message(message.pk) == "retry"
    settings.NETWERK_SMS_GATEWAY_URL = "http://127.0.0.1:1/cgi-bin/sendsms"
    for _attempt in range(message_dispatch.MAX_ATTEMPTS + 2):
        Message.objects.filter(pk=message.pk).update(not_before=None)
        assert message_dispatch.deliver_message(message.pk) == "retry"
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED  # waits for the gateway, never gives up
    assert message.not_before > timezone.now()
    assert message.failed_reason == "gateway unreachable"


def test_the_pause_between_attempts_grows_to_ten_minutes():
    pauses = [message_dispatch.retry_pause(n).total_seconds() for n in (1, 2, 3, 10)]
    assert pauses == [15, 30, 60, 600]


def test_a_send_of_unknown_fate_waits_without_a_readable_gateway_store(organisation, settings):
    settings.NETWERK_SMS_GATEWAY_ADMIN_URL = ""
    message = _queue(organisation, "sms", "+32499000333")
    now = timezone.now()
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENDING, claimed_until=now - datetime.timedelta(minutes=1)
    )
    assert message_dispatch.reconcile() == 0
    assert Message.objects.get(pk=message.pk).status == Message.Status.SENDING
    Message.objects.filter(pk=message.pk).update(claimed_until=now - datetime.timedelta(hours=2))
    message_dispatch.reconcile()
    message.refresh_from_db()
    assert (message.status, message.failed_reason) == (
        Message.Status.FAILED,
        message_dispatch.UNCERTAIN,
    )


def test_a_group_send_writes_each_key_once_and_skips_stopped_numbers(organisation):
    SmsOptOut.objects.create(number="+32499000002", opted_out_at=timezone.now(), source="staff")
    drafts = [
        MessageDraft(
            organisation_id=organisation.pk,
            channel="sms",
            recipient_type="volunteer",
            recipient_id=n,
            address=f"+3249900000{n}",
            body="Training verplaatst naar donderdag.",
            key=f"training:5:{n}",
        )
        for n in range(5)
    ]
    assert queue_messages(drafts=drafts) == 5
    assert queue_messages(drafts=drafts) == 0
    statuses = dict(Message.objects.values_list("address", "status"))
    assert statuses["+32499000002"] == Message.Status.CANCELLED
    assert list(statuses.values()).count(Message.Status.QUEUED) == 4


def test_an_sms_longer_than_ten_parts_is_refused(organisation):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        queue_message(
            organisation=organisation,
            channel="sms",
            recipient_type="volunteer",
            recipient_id=1,
            address="+32499000444",
            body="ë" * 700,
            key="long",
        )


def test_a_letter_marked_posted_counts_as_arrived_only_in_its_organisation(
    organisation, other_organisation
):
    from notifications.services import message_cancel, message_mark_delivered

    letter = _queue(organisation, "letter", key="letter:1")
    assert not message_mark_delivered(organisation=other_organisation, message_id=letter.pk)
    assert message_mark_delivered(organisation=organisation, message_id=letter.pk)
    assert not message_mark_delivered(organisation=organisation, message_id=letter.pk)
    assert Message.objects.get(pk=letter.pk).status == Message.Status.DELIVERED
    call = _queue(organisation, "call", key="call:1")
    assert message_cancel(organisation=organisation, message_id=call.pk)
    assert Message.objects.get(pk=call.pk).status == Message.Status.CANCELLED


def test_staff_can_stop_sms_to_a_number(organisation):
    from notifications.services import sms_opt_out_record

    waiting = _queue(organisation, "sms", "+32499000555", key="s:1")
    sms_opt_out_record(number="0499 00 05 55", source=SmsOptOut.Source.STAFF)
    assert Message.objects.get(pk=waiting.pk).status == Message.Status.CANCELLED
    assert SmsOptOut.objects.get().number == "+32499000555"
