"""The sending side's API: the same rules and validation as the pages; never a 500, never the
receiver's side."""

import pytest
from django.utils import timezone

from referrals.models import Referral, SharedItem

from .sender_fixtures import *  # noqa: F403  (fixtures of the sending side)

pytestmark = pytest.mark.django_db


def _body(participant, on, **overrides):
    body = {
        "participant": participant.pk,
        "initiative": on.pk,
        "reason": "Ik wil iemand om mee te wandelen.",
        "consent_method": "oral",
        "consent_given_on": timezone.localdate().isoformat(),
        "consent_purpose": "Een buddy zoeken",
    }
    body.update(overrides)
    return body


def _post(client, body):
    return client.post("/api/referrals/sent/", body, content_type="application/json")


def test_a_worker_refers_through_the_api_and_reads_it_back(
    login, social_worker, participant, on_netwerk
):
    client = login(social_worker)
    response = _post(client, _body(participant, on_netwerk, shared_items=["languages"]))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["shared"] == {
        "first_name": "Amina",
        "languages": ["nl", "ar"],
        "reason": "Ik wil iemand om mee te wandelen.",
    }
    assert data["on_netwerk"] is True and data["status"] == "sent"
    assert [step["status"] for step in data["steps"]] == ["sent"]
    for hidden in ("received_participant", "handled_by"):
        assert hidden not in data
    listing = client.get("/api/referrals/sent/").json()
    assert listing["count"] == 1
    assert "received_participant" not in listing["results"][0]
    assert client.get(f"/api/referrals/sent/{data['id']}/").json()["id"] == data["id"]


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"reason": ""}, "reason"),
        ({"consent_method": "telepathy"}, "consent_method"),
        ({"consent_given_on": "2999-01-01"}, "consent_given_on"),
        ({"consent_given_on": "1900-01-01"}, "consent_given_on"),
        ({"shared_items": ["national_register_number"]}, "shared_items"),
        ({"shared_items": ["goal"]}, "goal"),
        ({"goal": 999999}, "goal"),
        ({"initiative": 999999}, "initiative"),
        ({"work_model": "nonsense"}, "work_model"),
        ({"work_model": "peer"}, "work_model"),
    ],
)
def test_invalid_input_answers_400_with_field_errors(
    login, social_worker, participant, on_netwerk, overrides, field
):
    response = _post(login(social_worker), _body(participant, on_netwerk, **overrides))
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Referral.objects.exists()


def test_an_unparseable_body_is_a_400(login, social_worker):
    response = login(social_worker).post(
        "/api/referrals/sent/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_withdrawing_through_the_api(login, social_worker, send, on_netwerk):
    referral = send(on_netwerk)
    client = login(social_worker)
    url = f"/api/referrals/sent/{referral.pk}/withdraw-consent/"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["consent_withdrawn_on"] == timezone.localdate().isoformat()
    assert client.post(url, {}, content_type="application/json").status_code == 400


def test_what_was_not_chosen_never_reaches_the_api(login, social_worker, send, on_netwerk):
    send(on_netwerk, shared_items=[SharedItem.LANGUAGES])
    text = login(social_worker).get("/api/referrals/sent/").content.decode()
    for absent in ("Zyxwerhelst", "0470", "amina@example.org", "Marokko", "Diabetes", "1984"):
        assert absent not in text
