"""Weekly availability: (day, part) slots, a 21-bit mask in the database and the engine."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .engine.bits import DAYS, PARTS, slot_bit, slot_names

DAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}
PART_LABELS = {
    "morning": pgettext_lazy("part of the day", "morning"),
    "afternoon": pgettext_lazy("part of the day", "afternoon"),
    "evening": pgettext_lazy("part of the day", "evening"),
}
# Form and API values: "wed_afternoon".
SLOT_CHOICES = [
    (f"{day}_{part}", f"{DAY_LABELS[day]} {PART_LABELS[part]}") for day in DAYS for part in PARTS
]
SLOT_VALUES = frozenset(value for value, _label in SLOT_CHOICES)


def slots_to_mask(values: Iterable[str]) -> int:
    """A mask from slot values; a slot named twice or unknown is an error, not silently merged."""
    mask, errors = 0, []
    for value in values:
        if value not in SLOT_VALUES:
            errors.append(_("“%(slot)s” is not a weekly slot.") % {"slot": value})
            continue
        day, part = value.split("_", 1)
        bit = slot_bit(day, part)
        if mask & bit:
            errors.append(_("%(slot)s is given more than once.") % {"slot": slot_label(day, part)})
        mask |= bit
    if errors:
        raise ValidationError({"availability": errors})
    return mask


def mask_to_values(mask: int) -> list[str]:
    return [f"{day}_{part}" for day, part in slot_names(mask)]


def slot_label(day: str, part: str) -> str:
    return f"{DAY_LABELS[day]} {PART_LABELS[part]}"


def mask_labels(mask: int) -> list[str]:
    return [slot_label(day, part) for day, part in slot_names(mask)]


def grid(mask: int) -> list[dict]:
    """Rows of the weekly grid for templates: one per day, a cell per part."""
    return [
        {
            "day": DAY_LABELS[day],
            "cells": [
                {
                    "value": f"{day}_{part}",
                    "label": PART_LABELS[part],
                    "on": bool(mask & slot_bit(day, part)),
                }
                for part in PARTS
            ],
        }
        for day in DAYS
    ]
