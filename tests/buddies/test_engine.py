"""The matching engine's rules: hard constraints exclude, soft criteria move scores, inputs check.

Every input here is synthetic. Builders start from a pair that meets every constraint (same town,
shared language, every slot free) so each test changes only the column it is about.
"""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from buddies.engine import (
    CRITERIA,
    NEUTRAL,
    Weights,
    criterion_scores,
    pair_feasibility,
    popcount,
    score_matrix,
    score_row,
    slot_bit,
    slot_mask,
    slot_names,
)
from buddies.engine.bits import popcount_lut
from buddies.engine.scoring import pair_reach
from buddies.engine.synthetic import (
    GHENT,
    requests_with,
    synthetic_population,
    volunteers_with,
)

KM_PER_DEGREE_LAT = 111.195  # on the engine's mean earth radius
MON_EVENING = slot_bit("mon", "evening")
TUE_MORNING = slot_bit("tue", "morning")


def north_of_ghent(km):
    """Latitudes km north of Ghent (same longitude), for distance tests."""
    return GHENT[0] + np.asarray(km, dtype=float) / KM_PER_DEGREE_LAT


def feasible_row(requests, volunteers, **kwargs):
    return score_matrix(requests, volunteers, **kwargs)[1][0].tolist()


def scores_of(criterion, requests, volunteers):
    """One criterion's scores of request 0 against every volunteer."""
    m = len(volunteers)
    return criterion_scores(requests, volunteers, np.zeros(m, dtype=int), np.arange(m))[criterion]


# Hard constraints ---------------------------------------------------------------------------


def test_a_pair_that_meets_every_constraint_is_feasible():
    assert feasible_row(requests_with(1), volunteers_with(1)) == [True]


def test_an_ineligible_volunteer_is_excluded():
    volunteers = volunteers_with(2, eligible=[True, False])
    assert feasible_row(requests_with(1), volunteers) == [True, False]


def test_a_volunteer_without_capacity_left_is_excluded():
    volunteers = volunteers_with(2, capacity=[1, 0])
    assert feasible_row(requests_with(1), volunteers) == [True, False]


def test_a_volunteer_without_a_shared_language_is_excluded():
    requests = requests_with(1, languages=0b01)
    volunteers = volunteers_with(2, languages=[0b11, 0b10])
    assert feasible_row(requests, volunteers) == [True, False]


def test_a_volunteer_of_another_gender_than_wished_is_excluded():
    volunteers = volunteers_with(3, gender=[1, 2, 0])
    assert feasible_row(requests_with(1, gender_wish=1), volunteers) == [True, False, False]
    assert feasible_row(requests_with(1, gender_wish=0), volunteers) == [True, True, True]


def test_a_volunteer_beyond_their_travel_distance_is_excluded():
    volunteers = volunteers_with(3, lat=north_of_ghent([5, 15, 15]), max_km=[10, 10, 20])
    assert feasible_row(requests_with(1), volunteers) == [True, False, True]


def test_without_coordinates_only_the_same_area_counts_as_reachable():
    requests = requests_with(1, lat=np.nan, lon=np.nan, area=9000)
    volunteers = volunteers_with(2, area=[9000, 9050])
    assert feasible_row(requests, volunteers) == [True, False]
    # a volunteer without coordinates is judged on the area as well
    volunteers = volunteers_with(2, lat=np.nan, area=[9000, 2000])
    assert feasible_row(requests_with(1), volunteers) == [True, False]


def test_an_unknown_area_never_counts_as_the_same_area():
    requests = requests_with(1, lat=np.nan, area=0)
    assert feasible_row(requests, volunteers_with(1, lat=np.nan, area=0)) == [False]


def test_the_same_area_does_not_override_a_known_distance():
    volunteers = volunteers_with(1, lat=north_of_ghent([30]), area=9000, max_km=10)
    assert feasible_row(requests_with(1, area=9000), volunteers) == [False]


def test_a_volunteer_without_a_shared_availability_slot_is_excluded():
    requests = requests_with(1, availability=MON_EVENING)
    volunteers = volunteers_with(2, availability=[MON_EVENING | TUE_MORNING, TUE_MORNING])
    assert feasible_row(requests, volunteers) == [True, False]


def test_a_blocked_pair_is_excluded():
    requests, volunteers = requests_with(2), volunteers_with(2)
    scores, feasible = score_matrix(requests, volunteers, blocked={(0, 1)})
    assert feasible.tolist() == [[True, False], [True, True]]
    assert scores[0, 1] == 0.0
    _, row_feasible = score_row(requests, volunteers, request_index=0, blocked=[(0, 1)])
    assert row_feasible.tolist() == [True, False]
    assert pair_feasibility(requests, volunteers, [0, 0], [0, 1], blocked=[(0, 1)]).tolist() == [
        True,
        False,
    ]


def test_blocked_pairs_outside_the_inputs_are_rejected():
    with pytest.raises(ValueError, match="blocked"):
        score_matrix(requests_with(1), volunteers_with(1), blocked=[(0, 5)])


# Soft criteria ------------------------------------------------------------------------------


def test_more_shared_interests_score_higher():
    requests = requests_with(1, interests=0b0111)
    volunteers = volunteers_with(4, interests=[0b0111, 0b0011, 0b1001, 0b1000])
    assert scores_of("interests", requests, volunteers) == pytest.approx([1, 2 / 3, 1 / 4, 0])
    totals = score_matrix(requests, volunteers)[0][0]
    assert totals[0] > totals[1] > totals[2] > totals[3]


def test_no_interests_on_either_side_scores_zero_not_a_division_error():
    assert scores_of("interests", requests_with(1), volunteers_with(1)) == [0.0]


def test_more_shared_availability_scores_higher():
    wanted = slot_mask([("mon", "morning"), ("mon", "afternoon"), ("mon", "evening")])
    offered = [wanted, slot_mask([("mon", "morning"), ("mon", "evening")]), MON_EVENING]
    requests = requests_with(1, availability=wanted)
    volunteers = volunteers_with(3, availability=offered)
    assert scores_of("availability", requests, volunteers) == pytest.approx([1, 2 / 3, 1 / 3])
    totals = score_matrix(requests, volunteers)[0][0]
    assert totals[0] > totals[1] > totals[2]


def test_a_nearer_volunteer_scores_higher():
    volunteers = volunteers_with(3, lat=north_of_ghent([1, 4, 8]), max_km=10)
    scores = scores_of("distance", requests_with(1), volunteers)
    assert scores == pytest.approx([0.9, 0.6, 0.2], abs=0.005)
    totals = score_matrix(requests_with(1), volunteers)[0][0]
    assert totals[0] > totals[1] > totals[2]


def test_the_same_area_without_coordinates_scores_full_distance():
    requests = requests_with(1, lat=np.nan, lon=np.nan)
    assert scores_of("distance", requests, volunteers_with(1)) == [1.0]


def test_distances_follow_the_great_circle():
    antwerp = (51.2194, 4.4025)
    requests = requests_with(1)
    volunteers = volunteers_with(2, lat=[GHENT[0], antwerp[0]], lon=[GHENT[1], antwerp[1]])
    km = pair_reach(requests, volunteers, np.array([0, 0]), np.array([0, 1])).km
    phi1, phi2 = math.radians(GHENT[0]), math.radians(antwerp[0])
    dphi, dlam = phi2 - phi1, math.radians(antwerp[1] - GHENT[1])
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    haversine = 2 * 6371.0088 * math.asin(math.sqrt(a))
    assert km[0] == pytest.approx(0.0, abs=1e-3)
    assert km[1] == pytest.approx(haversine, rel=1e-9)
    assert 49 < km[1] < 52  # Ghent to Antwerp as the crow flies


def test_the_age_score_is_full_inside_the_band_and_fades_over_ten_years():
    ages = [35, 30, 40, 45, 50, 55, 25]
    volunteers = volunteers_with(len(ages), birth_year=[2025 - age for age in ages])
    requests = requests_with(1, min_age=30, max_age=40)
    scores = scores_of("age", requests, volunteers)
    assert scores == pytest.approx([1, 1, 1, 0.5, 0, 0, 0.5])


def test_without_an_age_band_every_age_fits_and_an_unknown_age_is_neutral():
    volunteers = volunteers_with(2, birth_year=[1950, np.nan])
    assert scores_of("age", requests_with(1), volunteers) == pytest.approx([1, 1])
    banded = requests_with(1, min_age=20, max_age=np.nan)
    assert scores_of("age", banded, volunteers) == pytest.approx([1, NEUTRAL])


def test_lived_experience_counts_only_when_wanted():
    volunteers = volunteers_with(2, lived_experience=[True, False])
    wanted = scores_of(
        "lived_experience", requests_with(1, wants_lived_experience=True), volunteers
    )
    assert wanted.tolist() == [1.0, 0.0]
    indifferent = scores_of("lived_experience", requests_with(1), volunteers)
    assert indifferent.tolist() == [NEUTRAL, NEUTRAL]


def test_longer_waiting_requests_score_higher_up_to_half_a_year():
    requests = requests_with(3, waiting_days=[30, 200, 400])
    scores = criterion_scores(requests, volunteers_with(1), [0, 1, 2], [0, 0, 0])["waiting"]
    assert scores == pytest.approx([30 / 180, 1, 1])
    totals = score_matrix(requests, volunteers_with(1))[0][:, 0]
    assert totals[1] > totals[0]


def test_a_criterion_weighted_zero_does_not_move_the_score():
    volunteers = volunteers_with(2, lat=north_of_ghent([1, 9]))
    no_distance = Weights(distance=0)
    totals = score_matrix(requests_with(1), volunteers, weights=no_distance)[0][0]
    assert totals[0] == pytest.approx(totals[1])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_totals_stay_in_range_and_equal_the_weighted_criteria(seed):
    requests, volunteers, _ = synthetic_population(seed, 12, 40)
    weights = Weights(*np.random.default_rng(seed).uniform(0.1, 2.0, len(CRITERIA)))
    scores, feasible = score_matrix(requests, volunteers, weights=weights)
    assert ((scores >= 0) & (scores <= 1)).all()
    assert (scores[~feasible] == 0).all()
    ri, vi = np.nonzero(feasible)
    parts = criterion_scores(requests, volunteers, ri, vi)
    expected = sum(w * parts[name] for name, w in weights.items()) / weights.total
    assert scores[ri, vi] == pytest.approx(expected)
    assert pair_feasibility(requests, volunteers, ri, vi).all()
    for i in range(len(requests)):
        row_scores, row_feasible = score_row(requests, volunteers, request_index=i, weights=weights)
        assert (row_feasible == feasible[i]).all()
        assert row_scores == pytest.approx(scores[i])


def test_criterion_scores_name_every_criterion():
    assert tuple(criterion_scores(requests_with(1), volunteers_with(1), [0], [0])) == CRITERIA


# Weights and inputs -------------------------------------------------------------------------


def test_a_negative_weight_is_rejected():
    with pytest.raises(ValueError, match="interests"):
        Weights(interests=-0.1)


def test_all_zero_weights_are_rejected():
    with pytest.raises(ValueError, match="at least one"):
        Weights(**dict.fromkeys(CRITERIA, 0))


def test_a_weight_that_is_not_a_number_is_rejected():
    with pytest.raises(ValueError, match="age"):
        Weights(age=float("nan"))


def test_columns_of_different_lengths_are_rejected():
    volunteers = volunteers_with(2)
    with pytest.raises(ValueError, match="capacity"):
        dataclasses.replace(volunteers, capacity=np.array([1, 1, 1]))


def test_impossible_column_values_are_rejected():
    volunteers = volunteers_with(2)
    with pytest.raises(ValueError, match="capacity"):
        dataclasses.replace(volunteers, capacity=np.array([1, -1]))
    with pytest.raises(ValueError, match="negative"):
        dataclasses.replace(volunteers, languages=np.array([1, -1]))
    with pytest.raises(ValueError, match="21 weekly slots"):
        dataclasses.replace(volunteers, availability=np.array([1, 1 << 21]))
    with pytest.raises(ValueError, match="min_age"):
        requests_with(1, min_age=50, max_age=40)


def test_inputs_are_copied_and_read_only():
    capacity = np.array([1, 2])
    volunteers = dataclasses.replace(volunteers_with(2), capacity=capacity)
    capacity[0] = 0
    assert volunteers.capacity.tolist() == [1, 2]
    with pytest.raises(ValueError, match="read-only"):
        volunteers.capacity[0] = 5


# Bits ---------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=20))
def test_both_popcounts_count_every_bit(values):
    expected = [value.bit_count() for value in values]
    array = np.array(values, dtype=np.uint64)
    assert popcount(array).tolist() == expected
    assert popcount_lut(array).tolist() == expected
    assert popcount_lut(array.reshape(-1, 1)).reshape(-1).tolist() == expected


def test_slots_are_named_by_day_and_part():
    mask = slot_mask([("wed", "afternoon"), ("mon", "morning")])
    assert mask == 0b1 | 1 << 7
    assert slot_names(mask) == [("mon", "morning"), ("wed", "afternoon")]
    assert slot_bit("sun", "evening") == 1 << 20
