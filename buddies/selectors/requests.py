"""Reads for buddy requests and the waiting list."""

from django.db.models import QuerySet

from accounts.models import Membership, Role
from participants.selectors.access_blocks import blocked_for
from participants.selectors.files import worked_on_by

from ..models import BuddyRequest

MANAGERS = (Role.COORDINATOR, Role.ORG_ADMIN)


def requests_visible_to(membership: Membership | None) -> QuerySet[BuddyRequest]:
    """Coordinators and org admins: every request of the organisation; a social worker: the
    requests for their own caseload; nobody else."""
    if membership is None:
        return BuddyRequest.objects.none()
    in_org = BuddyRequest.objects.filter(organisation_id=membership.organisation_id).exclude(
        participant_id__in=blocked_for(membership.user_id)
    )
    if membership.role in MANAGERS:
        return in_org
    if membership.role == Role.SOCIAL_WORKER:
        return in_org.filter(worked_on_by(membership, "participant__"))
    return BuddyRequest.objects.none()


def waiting_list(membership: Membership) -> QuerySet[BuddyRequest]:
    """Longest waiting first, with what a coordinator needs to see (no more of the file)."""
    return (
        requests_visible_to(membership)
        .filter(status=BuddyRequest.Status.WAITING)
        .select_related("participant")
        .prefetch_related("interests")
        .order_by("waiting_since", "id")
    )
