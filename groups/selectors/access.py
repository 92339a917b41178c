"""Who reaches which group, and what of it.

- Staff of the organisation (social workers, coordinators, org admins) see its groups: name,
  schedule, facilitators and figures. Volunteers see only the groups they facilitate.
  Researchers see none. Another organisation's groups are never in reach (404).
- Member lists (first names and attendance) go to the group's facilitators and org admins; a
  social worker who does not facilitate the group sees only the members whose file they may
  open. A member's file stays with the social workers who may see it.
- Facilitators and org admins run a group (sessions, attendance, members leaving,
  certificates). Social workers add members, and only participants whose file they may open
  (a volunteer facilitator opens no files, so asks the social worker).
"""

from django.db.models import QuerySet

from accounts.models import Membership, Role, User
from participants.models import Participant
from participants.selectors import participants_visible_to
from participants.selectors.access_blocks import blocked_for

from ..models import Group, GroupMember, VolunteerPlacement

STAFF_ROLES = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN})
FACILITATOR_ROLES = frozenset({*STAFF_ROLES, Role.VOLUNTEER})


def _active(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active


def groups_visible_to(membership: Membership | None) -> QuerySet[Group]:
    if not _active(membership):
        return Group.objects.none()
    in_org = Group.objects.filter(organisation_id=membership.organisation_id)
    if membership.role in STAFF_ROLES:
        return in_org
    if membership.role == Role.VOLUNTEER:
        return in_org.filter(facilitators=membership.user_id)
    return Group.objects.none()


def is_facilitator(membership: Membership | None, group: Group) -> bool:
    if not _active(membership) or membership.role not in FACILITATOR_ROLES:
        return False
    if group.organisation_id != membership.organisation_id:
        return False
    cached = getattr(group, "_prefetched_objects_cache", {}).get("facilitators")
    if cached is not None:
        return any(user.pk == membership.user_id for user in cached)
    return group.facilitators.filter(pk=membership.user_id).exists()


def can_manage(membership: Membership | None, group: Group) -> bool:
    """Run the group: plan sessions, take attendance, change it."""
    if not _active(membership) or group.organisation_id != membership.organisation_id:
        return False
    return membership.role == Role.ORG_ADMIN or is_facilitator(membership, group)


def can_create_groups(membership: Membership | None) -> bool:
    return _active(membership) and membership.role in STAFF_ROLES


def can_add_members(membership: Membership | None, group: Group) -> bool:
    if not _active(membership) or group.organisation_id != membership.organisation_id:
        return False
    return membership.role == Role.SOCIAL_WORKER


def members_visible_to(membership: Membership | None, group: Group) -> QuerySet[GroupMember]:
    members = GroupMember.objects.filter(group=group)
    if _active(membership):  # never a member whose file is blocked from this person
        members = members.exclude(participant_id__in=blocked_for(membership.user_id))
    if not _active(membership) or group.organisation_id != membership.organisation_id:
        return members.none()
    if membership.role == Role.ORG_ADMIN or is_facilitator(membership, group):
        return members
    if membership.role == Role.SOCIAL_WORKER:
        return members.filter(participant__in=participants_visible_to(membership))
    return members.none()


def addable_participants(membership: Membership, group: Group) -> QuerySet[Participant]:
    """Files this person may open that are not in the group yet."""
    return (
        participants_visible_to(membership)
        .exclude(group_memberships__group=group)
        .exclude(status=Participant.Status.CLOSED)
        .order_by("first_name", "last_name", "id")
    )


def facilitator_choices(organisation_id: int) -> QuerySet[User]:
    """People who may facilitate a group: active staff and volunteers of the organisation."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__is_active=True,
            memberships__role__in=FACILITATOR_ROLES,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def placements_visible_to(membership: Membership | None) -> QuerySet[VolunteerPlacement]:
    """Placements are part of the file: whoever may open the file sees them."""
    if not _active(membership):
        return VolunteerPlacement.objects.none()
    return VolunteerPlacement.objects.filter(
        organisation_id=membership.organisation_id,
        participant__in=participants_visible_to(membership),
    )
