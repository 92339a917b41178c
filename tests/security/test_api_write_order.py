# ruff: noqa: E501  (the table is one row per operation, one column per role)
"""A caller who may not make a change never learns how its input would have been checked.

Every write the API offers (POST, PUT, PATCH, DELETE), as every role, on the first
organisation's records (the world of world.py), with a body no serializer accepts (a JSON list
instead of an object). "400" means the input was checked, which only those who may make the
change may see; the others get 403 (they may read the record, not change it) or 404 (out of
reach, or a role the endpoint is not for), and nothing changes in any table. DELETE has no
body: "ok" is the writer's answer. Anonymous callers: 403. A 500 fails at once.

An operation without a row fails the test. Set SECURITY_MATRIX_RECORD=<file> to write what
the application answers instead of asserting (to review a new row, never to copy blindly).
"""

import json
import os

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from .conftest import row_counts
from .test_access_matrix import _kwargs
from .urls_walk import declared_methods, is_api_view, url_patterns, url_views
from .world import ROLES

pytestmark = pytest.mark.django_db

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
REFUSED = {"403", "404"}

# fmt: off
# Column order: social_worker colleague coordinator volunteer researcher org_admin
#               other_org_worker other_org_admin anonymous policy_analyst
WRITES: dict[str, str] = {
    "DELETE api_intervention":                   "ok    404   404   404   404   403   404   404   403   404",
    "DELETE api_network_member":                 "ok    404   404   404   404   403   404   404   403   404",
    "DELETE api_network_tie":                    "ok    404   404   404   404   403   404   404   403   404",
    "PATCH api_agreement":                       "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_buddy_volunteer":                 "404   404   400   400   404   400   404   404   403   404",
    "PATCH api_family_plan":                     "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_goal":                            "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_group":                           "403   403   403   400   404   400   404   404   403   404",
    "PATCH api_intervention":                    "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_network_member":                  "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_network_tie":                     "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_participant":                     "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_placement":                       "400   404   404   404   404   403   404   404   403   404",
    "PATCH api_trajectory":                      "400   404   404   404   404   403   404   404   403   404",
    "POST api_buddy_match_check_ins":            "403   404   400   403   404   400   404   404   403   404",
    "POST api_buddy_match_contacts":             "403   404   403   400   404   403   404   404   403   404",
    "POST api_buddy_match_transition":           "403   404   400   403   404   400   404   404   403   404",
    "POST api_buddy_matches":                    "403   403   400   403   404   400   403   400   403   404",
    "POST api_buddy_request_set_aside":          "403   404   400   404   404   400   404   404   403   404",
    "POST api_buddy_requests":                   "400   400   403   404   404   403   400   403   403   404",
    "POST api_buddy_volunteers":                 "404   404   400   403   404   400   404   400   403   404",
    "POST api_consent_withdraw":                 "400   404   404   404   404   403   404   404   403   404",
    "POST api_family_plan_agreements":           "400   404   404   404   404   403   404   404   403   404",
    "POST api_goal_notes":                       "400   404   404   404   404   403   404   404   403   404",
    "POST api_group_members":                    "400   400   403   403   404   403   404   404   403   404",
    "POST api_group_sessions":                   "403   403   403   400   404   400   404   404   403   404",
    "POST api_groups":                           "400   400   400   403   404   400   400   400   403   404",
    "POST api_intervention_follow_up_done":      "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_consents":             "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_family_plans":         "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_goals":                "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_interventions":        "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_measurements":         "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_network_members":      "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_network_ties":         "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_network_import":       "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_network_import_confirm": "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_network_snapshots":    "400   404   404   404   404   403   404   404   403   404",
    "POST api_participant_trajectories":         "400   404   404   404   404   403   404   404   403   404",
    "POST api_participants":                     "400   400   404   404   404   403   400   403   403   404",
    "POST api_participants_reassign":            "404   404   404   404   404   400   404   400   403   404",
    "POST api_placements":                       "400   400   404   404   404   403   400   403   403   404",
    "POST api_stand_in_end":                     "404   404   404   404   404   ok    404   404   403   404",
    "POST api_stand_ins":                        "404   404   404   404   404   400   404   400   403   404",
    "POST api_referral_sent_list":               "400   400   404   404   404   403   400   403   403   404",
    "POST api_referral_sent_withdraw":           "400   404   404   404   404   403   404   404   403   404",
    "PUT api_group_session_attendance":          "403   403   403   400   404   400   404   404   403   404",
    "POST api_access_block_end":                 "404   404   404   404   404   ok    404   404   403   404",
    "POST api_access_blocks":                    "404   404   404   404   404   400   404   400   403   404",
    # The referral inbox: only the receiving organisation's intake roles write.
    "POST api_referral_inbox_accept":            "404   404   404   404   404   404   400   400   403   404",
    "POST api_referral_inbox_decline":           "404   404   404   404   404   404   400   400   403   404",
    "POST api_referral_inbox_messages":          "404   404   404   404   404   404   400   400   403   404",
    "POST api_referral_inbox_steps":             "404   404   404   404   404   404   400   400   403   404",
    # Flags, signals, messages, preferences and calendar links (issues 16 and 18).
    "PATCH api_my_preference":                     "400   400   400   400   400   400   400   400   403   404",
    "PATCH api_participant_preference":            "400   404   404   404   404   403   404   404   403   404",
    "POST api_calendar_feed_revoke":               "ok    404   404   404   404   404   404   404   403   404",
    "POST api_calendar_feeds":                     "400   400   400   400   404   400   400   400   403   404",
    "POST api_flag_confirm_end":                   "ok    404   400   403   404   ok    404   404   403   404",
    "POST api_flag_end":                           "400   404   400   403   404   400   404   404   403   404",
    "POST api_flag_pass_on":                       "403   404   400   403   404   400   404   404   403   404",
    "POST api_flags":                              "400   400   400   403   404   400   400   400   403   404",
    "POST api_messages":                           "400   400   400   404   404   400   400   400   403   404",
    "POST api_signal_release":                     "403   403   403   404   404   400   404   404   403   404",
    "POST api_signals":                            "400   400   400   400   404   400   400   400   403   404",
}
# fmt: on

PATTERNS = url_patterns()
VIEWS = url_views()
OPERATIONS = sorted(
    f"{method} {name}"
    for name, view in VIEWS.items()
    if is_api_view(view)
    for method in WRITE_METHODS
    if method in declared_methods(view)
)
RECORD = os.environ.get("SECURITY_MATRIX_RECORD")
_recorded: dict[str, str] = {}


@pytest.fixture(scope="module")
def api_clients(world, django_db_blocker):
    with django_db_blocker.unblock():
        clients = {"anonymous": Client()}
        for role, membership in world.members.items():
            token = Token.objects.get_or_create(user=membership.user)[0]
            clients[role] = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        return clients


def test_every_api_write_has_a_row_and_every_row_a_write():
    missing = sorted(set(OPERATIONS) - set(WRITES))
    assert not missing, f"Add these API writes to WRITES in {__file__}: {missing}"
    gone = sorted(set(WRITES) - set(OPERATIONS))
    assert not gone, f"Remove these rows from WRITES (no such API write any more): {gone}"


@pytest.mark.parametrize("operation", OPERATIONS)
def test_a_write_checks_access_before_input(world, api_clients, operation):
    method, name = operation.split(" ")
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    got = []
    for role in ROLES:
        with transaction.atomic():
            before = row_counts(world.tables)
            response = api_clients[role].generic(
                method, url, "[]" if method != "DELETE" else "", content_type="application/json"
            )
            assert response.status_code != 500, (operation, role)
            outcome = "ok" if response.status_code in (200, 201, 204) else str(response.status_code)
            if outcome in REFUSED:
                after = row_counts(world.tables)
                changed = [t for t, b, a in zip(world.tables, before, after, strict=True) if b != a]
                assert not changed, (operation, role, outcome, changed)
            transaction.set_rollback(True)
        got.append(outcome)
    if RECORD:
        _recorded[operation] = " ".join(got)
        with open(RECORD, "w") as out:
            json.dump(_recorded, out, indent=1)
        return
    assert operation in WRITES, f"Add a row for {operation} to WRITES"
    expected = WRITES[operation].split()
    surprises = [
        f"{r}: expected {e}, got {g}"
        for r, e, g in zip(ROLES, expected, got, strict=True)
        if e != g
    ]
    assert not surprises, f"{operation} ({url}): " + "; ".join(surprises)
