"""Buddies in a real browser: the coordinator approves a suggestion, the volunteer (on a phone)
sees the new contact and logs a meeting with a worry, and the coordinator sees the worry.
Every page on the way passes axe (see harness.py); screenshots go to test-artifacts/."""

import pytest
from playwright.sync_api import expect

from tests.buddies.conftest import make_request, make_volunteer

from .harness import PHONE, login_as, screenshot

pytestmark = pytest.mark.browser

WORRY = "Er is geen eten meer in huis."


def test_a_coordinator_approves_and_the_volunteer_logs_a_worry(
    page, browser_session, live_server, organisation, coordinator, social_worker, volunteer
):
    buddy = make_volunteer(organisation, membership=volunteer)
    buddy_request = make_request(social_worker)
    first_name = buddy_request.participant.first_name

    # The coordinator opens the suggestions for the request and approves the first one.
    login_as(page, live_server, coordinator)
    page.goto(f"{live_server.url}/buddies/requests/")
    page.locator(f"a[href='/buddies/requests/{buddy_request.pk}/suggestions/']").click()
    expect(page.locator("ol.proposals li.proposal")).to_have_count(1)
    expect(page.locator("main")).to_contain_text(buddy.user.get_short_name())
    screenshot(page, "buddies/01-suggestions")
    page.locator("form[action$='/propose/'] button[type='submit']").first.click()
    page.wait_for_url(lambda url: "/buddies/matches/" in url)
    screenshot(page, "buddies/02-match-proposed")

    # The volunteer, on a phone, sees the new contact and logs a meeting with a worry.
    phone = browser_session.new_page(PHONE)
    login_as(phone, live_server, volunteer)
    contacts = phone.locator("section[aria-labelledby='contacts-heading']")
    expect(contacts).to_contain_text(first_name)
    screenshot(phone, "buddies/03-volunteer-home-phone")
    width = phone.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= PHONE.width, f"the volunteer home scrolls sideways ({width}px)"
    contacts.locator("a[href$='/log/']").first.click()
    phone.wait_for_url(lambda url: url.endswith("/log/"))
    phone.locator("input[name='worried']").check()
    phone.locator("textarea[name='worry_note']").fill(WORRY)
    phone.locator("input[name='what_we_did']").fill("Koffie gedronken")
    screenshot(phone, "buddies/04-log-contact-phone")
    phone.locator("form.log-form button[type='submit']").click()
    phone.wait_for_url(f"{live_server.url}/")
    expect(phone.locator(".messages")).to_be_visible()
    screenshot(phone, "buddies/05-logged-phone")

    # The coordinator sees the worry on the match board.
    page.goto(f"{live_server.url}/buddies/matches/")
    expect(page.locator("section.worries")).to_contain_text(WORRY)
    screenshot(page, "buddies/06-board-with-worry")
