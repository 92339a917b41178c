"""Ties between members of a network map: recorded once, frozen with a snapshot, brought back
by an undo; a member's place on a map drawn by hand; where a member or tie came from."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import AuditEvent
from participants.models import MemberTie, NetworkMember, SnapshotTie
from participants.services import network as svc
from participants.services import network_ties as ties
from tests.factories import MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _member(membership, participant, label, **fields):
    data = {"label": label, "sector": "family", "ring": "close", **fields}
    return svc.network_member_create(membership=membership, participant=participant, data=data)


@pytest.fixture
def trio(social_worker, participant):
    return [_member(social_worker, participant, name) for name in ("Rita", "Jan", "Noor")]


def test_a_tie_is_stored_once_lower_id_first_whichever_way_it_was_drawn(
    social_worker, participant, trio
):
    rita, jan, _noor = trio
    tie = ties.member_tie_create(
        membership=social_worker,
        participant=participant,
        data={"member_a": jan, "member_b": rita.pk, "strength": "strong"},
    )
    assert (tie.member_a_id, tie.member_b_id) == (rita.pk, jan.pk)
    assert AuditEvent.objects.filter(action="create", object_id=str(tie.pk)).exists()
    with pytest.raises(ValidationError) as error:
        ties.member_tie_create(
            membership=social_worker,
            participant=participant,
            data={"member_a": rita, "member_b": jan},
        )
    assert "kennen elkaar al" in str(error.value)  # Dutch, the default language
    assert MemberTie.objects.count() == 1


def test_a_tie_joins_two_different_members_of_the_same_map(social_worker, participant, trio):
    rita = trio[0]
    elsewhere = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    stranger = NetworkMember.objects.create(
        participant=elsewhere, label="Vreemde", sector="family", ring="close"
    )
    for other in (rita, stranger, 999999):
        with pytest.raises(ValidationError):
            ties.member_tie_create(
                membership=social_worker,
                participant=participant,
                data={"member_a": rita, "member_b": other},
            )
    assert not MemberTie.objects.exists()


def test_only_the_files_writer_draws_ties(social_worker, participant, trio):
    colleague = MembershipFactory(organisation=social_worker.organisation, role="social_worker")
    with pytest.raises(PermissionDenied):
        ties.member_tie_create(
            membership=colleague,
            participant=participant,
            data={"member_a": trio[0], "member_b": trio[1]},
        )


def test_a_snapshot_freezes_ties_positions_and_origins(social_worker, participant, trio):
    rita, jan, noor = trio
    ties.network_member_place(membership=social_worker, member=rita, pos_x=0.2, pos_y=-0.3)
    tie = ties.member_tie_create(
        membership=social_worker,
        participant=participant,
        data={"member_a": rita, "member_b": jan, "tension": "tense", "origin": "neighbourhood"},
    )
    assert tie.origin_work_model.code == "community"
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    frozen = SnapshotTie.objects.get(snapshot=snapshot)
    assert (frozen.member_a_id, frozen.member_b_id, frozen.tension) == (rita.pk, jan.pk, "tense")
    assert frozen.origin == "neighbourhood" and frozen.origin_work_model.code == "community"
    placed = snapshot.members.get(member_id=rita.pk)
    assert (placed.pos_x, placed.pos_y) == (0.2, -0.3)
    ties.member_tie_delete(membership=social_worker, tie=tie)
    assert SnapshotTie.objects.filter(snapshot=snapshot).count() == 1
    with pytest.raises(PermissionError):
        frozen.save()
    assert noor.pk  # an isolate is frozen as a member without ties
    assert snapshot.members.count() == 3


def test_removing_a_member_takes_its_ties_and_the_undo_brings_them_back(
    social_worker, participant, trio
):
    rita, jan, noor = trio
    for other in (jan, noor):
        ties.member_tie_create(
            membership=social_worker,
            participant=participant,
            data={"member_a": rita, "member_b": other, "strength": "strong"},
        )
    ties.network_member_place(membership=social_worker, member=rita, pos_x=-0.5, pos_y=0.5)
    rita_id = rita.pk
    removed = svc.network_member_delete(membership=social_worker, member=rita)
    assert not MemberTie.objects.exists()
    restored = svc.network_member_restore(
        membership=social_worker, participant=participant, removed=removed
    )
    assert (restored.pos_x, restored.pos_y) == (-0.5, 0.5)
    assert set(MemberTie.objects.values_list("member_a_id", "member_b_id", "strength")) == {
        (rita_id, jan.pk, "strong"),
        (rita_id, noor.pk, "strong"),
    }


def test_a_place_outside_the_map_or_half_a_place_is_refused(social_worker, participant, trio):
    for x, y in ((0.9, 0.9), (0.1, None), (2.0, 0.0)):
        with pytest.raises(ValidationError):
            ties.network_member_place(membership=social_worker, member=trio[0], pos_x=x, pos_y=y)
    member = NetworkMember.objects.get(pk=trio[0].pk)
    assert member.pos_x is None and not member.is_placed


def test_a_matched_buddy_carries_the_match_as_origin(social_worker, participant):
    member = svc.network_member_upsert_for_buddy(
        membership=social_worker, participant=participant, buddy_match_id=41, label="Buddy Ann"
    )
    assert member.origin == "buddy" and member.origin_match_id == 41
    assert member.origin_work_model.code == "buddy"
