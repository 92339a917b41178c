"""A coordinator, in a real browser: adds a volunteer who will never log in, then brings a
running match to its end through the confirmation page, and reads its story on the match.
Every page on the way passes axe (see harness.py); screenshots go to test-artifacts/."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from buddies import services
from buddies.models import Match, Volunteer
from tests.buddies.conftest import make_request, make_volunteer

from .harness import login_as, screenshot

pytestmark = pytest.mark.browser


def test_a_coordinator_adds_a_volunteer_without_a_log_in_and_closes_a_match(
    page, live_server, organisation, coordinator, social_worker
):
    login_as(page, live_server, coordinator)
    page.goto(f"{live_server.url}/buddies/volunteers/new/")
    page.fill("input[name='first_name']", "Mieke")
    page.fill("input[name='last_name']", "Van Damme")
    page.fill("input[name='phone']", "0470 11 22 33")
    screenshot(page, "buddies/10-new-volunteer-without-log-in")
    page.locator("form.grid-form button[type='submit']").click()
    page.wait_for_url(lambda url: "/buddies/volunteers/" in url and "/new/" not in url)
    expect(page.locator("#login-heading")).to_be_visible()
    volunteer = Volunteer.objects.get(first_name="Mieke")
    assert volunteer.user is None

    buddy = make_volunteer(organisation)
    match = services.match_propose(
        membership=coordinator, request=make_request(social_worker), volunteer=buddy
    )
    match = services.match_plan_intro(
        membership=coordinator,
        match=match,
        intro_at=timezone.now() - datetime.timedelta(days=30),
        intro_place="De Krook",
    )
    services.match_activate(membership=coordinator, match=match)

    page.goto(f"{live_server.url}/buddies/matches/{match.pk}/")
    page.locator(f"a[href='/buddies/matches/{match.pk}/start-closing/']").click()
    expect(page.locator("h1")).to_contain_text("afsluiten")
    screenshot(page, "buddies/11-start-closing-confirmation")
    page.fill("textarea[name='start_closing-note']", "Verhuist")
    page.locator("form[action$='/start_closing/'] button[type='submit']").click()
    page.wait_for_url(f"{live_server.url}/buddies/matches/{match.pk}/")
    page.fill("textarea[name='close-evaluation_volunteer']", "Fijne wandelingen.")
    page.fill("textarea[name='close-evaluation_participant']", "Ik ken nu de buurt.")
    page.select_option("select[name='close-close_reason']", "moved")
    page.locator("form[action$='/close/'] button[type='submit']").click()
    expect(page.locator("#closure-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Fijne wandelingen.")
    screenshot(page, "buddies/12-closed-match-story")
    assert Match.objects.get(pk=match.pk).status == Match.Status.CLOSED
