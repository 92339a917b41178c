"""What the apps' services share: the audit record of an act, and applying a change."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from accounts.audit import audit_record
from accounts.models import Membership


def audit(
    membership: Membership, action: str, obj: models.Model, fields: Iterable[str] = ()
) -> None:
    """Record that `membership`'s person did `action` to `obj`, in their organisation (field
    names only, never values: `accounts.audit.audit_record`)."""
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=action,
        obj=obj,
        fields=fields,
    )


def apply_changes(instance: models.Model, data: Mapping[str, Any]) -> list[str]:
    """Set the given fields; return the names of those whose value really changed."""
    changed = []
    for field, value in data.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed.append(field)
    return changed
