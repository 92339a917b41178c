"""Reads for the buddy programme. Each model has one visibility rule, used everywhere."""

from .matches import (
    check_ins_due_on,
    check_ins_visible_to,
    contact_logs_visible_to,
    match_board,
    match_detail_for,
    match_figures,
    matches_visible_to,
    open_worries,
    own_match_any_status,
    participant_buddy_history,
    participant_buddy_matches,
    participant_worries,
    volunteer_contacts,
)
from .requests import requests_visible_to, waiting_list
from .settings import buddy_settings_for, weights_of
from .volunteers import (
    own_volunteer_profile,
    volunteer_pool,
    volunteer_pool_figures,
    volunteers_visible_to,
)

__all__ = [
    "buddy_settings_for",
    "check_ins_due_on",
    "check_ins_visible_to",
    "contact_logs_visible_to",
    "match_board",
    "match_detail_for",
    "match_figures",
    "matches_visible_to",
    "open_worries",
    "own_match_any_status",
    "own_volunteer_profile",
    "participant_buddy_history",
    "participant_buddy_matches",
    "participant_worries",
    "requests_visible_to",
    "volunteer_contacts",
    "volunteer_pool",
    "volunteer_pool_figures",
    "volunteers_visible_to",
    "waiting_list",
    "weights_of",
]
