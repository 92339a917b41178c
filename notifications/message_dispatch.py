"""Sending messages from the outbox: SMS through the gateway, e-mail, in-app.

The guarantees, and where they live:

- The dispatcher claims queued rows with `SELECT … FOR UPDATE SKIP LOCKED` and a lease
  (`dispatch.claim`, shared with the reminders) and queues a task per row; a claim whose task
  never ran is claimed again when its lease ends. Nothing is lost while Redis or a worker is down.
- A task first moves its row from *queued* to *sending* in a committed UPDATE that only one
  task can win, so a message queued twice (the kick after commit and the dispatcher) is sent
  by one of them; the other finds nothing to do.
- Then it hands the SMS to Kannel. Kannel's reply decides: accepted → *sent*; refused or not
  reachable (the request never arrived) → back to *queued*, tried again after a growing pause
  (`not_before`); no answer (the request may have arrived) → left *sending*.
- A row left *sending* (no answer, or a worker killed in the middle of a send) is never sent
  again blindly: `reconcile` waits for Kannel's delivery report, which moves it on, and after
  the lease asks bearerbox's store whether Kannel still holds a message for that number. Only
  when neither is the case — Kannel never got it — does the row go back to *queued*. So an SMS
  is sent at most once by Netwerk, and none is lost. (A gateway restarted from its own store
  may repeat a message the message centre had already taken: that is the gateway's side.)
- Delivery reports (`record_delivery_report`) move *sending*/*sent* to *delivered* or *failed*
  and never back: repeated or reordered reports change nothing.
"""

import datetime
import logging
from collections.abc import Iterable

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .dispatch import claim
from .gateway import (
    GatewayNotConfigured,
    GatewayRefused,
    GatewayUncertain,
    digits,
    get_gateway,
    numbers_held_by_gateway,
)
from .models import Message, SmsOptOut

logger = logging.getLogger(__name__)

SENT_BY_DISPATCHER = (Message.Channel.SMS, Message.Channel.EMAIL, Message.Channel.IN_APP)
CLAIM_BATCH = 500
# How long a row stays *sending* before `reconcile` looks at it: longer than Kannel's retries
# of a delivery report that Netwerk could not take (kannel.conf: 20 times 5 s).
SENDING_LEASE = datetime.timedelta(minutes=5)
# A refusal by the gateway (an error reply) is tried this often; an unreachable gateway is
# waited for as long as it takes.
MAX_ATTEMPTS = 6
RETRY_BASE = datetime.timedelta(seconds=15)
RETRY_MAX = datetime.timedelta(minutes=10)
# Without a readable gateway store, a row whose send was interrupted is marked failed (with
# this reason) after this long, for a person to look at: never sent twice, never silently lost.
UNCERTAIN_AFTER = datetime.timedelta(hours=1)
UNCERTAIN = "uncertain whether the gateway sent it"
OPTED_OUT = "opted out"


def retry_pause(attempts: int) -> datetime.timedelta:
    return min(RETRY_BASE * 2 ** max(attempts - 1, 0), RETRY_MAX)


def _due(now: datetime.datetime) -> Q:
    return Q(not_before__isnull=True) | Q(not_before__lte=now)


# --- Queueing -------------------------------------------------------------------------------


def claim_messages(*, limit: int = CLAIM_BATCH) -> list[int]:
    queued = Message.objects.filter(
        _due(timezone.now()), status=Message.Status.QUEUED, channel__in=SENT_BY_DISPATCHER
    )
    return claim(queued, order_by=["id"], limit=limit)


def enqueue(ids: Iterable[int]) -> bool:
    """A delivery task per message. Never raises: with the broker down the rows stay queued
    and the dispatcher picks them up later."""
    ids = list(ids)
    try:
        with deliver_message_task.app.connection_for_write() as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=1
            )
            for pk in ids:
                deliver_message_task.apply_async((pk,), retry=False, connection=connection)
    except Exception as error:
        logger.warning(
            "notifications.message_enqueue_failed count=%s error=%s",
            len(ids),
            type(error).__name__,
        )
        Message.objects.filter(pk__in=ids, status=Message.Status.QUEUED).update(claimed_until=None)
        return False
    return True


def kick(ids: Iterable[int], *, channel: str) -> None:
    """Start sending now rather than at the dispatcher's next tick: these messages, or
    (without ids, a group send) a dispatcher run."""
    if channel not in SENT_BY_DISPATCHER:
        return  # letters and calls wait for a person
    ids = list(ids)
    if ids:
        enqueue(ids)
        return
    try:
        with dispatch_messages_task.app.connection_for_write() as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=1
            )
            dispatch_messages_task.apply_async(retry=False, connection=connection)
    except Exception as error:
        logger.warning("notifications.message_kick_failed error=%s", type(error).__name__)


def kick_after_commit(ids: Iterable[int], *, channel: str) -> None:
    ids = list(ids)
    transaction.on_commit(lambda: kick(ids, channel=channel))


def dispatch_messages(*, inline: bool = False, limit: int = CLAIM_BATCH, rounds: int = 20) -> int:
    """Look after interrupted sends, then claim what is due and queue it (or, `inline`,
    deliver it here). Claims batch after batch while they come full. Returns how many were
    claimed."""
    reconcile()
    total = 0
    for _round in range(rounds):
        ids = claim_messages(limit=limit)
        total += len(ids)
        if inline:
            for pk in ids:
                deliver_message(pk)
        elif ids and not enqueue(ids):
            break
        if len(ids) < limit:
            break
    return total


# --- Sending ----------------------------------------------------------------------------------


def deliver_message(message_id: int) -> str:
    """Send one message at most once. Returns what happened: "sent", "delivered", "retry",
    "uncertain", "failed", "cancelled" or "skip" (another task has it, or it is done)."""
    now = timezone.now()
    taken = (
        Message.objects.filter(_due(now), pk=message_id, status=Message.Status.QUEUED)
        .filter(channel__in=SENT_BY_DISPATCHER)
        .update(
            status=Message.Status.SENDING,
            attempts=F("attempts") + 1,
            claimed_until=now + SENDING_LEASE,
        )
    )
    if not taken:
        return "skip"
    message = Message.objects.get(pk=message_id)
    if message.channel == Message.Channel.IN_APP:
        _finish(message, Message.Status.DELIVERED)
        return "delivered"
    if message.channel == Message.Channel.EMAIL:
        return _send_email(message)
    return _send_sms(message)


def _finish(message: Message, status: str, reason: str = "") -> int:
    now = timezone.now()
    values = {"status": status, "claimed_until": None, "failed_reason": reason, "sent_at": now}
    if status == Message.Status.DELIVERED:
        values["delivered_at"] = now
    return Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(**values)


def _retry_later(message: Message, reason: str, *, give_up: bool) -> str:
    status = Message.Status.FAILED if give_up else Message.Status.QUEUED
    Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=status,
        claimed_until=None,
        not_before=timezone.now() + retry_pause(message.attempts),
        failed_reason=reason[:200],
    )
    logger.warning(
        "notifications.message_not_sent message=%s attempts=%s reason=%s",
        message.pk,
        message.attempts,
        reason[:80],
    )
    return "failed" if give_up else "retry"


def _send_sms(message: Message) -> str:
    if SmsOptOut.objects.filter(number=message.address).exists():
        Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
            status=Message.Status.CANCELLED, claimed_until=None, failed_reason=OPTED_OUT
        )
        return "cancelled"
    try:
        accepted = get_gateway().send(message)
    except GatewayUncertain as error:
        logger.warning("notifications.sms_uncertain message=%s reason=%s", message.pk, error.reason)
        return "uncertain"
    except GatewayNotConfigured as error:
        return _retry_later(message, error.reason, give_up=False)
    except GatewayRefused as error:
        unreachable = error.reason == "gateway unreachable"
        give_up = not unreachable and message.attempts >= MAX_ATTEMPTS
        return _retry_later(message, error.reason, give_up=give_up)
    now = timezone.now()
    updated = Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
        status=Message.Status.SENT, sent_at=now, claimed_until=None, failed_reason=""
    )
    if not updated:  # a delivery report was faster than Kannel's answer
        Message.objects.filter(pk=message.pk, sent_at__isnull=True).update(sent_at=now)
    return "queued at the gateway" if accepted.queued else "sent"


def _send_email(message: Message) -> str:
    email = EmailMessage(
        subject=message.subject or settings.NETWERK_SMS_SENDER,
        body=message.body,
        to=[message.address],
        headers={"Message-ID": f"<message-{message.key}@netwerk>"},
    )
    try:
        email.send()
    except Exception as error:
        return _retry_later(message, type(error).__name__, give_up=message.attempts >= MAX_ATTEMPTS)
    _finish(message, Message.Status.SENT)
    return "sent"


# --- Interrupted sends ------------------------------------------------------------------------


def reconcile(*, limit: int = CLAIM_BATCH) -> int:
    """Rows left *sending* past their lease: an SMS Kannel still holds waits for its report;
    one Kannel does not have goes back to the queue; e-mail and in-app go back to the queue
    (e-mail keeps its Message-ID). Returns how many went back to the queue."""
    now = timezone.now()
    stale = list(
        Message.objects.filter(status=Message.Status.SENDING, claimed_until__lt=now).order_by("id")[
            :limit
        ]
    )
    if not stale:
        return 0
    held = None
    if any(m.channel == Message.Channel.SMS for m in stale):
        held = numbers_held_by_gateway()
    requeued = 0
    for message in stale:
        still_stale = Message.objects.filter(
            pk=message.pk, status=Message.Status.SENDING, claimed_until=message.claimed_until
        )
        if message.channel == Message.Channel.SMS and held is None:
            if message.claimed_until < now - UNCERTAIN_AFTER:
                still_stale.update(
                    status=Message.Status.FAILED, claimed_until=None, failed_reason=UNCERTAIN
                )
            continue  # the gateway's store cannot be read: wait, never guess
        if message.channel == Message.Channel.SMS and digits(message.address) in held:
            still_stale.update(claimed_until=now + SENDING_LEASE)
            continue
        requeued += still_stale.update(status=Message.Status.QUEUED, claimed_until=None)
    if requeued:
        logger.warning("notifications.messages_requeued count=%s", requeued)
    return requeued


# --- Delivery reports -------------------------------------------------------------------------

# Kannel's report types (dlr-mask bits).
DELIVERED_TO_PHONE = 1
NOT_DELIVERED_TO_PHONE = 2
QUEUED_AT_CENTRE = 4
DELIVERED_TO_CENTRE = 8
NOT_DELIVERED_TO_CENTRE = 16


def record_delivery_report(*, message_id: int, report_type: int, answer: str = "") -> bool:
    """Store what the gateway reports about a message. Returns False for an unknown message.
    Idempotent: a report never moves a message back (delivered stays delivered)."""
    if not Message.objects.filter(pk=message_id, channel=Message.Channel.SMS).exists():
        return False
    now = timezone.now()
    open_ = Message.objects.filter(
        pk=message_id, status__in=[Message.Status.SENDING, Message.Status.SENT]
    )
    answer = answer.strip()[:200]
    if report_type & DELIVERED_TO_PHONE:
        open_.update(status=Message.Status.DELIVERED, delivered_at=now, claimed_until=None)
    elif report_type & (NOT_DELIVERED_TO_PHONE | NOT_DELIVERED_TO_CENTRE):
        open_.update(
            status=Message.Status.FAILED,
            failed_reason=answer or "not delivered",
            claimed_until=None,
        )
    elif report_type & (DELIVERED_TO_CENTRE | QUEUED_AT_CENTRE):
        Message.objects.filter(pk=message_id, status=Message.Status.SENDING).update(
            status=Message.Status.SENT, claimed_until=None
        )
    Message.objects.filter(pk=message_id, sent_at__isnull=True).exclude(
        status=Message.Status.QUEUED
    ).update(sent_at=now)
    return True


# --- Tasks ---------------------------------------------------------------------------------------


@shared_task(name="notifications.deliver_message", acks_late=True, reject_on_worker_lost=True)
def deliver_message_task(message_id: int) -> str:
    return deliver_message(message_id)


@shared_task(name="notifications.dispatch_messages", acks_late=True, reject_on_worker_lost=True)
def dispatch_messages_task() -> int:
    return dispatch_messages()
