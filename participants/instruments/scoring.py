"""Scoring engine for standardised outcome instruments stored as data.

An instrument (LSNS-6, De Jong Gierveld 6-item, ...) is a plain JSON definition: items, answer
option sets, subscales, a scoring rule, declarative missing-data rules and cut-off bands. The
definitions are stored as data so that an organisation can enable only the instruments its
licence allows, and so that a stored measurement can always be re-scored with the exact version
it was taken with.

This module is deliberately pure Python with no Django imports: the Django layer loads a
definition into a JSONField, calls `score()` and translates the error codes it gets back. Keeping
it free of Django makes the scoring rules testable in isolation and reusable in exports.

Missing-data convention (applies to every instrument): an item is missing when its key is absent
or its answer is None. A total or subscale is missing when more of its items are missing than the
definition allows (`max_missing_items`). When fewer are missing, its score is the plain sum of
the answered items (`partial_score: "sum_of_answered"`), not prorated: this is the only partial
rule we support, and the validator only allows it where every item's lowest score is 0, so a
partial sum can never fall outside the declared range.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = [
    "FORMAT_VERSION",
    "AnswerError",
    "DefinitionError",
    "Scores",
    "UnknownInstrumentError",
    "bundled_codes",
    "load_definition",
    "score",
    "validate_definition",
]

from .compile import (  # noqa: F401  (re-exported: the public API stays in this module)
    FORMAT_VERSION,
    DefinitionError,
    _compile,
    _Compiled,
)

_DEFINITIONS = "definitions"


class UnknownInstrumentError(LookupError):
    """No bundled definition has this code."""


class AnswerError(ValueError):
    """Answers that do not fit the definition.

    `errors` maps each offending item code to a message made of a code plus parameters, e.g.
    {"item": "lsns_3", "code": "unknown_answer", "value": "x"}, so the Django layer can translate
    it instead of showing English text.
    """

    def __init__(self, errors: Mapping[str, Mapping[str, Any]]) -> None:
        self.errors = {item: dict(message) for item, message in errors.items()}
        summary = ", ".join(f"{item}: {m['code']}" for item, m in self.errors.items())
        super().__init__(f"invalid answers ({summary})")


@dataclass(frozen=True)
class Scores:
    """The outcome of scoring one set of answers. None means "missing", never zero."""

    instrument: str
    version: str
    total: int | None
    # Read-only views; excluded from the hash because mapping proxies are not hashable.
    subscales: Mapping[str, int | None] = field(hash=False)
    band: str | None
    at_risk: bool | None
    # Item codes in questionnaire order, so the UI can say which answers are missing.
    missing_items: tuple[str, ...]
    # Scores of the answered items after reverse scoring, kept for audit and research exports.
    item_scores: Mapping[str, int] = field(hash=False)

    @property
    def complete(self) -> bool:
        return not self.missing_items

    def as_dict(self) -> dict[str, Any]:
        """A plain, JSON-serialisable copy for storing next to the answers."""
        return {
            "instrument": self.instrument,
            "version": self.version,
            "total": self.total,
            "subscales": dict(self.subscales),
            "band": self.band,
            "at_risk": self.at_risk,
            "missing_items": list(self.missing_items),
            "item_scores": dict(self.item_scores),
        }


# --- loading -------------------------------------------------------------------------------


def bundled_codes() -> tuple[str, ...]:
    """Codes of the definitions shipped with the code, e.g. for a data migration that loads them."""
    folder = resources.files(__package__) / _DEFINITIONS
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


def load_definition(code: str) -> dict[str, Any]:
    """Read and validate a bundled definition. Each call returns a fresh, independent dict."""
    # Checking against the known codes first also keeps `code` from ever becoming a path.
    if code not in bundled_codes():
        raise UnknownInstrumentError(code)
    text = (resources.files(__package__) / _DEFINITIONS / f"{code}.json").read_text("utf-8")
    defn = json.loads(text)
    validate_definition(defn)
    if defn["code"] != code:
        raise DefinitionError([f"file {code}.json holds instrument {defn['code']!r}"])
    return defn


def validate_definition(defn: Any) -> None:
    """Raise DefinitionError listing every problem if `defn` is not a usable definition."""
    _compile(defn)


# --- scoring -------------------------------------------------------------------------------


def score(defn: Mapping[str, Any], answers: Mapping[str, str | None]) -> Scores:
    """Score `answers` (item code -> answer code, None or absent = missing) against `defn`.

    Raises AnswerError (all offending items at once) for unknown items or answer codes, and
    DefinitionError if the definition itself is malformed: it is validated on every call
    because it may come from a database row that was edited after it was loaded.
    """
    compiled = _compile(defn)
    items = {item.code: item for item in compiled.items}

    errors: dict[str, dict[str, Any]] = {}
    for key, value in answers.items():
        item = items.get(key) if isinstance(key, str) else None
        if item is None:
            errors[str(key)] = {"item": str(key), "code": "unknown_item"}
        elif value is not None and (not isinstance(value, str) or value not in item.scores):
            errors[key] = {"item": key, "code": "unknown_answer", "value": value}
    if errors:
        raise AnswerError(errors)

    item_scores: dict[str, int] = {}
    for item in compiled.items:
        answer = answers.get(item.code)
        if answer is not None:
            item_scores[item.code] = item.scores[answer]
    missing = tuple(item.code for item in compiled.items if item.code not in item_scores)

    subscales: dict[str, int | None] = {}
    for code, members in compiled.subscales:
        n_missing = sum(1 for member in members if member not in item_scores)
        subscales[code] = (
            None
            if n_missing > compiled.subscale_max_missing
            else sum(item_scores[m] for m in members if m in item_scores)
        )

    # The total is the sum over items, not over subscales: an instrument may have items outside
    # any subscale, and a subscale may be missing while the total is still allowed.
    total = None if len(missing) > compiled.total_max_missing else sum(item_scores.values())

    band = None
    if total is not None:
        band = next((b for b in compiled.bands if b.low <= total <= b.high), None)

    return Scores(
        instrument=compiled.code,
        version=compiled.version,
        total=total,
        subscales=MappingProxyType(subscales),
        band=band.code if band else None,
        at_risk=band.at_risk if band else None,
        missing_items=missing,
        item_scores=MappingProxyType(item_scores),
    )
