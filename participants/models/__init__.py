from .consent import Consent
from .intervention import Intervention
from .participant import SPECIAL_CATEGORY_FIELDS, Participant, new_reference_code
from .trajectory import Goal, GoalNote, Trajectory

__all__ = [
    "SPECIAL_CATEGORY_FIELDS",
    "Consent",
    "Goal",
    "GoalNote",
    "Intervention",
    "Participant",
    "Trajectory",
    "new_reference_code",
]
