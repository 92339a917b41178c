"""Every checkbox and radio button on every page sits with its own label.

Pico CSS draws a box beside the label that *follows* it (`[type=checkbox] ~ label`), so a
checkbox written after its own label and before the next field's label shows beside the wrong
words ("two-factor" beside "team access"). A box must be inside its label, or be followed
directly by the label that names it. Every page of the world is opened, as a person who may
see it.
"""

import pytest
from django.urls import reverse

from tests.security.test_access_matrix import MATRIX, PATTERNS, QUERY, R
from tests.security.test_access_matrix import _kwargs as url_kwargs
from tests.security.urls_walk import is_api_view, url_views

from .html_tree import parse

pytestmark = pytest.mark.django_db
VIEWS = url_views()


def _first_reader(name: str) -> str | None:
    row = MATRIX.get(name)
    if row is None:
        return None
    for role, cell in zip(R, row.split(), strict=True):
        if role != "anonymous" and cell.split("/")[0] == "ok":
            return role
    return None


PAGES = sorted(
    name for name in PATTERNS if not is_api_view(VIEWS[name]) and _first_reader(name) is not None
)


def misplaced_boxes(html: str) -> list[str]:
    """The checkboxes and radio buttons that are not inside or right before their label."""
    wrong = []
    for element in parse(html).iter():
        kind = element.attrs.get("type", "").lower()
        if element.tag != "input" or kind not in ("checkbox", "radio"):
            continue
        if any(ancestor.tag == "label" for ancestor in element.ancestors()):
            continue
        following = element.next_element()
        box_id = element.attrs.get("id")
        labelled_next = following is not None and following.tag == "label"
        if labelled_next and box_id and following.attrs.get("for") == box_id:
            continue
        wrong.append(element.attrs.get("name", "?"))
    return wrong


def test_a_checkbox_after_its_own_label_is_found():
    html = (
        '<form><label for="a">Two-factor</label><input type="checkbox" id="a" name="a">'
        '<label for="b">Team access</label><input type="checkbox" id="b" name="b"></form>'
    )
    assert misplaced_boxes(html) == ["a", "b"]


def test_a_checkbox_inside_or_before_its_label_is_fine():
    html = (
        '<label for="a"><input type="checkbox" id="a" name="a"> Two-factor</label>'
        '<input type="radio" id="b" name="b"> <label for="b">Yes</label>'
    )
    assert misplaced_boxes(html) == []


@pytest.mark.parametrize("name", PAGES)
def test_every_checkbox_sits_with_its_own_label(world, name):
    url = reverse(name, kwargs=url_kwargs(world, name, PATTERNS[name]))
    url += QUERY[name](world) if name in QUERY else ""
    response = world.clients[_first_reader(name)].get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return
    wrong = misplaced_boxes(response.content.decode())
    assert not wrong, f"{url}: these boxes are drawn apart from their label: {wrong}"
