"""An absurd number or date is refused with a clear error, and nothing typed is lost.

Each number and date input of each edit page (EDIT_PAGES of test_edit_round_trip.py) and of
each form that creates a record (CREATE_FORMS) gets a value nobody means (a head-count of
99,999,999,999, a date in the year 3024), the rest of the form as the browser sends it. The
page comes back with that field marked invalid, with an error message, every value as it was
typed, and no row changed.
"""

import pytest

from netwerk.forms import INVALID_FORM_STATUS

from .browser_form import forms_on
from .db_state import differences, snapshot
from .test_edit_round_trip import EDIT_PAGES, NOT_COMPARED, NOT_EDIT_PAGES, Edit, _edit_forms

pytestmark = pytest.mark.django_db

NOT_TYPED_FIELDS = {"csrfmiddlewaretoken", "form_token"}

ABSURD = {
    "number": "99999999999",
    "date": "3024-01-01",
    "datetime-local": "3024-01-01T10:00",
}


# Who creates what, and on which page the form is (when it is not the URL itself).
CREATE_FORMS: dict[str, Edit] = {
    "buddies:check_in_add": Edit("coordinator", page="buddies:match_detail"),
    "buddies:interest_list": Edit("coordinator"),
    "buddies:my_contact_log": Edit("volunteer"),
    "buddies:request_create": Edit("social_worker"),
    "buddies:volunteer_create": Edit("coordinator"),
    "findings:choose_model": Edit("social_worker"),
    "findings:finding_create": Edit("researcher"),
    "findings:focus_group": Edit("researcher"),
    "findings:focus_groups": Edit("researcher"),
    "groups:create": Edit("social_worker"),
    "groups:member_add": Edit("social_worker", page="groups:detail"),
    "groups:placement_create": Edit("social_worker"),
    "groups:session_create": Edit("volunteer", page="groups:detail"),
    "groups:tie_create": Edit("volunteer"),
    "organisation_invite": Edit("org_admin"),
    "participants:consent_give": Edit("social_worker", page="participants:detail"),
    "participants:create": Edit("social_worker"),
    "participants:goal_create": Edit("social_worker"),
    "participants:goal_note_add": Edit("social_worker"),
    "participants:intervention_create": Edit("social_worker", page="participants:detail"),
    "participants:network_agreement_create": Edit("social_worker"),
    "participants:network_measurement_create": Edit("social_worker"),
    "participants:network_member_create": Edit("social_worker", page="participants:network"),
    "participants:network_tie_create": Edit("social_worker", page="participants:network"),
    "participants:network_plan_create": Edit("social_worker"),
    "participants:network_snapshot_create": Edit("social_worker", page="participants:network"),
    "participants:stand_ins": Edit("org_admin"),
    "participants:access_block_create": Edit("org_admin"),
    "participants:trajectory_create": Edit("social_worker"),
    "workmodels:initiative_create": Edit("coordinator"),
    "referrals:inbox_accept": Edit("other_org_worker"),
    "referrals:thread_post": Edit("other_org_worker", page="referrals:inbox_detail"),
    "signalling:record": Edit("social_worker"),
    "signalling:record_file": Edit("social_worker"),
    "signalling:record_match": Edit("coordinator"),
    "signalling:record_session": Edit("social_worker"),
    "signalling:themes": Edit("org_admin"),
    "safety:flag_create_participant": Edit("social_worker"),
    "safety:flag_create_match": Edit("coordinator"),
    "safety:flag_from_worry": Edit("coordinator"),
    "buddies:my_contact_worry": Edit("volunteer"),
    "messaging:templates": Edit("org_admin"),
}
# Creates that are not a form on a page.
NOT_A_FORM = {
    "participants:import_confirm": "confirms an upload checked before",
    "participants:network_import_confirm": "confirms an upload checked before; a date in the "
    "future: tests/participants/test_network_exchange.py",
    "workmodels:directory_import_confirm": "confirms an upload checked before",
    "referrals:sender_refer": "shows its dated form once an initiative is chosen; a consent date "
    "in the future: tests/referrals/test_sender_pages.py",
}


def test_every_create_is_listed_with_who_creates_it():
    creates = {name for name, reason in NOT_EDIT_PAGES.items() if reason.startswith("creates")}
    assert creates == set(CREATE_FORMS) | set(NOT_A_FORM)


def _cases():
    return sorted(EDIT_PAGES) + sorted(CREATE_FORMS)


def _typed_fields(form) -> list[tuple[str, str]]:
    return [
        (control.name, control.type)
        for control in form.controls
        if control.tag == "input" and control.type in ABSURD and not control.disabled
    ]


@pytest.mark.parametrize("name", _cases())
def test_an_absurd_number_or_date_is_refused_and_what_was_typed_is_kept(world, name):
    client, target, forms = _edit_forms(world, name, CREATE_FORMS.get(name))
    checked = 0
    for position, form in enumerate(forms):
        for field, kind in _typed_fields(form):
            data = form.data()
            data[field] = [ABSURD[kind]]
            before = snapshot(NOT_COMPARED)
            response = client.post(target, data)
            checked += 1
            assert response.status_code == INVALID_FORM_STATUS, (name, field, response.status_code)
            page = response.content.decode()
            assert "errorlist" in page, f"{name}: {field}={ABSURD[kind]} shows no error"
            again = [f for f in forms_on(page) if f.method == "post" and f.action(target) == target]
            assert again, f"{name}: the form is not shown again"
            again = again[position:] if len(again) == len(forms) else again
            # Not typed: the CSRF token and the one-time form token (netwerk/submit_once.py),
            # both fresh each time the form is rendered.
            shown = {k: v for k, v in again[0].data().items() if k not in NOT_TYPED_FIELDS}
            sent = {k: v for k, v in data.items() if k not in NOT_TYPED_FIELDS}
            assert shown == sent, f"{name}: what was typed is not shown again: {shown} {sent}"
            invalid = [c.name for c in again[0].controls if c.attrs.get("aria-invalid") == "true"]
            assert field in invalid, f"{name}: {field} is not marked invalid ({invalid})"
            changed = differences(before, snapshot(NOT_COMPARED))
            assert not changed, f"{name}: {field}={ABSURD[kind]} changed " + "; ".join(changed)
    if not checked:
        pytest.skip(f"{name} has no number or date field")
