"""The group pages: who reaches which page (404 otherwise), and what each role sees."""

import pytest
from django.utils.html import escape

from groups import services
from groups.models import Attendance, GroupMember
from participants.models.network import Sector

from .conftest import make_participant

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
EVERYONE = STAFF | {"facilitator", "other_facilitator", "volunteer"}
RUNS_IT = {"facilitator", "org_admin"}


def _pages(group, session, participant):
    """(url, roles that get 200)."""
    return [
        ("/groups/", EVERYONE),
        ("/groups/new/", STAFF),
        ("/groups/figures/", EVERYONE),
        ("/groups/figures.csv", EVERYONE),
        (f"/groups/{group.pk}/", STAFF | {"facilitator"}),
        (f"/groups/{group.pk}/edit/", RUNS_IT),
        (f"/groups/sessions/{session.pk}/", RUNS_IT),
        (f"/groups/sessions/{session.pk}/ties/", RUNS_IT | {"social_worker"}),
        (f"/groups/placements/{participant.pk}/new/", {"social_worker"}),
        (f"/groups/file/{participant.pk}/", {"social_worker", "org_admin"}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_its_roles_and_404_to_everyone_else(
    request, role, login, group, other_group, session, members
):
    client = login(request.getfixturevalue(role))
    participant = members[0].participant
    for url, allowed in _pages(group, session, participant):
        if role == "other_org_admin" and not any(ch.isdigit() for ch in url):
            allowed = allowed | {"other_org_admin"}  # their own, empty lists
        expected = 200 if role in allowed else 404
        response = client.get(url)
        assert response.status_code == expected, (role, url, response.status_code)
        if role in {"other_org_admin", "volunteer", "other_facilitator"} and expected == 200:
            assert group.name not in response.content.decode(), (role, url)


def test_a_facilitator_sees_first_names_and_attendance_only(login, facilitator, group, members):
    response = login(facilitator).get(f"/groups/{group.pk}/")
    content = response.content.decode()
    for member in members:
        assert member.participant.first_name in content
        assert member.participant.last_name not in content
        assert f"/participants/{member.participant_id}/" not in content
    assert "aanwezig op 0 van 0 sessies" in content


def test_members_are_listed_by_the_name_they_go_by(login, facilitator, social_worker, group):
    """A preferred name is shown instead of the first name, and sorts as shown."""
    for first, preferred in (("Bram", ""), ("Zeno", "Anouk"), ("Carla", "")):
        services.member_add(
            membership=social_worker,
            group=group,
            participant=make_participant(social_worker, first_name=first, preferred_name=preferred),
            joined_on=group.starts_on,
        )
    content = login(facilitator).get(f"/groups/{group.pk}/").content.decode()
    assert "Zeno" not in content
    assert content.index("Anouk") < content.index("Bram") < content.index("Carla")


def test_a_social_worker_sees_only_members_whose_file_they_may_open(
    login, social_worker, colleague, group, members
):
    # Distinctive names: a random one could be part of another (e.g. "Rog" in "Roger").
    theirs = make_participant(colleague, first_name="Zyqcollega")
    mine = members[0].participant
    type(mine).objects.filter(pk=mine.pk).update(first_name="Zyqeigen")
    mine.refresh_from_db()
    services.member_add(membership=colleague, group=group, participant=theirs)
    content = login(social_worker).get(f"/groups/{group.pk}/").content.decode()
    assert theirs.first_name not in content
    assert members[0].participant.first_name in content
    content = login(colleague).get(f"/groups/{group.pk}/").content.decode()
    assert theirs.first_name in content
    assert members[0].participant.first_name not in content


def test_the_member_form_offers_only_files_the_adder_may_open(
    login, social_worker, colleague, group
):
    # A planted surname that no generated staff name can share.
    mine, theirs = (
        make_participant(social_worker),
        make_participant(colleague, last_name="Zyxwouters"),
    )
    client = login(social_worker)
    content = client.get(f"/groups/{group.pk}/").content.decode()
    assert escape(mine.first_name) in content and theirs.last_name not in content
    response = client.post(f"/groups/{group.pk}/members/", {"member-participant": theirs.pk})
    assert response.status_code == 400
    assert not GroupMember.objects.filter(participant=theirs).exists()
    response = client.post(f"/groups/{group.pk}/members/", {"member-participant": mine.pk})
    assert response.status_code == 302


def test_a_volunteer_facilitator_cannot_add_members(login, facilitator, social_worker, group):
    participant = make_participant(social_worker)
    response = login(facilitator).post(
        f"/groups/{group.pk}/members/", {"member-participant": participant.pk}
    )
    assert response.status_code == 404


def test_taking_attendance_without_javascript(login, facilitator, session, members):
    client = login(facilitator)
    response = client.post(
        f"/groups/sessions/{session.pk}/",
        {"present": [members[0].pk, members[1].pk], "extra_attendees": "2"},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.attendance_taken and session.extra_attendees == 2
    assert Attendance.objects.count() == 2


def test_attendance_for_a_non_member_is_refused_with_a_clear_error(
    login, facilitator, social_worker, session, members, other_group
):
    from .conftest import add_members

    stranger = add_members(social_worker, other_group, 1)[0]
    response = login(facilitator).post(
        f"/groups/sessions/{session.pk}/",
        {"present": [members[0].pk, stranger.pk], "extra_attendees": "1"},
    )
    assert response.status_code == 400
    assert "alleen geregistreerd voor wie op die datum lid is" in response.content.decode()
    assert not Attendance.objects.exists()


def test_one_tap_saves_one_presence(login, facilitator, session, members):
    client = login(facilitator)
    url = f"/groups/sessions/{session.pk}/toggle/{members[0].pk}/"
    response = client.post(url, {"present": [members[0].pk]}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "checked" in response.content.decode()
    assert Attendance.objects.filter(member=members[0]).exists()
    client.post(url, {}, headers={"HX-Request": "true"})
    assert not Attendance.objects.exists()


def test_another_facilitator_cannot_tap(login, other_facilitator, session, members):
    url = f"/groups/sessions/{session.pk}/toggle/{members[0].pk}/"
    response = login(other_facilitator).post(url, {"present": [members[0].pk]})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_a_facilitator_proposes_a_tie_and_the_social_worker_confirms_it_on_the_file(
    login, facilitator, social_worker, session, members
):
    participant = members[0].participant
    response = login(facilitator).post(
        f"/groups/sessions/{session.pk}/ties/",
        {"member": members[0].pk, "label": "Fatima", "sector": Sector.PEERS},
    )
    assert response.status_code == 302
    client = login(social_worker)
    content = client.get(f"/groups/file/{participant.pk}/").content.decode()
    assert "Fatima" in content
    from groups.models import MetHereTie

    tie = MetHereTie.objects.get()
    response = client.post(f"/groups/ties/{tie.pk}/confirm/")
    assert response.status_code == 302
    assert participant.network_members.filter(label="Fatima").exists()


def test_a_colleague_cannot_confirm_a_tie(login, facilitator, colleague, members):
    from groups.models import MetHereTie

    tie = services.tie_propose(
        membership=facilitator, member=members[0], label="Fatima", sector=Sector.PEERS
    )
    response = login(colleague).post(f"/groups/ties/{tie.pk}/confirm/")
    assert response.status_code == 404
    assert MetHereTie.objects.get().status == "proposed"


def test_the_file_shows_the_groups_attendance_and_placements(
    login, facilitator, social_worker, session, members
):
    services.attendance_record(membership=facilitator, session=session, present=[members[0].pk])
    client = login(social_worker)
    content = client.get(f"/participants/{members[0].participant_id}/").content.decode()
    assert "groups-card" in content
    assert "timeline-group_work" in content and "Praatgroep De Brug" in content
    card = client.get(f"/groups/file/{members[0].participant_id}/", headers={"HX-Request": "true"})
    assert "aanwezig op 1 van 1 sessies" in card.content.decode()
