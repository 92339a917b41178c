"""Trajectories (chosen work models) and goals with their progress notes."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import apply_changes, audit
from workmodels.selectors import initiatives_visible_to

from ..models import Goal, GoalNote, Participant, Trajectory
from .common import require_file_consent, require_writer, save_as

TRAJECTORY_FIELDS = (
    "work_model",
    "motivation",
    "initiative",
    "initiative_name",
    "started_on",
    "ended_on",
    "status",
)
GOAL_FIELDS = ("work_model", "description", "status")


def _check_initiative(membership: Membership, trajectory: Trajectory) -> None:
    """The initiative must be one this organisation can see in the directory."""
    if trajectory.initiative_id is None:
        return
    if not initiatives_visible_to(membership).filter(pk=trajectory.initiative_id).exists():
        raise ValidationError({"initiative": _("Choose an initiative from the directory.")})


def _check_trajectory(trajectory: Trajectory) -> None:
    if trajectory.ended_on and trajectory.ended_on < trajectory.started_on:
        raise ValidationError({"ended_on": _("The end cannot be before the start.")})
    if trajectory.status == Trajectory.Status.ENDED and trajectory.ended_on is None:
        trajectory.ended_on = timezone.localdate()
    if trajectory.ended_on and trajectory.status != Trajectory.Status.ENDED:
        raise ValidationError({"status": _("A trajectory with an end date has ended.")})


@transaction.atomic
def trajectory_create(
    *, membership: Membership, participant: Participant, data: dict[str, Any]
) -> Trajectory:
    require_writer(membership, participant)
    require_file_consent(participant)
    data = {key: value for key, value in data.items() if key in TRAJECTORY_FIELDS}
    trajectory = Trajectory(participant=participant, created_by=membership.user, **data)
    _check_trajectory(trajectory)
    _check_initiative(membership, trajectory)
    trajectory.full_clean()
    save_as(trajectory, membership)
    audit(membership, AuditEvent.Action.CREATE, trajectory, data.keys())
    return trajectory


@transaction.atomic
def trajectory_update(
    *, membership: Membership, trajectory: Trajectory, data: dict[str, Any]
) -> Trajectory:
    require_writer(membership, trajectory.participant)
    require_file_consent(trajectory.participant)
    data = {key: value for key, value in data.items() if key in TRAJECTORY_FIELDS}
    changed = apply_changes(trajectory, data)
    _check_trajectory(trajectory)
    _check_initiative(membership, trajectory)
    if changed:
        trajectory.full_clean()
        save_as(trajectory, membership)
        audit(membership, AuditEvent.Action.UPDATE, trajectory, changed)
    return trajectory


@transaction.atomic
def goal_create(*, membership: Membership, participant: Participant, data: dict[str, Any]) -> Goal:
    require_writer(membership, participant)
    require_file_consent(participant)
    data = {key: value for key, value in data.items() if key in GOAL_FIELDS}
    goal = Goal(participant=participant, created_by=membership.user, **data)
    goal.full_clean()
    save_as(goal, membership)
    audit(membership, AuditEvent.Action.CREATE, goal, data.keys())
    return goal


@transaction.atomic
def goal_update(*, membership: Membership, goal: Goal, data: dict[str, Any]) -> Goal:
    require_writer(membership, goal.participant)
    require_file_consent(goal.participant)
    data = {key: value for key, value in data.items() if key in GOAL_FIELDS}
    changed = apply_changes(goal, data)
    if changed:
        goal.full_clean()
        save_as(goal, membership)
        audit(membership, AuditEvent.Action.UPDATE, goal, changed)
    return goal


@transaction.atomic
def goal_note_add(
    *, membership: Membership, goal: Goal, date: datetime.date, text: str
) -> GoalNote:
    require_writer(membership, goal.participant)
    require_file_consent(goal.participant)
    if date > timezone.localdate():
        raise ValidationError({"date": _("Progress cannot be noted in the future.")})
    note = GoalNote(goal=goal, date=date, text=text, author=membership.user)
    note.full_clean()
    save_as(note, membership)
    audit(membership, AuditEvent.Action.CREATE, note, ["date", "text"])
    return note
