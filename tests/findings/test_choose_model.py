"""Finding a fitting model with the participant, on their file."""

import pytest
from django.utils import timezone

from netwerk.forms import INVALID_FORM_STATUS
from participants import services as participant_services
from participants.models import Consent, Trajectory
from tests.factories import ParticipantFactory
from workmodels import services as directory
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        municipality="Gent",
        languages=["ar", "nl"],
        has_smartphone=False,
        internet_at_home=False,
    )
    participant_services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=timezone.localdate(participant.created_at),
        method=Consent.Method.ORAL,
    )
    return participant


@pytest.fixture
def initiatives(coordinator):
    def make(name, **data):
        data = {"provider": "CAW", "municipalities": ["Gent"], "languages": ["nl"], **data}
        return directory.initiative_create(
            membership=coordinator,
            data={"name": name, **data},
            work_models=WorkModel.objects.filter(code="buddy"),
        )

    return {
        "arabic": make("Duo Gent AR", languages=["ar"]),
        "dutch": make("Duo Gent NL"),
        "online": make("Online duo", municipalities=[], delivery="digital"),
        "french": make("Duo Gent FR", languages=["fr"]),
    }


def url(participant):
    return f"/findings/participants/{participant.pk}/choose/"


def test_the_page_shows_the_seven_models_and_fitting_initiatives(
    participant, initiatives, social_worker, login
):
    response = login(social_worker).get(url(participant))
    content = response.content.decode()
    assert response.status_code == 200
    for model in WorkModel.objects.all():
        assert model.name_nl in content
    assert "Duo Gent AR" in content and "Duo Gent NL" in content
    assert "Online duo" not in content  # no digital access
    assert "Duo Gent FR" not in content  # not one of their languages
    assert "Geen enkel werkmodel is vooraf beter" in content  # a general precondition


def test_initiatives_filter_by_language_with_htmx(participant, initiatives, social_worker, login):
    response = login(social_worker).get(url(participant) + "?language=ar", HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Duo Gent AR" in content and "Duo Gent NL" not in content
    assert "<html" not in content


def test_the_choice_and_reason_are_saved_on_a_trajectory(
    participant, initiatives, social_worker, login
):
    buddy = WorkModel.objects.get(code="buddy")
    response = login(social_worker).post(
        url(participant),
        {
            "work_model": buddy.pk,
            "initiative": initiatives["arabic"].pk,
            "motivation": "Ik wil iemand die mijn taal spreekt.",
            "started_on": "2025-01-15",
        },
    )
    assert response.status_code == 302
    trajectory = Trajectory.objects.get(participant=participant)
    assert trajectory.work_model == buddy
    assert trajectory.motivation == "Ik wil iemand die mijn taal spreekt."
    assert trajectory.initiative_name == "Duo Gent AR"


def test_the_chosen_initiative_is_linked_on_the_trajectory(
    participant, initiatives, social_worker, login
):
    login(social_worker).post(
        url(participant),
        {
            "work_model": WorkModel.objects.get(code="buddy").pk,
            "initiative": initiatives["arabic"].pk,
            "motivation": "Taal",
            "started_on": "2025-01-15",
        },
    )
    assert Trajectory.objects.get(participant=participant).initiative == initiatives["arabic"]


def test_an_initiative_not_offering_the_model_is_refused(
    participant, initiatives, social_worker, login
):
    response = login(social_worker).post(
        url(participant),
        {
            "work_model": WorkModel.objects.get(code="peer").pk,
            "initiative": initiatives["arabic"].pk,
            "motivation": "Taal",
            "started_on": "2025-01-15",
        },
    )
    assert response.status_code == INVALID_FORM_STATUS
    assert not Trajectory.objects.exists()


def test_a_reason_is_required(participant, social_worker, login):
    response = login(social_worker).post(
        url(participant),
        {"work_model": WorkModel.objects.get(code="peer").pk, "started_on": "2025-01-15"},
    )
    assert response.status_code == INVALID_FORM_STATUS and not Trajectory.objects.exists()
