"""The weekly digest for people who chose it: the reminders delivered in-app since the last
digest that they have not read yet, in one e-mail."""

import logging

from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .emails import send_digest_email
from .models import DeliveryPreference, Reminder
from .rules import hidden_reminder_ids

logger = logging.getLogger(__name__)


def _undigested():
    return Reminder.objects.filter(
        status=Reminder.Status.SENT, emailed_at__isnull=True, read_at__isnull=True
    )


def send_weekly_digests() -> int:
    """One e-mail per person who prefers the digest and has something unread. Rows are locked
    (SKIP LOCKED) and marked in the transaction that sends, so two runs never send one twice.
    Returns how many digests were sent."""
    now = timezone.now()
    week = now.isocalendar()
    user_ids = list(
        _undigested()
        .filter(
            recipient__reminder_preference__email=DeliveryPreference.Email.WEEKLY,
            recipient__is_active=True,
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in user_ids:
        with transaction.atomic():
            rows = list(
                _undigested()
                .select_for_update(skip_locked=True)
                .filter(recipient_id=user_id)
                .order_by("due_on", "id")
            )
            if not rows:
                continue
            hidden = hidden_reminder_ids(rows)  # files blocked from this person
            shown = [row for row in rows if row.pk not in hidden]
            if not shown:  # nothing to tell; these rows are never e-mailed
                Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
                continue
            user = User.objects.get(pk=user_id)
            key = f"digest:{user_id}:{week.year}-{week.week}:{rows[-1].pk}"
            send_digest_email(user, shown, key)
            Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
            DeliveryPreference.objects.filter(user_id=user_id).update(last_digest_at=now)
            sent += 1
    logger.info("notifications.digest sent=%s", sent)
    return sent
