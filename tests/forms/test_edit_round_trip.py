"""Saving an edit page without touching it changes nothing.

For every page that edits a record, the record is opened as the person who may edit it, the
form is submitted exactly as a browser sends it (browser_form.py reads every input, selected
option, checkbox and textarea from the rendered page), and then:

- the answer is not a re-rendered form with errors;
- no row of any table changed, the edit history included (the audit trail, which records
  the save, and timestamps of the last change aside).

The records come from the world of tests/security/world.py, filled in completely: every field
of every edit form has a value on the page (test below), so a field that loses its value on a
round trip (a select that does not pre-select what is stored, a date in the wrong format, a
multi-select that forgets its choices) shows up here.

Every URL pattern that accepts a POST must be listed in EDIT_PAGES or in NOT_EDIT_PAGES (with
its reason): a new edit page fails the suite until it is covered.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from tests.security.test_access_matrix import PATTERNS, QUERY
from tests.security.test_access_matrix import _kwargs as url_kwargs
from tests.security.urls_walk import declared_methods, is_api_view, url_views

from .browser_form import forms_on
from .db_state import differences, snapshot

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Edit:
    role: str  # who edits it in the world
    page: str | None = None  # the page showing the form, when it is not the URL itself


EDIT_PAGES: dict[str, Edit] = {
    "buddies:agreements_edit": Edit("coordinator", page="buddies:match_detail"),
    "buddies:interest_edit": Edit("coordinator"),
    "buddies:my_profile": Edit("volunteer"),
    "buddies:request_edit": Edit("coordinator"),
    "buddies:settings": Edit("org_admin"),
    "buddies:volunteer_edit": Edit("coordinator"),
    "groups:attendance": Edit("volunteer"),
    "groups:edit": Edit("volunteer"),
    "groups:placement_edit": Edit("social_worker"),
    "notifications:preference": Edit("social_worker", page="notifications:list"),
    "notifications:rules": Edit("org_admin"),
    "organisation_membership_edit": Edit("org_admin"),
    "organisation_settings": Edit("org_admin"),
    "participants:edit": Edit("social_worker"),
    "participants:goal_edit": Edit("social_worker"),
    "participants:intervention_edit": Edit("social_worker"),
    "participants:network_agreement_edit": Edit("social_worker"),
    "participants:network_member_edit": Edit("social_worker"),
    "participants:network_plan_edit": Edit("social_worker"),
    "participants:network_tie_edit": Edit("social_worker"),
    "participants:trajectory_edit": Edit("social_worker"),
    "safety:flag_pass_on": Edit("coordinator"),
    "workmodels:addition_edit": Edit("org_admin"),
    "workmodels:initiative_edit": Edit("coordinator"),
    "signalling:edit": Edit("social_worker"),
    "signalling:theme_edit": Edit("org_admin"),
    "messaging:preference": Edit("social_worker"),
    "messaging:template_edit": Edit("org_admin"),
}

_CREATES = "creates a record (back and resubmit: the create tests)"
_ACTION = "an action: submitting it is the change"
NOT_EDIT_PAGES: dict[str, str] = {
    "safety:flag_create_participant": _CREATES,
    "safety:flag_create_match": _CREATES,
    "safety:flag_from_worry": _CREATES,
    "safety:flag_end": _ACTION,
    "safety:flag_confirm_end": _ACTION,
    "buddies:my_contact_worry": _CREATES,
    "calendars:new": _ACTION + ": makes a new calendar link (the old one stops)",
    "calendars:revoke": _ACTION + ": stops a calendar link, after a confirmation page",
    "messaging:compose_group": _ACTION + ": sends messages (once per form: a batch key)",
    "messaging:compose_participant": _ACTION + ": sends a message (once per form: a batch key)",
    "messaging:compose_volunteer": _ACTION + ": sends a message (once per form: a batch key)",
    "messaging:compose_volunteers": _ACTION + ": sends messages (once per form: a batch key)",
    "messaging:hand_done": _ACTION + ": a letter posted or a call made",
    "messaging:letters_done": _ACTION + ": the day's letters posted",
    "messaging:templates": _CREATES,
    "my_phone_forget": _ACTION + ": forgets a remembered phone",
    "organisation_phone_forget": _ACTION + ": forgets a remembered phone",
    "notifications:sms_inbox_handled": _ACTION + ": marks an incoming SMS handled",
    "offline_sync": "the offline queue's JSON sync (each entry with its client id)",
    "buddies:check_in_add": _CREATES,
    "participants:handover": "the hand-over list's filter (nothing is saved)",
    "participants:handover_confirm": _ACTION + ": moves files, after a confirmation page",
    "participants:stand_ins": _CREATES,
    "participants:stand_in_end": _ACTION + ": ends a stand-in",
    "participants:access_block_create": _CREATES,
    "participants:access_block_end": _ACTION + ": ends an access block, after a confirmation page",
    # A create, but only for a volunteer without a log-in: the world's volunteer has one and
    # logs their own contacts (buddies:my_contact_log), so the world has no such form to fill.
    "buddies:contact_add": "the coordinator logs a contact for a volunteer without a log-in",
    "buddies:interest_delete": _ACTION + ": deletes an interest",
    "buddies:interest_list": _CREATES,
    "buddies:match_transition": _ACTION,
    "buddies:my_contact_log": _CREATES,
    "buddies:propose": _ACTION,
    "buddies:request_delete": _ACTION + ": deletes a request",
    "buddies:request_create": _CREATES,
    "buddies:set_aside": _ACTION,
    "buddies:volunteer_create": _CREATES,
    "buddies:volunteer_invite": _ACTION + ": invites the volunteer to an account",
    "findings:choose_model": _CREATES,
    "findings:finding_create": _CREATES,
    "findings:focus_group": _CREATES + ": a quote",
    "findings:focus_groups": _CREATES,
    "findings:quote_code": _ACTION + ": a quote supports one more finding",
    "groups:attendance_toggle": _ACTION,
    "groups:certificate": _ACTION,
    "groups:create": _CREATES,
    "groups:delete": _ACTION + ": deletes a group",
    "groups:member_add": _CREATES,
    "groups:member_completion": _ACTION + ": decides completion by hand",
    "groups:member_rejoin": _ACTION + ": undoes a stop",
    "groups:member_leave": _ACTION,
    "groups:placement_create": _CREATES,
    "groups:session_create": _CREATES,
    "groups:signal_resolve": _ACTION,
    "groups:tie_create": _CREATES,
    "groups:tie_decide": _ACTION,
    "invitation_accept": _ACTION,
    "notifications:done": _ACTION + ": marks a reminder done",
    "notifications:open": _ACTION,
    "notifications:read_all": _ACTION,
    "organisation_audit_export": "an export after re-authentication",
    "organisation_invitation_revoke": _ACTION,
    "organisation_invite": _CREATES,
    "organisation_switch": _ACTION,
    "participants:consent_give": _CREATES,
    "participants:consent_withdraw": _ACTION,
    "participants:create": _CREATES,
    "participants:goal_create": _CREATES,
    "participants:goal_note_add": _CREATES,
    "participants:import": "an upload (tests/participants/test_import_export.py)",
    "participants:import_cancel": _ACTION,
    "participants:import_confirm": _CREATES,
    "participants:network_import": "an upload (tests/participants/test_network_exchange.py)",
    "participants:network_import_cancel": _ACTION,
    "participants:network_import_confirm": _CREATES,
    "participants:instrument_toggle": _ACTION,
    "participants:intervention_create": _CREATES,
    "participants:intervention_delete": _ACTION,
    "participants:intervention_follow_up_done": _ACTION,
    "participants:list": "the caseload's filters, posted by htmx so the address bar stays clean",
    "participants:network_agreement_create": _CREATES,
    "participants:network_measurement_create": _CREATES,
    "participants:network_member_create": _CREATES,
    "participants:network_member_delete": _ACTION,
    "participants:network_member_restore": _ACTION + ": undoes a delete",
    "participants:network_member_place": "the map editor's script posts a place (two numbers)",
    "participants:network_plan_create": _CREATES,
    "participants:network_tie_create": _CREATES,
    "participants:network_tie_delete": _ACTION,
    "participants:network_snapshot_create": _CREATES,
    "participants:rights_anonymise": _ACTION,
    "signalling:record": _CREATES,
    "signalling:record_file": _CREATES,
    "signalling:record_match": _CREATES,
    "signalling:record_session": _CREATES,
    "signalling:themes": _CREATES,
    "signalling:withdraw": _ACTION + ": withdraws a signal, after a confirmation page",
    "signalling:release": _ACTION + ": releases a story, after the name check",
    "signalling:unrelease": _ACTION + ": ends a story's release",
    "signalling:sharing": _ACTION + ": opting in or out takes a confirmation",
    "participants:trajectory_create": _CREATES,
    "workmodels:directory_import": "an upload (tests/workmodels)",
    "workmodels:directory_import_confirm": _CREATES,
    "workmodels:initiative_create": _CREATES,
    "workmodels:initiative_delete": _ACTION,
    "referrals:inbox_accept": _CREATES + ": a file (or a link) from a referral",
    "referrals:inbox_decline": _ACTION + ": declines a referral",
    "referrals:inbox_end": _ACTION + ": the referral's last step",
    "referrals:inbox_first_contact": _ACTION + ": a step of the referral",
    "referrals:thread_post": _CREATES + ": a message",
    "referrals:sender_refer": _CREATES + ": a referral (after its preview)",
    "referrals:sender_email": _ACTION + ": sends the referral's e-mail to the initiative",
    "referrals:sender_withdraw": _ACTION + ": records the withdrawal of the referral consent",
}

# Fields that may stay empty on an edit page, each with its reason.
MAY_BE_EMPTY: dict[tuple[str, str], str] = {
    ("participants:edit", "closed_reason"): "only for a closed file; the world's file is active",
    ("participants:trajectory_edit", "ended_on"): "only for an ended trajectory",
    ("participants:trajectory_edit", "initiative_name"): "only when the initiative is not listed",
    ("groups:edit", "initiative_name"): "only when the initiative is not in the directory",
    ("groups:edit", "completion_percent"): "one completion rule: the world's group counts sessions",
    ("buddies:volunteer_edit", "first_name"): "only for a volunteer without an account",
    ("buddies:volunteer_edit", "last_name"): "only for a volunteer without an account",
    ("buddies:volunteer_edit", "email"): "only for a volunteer without an account",
}
# The audit trail records the save (who, when, which field names) and the files a page shows.
NOT_COMPARED = frozenset({"accounts_auditevent", "accounts_auditeventobject"})
VIEWS = url_views()


def _accepts_post(name: str) -> bool:
    methods = declared_methods(VIEWS[name])
    return methods is None or "POST" in methods


def _posting_pages() -> set[str]:
    return {name for name in PATTERNS if not is_api_view(VIEWS[name]) and _accepts_post(name)}


def test_every_page_that_accepts_a_post_is_listed_as_an_edit_page_or_not():
    missing = sorted(_posting_pages() - set(EDIT_PAGES) - set(NOT_EDIT_PAGES))
    assert not missing, (
        f"Add these URL patterns to EDIT_PAGES (an edit form: say who edits it) or to "
        f"NOT_EDIT_PAGES (with the reason) in {__file__}: {missing}"
    )


def test_the_lists_name_no_pattern_that_is_gone():
    listed = set(EDIT_PAGES) | set(NOT_EDIT_PAGES)
    assert not listed - _posting_pages()
    assert not set(EDIT_PAGES) & set(NOT_EDIT_PAGES)


def _url(world, name: str) -> str:
    url = reverse(name, kwargs=url_kwargs(world, name, PATTERNS[name]))
    return url + (QUERY[name](world) if name in QUERY else "")


def _edit_forms(world, name: str, edit: Edit | None = None):
    """The client of the person who edits, the URL the form posts to, and the forms posting
    there on the page that shows them."""
    edit = edit or EDIT_PAGES[name]
    client = world.clients[edit.role]
    target = reverse(name, kwargs=url_kwargs(world, name, PATTERNS[name]))
    page = _url(world, edit.page or name)
    response = client.get(page)
    assert response.status_code == 200, (name, page, response.status_code)
    forms = [
        form
        for form in forms_on(response.content.decode())
        if form.method == "post" and form.action(page) == target
    ]
    assert forms, f"{page} shows no form that posts to {target}"
    return client, target, forms


def _empty_fields(form) -> list[str]:
    """Names of the form's fields that send nothing or an empty value (a single checkbox is
    filled either way; hidden fields are the page's business)."""
    sent = form.data()
    empty = []
    kinds: dict[str, list[str]] = {}
    for control in form.controls:
        if control.name and not control.disabled:
            kinds.setdefault(control.name, []).append(control.type)
    for field_name, types in kinds.items():
        if set(types) <= {"hidden", "submit", "button", "reset", "image"}:
            continue
        if types == ["checkbox"]:
            continue
        if not any(value.strip() for value in sent.get(field_name, [])):
            empty.append(field_name)
    return empty


@pytest.mark.parametrize("name", sorted(EDIT_PAGES))
def test_every_field_of_the_edit_form_shows_a_value(world, name):
    _client, _target, forms = _edit_forms(world, name)
    for form in forms:
        empty = [f for f in _empty_fields(form) if (name, f) not in MAY_BE_EMPTY]
        assert not empty, (
            f"{name}: fill these fields of its record in tests/security/world.py, or list them "
            f"in MAY_BE_EMPTY with the reason: {empty}"
        )


@pytest.mark.parametrize("name", sorted(EDIT_PAGES))
def test_saving_an_edit_page_unchanged_changes_nothing(world, name):
    client, target, forms = _edit_forms(world, name)
    for form in forms:
        before = snapshot(NOT_COMPARED)
        response = client.post(target, form.data())
        assert response.status_code < 400, (name, response.status_code)
        if response.status_code == 200:
            content = response.content.decode()
            assert "errorlist" not in content and 'aria-invalid="true"' not in content, (
                f"{name} answered the unchanged form with errors"
            )
        changed = differences(before, snapshot(NOT_COMPARED))
        assert not changed, f"{name}: saving unchanged changed " + "; ".join(changed)
