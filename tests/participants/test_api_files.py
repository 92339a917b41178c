"""The participant-file API: listing, reading, opening and changing files, and consents."""

import datetime

import pytest

from accounts.models import AuditEvent
from participants.models import Consent, Participant
from tests.factories import ParticipantFactory
from tests.participants.factories import (
    A_MONTH_AGO,
    TODAY,
    ConsentFactory,
    api_as,
    enable_team_access,
    file_for,
)

pytestmark = pytest.mark.django_db

TOMORROW = TODAY + datetime.timedelta(days=1)
SENSITIVE = {"migration_background": "Kwam in 2015 uit Syrië.", "health_remarks": "Diabetes."}


@pytest.fixture
def own_file(social_worker):
    return file_for(social_worker, first_name="Samira", last_name="Haddad", **SENSITIVE)


# --- Listing -------------------------------------------------------------------------------------


def test_the_list_is_paginated_and_says_how_many_files_there_are(social_worker):
    for _ in range(3):
        file_for(social_worker)
    body = api_as(social_worker).get("/api/participants/").json()
    assert body["count"] == 3 and len(body["results"]) == 3 and body["next"] is None


def test_the_list_filters_on_status(social_worker, own_file):
    file_for(social_worker, consent=False)
    client = api_as(social_worker)
    rows = client.get("/api/participants/?status=intake").json()["results"]
    assert [row["status"] for row in rows] == ["intake"]


def test_an_unknown_status_filter_is_a_400_not_an_empty_list(social_worker):
    response = api_as(social_worker).get("/api/participants/?status=asleep&mine=perhaps")
    assert response.status_code == 400
    assert set(response.json()) == {"status", "mine"}


def test_the_list_searches_names_and_whole_references(social_worker, own_file):
    file_for(social_worker, first_name="Jan", last_name="Peeters")
    client = api_as(social_worker)
    by_name = client.get("/api/participants/?q=hadd").json()["results"]
    by_reference = client.get(f"/api/participants/?q={own_file.reference_code.lower()}").json()
    assert [row["id"] for row in by_name] == [own_file.pk]
    assert [row["id"] for row in by_reference["results"]] == [own_file.pk]
    assert client.get("/api/participants/?q=P-").json()["count"] == 0


def test_mine_narrows_a_team_view_to_ones_own_caseload(social_worker, colleague, own_file):
    enable_team_access(colleague)
    theirs = file_for(colleague)
    client = api_as(colleague)
    assert client.get("/api/participants/").json()["count"] == 2
    mine = client.get("/api/participants/?mine=true").json()["results"]
    assert [row["id"] for row in mine] == [theirs.pk]


# --- Special-category data -----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["social_worker", "org_admin"])
def test_special_categories_are_shown_to_the_assigned_worker_and_org_admins(
    request, role, own_file
):
    client = api_as(request.getfixturevalue(role))
    detail = client.get(f"/api/participants/{own_file.pk}/").json()
    listed = client.get("/api/participants/").json()["results"][0]
    for row in (detail, listed):
        assert row["migration_background"] == SENSITIVE["migration_background"]
        assert row["health_remarks"] == SENSITIVE["health_remarks"]


def test_special_categories_are_left_out_for_a_colleague_with_team_access(colleague, own_file):
    enable_team_access(colleague)
    client = api_as(colleague)
    detail = client.get(f"/api/participants/{own_file.pk}/").json()
    listed = client.get("/api/participants/").json()["results"][0]
    for row in (detail, listed):
        assert row["first_name"] == "Samira"
        assert "migration_background" not in row and "health_remarks" not in row
        assert row["can_edit"] is False


def test_reading_a_file_is_audited_without_its_content(org_admin, own_file):
    api_as(org_admin).get(f"/api/participants/{own_file.pk}/")
    event = AuditEvent.objects.get(action=AuditEvent.Action.READ, object_id=str(own_file.pk))
    assert event.actor == org_admin.user and event.object_type == "participants.participant"


# --- Opening and changing a file -----------------------------------------------------------------


def test_a_social_worker_opens_a_file_with_consent_at_once(social_worker):
    response = api_as(social_worker).post(
        "/api/participants/",
        {"first_name": "Noor", "languages": ["NL", "fr"], "file_consent_method": "written"},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["reference_code"].startswith("P-") and body["languages"] == ["fr", "nl"]
    assert body["has_file_consent"] is True and body["can_edit"] is True
    assert body["social_worker"]["id"] == social_worker.user_id
    consent = Consent.objects.get(participant_id=body["id"])
    assert consent.method == "written" and consent.given_on == TODAY


def test_sensitive_data_without_file_consent_is_refused_and_nothing_is_saved(social_worker):
    response = api_as(social_worker).post(
        "/api/participants/", {"first_name": "Noor", **SENSITIVE}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"migration_background", "health_remarks"}
    assert not Participant.objects.exists()


def test_a_file_consent_in_the_future_undoes_the_whole_file(social_worker):
    response = api_as(social_worker).post(
        "/api/participants/",
        {"first_name": "Noor", "file_consent_method": "oral", "file_consent_on": str(TOMORROW)},
        format="json",
    )
    assert response.status_code == 400
    assert "file_consent_on" in response.json()
    assert not Participant.objects.exists() and not Consent.objects.exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"first_name"}),
        ({"first_name": "N", "birth_year": "nineteen eighty"}, {"birth_year"}),
        ({"first_name": "N", "birth_year": 1850}, {"birth_year"}),
        ({"first_name": "N", "household": "castle", "status": "asleep"}, {"household", "status"}),
        ({"first_name": "N", "languages": "nl", "email": "not-an-address"}, {"languages", "email"}),
        ({"first_name": "N", "has_smartphone": "maybe"}, {"has_smartphone"}),
        ({"first_name": "N", "file_consent_method": "telepathy"}, {"file_consent_method"}),
        ({"first_name": "N", "file_consent_on": "2024-02-30"}, {"file_consent_on"}),
        ({"first_name": "N", "status": "closed"}, {"closed_reason"}),
        ({"first_name": "N", "status": "active"}, {"status"}),
        ({"first_name": None, "languages": [["nl"]]}, {"first_name", "languages"}),
    ],
)
def test_bad_input_when_opening_a_file_is_a_400_with_field_errors(social_worker, body, fields):
    response = api_as(social_worker).post("/api/participants/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Participant.objects.exists()


def test_a_body_that_is_not_an_object_is_a_400(social_worker, own_file):
    client = api_as(social_worker)
    response = client.post("/api/participants/", ["first_name"], format="json")
    assert response.status_code == 400 and "non_field_errors" in response.json()
    bad_json = client.generic(
        "PATCH", f"/api/participants/{own_file.pk}/", "{", content_type="application/json"
    )
    assert bad_json.status_code == 400


def test_the_assigned_worker_changes_the_file_and_the_change_is_audited(social_worker, own_file):
    response = api_as(social_worker).patch(
        f"/api/participants/{own_file.pk}/",
        {"phone": "0470 12 34 56", "household": "alone", "reference_code": "P-MINE"},
        format="json",
    )
    assert response.status_code == 200
    own_file.refresh_from_db()
    assert own_file.phone == "+32470123456" and own_file.household == "alone"
    assert own_file.reference_code != "P-MINE"
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE, object_id=str(own_file.pk))
    assert event.fields == ["household", "phone"]


def test_closing_a_file_needs_a_reason(social_worker, own_file):
    client = api_as(social_worker)
    url = f"/api/participants/{own_file.pk}/"
    refused = client.patch(url, {"status": "closed"}, format="json")
    assert refused.status_code == 400 and set(refused.json()) == {"closed_reason"}
    closed = client.patch(url, {"status": "closed", "closed_reason": "Verhuisd"}, format="json")
    assert closed.status_code == 200 and closed.json()["closed_on"] == str(TODAY)


def test_a_file_without_consent_cannot_become_active(social_worker):
    intake = file_for(social_worker, consent=False)
    response = api_as(social_worker).patch(
        f"/api/participants/{intake.pk}/", {"status": "active"}, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"status"}
    intake.refresh_from_db()
    assert intake.status == "intake"


def test_a_file_cannot_be_replaced_wholesale(social_worker, own_file):
    response = api_as(social_worker).put(f"/api/participants/{own_file.pk}/", {"first_name": "X"})
    assert response.status_code == 405


# --- Consents ------------------------------------------------------------------------------------


def test_consents_are_listed_with_their_history(social_worker, own_file):
    ConsentFactory(participant=own_file, purpose="research", withdrawn_on=TODAY)
    rows = api_as(social_worker).get(f"/api/participants/{own_file.pk}/consents/").json()
    assert sorted((r["purpose"], r["is_active"]) for r in rows["results"]) == [
        ("file", True),
        ("research", False),
    ]


def test_a_consent_is_recorded_once_until_withdrawn(social_worker, own_file):
    client = api_as(social_worker)
    url = f"/api/participants/{own_file.pk}/consents/"
    body = {"purpose": "research", "given_on": str(TODAY), "method": "written"}
    created = client.post(url, body, format="json")
    assert created.status_code == 201
    assert created.json()["recorded_by"]["id"] == social_worker.user_id
    again = client.post(url, body, format="json")
    assert again.status_code == 400 and set(again.json()) == {"purpose"}


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"purpose": "gossip", "given_on": "yesterday", "method": "oral"}, {"purpose", "given_on"}),
        ({"purpose": "contact", "given_on": str(TOMORROW), "method": "oral"}, {"given_on"}),
        ({"purpose": "contact", "given_on": str(TODAY), "method": 3}, {"method"}),
    ],
)
def test_bad_consent_input_is_a_400(social_worker, own_file, body, fields):
    url = f"/api/participants/{own_file.pk}/consents/"
    response = api_as(social_worker).post(url, body, format="json")
    assert response.status_code == 400 and set(response.json()) == fields
    assert own_file.consents.count() == 1


def test_withdrawing_a_consent_dates_it_today_by_default(social_worker, own_file):
    consent = own_file.consents.get()
    response = api_as(social_worker).post(f"/api/consents/{consent.pk}/withdraw/")
    assert response.status_code == 200
    assert response.json()["withdrawn_on"] == str(TODAY)
    assert response.json()["withdrawal_recorded_by"]["id"] == social_worker.user_id


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"withdrawn_on": str(A_MONTH_AGO - datetime.timedelta(days=1))}, "withdrawn_on"),
        ({"withdrawn_on": str(TOMORROW)}, "withdrawn_on"),
        ({"withdrawn_on": "31/12/2024"}, "withdrawn_on"),
    ],
)
def test_a_withdrawal_date_that_makes_no_sense_is_a_400(social_worker, own_file, body, field):
    consent = own_file.consents.get()
    response = api_as(social_worker).post(f"/api/consents/{consent.pk}/withdraw/", body)
    assert response.status_code == 400 and set(response.json()) == {field}
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_a_consent_is_withdrawn_only_once(social_worker, own_file):
    consent = own_file.consents.get()
    client = api_as(social_worker)
    client.post(f"/api/consents/{consent.pk}/withdraw/")
    again = client.post(f"/api/consents/{consent.pk}/withdraw/")
    assert again.status_code == 400 and set(again.json()) == {"non_field_errors"}


def test_withdrawing_file_consent_takes_effect_at_once(social_worker, own_file):
    client = api_as(social_worker)
    consent = own_file.consents.get()
    client.post(f"/api/consents/{consent.pk}/withdraw/")
    assert client.get(f"/api/participants/{own_file.pk}/").json()["has_file_consent"] is False
    response = client.post(
        f"/api/participants/{own_file.pk}/interventions/",
        {"date": str(TODAY), "duration_minutes": 20, "work_model": "buddy", "kind": "remote"},
        format="json",
    )
    assert response.status_code == 400 and set(response.json()) == {"non_field_errors"}
    assert not own_file.interventions.exists()


def test_a_file_of_another_organisation_is_not_found_even_by_its_id(
    social_worker, other_org_worker
):
    theirs = ParticipantFactory(organisation=other_org_worker.organisation)
    assert api_as(social_worker).get(f"/api/participants/{theirs.pk}/").status_code == 404
