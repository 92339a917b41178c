"""Writes for the buddy programme. Views, the API and tasks all go through these."""

from .common import buddy_settings_for, weights_of
from .follow_up import check_in_create, contact_log_create, match_agreements_update
from .matches import (
    TRANSITIONS,
    match_activate,
    match_close,
    match_decline,
    match_plan_intro,
    match_propose,
    match_start_closing,
    suggestion_decline,
)
from .requests import buddy_request_close, buddy_request_create
from .volunteers import (
    buddy_settings_update,
    interest_tag_create,
    volunteer_create,
    volunteer_update,
)

__all__ = [
    "TRANSITIONS",
    "buddy_request_close",
    "buddy_request_create",
    "buddy_settings_for",
    "buddy_settings_update",
    "check_in_create",
    "contact_log_create",
    "interest_tag_create",
    "match_activate",
    "match_agreements_update",
    "match_close",
    "match_decline",
    "match_plan_intro",
    "match_propose",
    "match_start_closing",
    "suggestion_decline",
    "volunteer_create",
    "volunteer_update",
    "weights_of",
]
