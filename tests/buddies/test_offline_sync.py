"""The volunteer's offline queue: /offline/sync/ saves each phone-made id once, and says in
plain words what it cannot save (the match ended meanwhile)."""

import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from buddies import services
from buddies.models import ContactLog, Match
from tests.buddies.conftest import make_request, make_volunteer
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(coordinator, buddy, buddy_request):
    return services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)


def _contact(match, client_id=None, **fields):
    return {
        "id": str(client_id or uuid.uuid4()),
        "kind": "contact",
        "target": match.pk,
        "fields": {
            "date": timezone.localdate().isoformat(),
            "duration_minutes": "60",
            "how_it_went": "good",
            "what_we_did": "Koffie gedronken",
            **fields,
        },
    }


def _sync(client, entries):
    token = client.get("/offline/sync/").json()["csrf_token"]
    response = client.post(
        "/offline/sync/",
        json.dumps({"entries": entries}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    return response.json()["results"]


@pytest.fixture
def phone(volunteer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(volunteer.user)
    return client


def test_three_contacts_and_a_worry_arrive_once_each(phone, match):
    entries = [_contact(match) for _ in range(3)]
    entries.append(
        {
            "id": str(uuid.uuid4()),
            "kind": "worry",
            "target": match.pk,
            "fields": {"worry_note": "Ze eet slecht"},
        }
    )
    results = _sync(phone, entries)
    assert [r["status"] for r in results] == ["saved"] * 4
    assert ContactLog.objects.filter(match=match, worried=False).count() == 3
    worry = ContactLog.objects.get(match=match, worried=True)
    assert worry.worry_note == "Ze eet slecht"
    assert worry.client_id == uuid.UUID(entries[3]["id"])


def test_sending_the_same_queue_twice_saves_each_entry_once(phone, match):
    entries = [_contact(match) for _ in range(2)]
    _sync(phone, entries)
    again = _sync(phone, entries)
    assert [r["status"] for r in again] == ["saved", "saved"]
    assert ContactLog.objects.filter(match=match).count() == 2


def test_the_log_form_with_the_same_client_id_twice_makes_one_log(login, volunteer, match):
    client = login(volunteer)
    client_id = uuid.uuid4()
    data = {
        "date": timezone.localdate(),
        "duration_minutes": 60,
        "how_it_went": "good",
        "client_id": client_id,
    }
    assert client.post(f"/buddies/my/contacts/{match.pk}/log/", data).status_code == 302
    assert client.post(f"/buddies/my/contacts/{match.pk}/log/", data).status_code == 302
    assert ContactLog.objects.filter(client_id=client_id).count() == 1


def test_a_contact_for_a_match_closed_meanwhile_is_refused_in_plain_words(phone, match):
    Match.objects.filter(pk=match.pk).update(status=Match.Status.CLOSED)
    [result] = _sync(phone, [_contact(match)])
    assert result["status"] == "refused"
    assert "is gestopt" in result["message"]
    assert match.participant.short_name in result["message"]
    assert not ContactLog.objects.exists()


def test_an_entry_sent_before_the_match_closed_is_still_answered_as_saved(phone, match):
    entry = _contact(match)
    _sync(phone, [entry])
    Match.objects.filter(pk=match.pk).update(status=Match.Status.CLOSED)
    [result] = _sync(phone, [entry])
    assert result["status"] == "saved"
    assert ContactLog.objects.count() == 1


def test_another_volunteers_match_is_refused_without_saying_whose(phone, organisation, match):
    other = MembershipFactory(organisation=organisation, role="volunteer")
    other_buddy = make_volunteer(organisation, membership=other)
    coordinator = MembershipFactory(organisation=organisation, role="coordinator")
    social_worker = MembershipFactory(organisation=organisation, role="social_worker")
    theirs = services.match_propose(
        membership=coordinator, request=make_request(social_worker), volunteer=other_buddy
    )
    [result] = _sync(phone, [_contact(theirs)])
    assert result["status"] == "refused"
    assert theirs.participant.short_name not in result["message"]
    assert not ContactLog.objects.exists()


def test_a_client_id_used_by_someone_else_is_refused(phone, match, coordinator):
    entry = _contact(match)
    ContactLog.objects.create(
        match=match,
        logged_by=coordinator.user,
        date=timezone.localdate(),
        client_id=uuid.UUID(entry["id"]),
    )
    [result] = _sync(phone, [entry])
    assert result["status"] == "refused"
    assert ContactLog.objects.count() == 1


def test_unreadable_entries_are_refused_one_by_one(phone, match):
    results = _sync(phone, [{"id": "x", "kind": "contact"}, "nonsense", _contact(match)])
    assert [r["status"] for r in results] == ["refused", "refused", "saved"]


def test_an_invalid_contact_comes_back_with_the_form_error(phone, match):
    [result] = _sync(phone, [_contact(match, how_it_went="splendid")])
    assert result["status"] == "refused"
    assert result["message"]


def test_the_sync_needs_the_csrf_token(phone, match):
    response = phone.post(
        "/offline/sync/",
        json.dumps({"entries": [_contact(match)]}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not ContactLog.objects.exists()


@pytest.mark.parametrize("role", ["coordinator", "social_worker", "org_admin", "researcher"])
def test_only_volunteers_use_the_sync(request, login, role):
    assert login(request.getfixturevalue(role)).get("/offline/sync/").status_code == 404


def test_volunteer_pages_are_marked_to_keep_offline_and_staff_pages_are_not(
    login, volunteer, coordinator, match
):
    client = login(volunteer)
    for url in (
        "/",
        f"/buddies/my/contacts/{match.pk}/",
        f"/buddies/my/contacts/{match.pk}/log/",
        f"/buddies/my/contacts/{match.pk}/worry/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Netwerk-Offline"] == "keep", url
    assert "Netwerk-Offline" not in client.get("/buddies/my/profile/")
    assert "Netwerk-Offline" not in login(coordinator).get("/")


def test_the_worry_page_sends_a_worry(login, volunteer, match):
    client = login(volunteer)
    response = client.post(
        f"/buddies/my/contacts/{match.pk}/worry/", {"worry_note": "Hij is vaak alleen"}
    )
    assert response.status_code == 302
    assert ContactLog.objects.get().worried


def test_the_service_worker_and_manifest_are_public_with_the_root_scope(client):
    sw = client.get("/sw.js")
    assert sw.status_code == 200
    assert sw["Service-Worker-Allowed"] == "/"
    assert "javascript" in sw["Content-Type"]
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["start_url"] == "/"


def test_an_empty_worry_is_refused_with_the_form(login, volunteer, match):
    response = login(volunteer).post(f"/buddies/my/contacts/{match.pk}/worry/", {})
    assert response.status_code == 400
    assert not ContactLog.objects.exists()
