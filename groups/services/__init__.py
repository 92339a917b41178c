"""Writes for group work. Views, the API and tasks all go through these."""

from .attendance import (
    attendance_record,
    attendance_toggle,
    certificate_hand_out,
    signal_resolve,
    signals_refresh,
)
from .groups import (
    group_create,
    group_update,
    member_add,
    member_leave,
    member_rejoin,
    session_create,
)
from .lifecycle import group_delete, member_completion_set
from .placements import placement_create, placement_update
from .ties import tie_confirm, tie_decline, tie_propose

__all__ = [
    "attendance_record",
    "attendance_toggle",
    "certificate_hand_out",
    "group_create",
    "group_delete",
    "group_update",
    "member_add",
    "member_completion_set",
    "member_leave",
    "member_rejoin",
    "placement_create",
    "placement_update",
    "session_create",
    "signal_resolve",
    "signals_refresh",
    "tie_confirm",
    "tie_decline",
    "tie_propose",
]
