"""Logging interventions, and keeping the file's last-contact and next-follow-up dates true."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import apply_changes, audit

from .. import reminders
from ..models import Intervention, Participant
from .common import require_file_consent, require_writer, save_as

MAX_NETWORK_PEOPLE = 30

INTERVENTION_FIELDS = (
    "date",
    "duration_minutes",
    "work_model",
    "kind",
    "took_part",
    "network_people",
    "summary",
    "goal",
    "follow_up_on",
)


def refresh_participant_dates(participant: Participant) -> None:
    """Recompute the two dates the caseload sorts and filters on, in one query."""
    dates = Intervention.objects.filter(participant=participant).aggregate(
        last=Max("date"),
        next=Min(
            "follow_up_on",
            filter=Q(follow_up_on__isnull=False, follow_up_done_on__isnull=True),
        ),
    )
    Participant.objects.filter(pk=participant.pk).update(
        last_intervention_on=dates["last"], next_follow_up_on=dates["next"]
    )
    participant.last_intervention_on = dates["last"]
    participant.next_follow_up_on = dates["next"]


def _check(intervention: Intervention) -> None:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if intervention.date and intervention.date > today:
        errors.setdefault("date", []).append(
            _("An intervention is logged once it happened; the date cannot be in the future.")
        )
    if (
        intervention.follow_up_on
        and intervention.date
        and intervention.follow_up_on < intervention.date
    ):
        errors.setdefault("follow_up_on", []).append(
            _("The follow-up date cannot be before the intervention.")
        )
    if intervention.goal_id and intervention.goal.participant_id != intervention.participant_id:
        errors.setdefault("goal", []).append(_("Choose one of this participant's goals."))
    people = intervention.network_people or []
    if (
        not isinstance(people, list)
        or len(people) > MAX_NETWORK_PEOPLE
        or not all(isinstance(name, str) and 0 < len(name) <= 100 for name in people)
    ):
        errors.setdefault("network_people", []).append(
            _("Choose who from the network took part from the map.")
        )
    unknown = set(intervention.took_part or []) - set(Intervention.TookPart.values)
    if unknown:
        errors.setdefault("took_part", []).append(_("Choose who took part from the list."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def intervention_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> Intervention:
    require_writer(membership, participant)
    require_file_consent(participant)
    data = {key: value for key, value in data.items() if key in INTERVENTION_FIELDS}
    intervention = Intervention(participant=participant, author=membership.user, **data)
    _check(intervention)
    intervention.full_clean()
    save_as(intervention, membership)
    refresh_participant_dates(participant)
    reminders.schedule_follow_up(intervention)
    audit(membership, AuditEvent.Action.CREATE, intervention, data.keys())
    return intervention


@transaction.atomic
def intervention_update(
    *, membership: Membership, intervention: Intervention, data: dict[str, Any]
) -> Intervention:
    require_writer(membership, intervention.participant)
    require_file_consent(intervention.participant)
    data = {key: value for key, value in data.items() if key in INTERVENTION_FIELDS}
    changed = apply_changes(intervention, data)
    _check(intervention)
    if changed:
        intervention.full_clean()
        save_as(intervention, membership)
        refresh_participant_dates(intervention.participant)
        reminders.schedule_follow_up(intervention)
        audit(membership, AuditEvent.Action.UPDATE, intervention, changed)
    return intervention


@transaction.atomic
def intervention_follow_up_done(
    *, membership: Membership, intervention: Intervention, done_on: datetime.date | None = None
) -> Intervention:
    require_writer(membership, intervention.participant)
    if intervention.follow_up_on is None:
        raise ValidationError(_("This intervention has no follow-up date."))
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate() or done_on < intervention.date:
        raise ValidationError(
            {"done_on": _("A follow-up is done between the intervention and today.")}
        )
    if intervention.follow_up_done_on is None:
        intervention.follow_up_done_on = done_on
        save_as(intervention, membership, update_fields=["follow_up_done_on"])
        refresh_participant_dates(intervention.participant)
        reminders.resolve_follow_up(intervention.pk)
        audit(membership, AuditEvent.Action.UPDATE, intervention, ["follow_up_done_on"])
    return intervention


@transaction.atomic
def intervention_delete(*, membership: Membership, intervention: Intervention) -> None:
    require_writer(membership, intervention.participant)
    participant = intervention.participant
    audit(membership, AuditEvent.Action.DELETE, intervention)
    reminders.resolve_follow_up(intervention.pk)
    intervention.delete()
    refresh_participant_dates(participant)
