"""The caseload list: filters, sorting and the columns it shows, in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Membership, Role

from ..models import Participant, StandIn, Trajectory
from .files import (
    SEARCH_NAME_ORDER,
    matching_name_or_reference,
    participants_visible_to,
    worked_on_by,
)

# A file without a date sorts as if its date were later than any other, on every database
# (PostgreSQL's default, which its indexes follow; SQLite would put it first).
SORT_ORDER = {
    "name": ["first_name", "last_name", "id"],
    "-last_intervention": [F("last_intervention_on").desc(nulls_first=True), "first_name", "id"],
    "last_intervention": [F("last_intervention_on").asc(nulls_last=True), "first_name", "id"],
    "next_follow_up": [F("next_follow_up_on").asc(nulls_last=True), "first_name", "id"],
    "status": ["status", "first_name", "id"],
}


@dataclass(frozen=True)
class CaseloadFilters:
    q: str = ""
    scope: str = ""
    status: str = ""
    work_model_code: str = ""
    follow_up_due: bool = False
    no_contact_days: int | None = None
    sort: str = "name"


def can_see_team(membership: Membership) -> bool:
    return membership.role == Role.ORG_ADMIN or (
        membership.role == Role.SOCIAL_WORKER and membership.organisation.team_access
    )


def stand_in_until(membership: Membership) -> Subquery:
    """Annotation: the last day this social worker stands in for the file's worker (None when
    the file is their own or nobody they stand in for holds it). No query of its own."""
    return Subquery(
        StandIn.objects.current()
        .filter(
            organisation_id=membership.organisation_id,
            stand_in_id=membership.user_id,
            absent_worker_id=OuterRef("social_worker_id"),
        )
        .order_by("-ends_on")
        .values("ends_on")[:1]
    )


def caseload_list(
    membership: Membership, filters: CaseloadFilters, *, today: datetime.date | None = None
) -> QuerySet[Participant]:
    """The participants on the caseload page, filtered and sorted.

    A social worker starts with their own caseload (and the files of colleagues they stand in
    for, each marked with the stand-in's end date: `stand_in_until`); "team" widens it to what
    they may see.
    The last-intervention and next-follow-up columns are stored on the participant by the
    intervention services, so neither filtering nor sorting aggregates interventions.
    """
    today = today or timezone.localdate()
    participants = participants_visible_to(membership).select_related("social_worker")
    team = filters.scope == "team" and can_see_team(membership)
    if membership.role == Role.SOCIAL_WORKER:
        if not team:
            participants = participants.filter(worked_on_by(membership))
        participants = participants.annotate(stand_in_until=stand_in_until(membership))
    participants = matching_name_or_reference(participants, filters.q)
    if filters.status:
        participants = participants.filter(status=filters.status)
    if filters.work_model_code:
        participants = participants.filter(
            Exists(
                Trajectory.objects.filter(
                    participant=OuterRef("pk"),
                    work_model__code=filters.work_model_code,
                ).exclude(status=Trajectory.Status.ENDED)
            )
        )
    if filters.follow_up_due:
        participants = participants.filter(next_follow_up_on__lte=today)
    if filters.no_contact_days:
        cutoff = today - datetime.timedelta(days=filters.no_contact_days)
        participants = participants.filter(
            Q(last_intervention_on__lte=cutoff) | Q(last_intervention_on__isnull=True)
        )
    sort = filters.sort if filters.sort in SORT_ORDER else "name"
    if sort == "name" and filters.q.strip():
        return participants.order_by(*SEARCH_NAME_ORDER)
    return participants.order_by(*SORT_ORDER[sort])
