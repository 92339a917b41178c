"""Consent with an expiry date in a real browser: the org admin sets the organisation's default
validity on the reminder rules page; the social worker records a consent, finds the expiry date
prefilled from it, and sees it on the file (axe checks every page)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from netwerk.dates import add_months
from participants.models import Consent
from tests.factories import ParticipantFactory

from .harness import login_as

pytestmark = pytest.mark.browser


def test_the_default_validity_prefills_the_expiry_date_of_a_recorded_consent(
    page, browser_session, viewport, live_server, org_admin, social_worker
):
    today = timezone.localdate()
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        status="intake",
        first_name="Yara",
    )

    admin = page
    login_as(admin, live_server, org_admin)
    admin.goto(f"{live_server.url}/notifications/rules/")
    validity = admin.get_by_label("Standaard geldigheid van een toestemming, in maanden")
    expect(validity).to_have_value("24")
    validity.fill("12")
    validity.locator("xpath=ancestor::form").get_by_role("button", name="Bewaren").click()
    expect(
        admin.get_by_label("Standaard geldigheid van een toestemming, in maanden")
    ).to_have_value("12")

    page = browser_session.new_page(viewport)
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/{participant.pk}/")
    page.locator("#consents summary", has_text="Toestemming registreren").click()
    expires = page.get_by_label("Geldig tot")
    expect(expires).to_have_value(add_months(today, 12).isoformat())
    page.locator("select[name='consent-purpose']").select_option("file")
    page.locator("#consents").get_by_role("button", name="Toestemming registreren").click()

    expect(page.locator("#consents")).to_contain_text("geldig tot")
    consent = Consent.objects.get(participant=participant)
    assert consent.expires_on == add_months(today, 12)
