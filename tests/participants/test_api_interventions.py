"""The API for interventions: logging, changing, deleting, and marking follow-ups done."""

import datetime

import pytest

from accounts.models import AuditEvent
from participants.models import Intervention, Participant
from tests.participants.factories import (
    A_MONTH_AGO,
    TODAY,
    GoalFactory,
    InterventionFactory,
    api_as,
    file_for,
)

pytestmark = pytest.mark.django_db

TOMORROW = TODAY + datetime.timedelta(days=1)
NEXT_WEEK = TODAY + datetime.timedelta(days=7)


@pytest.fixture
def own_file(social_worker):
    return file_for(social_worker)


@pytest.fixture
def client(social_worker):
    return api_as(social_worker)


def _body(**extra):
    return {
        "date": str(TODAY),
        "duration_minutes": 40,
        "work_model": "own_network",
        "kind": "home_visit",
        "took_part": ["participant", "network"],
        **extra,
    }


def test_logging_an_intervention_keeps_the_files_dates_true(client, own_file):
    goal = GoalFactory(participant=own_file)
    response = client.post(
        f"/api/participants/{own_file.pk}/interventions/",
        _body(goal=goal.pk, follow_up_on=str(NEXT_WEEK), summary="Netwerkkaart gemaakt."),
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["work_model"] == "own_network" and body["goal"] == goal.pk
    assert body["took_part"] == ["participant", "network"]
    own_file.refresh_from_db()
    assert own_file.last_intervention_on == TODAY and own_file.next_follow_up_on == NEXT_WEEK


@pytest.mark.parametrize(
    ("extra", "fields"),
    [
        ({"date": str(TOMORROW)}, {"date"}),
        ({"date": "2024-13-01", "duration_minutes": "long"}, {"date", "duration_minutes"}),
        ({"duration_minutes": 0}, {"duration_minutes"}),
        ({"duration_minutes": 100000}, {"duration_minutes"}),
        ({"work_model": "unknown-model", "kind": "seance"}, {"work_model", "kind"}),
        ({"took_part": ["the neighbours"]}, {"took_part"}),
        ({"took_part": "participant"}, {"took_part"}),
        ({"follow_up_on": str(A_MONTH_AGO)}, {"follow_up_on"}),
        ({"goal": "first"}, {"goal"}),
        ({"goal": 999999}, {"goal"}),
        ({"goal": 10**30}, {"goal"}),
        ({"summary": ["a", "list"]}, {"summary"}),
    ],
)
def test_bad_intervention_input_is_a_400_and_nothing_is_saved(client, own_file, extra, fields):
    response = client.post(
        f"/api/participants/{own_file.pk}/interventions/", _body(**extra), format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == fields
    assert not Intervention.objects.exists()
    own_file.refresh_from_db()
    assert own_file.last_intervention_on is None


def test_a_goal_of_another_participant_is_refused(client, social_worker, own_file):
    someone_elses = GoalFactory(participant=file_for(social_worker))
    response = client.post(
        f"/api/participants/{own_file.pk}/interventions/",
        _body(goal=someone_elses.pk),
        format="json",
    )
    assert response.status_code == 400 and set(response.json()) == {"goal"}
    intervention = InterventionFactory(participant=own_file)
    changed = client.patch(
        f"/api/interventions/{intervention.pk}/", {"goal": someone_elses.pk}, format="json"
    )
    assert changed.status_code == 400 and set(changed.json()) == {"goal"}


def test_changing_an_intervention_moves_the_files_dates_along(client, own_file):
    intervention = InterventionFactory(participant=own_file, date=A_MONTH_AGO)
    response = client.patch(
        f"/api/interventions/{intervention.pk}/",
        {"date": str(TODAY), "follow_up_on": str(NEXT_WEEK), "goal": None},
        format="json",
    )
    assert response.status_code == 200
    own_file.refresh_from_db()
    assert own_file.last_intervention_on == TODAY and own_file.next_follow_up_on == NEXT_WEEK
    event = AuditEvent.objects.get(action="update", object_id=str(intervention.pk))
    assert event.fields == ["date", "follow_up_on"]


def test_a_bad_change_leaves_the_intervention_as_it_was(client, own_file):
    intervention = InterventionFactory(participant=own_file)
    response = client.patch(
        f"/api/interventions/{intervention.pk}/",
        {"summary": "Nieuw", "follow_up_on": str(A_MONTH_AGO - datetime.timedelta(days=1))},
        format="json",
    )
    assert response.status_code == 400 and set(response.json()) == {"follow_up_on"}
    intervention.refresh_from_db()
    assert intervention.summary != "Nieuw" and intervention.follow_up_on is None


def test_deleting_an_intervention_recomputes_the_files_dates(client, own_file):
    older = InterventionFactory(participant=own_file, date=A_MONTH_AGO)
    newer = InterventionFactory(participant=own_file, date=TODAY)
    Participant.objects.filter(pk=own_file.pk).update(last_intervention_on=TODAY)
    assert client.delete(f"/api/interventions/{newer.pk}/").status_code == 204
    own_file.refresh_from_db()
    assert own_file.last_intervention_on == A_MONTH_AGO
    assert list(own_file.interventions.all()) == [older]
    assert client.get(f"/api/interventions/{newer.pk}/").status_code == 404


def test_a_follow_up_is_marked_done_once(client, own_file):
    intervention = InterventionFactory(participant=own_file, follow_up_on=TODAY)
    url = f"/api/interventions/{intervention.pk}/follow-up-done/"
    first = client.post(url, {"done_on": str(A_MONTH_AGO)}, format="json")
    assert first.status_code == 200 and first.json()["follow_up_done_on"] == str(A_MONTH_AGO)
    second = client.post(url, format="json")
    assert second.json()["follow_up_done_on"] == str(A_MONTH_AGO)


def test_an_intervention_without_follow_up_cannot_have_it_done(client, own_file):
    intervention = InterventionFactory(participant=own_file)
    url = f"/api/interventions/{intervention.pk}/follow-up-done/"
    response = client.post(url, format="json")
    assert response.status_code == 400 and set(response.json()) == {"non_field_errors"}
    bad_date = client.post(url, {"done_on": "tomorrow-ish"}, format="json")
    assert bad_date.status_code == 400 and set(bad_date.json()) == {"done_on"}


def test_the_interventions_list_is_newest_first_and_holds_only_that_file(
    client, social_worker, own_file
):
    InterventionFactory(participant=own_file, date=A_MONTH_AGO)
    InterventionFactory(participant=own_file, date=TODAY)
    InterventionFactory(participant=file_for(social_worker))
    body = client.get(f"/api/participants/{own_file.pk}/interventions/").json()
    assert [row["date"] for row in body["results"]] == [str(TODAY), str(A_MONTH_AGO)]
    assert body["results"][0]["author"]["id"] == social_worker.user_id


def test_reading_interventions_is_audited(client, own_file):
    intervention = InterventionFactory(participant=own_file)
    client.get(f"/api/participants/{own_file.pk}/interventions/")
    client.get(f"/api/interventions/{intervention.pk}/")
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.READ)
    assert {(e.object_type, tuple(e.fields)) for e in reads} == {
        ("participants.participant", ("interventions",)),
        ("participants.intervention", ()),
        # The intervention's answer names its file: a read of that file too (accounts.audit).
        ("participants.participant", ("api_intervention",)),
    }
