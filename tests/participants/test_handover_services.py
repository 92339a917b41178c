"""Handing files over (`participants.services.handover.files_reassign`): what moves, what is
recorded, who is told, and who may do it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AuditEvent, Role
from groups.models import Group
from notifications.models import Reminder
from participants.models import FileHandover, Participant
from participants.reminders import INTERVENTION_FOLLOW_UP
from participants.reminders_handover import FILE_HANDOVER
from participants.selectors import participant_get_for
from participants.selectors.timeline import timeline_page
from participants.services import intervention_create
from participants.services.handover import files_reassign
from tests.factories import MembershipFactory, ParticipantFactory
from tests.groups.conftest import make_group
from tests.participants.factories import enable_team_access, file_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def reassign(admin, to, **kwargs):
    kwargs.setdefault("reason", "Vertrekt uit de organisatie")
    kwargs.setdefault("handed_over_on", TODAY)
    return files_reassign(membership=admin, to_worker=to.user, **kwargs)


def test_handing_over_moves_the_files_and_records_each_one(org_admin, social_worker, colleague):
    files = [file_for(social_worker) for _ in range(3)]
    result = reassign(org_admin, colleague, participant_ids=[f.pk for f in files[:2]])
    assert result.count == 2
    assert set(
        Participant.objects.filter(social_worker=colleague.user).values_list("pk", flat=True)
    ) == {files[0].pk, files[1].pk}
    assert Participant.objects.get(pk=files[2].pk).social_worker == social_worker.user
    rows = FileHandover.objects.filter(batch=result.batch)
    assert rows.count() == 2
    row = rows.first()
    assert (row.from_worker, row.to_worker, row.created_by) == (
        social_worker.user,
        colleague.user,
        org_admin.user,
    )
    assert row.reason == "Vertrekt uit de organisatie"


def test_all_files_of_a_worker_move_at_once(org_admin, social_worker, colleague):
    for _ in range(4):
        file_for(social_worker)
    assert reassign(org_admin, colleague, from_worker=social_worker.user).count == 4
    assert not Participant.objects.filter(social_worker=social_worker.user).exists()


def test_the_old_worker_loses_access_and_the_new_one_gets_it(org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    reassign(org_admin, colleague, participant_ids=[participant.pk])
    from django.http import Http404

    with pytest.raises(Http404):
        participant_get_for(social_worker, participant.pk)
    assert participant_get_for(colleague, participant.pk) == participant


def test_with_team_access_the_old_worker_still_reads_but_no_longer_writes(
    org_admin, social_worker, colleague
):
    from participants.selectors import participant_editable_by

    enable_team_access(social_worker)
    participant = file_for(social_worker)
    reassign(org_admin, colleague, participant_ids=[participant.pk])
    social_worker.organisation.refresh_from_db()
    found = participant_get_for(social_worker, participant.pk)
    assert not participant_editable_by(social_worker, found)


def test_the_timeline_and_the_audit_trail_show_the_handover(org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    reassign(org_admin, colleague, participant_ids=[participant.pk])
    kinds = [entry.kind for entry in timeline_page(participant).entries]
    assert "handover" in kinds
    event = AuditEvent.objects.filter(
        actor=org_admin.user, action=AuditEvent.Action.UPDATE, fields=["social_worker"]
    ).get()
    assert event.object_id == str(participant.pk)


def test_the_new_worker_is_notified_once_per_handover(org_admin, social_worker, colleague):
    files = [file_for(social_worker) for _ in range(3)]
    reassign(org_admin, colleague, participant_ids=[f.pk for f in files])
    notices = Reminder.objects.filter(rule=FILE_HANDOVER.code)
    assert notices.count() == 1
    assert notices.get().recipient == colleague.user


def test_open_reminders_and_follow_ups_follow_the_files(org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    intervention_create(
        membership=social_worker,
        participant=participant,
        data={
            "date": TODAY,
            "duration_minutes": 30,
            "work_model": _work_model(),
            "kind": "conversation",
            "took_part": ["participant"],
            "follow_up_on": TODAY + datetime.timedelta(days=7),
        },
    )
    reminder = Reminder.objects.get(rule=INTERVENTION_FOLLOW_UP.code)
    assert reminder.recipient == social_worker.user
    reassign(org_admin, colleague, participant_ids=[participant.pk])
    reminder.refresh_from_db()
    assert reminder.recipient == colleague.user


def _work_model():
    from workmodels.models import WorkModel

    return WorkModel.objects.get(code="buddy")


def test_a_worker_who_hands_over_everything_hands_over_their_groups(
    org_admin, social_worker, colleague
):
    from groups import services as group_services

    participant = file_for(social_worker)
    group = make_group(social_worker, facilitators=[social_worker.user])
    group_services.member_add(membership=social_worker, group=group, participant=participant)
    reassign(org_admin, colleague, from_worker=social_worker.user)
    facilitators = set(Group.objects.get(pk=group.pk).facilitators.all())
    assert facilitators == {colleague.user}


def test_a_worker_who_keeps_files_keeps_running_the_group(org_admin, social_worker, colleague):
    from groups import services as group_services

    moved, kept = file_for(social_worker), file_for(social_worker)
    group = make_group(social_worker, facilitators=[social_worker.user])
    for participant in (moved, kept):
        group_services.member_add(membership=social_worker, group=group, participant=participant)
    reassign(org_admin, colleague, participant_ids=[moved.pk])
    assert set(group.facilitators.all()) == {social_worker.user, colleague.user}


@pytest.mark.parametrize("role", ["social_worker", "coordinator", "volunteer", "researcher"])
def test_only_an_org_admin_hands_files_over(role, request, social_worker, colleague):
    participant = file_for(social_worker)
    actor = request.getfixturevalue(role) if role != "social_worker" else social_worker
    with pytest.raises(PermissionDenied):
        reassign(actor, colleague, participant_ids=[participant.pk])
    assert Participant.objects.get(pk=participant.pk).social_worker == social_worker.user


def test_an_admin_of_another_organisation_moves_nothing(other_org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    with pytest.raises(ValidationError):
        reassign(other_org_admin, colleague, participant_ids=[participant.pk])
    other_worker = MembershipFactory(
        organisation=other_org_admin.organisation, role=Role.SOCIAL_WORKER
    )
    with pytest.raises(ValidationError) as error:
        reassign(other_org_admin, other_worker, participant_ids=[participant.pk])
    assert "participants" in error.value.message_dict
    assert Participant.objects.get(pk=participant.pk).social_worker == social_worker.user


@pytest.mark.parametrize("target", ["volunteer", "coordinator", "inactive", "other_org"])
def test_files_go_only_to_an_active_social_worker_of_the_organisation(
    target, org_admin, social_worker, volunteer, coordinator, other_org_worker
):
    participant = file_for(social_worker)
    if target == "inactive":
        to = MembershipFactory(
            organisation=org_admin.organisation, role=Role.SOCIAL_WORKER, is_active=False
        )
    else:
        to = {"volunteer": volunteer, "coordinator": coordinator, "other_org": other_org_worker}[
            target
        ]
    with pytest.raises(ValidationError) as error:
        reassign(org_admin, to, participant_ids=[participant.pk])
    assert "to_worker" in error.value.message_dict
    assert not FileHandover.objects.exists()


@pytest.mark.parametrize(("days", "reason"), [(-400, "ok"), (200, "ok"), (0, ""), (0, "   ")])
def test_an_absurd_date_or_no_reason_is_refused(days, reason, org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    with pytest.raises(ValidationError):
        reassign(
            org_admin,
            colleague,
            participant_ids=[participant.pk],
            reason=reason,
            handed_over_on=TODAY + datetime.timedelta(days=days),
        )


def test_files_already_with_the_new_worker_are_not_handed_over_again(
    org_admin, social_worker, colleague
):
    participant = file_for(colleague)
    with pytest.raises(ValidationError):
        reassign(org_admin, colleague, participant_ids=[participant.pk])


def _queries(admin, to, ids) -> int:
    with CaptureQueriesContext(connection) as queries:
        reassign(admin, to, participant_ids=ids)
    return len(queries)


def test_handing_over_5_or_50_files_takes_the_same_number_of_queries(
    org_admin, social_worker, colleague, django_assert_max_num_queries
):
    organisation = org_admin.organisation
    few = ParticipantFactory.create_batch(
        5, organisation=organisation, social_worker=social_worker.user
    )
    many = ParticipantFactory.create_batch(
        50, organisation=organisation, social_worker=social_worker.user
    )
    small = _queries(org_admin, colleague, [p.pk for p in few])
    large = _queries(org_admin, colleague, [p.pk for p in many])
    assert small == large <= 16, (small, large)
    with django_assert_max_num_queries(small):
        reassign(org_admin, social_worker, participant_ids=[p.pk for p in many])
