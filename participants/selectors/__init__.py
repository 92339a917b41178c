"""Reads for participant files. `participants_visible_to` is the one visibility rule for files."""

from django.utils import timezone

from .caseload import CaseloadFilters, can_see_team, caseload_list
from .duplicates import LikelyDuplicate, likely_duplicates_in_organisation
from .files import (
    FILE_ROLES,
    can_see_special_categories,
    caseload,
    organisation_file_count,
    participant_editable_by,
    participant_get_editable,
    participant_get_for,
    participants_visible_to,
)

__all__ = [
    "FILE_ROLES",
    "CaseloadFilters",
    "LikelyDuplicate",
    "can_see_special_categories",
    "can_see_team",
    "caseload",
    "caseload_list",
    "likely_duplicates_in_organisation",
    "organisation_file_count",
    "participant_editable_by",
    "participant_get_editable",
    "participant_get_for",
    "participants_visible_to",
]


def active_consent_purposes(consents) -> set[str]:
    """The purposes the participant's consent counts for today, from consents already loaded
    (`Consent.in_force_on`: not withdrawn, renewed or expired)."""
    today = timezone.localdate()
    return {consent.purpose for consent in consents if consent.in_force_on(today)}
