"""The group-work API: the pages' access rules, first names only, clear 400s on bad input."""

import pytest

from groups.models import Attendance, Group, VolunteerPlacement

from .conftest import TODAY, add_members, make_participant

pytestmark = pytest.mark.django_db

ROLES = [
    "org_admin",
    "coordinator",
    "social_worker",
    "colleague",
    "facilitator",
    "other_facilitator",
    "volunteer",
    "researcher",
    "other_org_admin",
]
STAFF = {"org_admin", "coordinator", "social_worker", "colleague"}


def _json(client, method, url, data):
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.fixture
def placement(social_worker, members):
    from groups import services

    return services.placement_create(
        membership=social_worker,
        participant=members[0].participant,
        data={"where": "Kringwinkel", "what": "Kassa", "since": TODAY(), "hours": 3},
    )


@pytest.mark.parametrize("role", ROLES)
def test_reads_answer_their_roles_and_404_to_everyone_else(
    request, role, login, group, session, members, placement
):
    client = login(request.getfixturevalue(role))
    reads = [
        (f"/api/groups/{group.pk}/", STAFF | {"facilitator"}),
        (f"/api/groups/{group.pk}/members/", STAFF | {"facilitator"}),
        (f"/api/groups/{group.pk}/sessions/", STAFF | {"facilitator"}),
        (f"/api/group-sessions/{session.pk}/attendance/", {"facilitator", "org_admin"}),
        (f"/api/placements/{placement.pk}/", {"social_worker", "org_admin"}),
    ]
    for url, allowed in reads:
        response = client.get(url)
        assert response.status_code == (200 if role in allowed else 404), (role, url)
    # The lists: 404 to a role they are not for (researchers: groups; roles that never open
    # files: placements), as on the pages; otherwise what is within reach.
    response = client.get("/api/groups/")
    assert response.status_code == (404 if role == "researcher" else 200), role
    if response.status_code == 200:
        listed = [g["id"] for g in response.json()["results"]]
        assert (group.pk in listed) == (role in STAFF | {"facilitator"})
    response = client.get("/api/placements/")
    file_roles = {"social_worker", "colleague", "org_admin", "other_org_admin"}
    assert response.status_code == (200 if role in file_roles else 404), role
    if response.status_code == 200:
        assert bool(response.json()["results"]) == (role in {"social_worker", "org_admin"})


def test_members_come_with_first_names_and_attendance_only(login, facilitator, group, members):
    rows = login(facilitator).get(f"/api/groups/{group.pk}/members/").json()["results"]
    assert {r["first_name"] for r in rows} == {m.participant.first_name for m in members}
    assert set(rows[0]) == {
        "id",
        "first_name",
        "joined_on",
        "left_on",
        "certificate_on",
        "attended",
        "sessions_taken",
    }


def test_a_colleague_sees_no_members_of_files_they_may_not_open(login, colleague, group, members):
    rows = login(colleague).get(f"/api/groups/{group.pk}/members/").json()["results"]
    assert rows == []


def test_create_a_group_and_add_a_member(login, social_worker, facilitator):
    client = login(social_worker)
    response = _json(
        client,
        "post",
        "/api/groups/",
        {
            "name": "Taalcafé",
            "kind": "course",
            "work_model": "competence",
            "starts_on": str(TODAY()),
            "facilitators": [facilitator.user.pk],
            "completion_threshold": 4,
        },
    )
    assert response.status_code == 201, response.content
    group_id = response.json()["id"]
    participant = make_participant(social_worker)
    response = _json(
        client, "post", f"/api/groups/{group_id}/members/", {"participant": participant.pk}
    )
    assert response.status_code == 201
    assert response.json()["first_name"] == participant.first_name


def test_volunteers_and_researchers_create_no_groups(login, volunteer, researcher):
    # A volunteer lists the groups they facilitate (refused: 403); a researcher lists none (404).
    for membership, status in ((volunteer, 403), (researcher, 404)):
        response = _json(
            login(membership),
            "post",
            "/api/groups/",
            {"name": "X", "kind": "other", "work_model": "peer", "starts_on": str(TODAY())},
        )
        assert response.status_code == status
    assert not Group.objects.filter(name="X").exists()


def test_capacity_below_the_members_is_a_400(login, facilitator, group, members):
    response = _json(login(facilitator), "patch", f"/api/groups/{group.pk}/", {"capacity": 1})
    assert response.status_code == 400
    assert "capacity" in response.json()


def test_a_session_outside_the_group_dates_is_a_400(login, facilitator, group):
    response = _json(
        login(facilitator), "post", f"/api/groups/{group.pk}/sessions/", {"date": "2000-01-01"}
    )
    assert response.status_code == 400
    assert "date" in response.json()


def test_attendance_all_or_nothing(
    login, facilitator, social_worker, session, members, other_group
):
    client = login(facilitator)
    url = f"/api/group-sessions/{session.pk}/attendance/"
    stranger = add_members(social_worker, other_group, 1)[0]
    response = _json(
        client, "put", url, {"present": [members[0].pk, stranger.pk], "extra_attendees": 2}
    )
    assert response.status_code == 400 and "present" in response.json()
    assert not Attendance.objects.exists()
    response = _json(client, "put", url, {"present": [members[0].pk], "extra_attendees": 2})
    assert response.json() == {"present": [members[0].pk], "extra_attendees": 2}


def test_another_facilitator_cannot_take_attendance(login, other_facilitator, session, members):
    response = _json(
        login(other_facilitator),
        "put",
        f"/api/group-sessions/{session.pk}/attendance/",
        {"present": [members[0].pk]},
    )
    assert response.status_code == 404


def test_placements_are_written_by_the_assigned_worker(
    login, social_worker, org_admin, members, placement
):
    participant = members[0].participant
    data = {
        "participant": participant.pk,
        "where": "OCMW",
        "what": "Onthaal",
        "since": str(TODAY()),
        "hours": "2",
    }
    assert _json(login(org_admin), "post", "/api/placements/", data).status_code == 403
    assert _json(login(social_worker), "post", "/api/placements/", data).status_code == 201
    response = _json(
        login(social_worker),
        "patch",
        f"/api/placements/{placement.pk}/",
        {"status": "ended", "ended_on": str(TODAY())},
    )
    assert response.status_code == 200
    assert VolunteerPlacement.objects.get(pk=placement.pk).status == "ended"


def test_the_endpoints_are_in_the_schema(login, social_worker):
    schema = login(social_worker).get("/api/schema/").content.decode()
    for path in (
        "/api/groups/",
        "/api/groups/{id}/members/",
        "/api/groups/{id}/sessions/",
        "/api/group-sessions/{id}/attendance/",
        "/api/placements/",
    ):
        assert path in schema, path
