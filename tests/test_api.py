"""The API foundation: authentication, organisation context, the OpenAPI schema."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import Role
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_api_refuses_anonymous_requests():
    response = APIClient().get("/api/me/")
    assert response.status_code in (401, 403)


def test_me_with_a_token_names_the_current_organisation_and_role(social_worker):
    token = Token.objects.create(user=social_worker.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.get("/api/me/")
    assert response.status_code == 200
    assert response.json()["current"] == {
        "organisation_id": social_worker.organisation_id,
        "organisation_name": social_worker.organisation.name,
        "role": Role.SOCIAL_WORKER,
    }


def test_the_organisation_header_selects_one_of_ones_own_organisations(
    social_worker, other_organisation
):
    MembershipFactory(user=social_worker.user, organisation=other_organisation, role=Role.VOLUNTEER)
    client = APIClient()
    client.force_authenticate(social_worker.user)
    response = client.get("/api/me/", HTTP_X_ORGANISATION=str(other_organisation.pk))
    assert response.json()["current"]["role"] == Role.VOLUNTEER
    assert len(response.json()["memberships"]) == 2


def test_the_organisation_header_cannot_reach_a_foreign_organisation(
    social_worker, other_organisation
):
    client = APIClient()
    client.force_authenticate(social_worker.user)
    response = client.get("/api/me/", HTTP_X_ORGANISATION=str(other_organisation.pk))
    assert response.json()["current"] is None


def test_work_models_are_listed_in_order(social_worker):
    client = APIClient()
    client.force_authenticate(social_worker.user)
    body = client.get("/api/work-models/").json()
    assert [row["code"] for row in body][:2] == ["competence", "buddy"]


def test_the_openapi_schema_and_its_documentation_pages_are_served(social_worker, login):
    client = login(social_worker)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/me/" in schema.content
    for path in ("/api/docs/", "/api/redoc/"):
        page = client.get(path)
        assert page.status_code == 200
        # Served from the vendored sidecar, never from a CDN.
        assert b"cdn." not in page.content and b"unpkg" not in page.content


def test_the_api_documentation_needs_a_login():
    assert Client().get("/api/schema/").status_code in (401, 403)


def test_api_calls_with_a_token_create_no_sessions(social_worker):
    from django.contrib.sessions.models import Session

    token = Token.objects.create(user=social_worker.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    for _ in range(3):
        assert client.get("/api/me/").status_code == 200
    assert Session.objects.count() == 0
