"""The matched buddy on the participant's network map (the map belongs to participants).

Called inside the caller's transaction, so an activation or a closure and the map stay in step.
"""

from accounts.models import Membership
from participants.services.network import (
    network_member_end_for_buddy,
    network_member_upsert_for_buddy,
)

from ..models import Match


def buddy_network_member_sync(*, membership: Membership, match: Match) -> None:
    """An active match: the buddy is a member of the map (sector buddy/volunteers)."""
    network_member_upsert_for_buddy(
        membership=membership,
        participant=match.participant,
        buddy_match_id=match.pk,
        label=match.volunteer.short_name,
    )


def buddy_network_member_end(*, membership: Membership, match: Match) -> None:
    """A closed match: the buddy leaves today's map (earlier snapshots keep them)."""
    network_member_end_for_buddy(
        membership=membership, participant=match.participant, buddy_match_id=match.pk
    )
