"""Why a pair was proposed: each criterion's contribution with structured facts.

Facts, not sentences: the Django layer renders them in Dutch or English, and can store them as
JSON with the proposal, so every value here is a plain int, float, str, bool, None, list or tuple.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

import numpy as np
from numpy.typing import ArrayLike

from .bits import bit_names, slot_names
from .inputs import CRITERIA, DEFAULT_WEIGHTS, Requests, Vocabulary, Volunteers, Weights
from .scoring import criterion_scores, pair_reach

Facts: TypeAlias = dict[str, Any]


@dataclass(frozen=True)
class Contribution:
    """One criterion's part in a proposal.

    score: the criterion's own score in [0, 1].
    weighted: its share of the total (weight x score / sum of weights), so the weighted values
    of a proposal add up to its total.
    """

    criterion: str
    score: float
    weighted: float
    facts: Facts


@dataclass(frozen=True)
class Explanation:
    """Contributions, largest first, plus facts about the hard constraints that were met.

    constraints: {"languages": shared codes, "gender_wish": code or None,
    "reach": "distance" or "area"}: what a coordinator wants to see confirmed.
    """

    contributions: tuple[Contribution, ...]
    constraints: Facts


def _optional_int(value: float) -> int | None:
    return None if np.isnan(value) else round(float(value))


@dataclass(frozen=True, slots=True)
class _Pair:
    """One (request, volunteer) pair as the fact builders see it."""

    r: Requests
    v: Volunteers
    i: int
    j: int
    km: float  # NaN when a coordinate is missing
    same_area: bool

    def mask(self, column: str) -> tuple[int, int]:
        return int(getattr(self.r, column)[self.i]), int(getattr(self.v, column)[self.j])


def _interest_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    wanted, offered = pair.mask("interests")
    return {
        "interests": bit_names(wanted & offered, vocabulary.interests),
        "shared": (wanted & offered).bit_count(),
        "union": (wanted | offered).bit_count(),
    }


def _availability_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    wanted, offered = pair.mask("availability")
    return {
        "slots": slot_names(wanted & offered),
        "shared": (wanted & offered).bit_count(),
        "requested": wanted.bit_count(),
    }


def _distance_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    max_km = round(float(pair.v.max_km[pair.j]), 1)
    if np.isnan(pair.km):
        area = int(pair.r.area[pair.i]) if pair.same_area else None
        return {"km": None, "max_km": max_km, "same_area": pair.same_area, "area": area}
    return {"km": round(pair.km, 1), "max_km": max_km}


def _age_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    birth_year = pair.v.birth_year[pair.j]
    age = None if np.isnan(birth_year) else pair.v.reference_year - int(birth_year)
    return {
        "age": age,
        "min_age": _optional_int(pair.r.min_age[pair.i]),
        "max_age": _optional_int(pair.r.max_age[pair.i]),
    }


def _lived_experience_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    return {
        "wanted": bool(pair.r.wants_lived_experience[pair.i]),
        "present": bool(pair.v.lived_experience[pair.j]),
    }


def _waiting_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    return {"days": int(pair.r.waiting_days[pair.i])}


_FACT_BUILDERS: Mapping[str, Callable[[_Pair, Vocabulary], Facts]] = {
    "interests": _interest_facts,
    "availability": _availability_facts,
    "distance": _distance_facts,
    "age": _age_facts,
    "lived_experience": _lived_experience_facts,
    "waiting": _waiting_facts,
}


def _constraint_facts(pair: _Pair, vocabulary: Vocabulary) -> Facts:
    spoken, understood = pair.mask("languages")
    wish = int(pair.r.gender_wish[pair.i])
    return {
        "languages": bit_names(spoken & understood, vocabulary.languages),
        "gender_wish": wish or None,
        "reach": "area" if np.isnan(pair.km) else "distance",
    }


def explain_pairs(
    requests: Requests,
    volunteers: Volunteers,
    request_indices: ArrayLike,
    volunteer_indices: ArrayLike,
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    vocabulary: Vocabulary | None = None,
) -> list[Explanation]:
    """One Explanation per aligned (request, volunteer) pair.

    Every criterion the organisation weighs (weight > 0) is listed, also when it scored 0: "no
    shared interests" is worth saying. Criteria weighted 0 are left out: the organisation chose to
    ignore them. Largest contribution first, ties in the canonical criterion order.
    """
    vocabulary = vocabulary or Vocabulary()
    ri = np.asarray(request_indices, dtype=np.intp).reshape(-1)
    vi = np.asarray(volunteer_indices, dtype=np.intp).reshape(-1)
    if len(ri) == 0:
        return []
    scores = criterion_scores(requests, volunteers, ri, vi)
    reach = pair_reach(requests, volunteers, ri, vi)
    km, same_area = reach.km.tolist(), reach.same_area.tolist()
    used = [(name, weight) for name, weight in weights.items() if weight > 0]
    columns = {name: scores[name].tolist() for name, _ in used}
    total_weight = weights.total
    explanations = []
    for k, (i, j) in enumerate(zip(ri.tolist(), vi.tolist(), strict=True)):
        pair = _Pair(requests, volunteers, i, j, km[k], same_area[k])
        contributions = [
            Contribution(
                criterion=name,
                score=columns[name][k],
                weighted=weight * columns[name][k] / total_weight,
                facts=_FACT_BUILDERS[name](pair, vocabulary),
            )
            for name, weight in used
        ]
        contributions.sort(key=lambda c: (-c.weighted, CRITERIA.index(c.criterion)))
        explanations.append(Explanation(tuple(contributions), _constraint_facts(pair, vocabulary)))
    return explanations
