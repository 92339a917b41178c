"""Glue between the database and the matching engine: querysets in, engine columns out.

Everything is loaded in a fixed number of queries (settings, tags, requests and their
interests, volunteers and theirs, open-match counts, blocked pairs), then handed to the engine
as arrays. The engine's structured facts come back; `buddies.explain` puts them into words.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Q
from django.utils import timezone

from netwerk.languages import LANGUAGE_CHOICES
from participants.selectors.access_blocks import blocked_for

from .. import engine
from ..models import BuddyRequest, BuddySettings, InterestTag, Match, Volunteer
from ..models.volunteer import GENDER_CODES
from .settings import buddy_settings_for, weights_of

LANGUAGE_BITS: tuple[str, ...] = tuple(code for code, _name in LANGUAGE_CHOICES)
_LANGUAGE_INDEX = {code: bit for bit, code in enumerate(LANGUAGE_BITS)}


def language_mask(codes) -> int:
    mask = 0
    for code in codes or ():
        if code in _LANGUAGE_INDEX:
            mask |= 1 << _LANGUAGE_INDEX[code]
    return mask


def area_id(postcode: str) -> int:
    digits = "".join(ch for ch in postcode or "" if ch.isdigit())
    return int(digits) if digits else 0


def _coordinate(value: float | None) -> float:
    return math.nan if value is None else float(value)


def volunteer_is_eligible(
    volunteer: Volunteer, settings: BuddySettings, today: datetime.date
) -> bool:
    """Active, screened with an unexpired extract, trained, agreement signed."""
    return (
        volunteer.status == Volunteer.Status.ACTIVE
        and volunteer.screening_valid_until is not None
        and volunteer.screening_valid_until >= today
        and volunteer.training_sessions >= settings.training_sessions_required
        and volunteer.agreement_signed_on is not None
    )


@dataclass
class MatchingInput:
    requests: engine.Requests
    volunteers: engine.Volunteers
    request_rows: list[BuddyRequest]
    volunteer_rows: list[Volunteer]
    blocked: np.ndarray
    vocabulary: engine.Vocabulary
    weights: engine.Weights
    settings: BuddySettings
    open_matches: dict[int, int] = field(default_factory=dict)


def _interest_masks(
    through, owner: str, owner_ids: list[int], bit_of: dict[int, int]
) -> dict[int, int]:
    masks: dict[int, int] = defaultdict(int)
    rows = through.objects.filter(**{f"{owner}_id__in": owner_ids}).values_list(
        f"{owner}_id", "interesttag_id"
    )
    for owner_id, tag_id in rows:
        if tag_id in bit_of:
            masks[owner_id] |= 1 << bit_of[tag_id]
    return masks


def _requests_columns(rows: list[BuddyRequest], masks: dict[int, int], today) -> engine.Requests:
    nan = math.nan
    return engine.Requests(
        languages=np.array([language_mask(r.languages) for r in rows], dtype=np.uint64),
        availability=np.array([r.availability for r in rows], dtype=np.uint64),
        interests=np.array([masks.get(r.pk, 0) for r in rows], dtype=np.uint64),
        lat=np.array([_coordinate(r.latitude) for r in rows]),
        lon=np.array([_coordinate(r.longitude) for r in rows]),
        area=np.array([area_id(r.postcode) for r in rows], dtype=np.int64),
        gender_wish=np.array([GENDER_CODES.get(r.gender_wish, 0) for r in rows], dtype=np.int64),
        min_age=np.array([nan if r.min_age is None else r.min_age for r in rows], dtype=float),
        max_age=np.array([nan if r.max_age is None else r.max_age for r in rows], dtype=float),
        wants_lived_experience=np.array([r.wants_lived_experience for r in rows], dtype=bool),
        waiting_days=np.array([max((today - r.waiting_since).days, 0) for r in rows], dtype=float),
    )


def _volunteer_columns(
    rows: list[Volunteer], masks: dict[int, int], settings: BuddySettings, today
) -> engine.Volunteers:
    nan = math.nan
    return engine.Volunteers(
        languages=np.array([language_mask(v.languages) for v in rows], dtype=np.uint64),
        availability=np.array([v.availability for v in rows], dtype=np.uint64),
        interests=np.array([masks.get(v.pk, 0) for v in rows], dtype=np.uint64),
        lat=np.array([_coordinate(v.latitude) for v in rows]),
        lon=np.array([_coordinate(v.longitude) for v in rows]),
        area=np.array([area_id(v.postcode) for v in rows], dtype=np.int64),
        max_km=np.array([float(v.max_km) for v in rows]),
        gender=np.array([GENDER_CODES.get(v.gender, 0) for v in rows], dtype=np.int64),
        birth_year=np.array(
            [nan if v.birth_year is None else v.birth_year for v in rows], dtype=float
        ),
        lived_experience=np.array([v.lived_experience for v in rows], dtype=bool),
        eligible=np.array([volunteer_is_eligible(v, settings, today) for v in rows], dtype=bool),
        capacity=np.array([max(v.capacity - v.open_matches, 0) for v in rows], dtype=np.int64),
        reference_year=today.year,
    )


def matching_input(
    *,
    organisation_id: int,
    requests=None,
    volunteers=None,
    today: datetime.date | None = None,
    viewer_id: int | None = None,
) -> MatchingInput:
    """Engine columns for the given requests (default: the waiting list) and volunteers
    (default: the organisation's volunteers who have not stopped), in a fixed number of
    queries."""
    today = today or timezone.localdate()
    settings = buddy_settings_for(organisation_id)
    tags = list(InterestTag.objects.filter(organisation_id=organisation_id).order_by("id")[:64])
    bit_of = {tag.pk: bit for bit, tag in enumerate(tags)}
    if requests is None:
        requests = BuddyRequest.objects.filter(
            organisation_id=organisation_id, status=BuddyRequest.Status.WAITING
        )
        if viewer_id is not None:  # the coordinator who reads it: not the files blocked from them
            requests = requests.exclude(participant_id__in=blocked_for(viewer_id))
    if volunteers is None:
        # Pausing volunteers and candidates are never proposed (not eligible), but they are
        # loaded: "Peter would fit, but he is pausing" explains why someone stays unmatched.
        volunteers = Volunteer.objects.filter(organisation_id=organisation_id).exclude(
            status=Volunteer.Status.STOPPED
        )
    request_rows = list(requests.select_related("participant").order_by("waiting_since", "id"))
    volunteer_rows = list(
        volunteers.select_related("user")
        .annotate(open_matches=Count("matches", filter=Q(matches__status__in=Match.OPEN)))
        .order_by("id")
    )
    request_masks = _interest_masks(
        BuddyRequest.interests.through, "buddyrequest", [r.pk for r in request_rows], bit_of
    )
    volunteer_masks = _interest_masks(
        Volunteer.interests.through, "volunteer", [v.pk for v in volunteer_rows], bit_of
    )
    blocked = blocked_index_pairs(request_rows, volunteer_rows)
    return MatchingInput(
        requests=_requests_columns(request_rows, request_masks, today),
        volunteers=_volunteer_columns(volunteer_rows, volunteer_masks, settings, today),
        request_rows=request_rows,
        volunteer_rows=volunteer_rows,
        blocked=blocked,
        vocabulary=engine.Vocabulary(
            languages=LANGUAGE_BITS, interests=tuple(t.name for t in tags)
        ),
        weights=weights_of(settings),
        settings=settings,
        open_matches={v.pk: v.open_matches for v in volunteer_rows},
    )


def blocked_index_pairs(
    request_rows: list[BuddyRequest], volunteer_rows: list[Volunteer]
) -> np.ndarray:
    """(request index, volunteer index) of pairs never to propose again: declined before, or a
    match between the same participant and volunteer that ended badly, or a volunteer blocked
    from the participant's file."""
    if not request_rows or not volunteer_rows:
        return np.empty((0, 2), dtype=np.int64)
    requests_of: dict[int, list[int]] = defaultdict(list)
    for index, request in enumerate(request_rows):
        requests_of[request.participant_id].append(index)
    volunteer_index = {v.pk: j for j, v in enumerate(volunteer_rows)}
    # With the pairs where the volunteer is blocked from the participant's file (AccessBlock):
    # a volunteer is never proposed to a file they may not see. One query (a UNION).
    barred = (
        Volunteer.objects.filter(
            user__access_blocks__ended_at__isnull=True,
            user__access_blocks__participant_id__in=list(requests_of),
        )
        .order_by()
        .values_list("user__access_blocks__participant_id", "pk")
    )
    pairs = (
        Match.objects.filter(
            Q(status=Match.Status.DECLINED) | Q(status=Match.Status.CLOSED, ended_badly=True),
            participant_id__in=list(requests_of),
        )
        .order_by()
        .values_list("participant_id", "volunteer_id")
        .union(barred, all=True)
    )
    blocked = [
        (i, volunteer_index[volunteer_id])
        for participant_id, volunteer_id in pairs
        if volunteer_id in volunteer_index
        for i in requests_of[participant_id]
    ]
    return np.array(blocked, dtype=np.int64).reshape(-1, 2)


def explanation_json(total: float, contributions, constraints: dict[str, Any]) -> dict[str, Any]:
    """The engine's facts as plain JSON, to render now and to keep with the match."""
    return {
        "total": round(float(total), 4),
        "contributions": [
            {
                "criterion": c.criterion,
                "score": round(float(c.score), 4),
                "weighted": round(float(c.weighted), 4),
                "facts": c.facts,
            }
            for c in contributions
        ],
        "constraints": constraints,
    }
