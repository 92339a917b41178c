"""The API for trajectories (chosen work models), goals and their progress notes."""

import datetime

import pytest

from accounts.models import AuditEvent
from participants.models import Goal, GoalNote, Trajectory
from tests.participants.factories import (
    A_MONTH_AGO,
    TODAY,
    GoalFactory,
    GoalNoteFactory,
    TrajectoryFactory,
    api_as,
    file_for,
)

pytestmark = pytest.mark.django_db

TOMORROW = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def own_file(social_worker):
    return file_for(social_worker)


@pytest.fixture
def client(social_worker):
    return api_as(social_worker)


# --- Trajectories --------------------------------------------------------------------------------


def test_a_trajectory_names_its_work_model_by_code(client, own_file):
    response = client.post(
        f"/api/participants/{own_file.pk}/trajectories/",
        {"work_model": "peer", "started_on": str(TODAY), "motivation": "Lotgenoten zien."},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["work_model"] == "peer" and body["status"] == "active"
    assert Trajectory.objects.get(pk=body["id"]).work_model.code == "peer"
    assert AuditEvent.objects.filter(action="create", object_id=str(body["id"])).exists()


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"started_on": str(TODAY)}, {"work_model"}),
        ({"work_model": "astrology", "started_on": str(TODAY)}, {"work_model"}),
        ({"work_model": 1, "started_on": "soon"}, {"work_model", "started_on"}),
        ({"work_model": "peer", "started_on": str(TODAY), "status": "dreaming"}, {"status"}),
        (
            {"work_model": "peer", "started_on": str(TODAY), "ended_on": str(A_MONTH_AGO)},
            {"ended_on"},
        ),
        (
            {"work_model": "peer", "started_on": str(A_MONTH_AGO), "ended_on": str(TODAY)},
            {"status"},
        ),
    ],
)
def test_bad_trajectory_input_is_a_400_and_nothing_is_saved(client, own_file, body, fields):
    response = client.post(f"/api/participants/{own_file.pk}/trajectories/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Trajectory.objects.exists()


def test_ending_a_trajectory_dates_its_end(client, own_file):
    trajectory = TrajectoryFactory(participant=own_file)
    response = client.patch(f"/api/trajectories/{trajectory.pk}/", {"status": "ended"})
    assert response.status_code == 200
    assert response.json()["ended_on"] == str(TODAY)


def test_a_trajectory_list_holds_only_that_files_trajectories(client, social_worker, own_file):
    TrajectoryFactory(participant=own_file)
    TrajectoryFactory(participant=file_for(social_worker))
    body = client.get(f"/api/participants/{own_file.pk}/trajectories/").json()
    assert body["count"] == 1 and body["results"][0]["participant"] == own_file.pk


# --- Goals ---------------------------------------------------------------------------------------


def test_a_goal_is_added_and_reached(client, own_file):
    created = client.post(
        f"/api/participants/{own_file.pk}/goals/",
        {"work_model": "buddy", "description": "Samen naar de markt."},
        format="json",
    )
    assert created.status_code == 201 and created.json()["status"] == "open"
    goal_id = created.json()["id"]
    reached = client.patch(f"/api/goals/{goal_id}/", {"status": "reached"}, format="json")
    assert reached.status_code == 200
    assert Goal.objects.get(pk=goal_id).status == "reached"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"work_model": "buddy"}, {"description"}),
        ({"work_model": "buddy", "description": ""}, {"description"}),
        ({"work_model": None, "description": "x", "status": "won"}, {"work_model", "status"}),
        ({"work_model": ["buddy"], "description": {"text": "x"}}, {"work_model", "description"}),
    ],
)
def test_bad_goal_input_is_a_400_and_nothing_is_saved(client, own_file, body, fields):
    response = client.post(f"/api/participants/{own_file.pk}/goals/", body, format="json")
    assert response.status_code == 400 and set(response.json()) == fields
    assert not Goal.objects.exists()


def test_a_goal_change_with_a_bad_value_changes_nothing(client, own_file):
    goal = GoalFactory(participant=own_file)
    response = client.patch(
        f"/api/goals/{goal.pk}/", {"description": "Nieuw", "work_model": "x"}, format="json"
    )
    assert response.status_code == 400
    goal.refresh_from_db()
    assert goal.description != "Nieuw"


# --- Goal notes ----------------------------------------------------------------------------------


def test_progress_on_a_goal_is_noted_and_listed_newest_first(client, own_file):
    goal = GoalFactory(participant=own_file)
    GoalNoteFactory(goal=goal, date=A_MONTH_AGO, text="Begin")
    response = client.post(
        f"/api/goals/{goal.pk}/notes/", {"date": str(TODAY), "text": "Vooruitgang"}, format="json"
    )
    assert response.status_code == 201
    notes = client.get(f"/api/goals/{goal.pk}/notes/").json()["results"]
    assert [note["text"] for note in notes] == ["Vooruitgang", "Begin"]


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"date": str(TOMORROW), "text": "Later"}, {"date"}),
        ({"date": "", "text": ""}, {"date", "text"}),
        ({"text": "Zonder datum"}, {"date"}),
    ],
)
def test_bad_goal_notes_are_a_400(client, own_file, body, fields):
    goal = GoalFactory(participant=own_file)
    response = client.post(f"/api/goals/{goal.pk}/notes/", body, format="json")
    assert response.status_code == 400 and set(response.json()) == fields
    assert not GoalNote.objects.exists()


# --- Without file consent -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("trajectories", {"work_model": "peer", "started_on": str(TODAY)}),
        ("goals", {"work_model": "peer", "description": "Iemand leren kennen."}),
        (
            "interventions",
            {"date": str(TODAY), "duration_minutes": 30, "work_model": "peer", "kind": "remote"},
        ),
    ],
)
def test_nothing_is_planned_or_logged_without_file_consent(client, social_worker, kind, body):
    intake = file_for(social_worker, consent=False)
    response = client.post(f"/api/participants/{intake.pk}/{kind}/", body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"non_field_errors"}
    assert not intake.trajectories.exists() and not intake.goals.exists()
    assert not intake.interventions.exists()


def test_a_goal_note_needs_file_consent_too(client, social_worker):
    intake = file_for(social_worker, consent=False)
    goal = GoalFactory(participant=intake)
    response = client.post(
        f"/api/goals/{goal.pk}/notes/", {"date": str(TODAY), "text": "x"}, format="json"
    )
    assert response.status_code == 400 and "non_field_errors" in response.json()
