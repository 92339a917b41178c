"""Handing files over to another social worker, and stand-ins for a worker on leave.

Only an org admin does either. A hand-over is set-based: whether it moves one file or ten
thousand, it runs the same handful of queries (one UPDATE of the files, one INSERT of their
history rows, one UPDATE of the reminders, the audit event, the notification and the
receivers of `signals.files_handed_over`).
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership, Role, User
from netwerk.services import audit
from notifications import services as notifications

from ..models import (
    AccessBlock,
    Agreement,
    Consent,
    FamilyPlan,
    FileHandover,
    Intervention,
    Participant,
    StandIn,
)
from ..reminders_handover import handover_notify, stand_in_notify
from ..selectors.access_blocks import blocked_for

# Sent inside the transaction of `files_reassign`, after the files changed worker, for the
# apps that depend on participants (groups.handover), with `membership` (the org admin's),
# `organisation_id`, `handovers` (a queryset of the act's FileHandover rows: one per file, with
# `participant_id` and `from_worker_id`), `from_worker_ids` (a set) and `to_worker_id`.
# Receivers work set-based: a fixed number of queries whatever the number of files.
files_handed_over = Signal()

# How far from today a hand-over's date may lie: recorded a little late, or planned ahead.
HANDOVER_DAYS_BACK = 90
HANDOVER_DAYS_AHEAD = 30
# A stand-in may be recorded a little after the leave began, and lasts at most a year.
STAND_IN_DAYS_BACK = 30
STAND_IN_LONGEST = datetime.timedelta(days=366)


@dataclass(frozen=True)
class Handover:
    count: int
    to_worker: User
    batch: uuid.UUID | None


def require_org_admin(membership: Membership) -> None:
    if not (membership.role == Role.ORG_ADMIN and membership.is_active):
        raise PermissionDenied


def active_social_workers(organisation_id: int) -> QuerySet[User]:
    """Who may receive files or stand in: active social workers of the organisation."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=Role.SOCIAL_WORKER,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("full_name", "email")
    )


def _worker(organisation_id: int, user: User | int | None, field: str) -> User:
    user_id = user.pk if isinstance(user, User) else user
    worker = active_social_workers(organisation_id).filter(pk=user_id).first()
    if worker is None:
        raise ValidationError(
            {field: _("Choose an active social worker of this organisation.")},
            code="not_a_social_worker",
        )
    return worker


def _check_date(day: datetime.date | None, field: str, back: int, ahead: int) -> None:
    today = timezone.localdate()
    if day is None:
        raise ValidationError({field: _("Give a date.")}, code="required")
    if not today - datetime.timedelta(days=back) <= day <= today + datetime.timedelta(days=ahead):
        raise ValidationError(
            {
                field: _("Give a date from %(back)s days ago to %(ahead)s days from today.")
                % {"back": back, "ahead": ahead}
            },
            code="date_out_of_range",
        )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the files change hands.")}, code="required")
    if len(reason) > 300:
        raise ValidationError({"reason": _("Keep the reason under 300 characters.")})
    return reason


@transaction.atomic
def files_reassign(
    *,
    membership: Membership,
    to_worker: User | int | None,
    reason: str,
    handed_over_on: datetime.date | None,
    participant_ids: Iterable[int] | None = None,
    from_worker: User | int | None = None,
) -> Handover:
    """Hand the files `participant_ids` (or every file of `from_worker`) to `to_worker`.

    The old worker keeps no access (unless team access lets every colleague read); open
    reminders about these files follow the files; the new worker is notified; the timeline
    shows a FileHandover row per file; the audit trail names every file in one event.
    """
    require_org_admin(membership)
    organisation_id = membership.organisation_id
    worker = _worker(organisation_id, to_worker, "to_worker")
    reason = _reason(reason)
    _check_date(handed_over_on, "handed_over_on", HANDOVER_DAYS_BACK, HANDOVER_DAYS_AHEAD)
    # A file the admin is blocked from is outside their reach here too (AccessBlock).
    files = Participant.objects.filter(organisation_id=organisation_id).exclude(
        pk__in=blocked_for(membership.user_id)
    )
    if from_worker is not None:
        from_id = from_worker.pk if isinstance(from_worker, User) else from_worker
        if from_id == worker.pk:
            raise ValidationError(
                {"to_worker": _("Choose someone else than the worker who has the files now.")}
            )
        files = files.filter(social_worker_id=from_id)
    elif participant_ids is not None:
        ids = {int(pk) for pk in participant_ids}
        if not ids:
            raise ValidationError({"participants": _("Choose at least one file.")})
        files = files.filter(pk__in=ids)
    else:
        raise ValidationError({"participants": _("Choose at least one file.")})
    selected = list(files.select_for_update().order_by("pk").values_list("pk", "social_worker_id"))
    if from_worker is None and len(selected) < len(ids):
        # Not "of another organisation": that would say that such a file exists.
        raise ValidationError(
            {"participants": _("Some of these files are not in this organisation.")},
            code="not_found",
        )
    rows = [(pk, old) for pk, old in selected if old != worker.pk]
    if (
        AccessBlock.objects.active()
        .filter(user_id=worker.pk, participant_id__in=[pk for pk, _old in rows])
        .exists()
    ):
        raise ValidationError(
            {
                "to_worker": _(
                    "%(name)s is blocked from one of these files: choose another social worker."
                )
                % {"name": worker}
            },
            code="blocked",
        )
    if not rows:
        raise ValidationError(
            {
                "participants": _("There are no files to hand over: %(name)s has them already.")
                % {"name": worker}
            },
            code="nothing_to_move",
        )
    batch = uuid.uuid4()
    now = timezone.now()
    FileHandover.objects.bulk_create(
        [
            FileHandover(
                organisation_id=organisation_id,
                participant_id=pk,
                from_worker_id=old,
                to_worker_id=worker.pk,
                reason=reason,
                handed_over_on=handed_over_on,
                batch=batch,
                created_by_id=membership.user_id,
                created_at=now,
            )
            for pk, old in rows
        ],
        batch_size=None,
    )
    handovers = FileHandover.objects.filter(batch=batch)
    moved = handovers.values("participant_id")
    Participant.objects.filter(pk__in=moved).update(social_worker_id=worker.pk, updated_at=now)
    from_ids = {old for _pk, old in rows if old is not None}
    notifications.reminders_redirect(
        objects={
            "participants.participant": moved,
            "participants.intervention": Intervention.objects.filter(
                participant_id__in=moved
            ).values("pk"),
            "participants.familyplan": FamilyPlan.objects.filter(participant_id__in=moved).values(
                "pk"
            ),
            "participants.agreement": Agreement.objects.filter(
                plan__participant_id__in=moved
            ).values("pk"),
            "participants.consent": Consent.objects.filter(participant_id__in=moved).values("pk"),
        },
        from_recipient_ids=from_ids,
        to_recipient_id=worker.pk,
    )
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        object_type="participants.participant",
        object_ids=[pk for pk, _old in rows],
        fields=["social_worker"],
    )
    first = handovers.order_by("pk").first()
    handover_notify(first_handover=first, count=len(rows))
    files_handed_over.send(
        sender=FileHandover,
        membership=membership,
        organisation_id=organisation_id,
        handovers=handovers,
        from_worker_ids=from_ids,
        to_worker_id=worker.pk,
    )
    return Handover(count=len(rows), to_worker=worker, batch=batch)


def files_of(organisation_id: int, user_id: int) -> QuerySet[Participant]:
    return Participant.objects.filter(organisation_id=organisation_id, social_worker_id=user_id)


# --- Stand-ins -----------------------------------------------------------------------------


@transaction.atomic
def stand_in_create(
    *,
    membership: Membership,
    absent_worker: User | int | None,
    stand_in: User | int | None,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    reason: str = "",
) -> StandIn:
    """Name a stand-in for a social worker on leave, from `starts_on` until `ends_on`."""
    require_org_admin(membership)
    organisation_id = membership.organisation_id
    absent = _worker(organisation_id, absent_worker, "absent_worker")
    substitute = _worker(organisation_id, stand_in, "stand_in")
    if absent.pk == substitute.pk:
        raise ValidationError({"stand_in": _("Choose a colleague, not the absent worker.")})
    _check_date(starts_on, "starts_on", STAND_IN_DAYS_BACK, 366)
    if ends_on is None:
        raise ValidationError({"ends_on": _("Give a date.")}, code="required")
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})
    if ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("A stand-in that has ended already gives nothing.")})
    if ends_on - starts_on > STAND_IN_LONGEST:
        raise ValidationError({"ends_on": _("A stand-in lasts at most a year.")})
    overlapping = StandIn.objects.filter(
        organisation_id=organisation_id,
        absent_worker_id=absent.pk,
        stand_in_id=substitute.pk,
        ended_at__isnull=True,
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    )
    if overlapping.exists():
        raise ValidationError(
            _("%(stand_in)s stands in for %(absent)s in this period already.")
            % {"stand_in": substitute, "absent": absent}
        )
    row = StandIn(
        organisation_id=organisation_id,
        absent_worker=absent,
        stand_in=substitute,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=(reason or "").strip()[:300],
        created_by=membership.user,
    )
    row.full_clean()
    row.save()
    audit(membership, AuditEvent.Action.CREATE, row, ["absent_worker", "stand_in", "ends_on"])
    stand_in_notify(row)
    return row


@transaction.atomic
def stand_in_end(*, membership: Membership, stand_in: StandIn) -> StandIn:
    """End a stand-in before its end date: the stand-in's access to the files stops now."""
    require_org_admin(membership)
    if stand_in.organisation_id != membership.organisation_id:
        raise PermissionDenied
    row = StandIn.objects.select_for_update().get(pk=stand_in.pk)
    if row.ended_at is not None or row.ends_on < timezone.localdate():
        raise ValidationError(_("This stand-in has ended already."), code="ended")
    row.ended_at = timezone.now()
    row.ended_by = membership.user
    row.save(update_fields=["ended_at", "ended_by"])
    audit(membership, AuditEvent.Action.UPDATE, row, ["ended_at"])
    return row
