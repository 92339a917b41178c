"""Celery tasks: one-liners around the services. Beat runs `dispatch_due` every minute,
`sweep_reminders` every hour and `send_weekly_digests` on Monday morning (see the data
migration `0002_periodic_tasks`; the schedule lives in django-celery-beat's tables). The
delivery task the dispatcher queues, `deliver_reminder`, lives beside it in `dispatch.py`
(registered when this module is loaded, under the name `notifications.tasks.deliver_reminder`).

Every task is acknowledged late and requeued when its worker dies (settings), retried with
exponential backoff and jitter, and idempotent by the reminder's key: running it twice
delivers nothing twice. No task is scheduled with an ETA: reminders due later wait in the
database and the dispatcher picks them up; retry countdowns stay below RETRY_BACKOFF_MAX,
far under the broker's visibility timeout.
"""

from celery import shared_task

from . import digest, dispatch, message_dispatch, services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def dispatch_due() -> int:
    return dispatch.dispatch() + message_dispatch.dispatch_messages()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sweep_reminders() -> int:
    return sum(services.sweep().values())


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_weekly_digests() -> int:
    return digest.send_weekly_digests()
