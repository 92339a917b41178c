"""The inbox API: only the receiving intake roles, only what was shared, 4xx never 500."""

import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Role
from referrals.models import Referral
from tests.factories import ParticipantFactory

from .factories import make_referral, member, third_organisation_worker

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
BASE = "/api/referrals/inbox/"


def _client(membership) -> APIClient:
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


@pytest.fixture
def referral(social_worker, other_organisation):
    sender_file = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Mira",
        last_name="Qwertyuiop",
        phone="0499 11 22 33",
    )
    return make_referral(social_worker, other_organisation, participant=sender_file)


def test_the_list_and_detail_show_only_what_was_shared(referral, other_org_worker):
    client = _client(other_org_worker)
    listed = client.get(BASE)
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [referral.pk]
    detail = client.get(f"{BASE}{referral.pk}/")
    assert detail.status_code == 200
    body = json.dumps(detail.json())
    assert {row["item"] for row in detail.json()["shared"]} == {"first_name", "reason"}
    assert "participant" not in detail.json()  # only the receiver's own `received_participant`
    for secret in ("Qwertyuiop", "0499"):
        assert secret not in body
    assert detail.json()["status"] == "received"


@pytest.mark.parametrize("suffix", ["", "accept/", "decline/", "steps/", "messages/"])
def test_outsiders_get_404(referral, social_worker, colleague, org_admin, suffix):
    outsiders = [
        social_worker,
        colleague,
        org_admin,
        member(referral.to_organisation, Role.VOLUNTEER),
        member(referral.to_organisation, Role.RESEARCHER),
        third_organisation_worker(),
    ]
    for membership in outsiders:
        client = _client(membership)
        method = client.get if suffix in ("", "messages/") else client.post
        assert method(f"{BASE}{referral.pk}/{suffix}").status_code == 404, membership.role
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT and not referral.messages.exists()


def test_volunteers_and_researchers_have_no_inbox(referral):
    for role in (Role.VOLUNTEER, Role.RESEARCHER):
        assert _client(member(referral.to_organisation, role)).get(BASE).status_code == 404


def test_accept_decline_and_steps_through_the_api(referral, other_org_worker, other_org_admin):
    client = _client(other_org_admin)
    bad = client.post(f"{BASE}{referral.pk}/accept/", {"social_worker": 99999}, format="json")
    assert bad.status_code == 400 and "social_worker" in bad.json()
    missing = client.post(
        f"{BASE}{referral.pk}/accept/", {"social_worker": other_org_worker.user_id}, format="json"
    )
    assert missing.status_code == 400 and "consent_method" in missing.json()
    accepted = client.post(
        f"{BASE}{referral.pk}/accept/",
        {"social_worker": other_org_worker.user_id, "consent_method": "oral"},
        format="json",
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert accepted.json()["received_participant"] is not None
    again = client.post(
        f"{BASE}{referral.pk}/accept/",
        {"social_worker": other_org_worker.user_id, "consent_method": "oral"},
        format="json",
    )
    assert again.status_code == 400
    declined = client.post(f"{BASE}{referral.pk}/decline/", {"reason": "no_place"}, format="json")
    assert declined.status_code == 400
    step = client.post(
        f"{BASE}{referral.pk}/steps/", {"status": "first_contact", "note": "Fijn"}, format="json"
    )
    assert step.status_code == 200 and step.json()["steps"][-1]["note"] == "Fijn"
    wrong = client.post(f"{BASE}{referral.pk}/steps/", {"status": "accepted"}, format="json")
    assert wrong.status_code == 400 and "status" in wrong.json()


def test_linking_through_the_api_only_to_a_found_duplicate(social_worker, other_org_worker):
    existing = ParticipantFactory(
        organisation=other_org_worker.organisation,
        first_name="Mira",
        last_name="Peeters",
        birth_year=1961,
    )
    elsewhere = ParticipantFactory(organisation=social_worker.organisation)
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        items=("first_name", "last_name", "birth_year", "reason"),
    )
    client = _client(other_org_worker)
    refused = client.post(f"{BASE}{referral.pk}/accept/", {"link_to": elsewhere.pk}, format="json")
    assert refused.status_code == 400 and "link_to" in refused.json()
    linked = client.post(f"{BASE}{referral.pk}/accept/", {"link_to": existing.pk}, format="json")
    assert linked.status_code == 200
    assert linked.json()["received_participant"] == existing.pk


def test_messages_through_the_api(referral, other_org_worker):
    client = _client(other_org_worker)
    assert client.post(f"{BASE}{referral.pk}/messages/", {}, format="json").status_code == 400
    posted = client.post(
        f"{BASE}{referral.pk}/messages/", {"text": "Welke dagen past het?"}, format="json"
    )
    assert posted.status_code == 201
    listed = client.get(f"{BASE}{referral.pk}/messages/").json()["results"]
    assert [m["text"] for m in listed] == ["Welke dagen past het?"]


def test_garbage_input_is_a_4xx(referral, other_org_worker):
    client = _client(other_org_worker)
    for suffix in ("accept/", "decline/", "steps/", "messages/"):
        for body in ("not json", "[]", '{"happened_on": "yesterday", "link_to": "x"}'):
            response = client.post(
                f"{BASE}{referral.pk}/{suffix}", body, content_type="application/json"
            )
            assert 400 <= response.status_code < 500, (suffix, body)
    assert client.get(BASE, {"status": "nonsense", "initiative": "x"}).status_code == 200
