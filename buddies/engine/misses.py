"""Why a request stays unmatched: the nearest misses and what blocks each of them.

For a request that got no (or too few) proposals, every volunteer of the pool is checked against
each hard constraint separately. The volunteers who fail the fewest constraints, best soft score
first, are its nearest misses; the number of volunteers each constraint rules out says what
blocks the request across the whole pool ("9 of 14 speak no shared language"). Facts only, as in
`explain`: the Django layer puts them into words, including what "not eligible" means for one
volunteer (an expired extract, training not finished, ...), which the engine does not know.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .explain import Facts
from .inputs import DEFAULT_WEIGHTS, Requests, Volunteers, Weights
from .scoring import _CRITERION_FUNCTIONS, BLOCK_CELLS, Blocked, blocked_pairs, pair_reach

# Hard constraints a volunteer can fail, in the order a coordinator reads them: first what the
# coordinator can act on (screening, capacity), then what lies in the pair itself.
BLOCKERS: tuple[str, ...] = (
    "eligible",  # not active, extract missing or expired, training or agreement missing
    "capacity",  # no room left (open matches fill the capacity)
    "taken",  # room, but this batch gives the last place to another request
    "blocked",  # declined before for this participant, or a match that ended badly
    "languages",
    "gender",
    "reach",
    "availability",
)
_COLUMNS = (np.newaxis, slice(None))


@dataclass(frozen=True)
class NearMiss:
    volunteer_index: int
    blockers: tuple[str, ...]  # codes from BLOCKERS, in that order; never empty
    score: float  # the soft score the pair would have without its blockers, in [0, 1]
    facts: Facts  # {"km": float | None, "max_km": float}


@dataclass(frozen=True)
class Unmatched:
    """What stands between one request and the pool."""

    request_index: int
    pool: int  # volunteers considered
    near_misses: tuple[NearMiss, ...]
    ruled_out: tuple[tuple[str, int], ...]  # (blocker, volunteers it rules out), most first


def _failures(
    requests: Requests,
    volunteers: Volunteers,
    rows: NDArray[np.intp],
    capacity_left: NDArray[np.int64],
    blocked: NDArray[np.int64],
    weights: Weights,
) -> tuple[dict[str, NDArray[np.bool_]], NDArray[np.float64], NDArray[np.float64]]:
    """Per blocker a (k, m) mask, True where that constraint fails; soft scores; distances."""
    ri = (rows, np.newaxis)
    reach = pair_reach(requests, volunteers, ri, _COLUMNS)
    wish = requests.gender_wish[ri]
    has_room = volunteers.capacity > 0
    failed = {
        "eligible": np.broadcast_to(~volunteers.eligible, reach.ok.shape),
        "capacity": np.broadcast_to(~has_room, reach.ok.shape),
        "taken": np.broadcast_to(has_room & (capacity_left <= 0), reach.ok.shape),
        "blocked": np.zeros(reach.ok.shape, dtype=np.bool_),
        "languages": (requests.languages[ri] & volunteers.languages) == 0,
        "gender": (wish != 0) & (wish != volunteers.gender),
        "reach": ~reach.ok,
        "availability": (requests.availability[ri] & volunteers.availability) == 0,
    }
    if len(blocked):
        position = {int(r): k for k, r in enumerate(rows.tolist())}
        for i, j in blocked.tolist():
            if i in position:
                failed["blocked"][position[i], j] = True
    total = np.zeros(reach.ok.shape, dtype=np.float64)
    for name, weight in weights.items():
        if weight:
            total += weight * _CRITERION_FUNCTIONS[name](requests, volunteers, ri, _COLUMNS, reach)
    total /= weights.total
    np.clip(total, 0.0, 1.0, out=total)
    return failed, total, reach.km


def near_misses(
    requests: Requests,
    volunteers: Volunteers,
    request_indices: ArrayLike,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    blocked: Blocked = None,
    capacity_left: ArrayLike | None = None,
    n: int = 3,
) -> list[Unmatched]:
    """For each request, the n volunteers closest to being proposed, and what rules out the rest.

    capacity_left: room each volunteer has after a batch proposal (default: their capacity), so
    that a volunteer whose last place went to another request is a miss marked "taken".
    Volunteers who satisfy every constraint are not misses and are left out.
    """
    rows_all = np.asarray(request_indices, dtype=np.intp).reshape(-1)
    m = len(volunteers)
    left = np.asarray(
        volunteers.capacity if capacity_left is None else capacity_left, dtype=np.int64
    )
    pairs = blocked_pairs(blocked, len(requests), m)
    out: list[Unmatched] = []
    step = max(1, BLOCK_CELLS // max(m, 1))
    for start in range(0, len(rows_all), step):
        rows = rows_all[start : start + step]
        if m == 0:
            out.extend(Unmatched(int(r), 0, (), ()) for r in rows.tolist())
            continue
        failed, score, km = _failures(requests, volunteers, rows, left, pairs, weights)
        count = np.zeros(score.shape, dtype=np.int64)
        for mask in failed.values():
            count += mask
        # fewest blockers first, then the best soft score, then the lower index
        key = count - score * 0.5
        key[count == 0] = np.inf
        for k, r in enumerate(rows.tolist()):
            order = np.lexsort((np.arange(m), key[k]))[:n]
            chosen = [j for j in order.tolist() if np.isfinite(key[k, j])]
            misses = tuple(
                NearMiss(
                    volunteer_index=j,
                    blockers=tuple(name for name in BLOCKERS if failed[name][k, j]),
                    score=float(score[k, j]),
                    facts={
                        "km": None if np.isnan(km[k, j]) else round(float(km[k, j]), 1),
                        "max_km": round(float(volunteers.max_km[j]), 1),
                    },
                )
                for j in chosen
            )
            counts = [(name, int(failed[name][k].sum())) for name in BLOCKERS]
            ruled_out = tuple(sorted((c for c in counts if c[1]), key=lambda c: -c[1]))
            out.append(Unmatched(int(r), m, misses, ruled_out))
    return out
