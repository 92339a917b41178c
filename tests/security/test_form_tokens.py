"""Every create form carries its one-time token (netwerk/submit_once.py).

Every page of the project is opened as every role that may open it (the access matrix's "ok"
GET cells, on the world of world.py), and every form that posts is followed to the view it
posts to. A form that posts to a create view (`@submit_once`) without `{% form_token %}`
fails, and so does a form that posts to a view nobody classified: a new form is either a
create form (decorate its view, put the token in the form) or named below with the reason it
creates nothing a second send could duplicate.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from netwerk.submit_once import FIELD, is_submit_once

from .test_access_matrix import MATRIX, PATTERNS, QUERY, R, _kwargs
from .urls_walk import url_views

pytestmark = pytest.mark.django_db

NOT_CREATES = {
    "messaging:compose_group": "sends once per form: the form's batch key",
    "messaging:compose_participant": "sends once per form: the form's batch key",
    "messaging:compose_volunteer": "sends once per form: the form's batch key",
    "messaging:compose_volunteers": "sends once per form: the form's batch key",
    "messaging:hand_done": "marks a letter posted or a call made (once)",
    "messaging:letters_done": "marks the day's letters posted (once)",
    "messaging:preference": "changes the person's preference",
    "messaging:template_edit": "changes a template",
    "notifications:done": "marks a reminder done (once)",
    "notifications:sms_inbox_handled": "marks an incoming SMS handled (once)",
    "participants:access_block_end": "ends an access block (once)",
    "safety:flag_confirm_end": "confirms a flag's end (once)",
    "safety:flag_end": "asks to end a flag (once)",
    "safety:flag_pass_on": "changes what the volunteer reads",
    "set_language": "switches the language",
    "account_logout": "logs out",
    "organisation_switch": "switches the active organisation",
    "organisation_settings": "changes the organisation's settings",
    "organisation_membership_edit": "changes a role",
    "organisation_invitation_revoke": "withdraws an invitation (once)",
    "calendars:new": "a new calendar link replaces the open one: a second send replaces it again",
    "calendars:revoke": "stops a calendar link (once)",
    "my_phone_forget": "forgets a remembered phone (once)",
    "organisation_phone_forget": "forgets a remembered phone (once)",
    "organisation_audit_export": "a download",
    "participants:list": "the caseload's filter",
    "participants:edit": "changes a file",
    "participants:consent_withdraw": "withdraws a consent (once)",
    "referrals:sender_email": "sends the referral e-mail (once: it is marked sent)",
    "referrals:sender_withdraw": "withdraws a referral's consent (once)",
    "participants:intervention_edit": "changes an intervention",
    "participants:intervention_delete": "removes an intervention (once)",
    "participants:intervention_follow_up_done": "marks a follow-up done (once)",
    "participants:network_member_edit": "changes a network member",
    "participants:network_member_delete": "removes a network member (once)",
    "participants:network_tie_edit": "changes a tie between two network members",
    "participants:network_tie_delete": "removes a tie between two network members (once)",
    "participants:instrument_toggle": "switches an instrument on or off",
    "participants:import": "checks a file; nothing is saved before the confirmation",
    "participants:import_confirm": "its own one-time token (netwerk.imports.PendingImport)",
    "participants:import_cancel": "drops the checked file",
    "participants:network_import": "checks a file; nothing is saved before the confirmation",
    "participants:network_import_cancel": "drops the checked file",
    "participants:rights_anonymise": "anonymises a file (once)",
    "participants:handover": "the hand-over list's filter",
    "participants:handover_confirm": "moves files (once: a second send finds them moved)",
    "participants:stand_in_end": "ends a stand-in (once: a second send finds it ended)",
    "buddies:volunteer_edit": "changes a volunteer",
    "buddies:my_profile": "changes the volunteer's own profile",
    "buddies:settings": "changes the matching settings",
    "buddies:set_aside": "sets a volunteer aside for a request",
    "buddies:match_transition": "moves a match to its next step (refused from another step)",
    "buddies:agreements_edit": "changes a match's agreements",
    "buddies:interest_edit": "renames an interest",
    "buddies:interest_delete": "deletes an interest (once: a second send finds nothing)",
    "signalling:edit": "changes a signal",
    "signalling:withdraw": "withdraws a signal (once: a second send is refused with 403)",
    "signalling:release": "releases a story (a second send changes nothing)",
    "signalling:unrelease": "ends a story's release (a second send changes nothing)",
    "signalling:sharing": "changes the organisation's choice to share",
    "signalling:theme_edit": "changes a theme",
    "buddies:request_edit": "changes a buddy request",
    "buddies:request_delete": "deletes a buddy request (once: a second send finds nothing)",
    "groups:edit": "changes a group",
    "groups:attendance": "saves who was there (the same list twice is the same list)",
    "groups:attendance_toggle": "one tap of the attendance list",
    "groups:member_leave": "records that a member stopped (once)",
    "groups:member_rejoin": "undoes a stop (once)",
    "groups:member_completion": "decides completion by hand (the same choice twice is one)",
    "groups:delete": "deletes a group (once)",
    "groups:certificate": "records a certificate (once)",
    "groups:signal_resolve": "marks a signal done (once)",
    "groups:tie_decide": "decides on a proposed tie (once)",
    "findings:quote_code": "links a quote to a finding",
    "workmodels:addition_edit": "the organisation's one addition per work model",
    "workmodels:initiative_delete": "removes an initiative (once)",
    "workmodels:directory_import": "checks a file; nothing is saved before the confirmation",
    "workmodels:directory_import_confirm": "its own one-time token (netwerk.imports)",
    "notifications:open": "opens a reminder",
    "notifications:read_all": "marks reminders read",
    "notifications:preference": "changes an e-mail preference",
    "notifications:rules": "changes a reminder rule",
    "referrals:inbox_decline": "declines a referral (once: refused from another step)",
    "referrals:inbox_first_contact": "records the first contact (once: refused after it)",
    "referrals:inbox_end": "ends a referral (once: refused after it)",
}
# Edit pages served by the view of a create page: decorated, but an edit creates nothing, so
# its token is never used up (the browser test sends only create pages).
EDITS_OF_A_CREATE_VIEW = {
    "groups:placement_edit",
    "participants:goal_edit",
    "participants:network_agreement_edit",
    "participants:network_plan_edit",
    "participants:trajectory_edit",
    "workmodels:initiative_edit",
}
# Create views whose form the world cannot show, each with its reason (and where it is tested).
WITHOUT_PAGE = {
    "participants:network_import_confirm": "shown only after an upload was checked "
    "(tests/participants/test_network_exchange.py confirms twice)",
    "buddies:propose": "the world's volunteer has no place left (tests/buddies cover proposing)",
    "referrals:sender_refer": "sends only from its preview step (confirm=yes), which the "
    "generic fill cannot reach (tests/referrals/test_sender_pages.py sends a preview twice)",
}
VIEWS = url_views()


class _Forms(HTMLParser):
    """The forms that post on a page: their action and whether they carry the token."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._open = {"action": attrs.get("action") or "", "token": False}
            self.forms.append(self._open)
        elif tag == "input" and self._open is not None and attrs.get("name") == FIELD:
            self._open["token"] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def _target(action: str, page: str) -> str | None:
    path = urlsplit(action or page).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def posting_forms(world) -> dict[str, list[tuple[str, str, bool]]]:
    """target URL name -> [(page, role, carries the token)] over every page and role."""
    found: dict[str, list[tuple[str, str, bool]]] = {}
    for name in sorted(MATRIX):
        if name.startswith("api_") or name not in PATTERNS:
            continue
        url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
        url += QUERY[name](world) if name in QUERY else ""
        cells = dict(zip(R, MATRIX[name].split(), strict=True))
        for role, cell in cells.items():
            if role == "anonymous" or cell.split("/")[0] != "ok":
                continue
            response = world.clients[role].get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                target = _target(form["action"], url)
                if target is not None:
                    found.setdefault(target, []).append((url, role, form["token"]))
    return found


@pytest.fixture(scope="module")
def forms(world, django_db_blocker):
    with django_db_blocker.unblock():
        return posting_forms(world)


def test_every_create_form_carries_its_one_time_token(forms):
    missing = [
        f"{target} on {page} as {role}"
        for target, seen in forms.items()
        if is_submit_once(VIEWS.get(target))
        for page, role, has_token in seen
        if not has_token
    ]
    assert not missing, "Put {% form_token %} in these forms: " + "; ".join(missing)


def test_every_form_that_posts_is_a_create_form_or_says_why_not(forms):
    unclassified = sorted(
        target
        for target in forms
        if target in VIEWS and not is_submit_once(VIEWS[target]) and target not in NOT_CREATES
    )
    assert not unclassified, (
        "Decorate these views with @submit_once (and put {% form_token %} in their forms), "
        f"or say in NOT_CREATES why a second send duplicates nothing: {unclassified}"
    )


def test_a_create_view_is_never_listed_as_creating_nothing():
    """A view shared by a create and an edit page (`goal_edit`) is decorated: an edit creates
    nothing, so its token is never used up."""
    both = sorted(name for name in NOT_CREATES if name in VIEWS and is_submit_once(VIEWS[name]))
    assert not both, both


def test_every_create_view_has_a_page_that_shows_its_form(forms):
    """So the browser test (tests/browser/test_submit_once.py) can send each one."""
    creates = sorted(name for name, view in VIEWS.items() if is_submit_once(view))
    unseen = [name for name in creates if name not in forms and name not in WITHOUT_PAGE]
    assert not unseen, f"No page of the world shows a form for: {unseen}"
