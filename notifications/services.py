"""Writes for reminders: the outbox calls the case apps make, settings, reading. The periodic
sweep is in `sweep.py` (re-exported here as `sweep`).

The case apps call `reminder_schedule` / `reminders_resolve` inside their own transaction, so a
reminder exists exactly when the change that causes it was committed (transactional outbox).
"""

import datetime
import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership, Role, User

from .dispatch import enqueue_after_commit
from .messages import MessageDraft as MessageDraft  # the outbox for messages: .messages
from .messages import queue_message as queue_message
from .messages import queue_messages as queue_messages
from .models import DeliveryPreference, Reminder, RuleSetting
from .rules import Draft, Rule, get_rule, get_setting
from .sweep import reminder_rows, resolve_stale
from .sweep import sweep as sweep  # the sweep lives in .sweep; callers use services.sweep
from .sweep import sweep_contexts as sweep_contexts

logger = logging.getLogger(__name__)


def _rule(code: str) -> Rule:
    rule = get_rule(code)
    if rule is None:
        raise ValueError(f"Unknown reminder rule {code!r}")
    return rule


def rule_enabled(code: str, organisation_id: int) -> bool:
    return not RuleSetting.objects.filter(
        organisation_id=organisation_id, rule=code, enabled=False
    ).exists()


def reminder_schedule(
    *,
    rule: str,
    organisation_id: int,
    object_id: int,
    due_on: datetime.date,
    recipient_id: int | None,
    link: str = "",
) -> None:
    """Write a reminder in the caller's transaction (a no-op when its key exists, the rule is
    off for the organisation or nobody can receive it). One due today goes out after commit."""
    definition = _rule(rule)
    if recipient_id is None or not rule_enabled(rule, organisation_id):
        return
    draft = Draft(organisation_id, object_id, due_on, recipient_id, link)
    Reminder.objects.bulk_create(reminder_rows(definition, [draft]), ignore_conflicts=True)
    if due_on <= timezone.localdate():
        ids = list(
            Reminder.objects.filter(
                rule=rule, object_type=definition.object_type, object_id=object_id, due_on=due_on
            ).values_list("pk", flat=True)
        )
        enqueue_after_commit(ids)


def reminders_resolve(
    *, rule: str, object_ids: Iterable[int], except_due_on: datetime.date | None = None
) -> int:
    """The reason went away: pending reminders of these objects will not be sent, and sent
    ones leave the person's list and bell."""
    pending = Reminder.objects.filter(
        rule=rule,
        object_type=_rule(rule).object_type,
        object_id__in=list(object_ids),
        status__in=[Reminder.Status.PENDING, Reminder.Status.SENT],
    )
    if except_due_on is not None:
        pending = pending.exclude(due_on=except_due_on)
    return pending.update(status=Reminder.Status.RESOLVED, resolved_at=timezone.now())


def reminders_recheck(*, rule: str, object_ids: Iterable[int]) -> int:
    """Something changed about these objects (a contact logged, a check-in): resolve their
    pending or sent reminders of this rule that the rule no longer yields."""
    ids = Reminder.objects.filter(
        rule=rule,
        object_type=_rule(rule).object_type,
        object_id__in=list(object_ids),
        status__in=[Reminder.Status.PENDING, Reminder.Status.SENT],
    ).values_list("pk", flat=True)
    return resolve_stale(list(ids))


# --- Settings and preferences ---------------------------------------------------------------


def _require_org_admin(membership: Membership) -> None:
    if not (membership.role == Role.ORG_ADMIN and membership.is_active):
        raise PermissionDenied


@transaction.atomic
def rule_setting_update(
    *, membership: Membership, rule: str, enabled: bool, intervals: list[int]
) -> RuleSetting:
    _require_org_admin(membership)
    definition = _rule(rule)
    intervals = list(intervals) if definition.interval_count[1] else []
    try:
        definition.validate(intervals)
    except ValidationError as error:
        raise ValidationError({"intervals": error.messages}) from error
    setting, _created = RuleSetting.objects.update_or_create(
        organisation=membership.organisation,
        rule=rule,
        defaults={"enabled": enabled, "intervals": intervals},
    )
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=setting,
        fields=["enabled", "intervals"],
    )
    return setting


@transaction.atomic
def setting_update(*, membership: Membership, code: str, value: int) -> RuleSetting:
    """An org admin sets one of the registered settings (the default validity of a consent)."""
    _require_org_admin(membership)
    setting = get_setting(code)
    if setting is None:
        raise ValueError(f"Unknown reminder setting {code!r}")
    try:
        setting.validate(value)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from error
    row, _created = RuleSetting.objects.update_or_create(
        organisation=membership.organisation,
        rule=code,
        defaults={"enabled": True, "intervals": [value]},
    )
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=row,
        fields=["intervals"],
    )
    return row


def preference_update(*, user: User, email: str) -> DeliveryPreference:
    if email not in DeliveryPreference.Email.values:
        raise ValidationError({"email": "unknown choice"})
    preference, _created = DeliveryPreference.objects.update_or_create(
        user=user, defaults={"email": email}
    )
    return preference


def reminder_mark_read(*, user: User, reminder_id: int | None = None) -> int:
    """Mark one of the person's reminders (or all of them) as read."""
    unread = Reminder.objects.filter(
        recipient=user, status=Reminder.Status.SENT, read_at__isnull=True
    )
    if reminder_id is not None:
        unread = unread.filter(pk=reminder_id)
    return unread.update(read_at=timezone.now())


def reminder_mark_done(*, user: User, reminder_id: int) -> int:
    """The recipient says it is done: the reminder leaves their list and bell for good (its
    key stays taken, so the sweep does not write it again for the same date)."""
    return Reminder.objects.filter(
        pk=reminder_id, recipient=user, status=Reminder.Status.SENT
    ).update(
        status=Reminder.Status.RESOLVED,
        resolved_at=timezone.now(),
        read_at=timezone.now(),
    )


def reminders_redirect(
    *, objects: Mapping[str, QuerySet], from_recipient_ids: Iterable[int], to_recipient_id: int
) -> int:
    """Open reminders (waiting, or sent and not done) about these objects that were meant for
    one of `from_recipient_ids` now go to `to_recipient_id` (a file changed hands). `objects`
    maps an object type ("participants.intervention") to a queryset of those objects' ids.
    One UPDATE, whatever the number of objects."""
    about = Q()
    for object_type, ids in objects.items():
        about |= Q(object_type=object_type, object_id__in=ids)
    if not about:
        return 0
    return (
        Reminder.objects.filter(
            about,
            recipient_id__in=list(from_recipient_ids),
            status__in=[Reminder.Status.PENDING, Reminder.Status.SENT],
        )
        .exclude(recipient_id=to_recipient_id)
        .update(recipient_id=to_recipient_id)
    )
