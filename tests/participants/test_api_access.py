"""Who gets what from every participant-file endpoint, role by role.

A record outside one's reach answers 404; a file one may read but not change answers 403 on
writes; roles that never open files get 404 everywhere (an org admin creating a file: 403).
"""

import pytest

from accounts.models import Role
from participants.models import Consent, Participant
from tests.participants.factories import (
    TODAY,
    ConsentFactory,
    GoalFactory,
    GoalNoteFactory,
    InterventionFactory,
    TrajectoryFactory,
    api_as,
    enable_team_access,
    file_for,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "owner",
    "team_colleague",
    "colleague",
    "org_admin",
    "coordinator",
    "volunteer",
    "researcher",
    "other_org_worker",
    "other_org_admin",
]
READERS = {"owner", "team_colleague", "org_admin"}
NEVER_OPEN_FILES = {"coordinator", "volunteer", "researcher"}

# (method, path, body, status for the assigned social worker)
READS = [
    ("get", "/api/participants/{p}/", None, 200),
    ("get", "/api/participants/{p}/consents/", None, 200),
    ("get", "/api/participants/{p}/trajectories/", None, 200),
    ("get", "/api/trajectories/{t}/", None, 200),
    ("get", "/api/participants/{p}/goals/", None, 200),
    ("get", "/api/goals/{g}/", None, 200),
    ("get", "/api/goals/{g}/notes/", None, 200),
    ("get", "/api/participants/{p}/interventions/", None, 200),
    ("get", "/api/interventions/{i}/", None, 200),
]
WRITES = [
    ("patch", "/api/participants/{p}/", {"phone": "0470 12 34 56"}, 200),
    (
        "post",
        "/api/participants/{p}/consents/",
        {"purpose": "contact", "given_on": str(TODAY), "method": "oral"},
        201,
    ),
    ("post", "/api/consents/{c}/withdraw/", {}, 200),
    (
        "post",
        "/api/participants/{p}/trajectories/",
        {"work_model": "peer", "started_on": str(TODAY)},
        201,
    ),
    ("patch", "/api/trajectories/{t}/", {"motivation": "Samen koken."}, 200),
    (
        "post",
        "/api/participants/{p}/goals/",
        {"work_model": "peer", "description": "Nieuwe mensen leren kennen."},
        201,
    ),
    ("patch", "/api/goals/{g}/", {"status": "reached"}, 200),
    ("post", "/api/goals/{g}/notes/", {"date": str(TODAY), "text": "Ging goed."}, 201),
    (
        "post",
        "/api/participants/{p}/interventions/",
        {"date": str(TODAY), "duration_minutes": 30, "work_model": "buddy", "kind": "remote"},
        201,
    ),
    ("patch", "/api/interventions/{i}/", {"summary": "Kort gebeld."}, 200),
    ("post", "/api/interventions/{i}/follow-up-done/", {}, 200),
    ("delete", "/api/interventions/{i}/", None, 204),
]


@pytest.fixture
def ids(social_worker):
    """A file on the social worker's caseload with one record of every kind in it."""
    participant = file_for(social_worker)
    goal = GoalFactory(participant=participant)
    return {
        "p": participant.pk,
        "c": ConsentFactory(participant=participant, purpose=Consent.Purpose.RESEARCH).pk,
        "t": TrajectoryFactory(participant=participant).pk,
        "g": goal.pk,
        "n": GoalNoteFactory(goal=goal).pk,
        "i": InterventionFactory(participant=participant, follow_up_on=TODAY).pk,
    }


def _caller(request, role: str):
    if role == "owner":
        return request.getfixturevalue("social_worker")
    if role == "team_colleague":
        colleague = request.getfixturevalue("colleague")
        enable_team_access(colleague)
        return colleague
    return request.getfixturevalue(role)


def _call(client, method: str, path: str, body):
    return getattr(client, method)(path, body, format="json")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "owner_status"), READS)
def test_reading_a_file_is_for_those_within_reach(
    request, ids, role, method, path, body, owner_status
):
    client = api_as(_caller(request, role))
    response = _call(client, method, path.format(**ids), body)
    assert response.status_code == (owner_status if role in READERS else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "body", "owner_status"), WRITES)
def test_changing_a_file_is_for_its_social_worker_only(
    request, ids, role, method, path, body, owner_status
):
    client = api_as(_caller(request, role))
    response = _call(client, method, path.format(**ids), body)
    expected = {"owner": owner_status, "team_colleague": 403, "org_admin": 403}.get(role, 404)
    assert response.status_code == expected, response.content


@pytest.mark.parametrize("role", ROLES)
def test_the_participant_list_shows_only_files_within_reach(request, ids, role):
    response = api_as(_caller(request, role)).get("/api/participants/")
    if role in NEVER_OPEN_FILES:  # a role the list is not for: 404, as on the caseload page
        assert response.status_code == 404
        return
    assert response.status_code == 200
    listed = [row["id"] for row in response.json()["results"]]
    assert (ids["p"] in listed) == (role in READERS)


@pytest.mark.parametrize("role", ROLES)
def test_opening_a_file_is_for_social_workers(request, role):
    membership = _caller(request, role)
    response = api_as(membership).post("/api/participants/", {"first_name": "Noor"}, format="json")
    opens = role in {"owner", "team_colleague", "colleague", "other_org_worker"}
    # An org admin reads files but opens none (403); other roles never reach files (404).
    refused = 403 if membership.role == Role.ORG_ADMIN else 404
    assert response.status_code == (201 if opens else refused)
    if opens:
        participant = Participant.objects.get(pk=response.json()["id"])
        assert participant.organisation_id == membership.organisation_id
        assert participant.social_worker_id == membership.user_id
    else:
        assert not Participant.objects.filter(first_name="Noor").exists()


def test_a_refused_write_changes_nothing(social_worker, colleague, ids):
    enable_team_access(colleague)
    client = api_as(colleague)
    assert client.patch(f"/api/participants/{ids['p']}/", {"phone": "1"}).status_code == 403
    assert client.delete(f"/api/interventions/{ids['i']}/").status_code == 403
    assert Participant.objects.get(pk=ids["p"]).phone == ""
    assert api_as(social_worker).get(f"/api/interventions/{ids['i']}/").status_code == 200


def test_a_read_only_reader_gets_403_before_their_input_is_even_checked(colleague, ids):
    enable_team_access(colleague)
    response = api_as(colleague).patch(
        f"/api/participants/{ids['p']}/", {"birth_year": "not a year"}, format="json"
    )
    assert response.status_code == 403


def test_the_refusal_explains_that_only_the_assigned_worker_writes(org_admin, ids):
    response = api_as(org_admin).patch(f"/api/goals/{ids['g']}/", {"status": "reached"})
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_api_refuses_anonymous_callers(ids):
    from rest_framework.test import APIClient

    assert APIClient().get(f"/api/participants/{ids['p']}/").status_code in (401, 403)
    assert APIClient().get("/api/participants/").status_code in (401, 403)


def test_a_record_that_does_not_exist_answers_404_like_one_out_of_reach(social_worker):
    client = api_as(social_worker)
    for path in ("/api/participants/999999/", "/api/interventions/999999/", "/api/goals/1/"):
        assert client.get(path).status_code == 404


def test_an_organisation_header_naming_a_foreign_organisation_reaches_nothing(
    social_worker, other_organisation, ids
):
    client = api_as(social_worker)
    header = {"HTTP_X_ORGANISATION": str(other_organisation.pk)}
    assert client.get(f"/api/participants/{ids['p']}/", **header).status_code == 404
    assert client.get("/api/participants/", **header).status_code == 404


def test_odd_ids_and_headers_answer_404_never_500(social_worker, ids):
    client = api_as(social_worker)
    huge = "9" * 25
    assert client.get(f"/api/participants/{huge}/").status_code == 404
    assert client.post(f"/api/interventions/{huge}/follow-up-done/").status_code == 404
    assert client.get("/api/participants/", HTTP_X_ORGANISATION=huge).status_code == 404
    assert client.get("/api/participants/", HTTP_X_ORGANISATION="one").status_code == 404
    assert client.get("/api/participants/", HTTP_X_ORGANISATION="²").status_code == 404
    assert client.get("/api/participants/?page=lots").status_code == 404


def test_text_with_a_nul_character_is_a_400_not_a_database_error(social_worker, ids):
    client = api_as(social_worker)
    response = client.patch(
        f"/api/participants/{ids['p']}/",
        {"first_name": "Sam\x00ira", "languages": ["n\x00l"]},
        format="json",
    )
    assert response.status_code == 400 and set(response.json()) == {"first_name", "languages"}
    assert client.get("/api/participants/?q=a\x00b").status_code == 400
