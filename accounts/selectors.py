"""Reads for accounts: whose memberships, which members, which invitations."""

from django.db.models import QuerySet

from .models import Invitation, Membership, Organisation, User


def memberships_for_user(user: User) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def membership_for_user_in(user: User, organisation_id: int | None) -> Membership | None:
    """The active membership of `user` in that organisation, else their first one."""
    memberships = memberships_for_user(user)
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
