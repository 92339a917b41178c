from .access_block import AccessBlock
from .consent import Consent, consent_in_force
from .handover import FileHandover, StandIn
from .intervention import Intervention
from .participant import (
    SPECIAL_CATEGORY_FIELDS,
    Participant,
    new_reference_code,
    short_name_expression,
)
from .trajectory import Goal, GoalNote, Trajectory

__all__ = [
    "SPECIAL_CATEGORY_FIELDS",
    "AccessBlock",
    "Consent",
    "FileHandover",
    "Goal",
    "GoalNote",
    "Intervention",
    "Participant",
    "StandIn",
    "Trajectory",
    "consent_in_force",
    "new_reference_code",
    "short_name_expression",
]
from .family_plans import Agreement as Agreement
from .family_plans import AgreementStatusChange as AgreementStatusChange
from .family_plans import FamilyPlan as FamilyPlan
from .measurements import Instrument as Instrument
from .measurements import Measurement as Measurement
from .measurements import OrganisationInstrument as OrganisationInstrument
from .network import NetworkMember as NetworkMember
from .network import NetworkSnapshot as NetworkSnapshot
from .network import SnapshotMember as SnapshotMember
from .network_ties import MemberTie as MemberTie
from .network_ties import SnapshotTie as SnapshotTie
