"""Reads for the volunteer pool."""

from django.db.models import Count, Q, QuerySet

from accounts.models import Membership, Role

from ..models import Match, Volunteer


def volunteers_visible_to(membership: Membership | None) -> QuerySet[Volunteer]:
    """Coordinators and org admins see the pool; a volunteer sees only their own profile."""
    if membership is None:
        return Volunteer.objects.none()
    in_org = Volunteer.objects.filter(organisation_id=membership.organisation_id)
    if membership.role in (Role.COORDINATOR, Role.ORG_ADMIN):
        return in_org.select_related("user")
    if membership.role == Role.VOLUNTEER:
        return in_org.filter(user_id=membership.user_id).select_related("user")
    return Volunteer.objects.none()


def volunteer_pool_figures(membership: Membership) -> dict[str, int]:
    """How many volunteers per status, in one query."""
    rows = volunteers_visible_to(membership).order_by().values("status").annotate(n=Count("id"))
    figures = dict.fromkeys(Volunteer.Status.values, 0)
    figures.update({row["status"]: row["n"] for row in rows})
    figures["total"] = sum(figures.values())
    return figures


def volunteer_pool(membership: Membership) -> QuerySet[Volunteer]:
    """The pool with each volunteer's open matches counted (for capacity left)."""
    return volunteers_visible_to(membership).annotate(
        open_matches=Count("matches", filter=Q(matches__status__in=Match.OPEN))
    )


def own_volunteer_profile(membership: Membership) -> Volunteer | None:
    if membership is None or membership.role != Role.VOLUNTEER:
        return None
    return volunteers_visible_to(membership).prefetch_related("interests").first()
