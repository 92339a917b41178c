"""Hard constraints and soft criteria, evaluated for a whole matrix or for a list of pairs.

Every rule is written once, over arrays that broadcast: the same code scores the n x m matrix
(request columns as (n, 1), volunteer columns as (1, m)), one request's row, or aligned index
arrays of chosen pairs for explanations. That keeps the matrix, the top-N list and the words
shown to a coordinator from ever disagreeing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .bits import popcount
from .inputs import DEFAULT_WEIGHTS, Requests, Volunteers, Weights

EARTH_RADIUS_KM = 6371.0088
AGE_TOLERANCE_YEARS = 10.0  # the age score reaches 0 this many years outside the wished band
WAITING_FULL_DAYS = 180.0  # after half a year of waiting the fairness score is full
# Score of a criterion that cannot or need not be judged for a pair (no lived experience wished,
# unknown age against a wished band). The midpoint keeps a request that has no such wish halfway
# between a wish met (1) and a wish missed (0), so in a batch it is neither pushed ahead of nor
# behind the requests that do have the wish; within one request it is a constant and leaves the
# ranking alone.
NEUTRAL = 0.5

Index: TypeAlias = Any  # a numpy index: (slice, None) tuples for matrices, int arrays for pairs
Blocked: TypeAlias = ArrayLike | Iterable[tuple[int, int]] | None

BLOCK_CELLS = 1 << 17  # pairs scored per block of rows in score_matrix
_COLUMNS = (np.newaxis, slice(None))
_FloatArray: TypeAlias = NDArray[np.float64]
_BoolArray: TypeAlias = NDArray[np.bool_]


@dataclass(frozen=True)
class Reach:
    """Where a pair stands geographically; computed once, used by a constraint and a criterion."""

    km: _FloatArray  # great-circle distance, NaN when either side lacks coordinates
    same_area: _BoolArray  # same known area id (only counts when a coordinate is missing)
    ok: _BoolArray  # the travel constraint holds


def _dot(r_xyz: _FloatArray, v_xyz: _FloatArray, ri: Index, vi: Index) -> _FloatArray:
    """Dot products of unit vectors: one small BLAS product for a matrix, a sum for pairs."""
    if isinstance(ri, tuple):  # (rows, newaxis) x (newaxis, columns)
        return r_xyz[:, ri[0]].T @ v_xyz[:, vi[1]]
    return np.einsum("kp,kp->p", r_xyz[:, ri], v_xyz[:, vi])


def _unknown_to_nan(
    km: _FloatArray, r_known: _BoolArray, v_known: _BoolArray, ri: Index, vi: Index
) -> None:
    if isinstance(ri, tuple):  # whole rows and columns: cheaper than an n x m mask
        km[~r_known[ri[0]], :] = np.nan
        km[:, ~v_known[vi[1]]] = np.nan
    else:
        km[~(r_known[ri] & v_known[vi])] = np.nan


def pair_reach(requests: Requests, volunteers: Volunteers, ri: Index, vi: Index) -> Reach:
    """Distances and the travel constraint for the pairs selected by the two indexes.

    The great-circle (haversine) distance comes from the chord between unit vectors,
    d = 2R asin(chord / 2) with chord^2 = 2 - 2 p.q: one matrix product and one arcsin per pair
    instead of half a dozen trigonometric calls. The cancellation in 2 - 2 p.q costs well under
    a metre, far below any travel limit.
    """
    km = _dot(requests.unit_xyz, volunteers.unit_xyz, ri, vi)
    km *= -2.0
    km += 2.0  # now chord^2
    np.maximum(km, 0.0, out=km)
    np.sqrt(km, out=km)
    km *= 0.5
    np.minimum(km, 1.0, out=km)
    np.arcsin(km, out=km)
    km *= 2 * EARTH_RADIUS_KM
    _unknown_to_nan(km, requests.located, volunteers.located, ri, vi)
    area = requests.area[ri]
    same_area = (area == volunteers.area[vi]) & (area > 0)
    ok = km <= volunteers.max_km[vi]
    ok |= np.isnan(km) & same_area
    return Reach(km=km, same_area=same_area, ok=ok)


def hard_constraints(
    requests: Requests, volunteers: Volunteers, ri: Index, vi: Index, reach: Reach
) -> _BoolArray:
    """True where every hard constraint holds (blocked pairs are applied by the callers)."""
    ok = (requests.languages[ri] & volunteers.languages[vi]) != 0
    ok &= (requests.availability[ri] & volunteers.availability[vi]) != 0
    wish = requests.gender_wish[ri]
    ok &= (wish == 0) | (wish == volunteers.gender[vi])
    ok &= reach.ok
    ok &= volunteers.eligible[vi] & (volunteers.capacity[vi] > 0)
    return ok


def _ratio(numerator: NDArray[Any], denominator: NDArray[Any]) -> _FloatArray:
    shape = np.broadcast_shapes(numerator.shape, denominator.shape)
    out = np.zeros(shape, dtype=np.float64)
    return np.divide(numerator, denominator, out=out, where=denominator > 0)


# Each criterion returns a new array (never a view of an input) that the caller may scale in place.
def _interests(r: Requests, v: Volunteers, ri: Index, vi: Index, reach: Reach) -> _FloatArray:
    """Jaccard similarity of the interest masks; 0 when neither side named any interest."""
    shared = popcount(r.interests[ri] & v.interests[vi])
    either = r.interest_count[ri] + v.interest_count[vi]  # at most 128: fits in uint8
    either -= shared
    return _ratio(shared, either)


def _availability(r: Requests, v: Volunteers, ri: Index, vi: Index, reach: Reach) -> _FloatArray:
    """Share of the request's slots the volunteer can also do."""
    shared = popcount(r.availability[ri] & v.availability[vi])
    return _ratio(shared, r.slot_count[ri])


def _distance(r: Requests, v: Volunteers, ri: Index, vi: Index, reach: Reach) -> _FloatArray:
    """1 next door, 0 at the volunteer's limit; 1 for the same area when coordinates are missing."""
    score = reach.km / np.maximum(v.max_km[vi], 1e-9)
    np.subtract(1.0, score, out=score)
    np.clip(score, 0.0, 1.0, out=score)
    unknown = np.isnan(reach.km)
    np.copyto(score, reach.same_area, where=unknown)
    return score


def _age(r: Requests, v: Volunteers, ri: Index, vi: Index, reach: Reach) -> _FloatArray:
    """1 inside the wished band, falling linearly to 0 at AGE_TOLERANCE_YEARS outside it.

    Open ends of the band are +-inf (see Requests.age_low), so no band at all scores 1.
    An unknown age against a wished band scores NEUTRAL.
    """
    age = v.age[vi]
    score = r.age_low[ri] - age  # years below the band
    np.maximum(score, age - r.age_high[ri], out=score)  # or above it, whichever applies
    score *= -1.0 / AGE_TOLERANCE_YEARS
    score += 1.0
    np.clip(score, 0.0, 1.0, out=score)
    if np.isnan(age).any():
        fill = np.where(r.has_age_band[ri], NEUTRAL, 1.0)
        np.copyto(score, np.broadcast_to(fill, score.shape), where=np.isnan(score))
    return score


def _lived_experience(
    r: Requests, v: Volunteers, ri: Index, vi: Index, reach: Reach
) -> _FloatArray:
    """1 or 0 when the participant wants a buddy with lived experience, NEUTRAL otherwise."""
    present = v.lived_experience[vi].astype(np.float64)
    return np.where(r.wants_lived_experience[ri], present, NEUTRAL)


def _waiting(r: Requests, v: Volunteers, ri: Index, vi: Index, reach: Reach) -> _FloatArray:
    """Fairness: long waiters first. Constant within one request, decisive in a batch."""
    return np.minimum(r.waiting_days[ri] / WAITING_FULL_DAYS, 1.0)


_Criterion: TypeAlias = Callable[[Requests, Volunteers, Index, Index, Reach], _FloatArray]
_CRITERION_FUNCTIONS: dict[str, _Criterion] = {
    "interests": _interests,
    "availability": _availability,
    "distance": _distance,
    "age": _age,
    "lived_experience": _lived_experience,
    "waiting": _waiting,
}


def _evaluate(
    requests: Requests,
    volunteers: Volunteers,
    weights: Weights,
    ri: Index,
    vi: Index,
    out: tuple[_FloatArray, _BoolArray] | None = None,
) -> tuple[_FloatArray, _BoolArray]:
    reach = pair_reach(requests, volunteers, ri, vi)
    feasible = hard_constraints(requests, volunteers, ri, vi, reach)
    if out is None:
        total = np.zeros(feasible.shape, dtype=np.float64)
    else:
        total, feasible_out = out
        total.fill(0.0)
        np.copyto(feasible_out, feasible)
        feasible = feasible_out
    for name, weight in weights.items():
        if weight:
            part = _CRITERION_FUNCTIONS[name](requests, volunteers, ri, vi, reach)
            if part.shape == total.shape:
                part *= weight  # in place: n x m temporaries are what this loop costs
                total += part
            else:  # a per-request criterion, shape (n, 1)
                total += weight * part
    total /= weights.total
    # rounding can push a perfect pair a hair above 1; infeasible pairs score 0 by definition
    np.clip(total, 0.0, 1.0, out=total)
    total *= feasible
    return total, feasible


def blocked_pairs(blocked: Blocked, n_requests: int, n_volunteers: int) -> NDArray[np.int64]:
    """Blocked (request_index, volunteer_index) pairs as a (k, 2) array, checked to be in range."""
    if blocked is None:
        return np.empty((0, 2), dtype=np.int64)
    raw = blocked if isinstance(blocked, np.ndarray) else list(blocked)  # sets, generators
    pairs = np.asarray(raw, dtype=np.int64).reshape(-1, 2)
    if len(pairs) and (
        (pairs < 0).any()
        or (pairs[:, 0] >= n_requests).any()
        or (pairs[:, 1] >= n_volunteers).any()
    ):
        raise ValueError("blocked pairs must index existing requests and volunteers")
    return pairs


def score_matrix(
    requests: Requests,
    volunteers: Volunteers,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    blocked: Blocked = None,
) -> tuple[_FloatArray, _BoolArray]:
    """Total score (n x m, in [0, 1], 0 where infeasible) and the feasibility mask.

    Rows are scored in blocks of about BLOCK_CELLS pairs: temporaries then stay small enough to
    be reused from cache and from the allocator instead of being faulted in fresh for every
    step, which more than halves the time of a 2,000 x 2,000 matrix.
    """
    n, m = len(requests), len(volunteers)
    scores = np.empty((n, m), dtype=np.float64)
    feasible = np.empty((n, m), dtype=np.bool_)
    step = max(1, BLOCK_CELLS // max(m, 1))
    for start in range(0, n, step):
        block = slice(start, min(start + step, n))
        rows = (block, np.newaxis)
        _evaluate(
            requests, volunteers, weights, rows, _COLUMNS, out=(scores[block], feasible[block])
        )
    pairs = blocked_pairs(blocked, len(requests), len(volunteers))
    feasible[pairs[:, 0], pairs[:, 1]] = False
    scores[pairs[:, 0], pairs[:, 1]] = 0.0
    return scores, feasible


def score_row(
    requests: Requests,
    volunteers: Volunteers,
    *,
    request_index: int,
    weights: Weights = DEFAULT_WEIGHTS,
    blocked: Blocked = None,
) -> tuple[_FloatArray, _BoolArray]:
    """Scores and feasibility of one request against every volunteer (length m)."""
    if not 0 <= request_index < len(requests):
        raise IndexError(f"request_index {request_index} out of range")
    row = (slice(request_index, request_index + 1), np.newaxis)
    scores, feasible = _evaluate(requests, volunteers, weights, row, _COLUMNS)
    scores, feasible = scores[0], feasible[0]
    pairs = blocked_pairs(blocked, len(requests), len(volunteers))
    mine = pairs[pairs[:, 0] == request_index, 1]
    feasible[mine] = False
    scores[mine] = 0.0
    return scores, feasible


def _pair_indices(
    request_indices: ArrayLike, volunteer_indices: ArrayLike
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    ri, vi = np.broadcast_arrays(
        np.asarray(request_indices, dtype=np.intp), np.asarray(volunteer_indices, dtype=np.intp)
    )
    return ri.reshape(-1), vi.reshape(-1)


def criterion_scores(
    requests: Requests,
    volunteers: Volunteers,
    request_indices: ArrayLike,
    volunteer_indices: ArrayLike,
) -> dict[str, _FloatArray]:
    """Each criterion's score in [0, 1] for aligned (request, volunteer) index pairs."""
    ri, vi = _pair_indices(request_indices, volunteer_indices)
    reach = pair_reach(requests, volunteers, ri, vi)
    return {
        name: np.broadcast_to(function(requests, volunteers, ri, vi, reach), ri.shape).copy()
        for name, function in _CRITERION_FUNCTIONS.items()
    }


def pair_feasibility(
    requests: Requests,
    volunteers: Volunteers,
    request_indices: ArrayLike,
    volunteer_indices: ArrayLike,
    *,
    blocked: Blocked = None,
) -> _BoolArray:
    """Whether each aligned (request, volunteer) pair satisfies every hard constraint."""
    ri, vi = _pair_indices(request_indices, volunteer_indices)
    reach = pair_reach(requests, volunteers, ri, vi)
    feasible = np.broadcast_to(hard_constraints(requests, volunteers, ri, vi, reach), ri.shape)
    pairs = blocked_pairs(blocked, len(requests), len(volunteers))
    if len(pairs):
        width = max(len(volunteers), 1)
        feasible = feasible & ~np.isin(ri * width + vi, pairs[:, 0] * width + pairs[:, 1])
    return feasible.copy()
