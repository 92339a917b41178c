"""How the rights export reads to the participant: labels, values in words, scores explained.

The printable page of `participants.rights.export` is what the participant receives. Field
names, codes, ISO dates and JSON belong in the download; the page says the same in plain
words. This module holds what the model fields alone cannot say: a label for fields without
a fitting name, how a related record is named, and what a measurement's answers and scores
mean.
"""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerk.languages import language_names

from ..models import (
    Agreement,
    FamilyPlan,
    Goal,
    Instrument,
    Intervention,
    Measurement,
    NetworkMember,
    NetworkSnapshot,
)
from ..models.network import Support

# Fields whose verbose name is missing or written for staff rather than for the participant.
LABELS = {
    "id": gettext_lazy("Number"),
    "created_at": gettext_lazy("written down on"),
    "updated_at": gettext_lazy("last changed on"),
    "created_by": gettext_lazy("written down by"),
    "recorded_by": gettext_lazy("written down by"),
    "author": gettext_lazy("written down by"),
    "instrument_version": gettext_lazy("version of the questionnaire"),
    "instrument": gettext_lazy("questionnaire"),
    "answers": gettext_lazy("answers"),
    "scores": gettext_lazy("what the answers add up to"),
    "total": gettext_lazy("total score"),
    "band": gettext_lazy("what the score means"),
    "snapshot": gettext_lazy("snapshot of"),
    "match": gettext_lazy("buddy match"),
    "group": gettext_lazy("group"),
    "plan": gettext_lazy("plan"),
    "goal": gettext_lazy("goal"),
    "source": gettext_lazy("how it was added"),
    "took_part": gettext_lazy("who took part"),
    "summary": gettext_lazy("summary"),
    "member_a": gettext_lazy("who"),
    "member_b": gettext_lazy("knows"),
    "member_a_id": gettext_lazy("who"),
    "member_b_id": gettext_lazy("knows"),
}

# What each questionnaire measures, in plain words (the definitions carry names and bands).
MEASURE_MEANING = {
    "lsns6": gettext_lazy(
        "How many relatives and friends you see, can talk to and can ask for help. "
        "The higher the score, the more people you can count on. A score below 12 means a "
        "risk of social isolation: too few people to fall back on."
    ),
    "djg6": gettext_lazy(
        "How lonely you feel: missing a close bond (emotional loneliness) and missing people "
        "around you (social loneliness). The higher the score, the lonelier. 0 or 1: not "
        "lonely; 2 to 4: moderately lonely; 5 or 6: severely lonely."
    ),
}


def _text(value: Any) -> str:
    """A {"nl": …, "en": …} text of an instrument definition in the reader's language."""
    if not isinstance(value, dict):
        return str(value or "")
    return value.get(translation.get_language() or "nl") or value.get("nl", "")


def short_date(value) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def related_name(obj: models.Model) -> str:
    """A related record as the participant knows it, not as "family group plan 3"."""
    if isinstance(obj, FamilyPlan):
        return _("%(kind)s of %(date)s") % {
            "kind": obj.get_kind_display(),
            "date": short_date(obj.held_on),
        }
    if isinstance(obj, NetworkSnapshot):
        return _("your network on %(date)s") % {"date": short_date(obj.taken_on)}
    if isinstance(obj, Goal):
        return obj.description
    if isinstance(obj, NetworkMember):
        return obj.label
    if isinstance(obj, Agreement):
        return obj.what
    if isinstance(obj, Instrument):
        return obj.name
    text = str(obj)
    if text.endswith(f" {obj.pk}"):  # a technical name ("match 3"): say what it is instead
        return str(obj._meta.verbose_name).capitalize()
    return text


def _options(definition: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per question: answer code → answer in words."""
    sets = {
        option_set["code"]: {
            option["code"]: _text(option["label"]) for option in option_set["options"]
        }
        for option_set in definition.get("answer_option_sets", [])
    }
    return {item["code"]: sets.get(item.get("options"), {}) for item in definition.get("items", [])}


def measurement_answers(measurement: Measurement) -> str:
    definition = measurement.instrument.definition
    options = _options(definition)
    lines = []
    for item in sorted(definition.get("items", []), key=lambda item: item.get("order", 0)):
        code = item["code"]
        answer = measurement.answers.get(code)
        words = options.get(code, {}).get(answer, answer) if answer else _("not answered")
        lines.append(f"{item.get('order', '')}. {_text(item.get('text'))} — {words}")
    return "\n".join(lines)


def _out_of(score: int | None, range_: dict[str, int] | None) -> str:
    if score is None:
        return _("not computed (an answer is missing)")
    if not range_:
        return str(score)
    return _("%(score)s out of %(max)s") % {"score": score, "max": range_.get("max")}


def measurement_scores(measurement: Measurement) -> str:
    definition = measurement.instrument.definition
    lines = [
        _("Total: %(score)s")
        % {"score": _out_of(measurement.total, definition["scoring"]["range"])}
    ]
    subscales = measurement.scores.get("subscales") or {}
    for subscale in definition.get("subscales", []):
        lines.append(
            f"{_text(subscale['name'])}: "
            f"{_out_of(subscales.get(subscale['code']), subscale.get('range'))}"
        )
    meaning = MEASURE_MEANING.get(measurement.instrument.code)
    if meaning:
        lines.append(str(meaning))
    return "\n".join(lines)


def measurement_band(measurement: Measurement) -> str:
    bands = measurement.instrument.definition.get("cutoffs", {}).get("bands", [])
    scale = "; ".join(
        _("%(min)s to %(max)s: %(label)s")
        % {"min": band["min"], "max": band["max"], "label": _text(band.get("label"))}
        for band in bands
    )
    label = measurement.band_label
    if not label:
        return scale
    return _("%(label)s (the scale: %(scale)s)") % {"label": label, "scale": scale}


def _support(member) -> str:
    names = dict(Support.choices)
    return ", ".join(str(names.get(code, code)) for code in member.support or [])


def _took_part(intervention: Intervention) -> str:
    names = dict(Intervention.TookPart.choices)
    return ", ".join(str(names.get(code, code)) for code in intervention.took_part or [])


# (model, field) → the value in words, where the stored value is a code list or JSON.
DISPLAY: dict[tuple[type[models.Model], str], Callable[[Any], str]] = {
    (Measurement, "answers"): measurement_answers,
    (Measurement, "scores"): measurement_scores,
    (Measurement, "band"): measurement_band,
    (Intervention, "took_part"): _took_part,
}


def display_for(obj: models.Model, name: str) -> Callable[[Any], str] | None:
    if name == "support":
        return _support
    if name == "languages":
        return lambda record: ", ".join(language_names(list(getattr(record, name) or [])))
    for (model, field), func in DISPLAY.items():
        if isinstance(obj, model) and field == name:
            return func
    return None
