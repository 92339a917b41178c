"""Rules the buddy services share: who may do what, the organisation's settings, auditing."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import models

from accounts.audit import audit_record
from accounts.models import Membership, Organisation, Role

from ..engine import Weights
from ..models import BuddySettings

MANAGERS = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})


def require_manager(membership: Membership, organisation_id: int | None = None) -> None:
    """Coordinators and org admins run the pool and the matching."""
    if not (membership.is_active and membership.role in MANAGERS):
        raise PermissionDenied
    if organisation_id is not None and organisation_id != membership.organisation_id:
        raise PermissionDenied


def buddy_settings_for(organisation: Organisation | int) -> BuddySettings:
    """The organisation's rules; the defaults (unsaved) until an org admin changes them, so a
    read never writes."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    settings = BuddySettings.objects.filter(organisation_id=organisation_id).first()
    return settings or BuddySettings(organisation_id=organisation_id)


def weights_of(settings: BuddySettings) -> Weights:
    return Weights(
        interests=settings.weight_interests,
        availability=settings.weight_availability,
        distance=settings.weight_distance,
        age=settings.weight_age,
        lived_experience=settings.weight_lived_experience,
        waiting=settings.weight_waiting,
    )


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def audit(
    membership: Membership, action: str, obj: models.Model, fields: Iterable[str] = ()
) -> None:
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=action,
        obj=obj,
        fields=fields,
    )
