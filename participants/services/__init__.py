"""Writes to participant files. Views, the API, imports and tasks all go through these."""

from .consents import consent_give, consent_withdraw
from .files import participant_create, participant_intake_create, participant_update
from .interventions import (
    intervention_create,
    intervention_delete,
    intervention_follow_up_done,
    intervention_update,
)
from .plans import goal_create, goal_note_add, goal_update, trajectory_create, trajectory_update

__all__ = [
    "consent_give",
    "consent_withdraw",
    "goal_create",
    "goal_note_add",
    "goal_update",
    "intervention_create",
    "intervention_delete",
    "intervention_follow_up_done",
    "intervention_update",
    "participant_create",
    "participant_intake_create",
    "participant_update",
    "trajectory_create",
    "trajectory_update",
]
