"""Writing the audit trail. Services call `audit_record`; nothing else writes AuditEvent rows.

Reads of personal data are recorded too: a view that shows files calls `audit_shown` with the
ids it showed, and `AuditReadMiddleware` writes one event per answer naming them all.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.http import HttpRequest

from .models import AuditEvent, AuditEventObject, Membership, Organisation, User

PARTICIPANT = "participants.participant"


def audit_record(
    *,
    actor: User | None,
    organisation: Organisation | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_ids: Iterable[str | int] = (),
    fields: Iterable[str] = (),
) -> AuditEvent:
    """Record that `actor` did `action` to `obj` (or to object_type/object_id, or to the
    several records `object_ids` of one object_type).

    Only ids, model labels and field names are stored, so the trail itself never becomes a
    second copy of the personal data it watches over.
    """
    if obj is not None:
        object_type = obj._meta.label_lower
        object_id = obj.pk
    ids = sorted({str(pk) for pk in object_ids}, key=lambda pk: (len(pk), pk))
    if len(ids) == 1 and object_id == "":
        object_id, ids = ids[0], []
    with transaction.atomic():
        event = AuditEvent.objects.create(
            actor=actor if actor is not None and actor.is_authenticated else None,
            organisation=organisation,
            action=action,
            object_type=object_type,
            object_id=str(object_id) if object_id != "" else "",
            fields=sorted(set(fields)),
        )
        if ids:
            AuditEventObject.objects.bulk_create(
                [AuditEventObject(event=event, object_id=pk) for pk in ids]
            )
    return event


@dataclass
class _Shown:
    membership: Membership
    ids: set[str] = field(default_factory=set)
    what: set[str] = field(default_factory=set)


def audit_shown(
    request: HttpRequest,
    membership: Membership | None,
    ids: Iterable[int | str],
    *,
    what: str,
    object_type: str = PARTICIPANT,
) -> None:
    """Note that this answer shows these records (participant files by default) to the
    person acting for `membership`; `what` names the page or part (a code, never data).

    Nothing is written yet: the answer's one read event is written once it is ready
    (`AuditReadMiddleware`), naming every file any part of the page showed. An answer that
    shows nothing writes nothing.
    """
    if membership is None:
        return
    request = getattr(request, "_request", request)  # a DRF request wraps Django's
    ids = {str(pk) for pk in ids if pk is not None}
    if not ids:
        return
    pending: dict[tuple[int, str], _Shown] = request.__dict__.setdefault("_audit_shown", {})
    shown = pending.setdefault((membership.pk, object_type), _Shown(membership))
    shown.ids |= ids
    shown.what.add(what)


def write_shown(request: HttpRequest) -> None:
    """Write the read events noted for this answer: one per organisation and kind of record."""
    pending = request.__dict__.pop("_audit_shown", None) or {}
    for (_membership_id, object_type), shown in pending.items():
        audit_record(
            actor=shown.membership.user,
            organisation=shown.membership.organisation,
            action=AuditEvent.Action.READ,
            object_type=object_type,
            object_ids=shown.ids,
            fields=shown.what,
        )


class AuditReadMiddleware:
    """Writes the read events `audit_shown` noted, once the answer is ready: only for an answer
    that is actually sent with the data (2xx), never for a refusal or an error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if 200 <= response.status_code < 300:
            write_shown(request)
        else:
            request.__dict__.pop("_audit_shown", None)
        return response
