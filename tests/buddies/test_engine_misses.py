"""Why a request stays unmatched: the nearest misses and what rules out the pool (engine only)."""

import numpy as np

from buddies.engine import near_misses
from buddies.engine.synthetic import requests_with, volunteers_with

ANTWERP = (51.2194, 4.4025)


def test_a_volunteer_failing_one_constraint_is_a_nearer_miss_than_one_failing_two():
    requests = requests_with(1, languages=0b01)
    volunteers = volunteers_with(
        3,
        eligible=[False, False, True],
        languages=[0b10, 0b01, 0b10],
    )
    [why] = near_misses(requests, volunteers, [0])
    assert [m.volunteer_index for m in why.near_misses] == [1, 2, 0]
    assert why.near_misses[0].blockers == ("eligible",)
    assert why.near_misses[1].blockers == ("languages",)
    assert why.near_misses[2].blockers == ("eligible", "languages")


def test_volunteers_who_fit_are_not_misses():
    [why] = near_misses(requests_with(1), volunteers_with(2, eligible=[True, False]), [0])
    assert [m.volunteer_index for m in why.near_misses] == [1]


def test_too_far_says_how_far_and_how_far_they_travel():
    volunteers = volunteers_with(1, lat=ANTWERP[0], lon=ANTWERP[1], max_km=10)
    [why] = near_misses(requests_with(1), volunteers, [0])
    [miss] = why.near_misses
    assert miss.blockers == ("reach",)
    assert 45 < miss.facts["km"] < 55 and miss.facts["max_km"] == 10


def test_the_pool_summary_counts_what_rules_each_volunteer_out():
    volunteers = volunteers_with(
        4, languages=[0b10, 0b10, 0b10, 0b01], availability=[1, 1, 1, 0], capacity=[1, 1, 0, 1]
    )
    [why] = near_misses(requests_with(1, availability=2), volunteers, [0])
    assert why.pool == 4
    assert why.ruled_out == (("availability", 4), ("languages", 3), ("capacity", 1))


def test_a_place_given_to_another_request_in_the_batch_is_marked_taken():
    volunteers = volunteers_with(1, capacity=1)
    [why] = near_misses(requests_with(2), volunteers, [1], capacity_left=[0])
    assert why.request_index == 1
    assert why.near_misses[0].blockers == ("taken",)


def test_blocked_pairs_are_misses_with_their_reason():
    first, second = near_misses(requests_with(2), volunteers_with(2), [0, 1], blocked=[(1, 0)])
    assert first.near_misses == ()
    assert [(m.volunteer_index, m.blockers) for m in second.near_misses] == [(0, ("blocked",))]


def test_an_empty_pool_has_no_misses():
    [why] = near_misses(requests_with(1), volunteers_with(0), [0])
    assert (why.pool, why.near_misses, why.ruled_out) == (0, (), ())


def test_many_requests_are_answered_in_blocks_in_their_order():
    requests = requests_with(300, languages=2)
    volunteers = volunteers_with(1000)
    found = near_misses(requests, volunteers, np.arange(300)[::-1], n=2)
    assert [w.request_index for w in found] == list(range(299, -1, -1))
    assert all(len(w.near_misses) == 2 for w in found)
