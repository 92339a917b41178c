"""Volunteer placements: part of the file, so the assigned social worker writes them."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import apply_changes, audit
from participants.models import Participant
from participants.services.common import require_file_consent, require_writer

from ..models import VolunteerPlacement

PLACEMENT_FIELDS = (
    "where",
    "what",
    "since",
    "ended_on",
    "hours",
    "per",
    "contact_person",
    "status",
)


# Volunteering beside a life: a full-time week at most. More is a typing error (400 for 40)
# or hours per month entered as per week.
MAX_HOURS = {VolunteerPlacement.Per.WEEK: 40, VolunteerPlacement.Per.MONTH: 173}


def _check(placement: VolunteerPlacement) -> None:
    placement.clean_fields()  # first: a date out of bounds is named before a rule between dates
    if placement.since and placement.ended_on and placement.ended_on < placement.since:
        raise ValidationError({"ended_on": _("The end date cannot be before the start date.")})
    limit = MAX_HOURS.get(placement.per)
    if limit is not None and placement.hours is not None and placement.hours > limit:
        raise ValidationError(
            {
                "hours": _(
                    "At most %(week)d hours a week (%(month)d a month): volunteering is never "
                    "more than a full-time week. Check the number, or whether it is per month."
                )
                % {"week": MAX_HOURS["week"], "month": MAX_HOURS["month"]}
            }
        )
    placement.full_clean()


@transaction.atomic
def placement_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> VolunteerPlacement:
    require_writer(membership, participant)
    require_file_consent(participant)
    data = {key: value for key, value in data.items() if key in PLACEMENT_FIELDS}
    placement = VolunteerPlacement(
        organisation_id=participant.organisation_id,
        participant=participant,
        created_by=membership.user,
        **data,
    )
    _check(placement)
    placement.save()
    audit(membership, AuditEvent.Action.CREATE, placement, data.keys())
    return placement


@transaction.atomic
def placement_update(
    *, membership: Membership, placement: VolunteerPlacement, data: dict[str, Any]
) -> VolunteerPlacement:
    require_writer(membership, placement.participant)
    require_file_consent(placement.participant)
    changed = apply_changes(
        placement, {key: value for key, value in data.items() if key in PLACEMENT_FIELDS}
    )
    if changed:
        _check(placement)
        placement.save()
        audit(membership, AuditEvent.Action.UPDATE, placement, changed)
    return placement
