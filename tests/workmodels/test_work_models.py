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
