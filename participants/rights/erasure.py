"""GDPR art. 17: anonymising a participant's file, on request or when retention ends.

What goes: names, contact details, the address and postcode, the special-category fields and
every free text (summaries, motivations, goals, notes, agreements, network labels...), in the
records themselves *and* in their edit history (django-simple-history rows are scrubbed, not
deleted, so the history keeps when and by whom, not what). The reference code is replaced by a
new one, so a paper that carries the old code no longer leads to the file.

What stays, for statistics: dates, durations, work models, kinds and statuses, network sectors,
rings and support, who knew whom on the map (the ties between members and their origins, not
where exactly they met), measurement answers and scores, languages, household, digital access,
the municipality, gender and the birth year (a year, not a date: the reports band it
themselves).
A non-empty free text becomes "—", an empty one stays empty, so "was a summary written" still
counts. The file is closed if it was open.

Other apps scrub their own records through `register_erasure_step` (participants never
imports them): a step is `func(participant) -> None`, run in the same transaction.
The audit trail records that it happened (action "update", field "anonymised"), never what.
"""

from collections.abc import Callable, Iterable

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership, Role

from ..models import (
    Agreement,
    FamilyPlan,
    FileHandover,
    Goal,
    GoalNote,
    Intervention,
    MemberTie,
    NetworkMember,
    NetworkSnapshot,
    Participant,
    SnapshotMember,
    SnapshotTie,
    Trajectory,
    new_reference_code,
)

PLACEHOLDER = "—"

ErasureStep = Callable[[Participant], None]
_steps: list[ErasureStep] = []


def register_erasure_step(step: ErasureStep) -> None:
    """Add an app's own scrubbing; registering twice is harmless."""
    if step not in _steps:
        _steps.append(step)


def scrub(
    queryset: models.QuerySet,
    *,
    texts: Iterable[str] = (),
    blank: Iterable[str] = (),
    null: Iterable[str] = (),
    **fixed,
) -> int:
    """One UPDATE: `texts` become "—" where not empty, `blank` become "", `null` None.

    Runs as a plain UPDATE on purpose: no signals, no new history rows, and the frozen
    snapshot members (whose `save` refuses changes) are scrubbed like the rest.
    """
    updates: dict = {
        name: Case(When(**{name: ""}, then=Value("")), default=Value(PLACEHOLDER)) for name in texts
    }
    updates.update(dict.fromkeys(blank, ""))
    updates.update(dict.fromkeys(null))
    updates.update(fixed)
    return queryset.update(**updates) if updates else 0


def _history(model: type[models.Model]) -> models.QuerySet:
    """All edit-history rows of a model, with their change reasons cleared too."""
    return model.history.model.objects.all()


_PARTICIPANT_TEXTS = ("closed_reason",)
_PARTICIPANT_BLANK = (
    "last_name",
    "preferred_name",
    "phone",
    "email",
    "address",
    "postcode",
    "migration_background",
    "health_remarks",
)
# A member's label and where they met ("Kookclub Rita's straat") can name people; the origin's
# code and work model stay, for the durable ties per work model.
_MEMBER = {"texts": ("label", "origin_detail")}
_TIE = {"texts": ("origin_detail",)}


def _scrub_participant_records(participant: Participant, code: str) -> None:
    pk = participant.pk
    person = {
        "texts": _PARTICIPANT_TEXTS,
        "blank": _PARTICIPANT_BLANK,
        "first_name": PLACEHOLDER,
        "reference_code": code,
    }
    scrub(Participant.objects.filter(pk=pk), **person)
    scrub(_history(Participant).filter(id=pk), **person, history_change_reason=None)

    trajectory = {"texts": ("motivation",)}
    scrub(Trajectory.objects.filter(participant_id=pk), **trajectory)
    scrub(_history(Trajectory).filter(participant_id=pk), **trajectory, history_change_reason=None)

    goal = {"texts": ("description",)}
    scrub(Goal.objects.filter(participant_id=pk), **goal)
    goal_history = _history(Goal).filter(participant_id=pk)
    goal_ids = set(goal_history.values_list("id", flat=True))
    goal_ids |= set(Goal.objects.filter(participant_id=pk).values_list("id", flat=True))
    scrub(goal_history, **goal, history_change_reason=None)

    note = {"texts": ("text",)}
    scrub(GoalNote.objects.filter(goal_id__in=goal_ids), **note)
    scrub(_history(GoalNote).filter(goal_id__in=goal_ids), **note, history_change_reason=None)

    intervention = {"texts": ("summary",), "network_people": []}
    scrub(Intervention.objects.filter(participant_id=pk), **intervention)
    scrub(
        _history(Intervention).filter(participant_id=pk),
        **intervention,
        history_change_reason=None,
    )

    scrub(NetworkMember.objects.filter(participant_id=pk), **_MEMBER)
    scrub(SnapshotMember.objects.filter(snapshot__participant_id=pk), **_MEMBER)
    scrub(NetworkSnapshot.objects.filter(participant_id=pk), texts=("note",))
    scrub(MemberTie.objects.filter(participant_id=pk), **_TIE)
    scrub(SnapshotTie.objects.filter(snapshot__participant_id=pk), **_TIE)
    scrub(FamilyPlan.objects.filter(participant_id=pk), texts=("fallback",))
    scrub(Agreement.objects.filter(plan__participant_id=pk), texts=("what", "carried_by", "note"))
    scrub(FileHandover.objects.filter(participant_id=pk), texts=("reason",))
    # The admin site's log names objects by their str(): for a file, the old reference code.
    scrub(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Participant), object_id=str(pk)
        ),
        object_repr=code,
    )


def _require_admin(membership: Membership | None, participant: Participant) -> None:
    """Only an org admin of the file's organisation erases; None is the retention job."""
    if membership is None:
        return
    if not (
        membership.role == Role.ORG_ADMIN
        and membership.is_active
        and membership.organisation_id == participant.organisation_id
    ):
        raise PermissionDenied


class Reason:
    REQUEST = "request"  # the participant asked (art. 17)
    RETENTION = "retention"  # the organisation's retention period ended


@transaction.atomic
def participant_anonymise(
    *, membership: Membership | None, participant: Participant, reason: str
) -> Participant:
    """Anonymise the file and everything other apps hold about the person.

    `membership` is the org admin who does it, or None for the retention job (the system).
    Idempotent: running it again scrubs again (nothing is left to find) and records nothing
    new in the audit trail.
    """
    if reason not in (Reason.REQUEST, Reason.RETENTION):
        raise ValueError(f"unknown reason {reason!r}")
    _require_admin(membership, participant)
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    first_time = participant.anonymised_on is None
    today = timezone.localdate()
    code = participant.reference_code if not first_time else new_reference_code()
    _scrub_participant_records(participant, code)
    closing = {}
    if participant.status != Participant.Status.CLOSED:
        closing = {
            "status": Participant.Status.CLOSED,
            "closed_on": today,
            "closed_reason": PLACEHOLDER,
        }
    Participant.objects.filter(pk=participant.pk).update(
        anonymised_on=participant.anonymised_on or today, **closing
    )
    for step in _steps:
        step(participant)
    if first_time:
        audit_record(
            actor=membership.user if membership is not None else None,
            organisation=participant.organisation,
            action=AuditEvent.Action.UPDATE,
            obj=participant,
            fields=["anonymised"],
        )
    participant.refresh_from_db()
    return participant
