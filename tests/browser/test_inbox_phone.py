"""The referral inbox on a phone (390 px): the receiving organisation's worker opens the
inbox, reads a referral whose reason is one long word, asks a question in the thread (htmx)
and accepts it. Nothing scrolls sideways; axe checks every page on the way (harness.py)."""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from tests.factories import MembershipFactory
from tests.referrals.factories import make_referral

from .harness import PHONE, check_a11y, login_as, screenshot

pytestmark = pytest.mark.browser

FITS = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.mark.viewport(PHONE)
def test_the_inbox_fits_a_phone_and_a_referral_can_be_answered(
    page, live_server, social_worker, other_org_worker
):
    MembershipFactory(organisation=other_org_worker.organisation, role=Role.COORDINATOR)
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        items=("first_name", "reason", "languages", "contact"),
        shared={
            "first_name": "Mira",
            "reason": "Ik" + "a" * 400,
            "languages": ["nl", "fr"],
            "contact": {"phone": "0470 12 34 56", "email": "mira.peeters@example.org"},
        },
    )
    login_as(page, live_server, other_org_worker)
    page.goto(f"{live_server.url}/referrals/inbox/")
    assert page.evaluate(FITS)
    page.get_by_role("link", name="Mira").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mira")
    assert page.evaluate(FITS)
    screenshot(page, "referrals/inbox-detail-390")

    page.get_by_label("Je bericht").fill("Welke dagen past het?")
    page.get_by_role("button", name="Stuur het bericht").click()
    expect(page.locator(".thread-list")).to_contain_text("Welke dagen past het?")
    check_a11y(page)

    page.get_by_role("button", name="Aanvaarden").click()  # the detail page's link-button
    assert page.evaluate(FITS)
    page.get_by_label(
        "Hoe gaf de deelnemer jouw organisatie toestemming voor een dossier?"
    ).select_option("oral")
    page.get_by_label("Zet ook een buddyvraag op de wachtlijst").check()
    page.get_by_role("button", name="Aanvaarden").click()
    expect(page.locator("main")).to_contain_text("aanvaard")
    assert page.evaluate(FITS)
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert referral.received_participant.buddy_requests.count() == 1
