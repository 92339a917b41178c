"""Checking an instrument definition and compiling it into the form `scoring.score` uses.

Pure Python, no Django (see scoring.py). Every problem found is collected, so a broken
definition is reported whole in one DefinitionError.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# Bumped when the definition format changes incompatibly, so definitions already stored in the
# database can be recognised and migrated rather than mis-scored.
FORMAT_VERSION = 1
LANGUAGES = ("nl", "en")
SCORING_METHODS = frozenset({"sum"})
PARTIAL_SCORES = frozenset({"sum_of_answered"})

_CODE_RE = re.compile(r"[a-z][a-z0-9_]*")


class DefinitionError(ValueError):
    """A definition is malformed. `problems` lists every problem found, not only the first."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("invalid instrument definition: " + "; ".join(problems))


# --- compiled form -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    code: str
    subscale: str | None
    scores: Mapping[str, int]  # answer code -> item score, reverse scoring already applied


@dataclass(frozen=True)
class _Band:
    code: str
    low: int
    high: int
    at_risk: bool | None


@dataclass(frozen=True)
class _Compiled:
    code: str
    version: str
    items: tuple[_Item, ...]  # in questionnaire order
    subscales: tuple[tuple[str, tuple[str, ...]], ...]
    total_max_missing: int
    subscale_max_missing: int
    bands: tuple[_Band, ...]


# --- validation ----------------------------------------------------------------------------


def _is_int(value: Any) -> bool:
    # bool is a subclass of int; `true` in JSON must not pass for a score of 1.
    return isinstance(value, int) and not isinstance(value, bool)


def _is_code(value: Any) -> bool:
    return isinstance(value, str) and _CODE_RE.fullmatch(value) is not None


def _check_text(problems: list[str], where: str, value: Any) -> None:
    if not isinstance(value, Mapping) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    ):
        problems.append(f"{where} needs a non-empty text for each of {', '.join(LANGUAGES)}")


def _check_range(problems: list[str], where: str, value: Any, expected: tuple[int, int]) -> None:
    if (
        not isinstance(value, Mapping)
        or not (_is_int(value.get("min")) and _is_int(value.get("max")))
        or (value["min"], value["max"]) != expected
    ):
        problems.append(f"{where}: range must be min {expected[0]}, max {expected[1]}")


def _compile(defn: Any) -> _Compiled:
    if not isinstance(defn, Mapping):
        raise DefinitionError(["a definition must be a JSON object"])
    p: list[str] = []
    if defn.get("format_version") != FORMAT_VERSION:
        p.append(f"format_version must be {FORMAT_VERSION}")
    if not _is_code(defn.get("code")):
        p.append("code must be lower-case letters, digits and underscores")
    if not isinstance(defn.get("version"), str) or not defn["version"].strip():
        p.append("version must be a non-empty string")
    _check_text(p, "name", defn.get("name"))
    _check_text(p, "notes", defn.get("notes"))
    source = defn.get("source")
    if not isinstance(source, Mapping) or not isinstance(source.get("citation"), str):
        p.append("source needs a citation")
    licence = defn.get("licence")
    if not isinstance(licence, Mapping):
        p.append("licence must be an object")
    else:
        if not isinstance(licence.get("holder"), str):
            p.append("licence needs a holder")
        if not isinstance(licence.get("verified_for_production"), bool):
            p.append("licence.verified_for_production must be true or false")
        _check_text(p, "licence.note", licence.get("note"))

    option_sets = _compile_option_sets(p, defn.get("answer_option_sets"))
    items = _compile_items(p, defn.get("items"), option_sets)
    subscales = _compile_subscales(p, defn.get("subscales"), items)

    scoring = defn.get("scoring")
    if not isinstance(scoring, Mapping) or scoring.get("method") not in SCORING_METHODS:
        p.append(f"scoring.method must be one of {sorted(SCORING_METHODS)}")
    total_range = (
        sum(min(i.scores.values()) for i in items.values()),
        sum(max(i.scores.values()) for i in items.values()),
    )
    scoring_range = scoring.get("range") if isinstance(scoring, Mapping) else None
    _check_range(p, "scoring", scoring_range, total_range)

    missing = defn.get("missing_data")
    missing = missing if isinstance(missing, Mapping) else {}
    smallest = min((len(members) for _, members in subscales), default=1)
    total_max = _missing_rule(p, "total", missing.get("total"), len(items) or 1, items.values())
    subscale_max = _missing_rule(p, "subscales", missing.get("subscales"), smallest, items.values())
    bands = _compile_bands(p, defn.get("cutoffs"), total_range)

    if p:
        raise DefinitionError(p)
    return _Compiled(
        code=defn["code"],
        version=defn["version"],
        items=tuple(items.values()),
        subscales=subscales,
        total_max_missing=total_max,
        subscale_max_missing=subscale_max,
        bands=bands,
    )


def _compile_option_sets(p: list[str], raw: Any) -> dict[str, tuple[tuple[str, int], ...]]:
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    if not isinstance(raw, list) or not raw:
        p.append("answer_option_sets must be a non-empty list")
        return out
    for index, option_set in enumerate(raw):
        code = option_set.get("code") if isinstance(option_set, Mapping) else None
        if not _is_code(code):
            p.append(f"answer_option_sets[{index}] needs a valid code")
            continue
        if code in out:
            p.append(f"answer option set {code!r} is defined twice")
            continue
        options = option_set.get("options")
        if not isinstance(options, list) or not options:
            p.append(f"answer option set {code!r} needs a non-empty list of options")
            options = []
        parsed: list[tuple[str, int]] = []
        for option in options:
            option_code = option.get("code") if isinstance(option, Mapping) else None
            where = f"answer option set {code!r}, option {option_code!r}"
            if not _is_code(option_code):
                p.append(f"{where}: needs a valid code")
            elif any(option_code == seen for seen, _ in parsed):
                p.append(f"{where}: defined twice")
            elif not _is_int(option.get("score")):
                p.append(f"{where}: score must be an integer")
            else:
                _check_text(p, f"{where}: label", option.get("label"))
                parsed.append((option_code, option["score"]))
        # Registered even when broken, so items using it do not add a misleading "unknown set"
        # error; the placeholder option keeps later range arithmetic from seeing an empty set.
        # The problems already recorded guarantee the definition is rejected.
        out[code] = tuple(parsed) or (("", 0),)
    return out


def _compile_items(
    p: list[str], raw: Any, option_sets: Mapping[str, tuple[tuple[str, int], ...]]
) -> dict[str, _Item]:
    if not isinstance(raw, list) or not raw:
        p.append("items must be a non-empty list")
        return {}
    entries: list[tuple[int, _Item]] = []
    seen_orders: set[int] = set()
    for index, item in enumerate(raw):
        code = item.get("code") if isinstance(item, Mapping) else None
        if not _is_code(code):
            p.append(f"items[{index}] needs a valid code")
            continue
        where = f"item {code!r}"
        if any(code == other.code for _, other in entries):
            p.append(f"{where} is defined twice")
            continue
        order = item.get("order")
        if not _is_int(order) or order in seen_orders:
            p.append(f"{where}: order must be an integer used by no other item")
            order = len(raw) + index  # keeps going so every problem is reported in one go
        seen_orders.add(order)
        _check_text(p, f"{where}: text", item.get("text"))
        subscale = item.get("subscale")
        if subscale is not None and not isinstance(subscale, str):
            p.append(f"{where}: subscale must be a code or null")
            subscale = None
        reverse = item.get("reverse", False)
        if not isinstance(reverse, bool):
            p.append(f"{where}: reverse must be true or false")
            reverse = False
        options = item.get("options")
        # isinstance first: malformed JSON may hold a list here, which cannot be a dict key.
        option_set = option_sets.get(options) if isinstance(options, str) else None
        if option_set is None:
            p.append(f"{where}: unknown answer option set {options!r}")
            continue
        entries.append(
            (order, _Item(code, subscale, _item_scores(p, where, item, option_set, reverse)))
        )
    return {item.code: item for _, item in sorted(entries, key=lambda entry: entry[0])}


def _item_scores(
    p: list[str],
    where: str,
    item: Mapping[str, Any],
    option_set: tuple[tuple[str, int], ...],
    reverse: bool,
) -> dict[str, int]:
    codes = [code for code, _ in option_set]
    defaults = [value for _, value in option_set]
    # Reverse scoring mirrors the scores along the option order rather than computing
    # max - score: for the De Jong Gierveld scale (yes 1, more or less 1, no 0) the mirror gives
    # yes 0, more or less 1, no 1, so "more or less" stays lonely as the authors prescribe,
    # whereas max - score would wrongly make it 0. On an evenly spaced scale both agree.
    expected = dict(zip(codes, reversed(defaults) if reverse else defaults, strict=True))
    explicit = item.get("scores")
    if explicit is None:
        return expected
    if (
        not isinstance(explicit, Mapping)
        or set(explicit) != set(codes)
        or not all(_is_int(v) for v in explicit.values())
    ):
        p.append(f"{where}: scores must give an integer for exactly the options {codes}")
        return expected
    # An explicit map makes the data self-explanatory; when `reverse` is also set it must agree,
    # which catches a hand-edited map that silently stopped being the mirror.
    if reverse and dict(explicit) != expected:
        p.append(f"{where}: scores contradict reverse (expected {expected})")
    return dict(explicit)


def _compile_subscales(
    p: list[str], raw: Any, items: Mapping[str, _Item]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        p.append("subscales must be a list")
        return ()
    out: list[tuple[str, tuple[str, ...]]] = []
    owner: dict[str, str] = {}  # item code -> subscale listing it
    for index, subscale in enumerate(raw):
        code = subscale.get("code") if isinstance(subscale, Mapping) else None
        if not _is_code(code):
            p.append(f"subscales[{index}] needs a valid code")
            continue
        where = f"subscale {code!r}"
        if any(code == other for other, _ in out):
            p.append(f"{where} is defined twice")
            continue
        _check_text(p, f"{where}: name", subscale.get("name"))
        if "prompt" in subscale:
            _check_text(p, f"{where}: prompt", subscale["prompt"])
        members = subscale.get("items")
        if not isinstance(members, list) or not members:
            p.append(f"{where} needs a non-empty list of items")
            continue
        for member in members:
            if not isinstance(member, str) or member not in items:
                p.append(f"{where} lists unknown item {member!r}")
            elif member in owner:
                p.append(f"item {member!r} is in subscales {owner[member]!r} and {code!r}")
            else:
                owner[member] = code
                if items[member].subscale != code:
                    p.append(
                        f"item {member!r} names subscale {items[member].subscale!r} "
                        f"but is listed in {code!r}"
                    )
        known = [items[m] for m in members if m in items]
        _check_range(
            p,
            where,
            subscale.get("range"),
            (
                sum(min(i.scores.values()) for i in known),
                sum(max(i.scores.values()) for i in known),
            ),
        )
        # Questionnaire order, whatever order the list was written in, keeps results stable.
        out.append((code, tuple(code_ for code_ in items if owner.get(code_) == code)))
    for item in items.values():
        if item.subscale is not None and item.code not in owner:
            p.append(f"item {item.code!r} names subscale {item.subscale!r}, which does not list it")
    return tuple(out)


def _missing_rule(
    p: list[str], where: str, raw: Any, group_size: int, items: Iterable[_Item]
) -> int:
    if not isinstance(raw, Mapping):
        p.append(f"missing_data.{where} must be an object")
        return 0
    allowed = raw.get("max_missing_items")
    # At least one answered item is required, or an empty questionnaire would score 0.
    if not _is_int(allowed) or not 0 <= allowed < group_size:
        p.append(f"missing_data.{where}.max_missing_items must be from 0 to {group_size - 1}")
        return 0
    if raw.get("partial_score") not in PARTIAL_SCORES:
        p.append(f"missing_data.{where}.partial_score must be one of {sorted(PARTIAL_SCORES)}")
    if allowed and any(min(item.scores.values()) != 0 for item in items):
        p.append(
            f"missing_data.{where}: sum_of_answered with missing items needs every "
            "item's lowest score to be 0"
        )
    return allowed


def _compile_bands(p: list[str], raw: Any, total_range: tuple[int, int]) -> tuple[_Band, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping) or raw.get("applies_to") != "total":
        p.append('cutoffs.applies_to must be "total"')
        return ()
    bands_raw = raw.get("bands")
    if not isinstance(bands_raw, list) or not bands_raw:
        p.append("cutoffs.bands must be a non-empty list")
        return ()
    bands: list[_Band] = []
    for index, band in enumerate(bands_raw):
        code = band.get("code") if isinstance(band, Mapping) else None
        if not _is_code(code) or any(code == other.code for other in bands):
            p.append(f"cutoffs.bands[{index}] needs a code used by no other band")
            return ()
        low, high, at_risk = band.get("min"), band.get("max"), band.get("at_risk")
        if not (_is_int(low) and _is_int(high) and low <= high):
            p.append(f"band {code!r}: min and max must be integers with min <= max")
            return ()
        if at_risk is not None and not isinstance(at_risk, bool):
            p.append(f"band {code!r}: at_risk must be true, false or absent")
        _check_text(p, f"band {code!r}: label", band.get("label"))
        bands.append(_Band(code, low, high, at_risk))
    # Bands must tile the total range in ascending order, so every possible total gets exactly
    # one band: a gap or overlap would make a person's band depend on list order or vanish.
    expected_low = total_range[0]
    for band in bands:
        if band.low != expected_low:
            p.append(
                f"band {band.code!r} must start at {expected_low} (bands must be "
                "ascending, without gaps or overlaps)"
            )
            break
        expected_low = band.high + 1
    else:
        if bands[-1].high != total_range[1]:
            p.append(f"the last band must end at the maximum total {total_range[1]}")
    if len({band.at_risk is None for band in bands}) > 1:
        p.append("at_risk must be set on every band or on none")
    return tuple(bands)
