"""A volunteer's worry becomes a safety flag, and the file's social worker sees it before the
timeline (issue 18). The volunteer logs the worry on a phone; the coordinator turns it into a
flag with one click (the form starts from the worry) and passes on a few words; the social
worker opens the file and finds the flag at the top, in view without scrolling, above the
timeline; the volunteer reads only the coordinator's words. Every page passes axe."""

import pytest
from playwright.sync_api import expect

from buddies import services as buddy_services
from safety.models import FlagKind
from tests.buddies.conftest import make_request, make_volunteer

from .harness import PHONE, login_as, screenshot

pytestmark = pytest.mark.browser

WORRY = "Haar ex-partner stond aan de deur en werd boos."
FLAG = "Ex-partner niet contacteren en niet binnenlaten."
PASSED_ON = "Spreek af in het buurthuis, niet bij haar thuis."


def test_a_volunteers_worry_becomes_a_flag_the_social_worker_sees_first(
    page, browser_session, live_server, organisation, coordinator, social_worker, volunteer
):
    buddy = make_volunteer(organisation, membership=volunteer)
    buddy_request = make_request(social_worker)
    match = buddy_services.match_propose(
        membership=coordinator, request=buddy_request, volunteer=buddy
    )
    participant = buddy_request.participant

    # The volunteer, on a phone, logs a meeting with a worry.
    phone = browser_session.new_page(PHONE)
    login_as(phone, live_server, volunteer)
    phone.goto(f"{live_server.url}/buddies/my/contacts/{match.pk}/log/")
    phone.locator("input[name='worried']").check()
    phone.locator("textarea[name='worry_note']").fill(WORRY)
    phone.locator("form.log-form button[type='submit']").click()
    phone.wait_for_url(f"{live_server.url}/")

    # The coordinator turns the worry into a flag from the match page: the text starts from it.
    login_as(page, live_server, coordinator)
    page.goto(f"{live_server.url}/buddies/matches/{match.pk}/")
    page.locator("a[href^='/safety/worries/']").first.click()
    page.wait_for_url(lambda url: "/safety/worries/" in url)
    expect(page.locator("textarea[name='text']")).to_have_value(WORRY)
    screenshot(page, "safety/01-worry-to-flag")
    kind = FlagKind.objects.get(organisation=organisation, code="no_contact")
    page.locator("select[name='kind']").select_option(value=str(kind.pk))
    page.locator("textarea[name='text']").fill(FLAG)
    page.locator("input[name='pass_on_to_volunteer']").check()
    page.locator("textarea[name='volunteer_text']").fill(PASSED_ON)
    page.locator("main form button[type='submit']").click()
    page.wait_for_url(f"{live_server.url}/buddies/matches/{match.pk}/")
    expect(page.locator(".flag-banner")).to_contain_text(FLAG)
    screenshot(page, "safety/02-match-with-flag")

    # The file's social worker opens the file: the flag is the first thing, above the timeline.
    worker = browser_session.new_page()
    login_as(worker, live_server, social_worker)
    worker.goto(f"{live_server.url}/participants/{participant.pk}/")
    banner = worker.locator(".flag-banner")
    expect(banner).to_contain_text(FLAG)
    expect(banner).to_be_in_viewport()
    banner_box = banner.bounding_box()
    timeline_box = worker.locator("#timeline").bounding_box()
    assert banner_box["y"] + banner_box["height"] <= timeline_box["y"]
    screenshot(worker, "safety/03-file-with-flag", full_page=False)

    # The volunteer reads the coordinator's words only.
    phone.goto(f"{live_server.url}/buddies/my/contacts/{match.pk}/")
    expect(phone.locator(".flag-banner")).to_contain_text(PASSED_ON)
    expect(phone.locator("main")).not_to_contain_text(FLAG)
    screenshot(phone, "safety/04-volunteer-phone")
