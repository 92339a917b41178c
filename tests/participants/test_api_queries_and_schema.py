"""API lists use a fixed number of queries, and the OpenAPI schema covers every endpoint."""

import factory
import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from participants.models import Consent
from tests.factories import ParticipantFactory
from tests.participants.factories import (
    ConsentFactory,
    GoalFactory,
    GoalNoteFactory,
    InterventionFactory,
    TrajectoryFactory,
    api_as,
    file_for,
)

pytestmark = pytest.mark.django_db

# Token, membership (+ organisation), the file, count, rows, the read audit, and four for
# the session that `api_membership` writes even for token clients (existence check, savepoint,
# insert, release).
MAX_QUERIES = 10


def _token_client(membership) -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=membership.user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.mark.parametrize("rows", [5, 200])
@pytest.mark.parametrize("role", ["social_worker", "org_admin"])
def test_the_participant_list_uses_a_fixed_number_of_queries(
    request, rows, role, social_worker, django_assert_max_num_queries
):
    participants = ParticipantFactory.create_batch(
        rows, organisation=social_worker.organisation, social_worker=social_worker.user
    )
    ConsentFactory.create_batch(
        rows, participant=factory.Iterator(participants), purpose=Consent.Purpose.FILE
    )
    client = _token_client(request.getfixturevalue(role))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/api/participants/")
    assert response.status_code == 200 and response.json()["count"] == rows
    assert len(response.json()["results"]) == min(rows, 50)


@pytest.mark.parametrize("rows", [5, 200])
def test_the_interventions_list_uses_a_fixed_number_of_queries(
    rows, social_worker, django_assert_max_num_queries
):
    participant = file_for(social_worker)
    goal = GoalFactory(participant=participant)
    InterventionFactory.create_batch(rows, participant=participant, goal=goal)
    client = _token_client(social_worker)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(f"/api/participants/{participant.pk}/interventions/")
    assert response.status_code == 200 and response.json()["count"] == rows


@pytest.mark.parametrize("rows", [5, 60])
@pytest.mark.parametrize("kind", ["consents", "trajectories", "goals", "notes"])
def test_the_other_lists_use_a_fixed_number_of_queries(
    rows, kind, social_worker, django_assert_max_num_queries
):
    participant = file_for(social_worker)
    goal = GoalFactory(participant=participant)
    path = f"/api/participants/{participant.pk}/{kind}/"
    if kind == "consents":
        ConsentFactory.create_batch(rows, participant=participant, withdrawn_on="2100-01-01")
    elif kind == "trajectories":
        TrajectoryFactory.create_batch(rows, participant=participant)
    elif kind == "goals":
        GoalFactory.create_batch(rows, participant=participant)
    else:
        GoalNoteFactory.create_batch(rows, goal=goal)
        path = f"/api/goals/{goal.pk}/notes/"
    client = _token_client(social_worker)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)
    assert response.status_code == 200


def test_the_schema_lists_every_participant_file_endpoint(social_worker):
    schema = api_as(social_worker).get("/api/schema/", HTTP_ACCEPT="application/json").json()
    for path in (
        "/api/participants/",
        "/api/participants/{id}/",
        "/api/participants/{participant_id}/consents/",
        "/api/consents/{id}/withdraw/",
        "/api/participants/{participant_id}/trajectories/",
        "/api/trajectories/{id}/",
        "/api/participants/{participant_id}/goals/",
        "/api/goals/{id}/",
        "/api/goals/{goal_id}/notes/",
        "/api/participants/{participant_id}/interventions/",
        "/api/interventions/{id}/",
        "/api/interventions/{id}/follow-up-done/",
    ):
        assert path in schema["paths"], path
    intervention = schema["components"]["schemas"]["InterventionInput"]["properties"]
    assert intervention["work_model"] == {"$ref": "#/components/schemas/WorkModelCodeEnum"}


def test_the_schema_generates_without_warnings(tmp_path):
    # --fail-on-warn turns any warning (an unresolvable type, a name collision) into an error.
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
