"""An absurd number or date on an edit page is refused with a clear error, and nothing typed
is lost.

Each number and date input of each edit page (EDIT_PAGES of test_edit_round_trip.py) gets a
value nobody means (a head-count of 99,999,999,999, a date in the year 3024), the rest of the
form as the browser sends it. The page comes back with that field marked invalid, with an
error message, every value as it was typed, and no row changed.
"""

import pytest

from .browser_form import forms_on
from .db_state import differences, snapshot
from .test_edit_round_trip import EDIT_PAGES, NOT_COMPARED, _edit_forms

pytestmark = pytest.mark.django_db

ABSURD = {
    "number": "99999999999",
    "date": "3024-01-01",
    "datetime-local": "3024-01-01T10:00",
}


def _cases():
    return sorted(EDIT_PAGES)


def _typed_fields(form) -> list[tuple[str, str]]:
    return [
        (control.name, control.type)
        for control in form.controls
        if control.tag == "input" and control.type in ABSURD and not control.disabled
    ]


@pytest.mark.parametrize("name", _cases())
def test_an_absurd_number_or_date_is_refused_and_what_was_typed_is_kept(world, name):
    client, target, forms = _edit_forms(world, name)
    checked = 0
    for position, form in enumerate(forms):
        for field, kind in _typed_fields(form):
            data = form.data()
            data[field] = [ABSURD[kind]]
            before = snapshot(NOT_COMPARED)
            response = client.post(target, data)
            checked += 1
            # 200 or 400: which one is the forms' own contract (issue 14), not this test's.
            assert response.status_code in (200, 400), (name, field, response.status_code)
            page = response.content.decode()
            assert "errorlist" in page, f"{name}: {field}={ABSURD[kind]} shows no error"
            again = [f for f in forms_on(page) if f.method == "post" and f.action(target) == target]
            assert len(again) == len(forms), f"{name}: the form is not shown again"
            again = again[position:]
            shown = {k: v for k, v in again[0].data().items() if k != "csrfmiddlewaretoken"}
            sent = {k: v for k, v in data.items() if k != "csrfmiddlewaretoken"}
            assert shown == sent, f"{name}: what was typed is not shown again: {shown} {sent}"
            invalid = [c.name for c in again[0].controls if c.attrs.get("aria-invalid") == "true"]
            assert field in invalid, f"{name}: {field} is not marked invalid ({invalid})"
            changed = differences(before, snapshot(NOT_COMPARED))
            assert not changed, f"{name}: {field}={ABSURD[kind]} changed " + "; ".join(changed)
    if not checked:
        pytest.skip(f"{name} has no number or date field")
