"""The API for ties between members, positions and origins: the same visibility as the map's
members, writes through the services, field errors (never a 500) on bad input."""

import itertools

import pytest
from django.utils import timezone

from participants.models import MemberTie, NetworkMember
from participants.services import network as svc
from participants.services import network_ties as tie_svc
from tests.participants.factories import api_as, enable_team_access, file_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def people(membership, participant, *names):
    return [
        svc.network_member_create(
            membership=membership,
            participant=participant,
            data={"label": name, "sector": "friends", "ring": "close"},
        )
        for name in names
    ]


def test_a_social_worker_records_changes_and_removes_a_tie(social_worker, participant):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    api = api_as(social_worker)
    base = f"/api/participants/{participant.pk}/network-ties/"
    created = api.post(
        base,
        {"member_a": jan.pk, "member_b": rita.pk, "origin": "group", "origin_detail": "Kookclub"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["member_a"], body["member_b"]) == (rita.pk, jan.pk)
    assert (body["strength"], body["origin"], body["origin_work_model"]) == (
        "weak",
        "group",
        "peer",
    )
    tie_id = body["id"]
    listed = api.get(base).json()
    assert [row["id"] for row in listed["results"]] == [tie_id]
    changed = api.patch(
        f"/api/network-ties/{tie_id}/",
        {"strength": "strong", "tension": "tense", "origin_work_model": None},
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert (changed.json()["strength"], changed.json()["tension"]) == ("strong", "tense")
    assert changed.json()["origin_work_model"] is None
    assert api.get(f"/api/network-ties/{tie_id}/").json()["tension"] == "tense"
    assert api.delete(f"/api/network-ties/{tie_id}/").status_code == 204
    assert not MemberTie.objects.exists()


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "member_a"),
        ({"member_a": "x", "member_b": 1}, "member_a"),
        ({"member_a": 0, "member_b": 0}, "member_a"),
        ({"strength": "very"}, "strength"),
        ({"tension": "angry"}, "tension"),
        ({"origin": "moon"}, "origin"),
        ({"origin_work_model": "nope"}, "origin_work_model"),
        ({"origin_detail": "x" * 101}, "origin_detail"),
    ],
)
def test_bad_input_gets_field_errors(data, field, social_worker, participant):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    payload = {"member_a": rita.pk, "member_b": jan.pk} | data
    if data == {}:
        payload = {}
    response = api_as(social_worker).post(
        f"/api/participants/{participant.pk}/network-ties/", payload, format="json"
    )
    assert response.status_code == 400
    assert field in response.json()


def test_the_same_pair_twice_and_a_member_twice_are_refused(social_worker, participant):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    api = api_as(social_worker)
    base = f"/api/participants/{participant.pk}/network-ties/"
    assert api.post(base, {"member_a": rita.pk, "member_b": jan.pk}).status_code == 201
    again = api.post(base, {"member_a": jan.pk, "member_b": rita.pk})
    assert again.status_code == 400 and "member_b" in again.json()
    same = api.post(base, {"member_a": rita.pk, "member_b": rita.pk})
    assert same.status_code == 400 and "member_b" in same.json()


def test_a_member_of_another_file_cannot_be_linked(social_worker, participant):
    other = file_for(social_worker)
    (stranger,) = people(social_worker, other, "Vreemde")
    (rita,) = people(social_worker, participant, "Rita")
    response = api_as(social_worker).post(
        f"/api/participants/{participant.pk}/network-ties/",
        {"member_a": rita.pk, "member_b": stranger.pk},
    )
    assert response.status_code == 400 and "member_b" in response.json()


def test_ties_are_seen_like_members_and_changed_only_by_the_assigned_worker(
    social_worker, participant, colleague, other_org_worker, org_admin
):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie = tie_svc.member_tie_create(
        membership=social_worker, participant=participant, data={"member_a": rita, "member_b": jan}
    )
    base = f"/api/participants/{participant.pk}/network-ties/"
    one = f"/api/network-ties/{tie.pk}/"
    for outsider in (other_org_worker, colleague):
        assert api_as(outsider).get(base).status_code == 404
        assert api_as(outsider).get(one).status_code == 404
        assert api_as(outsider).delete(one).status_code == 404
    enable_team_access(colleague)
    assert api_as(colleague).get(one).status_code == 200
    assert api_as(colleague).patch(one, {"strength": "strong"}).status_code == 403
    assert api_as(org_admin).delete(one).status_code == 403
    refused = api_as(org_admin).post(base, {"member_a": rita.pk, "member_b": jan.pk})
    assert refused.status_code == 403
    assert MemberTie.objects.get().strength == "weak"


def test_members_carry_their_place_and_origin(social_worker, participant):
    api = api_as(social_worker)
    base = f"/api/participants/{participant.pk}/network-members/"
    created = api.post(
        base,
        {
            "label": "Buddy Tom",
            "sector": "friends",
            "ring": "close",
            "origin": "buddy",
            "pos_x": 0.3,
            "pos_y": -0.4,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["pos_x"], body["pos_y"]) == (0.3, -0.4)
    assert (body["origin"], body["origin_work_model"]) == ("buddy", "buddy")
    one = f"/api/network-members/{body['id']}/"
    moved = api.patch(one, {"pos_x": -0.5}, format="json")
    assert (moved.json()["pos_x"], moved.json()["pos_y"]) == (-0.5, -0.4)
    outside = api.patch(one, {"pos_x": 0.9, "pos_y": 0.9}, format="json")
    assert outside.status_code == 400
    half = api.post(base, {"label": "X", "sector": "friends", "ring": "close", "pos_x": 0.1})
    assert half.status_code == 400
    too_far = api.patch(one, {"pos_y": 2}, format="json")
    assert too_far.status_code == 400 and "pos_y" in too_far.json()
    cleared = api.patch(one, {"pos_x": None, "pos_y": None}, format="json")
    assert cleared.json()["pos_x"] is None
    assert NetworkMember.objects.count() == 1


def test_a_snapshot_shows_its_frozen_ties(social_worker, participant):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie_svc.member_tie_create(
        membership=social_worker,
        participant=participant,
        data={"member_a": rita, "member_b": jan, "strength": "strong", "origin": "neighbourhood"},
    )
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    body = api_as(social_worker).get(f"/api/network-snapshots/{snapshot.pk}/").json()
    assert body["ties"] == [
        {
            "member_a_id": rita.pk,
            "member_b_id": jan.pk,
            "strength": "strong",
            "tension": "",
            "origin": "neighbourhood",
            "origin_detail": "",
            "origin_work_model": "community",
            "origin_trajectory_id": None,
            "origin_match_id": None,
            "origin_group_id": None,
        }
    ]


@pytest.mark.parametrize("rows", [2, 30])
def test_the_tie_list_uses_a_fixed_number_of_queries(
    rows, social_worker, participant, django_assert_max_num_queries
):
    members = people(social_worker, participant, *[f"P{i}" for i in range(rows + 1)])
    for a, b in itertools.pairwise(members):
        tie_svc.member_tie_create(
            membership=social_worker,
            participant=participant,
            data={"member_a": a, "member_b": b, "origin": "group"},
        )
    api = api_as(social_worker)
    with django_assert_max_num_queries(12):
        response = api.get(f"/api/participants/{participant.pk}/network-ties/")
    assert response.status_code == 200 and response.json()["count"] == rows
