"""A referral across organisations in a real browser (issue 15).

Worker A refers a participant, with their consent, to a buddy project that organisation B runs
on Netwerk. B's coordinator accepts it into a buddy request, matches it and records the first
contact. A sees "Aanvaard" and "Eerste contact". The participant withdraws the referral
consent; B sees the withdrawal. A worker of organisation C sees nothing of it. Every page on
the way passes axe (harness.py); screenshots go to test-artifacts/referrals/.
"""

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from referrals.models import Referral
from tests.buddies.conftest import make_participant, make_volunteer
from tests.factories import MembershipFactory, OrganisationFactory
from workmodels import services as workmodel_services
from workmodels.models import WorkModel

from .harness import login_as, screenshot

pytestmark = pytest.mark.browser

REASON = "Ik wil graag iemand om samen koffie mee te drinken."


def test_a_referral_goes_from_a_to_b_and_c_sees_nothing(
    page, browser_session, live_server, social_worker
):
    # Organisation B runs a buddy project on Netwerk; C is a third organisation.
    b = OrganisationFactory(name="Buddyproject Brug", kind="buddy_project")
    b_coordinator = MembershipFactory(organisation=b, role=Role.COORDINATOR)
    MembershipFactory(organisation=b, role=Role.SOCIAL_WORKER, user__full_name="Bart Brug")
    volunteer = make_volunteer(b, languages=["nl"])
    c_worker = MembershipFactory(
        organisation=OrganisationFactory(name="OCMW Derde"), role=Role.SOCIAL_WORKER
    )
    workmodel_services.initiative_create(
        membership=b_coordinator,
        data={"name": "Buddy aan de Brug", "provider": b.name, "run_by": b},
        work_models=WorkModel.objects.filter(code="buddy"),
    )
    participant = make_participant(
        social_worker, languages=["nl"], municipality="Gent", postcode="9000"
    )

    # A: from the file, choose the initiative, share with the participant, preview, send.
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/referrals/file/{participant.pk}/refer/")
    page.get_by_role("button", name="Doorverwijzen naar Buddy aan de Brug").click()
    page.get_by_label("Gesproken talen").check()
    page.get_by_label("Gemeente en postcode").check()
    page.get_by_label("Waarom deze doorverwijzing? In de woorden van de deelnemer").fill(REASON)
    page.get_by_label("Mondeling").check()
    page.get_by_label("Waarvoor?").fill("Een buddy zoeken")
    screenshot(page, "referrals/flow-01-form")
    page.get_by_role("button", name="Verder: bekijk wat gedeeld wordt").click()
    expect(page.locator("main")).to_contain_text(REASON)
    expect(page.locator("main")).not_to_contain_text(participant.last_name)
    screenshot(page, "referrals/flow-02-preview")
    page.get_by_role("button", name="Ja, de deelnemer is akkoord: versturen").click()
    expect(page.locator("main")).to_contain_text("Verstuurd")
    referral = Referral.objects.get(participant=participant)
    assert referral.to_organisation == b
    assert "last_name" not in referral.shared and "contact" not in referral.shared

    # B's coordinator: the inbox, the referral, accept into a buddy request.
    b_page = browser_session.new_page()
    login_as(b_page, live_server, b_coordinator)
    b_page.goto(f"{live_server.url}/referrals/inbox/")
    b_page.get_by_role("link", name=participant.short_name).first.click()
    expect(b_page.locator("main")).to_contain_text(REASON)
    expect(b_page.locator("main")).not_to_contain_text(participant.last_name)
    screenshot(b_page, "referrals/flow-03-inbox-detail")
    b_page.get_by_role("button", name="Aanvaarden").click()
    b_page.get_by_label(
        "Hoe gaf de deelnemer jouw organisatie toestemming voor een dossier?"
    ).select_option("oral")
    b_page.get_by_label("Wie neemt het dossier op?").select_option(label="Bart Brug")
    b_page.get_by_label("Zet ook een buddyvraag op de wachtlijst").check()
    screenshot(b_page, "referrals/flow-04-accept")
    b_page.get_by_role("button", name="Aanvaarden").click()
    expect(b_page.locator("main")).to_contain_text("aanvaard")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    received = referral.received_participant
    assert received.organisation == b and received.last_name == ""
    buddy_request = received.buddy_requests.get()

    # ... matches it with the volunteer, and records the first contact.
    b_page.goto(f"{live_server.url}/buddies/requests/{buddy_request.pk}/suggestions/")
    expect(b_page.locator("ol.proposals li.proposal")).to_have_count(1)
    expect(b_page.locator("main")).to_contain_text(volunteer.user.get_short_name())
    b_page.locator("form[action$='/propose/'] button[type='submit']").first.click()
    b_page.wait_for_url(lambda url: "/buddies/matches/" in url)
    b_page.goto(f"{live_server.url}/referrals/inbox/{referral.pk}/")
    b_page.get_by_role("button", name="Eerste contact bewaren").click()
    expect(b_page.locator("main")).to_contain_text("Eerste contact")
    screenshot(b_page, "referrals/flow-05-first-contact")

    # A sees the steps, never B's file.
    page.goto(f"{live_server.url}/referrals/sent/{referral.pk}/")
    steps = page.locator("main")
    expect(steps).to_contain_text("Aanvaard")
    expect(steps).to_contain_text("Eerste contact")
    assert f"/participants/{received.pk}/" not in page.content()
    screenshot(page, "referrals/flow-06-sender-steps")

    # The participant withdraws the referral consent; A records it.
    page.get_by_role("button", name="Deelnemer trekt toestemming in").click()
    page.get_by_role("button", name="Intrekking noteren").click()
    expect(page.locator("main")).to_contain_text("ingetrokken")
    screenshot(page, "referrals/flow-07-withdrawn")

    # B sees the withdrawal.
    b_page.goto(f"{live_server.url}/referrals/inbox/{referral.pk}/")
    expect(b_page.locator("main")).to_contain_text("toestemming ingetrokken")
    screenshot(b_page, "referrals/flow-08-receiver-sees-withdrawal")

    # C sees nothing of it: not in its inbox, not by address, not through the API.
    c_page = browser_session.new_page()
    login_as(c_page, live_server, c_worker)
    c_page.goto(f"{live_server.url}/referrals/inbox/")
    expect(c_page.locator("main")).not_to_contain_text(participant.short_name)
    for path in (
        f"/referrals/inbox/{referral.pk}/",
        f"/referrals/sent/{referral.pk}/",
        f"/api/referrals/inbox/{referral.pk}/",
        f"/api/referrals/sent/{referral.pk}/",
    ):
        answer = c_page.request.get(f"{live_server.url}{path}")
        assert answer.status == 404, (path, answer.status)
