"""Reads for reminders: the bell, a person's list, and the org admin's overview. Each is a
fixed number of queries whatever the number of reminders."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership, Organisation, Role, User

from .emails import event_dates, first_names, sentence
from .models import InboundMessage, Reminder, RuleSetting
from .rules import Rule, Setting, all_rules, all_settings, get_setting, hidden_reminder_ids
from .schedule import scheduled_task

LIST_SIZE = 50


def unread_count(user: User) -> int:
    """The bell: one query (a partial index covers it)."""
    return Reminder.objects.filter(
        recipient=user, status=Reminder.Status.SENT, read_at__isnull=True
    ).count()


def with_sentences(reminders: list[Reminder]) -> list[Reminder]:
    """Attach `sentence` (the rule's words with a first name) in the active language."""
    names = first_names(reminders)
    days = event_dates(reminders)
    for reminder in reminders:
        reminder.sentence = sentence(reminder, names.get(reminder.pk, ""), days[reminder.pk])
    return reminders


def reminders_for(user: User) -> list[Reminder]:
    rows = Reminder.objects.filter(recipient=user, status=Reminder.Status.SENT).order_by(
        "-sent_at", "-id"
    )[:LIST_SIZE]
    rows = list(rows)
    hidden = hidden_reminder_ids(rows)  # files blocked from this person (access blocks)
    return with_sentences([row for row in rows if row.pk not in hidden])


@dataclass
class RuleRow:
    rule: Rule
    enabled: bool
    intervals: list[int]
    counts: dict[str, int]


def rule_rows(organisation: Organisation) -> list[RuleRow]:
    settings = {s.rule: s for s in RuleSetting.objects.filter(organisation=organisation)}
    counts: dict[str, dict[str, int]] = {}
    mine = Reminder.objects.filter(organisation=organisation).order_by()
    pending = Reminder.Status.PENDING
    # Two queries, each with its partial index: pending rows, and the others.
    for rows in (mine.filter(status=pending), mine.exclude(status=pending)):
        for code, status, n in rows.values_list("rule", "status").annotate(n=Count("id")):
            counts.setdefault(code, {})[status] = n
    rows = []
    for rule in all_rules():
        setting = settings.get(rule.code)
        rows.append(
            RuleRow(
                rule=rule,
                enabled=setting.enabled if setting else True,
                intervals=(
                    setting.intervals if setting and setting.intervals else list(rule.defaults)
                ),
                counts=counts.get(rule.code, {}),
            )
        )
    return rows


def setting_value(code: str, organisation_id: int) -> int:
    """An organisation's value of a registered setting, or its default (one query)."""
    setting = get_setting(code)
    if setting is None:
        raise ValueError(f"Unknown reminder setting {code!r}")
    stored = (
        RuleSetting.objects.filter(organisation_id=organisation_id, rule=code)
        .values_list("intervals", flat=True)
        .first()
    )
    return stored[0] if stored else setting.default


@dataclass
class SettingRow:
    setting: Setting
    value: int


def setting_rows(organisation: Organisation) -> list[SettingRow]:
    codes = [setting.code for setting in all_settings()]
    stored = dict(
        RuleSetting.objects.filter(organisation=organisation, rule__in=codes).values_list(
            "rule", "intervals"
        )
    )
    return [
        SettingRow(
            setting, stored[setting.code][0] if stored.get(setting.code) else setting.default
        )
        for setting in all_settings()
    ]


def organisation_reminders(organisation: Organisation, status: str) -> QuerySet[Reminder]:
    order = "-sent_at" if status == Reminder.Status.SENT else "due_on"
    return (
        Reminder.objects.filter(organisation=organisation, status=status)
        .select_related("recipient")
        .order_by(order, "id")
    )


def beat_schedule() -> list:
    """The periodic tasks beat runs (django-celery-beat's rows), for the org admin to see."""
    from django_celery_beat.models import PeriodicTask

    return [
        scheduled_task(task)
        for task in PeriodicTask.objects.filter(task__startswith="notifications.")
        .select_related("interval", "crontab")
        .order_by("name")
    ]


def inbound_unhandled_for(membership: Membership) -> QuerySet[InboundMessage]:
    """Incoming SMS nobody handled yet: the organisation's, and for its org admins also those
    from numbers Netwerk never wrote to (no organisation), to route them."""
    visible = Q(organisation=membership.organisation)
    if membership.role == Role.ORG_ADMIN:
        visible |= Q(organisation__isnull=True)
    return (
        InboundMessage.objects.filter(visible, handled_at__isnull=True)
        .select_related("reply_to")
        .order_by("-received_at", "-id")
    )
