import datetime

import pytest
from rest_framework.test import APIClient

from signalling.models import Signal
from tests.buddies.conftest import make_participant

from .conftest import TODAY, record, theme

pytestmark = pytest.mark.django_db


def _client(membership) -> APIClient:
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def _body(organisation, **data):
    return {
        "theme": theme(organisation).pk,
        "municipality": "gent",
        "occurred_on": (TODAY() - datetime.timedelta(days=1)).isoformat(),
        "story": "Geen bus meer op zondag naar het ziekenhuis.",
        **data,
    }


def test_record_list_and_read_through_the_api(social_worker):
    participant = make_participant(social_worker)
    client = _client(social_worker)
    response = client.post(
        "/api/signals/",
        _body(social_worker.organisation, source_type="file", source_id=participant.pk),
        format="json",
    )
    assert response.status_code == 201, response.json()
    answer = response.json()
    assert answer["theme_code"] == "transport" and answer["municipality"] == "Gent"
    assert "participant" not in answer
    listed = client.get("/api/signals/").json()
    assert [row["id"] for row in listed["results"]] == [answer["id"]]
    assert client.get(f"/api/signals/{answer['id']}/").json()["quarter"]


def test_field_errors_for_a_name_a_future_date_and_a_missing_source(social_worker):
    make_participant(social_worker, first_name="Nadira")
    client = _client(social_worker)
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    errors = client.post(
        "/api/signals/",
        _body(social_worker.organisation, story="Nadira wachtte maanden.", occurred_on=tomorrow),
        format="json",
    ).json()
    assert "occurred_on" in errors
    errors = client.post(
        "/api/signals/", _body(social_worker.organisation, story="Nadira wachtte."), format="json"
    ).json()
    assert "Nadira" in errors["story"][0]
    errors = client.post(
        "/api/signals/", _body(social_worker.organisation, source_type="match"), format="json"
    ).json()
    assert "source_id" in errors
    assert not Signal.objects.exists()


def test_release_is_for_org_admins_only(social_worker, org_admin, other_org_admin):
    signal = record(social_worker)
    url = f"/api/signals/{signal.pk}/release/"
    assert _client(social_worker).post(url, {"released": True}, format="json").status_code == 403
    assert _client(other_org_admin).post(url, {"released": True}, format="json").status_code == 404
    answer = _client(org_admin).post(url, {"released": True}, format="json").json()
    assert answer["story_released"] is True


def test_themes_list(social_worker, researcher):
    codes = {
        row["code"] for row in _client(social_worker).get("/api/signal-themes/").json()["results"]
    }
    assert "housing" in codes
    assert _client(researcher).get("/api/signal-themes/").status_code == 404
