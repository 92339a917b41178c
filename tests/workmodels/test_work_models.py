import pytest
from django.test import Client

from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db

CODES = ["competence", "buddy", "own_network", "peer", "context", "volunteering", "community"]


def test_the_seven_work_models_exist_after_migrating_an_empty_database():
    models = list(WorkModel.objects.order_by("order"))
    assert [m.code for m in models] == CODES
    for model in models:
        assert model.name_nl and model.name_en and model.description_nl and model.description_en
    assert WorkModel.objects.get(code="buddy").name_nl == "Persoonlijke vriend"
    assert WorkModel.objects.get(code="peer").name_en == "Peer networks"


def test_the_work_model_page_shows_the_dutch_names_by_default(social_worker, login):
    content = login(social_worker).get("/work-models/").content.decode()
    assert "Lotgenotennetwerken" in content
    assert "Regiogerichte organisaties" in content


def test_the_work_model_page_shows_english_names_after_switching(social_worker, login):
    client = login(social_worker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/work-models/"})
    content = client.get("/work-models/").content.decode()
    assert "Peer networks" in content
    assert "Lotgenotennetwerken" not in content


def test_the_work_model_page_needs_a_login():
    assert Client().get("/work-models/").status_code == 302


def test_an_org_admin_adds_to_the_shared_text_for_their_organisation_only(
    org_admin, social_worker, other_org_worker, login
):
    response = login(org_admin).post(
        "/work-models/buddy/additions/",
        {"methods": "Duo's via ons buddyproject", "suits": "", "notes": "Vraag naar Lies"},
    )
    assert response.status_code == 302
    own = login(social_worker).get("/work-models/buddy/").content.decode()
    assert "Duo&#x27;s via ons buddyproject" in own and "Vraag naar Lies" in own
    shared = WorkModel.objects.get(code="buddy").methods_nl
    assert shared and shared[:40] in own  # the shared text stays beside it
    other = login(other_org_worker).get("/work-models/buddy/").content.decode()
    assert "buddyproject" not in other and "Lies" not in other


def test_the_work_model_page_shows_its_findings_and_the_general_ones(researcher, login):
    from findings import services

    services.finding_create(
        membership=researcher,
        data={
            "work_model": WorkModel.objects.get(code="peer"),
            "kind": "strength",
            "statement_nl": "Lotgenoten begrijpen elkaar zonder veel woorden.",
        },
    )
    content = login(researcher).get("/work-models/peer/").content.decode()
    assert "Lotgenoten begrijpen elkaar" in content
    assert "digitale kloof" in content  # a general attention point from the study
    assert (
        "Lotgenoten begrijpen elkaar"
        not in login(researcher).get("/work-models/buddy/").content.decode()
    )
