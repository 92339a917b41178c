"""Reads for participant files. `participants_visible_to` is the one visibility rule for files."""

from .files import (
    can_see_special_categories,
    caseload,
    participant_editable_by,
    participant_get_for,
    participants_visible_to,
)

__all__ = [
    "can_see_special_categories",
    "caseload",
    "participant_editable_by",
    "participant_get_for",
    "participants_visible_to",
]
