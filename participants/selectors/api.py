"""Reads shaped for the REST API: the same visibility rule, with the joins the serializers need
so every list is a fixed number of queries."""

from django.db.models import BooleanField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from accounts.models import Membership

from ..models import Consent, Goal, GoalNote, Intervention, Participant, Trajectory
from .files import (
    SEARCH_NAME_ORDER,
    matching_name_or_reference,
    participants_visible_to,
    worked_on_by,
)


def participants_for_api(membership: Membership | None) -> QuerySet[Participant]:
    """Visible files with their social worker and whether file consent is active now."""
    active_file_consent = Consent.objects.in_force().filter(
        participant=OuterRef("pk"), purpose=Consent.Purpose.FILE
    )
    # A correlated subquery (LIMIT 1 per row of the page), not EXISTS: for an org admin over
    # 100k files PostgreSQL turns EXISTS into a hash of every consent on each request
    # (bench/bench_participants.py: 213 ms → 25 ms).
    found = active_file_consent.values(found=Value(True, output_field=BooleanField()))[:1]
    return (
        participants_visible_to(membership)
        .select_related("social_worker")
        .annotate(has_file_consent=Coalesce(Subquery(found), Value(False)))
    )


def participant_api_list(
    membership: Membership, *, status: str = "", q: str = "", mine: bool = False
) -> QuerySet[Participant]:
    participants = participants_for_api(membership)
    if status:
        participants = participants.filter(status=status)
    if q.strip():
        participants = matching_name_or_reference(participants, q).order_by(*SEARCH_NAME_ORDER)
    if mine:
        participants = participants.filter(worked_on_by(membership))
    return participants


def consents_for_api(membership: Membership | None) -> QuerySet[Consent]:
    return Consent.objects.filter(
        participant__in=participants_visible_to(membership)
    ).select_related("participant", "recorded_by", "withdrawal_recorded_by")


def trajectories_for_api(membership: Membership | None) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(
        participant__in=participants_visible_to(membership)
    ).select_related("participant", "work_model", "created_by")


def goals_for_api(membership: Membership | None) -> QuerySet[Goal]:
    return Goal.objects.filter(participant__in=participants_visible_to(membership)).select_related(
        "participant", "work_model", "created_by"
    )


def goal_notes_for_api(membership: Membership | None) -> QuerySet[GoalNote]:
    return GoalNote.objects.filter(
        goal__participant__in=participants_visible_to(membership)
    ).select_related("goal", "author")


def interventions_for_api(membership: Membership | None) -> QuerySet[Intervention]:
    return Intervention.objects.filter(
        participant__in=participants_visible_to(membership)
    ).select_related("participant", "work_model", "author")
