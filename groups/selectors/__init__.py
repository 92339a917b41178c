"""Reads for group work. `groups_visible_to` is the one visibility rule for groups."""

from .access import (
    can_add_members,
    can_create_groups,
    can_manage,
    facilitator_choices,
    groups_visible_to,
    is_facilitator,
    members_visible_to,
    placements_visible_to,
)

__all__ = [
    "can_add_members",
    "can_create_groups",
    "can_manage",
    "facilitator_choices",
    "groups_visible_to",
    "is_facilitator",
    "members_visible_to",
    "placements_visible_to",
]
