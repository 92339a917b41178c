"""Proposals: top-N suggestions, the optimal batch, and the reasons shown with each proposal.

The batch is checked against a brute-force optimum on small random instances: if the assignment
matrix (capacity copies, "stay unmatched" columns, infeasible values) were built wrong, the
totals would differ.
"""

import dataclasses
import json
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buddies.engine import (
    CRITERIA,
    Requests,
    Vocabulary,
    Weights,
    batch_assign,
    explain_pairs,
    greedy_assign,
    greedy_pairs,
    optimal_pairs,
    pair_feasibility,
    score_matrix,
    score_row,
    slot_bit,
    top_suggestions,
)
from buddies.engine.synthetic import GHENT, requests_with, synthetic_population, volunteers_with

WED_AFTERNOON = slot_bit("wed", "afternoon")


def brute_force_best_total(scores, feasible, capacity):
    """Best total over every capacity-respecting set of feasible pairs, by exhaustive recursion.

    Each request in turn either stays unmatched or takes any feasible volunteer with capacity
    left; memoised on (request, capacities left) so 6 x 6 with capacities up to 3 stays quick.
    """
    n, m = np.shape(scores)
    scores, feasible = np.asarray(scores).tolist(), np.asarray(feasible).tolist()

    @cache
    def best(i, left):
        if i == n:
            return 0.0
        result = best(i + 1, left)
        for j in range(m):
            if feasible[i][j] and left[j] > 0:
                fewer = (*left[:j], left[j] - 1, *left[j + 1 :])
                result = max(result, scores[i][j] + best(i + 1, fewer))
        return result

    return best(0, tuple(int(c) for c in capacity))


def assert_valid(pairs, feasible, capacity):
    requests = [i for i, _ in pairs]
    assert len(requests) == len(set(requests)), "a request was matched twice"
    used = np.bincount([j for _, j in pairs], minlength=len(capacity))
    assert (used <= np.asarray(capacity)).all(), "a volunteer got more than their capacity"
    assert all(feasible[i, j] for i, j in pairs), "an infeasible pair was proposed"


@st.composite
def assignment_instances(draw):
    n = draw(st.integers(0, 6))
    m = draw(st.integers(0, 6))
    value = st.one_of(st.floats(0, 1), st.sampled_from([0.0, 0.25, 0.5, 1.0]))  # ties too
    scores = np.array(draw(st.lists(value, min_size=n * m, max_size=n * m))).reshape(n, m)
    feasible = np.array(draw(st.lists(st.booleans(), min_size=n * m, max_size=n * m)))
    capacity = draw(st.lists(st.integers(0, 3), min_size=m, max_size=m))
    return scores, feasible.reshape(n, m).astype(bool), np.array(capacity, dtype=int)


def random_small_inputs(seed, n, m):
    """Tiny requests and volunteers whose constraints make feasibility random."""
    rng = np.random.default_rng(seed)
    requests = requests_with(
        n,
        languages=rng.integers(1, 4, n),
        availability=rng.integers(1, 8, n),
        interests=rng.integers(0, 16, n),
        lat=GHENT[0] + rng.uniform(-0.1, 0.1, n),
        gender_wish=rng.choice(3, n),
        wants_lived_experience=rng.random(n) < 0.5,
        waiting_days=rng.integers(0, 300, n),
    )
    volunteers = volunteers_with(
        m,
        languages=rng.integers(1, 4, m),
        availability=rng.integers(1, 8, m),
        interests=rng.integers(0, 16, m),
        lat=GHENT[0] + rng.uniform(-0.1, 0.1, m),
        max_km=rng.uniform(3, 20, m),
        gender=rng.choice(3, m),
        lived_experience=rng.random(m) < 0.5,
        eligible=rng.random(m) < 0.85,
        capacity=rng.integers(0, 4, m),
    )
    blocked = [(i, j) for i in range(n) for j in range(m) if rng.random() < 0.1]
    return requests, volunteers, blocked


# Batch: optimal, valid ----------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(assignment_instances())
def test_the_batch_total_equals_the_brute_force_optimum(instance):
    scores, feasible, capacity = instance
    pairs = optimal_pairs(scores, feasible, capacity)
    assert_valid(pairs, feasible, capacity)
    total = sum(scores[i, j] for i, j in pairs)
    assert total == pytest.approx(brute_force_best_total(scores, feasible, capacity), abs=1e-9)
    greedy = greedy_pairs(scores, feasible, capacity)
    assert_valid(greedy, feasible, capacity)
    assert sum(scores[i, j] for i, j in greedy) <= total + 1e-9


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 6), m=st.integers(1, 6))
def test_batch_assign_finds_the_optimum_from_real_constraints(seed, n, m):
    requests, volunteers, blocked = random_small_inputs(seed, n, m)
    scores, feasible = score_matrix(requests, volunteers, blocked=blocked)
    result = batch_assign(requests, volunteers, blocked=blocked)
    pairs = [(a.request_index, a.volunteer_index) for a in result]
    assert_valid(pairs, feasible, volunteers.capacity)
    assert not set(pairs) & set(blocked)
    if pairs:
        ri, vi = np.array(pairs).T
        assert pair_feasibility(requests, volunteers, ri, vi, blocked=blocked).all()
    best = brute_force_best_total(scores, feasible, volunteers.capacity)
    assert sum(a.total for a in result) == pytest.approx(best, abs=1e-9)


def test_the_batch_respects_capacities():
    requests = requests_with(5, waiting_days=[10, 20, 30, 40, 50])
    volunteers = volunteers_with(2, capacity=[2, 1])
    result = batch_assign(requests, volunteers)
    used = np.bincount([a.volunteer_index for a in result], minlength=2)
    assert used.tolist() == [2, 1]
    # the longest waiters get the three places
    assert sorted(a.request_index for a in result) == [2, 3, 4]


def test_the_batch_never_proposes_an_infeasible_or_blocked_pair():
    requests = requests_with(2, languages=[0b01, 0b10])
    volunteers = volunteers_with(2, languages=0b11, capacity=1)
    result = batch_assign(requests, volunteers, blocked=[(0, 0), (1, 1)])
    assert [(a.request_index, a.volunteer_index) for a in result] == [(0, 1), (1, 0)]
    result = batch_assign(requests, volunteers, blocked=[(0, 0), (0, 1)])
    assert [(a.request_index, a.volunteer_index) for a in result] == [(1, 0)]


def test_a_request_with_nothing_feasible_stays_unmatched():
    requests = requests_with(3, languages=[0b01, 0b100, 0b01])
    volunteers = volunteers_with(3, languages=0b01)
    result = batch_assign(requests, volunteers)
    assert [a.request_index for a in result] == [0, 2]


def test_an_empty_waiting_list_or_pool_proposes_nothing():
    assert batch_assign(requests_with(0), volunteers_with(3)) == []
    assert batch_assign(requests_with(3), volunteers_with(0)) == []
    assert batch_assign(requests_with(2), volunteers_with(2, eligible=False)) == []
    assert greedy_assign(requests_with(0), volunteers_with(0)) == []


def test_the_optimum_beats_taking_the_best_pair_first():
    # greedy takes 0.9 and leaves request 1 without anyone; the optimum matches both
    scores = np.array([[0.9, 0.8], [0.85, 0.0]])
    feasible = np.array([[True, True], [True, False]])
    capacity = [1, 1]
    assert greedy_pairs(scores, feasible, capacity) == [(0, 0)]
    assert optimal_pairs(scores, feasible, capacity) == [(0, 1), (1, 0)]


def test_a_request_stays_unmatched_when_matching_it_would_lower_the_total():
    # pairing both (0.1 + 0.1) would match more people but score less than 0.9 alone
    scores = np.array([[0.9, 0.1], [0.1, 0.0]])
    feasible = np.array([[True, True], [True, False]])
    assert optimal_pairs(scores, feasible, [1, 1]) == [(0, 0)]


def test_greedy_assign_returns_valid_explained_pairs():
    requests, volunteers, vocabulary = synthetic_population(7, 40, 40)
    _, feasible = score_matrix(requests, volunteers)
    result = greedy_assign(requests, volunteers, vocabulary=vocabulary)
    assert_valid(
        [(a.request_index, a.volunteer_index) for a in result], feasible, volunteers.capacity
    )
    assert all(a.contributions for a in result)


# Top suggestions ----------------------------------------------------------------------------


def test_top_suggestions_are_the_best_feasible_volunteers_best_first():
    requests, volunteers, _ = synthetic_population(11, 5, 400)
    scores, feasible = score_row(requests, volunteers, request_index=2)
    suggestions = top_suggestions(requests, volunteers, request_index=2, n=10)
    expected = sorted(np.flatnonzero(feasible), key=lambda j: (-scores[j], j))[:10]
    assert [s.volunteer_index for s in suggestions] == expected
    assert [s.total for s in suggestions] == sorted((s.total for s in suggestions), reverse=True)
    assert all(feasible[s.volunteer_index] for s in suggestions)


def test_top_suggestions_return_fewer_when_few_are_feasible():
    volunteers = volunteers_with(5, eligible=[False, True, False, True, False])
    suggestions = top_suggestions(requests_with(1), volunteers, n=10)
    assert sorted(s.volunteer_index for s in suggestions) == [1, 3]
    assert top_suggestions(requests_with(1), volunteers, n=0) == []


def test_top_suggestions_never_propose_a_blocked_pair():
    requests, volunteers = requests_with(2), volunteers_with(4)
    suggestions = top_suggestions(requests, volunteers, request_index=1, blocked=[(1, 2), (0, 3)])
    assert sorted(s.volunteer_index for s in suggestions) == [0, 1, 3]


def test_top_suggestions_accept_a_single_request():
    single = requests_with(1, interests=0b1)
    volunteers = volunteers_with(3, interests=[0b0, 0b1, 0b10])
    assert top_suggestions(single, volunteers, n=1)[0].volunteer_index == 1
    with pytest.raises(IndexError):
        top_suggestions(single, volunteers, request_index=1)


# Explanations -------------------------------------------------------------------------------


def test_explanations_name_every_criterion_that_contributed():
    requests, volunteers, vocabulary = synthetic_population(3, 60, 60)
    for assignment in batch_assign(requests, volunteers, vocabulary=vocabulary):
        named = {c.criterion for c in assignment.contributions}
        assert named == set(CRITERIA)  # every criterion weighs something by default
        assert sum(c.weighted for c in assignment.contributions) == pytest.approx(assignment.total)
        weighted = [c.weighted for c in assignment.contributions]
        assert weighted == sorted(weighted, reverse=True)


def test_a_criterion_weighted_zero_is_left_out_of_the_explanation():
    weights = Weights(age=0, lived_experience=0)
    suggestion = top_suggestions(requests_with(1), volunteers_with(1), weights=weights)[0]
    assert {c.criterion for c in suggestion.contributions} == {
        "interests",
        "availability",
        "distance",
        "waiting",
    }
    contributed = [c.criterion for c in suggestion.contributions if c.weighted > 0]
    assert contributed  # and every one of them is listed above


def test_explanations_give_facts_in_the_callers_codes():
    vocabulary = Vocabulary(languages=("nl", "ar", "fr"), interests=("walking", "cooking", "chess"))
    requests = requests_with(
        1,
        languages=0b011,
        availability=WED_AFTERNOON,
        interests=0b101,
        waiting_days=45,
        min_age=30,
        max_age=40,
    )
    volunteers = volunteers_with(
        1,
        languages=0b111,
        availability=WED_AFTERNOON | slot_bit("thu", "morning"),
        interests=0b100,
        lat=GHENT[0] + 4.2 / 111.195,
        birth_year=1990,
    )
    suggestion = top_suggestions(requests, volunteers, vocabulary=vocabulary)[0]
    facts = {c.criterion: c.facts for c in suggestion.contributions}
    assert facts["interests"]["interests"] == ["chess"]
    assert facts["availability"]["slots"] == [("wed", "afternoon")]
    assert facts["distance"]["km"] == pytest.approx(4.2)
    assert facts["waiting"] == {"days": 45}
    assert facts["age"] == {"age": 35, "min_age": 30, "max_age": 40}
    assert facts["lived_experience"] == {"wanted": False, "present": False}
    assert suggestion.constraints == {
        "languages": ["nl", "ar"],
        "gender_wish": None,
        "reach": "distance",
    }


def test_explanation_facts_can_be_stored_as_json():
    requests, volunteers, vocabulary = synthetic_population(5, 20, 400)
    suggestions = top_suggestions(requests, volunteers, vocabulary=vocabulary)
    assert len(suggestions) > 1
    for suggestion in suggestions:
        stored = json.loads(json.dumps([dataclasses.asdict(c) for c in suggestion.contributions]))
        assert [c["criterion"] for c in stored] == [c.criterion for c in suggestion.contributions]
        json.dumps(suggestion.constraints)


def test_explanations_say_when_the_area_stood_in_for_the_distance():
    requests = requests_with(1, lat=np.nan, lon=np.nan, area=9000)
    explanation = explain_pairs(requests, volunteers_with(1), [0], [0])[0]
    distance = next(c for c in explanation.contributions if c.criterion == "distance")
    assert distance.facts["same_area"] is True and distance.facts["area"] == 9000
    assert explanation.constraints["reach"] == "area"
    # without a vocabulary, codes fall back to bit numbers
    assert explanation.constraints["languages"] == [0]


def test_batch_without_explanations_still_reports_totals():
    result = batch_assign(requests_with(2), volunteers_with(2), explain=False)
    assert len(result) == 2 and all(a.contributions == () and a.total > 0 for a in result)
    assert isinstance(requests_with(1), Requests)
