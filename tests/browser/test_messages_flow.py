"""Messages: a social worker writes to a participant from the file with a template, sees the
exact text and its SMS count, sends it and finds it in the file's message log; the group send
page says who is left out and why. Every page on the way passes axe (harness.py)."""

import pytest
from playwright.sync_api import expect

from messaging.models import MessageTemplate
from messaging.services import templates_ensure_defaults
from notifications.models import Message
from participants.models import Consent
from tests.factories import ParticipantFactory
from tests.messaging.conftest import give_contact_consent, make_group

from .harness import PHONE, login_as, screenshot

pytestmark = [pytest.mark.browser]


def test_a_worker_sends_a_template_message_from_the_file(page, live_server, social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Zoë",
        last_name="Peeters",
        phone="+32470123456",
    )
    give_contact_consent(participant, social_worker.user)
    give_contact_consent(participant, social_worker.user, Consent.Purpose.FILE)
    templates_ensure_defaults(organisation=social_worker.organisation)
    template = MessageTemplate.objects.get(name="Afspraak", organisation=social_worker.organisation)
    login_as(page, live_server, social_worker)

    page.goto(f"{live_server.url}/participants/{participant.pk}/")
    page.locator("#messages-card a", has_text="Stuur een bericht").first.click()
    page.wait_for_url(lambda url: "/messages/participant/" in url)
    page.locator("select[name='template']").select_option(str(template.pk))
    page.locator("select[name='channel']").select_option("sms")
    page.locator("input[name='date']").fill("2026-12-20")
    page.locator("input[name='time']").fill("14:30")
    page.locator("input[name='place']").fill("het buurthuis")
    page.locator("button[value='preview']").click()
    preview = page.locator("[data-testid='preview-text']")
    expect(preview).to_contain_text("Dag Zoë, we hebben een afspraak op 20 december 2026 om 14:30")
    expect(page.locator("[data-testid='sms-count']")).to_contain_text("sms")
    screenshot(page, "messages/01-preview")
    page.locator("button[value='send']").click()
    page.wait_for_url(f"{live_server.url}/participants/{participant.pk}/")
    message = Message.objects.get()
    assert message.channel == "sms" and message.body.startswith("Dag Zoë")
    expect(page.locator("#message-log")).to_contain_text("Dag Zoë, we hebben een afspraak")
    screenshot(page, "messages/02-file-log")


def test_the_group_send_page_lists_who_is_left_out(page, live_server, social_worker):
    org = social_worker.organisation
    reached = ParticipantFactory(
        organisation=org, social_worker=social_worker.user, phone="+32470000001"
    )
    give_contact_consent(reached, social_worker.user)
    silent = ParticipantFactory(
        organisation=org, social_worker=social_worker.user, phone="+32470000002"
    )
    group = make_group(social_worker, [reached, silent])
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/groups/{group.pk}/")
    page.locator("a", has_text="Stuur een bericht aan de leden").click()
    page.wait_for_url(lambda url: "/messages/group/" in url)
    page.locator("select[name='channel']").select_option("sms")
    page.locator("textarea[name='body']").fill("Dag {voornaam}, tot donderdag!")
    page.locator("button[value='preview']").click()
    expect(page.locator("table.left-out")).to_contain_text(
        "Geen toestemming voor contact via e-mail of sms"
    )
    expect(page.locator("#who")).to_contain_text("1 van 2")
    screenshot(page, "messages/03-group-left-out")
    page.locator("button[value='send']").click()
    page.wait_for_url(f"{live_server.url}/groups/{group.pk}/")
    assert list(Message.objects.values_list("recipient_id", flat=True)) == [reached.pk]


@pytest.mark.viewport(*PHONE)
def test_the_letters_and_calls_fit_a_phone(page, live_server, social_worker):
    letter_to = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        address="Sleepstraat 12",
        preferred_channel="letter",
    )
    call_to = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        phone="+3292345678",
        preferred_channel="phone",
    )
    login_as(page, live_server, social_worker)
    for participant in (letter_to, call_to):
        page.goto(f"{live_server.url}/messages/participant/{participant.pk}/")
        page.locator("textarea[name='body']").fill("Dag {voornaam}, ik bel je donderdag.")
        page.locator("button[value='preview']").click()
        page.locator("button[value='send']").click()
        page.wait_for_url(f"{live_server.url}/participants/{participant.pk}/")
    for path, name in (
        ("/messages/letters/", "04-letters-phone"),
        ("/messages/calls/", "05-calls"),
    ):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("() => document.scrollingElement.scrollWidth")
        assert width <= PHONE.width, f"{path} scrolls sideways ({width}px)"
        screenshot(page, f"messages/{name}")
    page.locator("button", has_text="Gebeld").click()
    expect(page.locator(".messages")).to_be_visible()
    assert Message.objects.get(channel="call").status == "delivered"
