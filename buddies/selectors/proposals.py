"""Suggestions for one request and a batch proposal for the waiting list, from the engine.

Nothing here writes: a proposal becomes a match only when a coordinator approves it
(`buddies.services.match_propose`), which checks the pair again at that moment.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils import timezone

from .. import engine
from ..models import BuddyRequest, Volunteer
from .matching import MatchingInput, explanation_json, matching_input, volunteer_is_eligible

SUGGESTIONS = 10
NEAR_MISSES = 3


@dataclass
class Proposal:
    request: BuddyRequest
    volunteer: Volunteer
    total: float
    explanation: dict[str, Any]

    @property
    def percent(self) -> int:
        return round(self.total * 100)


@dataclass
class Miss:
    """A volunteer who would fit but for `blockers` (codes of engine.BLOCKERS)."""

    volunteer: Volunteer
    blockers: tuple[str, ...]
    facts: dict[str, Any]


@dataclass
class WhyUnmatched:
    """The nearest misses of one request, and how many volunteers each blocker rules out."""

    pool: int
    misses: list[Miss]
    ruled_out: list[tuple[str, int]]
    request: BuddyRequest | None = None
    settings: Any = None
    taken_by: dict[int, str] = field(default_factory=dict)  # volunteer id -> first name


def _why(data: MatchingInput, found, taken_by=None) -> list[WhyUnmatched]:
    return [
        WhyUnmatched(
            pool=u.pool,
            misses=[
                Miss(data.volunteer_rows[m.volunteer_index], m.blockers, m.facts)
                for m in u.near_misses
            ],
            ruled_out=list(u.ruled_out),
            request=data.request_rows[u.request_index],
            settings=data.settings,
            taken_by=taken_by or {},
        )
        for u in found
    ]


@dataclass
class Suggestions:
    proposals: list[Proposal]
    why: WhyUnmatched | None  # when fewer than n volunteers fit: who nearly did, and why not


def suggestions_with_misses(
    request: BuddyRequest, *, n: int = SUGGESTIONS, misses: bool = True
) -> Suggestions:
    """The n best volunteers for one request, best first, each with its reasons; when fewer than
    n fit, also the nearest misses and what rules out the rest of the pool."""
    data = matching_input(
        organisation_id=request.organisation_id,
        requests=BuddyRequest.objects.filter(pk=request.pk),
    )
    found = engine.top_suggestions(
        data.requests,
        data.volunteers,
        request_index=0,
        weights=data.weights,
        n=n,
        blocked=data.blocked,
        vocabulary=data.vocabulary,
    )
    proposals = [
        Proposal(
            request=data.request_rows[0],
            volunteer=data.volunteer_rows[s.volunteer_index],
            total=s.total,
            explanation=explanation_json(s.total, s.contributions, s.constraints),
        )
        for s in found
    ]
    why = None
    if misses and len(proposals) < n and data.request_rows:
        missed = engine.near_misses(
            data.requests,
            data.volunteers,
            [0],
            weights=data.weights,
            blocked=data.blocked,
            n=NEAR_MISSES,
        )
        why = _why(data, missed)[0]
    return Suggestions(proposals, why)


def suggestions_for(request: BuddyRequest, *, n: int = SUGGESTIONS) -> list[Proposal]:
    """The n best volunteers for one request, best first, each with its reasons."""
    return suggestions_with_misses(request, n=n, misses=False).proposals


@dataclass
class Batch:
    proposals: list[Proposal]
    unmatched: list[BuddyRequest]  # each with `.why`: a WhyUnmatched
    total: float


def batch_proposal(*, organisation_id: int, viewer_id: int | None = None) -> Batch:
    """The optimal assignment for the whole waiting list (maximum total, capacities kept), and
    for each request left unmatched its nearest misses and what rules out the pool. With
    `viewer_id`, without the files blocked from that person (AccessBlock)."""
    data = matching_input(organisation_id=organisation_id, viewer_id=viewer_id)
    assignments = engine.batch_assign(
        data.requests,
        data.volunteers,
        weights=data.weights,
        blocked=data.blocked,
        vocabulary=data.vocabulary,
    )
    proposals = [
        Proposal(
            request=data.request_rows[a.request_index],
            volunteer=data.volunteer_rows[a.volunteer_index],
            total=a.total,
            explanation=explanation_json(a.total, a.contributions, a.constraints or {}),
        )
        for a in assignments
    ]
    matched = {a.request_index for a in assignments}
    unmatched_indices = [i for i in range(len(data.request_rows)) if i not in matched]
    capacity_left = np.array(data.volunteers.capacity, dtype=np.int64)
    taken_by: dict[int, str] = {}
    for proposal, a in zip(proposals, assignments, strict=True):
        capacity_left[a.volunteer_index] -= 1
        taken_by[proposal.volunteer.pk] = proposal.request.participant.first_name
    found = engine.near_misses(
        data.requests,
        data.volunteers,
        unmatched_indices,
        weights=data.weights,
        blocked=data.blocked,
        capacity_left=capacity_left,
        n=NEAR_MISSES,
    )
    unmatched = []
    for why in _why(data, found, taken_by):
        why.request.why = why
        unmatched.append(why.request)
    return Batch(proposals, unmatched, sum(p.total for p in proposals))


@dataclass
class PairCheck:
    proposal: Proposal | None
    problem: str  # a code: "" when the pair may be proposed


def pair_check(request: BuddyRequest, volunteer: Volunteer) -> PairCheck:
    """Whether this pair may be proposed right now, and its explanation if so."""
    data: MatchingInput = matching_input(
        organisation_id=request.organisation_id,
        requests=BuddyRequest.objects.filter(pk=request.pk),
        volunteers=Volunteer.objects.filter(
            pk=volunteer.pk, organisation_id=request.organisation_id
        ),
    )
    if not data.request_rows or not data.volunteer_rows:
        return PairCheck(None, "gone")
    row = data.volunteer_rows[0]
    if not volunteer_is_eligible(row, data.settings, timezone.localdate()):
        return PairCheck(None, "not_eligible")
    if data.volunteers.capacity[0] <= 0:
        return PairCheck(None, "no_capacity")
    if len(data.blocked):
        return PairCheck(None, "blocked")
    found = engine.top_suggestions(
        data.requests, data.volunteers, weights=data.weights, n=1, vocabulary=data.vocabulary
    )
    if not found:
        return PairCheck(None, "constraints")
    s = found[0]
    return PairCheck(
        Proposal(
            data.request_rows[0],
            row,
            s.total,
            explanation_json(s.total, s.contributions, s.constraints),
        ),
        "",
    )
