"""The rule registry. Case apps describe their rules in their own `reminders.py` (found by
`NotificationsConfig.ready()`, like admin modules); this app never imports them.

A rule has
- `due(ctx, object_ids)`: set-based, yields a `Draft` for every reminder that is due today
  (for all objects, or only those listed), across all organisations, in a handful of queries
  whatever the data size. The sweep creates what it yields; a pending reminder it no longer
  yields has lost its reason (contact logged, check-in done, measurement taken, rule switched
  off) and is resolved: one function says both when to remind and when to stop;
- `first_names(object_ids)`: the first name to show per object (one query), or None.
A rule without `due` is event-only (the worry flag): the case app schedules it.
"""

import datetime
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class Draft(NamedTuple):
    organisation_id: int
    object_id: int
    due_on: datetime.date
    recipient_id: int
    link: str


@dataclass
class SweepContext:
    """What a sweep needs to know: today, and each organisation's settings for its rule."""

    today: datetime.date
    defaults: tuple[int, ...]
    disabled: frozenset[int] = frozenset()
    overrides: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def intervals(self, organisation_id: int) -> tuple[int, ...]:
        return self.overrides.get(organisation_id, self.defaults)

    @property
    def smallest(self) -> int:
        """The smallest first interval of any organisation, to narrow a query in SQL."""
        firsts = [self.defaults[0]] if self.defaults else []
        firsts += [values[0] for values in self.overrides.values() if values]
        return min(firsts, default=0)


def check_intervals(values: list[int], *, increasing: bool = True, at_least: int = 1) -> None:
    """The default validation: whole numbers, none below `at_least`, and (for a schedule)
    strictly increasing, so that no follow-up falls before the baseline or the one before."""
    errors = []
    if any(not isinstance(v, int) or isinstance(v, bool) for v in values):
        raise ValidationError(_("Intervals are whole numbers."), code="not_integer")
    if any(v < 0 for v in values):
        errors.append(ValidationError(_("An interval cannot be negative."), code="negative"))
    elif any(v < at_least for v in values):
        errors.append(
            ValidationError(
                _("An interval is at least %(minimum)s.") % {"minimum": at_least},
                code="too_small",
            )
        )
    if increasing and any(b <= a for a, b in itertools.pairwise(values)):
        errors.append(
            ValidationError(
                _("Each follow-up comes after the one before it."), code="not_increasing"
            )
        )
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True)
class Rule:
    code: str
    label: Any  # lazy text: what the rule watches
    recipient: Any  # lazy text: who receives it
    message: Any  # lazy text with %(name)s: the reminder's sentence
    object_type: str  # model label, e.g. "buddies.match"
    due: Callable[[SweepContext, list[int] | None], Iterable[Draft]] | None = None
    first_names: Callable[[list[int]], dict[int, str]] | None = None
    defaults: tuple[int, ...] = ()
    unit: str = "days"  # "days" or "months"
    interval_count: tuple[int, int] = (0, 0)  # how many intervals may be set: (min, max)
    increasing: bool = True
    interval_minimum: int = 1
    # How the reminder's date reads (notifications.emails.when_text): "due" (due since),
    # "planned" (planned on), "expires" (expires / expired on), "anonymised", "event" (on).
    when: str = "due"
    # The date the reminder is about when it is not its due date (an expiry date): ids → date.
    event_dates: Callable[[list[int]], dict[int, datetime.date]] | None = None
    # An invitation's calendar file: (object id, due date) → an `.ics` attached to the e-mail,
    # or None. Built by the case app (its events carry the calendar feed's UIDs).
    calendar: Callable[[int, datetime.date], bytes | None] | None = None

    def validate(self, values: list[int]) -> None:
        low, high = self.interval_count
        if not low <= len(values) <= high:
            raise ValidationError(
                _("Give between %(low)s and %(high)s intervals.") % {"low": low, "high": high},
                code="count",
            )
        check_intervals(values, increasing=self.increasing, at_least=self.interval_minimum)


def link_maker(url_name: str) -> Callable[[int], str]:
    """A fast `reverse()` for one pattern with one integer argument (sweeps build 100k links)."""
    from django.urls import reverse

    template = reverse(url_name, args=[987654321]).replace("987654321", "{}")
    return template.format


def only(queryset, object_ids: list[int] | None, field: str = "pk"):
    """A `due` query over everything (`object_ids` None: the sweep) or over the objects a
    recheck names."""
    return queryset if object_ids is None else queryset.filter(**{f"{field}__in": object_ids})


def first_names_through(model, name) -> Callable[[list[int]], dict[int, str]]:
    """A rule's `first_names` for objects of `model`: `name` is the expression (or field path)
    of the person's name as seen from the object, defined by the app that owns the person.
    One query."""

    def first_names(ids: list[int]) -> dict[int, str]:
        return dict(model._default_manager.filter(pk__in=ids).values_list("pk", name))

    return first_names


@dataclass(frozen=True)
class Setting:
    """A number an organisation chooses for a case app's reminders or the data they watch
    (the default validity of a consent), shown and changed on the rules page. Stored as a
    `RuleSetting` row under its own code, so no table of its own."""

    code: str
    label: Any  # lazy text
    help_text: Any  # lazy text
    default: int
    minimum: int = 0
    maximum: int = 120

    def validate(self, value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(_("Give a whole number."), code="not_integer")
        if not self.minimum <= value <= self.maximum:
            raise ValidationError(
                _("Give a number from %(low)s to %(high)s.")
                % {"low": self.minimum, "high": self.maximum},
                code="out_of_range",
            )


_RULES: dict[str, Rule] = {}
_SETTINGS: dict[str, Setting] = {}
# object_type → finder(user_id, object_ids) → the ids of those objects the user may not see
# (a case app's access rule, e.g. a participant file blocked from that person). Registered by
# the apps that own the objects; this app imports none of them.
_HIDDEN: dict[str, Callable[[int, list[int]], set[int]]] = {}


def register_hidden(object_type: str, finder: Callable[[int, list[int]], set[int]]) -> None:
    _HIDDEN[object_type] = finder


def hidden_reminder_ids(reminders) -> set[int]:
    """The reminders whose object their recipient may no longer see: never shown, e-mailed
    or sent. One query per (recipient, object type) present that has a finder."""
    groups: dict[tuple[int, str], list] = {}
    for reminder in reminders:
        if reminder.object_type in _HIDDEN:
            groups.setdefault((reminder.recipient_id, reminder.object_type), []).append(reminder)
    hidden: set[int] = set()
    for (user_id, object_type), group in groups.items():
        blocked = _HIDDEN[object_type](user_id, sorted({r.object_id for r in group}))
        hidden.update(r.pk for r in group if r.object_id in blocked)
    return hidden


def register(rule: Rule) -> Rule:
    _RULES[rule.code] = rule
    return rule


def get_rule(code: str) -> Rule | None:
    return _RULES.get(code)


def all_rules() -> list[Rule]:
    return list(_RULES.values())


def register_setting(setting: Setting) -> Setting:
    _SETTINGS[setting.code] = setting
    return setting


def get_setting(code: str) -> Setting | None:
    return _SETTINGS.get(code)


def all_settings() -> list[Setting]:
    return list(_SETTINGS.values())
