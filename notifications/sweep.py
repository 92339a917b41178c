"""The periodic sweep: every rule's `due` for all organisations at once; create what is due and
resolve what its rule no longer yields. Also the re-check the dispatcher and the outbox hooks
use for a few reminders (`resolve_stale`).

On PostgreSQL the sweep is a fixed handful of statements whatever the data size: the rules'
queries, then, in one transaction, COPY of every draft into a temporary table, one UPDATE that
resolves the stale pending rows (an anti-join with the drafts) and one INSERT … ON CONFLICT DO
NOTHING that creates the new ones and counts them per rule (RETURNING, so the reminder table is
never counted; on the very first sweep a plain INSERT). Nothing is loaded back into Python.
Elsewhere (SQLite, `make run`) it works rule by rule with the ORM.
"""

import csv
import datetime
import io
import logging
from collections.abc import Iterable

from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from .models import Reminder, RuleSetting
from .rules import Draft, Rule, SweepContext, all_rules

logger = logging.getLogger(__name__)


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
            continue  # a registered setting, not a rule
        if not enabled:
            disabled.setdefault(code, set()).add(org_id)
        elif intervals:
            contexts[code].overrides[org_id] = tuple(intervals)
    for code, orgs in disabled.items():
        contexts[code].disabled = frozenset(orgs)
    return contexts


def current(drafts: Iterable[Draft], context: SweepContext) -> Iterable[Draft]:
    """The drafts that become reminders: someone receives them and the rule is on."""
    disabled = context.disabled
    return (d for d in drafts if d.recipient_id and d.organisation_id not in disabled)


def reminder_rows(rule: Rule, drafts: Iterable[Draft]) -> list[Reminder]:
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
    ]


# A reminder whose reason went away is resolved whether it waits or was sent already: a sent
# one would otherwise stay in the person's list and bell after the contact was logged.
OPEN_STATUSES = (Reminder.Status.PENDING, Reminder.Status.SENT)


def _pending(
    rule: Rule, today: datetime.date, only=None, written_before: datetime.datetime | None = None
) -> list[tuple]:
    rows = Reminder.objects.filter(rule=rule.code, status__in=OPEN_STATUSES, due_on__lte=today)
    if only is not None:
        rows = rows.filter(pk__in=only)
    if written_before is not None:
        rows = rows.filter(created_at__lte=written_before)
    return list(rows.values_list("pk", "object_id", "due_on"))


def _stale(pending: list[tuple], drafts: Iterable[Draft]) -> list[int]:
    keys = {(d.object_id, d.due_on) for d in drafts}
    return [pk for pk, object_id, due_on in pending if (object_id, due_on) not in keys]


def _resolve(ids: list[int]) -> int:
    if not ids:
        return 0
    return Reminder.objects.filter(pk__in=ids, status__in=OPEN_STATUSES).update(
        status=Reminder.Status.RESOLVED, resolved_at=timezone.now()
    )


def resolve_stale(pending: Iterable[int]) -> int:
    """Resolve those of these pending or sent reminders that their rule no longer yields (the
    dispatcher asks for the one it is about to send; a service after a change)."""
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
            context = contexts[rule.code]
            drafts = rule.due(context, sorted({row[1] for row in mine}))
            resolved += _resolve(_stale(mine, current(drafts, context)))
    return resolved


def sweep(*, today: datetime.date | None = None) -> dict[str, int]:
    """Create every time-based reminder that is due and resolve those whose reason went away.
    Returns how many were created per rule; a second run creates nothing."""
    started = timezone.now()
    today = today or timezone.localdate()
    contexts = sweep_contexts(today)
    rules = [rule for rule in all_rules() if rule.due is not None]
    if connection.vendor == "postgresql":
        created, resolved = _sweep_postgresql(rules, contexts, today, started)
    else:
        created, resolved = _sweep_rule_by_rule(rules, contexts, today, started)
    logger.info("notifications.sweep created=%s resolved=%s", sum(created.values()), resolved)
    return created


_DRAFTS = "notifications_draft"


def _sweep_postgresql(
    rules: list[Rule],
    contexts: dict[str, SweepContext],
    today: datetime.date,
    started: datetime.datetime,
) -> tuple[dict[str, int], int]:
    """Resolves only rows written before the sweep started: one an outbox wrote while the rules'
    queries ran may belong to a change they did not see yet."""
    now = timezone.now()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for rule in rules:
        context = contexts[rule.code]
        head = (rule.code, rule.object_type)
        writer.writerows(head + draft for draft in current(rule.due(context, None), context))
    buffer.seek(0)
    table = Reminder._meta.db_table
    # A recipient who no longer exists gets no reminder (the foreign key would refuse it).
    users = Reminder._meta.get_field("recipient").related_model._meta.db_table
    pending, resolved = Reminder.Status.PENDING, Reminder.Status.RESOLVED
    open_statuses = [str(status) for status in OPEN_STATUSES]
    with transaction.atomic(), connection.cursor() as cursor:
        # Losing this commit in a database crash costs nothing: the next sweep redoes it.
        cursor.execute("SET LOCAL synchronous_commit = off")
        # IF NOT EXISTS + TRUNCATE: inside an outer transaction (a test) `atomic` is only a
        # savepoint and the table outlives it.
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_DRAFTS} (rule text, object_type text, "
            "organisation_id bigint, object_id bigint, due_on date, recipient_id bigint, "
            "link text) ON COMMIT DROP"
        )
        cursor.execute(f"TRUNCATE {_DRAFTS}")
        cursor.copy_expert(f"COPY {_DRAFTS} FROM STDIN WITH (FORMAT csv)", buffer)
        # With this index the anti-join below stays cheap whatever plan PostgreSQL picks, even
        # when the reminder table's statistics are stale (a cold start adds 350,000 rows).
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {_DRAFTS}_key ON {_DRAFTS} (object_id, due_on)")
        cursor.execute(
            f"UPDATE {table} AS r SET status = %s, resolved_at = %s "  # noqa: S608 - our own table names
            "WHERE r.status = ANY(%s) AND r.due_on <= %s AND r.rule = ANY(%s) "
            "AND r.created_at <= %s "
            f"AND NOT EXISTS (SELECT FROM {_DRAFTS} d "
            "WHERE d.rule = r.rule AND d.object_id = r.object_id AND d.due_on = r.due_on)",
            [resolved, now, open_statuses, today, [rule.code for rule in rules], started],
        )
        stale = cursor.rowcount
        # Insert the new drafts, counting them per rule. The first sweep (no reminder of these
        # rules yet: reminders just switched on over existing data, the heaviest sweep there
        # is) uses a plain INSERT, about a third cheaper per row than ON CONFLICT's speculative
        # insertion; should a key turn up twice or an outbox write one meanwhile, the savepoint
        # rolls it back and ON CONFLICT DO NOTHING does the work, as in every later sweep.
        insert = (
            f"WITH created AS (INSERT INTO {table} (organisation_id, rule, object_type, "  # noqa: S608
            "object_id, due_on, recipient_id, link, status, attempts, last_error, created_at) "
            "SELECT organisation_id, rule, object_type, object_id, due_on, recipient_id, link, "
            f"%s, 0, '', %s FROM {_DRAFTS} d WHERE EXISTS (SELECT FROM {users} u "
            "WHERE u.id = d.recipient_id) {} RETURNING rule) "
            "SELECT rule, count(*) FROM created GROUP BY rule"
        )
        cursor.execute(
            f"SELECT EXISTS (SELECT FROM {table} WHERE rule = ANY(%s))",  # noqa: S608
            [[rule.code for rule in rules]],
        )
        first = not cursor.fetchone()[0]
        try:
            with transaction.atomic():  # a savepoint either way: the same statements
                cursor.execute(
                    insert.format("" if first else "ON CONFLICT DO NOTHING"), [pending, now]
                )
                created = dict(cursor.fetchall())
        except IntegrityError:
            if not first:
                raise
            cursor.execute(insert.format("ON CONFLICT DO NOTHING"), [pending, now])
            created = dict(cursor.fetchall())
    return created, stale


def _counts() -> dict[str, int]:
    return dict(Reminder.objects.order_by().values_list("rule").annotate(n=Count("id")))


def _sweep_rule_by_rule(
    rules: list[Rule],
    contexts: dict[str, SweepContext],
    today: datetime.date,
    started: datetime.datetime,
) -> tuple[dict[str, int], int]:
    """The same outcome as the PostgreSQL sweep, with the ORM: only rows written before the
    sweep started are resolved, and a recipient who no longer exists gets no reminder."""
    before = _counts()
    resolved = 0
    # Every user id (people, not files: a small table); SQLite caps the parameters of an IN.
    users = Reminder._meta.get_field("recipient").related_model.objects
    existing = set(users.values_list("pk", flat=True))
    for rule in rules:
        context = contexts[rule.code]
        drafts = list(current(rule.due(context, None), context))
        resolved += _resolve(_stale(_pending(rule, today, written_before=started), drafts))
        drafts = [d for d in drafts if d.recipient_id in existing]
        Reminder.objects.bulk_create(reminder_rows(rule, drafts), ignore_conflicts=True)
    created = {
        rule: count - before.get(rule, 0)
        for rule, count in _counts().items()
        if count > before.get(rule, 0)
    }
    return created, resolved
