"""The messages API: send to one recipient (template or text), the message log, preferences.
Outside one's reach: 404; without consent: 400 with the reason; never a 500."""

import pytest

from messaging.models import MessageTemplate
from messaging.services import templates_ensure_defaults
from notifications.models import Message
from tests.factories import ParticipantFactory, VolunteerFactory
from tests.participants.factories import api_as

pytestmark = pytest.mark.django_db


def test_a_worker_sends_with_a_template_and_reads_the_log(social_worker, reachable):
    templates_ensure_defaults(organisation=social_worker.organisation)
    template = MessageTemplate.objects.get(
        organisation=social_worker.organisation, name="Even horen hoe het gaat"
    )
    api = api_as(social_worker)
    key = "a" * 32
    payload = {
        "recipient_type": "participant",
        "recipient_id": reachable.pk,
        "channel": "sms",
        "template": template.pk,
        "key": key,
    }
    response = api.post("/api/messages/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["queued"] == 1 and body["channel"] == "sms" and body["parts"] >= 1
    assert body["text"].startswith("Dag Amélie, hoe gaat het met je?")
    assert api.post("/api/messages/", payload, format="json").status_code == 201
    assert Message.objects.count() == 1  # the same key queues nothing twice

    log = api.get(f"/api/message-log/participants/{reachable.pk}/")
    assert log.status_code == 200
    assert log.json()["results"][0]["channel"] == "sms"
    assert api.get("/api/messages/").json()["count"] == 1


def test_without_consent_the_api_says_why(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        phone="+32470123456",
    )
    response = api_as(social_worker).post(
        "/api/messages/",
        {
            "recipient_type": "participant",
            "recipient_id": participant.pk,
            "channel": "sms",
            "body": "Dag",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Geen toestemming" in str(response.json()["recipient_id"])
    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["colleague", "other_org_worker", "coordinator"])
def test_sending_outside_ones_reach_is_404(request, who, reachable):
    api = api_as(request.getfixturevalue(who))
    response = api.post(
        "/api/messages/",
        {"recipient_type": "participant", "recipient_id": reachable.pk, "body": "Dag"},
        format="json",
    )
    assert response.status_code == 404
    assert api.get(f"/api/message-log/participants/{reachable.pk}/").status_code == 404
    assert not Message.objects.exists()


def test_bad_input_is_400_with_field_errors(social_worker, reachable):
    api = api_as(social_worker)
    for payload in (
        {},
        {"recipient_type": "nobody", "recipient_id": reachable.pk},
        {"recipient_type": "participant", "recipient_id": 2**70},
        {"recipient_type": "participant", "recipient_id": reachable.pk, "date": "3024-01-01"},
        {"recipient_type": "participant", "recipient_id": reachable.pk, "body": "{datum}"},
        {"recipient_type": "participant", "recipient_id": reachable.pk, "key": "x"},
    ):
        response = api.post("/api/messages/", payload, format="json")
        assert response.status_code == 400, (payload, response.content)


def test_a_coordinator_messages_a_volunteer(coordinator):
    volunteer = VolunteerFactory(organisation=coordinator.organisation, phone="+32471000000")
    api = api_as(coordinator)
    response = api.post(
        "/api/messages/",
        {"recipient_type": "volunteer", "recipient_id": volunteer.pk, "body": "Dag {voornaam}"},
        format="json",
    )
    assert response.status_code == 201
    assert (
        api.get(f"/api/message-log/volunteers/{volunteer.pk}/").json()["results"][0]["status"]
        == "queued"
    )


def test_preferences_own_and_a_participants(social_worker, org_admin, reachable):
    api = api_as(social_worker)
    me = api.patch(
        "/api/preferences/me/", {"quiet_from": "22:00", "quiet_until": "07:00"}, format="json"
    )
    assert me.status_code == 200 and me.json()["quiet_from"] == "22:00"
    assert api.patch("/api/preferences/me/", {"quiet_from": None}, format="json").status_code == 400

    url = f"/api/preferences/participants/{reachable.pk}/"
    changed = api.patch(url, {"channel": "letter"}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["channel"] == "letter"
    reachable.refresh_from_db()
    assert reachable.preferred_channel == "letter"
    admin = api_as(org_admin)
    assert admin.get(url).json()["channel"] == "letter"
    assert admin.patch(url, {"channel": "sms"}, format="json").status_code == 403
