"""Reads for accounts: whose memberships, which members, which invitations."""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery

from .models import AuditEvent, AuditEventObject, Invitation, Membership, Organisation, User


def memberships_for_user(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def membership_among(
    memberships: list[Membership], organisation_id: int | None
) -> Membership | None:
    """Of one person's active memberships, the one in that organisation, else the first."""
    if organisation_id is not None:
        chosen = next((m for m in memberships if m.organisation_id == organisation_id), None)
        if chosen is not None:
            return chosen
    return next(iter(memberships), None)


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-is_active", "user__full_name", "user__email")
    )


def invitations_open(organisation: Organisation) -> QuerySet[Invitation]:
    from django.utils import timezone

    return Invitation.objects.filter(
        organisation=organisation,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


@dataclass(frozen=True)
class AuditFilters:
    actor_id: int | None = None
    action: str = ""
    participant_id: int | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def audit_events_for(organisation: Organisation, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """The organisation's trail, newest first, with the filters of the audit viewer.

    Events without an organisation (log-ins) are included for the organisation's own people.
    """
    members = Membership.objects.filter(organisation=organisation).values("user_id")
    events = AuditEvent.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True, actor_id__in=members)
    ).select_related("actor")
    if filters.actor_id:
        events = events.filter(actor_id=filters.actor_id)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.participant_id:
        number = str(filters.participant_id)
        named = AuditEventObject.objects.filter(object_id=number).values("event_id")
        events = events.filter(object_type="participants.participant").filter(
            Q(object_id=number) | Q(pk__in=named)
        )
    if filters.date_from:
        events = events.filter(created_at__date__gte=filters.date_from)
    if filters.date_to:
        events = events.filter(created_at__date__lte=filters.date_to)
    return events.order_by("-created_at", "-id")


def first_member_with_role(role: str) -> Subquery:
    """For annotating rows that have an `organisation_id`: the user id of the organisation's
    longest-standing active member with this role (who receives an organisation's reminders)."""
    return Subquery(
        Membership.objects.filter(
            organisation_id=OuterRef("organisation_id"), role=role, is_active=True
        )
        .order_by("pk")
        .values("user_id")[:1]
    )
