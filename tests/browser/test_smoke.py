"""Smoke test in a real browser: every role logs in, lands on its home page in Dutch, and
switches to English; every page on the way passes axe (see harness.py)."""

import pytest
from playwright.sync_api import expect

from tests.factories import ParticipantFactory

from .harness import SMALL_PHONE, check_a11y, login_as, screenshot

pytestmark = pytest.mark.browser

# Text only that role's home page shows, in Dutch (locale/nl/LC_MESSAGES/django.po) and in
# English (the msgid).
HOME_TEXT = {
    "org_admin": ("mensen met een rol", "people with a role"),
    "coordinator": ("Vrijwilligerspool", "Volunteer pool"),
    "social_worker": ("Mijn deelnemers", "My participants"),
    "volunteer": ("Mijn contacten", "My contacts"),
    "researcher": (
        "Als onderzoeker zie je enkel gepseudonimiseerde cijfers, nooit een dossier.",
        "As a researcher you see pseudonymised figures only, never a participant file.",
    ),
}
GREETING = {"volunteer": ("Hallo", "Hello")}
DEFAULT_GREETING = ("Fijn je te zien", "Good to see you")

MEASURE_OVERFLOW = """() => ({
    scrollWidth: document.scrollingElement.scrollWidth,
    innerWidth: window.innerWidth,
    headerRight: Math.ceil(document.querySelector("header").getBoundingClientRect().right),
    outside: [...document.querySelectorAll("header *")]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((element) => element.outerHTML.slice(0, 80)),
})"""


def _open_user_menu(page):
    menu = page.locator("header details.user-menu")
    menu.locator("summary").click()
    expect(menu).to_have_attribute("open", "")
    check_a11y(page)
    menu.locator("summary").click()


@pytest.mark.parametrize("role", list(HOME_TEXT))
def test_each_role_lands_on_its_dutch_home_and_can_switch_to_english(
    request, page, live_server, role
):
    membership = request.getfixturevalue(role)
    dutch, english = HOME_TEXT[role]

    login_as(page, live_server, membership)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    main = page.locator("main")
    expect(main).to_contain_text(dutch)
    if role == "org_admin":
        expect(page.get_by_role("heading", level=1)).to_have_text("CAW Test")
    else:
        hello_nl, _hello_en = GREETING.get(role, DEFAULT_GREETING)
        expect(page.get_by_role("heading", level=1)).to_contain_text(hello_nl)
    start = page.get_by_role("link", name="Start", exact=True)
    expect(start).to_have_attribute("aria-current", "page")
    screenshot(page, f"home-{role}-nl")
    _open_user_menu(page)

    page.locator("header").get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(main).to_contain_text(english)
    expect(main).not_to_contain_text(dutch)
    if role != "org_admin":
        _hello_nl, hello_en = GREETING.get(role, DEFAULT_GREETING)
        expect(page.get_by_role("heading", level=1)).to_contain_text(hello_en)
    expect(page.locator("header").get_by_role("button", name="Nederlands")).to_be_visible()
    screenshot(page, f"home-{role}-en")


@pytest.mark.viewport(SMALL_PHONE)
def test_the_header_fits_a_small_phone(page, live_server, volunteer):
    login_as(page, live_server, volunteer)
    for language in ("nl", "en"):
        expect(page.locator("html")).to_have_attribute("lang", language)
        overflow = page.evaluate(MEASURE_OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["innerWidth"], overflow
        assert overflow["headerRight"] <= overflow["innerWidth"], overflow
        assert not overflow["outside"], overflow
        screenshot(page, f"home-volunteer-{language}-360", full_page=False)
        if language == "nl":
            page.locator("header").get_by_role("button", name="English").click()


def test_dark_mode_keeps_the_contrast(browser_session, live_server, social_worker):
    # Pico follows the system's dark mode; Netwerk's own colours (muted text, errors, focus)
    # must follow it too.
    page = browser_session.new_page(color_scheme="dark")
    ParticipantFactory(organisation=social_worker.organisation, social_worker=social_worker.user)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name='login']").fill(social_worker.user.email)
    page.locator("input[name='password']").fill("not-the-password")
    page.locator("main form button[type='submit']").click()
    expect(page.get_by_role("alert")).to_be_visible()  # the error message, checked by axe
    login_as(page, live_server, social_worker)
    expect(page.locator("main .muted")).to_have_count(1)  # the participant's reference code
    _open_user_menu(page)
    screenshot(page, "home-social_worker-dark")
