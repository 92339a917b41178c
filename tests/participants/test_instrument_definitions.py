"""The bundled instrument definitions (LSNS-6, De Jong Gierveld 6-item) and the checks that
refuse a malformed one. Their scoring is in test_instrument_scoring.py."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

from participants.instruments.scoring import (
    DefinitionError,
    UnknownInstrumentError,
    bundled_codes,
    load_definition,
    score,
    validate_definition,
)

LSNS = load_definition("lsns6")
DJG = load_definition("djg6")


def test_both_bundled_definitions_are_valid() -> None:
    assert bundled_codes() == ("djg6", "lsns6")
    for code in bundled_codes():
        validate_definition(load_definition(code))


def test_loading_gives_an_independent_copy_each_time() -> None:
    load_definition("lsns6")["items"].clear()

    assert len(load_definition("lsns6")["items"]) == 6


@pytest.mark.parametrize("code", ["phq9", "../lsns6", "LSNS6", ""])
def test_an_unknown_instrument_cannot_be_loaded(code: str) -> None:
    with pytest.raises(UnknownInstrumentError):
        load_definition(code)


def test_bundled_definitions_record_source_and_licence() -> None:
    assert "Gerontologist, 46(4), 503-513" in LSNS["source"]["citation"]
    assert "Research on Aging, 28(5), 582-598" in DJG["source"]["citation"]
    for defn in (LSNS, DJG):
        assert defn["licence"]["verified_for_production"] is False


def _item(defn: dict, code: str) -> dict:
    return next(item for item in defn["items"] if item["code"] == code)


def _subscale(defn: dict, code: str) -> dict:
    return next(sub for sub in defn["subscales"] if sub["code"] == code)


def _bands(defn: dict) -> list[dict]:
    return defn["cutoffs"]["bands"]


MALFORMATIONS: dict[str, tuple[Callable[[dict], Any], str]] = {
    "unknown option set": (
        lambda d: _item(d, "lsns_1").update(options="likert5"),
        "unknown answer option set",
    ),
    "item in two subscales": (
        lambda d: _subscale(d, "friends")["items"].append("lsns_1"),
        "'lsns_1' is in subscales 'family' and 'friends'",
    ),
    "item names a subscale that does not list it": (
        lambda d: _subscale(d, "family")["items"].remove("lsns_3"),
        "which does not list it",
    ),
    "subscale lists an unknown item": (
        lambda d: _subscale(d, "family")["items"].append("lsns_9"),
        "unknown item 'lsns_9'",
    ),
    "duplicate item": (lambda d: d["items"].append(dict(d["items"][0])), "defined twice"),
    "wrong subscale range": (
        lambda d: _subscale(d, "family").update(range={"min": 0, "max": 18}),
        "max 15",
    ),
    "wrong total range": (lambda d: d["scoring"].update(range={"min": 0, "max": 36}), "max 30"),
    "unknown scoring method": (lambda d: d["scoring"].update(method="mean"), "scoring.method"),
    "gap between bands": (lambda d: _bands(d)[1].update(min=13), "without gaps"),
    "overlapping bands": (lambda d: _bands(d)[1].update(min=11), "without gaps"),
    "bands stop short": (lambda d: _bands(d)[1].update(max=29), "maximum total 30"),
    "at_risk on one band only": (lambda d: _bands(d)[1].pop("at_risk"), "every band or on none"),
    "missing Dutch text": (lambda d: _item(d, "lsns_2")["text"].pop("nl"), "'lsns_2': text"),
    "score is a boolean": (
        lambda d: d["answer_option_sets"][0]["options"][1].update(score=True),
        "integer",
    ),
    "too many missing items allowed": (
        lambda d: d["missing_data"]["total"].update(max_missing_items=6),
        "from 0 to 5",
    ),
    "newer format": (lambda d: d.update(format_version=2), "format_version"),
    "no licence": (lambda d: d.pop("licence"), "licence"),
    "option set given as a list": (
        lambda d: _item(d, "lsns_1").update(options=["lsns_count"]),
        "unknown answer option set",
    ),
    "score map missing an option": (
        lambda d: _item(d, "lsns_1").update(scores={"none": 0}),
        "exactly the options",
    ),
}


@pytest.mark.parametrize("name", MALFORMATIONS)
def test_a_malformed_definition_is_rejected_with_a_clear_message(name: str) -> None:
    breaks, message = MALFORMATIONS[name]
    defn = copy.deepcopy(LSNS)
    breaks(defn)

    with pytest.raises(DefinitionError) as caught:
        validate_definition(defn)

    assert message in str(caught.value)
    # score() validates too: a definition edited in the database must not be used half-broken.
    with pytest.raises(DefinitionError):
        score(defn, {})


def test_an_explicit_score_map_that_contradicts_reverse_is_rejected() -> None:
    defn = copy.deepcopy(DJG)
    _item(defn, "djg_2")["scores"] = {"yes": 0, "more_or_less": 0, "no": 1}

    with pytest.raises(DefinitionError, match="contradict reverse"):
        validate_definition(defn)


def test_every_problem_is_listed_at_once() -> None:
    defn = copy.deepcopy(LSNS)
    defn["version"] = ""
    _item(defn, "lsns_1")["options"] = "nope"

    with pytest.raises(DefinitionError) as caught:
        validate_definition(defn)

    assert len(caught.value.problems) >= 2


def test_a_definition_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(DefinitionError):
        validate_definition(["lsns6"])
