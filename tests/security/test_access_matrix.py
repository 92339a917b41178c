# ruff: noqa: E501  (the table is one row per URL, one column per role)
"""The access matrix: every URL of the project, every role, GET and POST, against one table.

A URL pattern without an entry in MATRIX fails the test, so a new page cannot go unchecked.
Each cell is "GET/POST" with these outcome classes:

  ok      200/201/204, or a redirect that is not to the log-in or re-authentication page
  400     the view was reached and refused the (empty) input
  login   302 to /accounts/login/ (anonymous)
  reauth  302 to /accounts/reauthenticate/ (sensitive action, recent log-in needed)
  404     out of reach: neither existence nor absence is revealed (design.md)
  403     reached but not allowed (the API's answer to an anonymous caller, read-only readers)
  405     the method is not offered

The policy analyst (last column) works for a municipality of their own and reaches the signals
report only: 404 everywhere else (accounts/analyst_scope.py), except the pages every signed-in
person has (home, which sends them to the report; notifications; the API's description).

Requests are made with an empty POST body on the first organisation's records (the world of
world.py, built once for the folder); each request runs in a transaction that is rolled back, so
the world is the same for every cell. For every refused cell, the number of rows in every table
(edit history and audit trail included, so updates and reads count too) must be unchanged.
Every answer to a signed-in person says `Cache-Control: no-store`. A 500 fails at once.

test_methods_and_caching.py checks the table against what each view declares: a method a
view does not offer is never "ok", and anonymous visitors are sent to log in on every page.

Set SECURITY_MATRIX_RECORD=<file> to write what the application answers instead of asserting
(used to review a new page's row, never to copy blindly).
"""

import json
import os

import pytest
from django.db import transaction
from django.urls import reverse

from .conftest import row_counts
from .urls_walk import url_patterns
from .world import ROLES

pytestmark = pytest.mark.django_db

R = ROLES  # column order of the table below
REFUSED = {"login", "404", "403", "405"}

# fmt: off
# Column order: social_worker colleague coordinator volunteer researcher org_admin
#               other_org_worker other_org_admin anonymous policy_analyst
MATRIX: dict[str, str] = {
    "api_agreement":                             "405/405     405/405     405/405     405/405     405/405     405/405     405/405     405/405     403/403      404/404",
    "api_buddy_match":                           "ok/405      404/405     ok/405      ok/405      404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_buddy_match_check_ins":                 "404/403     404/404     ok/400      404/403     404/404     ok/400      404/404     404/404     403/403      404/404",
    "api_buddy_match_contacts":                  "404/403     404/404     ok/403      ok/ok       404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_buddy_match_transition":                "405/403     405/404     405/400     405/403     405/404     405/400     405/404     405/404     403/403      404/404",
    "api_buddy_matches":                         "ok/403      ok/403      ok/400      ok/403      404/404     ok/400      ok/403      ok/400      403/403      404/404",
    "api_buddy_proposals":                       "404/405     404/405     ok/405      404/405     404/405     ok/405      404/405     ok/405      403/403      404/404",
    "api_buddy_request":                         "ok/405      404/405     ok/405      404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_buddy_request_set_aside":               "405/403     405/404     405/400     405/404     405/404     405/400     405/404     405/404     403/403      404/404",
    "api_buddy_request_suggestions":             "404/405     404/405     ok/405      404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_buddy_requests":                        "ok/400      ok/400      ok/403      404/404     404/404     ok/403      ok/400      ok/403      403/403      404/404",
    "api_buddy_volunteer":                       "404/405     404/405     ok/405      ok/405      404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_buddy_volunteers":                      "404/404     404/404     ok/400      ok/403      404/404     ok/400      404/404     ok/400      403/403      404/404",
    "api_consent_withdraw":                      "405/ok      405/404     405/404     405/404     405/404     405/403     405/404     405/404     403/403      404/404",
    "api_docs":                                  "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      ok/405",
    "api_family_plan":                           "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_family_plan_agreements":                "405/400     405/404     405/404     405/404     405/404     405/403     405/404     405/404     403/403      404/404",
    "api_findings":                              "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      404/404",
    "api_goal":                                  "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_goal_notes":                            "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_group":                                 "ok/405      ok/405      ok/405      ok/405      404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_group_members":                         "ok/400      ok/400      ok/403      ok/403      404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_group_session_attendance":              "404/405     404/405     404/405     ok/405      404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_group_sessions":                        "ok/403      ok/403      ok/403      ok/400      404/404     ok/400      404/404     404/404     403/403      404/404",
    "api_groups":                                "ok/400      ok/400      ok/400      ok/403      404/404     ok/400      ok/400      ok/400      403/403      404/404",
    "api_initiatives":                           "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      404/404",
    "api_intervention":                          "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_intervention_follow_up_done":           "405/ok      405/404     405/404     405/404     405/404     405/403     405/404     405/404     403/403      404/404",
    "api_me":                                    "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      ok/405",
    "api_measurement":                           "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_network_member":                        "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_network_tie":                           "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_network_snapshot":                      "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_network_snapshot_analysis":             "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_network_snapshot_csv":                  "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_network_snapshot_graphml":              "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_participant":                           "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_participant_consents":                  "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_family_plans":              "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_goals":                     "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_interventions":             "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_measurements":              "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_network_members":           "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_network_ties":              "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_network_csv":               "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_participant_network_graphml":           "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_participant_network_import":            "405/400     405/404     405/404     405/404     405/404     405/403     405/404     405/404     403/403      404/404",
    "api_participant_network_import_confirm":    "405/400     405/404     405/404     405/404     405/404     405/403     405/404     405/404     403/403      404/404",
    "api_participant_network_snapshots":         "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participant_network_analysis":          "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_participant_trajectories":              "ok/400      404/404     404/404     404/404     404/404     ok/403      404/404     404/404     403/403      404/404",
    "api_participants":                          "ok/400      ok/400      404/404     404/404     404/404     ok/403      ok/400      ok/403      403/403      404/404",
    "api_participants_reassign":                 "405/404     405/404     405/404     405/404     405/404     405/400     405/404     405/400     403/403      404/404",
    "api_placement":                             "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_placements":                            "ok/400      ok/400      404/404     404/404     404/404     ok/403      ok/400      ok/403      403/403      404/404",
    "api_redoc":                                 "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      ok/405",
    "api_referral_sent":                         "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_referral_sent_list":                    "ok/400      ok/400      404/404     404/404     404/404     ok/403      ok/400      ok/403      403/403      404/404",
    "api_referral_sent_withdraw":                "405/ok      405/404     405/404     405/404     405/404     405/403     405/404     405/404     403/403      404/404",
    "api_referral_figures":                      "404/405     404/405     ok/405      404/405     404/405     ok/405      404/405     ok/405      403/403      404/404",
    "api_referral_figures_instance":             "404/405     404/405     ok/405      404/405     ok/405      ok/405      404/405     ok/405      403/403      404/404",
    "api_schema":                                "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      ok/405",
    "api_stand_in":                              "404/405     404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_stand_in_end":                          "405/404     405/404     405/404     405/404     405/404     405/ok      405/404     405/404     403/403      404/404",
    "api_stand_ins":                             "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     ok/400      403/403      404/404",
    "api_trajectory":                            "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_what_works_for_whom":                   "404/405     404/405     ok/405      404/405     ok/405      ok/405      404/405     ok/405      403/403      404/404",
    "api_work_models":                           "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403      404/404",
    "buddies:agreements_edit":                   "404/404     404/404     405/ok      404/404     404/404     405/ok      404/404     405/404     login/login  404/404",
    "buddies:batch":                             "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "buddies:check_in_add":                      "404/404     404/404     405/400     404/404     404/404     405/400     404/404     405/404     login/login  404/404",
    "buddies:contact_add":                       "404/404     404/404     405/403     404/404     404/404     405/403     404/404     405/404     login/login  404/404",
    "buddies:figures":                           "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "buddies:interest_delete":                   "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "buddies:interest_edit":                     "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "buddies:interest_list":                     "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "buddies:match_board":                       "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "buddies:match_detail":                      "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     404/405     login/login  404/404",
    "buddies:match_transition":                  "404/404     404/404     405/ok      404/404     404/404     405/ok      404/404     405/404     login/login  404/404",
    "buddies:my_contact":                        "404/404     404/404     404/404     ok/405      404/404     404/404     404/404     404/404     login/login  404/404",
    "buddies:my_contact_log":                    "404/404     404/404     404/404     ok/ok       404/404     404/404     404/404     404/404     login/login  404/404",
    "buddies:my_profile":                        "404/404     404/404     404/404     ok/ok       404/404     404/404     404/404     404/404     login/login  404/404",
    "buddies:participant_buddy":                 "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "buddies:propose":                           "404/404     404/404     405/404     404/404     404/404     405/404     404/404     405/404     login/login  404/404",
    "buddies:request_create":                    "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "buddies:request_delete":                    "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "buddies:request_edit":                      "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "buddies:set_aside":                         "404/404     404/404     405/ok      404/404     404/404     405/ok      404/404     405/404     login/login  404/404",
    "buddies:settings":                          "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "buddies:start_closing_confirm":             "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     404/405     login/login  404/404",
    "buddies:suggestions":                       "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     404/405     login/login  404/404",
    "buddies:volunteer_create":                  "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "buddies:volunteer_edit":                    "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "buddies:volunteer_invite":                  "404/404     404/404     405/ok      404/404     404/404     405/ok      404/404     405/404     login/login  404/404",
    "buddies:volunteer_list":                    "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "buddies:waiting_list":                      "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "download_resume":                           "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  ok/405",
    "findings:choose_model":                     "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "findings:coding":                           "404/404     404/404     404/404     404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:dashboard":                        "404/404     404/404     ok/405      404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:dashboard_csv":                    "404/404     404/404     ok/405      404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:durable_ties":                     "404/404     404/404     ok/405      404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:durable_ties_csv":                 "404/404     404/404     ok/405      404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:finding_create":                   "404/404     404/404     404/404     404/404     ok/ok       ok/ok       404/404     ok/ok       login/login  404/404",
    "findings:focus_group":                      "404/404     404/404     404/404     404/404     ok/ok       ok/ok       404/404     404/404     login/login  404/404",
    "findings:focus_groups":                     "404/404     404/404     404/404     404/404     ok/ok       ok/ok       404/404     ok/ok       login/login  404/404",
    "findings:list":                             "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  404/404",
    "findings:quote_code":                       "404/404     404/404     404/404     404/404     405/ok      405/ok      404/404     405/404     login/login  404/404",
    "findings:research_export":                  "404/404     404/404     404/404     404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:research_export_csv":              "404/404     404/404     404/404     404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "findings:research_network_zip":             "404/404     404/404     404/404     404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "groups:attendance":                         "404/404     404/404     404/404     ok/400      404/404     ok/400      404/404     404/404     login/login  404/404",
    "groups:attendance_toggle":                  "405/404     405/404     405/404     405/ok      404/404     405/ok      405/404     405/404     login/login  404/404",
    "groups:certificate":                        "405/404     405/404     405/404     405/ok      404/404     405/ok      405/404     405/404     login/login  404/404",
    "groups:create":                             "ok/ok       ok/ok       ok/ok       404/404     404/404     ok/ok       ok/ok       ok/ok       login/login  404/404",
    "groups:delete":                             "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     404/404     login/login  404/404",
    "groups:detail":                             "ok/405      ok/405      ok/405      ok/405      404/404     ok/405      404/405     404/405     login/login  404/404",
    "groups:edit":                               "404/404     404/404     404/404     ok/ok       404/404     ok/ok       404/404     404/404     login/login  404/404",
    "groups:figures":                            "ok/405      ok/405      ok/405      ok/405      404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "groups:figures_csv":                        "ok/405      ok/405      ok/405      ok/405      404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "groups:file_card":                          "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "groups:list":                               "ok/405      ok/405      ok/405      ok/405      404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "groups:member_add":                         "405/400     405/400     405/404     405/404     404/404     405/404     405/404     405/404     login/login  404/404",
    "groups:member_completion":                  "405/404     405/404     405/404     405/ok      404/404     405/ok      405/404     405/404     login/login  404/404",
    "groups:member_leave":                       "404/404     404/404     404/404     ok/400      404/404     ok/400      404/404     404/404     login/login  404/404",
    "groups:member_rejoin":                      "405/404     405/404     405/404     405/ok      404/404     405/ok      405/404     405/404     login/login  404/404",
    "groups:placement_create":                   "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "groups:placement_edit":                     "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "groups:session_create":                     "405/404     405/404     405/404     405/400     404/404     405/400     405/404     405/404     login/login  404/404",
    "groups:signal_resolve":                     "405/404     405/404     405/404     405/ok      404/404     405/ok      405/404     405/404     login/login  404/404",
    "groups:tie_create":                         "ok/ok       404/404     404/404     ok/ok       404/404     ok/ok       404/404     404/404     login/login  404/404",
    "groups:tie_decide":                         "405/ok      405/404     404/404     404/404     404/404     405/403     405/404     405/404     login/login  404/404",
    "home":                                      "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  ok/405",
    "invitation_accept":                         "ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok  ok/ok",
    "organisation_audit":                        "404/404     404/404     404/404     404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "organisation_audit_export":                 "404/404     404/404     404/404     404/404     404/404     reauth/reauth 404/404     reauth/reauth login/login  404/404",
    "organisation_invitation_revoke":            "404/404     404/404     404/404     404/404     404/404     405/ok      404/404     405/404     login/login  404/404",
    "organisation_invite":                       "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "organisation_members":                      "404/404     404/404     404/404     404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "organisation_membership_edit":              "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "organisation_settings":                     "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "organisation_switch":                       "405/404     405/404     405/404     405/404     405/404     405/404     405/404     405/404     login/login  405/404",
    "participants:consent_give":                 "405/400     405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:consent_withdraw":             "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:create":                       "ok/ok       ok/ok       404/404     404/404     404/404     404/404     ok/ok       404/404     login/login  404/404",
    "participants:detail":                       "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:edit":                         "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:export":                       "reauth/405  reauth/405  404/404     404/404     404/404     404/404     reauth/405  404/404     login/login  404/404",
    "participants:goal_create":                  "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:goal_edit":                    "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:goal_note_add":                "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:handover":                     "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "participants:handover_confirm":             "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     404/400     login/login  404/404",
    "participants:history":                      "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:import":                       "ok/400      ok/400      404/404     404/404     404/404     404/404     ok/400      404/404     login/login  404/404",
    "participants:import_cancel":                "405/ok      405/ok      404/404     404/404     404/404     404/404     405/ok      404/404     login/login  404/404",
    "participants:import_confirm":               "405/ok      405/ok      404/404     404/404     404/404     404/404     405/ok      404/404     login/login  404/404",
    "participants:import_example":               "ok/405      ok/405      404/404     404/404     404/404     404/404     ok/405      404/404     login/login  404/404",
    "participants:instrument_toggle":            "404/404     404/404     404/404     404/404     404/404     405/ok      404/404     405/ok      login/login  404/404",
    "participants:instruments":                  "404/404     404/404     404/404     404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "participants:intervention_create":          "405/400     405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:intervention_delete":          "405/ok      405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:intervention_edit":            "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:intervention_follow_up_done":  "405/ok      405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:list":                         "ok/ok       ok/ok       404/404     404/404     404/404     ok/ok       ok/ok       ok/ok       login/login  404/404",
    "participants:network":                      "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:network_agreement_create":     "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_agreement_edit":       "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_charts":               "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:network_compare":              "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:network_export_csv":           "reauth/405  404/405     404/404     404/404     404/404     reauth/405  404/405     404/405     login/login  404/404",
    "participants:network_export_graphml":       "reauth/405  404/405     404/404     404/404     404/404     reauth/405  404/405     404/405     login/login  404/404",
    "participants:network_import":               "ok/400      404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_import_cancel":        "405/ok      405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_import_confirm":       "405/ok      405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_measurement_create":   "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_member_create":        "405/400     405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_member_delete":        "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_member_edit":          "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_member_place":         "405/400     405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_member_removed":       "ok/405      404/405     404/404     404/404     404/404     404/404     404/405     404/404     login/login  404/404",
    "participants:network_tie_create":           "405/400     405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_tie_delete":           "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_tie_edit":             "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_member_restore":       "405/ok      405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_plan_create":          "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_plan_edit":            "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:network_print":                "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:network_snapshot_create":      "405/400     405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "participants:network_snapshot_detail":      "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "participants:network_snapshot_csv":         "reauth/405  404/405     404/404     404/404     404/404     reauth/405  404/405     404/405     login/login  404/404",
    "participants:network_snapshot_graphml":     "reauth/405  404/405     404/404     404/404     404/404     reauth/405  404/405     404/405     login/login  404/404",
    "participants:rights_anonymise":             "404/404     404/404     404/404     404/404     404/404     reauth/reauth 404/404     404/404     login/login  404/404",
    "participants:rights_export":                "reauth/405  404/405     404/404     404/404     404/404     reauth/405  404/405     404/405     login/login  404/404",
    "participants:rights_export_json":           "reauth/405  404/405     404/404     404/404     404/404     reauth/405  404/405     404/405     login/login  404/404",
    "participants:stand_in_end":                 "404/404     404/404     404/404     404/404     404/404     405/ok      404/404     405/404     login/login  404/404",
    "participants:stand_ins":                    "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "participants:trajectory_create":            "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "participants:trajectory_edit":              "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "referrals:sender_detail":                   "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "referrals:sender_email":                    "405/ok      405/404     404/404     404/404     404/404     404/404     405/404     404/404     login/login  404/404",
    "referrals:sender_file_card":                "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "referrals:sender_letter":                   "ok/405      404/405     404/404     404/404     404/404     ok/405      404/405     404/405     login/login  404/404",
    "referrals:sender_list":                     "ok/405      ok/405      404/404     404/404     404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "referrals:sender_refer":                    "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "referrals:sender_withdraw":                 "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  404/404",
    "referrals:figures":                         "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "referrals:figures_csv":                     "404/404     404/404     ok/405      404/404     404/404     ok/405      404/404     ok/405      login/login  404/404",
    "referrals:figures_instance":                "404/404     404/404     ok/405      404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "referrals:figures_instance_csv":            "404/404     404/404     ok/405      404/404     ok/405      ok/405      404/404     ok/405      login/login  404/404",
    "workmodels:addition_edit":                  "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     ok/ok       login/login  404/404",
    "workmodels:detail":                         "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  404/404",
    "workmodels:directory":                      "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  404/404",
    "workmodels:directory_export":               "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  404/404",
    "workmodels:directory_import":               "ok/400      ok/400      ok/400      404/404     404/404     ok/400      ok/400      ok/400      login/login  404/404",
    "workmodels:directory_import_confirm":       "405/ok      405/ok      405/ok      404/404     404/404     405/ok      405/ok      405/ok      login/login  404/404",
    "workmodels:initiative":                     "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  404/404",
    "workmodels:initiative_create":              "ok/ok       ok/ok       ok/ok       404/404     404/404     ok/ok       ok/ok       ok/ok       login/login  404/404",
    "workmodels:initiative_delete":              "405/ok      405/ok      405/ok      404/404     404/404     405/ok      405/404     405/404     login/login  404/404",
    "workmodels:initiative_edit":                "ok/ok       ok/ok       ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "workmodels:list":                           "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  404/404",
    "api_access_block":                          "404/405     404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403     404/404",
    "api_access_block_end":                      "405/404     405/404     405/404     405/404     405/404     405/ok      405/404     405/404     403/403     404/404",
    "api_access_blocks":                         "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     ok/400      403/403     404/404",
    "api_calendar_feed":                         "ok/405      404/405     404/405     404/405     404/405     404/405     404/405     404/405     403/403     404/404",
    "api_calendar_feed_revoke":                  "405/ok      405/404     405/404     405/404     405/404     405/404     405/404     405/404     403/403     404/404",
    "api_calendar_feeds":                        "ok/400      ok/ok       ok/ok       ok/ok       404/404     ok/ok       ok/ok       ok/ok       403/403     404/404",
    "participants:access_block_create":          "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     404/404     login/login     404/404",
    "participants:access_block_end":             "404/404     404/404     404/404     404/404     404/404     ok/ok       404/404     404/404     login/login     404/404",
    "participants:access_blocks":                "404/404     404/404     404/404     404/404     404/404     ok/405      404/404     ok/405      login/login     404/404",
    "api_messages":                              "ok/400      ok/400      ok/400      404/404     404/404     ok/400      ok/400      ok/400      403/403     404/404",
    "api_my_preference":                         "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      403/403     404/404",
    "api_participant_messages":                  "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403     404/404",
    "api_participant_preference":                "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     403/403     404/404",
    "api_volunteer_messages":                    "404/405     404/405     ok/405      404/405     404/405     ok/405      404/405     404/405     403/403     404/404",
    # The referral inbox (the receiving side) and the thread both sides post to.
    "api_referral_inbox":                        "ok/405      ok/405      ok/405      404/405     404/405     ok/405      ok/405      ok/405      403/403      404/404",
    "api_referral_inbox_accept":                 "405/404     405/404     405/404     405/404     405/404     405/404     405/400     405/400     403/403      404/404",
    "api_referral_inbox_decline":                "405/404     405/404     405/404     405/404     405/404     405/404     405/400     405/400     403/403      404/404",
    "api_referral_inbox_item":                   "404/405     404/405     404/405     404/405     404/405     404/405     ok/405      ok/405      403/403      404/404",
    "api_referral_inbox_messages":               "404/404     404/404     404/404     404/404     404/404     404/404     ok/400      ok/400      403/403      404/404",
    "api_referral_inbox_steps":                  "405/404     405/404     405/404     405/404     405/404     405/404     405/400     405/400     403/403      404/404",
    "referrals:inbox_accept":                    "404/404     404/404     404/404     404/404     404/404     404/404     ok/400      ok/400      login/login  404/404",
    "referrals:inbox_decline":                   "404/404     404/404     404/404     404/404     404/404     404/404     ok/400      ok/400      login/login  404/404",
    "referrals:inbox_detail":                    "404/405     404/405     404/405     404/404     404/404     404/405     ok/405      ok/405      login/login  404/404",
    "referrals:inbox_end":                       "404/404     404/404     404/404     404/404     404/404     404/404     ok/400      ok/400      login/login  404/404",
    "referrals:inbox_first_contact":             "404/404     404/404     404/404     404/404     404/404     404/404     ok/400      ok/400      login/login  404/404",
    "referrals:inbox_list":                      "ok/405      ok/405      ok/405      404/404     404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "referrals:thread_post":                     "405/400     405/404     405/404     404/404     404/404     405/400     405/400     405/400     login/login  404/404",
    # The signals report: the policy analyst's pages and API, and nobody else's.
    "signals_report:report":                     "404/404     404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  ok/405",
    "signals_report:report_csv":                 "404/404     404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login  ok/405",
    "api_signals_report":                        "404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     403/403      ok/405",
    # Structural signals (signalling): staff read the organisation's signals, volunteers their own.
    "api_signal":                                "ok/405      ok/405      ok/405      404/405     404/405     ok/405      404/405     404/405     403/403      404/404",
    "api_signal_release":                        "405/403     405/403     405/403     405/404     405/404     405/ok      405/404     405/404     403/403      404/404",
    "api_signal_themes":                         "ok/405      ok/405      ok/405      ok/405      404/405     ok/405      ok/405      ok/405      403/403      404/404",
    "api_signals":                               "ok/400      ok/400      ok/400      ok/400      404/404     ok/400      ok/400      ok/400      403/403      404/404",
    "signalling:detail":                         "ok/405      ok/405      ok/405      404/405     404/404     ok/405      404/405     404/405     login/login  404/404",
    "signalling:edit":                           "ok/400      403/403     403/403     404/404     404/404     ok/400      404/404     404/404     login/login  404/404",
    "signalling:list":                           "ok/405      ok/405      ok/405      ok/405      404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "signalling:overview":                       "ok/405      ok/405      ok/405      404/404     404/404     ok/405      ok/405      ok/405      login/login  404/404",
    "signalling:record":                         "ok/400      ok/400      ok/400      404/404     404/404     ok/400      ok/400      ok/400      login/login  404/404",
    "signalling:record_file":                    "ok/400      404/404     404/404     404/404     404/404     ok/400      404/404     404/404     login/login  404/404",
    "signalling:record_match":                   "ok/400      404/404     ok/400      ok/400      404/404     ok/400      404/404     404/404     login/login  404/404",
    "signalling:record_session":                 "ok/400      ok/400      ok/400      404/404     404/404     ok/400      404/404     404/404     login/login  404/404",
    "signalling:release":                        "403/403     403/403     403/403     404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "signalling:sharing":                        "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     ok/400      login/login  404/404",
    "signalling:theme_edit":                     "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     404/404     login/login  404/404",
    "signalling:themes":                         "404/404     404/404     404/404     404/404     404/404     ok/400      404/404     ok/400      login/login  404/404",
    "signalling:unrelease":                      "403/403     403/403     403/403     404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "signalling:withdraw":                       "ok/ok       403/403     403/403     404/404     404/404     ok/ok       404/404     404/404     login/login  404/404",
    "service_worker":                            "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405     404/404",
    "web_manifest":                              "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405     404/404",
    "offline_sync":                              "404/404     404/404     404/404     ok/400      404/404     404/404     404/404     404/404     login/login     404/404",
    "buddies:my_contact_worry":                  "404/404     404/404     404/404     ok/400      404/404     404/404     404/404     404/404     login/login     404/404",
    "my_phones":                                 "404/404     404/404     404/404     ok/405      404/404     404/404     404/404     404/404     login/login     404/404",
    "my_phone_forget":                           "404/404     404/404     404/404     405/ok      404/404     404/404     404/404     404/404     login/login     404/404",
    "organisation_phones":                       "404/404     404/404     404/404     404/404     404/404     ok/405      404/404     ok/405      login/login     404/404",
    "organisation_phone_forget":                 "404/404     404/404     404/404     404/404     404/404     405/ok      404/404     405/404     login/login     404/404",
    # Safety flags (tests/safety): the world's flag is on the match, passed on to the volunteer,
    # its end asked by the coordinator.
    "api_flag":                                  "ok/405      404/405     ok/405      ok/405      404/405     ok/405      404/405     404/405     403/403     404/404",
    "api_flag_confirm_end":                      "405/ok      405/404     405/400     405/403     405/404     405/ok      405/404     405/404     403/403     404/404",
    "api_flag_end":                              "405/400     405/404     405/400     405/403     405/404     405/400     405/404     405/404     403/403     404/404",
    "api_flag_kinds":                            "ok/405      ok/405      ok/405      404/405     404/405     ok/405      ok/405      ok/405      403/403     404/404",
    "api_flag_pass_on":                          "405/403     405/404     405/400     405/403     405/404     405/400     405/404     405/404     403/403     404/404",
    "api_flags":                                 "ok/400      ok/400      ok/400      ok/403      404/404     ok/400      ok/400      ok/400      403/403     404/404",
    "safety:flag_confirm_end":                   "ok/ok       404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login     404/404",
    "safety:flag_create_match":                  "ok/400      404/404     ok/400      404/404     404/404     ok/400      404/404     404/404     login/login     404/404",
    "safety:flag_create_participant":            "ok/400      404/404     404/404     404/404     404/404     403/403     404/404     404/404     login/login     404/404",
    "safety:flag_detail":                        "ok/405      404/405     ok/405      404/404     404/404     ok/405      404/405     404/405     login/login     404/404",
    "safety:flag_end":                           "ok/400      404/404     ok/400      404/404     404/404     ok/400      404/404     404/404     login/login     404/404",
    "safety:flag_from_worry":                    "ok/400      404/404     ok/400      404/404     404/404     ok/400      404/404     404/404     login/login     404/404",
    "safety:flag_pass_on":                       "404/404     404/404     ok/ok       404/404     404/404     ok/ok       404/404     404/404     login/login     404/404",
    # Calendar feeds, SMS, messages (issue 16).
    "notifications:list": "ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      ok/405      login/login  ok/405",
    "notifications:done": "405/ok      405/404     405/404     405/404     405/404     405/404     405/404     405/404     login/login  405/404",
    "notifications:open": "405/ok      405/404     405/404     405/404     405/404     405/404     405/404     405/404     login/login  405/404",
    "notifications:read_all": "405/ok      405/ok      405/ok      405/ok      405/ok      405/ok      405/ok      405/ok      login/login  405/ok",
    "notifications:preference": "405/ok      405/ok      405/ok      405/ok      405/ok      405/ok      405/ok      405/ok      login/login  405/ok",
    "notifications:rules": "404/404     404/404     404/404     404/404     404/404     ok/404      404/404     ok/404      login/login  404/404",
    # The feed is public (the token is the key): an unknown token is 404 for everyone.
    "calendars:feed": "404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/404",
    "calendars:new": "405/ok      405/ok      405/ok      405/ok      404/404     405/ok      405/ok      405/ok      login/login     404/404",
    "calendars:revoke": "ok/ok       404/404     404/404     404/404     404/404     404/404     404/404     404/404     login/login     404/404",
    "calendars:settings": "ok/405      ok/405      ok/405      ok/405      404/404     ok/405      ok/405      ok/405      login/login     404/404",
    "notifications:sms_inbox": "ok/405      ok/405      ok/405      404/404     404/404     ok/405      ok/405      ok/405      login/login     404/404",
    "notifications:sms_inbox_handled": "405/ok      405/ok      405/ok      404/404     404/404     405/ok      405/404     405/404     login/login     404/404",
    # The gateway's callbacks: no log-in, a secret token (none here: 404 for everyone), GET only.
    "notifications:sms_inbound": "404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405",
    "notifications:sms_delivery_report": "404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405     404/405",
    "messaging:calls": "ok/405      ok/405      ok/405      404/404     404/404     ok/405      ok/405      ok/405      login/login     404/404",
    "messaging:compose_group": "403/403     403/403     403/403     403/403     404/404     ok/400      404/404     404/404     login/login     404/404",
    "messaging:compose_participant": "ok/400      404/404     404/404     404/404     404/404     403/403     404/404     404/404     login/login     404/404",
    "messaging:compose_volunteer": "404/404     404/404     ok/400      404/404     404/404     ok/400      404/404     404/404     login/login     404/404",
    "messaging:compose_volunteers": "404/404     404/404     ok/400      404/404     404/404     ok/400      404/404     ok/400      login/login     404/404",
    "messaging:hand_done": "405/ok      405/404     405/404     404/404     404/404     405/ok      405/404     405/404     login/login     404/404",
    "messaging:letters": "ok/405      ok/405      ok/405      404/404     404/404     ok/405      ok/405      ok/405      login/login     404/404",
    "messaging:letters_done": "405/ok      405/ok      405/ok      404/404     404/404     405/ok      405/ok      405/ok      login/login     404/404",
    "messaging:participant_log": "ok/405      404/405     404/405     404/405     404/405     ok/405      404/405     404/405     login/login     404/404",
    "messaging:preference": "ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       ok/ok       login/login     404/404",
    "messaging:template_edit": "403/403     403/403     403/403     404/404     404/404     ok/400      404/404     404/404     login/login     404/404",
    "messaging:templates": "ok/403      ok/403      ok/403      404/404     404/404     ok/400      ok/403      ok/400      login/login     404/404",
    "messaging:volunteer_log": "404/405     404/405     ok/405      404/405     404/405     ok/405      404/405     404/405     login/login     404/404",
}
# fmt: on

# Rows of pages still being routed, kept apart until their author checked them once more
# (empty: every row is in MATRIX).
PENDING: dict[str, str] = {}

# Which world object fills a URL's `pk` (by URL name or namespace), and other kwargs by name.
PK = {
    "organisation_membership_edit": "membership",
    "my_phone_forget": "device",
    "organisation_phone_forget": "device",
    "organisation_invitation_revoke": "invitation",
    "participants:instrument_toggle": "instrument",
    "buddies:volunteer_edit": "buddy",
    "buddies:volunteer_invite": "buddy",
    "buddies:request_edit": "waiting_request",
    "buddies:request_delete": "waiting_request",
    "buddies:interest_edit": "interest",
    "buddies:interest_delete": "interest",
    "buddies:suggestions": "waiting_request",
    "buddies:propose": "waiting_request",
    "buddies:set_aside": "waiting_request",
    "buddies:my_contact": "match",
    "buddies:my_contact_log": "match",
    "groups:attendance": "session",
    "groups:attendance_toggle": "session",
    "groups:tie_create": "session",
    "groups:tie_decide": "tie",
    "groups:placement_edit": "placement",
    "workmodels:initiative": "initiative",
    "workmodels:initiative_edit": "initiative",
    "workmodels:initiative_delete": "initiative",
    "findings:quote_code": "quote",
    "findings:focus_group": "focus_group",
    "findings:choose_model": "participant",
    "notifications:open": "reminder",
    "messaging:compose_participant": "participant",
    "api_participant_messages": "participant",
    "api_participant_preference": "participant",
    "api_volunteer_messages": "buddy",
    "messaging:participant_log": "participant",
    "messaging:compose_volunteer": "buddy",
    "messaging:volunteer_log": "buddy",
    "messaging:compose_group": "group",
    "messaging:template_edit": "message_template",
    "messaging:hand_done": "letter",
    "notifications:done": "reminder",
    "calendars:revoke": "calendar_feed",
    "api_calendar_feed_revoke": "calendar_feed",
    "api_calendar_feed": "calendar_feed",
    "notifications:sms_inbox_handled": "inbound",
    "notifications:sms_delivery_report": "sms_message",
    "api_participant": "participant",
    "api_consent_withdraw": "consent",
    "api_trajectory": "trajectory",
    "api_goal": "goal",
    "api_intervention": "intervention",
    "api_intervention_follow_up_done": "intervention",
    "api_network_member": "network_member",
    "api_network_tie": "member_tie",
    "api_network_snapshot": "snapshot",
    "api_network_snapshot_analysis": "snapshot",
    "api_network_snapshot_graphml": "snapshot",
    "api_network_snapshot_csv": "snapshot",
    "api_measurement": "measurement",
    "api_family_plan": "plan",
    "api_agreement": "agreement",
    "api_buddy_volunteer": "buddy",
    "api_buddy_request": "waiting_request",
    "api_referral_sent": "referral",
    "api_referral_sent_withdraw": "referral",
    "api_buddy_request_suggestions": "waiting_request",
    "api_buddy_request_set_aside": "waiting_request",
    "api_group": "group",
    "api_group_members": "group",
    "api_group_sessions": "group",
    "api_group_session_attendance": "session",
    "api_placement": "placement",
    "api_access_block": "access_block",
    "api_access_block_end": "access_block",
    "participants:access_block_end": "access_block",
    "api_stand_in": "stand_in",
    "api_stand_in_end": "stand_in",
    "participants:stand_in_end": "stand_in",
    "referrals:inbox_detail": "referral",
    "referrals:inbox_accept": "referral",
    "referrals:inbox_decline": "referral",
    "referrals:inbox_first_contact": "referral",
    "referrals:inbox_end": "referral",
    "referrals:thread_post": "referral",
    "api_referral_inbox_item": "referral",
    "api_referral_inbox_accept": "referral",
    "api_referral_inbox_decline": "referral",
    "api_referral_inbox_steps": "referral",
    "api_referral_inbox_messages": "referral",
    "signalling:theme_edit": "signal_theme",
    "api_signal": "structural_signal",
    "api_signal_release": "structural_signal",
    "safety:flag_create_participant": "participant",
    "safety:flag_create_match": "match",
    "safety:flag_from_worry": "worry",
    "safety:flag_detail": "flag",
    "safety:flag_pass_on": "flag",
    "safety:flag_end": "flag",
    "safety:flag_confirm_end": "flag",
    "api_flag": "flag",
    "api_flag_pass_on": "flag",
    "api_flag_end": "flag",
    "api_flag_confirm_end": "flag",
}
PK_BY_NAMESPACE = {
    "participants": "participant",
    "groups": "group",
    "signalling": "structural_signal",
}
KWARGS = {
    "participant_id": "participant",
    "participant_pk": "participant",
    "consent_pk": "consent",
    "trajectory_pk": "trajectory",
    "goal_pk": "goal",
    "goal_id": "goal",
    "intervention_pk": "intervention",
    "snapshot_pk": "snapshot",
    "instrument_pk": "instrument",
    "plan_pk": "plan",
    "plan_id": "plan",
    "agreement_pk": "agreement",
    "tie_pk": "member_tie",
    "signal_pk": "signal",
    "referral_pk": "referral",
    "match_pk": "match",
    "session_pk": "session",
}
# Pages that need a query string to show their form (ids only, never personal data).
QUERY = {
    "buddies:request_create": lambda world: f"?participant={world.participant.pk}",
    "participants:handover_confirm": lambda world: f"?participant={world.participant.pk}",
    # Without an initiative the page is the chooser; with one, the referral form.
    "referrals:sender_refer": lambda world: f"?initiative={world.referral.initiative_id}",
}
LITERALS = {"action": "start_closing", "decision": "confirm", "code": "buddy", "status": "active"}


def _kwargs(world, name: str, route: str) -> dict:
    kwargs = {}
    for part in route.split("<")[1:]:
        converter_and_name = part.split(">", 1)[0]
        kwarg = converter_and_name.split(":")[-1]
        if kwarg in LITERALS:
            kwargs[kwarg] = LITERALS[kwarg]
        elif kwarg == "token":
            kwargs[kwarg] = world.invitation_token
        elif kwarg == "member_pk":
            key = "network_member" if name.startswith("participants:") else "group_member"
            kwargs[kwarg] = getattr(world, key).pk
        elif kwarg == "pk":
            key = PK.get(name)
            if key is None and name.startswith("api_buddy_match"):
                key = "match"
            if key is None and name.startswith("buddies:"):
                key = "match"
            if key is None:
                key = PK_BY_NAMESPACE.get(name.split(":")[0])
            if key is None:
                raise AssertionError(f"Say which record fills <pk> of {name} in PK.")
            kwargs[kwarg] = getattr(world, key).pk
        else:
            kwargs[kwarg] = getattr(world, KWARGS[kwarg]).pk
    return kwargs


def _classify(response) -> str:
    status = response.status_code
    if status in (301, 302, 303):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return "login"
        if location.startswith("/accounts/reauthenticate/"):
            return "reauth"
        return "ok"
    if status in (200, 201, 204):
        return "ok"
    return str(status)


PATTERNS = url_patterns()
RECORD = os.environ.get("SECURITY_MATRIX_RECORD")
_recorded: dict[str, dict[str, str]] = {}


def test_every_url_pattern_has_a_row_in_the_table():
    table = MATRIX | PENDING
    missing = sorted(set(PATTERNS) - set(table))
    assert not missing, f"Add these URL patterns to MATRIX in {__file__}: {missing}"


def test_the_table_names_no_pattern_that_is_gone():
    gone = sorted(set(MATRIX) - set(PATTERNS))
    assert not gone, f"Remove these rows from MATRIX (no such URL pattern any more): {gone}"


def test_every_row_has_a_cell_per_role():
    for name, row in (MATRIX | PENDING).items():
        cells = row.split()
        assert len(cells) == len(R), name
        assert all("/" in cell for cell in cells), name


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_role_gets_what_the_table_says(world, name):
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    url += QUERY[name](world) if name in QUERY else ""
    row = (MATRIX | PENDING).get(name)
    if row is None and not RECORD:
        pytest.fail(f"{name} has no row in MATRIX")
    expected = dict(zip(R, row.split(), strict=True)) if row else {}
    got, surprises = {}, []
    for role in R:
        client = world.clients[role]
        cells = []
        for method in ("get", "post"):
            with transaction.atomic():
                before = row_counts(world.tables)
                response = getattr(client, method)(url)
                outcome = _classify(response)
                assert response.status_code != 500, (name, role, method)
                if role != "anonymous":
                    cache_control = response.get("Cache-Control", "")
                    assert "no-store" in cache_control, (name, role, method, cache_control)
                if outcome in REFUSED:
                    after = row_counts(world.tables)
                    changed = [
                        t for t, b, a in zip(world.tables, before, after, strict=True) if b != a
                    ]
                    assert not changed, (name, role, method, outcome, changed)
                transaction.set_rollback(True)
            cells.append(outcome)
        got[role] = "/".join(cells)
        if expected and got[role] != expected[role]:
            surprises.append(f"{role}: expected {expected[role]}, got {got[role]}")
    if RECORD:
        _recorded[name] = got
        with open(RECORD, "w") as out:
            json.dump(_recorded, out, indent=1)
        return
    assert not surprises, f"{name} ({url}): " + "; ".join(surprises)
