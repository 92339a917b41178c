"""Anonymising a file: no trace of the person in any table, the figures unchanged, the audit
trail saying that it happened and nothing more; only an org admin does it."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import AuditEvent, Role
from buddies.models import BuddyRequest, Match
from groups.models import GroupMember
from participants.models import Participant
from participants.rights.erasure import PLACEHOLDER, Reason, participant_anonymise
from tests.factories import MembershipFactory

from .test_rights_builders import EMAIL, MARK, PHONE, make_full_file, statistics, tables_containing

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_file(social_worker):
    return make_full_file(social_worker)


def test_the_builder_really_spreads_the_person_over_many_tables(full_file):
    found = {hit.split(".")[0] for hit in tables_containing(MARK)}
    assert {
        "participants_participant",
        "participants_historicalparticipant",
        "participants_historicaltrajectory",
        "participants_historicalgoal",
        "participants_historicalgoalnote",
        "participants_historicalintervention",
        "participants_networkmember",
        "participants_snapshotmember",
        "participants_membertie",
        "participants_snapshottie",
        "participants_agreement",
        "buddies_contactlog",
        "buddies_checkin",
        "groups_metheretie",
        "groups_volunteerplacement",
    } <= found


def test_anonymising_leaves_no_trace_of_names_or_contacts_in_any_table(org_admin, full_file):
    old_code = full_file.reference_code
    assert tables_containing(PHONE, EMAIL, old_code)

    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)

    assert tables_containing(MARK, PHONE, EMAIL, old_code) == []


def test_statistics_stay_the_same(org_admin, full_file):
    before = statistics(full_file)
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    assert statistics(full_file) == before


def test_the_file_is_marked_closed_and_given_a_new_reference(org_admin, full_file):
    old_code = full_file.reference_code
    participant = participant_anonymise(
        membership=org_admin, participant=full_file, reason=Reason.REQUEST
    )
    assert participant.anonymised_on is not None
    assert participant.reference_code != old_code
    assert participant.first_name == PLACEHOLDER
    assert (participant.last_name, participant.phone, participant.email) == ("", "", "")
    assert (participant.migration_background, participant.health_remarks) == ("", "")
    assert participant.status == Participant.Status.CLOSED
    assert participant.closed_on is not None
    assert participant.birth_year == 1977
    # Empty free texts stay empty, so "how many interventions have a summary" still counts.
    summaries = sorted(participant.interventions.values_list("summary", flat=True))
    assert summaries == ["", PLACEHOLDER, PLACEHOLDER]


def test_open_buddy_work_and_group_memberships_end(org_admin, full_file):
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    assert not BuddyRequest.objects.filter(participant=full_file).exclude(status="closed")
    assert set(Match.objects.filter(participant=full_file).values_list("status", flat=True)) == {
        Match.Status.CLOSED
    }
    assert not GroupMember.objects.filter(participant=full_file, left_on__isnull=True)


def test_the_audit_trail_says_it_happened_and_nothing_more(org_admin, full_file):
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    event = AuditEvent.objects.get(fields=["anonymised"])
    assert event.action == AuditEvent.Action.UPDATE
    assert event.actor == org_admin.user
    assert (event.object_type, event.object_id) == ("participants.participant", str(full_file.pk))


def test_anonymising_twice_changes_nothing_more(org_admin, full_file):
    first = participant_anonymise(
        membership=org_admin, participant=full_file, reason=Reason.REQUEST
    )
    again = participant_anonymise(
        membership=org_admin, participant=full_file, reason=Reason.REQUEST
    )
    assert (again.reference_code, again.anonymised_on) == (
        first.reference_code,
        first.anonymised_on,
    )
    assert AuditEvent.objects.filter(fields=["anonymised"]).count() == 1
    assert tables_containing(MARK) == []


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER]
)
def test_only_an_org_admin_anonymises(organisation, social_worker, role, participant):
    membership = (
        social_worker
        if role == Role.SOCIAL_WORKER
        else MembershipFactory(organisation=organisation, role=role)
    )
    with pytest.raises(PermissionDenied):
        participant_anonymise(membership=membership, participant=participant, reason="request")
    participant.refresh_from_db()
    assert participant.anonymised_on is None


def test_an_admin_of_another_organisation_cannot(other_org_admin, participant):
    with pytest.raises(PermissionDenied):
        participant_anonymise(
            membership=other_org_admin, participant=participant, reason=Reason.REQUEST
        )


def test_an_inactive_admin_cannot(org_admin, participant):
    org_admin.is_active = False
    org_admin.save()
    with pytest.raises(PermissionDenied):
        participant_anonymise(membership=org_admin, participant=participant, reason="request")


def test_nothing_new_is_written_on_an_anonymised_file(social_worker, org_admin):
    from django.utils import timezone

    from participants import services as file_services
    from tests.factories import ParticipantFactory

    participant = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    participant_anonymise(membership=org_admin, participant=participant, reason=Reason.REQUEST)
    participant = Participant.objects.get(pk=participant.pk)
    with pytest.raises(PermissionDenied):
        file_services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose="file",
            given_on=timezone.localdate(),
            method="oral",
        )


def test_ties_between_members_keep_their_structure_and_go_with_the_file(org_admin, full_file):
    from participants.models import MemberTie, SnapshotTie

    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    tie = MemberTie.objects.get(participant=full_file)
    assert (tie.strength, tie.origin, tie.origin_detail) == ("strong", "group", PLACEHOLDER)
    assert SnapshotTie.objects.get(snapshot__participant=full_file).origin_detail == PLACEHOLDER
    full_file.delete()
    assert not MemberTie.objects.exists() and not SnapshotTie.objects.exists()
