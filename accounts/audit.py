"""Writing the audit trail. Services call `audit_record`; nothing else writes AuditEvent rows.

Reads of personal data are recorded too, by one mechanism for every page, API answer and
export: each participant loaded while answering is noted (`note_loaded_participant`, a
post_init receiver), and `AuditReadMiddleware` writes one read event per answer naming all
the files it showed (ids only). A view that records a read itself (the file page) is not
recorded twice.
"""

from collections.abc import Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import models
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
    event = _write(
        actor=actor,
        organisation_id=organisation.pk if organisation is not None else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_ids=object_ids,
        fields=fields,
    )
    if action == AuditEvent.Action.READ:
        _note_recorded(object_type, event.object_id)
    return event


def _write(
    *,
    actor: User | None,
    organisation_id: int | None,
    action: str,
    object_type: str,
    object_id: str | int = "",
    object_ids: Iterable[str | int] = (),
    fields: Iterable[str] = (),
) -> AuditEvent:
    ids = sorted({str(pk) for pk in object_ids}, key=lambda pk: (len(pk), pk))
    if len(ids) == 1 and object_id == "":
        object_id, ids = ids[0], []
    event = AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id != "" else "",
        fields=sorted(set(fields)),
    )
    event.save()
    if ids:
        # No transaction of its own (two statements, not four): should this insert fail, the
        # answer fails with it, so no file is shown without its read being recorded.
        AuditEventObject.objects.bulk_create(
            [AuditEventObject(event=event, object_id=pk) for pk in ids]
        )
    return event


@dataclass
class _Reads:
    """The participant files one answer touched, per organisation (ids only)."""

    shown: dict[int | None, set[str]] = field(default_factory=dict)
    recorded: set[str] = field(default_factory=set)  # read events the view wrote itself
    what: set[str] = field(default_factory=set)

    def add(self, organisation_id: int | None, ids: Iterable[str]) -> None:
        self.shown.setdefault(organisation_id, set()).update(ids)


_reads: ContextVar[_Reads | None] = ContextVar("netwerk_audit_reads", default=None)


def note_loaded_participant(sender, instance, **kwargs) -> None:
    """post_init of a participant: during an answer, note that its file was read.

    Every participant a page, an API answer or an export loads is counted as shown: a list,
    an edit form, a sub-record page naming the file, a buddy's or facilitator's page with a
    first name. Loading counts (conservatively) even where a page uses only part of it.
    Reads through `.values()` do not create instances: the views that show such rows call
    `audit_shown`, aggregate figures are no reads of a file.
    """
    reads = _reads.get()
    if reads is None or instance.pk is None:
        return
    reads.add(instance.__dict__.get("organisation_id"), (str(instance.pk),))


def audit_shown(
    request: HttpRequest | None,
    membership: Membership | None,
    ids: Iterable[int | str],
    *,
    what: str = "",
) -> None:
    """Note that this answer shows these participant files (rows read with `.values()`, which
    `note_loaded_participant` cannot see). Written with the rest of the answer's reads."""
    reads = _reads.get()
    if reads is None or membership is None:
        return
    reads.add(membership.organisation_id, (str(pk) for pk in ids if pk is not None))
    if what:
        reads.what.add(what)


def _note_recorded(object_type: str, object_id: str) -> None:
    reads = _reads.get()
    if reads is not None and object_type == PARTICIPANT and object_id:
        reads.recorded.add(object_id)


def write_reads(request: HttpRequest, reads: _Reads) -> None:
    """One read event per answer (per organisation whose files it showed), naming every file
    shown that the view did not record itself, and the page (its URL name)."""
    actor = getattr(request, "user", None)
    if actor is None or not actor.is_authenticated:
        return
    match = getattr(request, "resolver_match", None)
    what = set(reads.what) | ({match.view_name} if match and match.view_name else set())
    membership = getattr(request, "membership", None)
    active = membership.organisation_id if membership is not None else None
    for organisation_id, ids in sorted(reads.shown.items(), key=lambda item: item[0] or 0):
        ids = ids - reads.recorded
        if ids:
            _write(
                actor=actor,
                # The files' own organisation: whose data were read (the active one, since
                # nobody sees another organisation's files).
                organisation_id=organisation_id or active,
                action=AuditEvent.Action.READ,
                object_type=PARTICIPANT,
                object_ids=ids,
                fields=what,
            )


def sent_with_data(response) -> bool:
    """A 2xx answer, or a page that shows a refused form again with the rest of its data
    (`netwerk.forms.render_form`: 400); never a refusal, a redirect or an error."""
    return 200 <= response.status_code < 300 or getattr(response, "shows_data", False)


class AuditReadMiddleware:
    """Records the participant files each answer showed (`note_loaded_participant`,
    `audit_shown`): one read event, once the answer is ready, and only for an answer that
    is sent with the data (`sent_with_data`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        reads = _Reads()
        token = _reads.set(reads)
        try:
            response = self.get_response(request)
        finally:
            _reads.reset(token)
        if sent_with_data(response) and reads.shown:
            write_reads(request, reads)
        return response
