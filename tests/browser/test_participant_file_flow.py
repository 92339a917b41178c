"""A social worker's daily work in a real browser: open a file with consent, log three
interventions from the file page without reloading it, set a follow-up date, and find the
participant again through the caseload filter "follow-up due"."""

import pytest
from django.utils import dateformat, timezone
from playwright.sync_api import expect

from participants.models import Intervention, Participant

from .harness import TABLET, login_as, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.viewport(TABLET)
def test_a_social_worker_logs_interventions_without_reloading_and_finds_the_follow_up(
    page, live_server, social_worker
):
    today = timezone.localdate()
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/new/")
    page.get_by_label("Voornaam").fill("Nadia")
    page.get_by_label("Achternaam").fill("Verstraete")
    page.get_by_label("Gesproken talen").select_option(["nl", "ar"])
    page.get_by_label("Toestemming om een dossier bij te houden").select_option("oral")
    page.get_by_role("button", name="Bewaren").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Nadia Verstraete")
    participant = Participant.objects.get(first_name="Nadia")

    # Mark the document: a full reload would lose this property.
    page.evaluate("window.__stillTheSamePage = true")
    form = page.locator("#quick-intervention")
    summaries = ["Kennismaking thuis.", "Samen naar het buurthuis.", "Telefoontje over de cursus."]
    for index, summary in enumerate(summaries):
        form = page.locator("#quick-intervention")
        if index == 0:
            # The first time there is no last-used work model to default to.
            form.get_by_label("Werkmodel").select_option(label="Persoonlijk netwerk")
        form.get_by_label("Samenvatting (vertrouwelijk)").fill(summary)
        if index == 2:
            form.get_by_label("Opvolgdatum").fill(today.isoformat())
        form.get_by_role("button", name="Interventie bewaren").click()
        expect(page.locator("#timeline-list")).to_contain_text(summary)
        expect(page.locator("#quick-intervention")).to_contain_text("Opgeslagen.")
        # The form is fresh again, keyboard focus can stay on the page.
        expect(
            page.locator("#quick-intervention").get_by_label("Samenvatting (vertrouwelijk)")
        ).to_have_value("")
    assert page.evaluate("window.__stillTheSamePage") is True
    assert Intervention.objects.filter(participant=participant).count() == 3
    # The Dutch short date format is day-month-year without leading zeros.
    expect(page.locator("#next-follow-up")).to_have_text(dateformat.format(today, "j-n-Y"))
    screenshot(page, "participant-file-after-three-interventions")

    page.get_by_role("link", name="Deelnemers").click()
    page.get_by_label("Opvolging nodig").check()
    expect(page.locator("#caseload-results")).to_contain_text("Nadia Verstraete")
    page.get_by_label("Opvolging nodig").uncheck()
    expect(page.locator("#caseload-results")).to_contain_text("Nadia Verstraete")
    screenshot(page, "caseload-follow-up-due")
