"""Matching engine for buddy programmes: plain numpy and scipy, no Django.

The Django layer (buddies.selectors / services) turns requests and volunteer profiles into the
column arrays of Requests and Volunteers, then asks for top suggestions for one request or a
batch proposal for the waiting list. Every proposal carries per-criterion contributions with
structured facts that the templates render in the user's language. Nothing here sends anything:
a coordinator approves proposals first.

Hard constraints (a pair is feasible only if all hold): volunteer eligible with capacity left,
a shared language, the gender wish, within the volunteer's travel distance (or the same area when
a coordinate is missing), a shared weekly slot, and the pair not blocked.
Soft criteria (each in [0, 1], weighted, total in [0, 1]): interests, availability, distance,
age, lived_experience, waiting.
"""

from .assign import (
    INFEASIBLE,
    UNMATCHED,
    Assignment,
    AssignmentProblem,
    Suggestion,
    batch_assign,
    build_assignment_problem,
    greedy_assign,
    greedy_pairs,
    optimal_pairs,
    top_suggestions,
)
from .bits import DAYS, PARTS, SLOT_COUNT, popcount, slot_bit, slot_mask, slot_names
from .explain import Contribution, Explanation, explain_pairs
from .inputs import CRITERIA, DEFAULT_WEIGHTS, Requests, Vocabulary, Volunteers, Weights
from .misses import BLOCKERS, NearMiss, Unmatched, near_misses
from .scoring import (
    AGE_TOLERANCE_YEARS,
    NEUTRAL,
    WAITING_FULL_DAYS,
    criterion_scores,
    pair_feasibility,
    score_matrix,
    score_row,
)

__all__ = [
    "AGE_TOLERANCE_YEARS",
    "BLOCKERS",
    "CRITERIA",
    "DAYS",
    "DEFAULT_WEIGHTS",
    "INFEASIBLE",
    "NEUTRAL",
    "PARTS",
    "SLOT_COUNT",
    "UNMATCHED",
    "WAITING_FULL_DAYS",
    "Assignment",
    "AssignmentProblem",
    "Contribution",
    "Explanation",
    "NearMiss",
    "Requests",
    "Suggestion",
    "Unmatched",
    "Vocabulary",
    "Volunteers",
    "Weights",
    "batch_assign",
    "build_assignment_problem",
    "criterion_scores",
    "explain_pairs",
    "greedy_assign",
    "greedy_pairs",
    "near_misses",
    "optimal_pairs",
    "pair_feasibility",
    "popcount",
    "score_matrix",
    "score_row",
    "slot_bit",
    "slot_mask",
    "slot_names",
    "top_suggestions",
]
