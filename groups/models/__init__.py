from .group import Group, GroupMember
from .placement import VolunteerPlacement
from .session import Attendance, AttendanceSignal, GroupSession
from .ties import MetHereTie

__all__ = [
    "Attendance",
    "AttendanceSignal",
    "Group",
    "GroupMember",
    "GroupSession",
    "MetHereTie",
    "VolunteerPlacement",
]
