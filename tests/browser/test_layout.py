"""Layout defects a person met at a real width (issue 13, defects 13 and 14). The crawl
(test_crawl.py) checks overflow, tap targets and axe on every page; these check what the crawl
cannot know: the order of the file page, a field beside its own label, a cell that reacts when
tapped, a menu on one line."""

import pytest
from playwright.sync_api import expect

from tests.buddies.conftest import make_participant, make_volunteer

from .harness import PHONE, TABLET, login_as, screenshot

pytestmark = pytest.mark.browser

BOX = """(element) => {
  const r = element.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height];
}"""


def _box(locator):
    left, top, width, height = locator.evaluate(BOX)
    return {"left": left, "top": top, "width": width, "height": height}


@pytest.mark.parametrize("viewport", [TABLET, PHONE], indirect=True)
def test_the_file_shows_consent_work_models_and_goals_above_the_timeline(
    page, live_server, social_worker, viewport
):
    participant = make_participant(social_worker)
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/{participant.pk}/")

    timeline = _box(page.locator("#timeline"))
    for essential in ("aside.file-side", "#quick-intervention"):
        assert _box(page.locator(essential))["top"] < timeline["top"], essential
    screenshot(page, f"layout/file-{viewport.width}")


@pytest.mark.viewport(TABLET)
def test_each_field_of_the_quick_form_sits_under_its_own_label(page, live_server, social_worker):
    participant = make_participant(social_worker)
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/{participant.pk}/")

    fields = page.locator("#quick-intervention .grid-fields > div")
    assert fields.count() >= 6
    for index in range(fields.count()):
        field = fields.nth(index)
        label = _box(field.locator("label").first)
        control = _box(field.locator("input, select, textarea").first)
        assert abs(label["left"] - control["left"]) < 2, index  # no zig-zag
        assert label["top"] < control["top"], index


@pytest.mark.viewport(PHONE)
def test_the_volunteer_ticks_availability_by_tapping_anywhere_in_the_cell(
    page, live_server, organisation, volunteer
):
    make_volunteer(organisation, membership=volunteer, availability=0)
    login_as(page, live_server, volunteer)
    page.goto(f"{live_server.url}/buddies/my/profile/")

    back = page.get_by_role("link", name="← Start")
    assert _box(back)["height"] >= 44
    summary = page.locator("header details.user-menu summary")
    assert _box(summary)["height"] < 60  # the name on one line
    grid = page.locator("fieldset.availability-grid")
    assert _box(grid)["width"] <= PHONE.width
    for header in grid.locator("thead th").all()[1:]:  # "Voormiddag" whole, on one line
        assert header.evaluate("(th) => th.scrollWidth <= th.clientWidth")
        assert _box(header)["height"] < 40
    cell = grid.locator("td").first
    box = _box(cell)
    assert box["height"] >= 44 and box["width"] >= 44
    checkbox = cell.locator("input[type=checkbox]")
    expect(checkbox).not_to_be_checked()
    # The cell's corner, well away from the 24 px box in its middle.
    cell.click(position={"x": 3, "y": 3})
    expect(checkbox).to_be_checked()
    screenshot(page, "layout/volunteer-profile-phone")
