"""Writing the audit trail. Services call `audit_record`; nothing else writes AuditEvent rows."""

from collections.abc import Iterable

from django.db import models

from .models import AuditEvent, Organisation, User


def audit_record(
    *,
    actor: User | None,
    organisation: Organisation | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Record that `actor` did `action` to `obj` (or to object_type/object_id).

    Only ids, model labels and field names are stored, so the trail itself never becomes a
    second copy of the personal data it watches over.
    """
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = obj.pk
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        fields=sorted(set(fields)),
    )
