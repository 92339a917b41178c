"""Scoring of the standardised instruments (LSNS-6, De Jong Gierveld 6-item).

Expected values are written out from the instruments' published rules (domain.md, "Standardised
measures"), not read back from the JSON definitions, so a wrong definition fails these tests.
"""

import copy
import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participants.instruments.scoring import (
    AnswerError,
    load_definition,
    score,
)

LSNS = load_definition("lsns6")
DJG = load_definition("djg6")

# The published answer scores, independent of the JSON.
LSNS_SCORE = {
    "none": 0,
    "one": 1,
    "two": 2,
    "three_to_four": 3,
    "five_to_eight": 4,
    "nine_or_more": 5,
}
LSNS_BY_SCORE = {value: code for code, value in LSNS_SCORE.items()}
LSNS_FAMILY = ("lsns_1", "lsns_2", "lsns_3")
LSNS_FRIENDS = ("lsns_4", "lsns_5", "lsns_6")
LSNS_ITEMS = LSNS_FAMILY + LSNS_FRIENDS

DJG_EMOTIONAL = ("djg_1", "djg_4", "djg_6")
DJG_SOCIAL = ("djg_2", "djg_3", "djg_5")
DJG_ITEMS = ("djg_1", "djg_2", "djg_3", "djg_4", "djg_5", "djg_6")
DJG_EMOTIONAL_SCORE = {"yes": 1, "more_or_less": 1, "no": 0}
DJG_SOCIAL_SCORE = {"yes": 0, "more_or_less": 1, "no": 1}  # reverse-scored


def djg_item_score(item: str, answer: str) -> int:
    return (DJG_EMOTIONAL_SCORE if item in DJG_EMOTIONAL else DJG_SOCIAL_SCORE)[answer]


def lsns_answers(*scores: int) -> dict[str, str]:
    return {item: LSNS_BY_SCORE[value] for item, value in zip(LSNS_ITEMS, scores, strict=True)}


def djg_answers(emotional_lonely: int, social_lonely: int) -> dict[str, str]:
    """Answers with the given number of lonely answers per subscale (0 to 3 each)."""
    answers = {
        item: ("yes" if i < emotional_lonely else "no") for i, item in enumerate(DJG_EMOTIONAL)
    }
    answers |= {item: ("no" if i < social_lonely else "yes") for i, item in enumerate(DJG_SOCIAL)}
    return answers


def djg_band(total: int) -> str:
    return "not_lonely" if total <= 1 else "moderately_lonely" if total <= 4 else "severely_lonely"


# --- LSNS-6, hand-computed ------------------------------------------------------------------


def test_lsns_sums_family_and_friends_when_all_items_are_answered() -> None:
    result = score(LSNS, lsns_answers(3, 2, 1, 5, 4, 0))

    assert result.total == 15
    assert dict(result.subscales) == {"family": 6, "friends": 9}
    assert result.band == "not_at_risk"
    assert result.at_risk is False
    assert result.missing_items == ()
    assert result.complete
    assert (result.instrument, result.version) == ("lsns6", "2006-1")


def test_lsns_spans_zero_to_thirty() -> None:
    assert score(LSNS, lsns_answers(0, 0, 0, 0, 0, 0)).total == 0
    assert score(LSNS, lsns_answers(5, 5, 5, 5, 5, 5)).total == 30


def test_lsns_total_of_eleven_is_at_risk_of_social_isolation() -> None:
    result = score(LSNS, lsns_answers(2, 2, 2, 2, 2, 1))

    assert result.total == 11
    assert (result.band, result.at_risk) == ("at_risk", True)


def test_lsns_total_of_twelve_is_not_at_risk() -> None:
    result = score(LSNS, lsns_answers(2, 2, 2, 2, 2, 2))

    assert result.total == 12
    assert (result.band, result.at_risk) == ("not_at_risk", False)


def test_lsns_one_missing_item_makes_its_subscale_and_the_total_missing() -> None:
    answers = lsns_answers(3, 2, 1, 5, 4, 0) | {"lsns_5": None}

    result = score(LSNS, answers)

    assert result.total is None
    assert dict(result.subscales) == {"family": 6, "friends": None}
    assert (result.band, result.at_risk) == (None, None)
    assert result.missing_items == ("lsns_5",)
    assert not result.complete


def test_an_absent_item_counts_as_missing_just_like_none() -> None:
    with_none = lsns_answers(3, 2, 1, 5, 4, 0) | {"lsns_2": None}
    absent = {item: answer for item, answer in with_none.items() if item != "lsns_2"}

    assert score(LSNS, absent) == score(LSNS, with_none)


def test_no_answers_at_all_scores_nothing() -> None:
    result = score(LSNS, {})

    assert result.total is None
    assert dict(result.subscales) == {"family": None, "friends": None}
    assert result.missing_items == LSNS_ITEMS


# --- De Jong Gierveld 6-item, hand-computed -------------------------------------------------

DJG_FULL = {
    "djg_1": "yes",  # emotional 1
    "djg_2": "yes",  # social 0
    "djg_3": "no",  # social 1
    "djg_4": "more_or_less",  # emotional 1
    "djg_5": "more_or_less",  # social 1
    "djg_6": "no",  # emotional 0
}


def test_djg_scores_emotional_and_social_loneliness_when_all_items_are_answered() -> None:
    result = score(DJG, DJG_FULL)

    assert result.total == 4
    assert dict(result.subscales) == {"emotional": 2, "social": 2}
    assert result.band == "moderately_lonely"
    # The loneliness scale has bands but no at-risk notion of its own.
    assert result.at_risk is None


def test_djg_one_missing_item_keeps_the_total_as_the_sum_of_the_answered_items() -> None:
    # By the "more than one missing" rule the total survives one missing item; it is the plain
    # sum of the five answers (not prorated), while that item's subscale is missing.
    result = score(DJG, DJG_FULL | {"djg_4": None})

    assert result.total == 3
    assert dict(result.subscales) == {"emotional": None, "social": 2}
    assert result.band == "moderately_lonely"
    assert result.missing_items == ("djg_4",)


def test_djg_two_missing_items_make_the_total_missing() -> None:
    result = score(DJG, DJG_FULL | {"djg_1": None, "djg_6": None})

    assert result.total is None
    assert result.band is None
    # Both missing items are emotional, so the social subscale can still be reported.
    assert dict(result.subscales) == {"emotional": None, "social": 2}
    assert result.missing_items == ("djg_1", "djg_6")


@pytest.mark.parametrize(
    ("emotional", "social", "band"),
    [
        (0, 0, "not_lonely"),
        (1, 0, "not_lonely"),
        (1, 1, "moderately_lonely"),
        (3, 1, "moderately_lonely"),
        (3, 2, "severely_lonely"),
        (3, 3, "severely_lonely"),
    ],
)
def test_djg_bands_are_0_to_1_not_lonely_2_to_4_moderate_5_to_6_severe(
    emotional: int, social: int, band: str
) -> None:
    result = score(DJG, djg_answers(emotional, social))

    assert result.total == emotional + social
    assert result.band == band


@pytest.mark.parametrize("item", DJG_SOCIAL)
def test_djg_social_items_are_reverse_scored(item: str) -> None:
    scored = {answer: score(DJG, {item: answer}).item_scores[item] for answer in DJG_SOCIAL_SCORE}

    assert scored == {"yes": 0, "more_or_less": 1, "no": 1}


@pytest.mark.parametrize("item", DJG_EMOTIONAL)
def test_djg_emotional_items_score_yes_and_more_or_less_as_lonely(item: str) -> None:
    scored = {
        answer: score(DJG, {item: answer}).item_scores[item] for answer in DJG_EMOTIONAL_SCORE
    }

    assert scored == {"yes": 1, "more_or_less": 1, "no": 0}


def test_djg_more_or_less_counts_as_lonely_on_both_subscales() -> None:
    result = score(DJG, dict.fromkeys(DJG_ITEMS, "more_or_less"))

    assert dict(result.subscales) == {"emotional": 3, "social": 3}
    assert result.total == 6
    assert result.band == "severely_lonely"


def test_djg_answering_yes_everywhere_is_lonely_only_emotionally() -> None:
    result = score(DJG, dict.fromkeys(DJG_ITEMS, "yes"))

    assert dict(result.subscales) == {"emotional": 3, "social": 0}


def test_the_reverse_flag_alone_mirrors_scores_along_the_option_order() -> None:
    # Without the explicit maps, `reverse` must still keep "more or less" lonely: the mirror of
    # yes 1 / more or less 1 / no 0, not max - score.
    defn = copy.deepcopy(DJG)
    for item in defn["items"]:
        item.pop("scores", None)

    for answer in DJG_SOCIAL_SCORE:
        answers = dict.fromkeys(DJG_ITEMS, answer)
        assert score(defn, answers) == score(DJG, answers)


# --- answers that do not fit ------------------------------------------------------------------


def test_an_unknown_answer_code_is_reported_with_the_item_and_value() -> None:
    with pytest.raises(AnswerError) as caught:
        score(LSNS, lsns_answers(1, 1, 1, 1, 1, 1) | {"lsns_3": "x"})

    assert caught.value.errors == {
        "lsns_3": {"item": "lsns_3", "code": "unknown_answer", "value": "x"}
    }


def test_an_unknown_item_is_reported_by_its_code() -> None:
    with pytest.raises(AnswerError) as caught:
        score(LSNS, {"lsns_7": "one"})

    assert caught.value.errors == {"lsns_7": {"item": "lsns_7", "code": "unknown_item"}}


def test_all_bad_answers_are_reported_together() -> None:
    # "yes" belongs to another instrument; 3 is a score, not an answer code.
    with pytest.raises(AnswerError) as caught:
        score(LSNS, {"lsns_1": "yes", "lsns_2": 3, "djg_1": "yes", "lsns_4": "two"})

    assert caught.value.errors == {
        "lsns_1": {"item": "lsns_1", "code": "unknown_answer", "value": "yes"},
        "lsns_2": {"item": "lsns_2", "code": "unknown_answer", "value": 3},
        "djg_1": {"item": "djg_1", "code": "unknown_item"},
    }
    assert isinstance(caught.value, ValueError)


# --- results are plain, pure and deterministic ----------------------------------------------


def test_scoring_changes_neither_the_definition_nor_the_answers() -> None:
    defn, answers = copy.deepcopy(DJG), dict(DJG_FULL)

    first, second = score(defn, answers), score(defn, answers)

    assert first == second
    assert defn == DJG
    assert answers == DJG_FULL


def test_scores_are_read_only_and_serialise_to_json() -> None:
    result = score(DJG, DJG_FULL)

    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.subscales["social"] = 0  # type: ignore[index]
    assert json.loads(json.dumps(result.as_dict()))["subscales"] == {"emotional": 2, "social": 2}
    assert hash(result) == hash(score(DJG, DJG_FULL))


# --- properties -------------------------------------------------------------------------------


def complete(items: tuple[str, ...], options: list[str]) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({item: st.sampled_from(options) for item in items})


def partial(items: tuple[str, ...], options: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    # Missing is either None or an absent key; both must behave the same.
    answer = st.one_of(st.none(), st.sampled_from(options))
    return st.fixed_dictionaries({}, optional=dict.fromkeys(items, answer))


@given(complete(LSNS_ITEMS, list(LSNS_SCORE)))
def test_lsns_complete_answers_stay_in_range_and_subscales_add_up(answers: dict) -> None:
    result = score(LSNS, answers)

    assert result.total == sum(LSNS_SCORE[a] for a in answers.values())
    assert 0 <= result.total <= 30
    assert all(0 <= value <= 15 for value in result.subscales.values())
    assert result.subscales["family"] + result.subscales["friends"] == result.total
    assert result.at_risk is (result.total < 12)


@given(complete(DJG_ITEMS, list(DJG_EMOTIONAL_SCORE)))
def test_djg_complete_answers_stay_in_range_and_subscales_add_up(answers: dict) -> None:
    result = score(DJG, answers)

    assert result.total == sum(djg_item_score(i, a) for i, a in answers.items())
    assert 0 <= result.total <= 6
    assert all(0 <= value <= 3 for value in result.subscales.values())
    assert result.subscales["emotional"] + result.subscales["social"] == result.total
    assert result.band == djg_band(result.total)


@given(partial(LSNS_ITEMS, list(LSNS_SCORE)))
def test_lsns_any_missing_item_removes_its_subscale_and_the_total(answers: dict) -> None:
    result = score(LSNS, answers)
    missing = tuple(item for item in LSNS_ITEMS if answers.get(item) is None)

    assert result.missing_items == missing
    assert (result.total is None) == bool(missing)
    for code, members in (("family", LSNS_FAMILY), ("friends", LSNS_FRIENDS)):
        if any(item in missing for item in members):
            assert result.subscales[code] is None
        else:
            assert result.subscales[code] == sum(LSNS_SCORE[answers[i]] for i in members)
    assert (result.band is None) == (result.total is None)


@given(partial(DJG_ITEMS, list(DJG_EMOTIONAL_SCORE)))
def test_djg_total_allows_one_missing_item_and_subscales_none(answers: dict) -> None:
    result = score(DJG, answers)
    missing = tuple(item for item in DJG_ITEMS if answers.get(item) is None)
    answered = {item: a for item, a in answers.items() if a is not None}

    assert result.missing_items == missing
    if len(missing) > 1:
        assert result.total is None
        assert result.band is None
    else:
        assert result.total == sum(djg_item_score(i, a) for i, a in answered.items())
        assert result.band == djg_band(result.total)
    for code, members in (("emotional", DJG_EMOTIONAL), ("social", DJG_SOCIAL)):
        if any(item in missing for item in members):
            assert result.subscales[code] is None
        else:
            assert result.subscales[code] == sum(djg_item_score(i, answers[i]) for i in members)
