"""Proposals: top-N suggestions for one request and a batch proposal for the waiting list.

The batch is an optimal assignment: among all ways of pairing requests with volunteers that keep
every hard constraint and every volunteer's capacity, the one with the highest total score. A
greedy baseline (best pair first) is kept for the benchmark, to show what optimality buys.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import linear_sum_assignment

from .explain import Contribution, Facts, explain_pairs
from .inputs import DEFAULT_WEIGHTS, Requests, Vocabulary, Volunteers, Weights
from .scoring import Blocked, score_matrix, score_row

# Value of an infeasible pair in the assignment matrix. Any negative value is never chosen:
# every request has its own "stay unmatched" column worth 0, and an assignment that used an
# infeasible entry can always move that request to a free unmatched column and gain. -1 keeps all
# values within [-1, 1], so the solver's dual variables lose no precision to a huge constant.
INFEASIBLE = -1.0
UNMATCHED = -1  # volunteer index of a "stay unmatched" column


@dataclass(frozen=True)
class Suggestion:
    """One volunteer proposed for a request, with the reasons."""

    volunteer_index: int
    total: float
    contributions: tuple[Contribution, ...]
    constraints: Facts


@dataclass(frozen=True)
class Assignment:
    """One pair of a batch proposal, with the reasons (empty when explain=False)."""

    request_index: int
    volunteer_index: int
    total: float
    contributions: tuple[Contribution, ...] = ()
    constraints: Facts | None = None


def top_suggestions(
    requests: Requests,
    volunteers: Volunteers,
    *,
    request_index: int = 0,
    weights: Weights = DEFAULT_WEIGHTS,
    n: int = 10,
    blocked: Blocked = None,
    vocabulary: Vocabulary | None = None,
) -> list[Suggestion]:
    """The n best feasible volunteers for one request, best first (ties: lower index first).

    Pass a one-row Requests for a single request. argpartition keeps this linear in the number of
    volunteers; only the n winners are sorted and explained.
    """
    if n <= 0:
        return []
    scores, feasible = score_row(
        requests, volunteers, request_index=request_index, weights=weights, blocked=blocked
    )
    candidates = np.flatnonzero(feasible)
    if len(candidates) > n:
        best = np.argpartition(-scores[candidates], n - 1)[:n]
        candidates = candidates[best]
    order = np.lexsort((candidates, -scores[candidates]))
    chosen = candidates[order]
    explanations = explain_pairs(
        requests,
        volunteers,
        np.full(len(chosen), request_index),
        chosen,
        weights=weights,
        vocabulary=vocabulary,
    )
    return [
        Suggestion(int(j), float(scores[j]), e.contributions, e.constraints)
        for j, e in zip(chosen.tolist(), explanations, strict=True)
    ]


@dataclass(frozen=True)
class AssignmentProblem:
    """The matrix handed to linear_sum_assignment, and how to read its rows and columns back.

    Rows are the requests that have at least one feasible volunteer (the others cannot be
    matched). A volunteer with capacity k appears as k identical columns, capped at the number of
    requests it is feasible for; then one "stay unmatched" column per row, worth 0.
    """

    values: NDArray[np.float64]
    request_of_row: NDArray[np.intp]
    volunteer_of_column: NDArray[np.intp]  # UNMATCHED for the "stay unmatched" columns


def build_assignment_problem(
    scores: NDArray[np.float64], feasible: NDArray[np.bool_], capacity: ArrayLike
) -> AssignmentProblem:
    """Expand an n x m score matrix into the assignment matrix described on AssignmentProblem."""
    rows = np.flatnonzero(feasible.any(axis=1))
    usable = feasible[rows]
    copies = np.minimum(np.asarray(capacity, dtype=np.int64), usable.sum(axis=0))
    copies = np.maximum(copies, 0)
    columns = np.repeat(np.arange(feasible.shape[1]), copies)
    compact = np.where(usable, scores[rows], INFEASIBLE)
    k, width = len(rows), len(columns)
    values = np.zeros((k, width + k), dtype=np.float64)
    values[:, :width] = np.repeat(compact, copies, axis=1)  # a copy per unit of capacity
    volunteer_of_column = np.concatenate([columns, np.full(k, UNMATCHED)]).astype(np.intp)
    return AssignmentProblem(values, rows.astype(np.intp), volunteer_of_column)


def optimal_pairs(
    scores: NDArray[np.float64], feasible: NDArray[np.bool_], capacity: ArrayLike
) -> list[tuple[int, int]]:
    """(request, volunteer) pairs of a maximum-total assignment; capacities and feasibility hold.

    Requests left unmatched are those for which every option would lower the total or break a
    hard constraint. A feasible pair scoring exactly 0 ties with staying unmatched and may be
    left out (only possible when an organisation zeroes every criterion that pair scores on).
    """
    problem = build_assignment_problem(scores, feasible, capacity)
    if problem.values.size == 0:
        return []
    row, column = linear_sum_assignment(problem.values, maximize=True)
    return _read_back(problem, row, column, feasible)


def _read_back(
    problem: AssignmentProblem,
    row: NDArray[np.intp],
    column: NDArray[np.intp],
    feasible: NDArray[np.bool_],
) -> list[tuple[int, int]]:
    volunteer = problem.volunteer_of_column[column]
    request = problem.request_of_row[row]
    keep = volunteer != UNMATCHED
    request, volunteer = request[keep], volunteer[keep]
    # never trust a value to do a constraint's job: drop anything infeasible outright
    keep = feasible[request, volunteer]
    return list(zip(request[keep].tolist(), volunteer[keep].tolist(), strict=True))


def greedy_pairs(
    scores: NDArray[np.float64], feasible: NDArray[np.bool_], capacity: ArrayLike
) -> list[tuple[int, int]]:
    """Baseline: take the highest-scoring feasible pair whose request and volunteer are free."""
    request, volunteer = np.nonzero(feasible)
    order = np.argsort(-scores[request, volunteer], kind="stable")
    remaining = np.asarray(capacity, dtype=np.int64).tolist()
    capacity_left = sum(max(c, 0) for c in remaining)
    to_match = int(feasible.any(axis=1).sum())
    matched = [False] * feasible.shape[0]
    pairs: list[tuple[int, int]] = []
    for i, j in zip(request[order].tolist(), volunteer[order].tolist(), strict=True):
        if matched[i] or remaining[j] <= 0:
            continue
        matched[i] = True
        remaining[j] -= 1
        capacity_left -= 1
        pairs.append((i, j))
        if len(pairs) == to_match or capacity_left == 0:
            break
    return sorted(pairs)


def _assignments(
    requests: Requests,
    volunteers: Volunteers,
    pairs: list[tuple[int, int]],
    scores: NDArray[np.float64],
    *,
    weights: Weights,
    vocabulary: Vocabulary | None,
    explain: bool,
) -> list[Assignment]:
    if not explain:
        return [Assignment(i, j, float(scores[i, j])) for i, j in pairs]
    ri = np.array([i for i, _ in pairs], dtype=np.intp)
    vi = np.array([j for _, j in pairs], dtype=np.intp)
    explanations = explain_pairs(
        requests, volunteers, ri, vi, weights=weights, vocabulary=vocabulary
    )
    return [
        Assignment(i, j, float(scores[i, j]), e.contributions, e.constraints)
        for (i, j), e in zip(pairs, explanations, strict=True)
    ]


def batch_assign(
    requests: Requests,
    volunteers: Volunteers,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    blocked: Blocked = None,
    vocabulary: Vocabulary | None = None,
    explain: bool = True,
) -> list[Assignment]:
    """Optimal batch proposal for the whole waiting list, ordered by request index."""
    scores, feasible = score_matrix(requests, volunteers, weights=weights, blocked=blocked)
    pairs = optimal_pairs(scores, feasible, volunteers.capacity)
    return _assignments(
        requests, volunteers, pairs, scores, weights=weights, vocabulary=vocabulary, explain=explain
    )


def greedy_assign(
    requests: Requests,
    volunteers: Volunteers,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    blocked: Blocked = None,
    vocabulary: Vocabulary | None = None,
    explain: bool = True,
) -> list[Assignment]:
    """Greedy batch proposal (best pair first): the benchmark's baseline, not for production."""
    scores, feasible = score_matrix(requests, volunteers, weights=weights, blocked=blocked)
    pairs = greedy_pairs(scores, feasible, volunteers.capacity)
    return _assignments(
        requests, volunteers, pairs, scores, weights=weights, vocabulary=vocabulary, explain=explain
    )
