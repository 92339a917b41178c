"""Writes for the buddy programme. Views, the API and tasks all go through these."""

from .accounts import volunteer_invite, volunteer_link_invited
from .follow_up import (
    check_in_create,
    contact_log_allowed,
    contact_log_already_sent,
    contact_log_create,
    match_agreements_update,
)
from .interests import interest_tag_create, interest_tag_delete, interest_tag_rename
from .matches import (
    TRANSITIONS,
    match_activate,
    match_close,
    match_decline,
    match_plan_intro,
    match_propose,
    match_resume,
    match_start_closing,
    suggestion_decline,
)
from .requests import (
    buddy_request_close,
    buddy_request_create,
    buddy_request_create_on_intake,
    buddy_request_delete,
    buddy_request_update,
    request_delete_problem,
)
from .volunteers import buddy_settings_update, volunteer_create, volunteer_update

__all__ = [
    "TRANSITIONS",
    "buddy_request_close",
    "buddy_request_create",
    "buddy_request_create_on_intake",
    "buddy_request_delete",
    "buddy_request_update",
    "buddy_settings_update",
    "check_in_create",
    "contact_log_allowed",
    "contact_log_already_sent",
    "contact_log_create",
    "interest_tag_create",
    "interest_tag_delete",
    "interest_tag_rename",
    "match_activate",
    "match_agreements_update",
    "match_close",
    "match_decline",
    "match_plan_intro",
    "match_propose",
    "match_resume",
    "match_start_closing",
    "request_delete_problem",
    "suggestion_decline",
    "volunteer_create",
    "volunteer_invite",
    "volunteer_link_invited",
    "volunteer_update",
]
