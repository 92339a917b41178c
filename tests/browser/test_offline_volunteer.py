"""The volunteer's pages without a connection, in Chromium with the network switched off and
on (context.set_offline): three contacts and a worry entered offline arrive exactly once after
reconnecting; reloading offline still shows the kept contacts; log-out clears what was kept."""

import pytest
from playwright.sync_api import expect

from buddies import services
from buddies.models import ContactLog
from tests.buddies.conftest import make_request, make_volunteer

from .harness import PHONE, allow_console_error, login_as, screenshot

pytestmark = pytest.mark.browser

KEPT_PAGES = """async () => {
  const names = await caches.keys();
  if (!names.includes("netwerk-pages-v1")) return 0;
  const cache = await caches.open("netwerk-pages-v1");
  return (await cache.keys()).length;
}"""
QUEUED = "() => JSON.parse(localStorage.getItem('netwerkOfflineQueue') || '[]').length"


@pytest.mark.viewport(PHONE)
def test_contacts_and_a_worry_logged_offline_arrive_once_after_reconnecting(
    page, live_server, organisation, coordinator, social_worker, volunteer
):
    buddy = make_volunteer(organisation, membership=volunteer)
    match = services.match_propose(
        membership=coordinator, request=make_request(social_worker), volunteer=buddy
    )
    first_name = match.participant.first_name
    # Without a connection the notifications' bell and the like cannot load.
    allow_console_error(page, r"ERR_INTERNET_DISCONNECTED|Failed to (load|fetch)|net::")

    login_as(page, live_server, volunteer)
    # The service worker takes over; the home page then keeps the contact's pages and forms.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.reload()
    page.wait_for_function(f"async () => ({KEPT_PAGES})() >= 4")

    context = page.context
    context.set_offline(True)
    log_url = f"{live_server.url}/buddies/my/contacts/{match.pk}/log/"
    for number in range(3):
        page.goto(log_url)
        page.locator("input[name='what_we_did']").fill(f"Wandeling {number + 1}")
        page.locator("form.log-form button[type='submit']").click()
        page.wait_for_url(f"{live_server.url}/")
        expect(page.locator("#offline-status")).to_contain_text("bewaard op deze telefoon")
    page.goto(f"{live_server.url}/buddies/my/contacts/{match.pk}/worry/")
    page.locator("textarea[name='worry_note']").fill("Ze klinkt erg moe.")
    page.locator("form.log-form button[type='submit']").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.evaluate(QUEUED) == 4
    assert not ContactLog.objects.exists()

    # Reloading without a connection shows the kept contact list.
    page.reload()
    expect(page.locator("section[aria-labelledby='contacts-heading']")).to_contain_text(first_name)
    expect(page.locator("#offline-status")).to_contain_text("4")
    screenshot(page, "offline/01-home-offline-phone")

    # Back online: the queue is sent once, and emptied.
    context.set_offline(False)
    page.wait_for_function(f"() => ({QUEUED})() === 0")
    expect(page.locator("#offline-status")).to_contain_text("4")
    screenshot(page, "offline/02-sent-phone")
    assert ContactLog.objects.filter(match=match, worried=False).count() == 3
    assert ContactLog.objects.filter(match=match, worried=True).count() == 1
    # Going online again (a flaky connection) sends nothing twice.
    context.set_offline(True)
    context.set_offline(False)
    page.reload()
    assert ContactLog.objects.count() == 4

    # Log-out clears what the phone kept.
    page.locator("details.user-menu summary").click()
    page.get_by_role("button", name="Afmelden").click()
    page.wait_for_url(lambda url: "/accounts/login/" in url)
    page.wait_for_function(
        "async () => (await caches.keys()).filter(k => k.startsWith('netwerk-')).length === 0"
    )
    assert page.evaluate(QUEUED) == 0
