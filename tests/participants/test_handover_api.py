"""The hand-over and stand-in API: org admins only, field errors (400) and never a 500."""

import datetime

import pytest
from django.utils import timezone

from participants.models import Participant, StandIn
from tests.participants.factories import api_as, file_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REASSIGN = "/api/participants/reassign/"


def body(to, **extra):
    return {
        "to_worker": to.user.pk,
        "reason": "Verlof",
        "handed_over_on": TODAY.isoformat(),
        **extra,
    }


def test_the_org_admin_hands_files_over(org_admin, social_worker, colleague):
    files = [file_for(social_worker) for _ in range(2)]
    response = api_as(org_admin).post(
        REASSIGN, body(colleague, participants=[f.pk for f in files]), format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == 2
    assert Participant.objects.filter(social_worker=colleague.user).count() == 2


def test_all_files_of_a_worker(org_admin, social_worker, colleague):
    file_for(social_worker)
    response = api_as(org_admin).post(
        REASSIGN, body(colleague, from_worker=social_worker.user.pk), format="json"
    )
    assert response.status_code == 200
    assert response.json()["count"] == 1


@pytest.mark.parametrize(
    "role", ["social_worker", "colleague", "coordinator", "volunteer", "researcher"]
)
def test_other_roles_get_404(role, request, social_worker, colleague):
    participant = file_for(social_worker)
    client = api_as(request.getfixturevalue(role))
    response = client.post(REASSIGN, body(colleague, participants=[participant.pk]), format="json")
    assert response.status_code == 404
    assert client.get("/api/stand-ins/").status_code == 404
    assert Participant.objects.get(pk=participant.pk).social_worker == social_worker.user


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"participants": [999999]}, "participants"),
        ({}, "participants"),
        ({"participants": ["x"]}, "participants"),
        ({"participants": [1], "to_worker": 999999}, "to_worker"),
        ({"participants": [1], "handed_over_on": "3024-01-01"}, "handed_over_on"),
        ({"participants": [1], "handed_over_on": "not a date"}, "handed_over_on"),
        ({"participants": [1], "reason": ""}, "reason"),
    ],
)
def test_bad_input_answers_field_errors(extra, field, org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    data = body(colleague, **extra)
    if data.get("participants") == [1]:
        data["participants"] = [participant.pk]
    response = api_as(org_admin).post(REASSIGN, data, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()


def test_files_of_another_organisation_are_a_field_error(
    other_org_admin, social_worker, other_org_worker
):
    participant = file_for(social_worker)
    response = api_as(other_org_admin).post(
        REASSIGN, body(other_org_worker, participants=[participant.pk]), format="json"
    )
    assert response.status_code == 400
    assert "participants" in response.json()


def test_stand_ins_are_listed_created_and_ended(
    org_admin, social_worker, colleague, other_org_admin
):
    client = api_as(org_admin)
    created = client.post(
        "/api/stand-ins/",
        {
            "absent_worker": social_worker.user.pk,
            "stand_in": colleague.user.pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + datetime.timedelta(days=5)).isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.get("/api/stand-ins/").json()["results"][0]["id"] == pk
    assert api_as(other_org_admin).get("/api/stand-ins/").json()["results"] == []
    assert api_as(other_org_admin).post(f"/api/stand-ins/{pk}/end/").status_code == 404
    assert client.post(f"/api/stand-ins/{pk}/end/").status_code == 200
    assert StandIn.objects.get(pk=pk).ended_at is not None
    assert client.post(f"/api/stand-ins/{pk}/end/").status_code == 400


def test_a_stand_in_with_bad_dates_answers_400(org_admin, social_worker, colleague):
    response = api_as(org_admin).post(
        "/api/stand-ins/",
        {
            "absent_worker": social_worker.user.pk,
            "stand_in": colleague.user.pk,
            "starts_on": TODAY.isoformat(),
            "ends_on": "2001-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "ends_on" in response.json()
