"""The engine's structured facts put into words, in the reader's language.

Facts come from `buddies.engine.explain` (stored as JSON with a match), for example
{"criterion": "distance", "weighted": 0.12, "facts": {"km": 4.2, "max_km": 10}}
→ "4 km away (travels up to 10 km)", worth 12 points of the total of 100.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from netwerk.languages import language_names

from .availability import slot_label

CRITERION_LABELS = {
    "interests": gettext_lazy("Interests"),
    "availability": gettext_lazy("Availability"),
    "distance": gettext_lazy("Distance"),
    "age": gettext_lazy("Age"),
    "lived_experience": gettext_lazy("Lived experience"),
    "waiting": gettext_lazy("Waiting time"),
}


@dataclass(frozen=True)
class Reason:
    criterion: str
    label: str
    text: str
    points: float  # share of the total, out of 100

    @property
    def points_display(self) -> str:
        return number_format(self.points, 1)


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _interests(f: dict[str, Any]) -> str:
    names = [str(n) for n in f.get("interests", [])]
    if not names:
        return _("no shared interests")
    return _("both like %(interests)s") % {"interests": _join(names)}


def _availability(f: dict[str, Any]) -> str:
    slots = [slot_label(day, part) for day, part in f.get("slots", [])]
    if not slots:
        return _("no shared moment in the week")
    return _("both free on %(slots)s") % {"slots": _join(slots)}


def _km(value: float) -> str:
    return number_format(round(value)) if value >= 1 else number_format(value, 1)


def _distance(f: dict[str, Any]) -> str:
    if f.get("km") is None:
        if f.get("same_area"):
            return _("same postcode area (%(area)s)") % {"area": f.get("area")}
        return _("distance unknown")
    return _("%(km)s km away (travels up to %(max_km)s km)") % {
        "km": _km(f["km"]),
        "max_km": _km(f["max_km"]),
    }


def _age(f: dict[str, Any]) -> str:
    age, low, high = f.get("age"), f.get("min_age"), f.get("max_age")
    if age is None:
        return _("age unknown")
    if low is None and high is None:
        return _("%(age)s years old, no age wish") % {"age": age}
    if low is not None and high is not None:
        wish = _("%(low)s to %(high)s") % {"low": low, "high": high}
    elif low is not None:
        wish = _("at least %(low)s") % {"low": low}
    else:
        wish = _("at most %(high)s") % {"high": high}
    return _("%(age)s years old, wished %(wish)s") % {"age": age, "wish": wish}


def _lived_experience(f: dict[str, Any]) -> str:
    if not f.get("wanted"):
        return _("lived experience not asked for")
    if f.get("present"):
        return _("has lived experience of poverty, as wished")
    return _("no lived experience of poverty, which was wished")


def _waiting(f: dict[str, Any]) -> str:
    days = int(f.get("days", 0))
    return ngettext("waiting %(days)d day", "waiting %(days)d days", days) % {"days": days}


_SENTENCES = {
    "interests": _interests,
    "availability": _availability,
    "distance": _distance,
    "age": _age,
    "lived_experience": _lived_experience,
    "waiting": _waiting,
}


def reasons(explanation: dict[str, Any]) -> list[Reason]:
    """One reason per criterion the organisation weighs, largest contribution first."""
    return [
        Reason(
            criterion=c["criterion"],
            label=str(CRITERION_LABELS.get(c["criterion"], c["criterion"])),
            text=_SENTENCES[c["criterion"]](c.get("facts") or {}),
            points=round(100 * float(c.get("weighted", 0)), 1),
        )
        for c in explanation.get("contributions", [])
        if c.get("criterion") in _SENTENCES
    ]


def conditions(explanation: dict[str, Any]) -> list[str]:
    """The hard conditions that hold, in words: languages, gender wish, reach."""
    facts = explanation.get("constraints") or {}
    out = []
    languages = facts.get("languages") or []
    if languages:
        out.append(_("speaks %(languages)s") % {"languages": _join(language_names(languages))})
    if facts.get("gender_wish"):
        out.append(_("matches the gender wish"))
    if facts.get("reach") == "area":
        out.append(_("lives in the same area"))
    elif facts.get("reach") == "distance":
        out.append(_("within travel distance"))
    return out


def summary(explanation: dict[str, Any]) -> str:
    """All reasons in one line, for lists."""
    parts = conditions(explanation) + [r.text for r in reasons(explanation)]
    return "; ".join(parts)


__all__ = ["CRITERION_LABELS", "Reason", "conditions", "reasons", "summary"]
