"""Reads for participant files. `participants_visible_to` is the one visibility rule for files."""

from .caseload import CaseloadFilters, can_see_team, caseload_list
from .files import (
    can_see_special_categories,
    caseload,
    participant_editable_by,
    participant_get_for,
    participants_visible_to,
)

__all__ = [
    "CaseloadFilters",
    "can_see_special_categories",
    "can_see_team",
    "caseload",
    "caseload_list",
    "participant_editable_by",
    "participant_get_for",
    "participants_visible_to",
]


def active_consent_purposes(consents) -> set[str]:
    return {consent.purpose for consent in consents if consent.withdrawn_on is None}
