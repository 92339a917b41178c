"""Claiming and delivering reminders: the guarantees live here.

- The dispatcher claims due rows with `SELECT … FOR UPDATE SKIP LOCKED` and gives each a lease
  (`claimed_until`), so parallel dispatchers take disjoint rows and a queued row is not queued
  again before its lease ends. A claim whose task never ran (Redis down, worker killed) is
  claimed again once the lease is over: nothing is lost.
- Delivery opens a transaction whose first statement is a conditional UPDATE of the pending
  row: it locks the row (a second delivery of the same reminder waits, then finds it sent),
  then marks it sent and, where the person wants it, sends the e-mail before the COMMIT. The
  in-app reminder *is* that row, so in-app delivery happens exactly once. A worker killed
  before the COMMIT rolls everything back and the reminder is delivered again later; the one
  unguarded window is a kill between the mail server accepting the e-mail and the COMMIT (a
  few milliseconds): the e-mail then goes out twice with the same Message-ID, which mail
  clients show once. E-mail is at-least-once, effectively once.
- On SQLite (`make run`) `FOR UPDATE SKIP LOCKED` is ignored; SQLite has one writer at a time,
  so the conditional UPDATE still serialises deliveries of one reminder, and the dispatcher's
  lease keeps a second dispatcher from queueing it twice in practice.
- The delivery task `deliver_reminder` is defined here, beside the dispatcher that queues it
  (the periodic tasks in `tasks.py` call this module; nothing here imports them).
"""

import datetime
import logging
from collections.abc import Iterable, Sequence

from celery import shared_task
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .emails import send_reminder_email, wants_email_now
from .models import Reminder
from .rules import hidden_reminder_ids
from .sweep import resolve_stale

logger = logging.getLogger(__name__)

# Kept well below the broker's visibility timeout (settings: 3600 s) and above the longest
# retry countdown (RETRY_BACKOFF_MAX), so a lease never ends while its task waits.
LEASE = datetime.timedelta(minutes=15)
CLAIM_BATCH = 500
MAX_ATTEMPTS = 5
RETRY_BACKOFF_MAX = 600


class DeliveryError(Exception):
    """A delivery attempt failed and will be retried."""


def claim(queryset: QuerySet, *, order_by: Sequence[str], limit: int) -> list[int]:
    """Claim up to `limit` rows of `queryset` whose lease is free (`claimed_until` empty or
    past): lock them with `SELECT … FOR UPDATE SKIP LOCKED`, give each a lease of LEASE and
    return their ids. Shared by the reminders and the messages (`message_dispatch`)."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            queryset.select_for_update(skip_locked=True)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by(*order_by)
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            queryset.model.objects.filter(pk__in=ids).update(claimed_until=now + LEASE)
    return ids


def claim_due(*, limit: int = CLAIM_BATCH) -> list[int]:
    """Claim up to `limit` due, pending, unleased reminders; return their ids."""
    due = Reminder.objects.filter(status=Reminder.Status.PENDING, due_on__lte=timezone.localdate())
    return claim(due, order_by=["due_on", "id"], limit=limit)


def enqueue(ids: Iterable[int]) -> bool:
    """Queue a delivery task per reminder. Never raises: when the broker is unreachable the
    rows stay pending and the next dispatcher run picks them up."""
    ids = list(ids)
    try:
        # Fail fast when the broker is down: `retry=False` alone still lets kombu try to
        # connect for about six seconds, holding the web request that saved the change.
        with deliver_reminder.app.connection_for_write() as connection:
            connection.ensure_connection(
                max_retries=1, interval_start=0, interval_step=0, timeout=1
            )
            for pk in ids:
                deliver_reminder.apply_async((pk,), retry=False, connection=connection)
    except Exception as error:
        logger.warning(
            "notifications.enqueue_failed count=%s error=%s", len(ids), type(error).__name__
        )
        Reminder.objects.filter(pk__in=ids, status=Reminder.Status.PENDING).update(
            claimed_until=None
        )
        return False
    return True


def enqueue_after_commit(ids: Iterable[int]) -> None:
    """For the outbox: queue after the caller's transaction commits; failing is harmless."""
    ids = list(ids)
    if ids:
        transaction.on_commit(lambda: enqueue(ids))


def dispatch(*, inline: bool = False, limit: int = CLAIM_BATCH) -> int:
    """Claim what is due and queue it (or, `inline`, deliver it here: the management command
    and tests). Returns how many were claimed."""
    ids = claim_due(limit=limit)
    if inline:
        for pk in ids:
            deliver(pk)
    elif ids:
        enqueue(ids)
    return len(ids)


def deliver(reminder_id: int) -> str:
    """Deliver one reminder at most once; returns what happened ("sent", "resolved", "skip").
    Raises when the e-mail could not be sent (the task retries); see `record_failure`."""
    now = timezone.now()
    with transaction.atomic():
        locked = Reminder.objects.filter(pk=reminder_id, status=Reminder.Status.PENDING).update(
            claimed_until=now + LEASE
        )
        if not locked:
            return "skip"
        if resolve_stale([reminder_id]):
            return "resolved"
        reminder = Reminder.objects.select_related("recipient").get(pk=reminder_id)
        if hidden_reminder_ids([reminder]):
            # The recipient was blocked from the file it names: nothing is sent, ever.
            reminder.status = Reminder.Status.RESOLVED
            reminder.resolved_at = now
            reminder.claimed_until = None
            reminder.save(update_fields=["status", "resolved_at", "claimed_until"])
            return "resolved"
        reminder.status = Reminder.Status.SENT
        reminder.sent_at = now
        reminder.attempts = F("attempts") + 1
        reminder.claimed_until = None
        reminder.last_error = ""
        if wants_email_now(reminder.recipient):
            send_reminder_email(reminder)
            reminder.emailed_at = timezone.now()
        reminder.save(
            update_fields=[
                "status",
                "sent_at",
                "attempts",
                "claimed_until",
                "last_error",
                "emailed_at",
            ]
        )
    return "sent"


def record_failure(reminder_id: int, error: BaseException) -> bool:
    """Count a failed attempt (outside the rolled-back delivery). Returns True when the
    reminder has used its attempts and is now marked failed."""
    code = type(error).__name__[:64]
    with transaction.atomic():
        reminder = (
            Reminder.objects.select_for_update()
            .filter(pk=reminder_id, status=Reminder.Status.PENDING)
            .first()
        )
        if reminder is None:
            return True
        reminder.attempts += 1
        reminder.last_error = code
        if reminder.attempts >= MAX_ATTEMPTS:
            reminder.status = Reminder.Status.FAILED
        reminder.save(update_fields=["attempts", "last_error", "status"])
    logger.warning(
        "notifications.delivery_failed reminder=%s attempts=%s error=%s",
        reminder_id,
        reminder.attempts,
        code,
    )
    return reminder.status == Reminder.Status.FAILED


# Acknowledged late and requeued when its worker dies (settings), retried with exponential
# backoff and jitter; idempotent by the reminder's key. It keeps the name it had in tasks.py,
# so that messages queued before an upgrade still find it.
@shared_task(
    name="notifications.tasks.deliver_reminder",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(DeliveryError,),
    retry_backoff=2,
    retry_backoff_max=RETRY_BACKOFF_MAX,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS,
)
def deliver_reminder(self, reminder_id: int) -> str:
    try:
        return deliver(reminder_id)
    except Exception as error:
        if record_failure(reminder_id, error):
            return "failed"
        raise DeliveryError(type(error).__name__) from error
