"""Suggestions for one request and a batch proposal for the waiting list, from the engine.

Nothing here writes: a proposal becomes a match only when a coordinator approves it
(`buddies.services.match_propose`), which checks the pair again at that moment.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from .. import engine
from ..models import BuddyRequest, Volunteer
from .matching import MatchingInput, explanation_json, matching_input, volunteer_is_eligible

SUGGESTIONS = 10


@dataclass
class Proposal:
    request: BuddyRequest
    volunteer: Volunteer
    total: float
    explanation: dict[str, Any]

    @property
    def percent(self) -> int:
        return round(self.total * 100)


def suggestions_for(request: BuddyRequest, *, n: int = SUGGESTIONS) -> list[Proposal]:
    """The n best volunteers for one request, best first, each with its reasons."""
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
    return [
        Proposal(
            request=data.request_rows[0],
            volunteer=data.volunteer_rows[s.volunteer_index],
            total=s.total,
            explanation=explanation_json(s.total, s.contributions, s.constraints),
        )
        for s in found
    ]


@dataclass
class Batch:
    proposals: list[Proposal]
    unmatched: list[BuddyRequest]
    total: float


def batch_proposal(*, organisation_id: int) -> Batch:
    """The optimal assignment for the whole waiting list (maximum total, capacities kept)."""
    data = matching_input(organisation_id=organisation_id)
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
    unmatched = [r for i, r in enumerate(data.request_rows) if i not in matched]
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
