"""Deleting a group, and completing a course by attendance with a manual override.

A group is deleted only while it holds no history: once attendance was taken or a "met here"
tie recorded, that history belongs to the participants' files (their timeline, the rights
export) and to the figures, so the group is given an end date instead. Until then a group
made by mistake (a duplicate, a test) goes with its members and planned sessions.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from netwerk.services import audit

from ..models import Group, GroupMember, GroupSession, MetHereTie
from ..selectors.access import can_manage
from .groups import require_manager


@dataclass(frozen=True)
class WhatGoes:
    members: int
    sessions: int
    sessions_taken: int
    ties: int

    @property
    def has_history(self) -> bool:
        return bool(self.sessions_taken or self.ties)


def can_delete(membership: Membership, group: Group) -> bool:
    """Staff who run the group (a facilitator on the staff, an org admin)."""
    return membership.role != Role.VOLUNTEER and can_manage(membership, group)


def what_goes(group: Group) -> WhatGoes:
    sessions = GroupSession.objects.filter(group=group)
    return WhatGoes(
        members=GroupMember.objects.filter(group=group).count(),
        sessions=sessions.count(),
        sessions_taken=sessions.filter(attendance_taken_at__isnull=False).count(),
        ties=MetHereTie.objects.filter(group=group).count(),
    )


@transaction.atomic
def group_delete(*, membership: Membership, group: Group) -> None:
    if not can_delete(membership, group):
        raise PermissionDenied
    list(Group.objects.select_for_update().filter(pk=group.pk).values_list("pk"))
    if what_goes(group).has_history:
        raise ValidationError(
            _(
                "This group has taken attendance or “met here” ties: they belong to the "
                "participants' files and to the figures, so the group cannot be deleted. "
                "Give it an end date instead."
            )
        )
    audit(membership, AuditEvent.Action.DELETE, group, [])
    group.delete()


@transaction.atomic
def member_completion_set(
    *, membership: Membership, member: GroupMember, completed: bool | None
) -> GroupMember:
    """Override the group's completion rule for one member (True, False), or follow the rule
    again (None). Who decided and when is kept."""
    require_manager(membership, member.group)
    if completed is None:
        member.completion_override, member.completion_set_by, member.completion_set_at = (
            None,
            None,
            None,
        )
    else:
        member.completion_override = completed
        member.completion_set_by, member.completion_set_at = membership.user, timezone.now()
    member.save(update_fields=["completion_override", "completion_set_by", "completion_set_at"])
    audit(membership, AuditEvent.Action.UPDATE, member, ["completion_override"])
    return member
