"""The completion rule of a group, one definition for the pages, the figures and the services."""

import datetime

from django.utils import timezone

from .models import Group, GroupMember


def completed_by_rule(
    group: Group, attended: int, taken: int, today: datetime.date | None = None
) -> bool | None:
    """The group's rule: a number of sessions attended, or a share of the sessions taken
    while a member, counted once the course ended. None: the group has no rule."""
    if group.completion_threshold:
        return attended >= group.completion_threshold
    if group.completion_percent:
        today = today or timezone.localdate()
        ended = group.ends_on is not None and group.ends_on < today
        return ended and taken > 0 and attended * 100 >= group.completion_percent * taken
    return None


def is_completed(member: GroupMember, attended: int, taken: int) -> bool:
    """Completion follows attendance, unless a facilitator decided otherwise."""
    if member.completion_override is not None:
        return member.completion_override
    return bool(completed_by_rule(member.group, attended, taken))
