"""A volunteer on a phone makes their calendar link, sees it once, and stops it again: from the
name menu to "Agenda in je telefoon". Every page on the way passes axe (harness.py), and nothing
sticks out at 390 px (the long link sits in a read-only field)."""

import pytest
from playwright.sync_api import expect

from .harness import PHONE, check_a11y, login_as, screenshot

pytestmark = pytest.mark.browser

WIDTH = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.mark.viewport(PHONE)
def test_a_volunteer_makes_sees_once_and_stops_their_calendar_link(page, live_server, volunteer):
    login_as(page, live_server, volunteer)
    menu = page.locator("header details.user-menu")
    menu.locator("summary").click()
    menu.get_by_role("link", name="Agenda in je telefoon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda in je telefoon")
    page.get_by_role("button", name="Mijn agenda-link maken").click()
    link = page.get_by_label("Link voor Google Agenda en Outlook")
    url = link.input_value()
    assert "/calendar/feed/" in url and url.endswith(".ics")
    # What a calendar app does with it: no session, the token is the key.
    path = url[url.index("/calendar/feed/") :]
    feed = page.context.request.get(live_server.url + path)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    check_a11y(page)
    assert page.evaluate(WIDTH)
    screenshot(page, "calendar-link-made")

    page.goto(f"{live_server.url}/calendar/")
    expect(page.get_by_label("Link voor Google Agenda en Outlook")).to_have_count(0)
    page.get_by_role("button", name="Link stoppen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("De agenda-link stoppen")
    assert page.evaluate(WIDTH)
    page.get_by_role("button", name="Link stoppen").click()
    expect(page.get_by_text("De agenda-link werkt niet meer.")).to_be_visible()
    expect(page.get_by_role("button", name="Mijn agenda-link maken")).to_be_visible()
    assert page.evaluate(WIDTH)
