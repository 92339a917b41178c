"""Every form answers input it refuses the same way (netwerk.forms.render_form).

Each form of each edit page (EDIT_PAGES) and of each form that creates a record (CREATE_FORMS)
is sent as the browser sends it, with one field made invalid and every empty text field typed
in. The answer is INVALID_FORM_STATUS (400, in every app), shows an error, shows the form again
with every value as it was typed, changes no row, and records the read of every participant
file it shows (like a 200: accounts.audit). A form that htmx sends (`hx-post`) is sent a
second time as htmx sends it: the same status (htmx swaps it in, see the htmx-config of
templates/base.html), and its fragment shows the form again with what was typed.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from accounts.models import AuditEvent
from netwerk.forms import INVALID_FORM_STATUS
from tests.security.test_read_audit import _mark_everyone, _recorded_reads

from .browser_form import Form, forms_on
from .db_state import differences, snapshot
from .test_absurd_values import ABSURD, CREATE_FORMS, NOT_TYPED_FIELDS
from .test_edit_round_trip import EDIT_PAGES, NOT_COMPARED, _edit_forms

pytestmark = pytest.mark.django_db

TYPED = "Typed by hand"
TEXT_TYPES = {"text", "textarea", "search"}
# Longer than any text a person writes in one field (the longest bound is a few thousand).
TOO_LONG_FOR_ANY_TEXT = 20_000
# Fields whose own rules refuse a value that looks fine to the browser.
REFUSED_INPUT = {"intervals": "every now and then"}  # whole days, separated by commas

# Controls that offer nothing to refuse: a form of only these is left out (an on/off switch).
NOTHING_TYPED = {"hidden", "checkbox", "radio", "submit", "button", "reset", "image", "file"}
# Pages whose forms have nothing a person types or picks that could be refused, with the reason.
NOTHING_TO_REFUSE = {
    "notifications:preference": "one choice of radio buttons (anything else is put right by a "
    "message on the list it came from)",
}


def _invalid(form: Form) -> tuple[dict[str, list[str]], str] | None:
    """The form's data with one field made invalid and the name of that field; None for a
    form with nothing typed or picked (only switches and hidden fields)."""
    data = form.data()
    controls = [c for c in form.controls if c.name and not c.disabled]
    if all(control.type in NOTHING_TYPED for control in controls):
        return None
    for control in controls:  # every empty text field is typed in: all of it must come back
        if control.type in TEXT_TYPES and not any(v.strip() for v in data.get(control.name, [])):
            data[control.name] = [TYPED]
    for control in controls:  # a number nobody means, a date in the year 3024
        if control.tag == "input" and control.type in ABSURD:
            data[control.name] = [ABSURD[control.type]]
            return data, control.name
    for control in controls:  # what a field of its own kind refuses
        if control.name in REFUSED_INPUT:
            data[control.name] = [REFUSED_INPUT[control.name]]
            return data, control.name
    for control in controls:  # longer than the field takes
        if control.type in TEXT_TYPES and control.attrs.get("maxlength", "").isdigit():
            data[control.name] = ["x" * (int(control.attrs["maxlength"]) + 1)]
            return data, control.name
    for control in controls:  # a required field left empty
        if "required" in control.attrs and control.type in TEXT_TYPES | {"email"}:
            data[control.name] = [""]
            return data, control.name
    for control in controls:  # a choice that is not offered
        if control.type == "select":
            data[control.name] = ["not-a-choice"]
            return data, control.name
    for control in controls:  # a text longer than any a person writes (its bound refuses it)
        if control.type in TEXT_TYPES:
            data[control.name] = ["x" * (TOO_LONG_FOR_ANY_TEXT + 1)]
            return data, control.name
    raise AssertionError(f"no field of {form.attrs} can be made invalid: add a way here")


def _typed(form: Form) -> dict[str, list[str]]:
    return {k: v for k, v in form.data().items() if k not in NOT_TYPED_FIELDS}


def _shown_again(page: str, target: str, position: int, count: int) -> Form:
    again = [f for f in forms_on(page) if f.method == "post" and f.action(target) == target]
    assert again, "the form is not shown again"
    return (again[position:] if len(again) == count else again)[0]


def _cases():
    return sorted((set(EDIT_PAGES) | set(CREATE_FORMS)) - set(NOTHING_TO_REFUSE))


def _page_views():
    """The modules of the project's page views (views.py, views_*.py, views/), netwerk's aside."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts and config.label != "netwerk":
            yield from (p for p in path.rglob("*.py") if "views" in p.relative_to(path).parts[0])


def test_no_page_view_sets_the_status_of_a_refused_form_itself():
    """render_form answers refused input; a view that spells out 400 has its own contract."""
    modules = list(_page_views())
    assert len(modules) > 10, modules
    by_hand = []
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "status":
                numbers = [n.value for n in ast.walk(node.value) if isinstance(n, ast.Constant)]
                if INVALID_FORM_STATUS in numbers:
                    by_hand.append(f"{module.relative_to(settings.BASE_DIR)}:{node.value.lineno}")
    assert not by_hand, f"Answer with netwerk.forms.render_form: {by_hand}"


def test_the_exceptions_are_forms_of_the_registries():
    assert set(NOTHING_TO_REFUSE) <= set(EDIT_PAGES) | set(CREATE_FORMS)


@pytest.mark.parametrize("name", _cases())
def test_a_refused_form_answers_the_one_status_with_what_was_typed(world, name):
    markers = _mark_everyone()
    client, target, forms = _edit_forms(world, name, CREATE_FORMS.get(name))
    refusable = [(position, _invalid(form)) for position, form in enumerate(forms)]
    refusable = [(position, made) for position, made in refusable if made is not None]
    assert refusable, f"{name}: no form can be refused; list it in NOTHING_TO_REFUSE (why)"
    for position, (data, field) in refusable:
        sent = {k: v for k, v in data.items() if k not in NOT_TYPED_FIELDS}
        headers = [{}] + ([{"HX-Request": "true"}] if "hx-post" in forms[position].attrs else [])
        for extra in headers:
            how = f"{name} ({field} invalid{', htmx' if extra else ''})"
            before = snapshot(NOT_COMPARED)
            last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = client.post(target, data, headers=extra)
            assert response.status_code == INVALID_FORM_STATUS, (how, response.status_code)
            page = response.content.decode()
            assert "errorlist" in page or 'aria-invalid="true"' in page, f"{how}: no error"
            shown = _typed(_shown_again(page, target, position, len(forms)))
            if data[field] == ["not-a-choice"]:  # a select shows only what it offers
                shown.pop(field, None), sent.pop(field, None)
            assert shown == sent, f"{how}: what was typed is not shown again: {shown} {sent}"
            changed = differences(before, snapshot(NOT_COMPARED))
            assert not changed, f"{how} changed " + "; ".join(changed)
            files = {str(pk) for pk, marks in markers.items() if any(m in page for m in marks)}
            unrecorded = files - _recorded_reads(last)
            assert not unrecorded, f"{how} shows files {sorted(unrecorded)} without a read event"
