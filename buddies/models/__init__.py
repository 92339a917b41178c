"""Buddies: the volunteer pool, buddy requests, matches and their follow-up."""

from .match import CheckIn, ContactLog, Match, MatchEvent
from .request import BuddyRequest
from .settings import BuddySettings, InterestTag
from .volunteer import Volunteer

__all__ = [
    "BuddyRequest",
    "BuddySettings",
    "CheckIn",
    "ContactLog",
    "InterestTag",
    "Match",
    "MatchEvent",
    "Volunteer",
]
