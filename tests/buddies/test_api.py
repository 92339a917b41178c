"""The buddies API: the same access rules as the pages, 400 with field errors on bad input."""

import datetime

import pytest
from django.utils import timezone

from buddies import services
from buddies.models import BuddyRequest, ContactLog, Match
from participants.models import Consent

from .conftest import make_participant, make_request, make_volunteer

pytestmark = pytest.mark.django_db
ROLES = ["org_admin", "coordinator", "social_worker", "volunteer", "researcher", "other_org_admin"]


@pytest.fixture
def match(coordinator, buddy, buddy_request):
    return services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def _reads(match, buddy_request, buddy):
    """(url, roles that get 200)."""
    managers = {"org_admin", "coordinator"}
    return [
        ("/api/buddies/volunteers/", managers | {"volunteer"}),
        (f"/api/buddies/volunteers/{buddy.pk}/", managers | {"volunteer"}),
        ("/api/buddies/requests/", managers | {"social_worker"}),
        (f"/api/buddies/requests/{buddy_request.pk}/", managers | {"social_worker"}),
        (f"/api/buddies/requests/{buddy_request.pk}/suggestions/", managers),
        ("/api/buddies/proposals/", managers),
        ("/api/buddies/matches/", managers | {"social_worker", "volunteer"}),
        (f"/api/buddies/matches/{match.pk}/", managers | {"social_worker", "volunteer"}),
        (f"/api/buddies/matches/{match.pk}/contacts/", managers | {"volunteer"}),
        (f"/api/buddies/matches/{match.pk}/check-ins/", managers),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_endpoint_answers_its_roles_and_404_to_everyone_else(
    request, role, login, match, buddy_request, buddy
):
    client = login(request.getfixturevalue(role))
    for url, allowed in _reads(match, buddy_request, buddy):
        names_a_record = any(ch.isdigit() for ch in url)
        if role == "other_org_admin" and not names_a_record and "org_admin" in allowed:
            allowed = allowed | {"other_org_admin"}
        response = client.get(url)
        assert response.status_code == (200 if role in allowed else 404), (role, url)
        if role == "other_org_admin" and response.status_code == 200:
            assert response.json().get("count", 0) == 0 or not response.json().get("proposals")


def test_a_volunteer_sees_only_what_the_contact_needs(login, volunteer, match):
    data = login(volunteer).get(f"/api/buddies/matches/{match.pk}/").json()
    assert set(data) == {
        "shape",
        "id",
        "flags",  # only what a coordinator passed on (tests/safety)
        "status",
        "first_name",
        "languages",
        "phone",
        "email",
        "intro_at",
        "intro_place",
        "agreements",
        "next_meeting_on",
    }
    assert data["shape"] == "contact"
    assert data["phone"] == "+32499112233"  # stored in E.164 (netwerk.phones)
    Consent.objects.filter(purpose=Consent.Purpose.BUDDY_SHARING).update(
        withdrawn_on=timezone.localdate()
    )
    assert login(volunteer).get(f"/api/buddies/matches/{match.pk}/").json()["phone"] is None


def test_a_volunteer_cannot_reach_another_volunteers_match(
    login, organisation, coordinator, social_worker, volunteer, buddy
):
    other = make_volunteer(organisation)
    other_match = services.match_propose(
        membership=coordinator, request=make_request(social_worker), volunteer=other
    )
    client = login(volunteer)
    assert client.get(f"/api/buddies/matches/{other_match.pk}/").status_code == 404
    assert client.get(f"/api/buddies/volunteers/{other.pk}/").status_code == 404
    response = _post(client, f"/api/buddies/matches/{other_match.pk}/contacts/", {})
    assert response.status_code == 404
    assert client.get(f"/api/participants/{other_match.participant_id}/").status_code in (403, 404)


def test_suggestions_and_batch_explain_in_words(login, coordinator, buddy, buddy_request):
    client = login(coordinator)
    [suggestion] = client.get(f"/api/buddies/requests/{buddy_request.pk}/suggestions/").json()
    assert suggestion["volunteer"] == buddy.pk
    assert {r["criterion"] for r in suggestion["reasons"]} >= {"availability", "waiting"}
    assert all(r["text"] for r in suggestion["reasons"])
    batch = client.get("/api/buddies/proposals/").json()
    assert [p["request"] for p in batch["proposals"]] == [buddy_request.pk]


def test_the_whole_flow_through_the_api(login, coordinator, volunteer, buddy, buddy_request):
    client = login(coordinator)
    response = _post(
        client, "/api/buddies/matches/", {"request": buddy_request.pk, "volunteer": buddy.pk}
    )
    assert response.status_code == 201
    match_id = response.json()["id"]
    url = f"/api/buddies/matches/{match_id}/transitions/"
    # The introduction took place two days ago; the match starts today.
    when = (timezone.now() - datetime.timedelta(days=2)).isoformat()
    response = _post(client, url, {"action": "activate"})
    assert response.status_code == 400  # not from "proposed"
    assert (
        _post(
            client, url, {"action": "plan_intro", "intro_at": when, "intro_place": "Krook"}
        ).status_code
        == 200
    )
    assert _post(client, url, {"action": "activate"}).json()["status"] == "active"
    response = _post(
        client,
        f"/api/buddies/matches/{match_id}/check-ins/",
        {"volunteer_side": "good", "participant_side": "ok"},
    )
    assert response.status_code == 201
    response = _post(
        login(volunteer),
        f"/api/buddies/matches/{match_id}/contacts/",
        {"worried": True, "worry_note": "Slaapt slecht"},
    )
    assert response.status_code == 201
    logs = client.get(f"/api/buddies/matches/{match_id}/contacts/").json()["results"]
    assert logs[0]["worry_note"] == "Slaapt slecht"
    assert _post(client, url, {"action": "start_closing"}).status_code == 200
    response = _post(client, url, {"action": "close"})
    assert response.status_code == 400
    assert set(response.json()) == {
        "close_reason",
        "evaluation_volunteer",
        "evaluation_participant",
    }
    response = _post(
        client,
        url,
        {
            "action": "close",
            "close_reason": "completed",
            "evaluation_volunteer": "Fijn",
            "evaluation_participant": "Goed",
        },
    )
    assert response.json()["status"] == "closed"


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"availability": ["wed_afternoon", "wed_afternoon"]}, "availability"),
        ({"availability": ["someday"]}, "availability"),
        ({"capacity": 0}, "capacity"),
        ({"languages": ["xx"]}, "languages"),
        ({"postcode": "0001"}, "postcode"),
    ],
)
def test_bad_volunteer_input_is_a_400_with_field_errors(
    login, coordinator, match, buddy, payload, field
):
    response = login(coordinator).patch(
        f"/api/buddies/volunteers/{buddy.pk}/", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_approving_an_unavailable_volunteer_is_a_400(login, coordinator, buddy, buddy_request):
    buddy.status = "stopped"
    buddy.save()
    response = _post(
        login(coordinator),
        "/api/buddies/matches/",
        {"request": buddy_request.pk, "volunteer": buddy.pk},
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert not Match.objects.exists()


def test_the_social_worker_creates_a_request_only_with_consent(
    login, social_worker, other_org_worker
):
    client = login(social_worker)
    without = make_participant(social_worker, consent=False)
    response = _post(
        client,
        "/api/buddies/requests/",
        {"participant": without.pk, "availability": ["wed_evening"]},
    )
    assert response.status_code == 400
    with_consent = make_participant(social_worker)
    response = _post(
        client,
        "/api/buddies/requests/",
        {"participant": with_consent.pk, "availability": ["wed_evening"], "languages": ["nl"]},
    )
    assert response.status_code == 201
    assert BuddyRequest.objects.get().participant == with_consent
    other = login(other_org_worker)
    response = _post(
        other,
        "/api/buddies/requests/",
        {"participant": with_consent.pk, "availability": ["wed_evening"]},
    )
    assert response.status_code == 404


def test_a_volunteer_patches_only_their_own_availability(login, volunteer, buddy):
    client = login(volunteer)
    url = f"/api/buddies/volunteers/{buddy.pk}/"
    response = client.patch(url, {"availability": ["sat_morning"]}, content_type="application/json")
    assert response.status_code == 200 and response.json()["availability"] == ["sat_morning"]
    response = client.patch(url, {"capacity": 5}, content_type="application/json")
    assert response.status_code == 403


def test_contact_logs_of_a_volunteer_with_a_log_in_are_written_by_that_volunteer_only(
    login, coordinator, match
):
    response = _post(login(coordinator), f"/api/buddies/matches/{match.pk}/contacts/", {})
    assert response.status_code == 403
    assert not ContactLog.objects.exists()
