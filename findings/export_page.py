"""The research export page's words: what the generalisation did to each characteristic."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .anonymity import QUASI_IDENTIFIERS, K, Result

__all__ = ["K", "Step", "generalisation_steps"]

LABELS = {
    "birth_year_band": _("Birth year"),
    "gender": _("Gender"),
    "household": _("Household"),
    "municipality": _("Municipality"),
    "migration_background": _("Migration background"),
    "digital_access": _("Smartphone or internet at home"),
    "digital_comfort": _("Ease with digital tools"),
}
# Per characteristic and rung: what the file gives.
RUNGS = {
    "birth_year_band": (
        _("in bands of 5 years"),
        _("in bands of 10 years"),
        _("in bands of 20 years"),
        _("left out"),
    ),
    "gender": (
        _("as recorded: woman, man, in other words or unknown"),
        _("woman, man, or other and unknown together"),
        _("left out"),
    ),
    "household": (
        _("as recorded (alone, with partner, with children, …)"),
        _("only alone, with others, or other and unknown"),
        _("left out"),
    ),
    "municipality": (_("the municipality"), _("only the province"), _("left out")),
    "migration_background": (_("yes or no"), _("left out")),
    "digital_access": (_("yes, no or unknown"), _("left out")),
    "digital_comfort": (_("as recorded"), _("left out")),
}
assert set(LABELS) == set(RUNGS) == {qi.column for qi in QUASI_IDENTIFIERS}
assert all(len(RUNGS[qi.column]) == len(qi.rungs) for qi in QUASI_IDENTIFIERS)


@dataclass(frozen=True)
class Step:
    label: str
    given: str
    coarser: bool  # less detail than recorded


def generalisation_steps(result: Result) -> list[Step]:
    return [
        Step(
            str(LABELS[qi.column]),
            str(RUNGS[qi.column][result.rungs[qi.column]]),
            result.rungs[qi.column] > 0,
        )
        for qi in QUASI_IDENTIFIERS
    ]
