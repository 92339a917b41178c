"""Writes for reminders: the outbox calls the case apps make, the sweep, settings, reading.

The case apps call `reminder_schedule` / `reminders_resolve` inside their own transaction, so a
reminder exists exactly when the change that causes it was committed (transactional outbox).
"""

import csv
import datetime
import io
import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership, Role, User

from .dispatch import enqueue_after_commit
from .models import DeliveryPreference, Reminder, RuleSetting
from .rules import Draft, Rule, SweepContext, all_rules, get_rule, get_setting

logger = logging.getLogger(__name__)


def _rule(code: str) -> Rule:
    rule = get_rule(code)
    if rule is None:
        raise ValueError(f"Unknown reminder rule {code!r}")
    return rule


def sweep_contexts(today: datetime.date) -> dict[str, SweepContext]:
    """Every rule's settings for every organisation, in one query."""
    contexts = {
        rule.code: SweepContext(today=today, defaults=rule.defaults) for rule in all_rules()
    }
    disabled: dict[str, set[int]] = {}
    for org_id, code, enabled, intervals in RuleSetting.objects.values_list(
        "organisation_id", "rule", "enabled", "intervals"
    ):
        if code not in contexts:
            continue
        if not enabled:
            disabled.setdefault(code, set()).add(org_id)
        elif intervals:
            contexts[code].overrides[org_id] = tuple(intervals)
    for code, orgs in disabled.items():
        contexts[code].disabled = frozenset(orgs)
    return contexts


def rule_enabled(code: str, organisation_id: int) -> bool:
    return not RuleSetting.objects.filter(
        organisation_id=organisation_id, rule=code, enabled=False
    ).exists()


def _rows(rule: Rule, drafts: Iterable[Draft], disabled: frozenset[int]) -> list[Reminder]:
    return [
        Reminder(
            organisation_id=d.organisation_id,
            rule=rule.code,
            object_type=rule.object_type,
            object_id=d.object_id,
            due_on=d.due_on,
            recipient_id=d.recipient_id,
            link=d.link,
        )
        for d in drafts
        if d.recipient_id and d.organisation_id not in disabled
    ]


def _insert(rule: Rule, drafts: list[Draft], disabled: frozenset[int]) -> None:
    """Insert what is new, skipping keys that exist (a second sweep inserts nothing). On
    PostgreSQL the drafts go through COPY into a temporary table and one INSERT … ON CONFLICT
    DO NOTHING: three statements whatever their number, and no model instances (the ORM's
    `bulk_create` spent ~50 s on 300,000 rows). Elsewhere (SQLite): `bulk_create` with
    `ignore_conflicts` on the same unique key."""
    drafts = [d for d in drafts if d.recipient_id and d.organisation_id not in disabled]
    if not drafts:
        return
    if connection.vendor != "postgresql":
        Reminder.objects.bulk_create(_rows(rule, drafts, disabled), ignore_conflicts=True)
        return
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(drafts)
    buffer.seek(0)
    table = Reminder._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        # Losing this commit in a database crash costs nothing: the next sweep redoes it.
        cursor.execute("SET LOCAL synchronous_commit = off")
        # IF NOT EXISTS + TRUNCATE: inside an outer transaction (a test) `atomic` is only a
        # savepoint and the table outlives it.
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS notifications_draft (organisation_id bigint, "
            "object_id bigint, due_on date, recipient_id bigint, link text) ON COMMIT DROP"
        )
        cursor.execute("TRUNCATE notifications_draft")
        cursor.copy_expert("COPY notifications_draft FROM STDIN WITH (FORMAT csv)", buffer)
        cursor.execute(
            f"INSERT INTO {table} (organisation_id, rule, object_type, object_id, due_on, "  # noqa: S608 - our own table name
            "recipient_id, link, status, attempts, last_error, created_at) "
            "SELECT organisation_id, %s, %s, object_id, due_on, recipient_id, link, %s, 0, '', "
            "now() FROM notifications_draft ON CONFLICT DO NOTHING",
            [rule.code, rule.object_type, Reminder.Status.PENDING],
        )


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
    Reminder.objects.bulk_create(_rows(definition, [draft], frozenset()), ignore_conflicts=True)
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
    """The reason went away: pending reminders of these objects will not be sent."""
    pending = Reminder.objects.filter(
        rule=rule,
        object_type=_rule(rule).object_type,
        object_id__in=list(object_ids),
        status=Reminder.Status.PENDING,
    )
    if except_due_on is not None:
        pending = pending.exclude(due_on=except_due_on)
    return pending.update(status=Reminder.Status.RESOLVED, resolved_at=timezone.now())


def _stale(rule: Rule, pending: list[tuple], drafts: Iterable[Draft], ctx: SweepContext):
    current = {
        (d.object_id, d.due_on)
        for d in drafts
        if d.recipient_id and d.organisation_id not in ctx.disabled
    }
    return [pk for pk, object_id, due_on in pending if (object_id, due_on) not in current]


def _pending(rule: Rule, today: datetime.date, only=None) -> list[tuple]:
    rows = Reminder.objects.filter(
        rule=rule.code, status=Reminder.Status.PENDING, due_on__lte=today
    )
    if only is not None:
        rows = rows.filter(pk__in=only)
    return list(rows.values_list("pk", "object_id", "due_on"))


def _resolve(ids: list[int]) -> int:
    if not ids:
        return 0
    return Reminder.objects.filter(pk__in=ids, status=Reminder.Status.PENDING).update(
        status=Reminder.Status.RESOLVED, resolved_at=timezone.now()
    )


def reminders_recheck(*, rule: str, object_ids: Iterable[int]) -> int:
    """Something changed about these objects (a contact logged, a check-in): resolve their
    pending reminders of this rule that the rule no longer yields."""
    ids = Reminder.objects.filter(
        rule=rule,
        object_type=_rule(rule).object_type,
        object_id__in=list(object_ids),
        status=Reminder.Status.PENDING,
    ).values_list("pk", flat=True)
    return resolve_stale(list(ids))


def resolve_stale(pending: Iterable[int]) -> int:
    """Resolve those of these pending reminders that their rule no longer yields (the
    dispatcher asks for the one it is about to send)."""
    today = timezone.localdate()
    pending = list(pending)
    if not pending:
        return 0
    contexts = sweep_contexts(today)
    resolved = 0
    for rule in all_rules():
        if rule.due is None:
            continue
        mine = _pending(rule, today, only=pending)
        if mine:
            drafts = rule.due(contexts[rule.code], sorted({row[1] for row in mine}))
            resolved += _resolve(_stale(rule, mine, drafts, contexts[rule.code]))
    return resolved


def _counts() -> dict[str, int]:
    return dict(Reminder.objects.order_by().values_list("rule").annotate(n=Count("id")))


def sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """Create every time-based reminder that is due and resolve those whose reason went away.
    Set-based: a few queries per rule whatever the data size; a second run creates nothing."""
    today = today or timezone.localdate()
    before = _counts()
    contexts = sweep_contexts(today)
    resolved = 0
    for rule in all_rules():
        if rule.due is None:
            continue
        context = contexts[rule.code]
        drafts = list(rule.due(context, None))
        # Rows this sweep inserts are current by construction: only older ones can be stale.
        resolved += _resolve(_stale(rule, _pending(rule, today), drafts, context))
        _insert(rule, drafts, context.disabled)
    created = {
        rule: count - before.get(rule, 0)
        for rule, count in _counts().items()
        if count > before.get(rule, 0)
    }
    logger.info("notifications.sweep created=%s resolved=%s", sum(created.values()), resolved)
    return created


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
