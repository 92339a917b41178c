"""The network map: members, a matched buddy, snapshots that stay frozen."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import AuditEvent
from participants.models import NetworkMember, NetworkSnapshot, SnapshotMember
from participants.services import network as svc
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
SISTER = {
    "label": "Zus Leen",
    "sector": "family",
    "ring": "very_close",
    "support": ["practical", "emotional"],
    "direction": "mutual",
    "frequency": "weekly",
    "known_for": "over_5",
}


def _add(membership, participant, **fields):
    return svc.network_member_create(
        membership=membership, participant=participant, data={**SISTER, **fields}
    )


def test_a_social_worker_adds_a_member_and_support_is_kept_in_a_stable_order(
    social_worker, participant
):
    member = _add(social_worker, participant)
    assert member.support == ["emotional", "practical"]
    assert member.formality == "informal"
    assert AuditEvent.objects.filter(action="create", object_id=str(member.pk)).exists()


@pytest.mark.parametrize(
    ("sector", "formality"),
    [("professionals", "formal"), ("buddy_volunteers", "informal"), ("peers", "informal")],
)
def test_formality_follows_the_sector(social_worker, participant, sector, formality):
    assert _add(social_worker, participant, sector=sector).formality == formality


@pytest.mark.parametrize(
    ("field", "value"),
    [("sector", "aliens"), ("ring", "far"), ("support", ["money"]), ("label", "  ")],
)
def test_bad_member_input_is_refused_and_nothing_stored(social_worker, participant, field, value):
    with pytest.raises(ValidationError) as error:
        _add(social_worker, participant, **{field: value})
    assert field in error.value.message_dict
    assert not NetworkMember.objects.exists()


def test_only_the_assigned_worker_changes_the_map(social_worker, colleague, org_admin, participant):
    member = _add(social_worker, participant)
    for reader in (colleague, org_admin):
        with pytest.raises(PermissionDenied):
            _add(reader, participant)
        with pytest.raises(PermissionDenied):
            svc.network_member_update(membership=reader, member=member, data={"ring": "close"})
        with pytest.raises(PermissionDenied):
            svc.network_member_delete(membership=reader, member=member)


def test_without_file_consent_no_member_is_stored(social_worker, intake_only):
    with pytest.raises(ValidationError):
        _add(social_worker, intake_only)
    assert not NetworkMember.objects.exists()


def test_moving_a_member_to_another_ring_is_an_update(social_worker, participant):
    member = _add(social_worker, participant)
    svc.network_member_update(membership=social_worker, member=member, data={"ring": "close"})
    member.refresh_from_db()
    assert member.ring == "close"


# --- A matched buddy --------------------------------------------------------------------------


def test_a_matched_buddy_appears_once_and_keeps_the_workers_placement(
    coordinator, social_worker, participant
):
    member = svc.network_member_upsert_for_buddy(
        membership=coordinator, participant=participant, buddy_match_id=41, label="Buddy Jan"
    )
    assert (member.sector, member.source, member.formality) == (
        "buddy_volunteers",
        "buddy_match",
        "informal",
    )
    svc.network_member_update(membership=social_worker, member=member, data={"ring": "close"})
    again = svc.network_member_upsert_for_buddy(
        membership=coordinator, participant=participant, buddy_match_id=41, label="Jan"
    )
    assert again.pk == member.pk
    assert (again.label, again.ring) == ("Jan", "close")
    assert NetworkMember.objects.count() == 1


def test_a_buddy_is_not_added_without_file_consent_nor_from_another_organisation(
    coordinator, other_org_worker, intake_only, participant
):
    assert (
        svc.network_member_upsert_for_buddy(
            membership=coordinator, participant=intake_only, buddy_match_id=1, label="Jan"
        )
        is None
    )
    with pytest.raises(PermissionDenied):
        svc.network_member_upsert_for_buddy(
            membership=other_org_worker, participant=participant, buddy_match_id=2, label="Jan"
        )
    assert not NetworkMember.objects.exists()


def test_a_closed_match_takes_the_buddy_off_the_map_but_not_off_snapshots(
    coordinator, social_worker, participant
):
    svc.network_member_upsert_for_buddy(
        membership=coordinator, participant=participant, buddy_match_id=7, label="Jan"
    )
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    assert svc.network_member_end_for_buddy(
        membership=coordinator, participant=participant, buddy_match_id=7
    )
    assert not NetworkMember.objects.exists()
    assert [m.label for m in snapshot.members.all()] == ["Jan"]
    assert not svc.network_member_end_for_buddy(
        membership=coordinator, participant=participant, buddy_match_id=7
    )


# --- Snapshots --------------------------------------------------------------------------------


def test_a_snapshot_is_frozen_whatever_happens_to_the_map_later(social_worker, participant):
    sister = _add(social_worker, participant)
    neighbour = _add(social_worker, participant, label="Buurman Ahmed", sector="neighbours")
    snapshot = svc.network_snapshot_take(
        membership=social_worker,
        participant=participant,
        taken_on=TODAY - datetime.timedelta(days=3),
        kind="baseline",
    )
    svc.network_member_update(
        membership=social_worker, member=sister, data={"ring": "acquaintance", "critical": True}
    )
    neighbour_id = neighbour.pk
    svc.network_member_delete(membership=social_worker, member=neighbour)
    _add(social_worker, participant, label="Nieuwe vriendin", sector="friends")

    frozen = {m.label: m for m in SnapshotMember.objects.filter(snapshot=snapshot)}
    assert set(frozen) == {"Zus Leen", "Buurman Ahmed"}
    assert frozen["Zus Leen"].ring == "very_close"
    assert frozen["Zus Leen"].critical is False
    assert frozen["Buurman Ahmed"].member_id == neighbour_id


def test_a_snapshot_member_cannot_be_changed(social_worker, participant):
    _add(social_worker, participant)
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    copy = snapshot.members.get()
    copy.ring = "services"
    with pytest.raises(PermissionError):
        copy.save()


def test_a_snapshot_cannot_be_in_the_future(social_worker, participant):
    with pytest.raises(ValidationError) as error:
        svc.network_snapshot_take(
            membership=social_worker,
            participant=participant,
            taken_on=TODAY + datetime.timedelta(days=1),
            kind="baseline",
        )
    assert "taken_on" in error.value.message_dict
    assert not NetworkSnapshot.objects.exists()


def test_a_follow_up_needs_a_baseline_before_it(social_worker, participant):
    with pytest.raises(ValidationError) as error:
        svc.network_snapshot_take(
            membership=social_worker, participant=participant, taken_on=TODAY, kind="follow_up"
        )
    assert "kind" in error.value.message_dict
    svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    with pytest.raises(ValidationError) as error:
        svc.network_snapshot_take(
            membership=social_worker,
            participant=participant,
            taken_on=TODAY - datetime.timedelta(days=1),
            kind="follow_up",
        )
    assert "taken_on" in error.value.message_dict


def test_only_the_assigned_worker_takes_a_snapshot(colleague, org_admin, participant):
    for reader in (colleague, org_admin):
        with pytest.raises(PermissionDenied):
            svc.network_snapshot_take(
                membership=reader, participant=participant, taken_on=TODAY, kind="baseline"
            )


def test_an_empty_map_can_be_a_baseline(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    from participants import services

    services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose="file",
        given_on=TODAY,
        method="oral",
    )
    snapshot = svc.network_snapshot_take(
        membership=social_worker, participant=participant, taken_on=TODAY, kind="baseline"
    )
    assert snapshot.members.count() == 0
