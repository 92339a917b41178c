"""In a real browser: a social worker finds a fitting model with a participant, filters the
initiatives by language and saves the participant's choice with their reason; a researcher opens
the dashboard and downloads the pseudonymised research export. Every page passes axe."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from participants.models import Consent, Trajectory
from tests.factories import ParticipantFactory, UserFactory
from tests.findings.data import person_in_model
from tests.participants.factories import ConsentFactory
from workmodels import services as directory
from workmodels.models import WorkModel

from .harness import login_as, screenshot

pytestmark = pytest.mark.browser


def test_a_social_worker_chooses_a_model_with_the_participant(
    page, live_server, social_worker, coordinator
):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Samira",
        municipality="Gent",
        languages=["ar", "nl"],
    )
    ConsentFactory(participant=participant, purpose=Consent.Purpose.FILE)
    for name, languages in (("Duo Gent Arabisch", ["ar"]), ("Duo Gent Nederlands", ["nl"])):
        directory.initiative_create(
            membership=coordinator,
            data={
                "name": name,
                "provider": "CAW",
                "municipalities": ["Gent"],
                "languages": languages,
            },
            work_models=WorkModel.objects.filter(code="buddy"),
        )

    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/findings/participants/{participant.pk}/choose/")
    results = page.locator("#fitting-initiatives")
    expect(results.locator("article")).to_have_count(2)

    page.locator("#initiative-filter select[name='language']").select_option("ar")
    expect(results.locator("article")).to_have_count(1)
    expect(results).to_contain_text("Duo Gent Arabisch")
    screenshot(page, "work-models/choose-model")

    form = page.locator("#choice-form")
    buddy = WorkModel.objects.get(code="buddy")
    form.locator(f"input[name='work_model'][value='{buddy.pk}']").check()
    form.locator("select[name='initiative']").select_option(label="Duo Gent Arabisch")
    form.locator("textarea[name='motivation']").fill("Iemand die mijn taal spreekt.")
    form.locator("button[type='submit']").click()
    page.wait_for_url(f"**/participants/{participant.pk}/")
    expect(page.locator("#trajectories")).to_contain_text("Iemand die mijn taal spreekt.")

    trajectory = Trajectory.objects.get(participant=participant)
    assert trajectory.work_model == buddy
    assert trajectory.initiative_name == "Duo Gent Arabisch"


def test_a_researcher_opens_the_dashboard_and_downloads_the_export(
    page, live_server, organisation, researcher
):
    user = UserFactory()
    for index in range(8):
        person_in_model(organisation, "buddy", before=2, after=5, user=user, research=index < 6)

    login_as(page, live_server, researcher)
    page.goto(f"{live_server.url}/findings/dashboard/")
    expect(page.locator("svg.fd-chart")).to_have_count(5)
    screenshot(page, "work-models/dashboard")

    page.get_by_role("link", name="Onderzoeksexport: wat erin staat en downloaden").click()
    page.wait_for_url("**/findings/research-export/")
    expect(page.locator("main")).to_contain_text("minstens 5 mensen")
    screenshot(page, "work-models/research-export")
    with page.expect_download() as download_info:
        page.locator("#research-export").click()
    download = download_info.value
    content = Path(download.path()).read_text(encoding="utf-8-sig").splitlines()
    assert content[0].startswith("pseudonym;")
    assert len(content) == 1 + 6
