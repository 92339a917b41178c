"""Recording a structural signal in a real browser, on a phone: the social worker opens the
record page from the participant's file, writes a story with the participant's name, is told
which word is a name, rewrites it and saves; the org admin releases the story. Every page on
the way passes axe (harness.py)."""

import pytest
from playwright.sync_api import expect

from signalling.models import Signal
from tests.buddies.conftest import make_participant

from .harness import PHONE, allow_console_error, check_a11y, login_as, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.viewport(*PHONE)]


def test_a_story_with_a_name_is_rewritten_before_it_is_saved_and_then_released(
    page, live_server, social_worker, org_admin
):
    participant = make_participant(social_worker, first_name="Yasmina", last_name="Bouzid")
    login_as(page, live_server, social_worker)

    page.goto(f"{live_server.url}/participants/{participant.pk}/")
    page.get_by_role("link", name="Een signaal noteren").first.click()
    page.wait_for_url(lambda url: f"/signals/new/file/{participant.pk}/" in url)
    expect(page.locator("input[name='municipality']")).to_have_value("Gent")
    page.locator("select[name='theme']").select_option(label="Alleen digitaal")
    page.locator("textarea[name='story']").fill(
        "Yasmina kon zich niet inschrijven: het formulier staat alleen online."
    )
    page.locator("select[name='participant_counted']").select_option("true")
    allow_console_error(page, "status of 400")  # the refused form comes back with 400
    page.get_by_role("button", name="Het signaal noteren").click()

    # Refused, with the word that is a name; the text is kept to rewrite.
    error = page.locator(".errorlist").first
    expect(error).to_contain_text("Yasmina")
    expect(page.locator("textarea[name='story']")).to_have_value(
        "Yasmina kon zich niet inschrijven: het formulier staat alleen online."
    )
    check_a11y(page)
    screenshot(page, "signalling/01-name-found-phone")
    assert not Signal.objects.exists()

    page.locator("textarea[name='story']").fill(
        "Een jonge moeder kon zich niet inschrijven: het formulier staat alleen online."
    )
    page.get_by_role("button", name="Het signaal noteren").click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    expect(page.locator("h1")).to_contain_text("Alleen digitaal")
    signal = Signal.objects.get()
    assert signal.participant == participant and signal.participant_counted is True
    screenshot(page, "signalling/02-recorded-phone")
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= PHONE.width, f"the signal page scrolls sideways ({width}px)"

    # The org admin releases the story after the check.
    page.context.clear_cookies()
    login_as(page, live_server, org_admin)
    page.goto(f"{live_server.url}/signals/{signal.pk}/release/")
    page.get_by_role("button", name="Ja, dit verhaal vrijgeven").click()
    expect(page.locator(".messages")).to_contain_text("vrijgegeven")
    signal.refresh_from_db()
    assert signal.story_released
