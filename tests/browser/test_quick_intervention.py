"""Quick intervention entry, twice in a row with the keyboard in mind: after each htmx save the
focus is back on the form's first field (not dropped on <body>), the work model stays, the
kind starts over, and the timeline says who from the network took part."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants import services
from participants.models import Consent, Intervention
from participants.services import network as network_services
from tests.factories import ParticipantFactory

from .harness import TABLET, allow_console_error, login_as, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def participant(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Nadia",
        last_name="Verstraete",
    )
    services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=timezone.localdate(),
        method=Consent.Method.ORAL,
    )
    network_services.network_member_create(
        membership=social_worker,
        participant=participant,
        data={"label": "Zus Leen", "sector": "family", "ring": "very_close", "support": []},
    )
    return participant


@pytest.mark.viewport(TABLET)
def test_after_a_save_focus_returns_to_the_form_and_the_kind_starts_over(
    page, live_server, social_worker, participant
):
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/{participant.pk}/")
    form = page.locator("#quick-intervention")
    form.get_by_label("Werkmodel").select_option(label="Persoonlijk netwerk")
    form.get_by_label("Soort").select_option(label="Netwerkoverleg")
    form.get_by_label("Zus Leen").check()
    form.get_by_label("Samenvatting (vertrouwelijk)").fill("Overleg met de zus.")
    form.get_by_role("button", name="Interventie bewaren").click()

    expect(page.locator("#timeline-list")).to_contain_text("Overleg met de zus.")
    expect(page.locator("#timeline-list")).to_contain_text("Zus Leen")
    form = page.locator("#quick-intervention")
    expect(form).to_contain_text("Opgeslagen.")
    expect(page.locator("#id_quick-date")).to_be_focused()
    expect(form.get_by_label("Werkmodel")).to_have_value(
        str(Intervention.objects.get().work_model_id)
    )
    expect(form.get_by_label("Soort")).to_have_value(Intervention.Kind.CONVERSATION)

    # The second entry, typed straight on: it is saved as a conversation, not a meeting.
    form.get_by_label("Samenvatting (vertrouwelijk)").fill("Telefoontje achteraf.")
    form.get_by_role("button", name="Interventie bewaren").click()
    expect(page.locator("#timeline-list")).to_contain_text("Telefoontje achteraf.")
    expect(page.locator("#id_quick-date")).to_be_focused()
    kinds = list(Intervention.objects.order_by("id").values_list("kind", "network_people"))
    assert kinds == [("network_meeting", ["Zus Leen"]), ("conversation", [])]
    screenshot(page, "quick-intervention-after-two-entries")


@pytest.mark.viewport(TABLET)
def test_after_a_refused_save_focus_goes_to_the_field_with_the_error(
    page, live_server, social_worker, participant
):
    login_as(page, live_server, social_worker)
    # The refused form comes back with 400 (swapped in by htmx all the same), which Chromium logs.
    allow_console_error(page, "status of 400")
    page.goto(f"{live_server.url}/participants/{participant.pk}/")
    form = page.locator("#quick-intervention")
    form.get_by_label("Duur (minuten)").fill("")
    form.get_by_label("Werkmodel").select_option(label="Persoonlijk netwerk")
    form.get_by_role("button", name="Interventie bewaren").click()
    expect(page.locator("#id_quick-duration_minutes")).to_be_focused()
    assert not Intervention.objects.exists()
