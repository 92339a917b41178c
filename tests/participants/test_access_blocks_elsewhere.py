"""Access blocks outside the file's own pages: the matching engine, attendance and reminders."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from buddies import services as buddy_services
from buddies.selectors.proposals import suggestions_for
from groups import services as group_services
from groups.models import Attendance
from groups.selectors.pages import attendance_sheet
from notifications.dispatch import deliver
from notifications.models import Reminder
from notifications.selectors import reminders_for
from participants.services.access_blocks import access_block_create
from tests.buddies.conftest import make_participant, make_request, make_volunteer
from tests.factories import MembershipFactory
from tests.groups.conftest import make_group, make_session
from tests.participants.factories import file_for

pytestmark = pytest.mark.django_db


def test_a_volunteer_blocked_from_the_file_is_never_proposed(org_admin, social_worker, coordinator):
    request = make_request(social_worker)
    volunteer = make_volunteer(social_worker.organisation)
    assert [p.volunteer.pk for p in suggestions_for(request)] == [volunteer.pk]
    access_block_create(
        membership=org_admin,
        participant=request.participant,
        user=volunteer.user,
        reason="relative",
    )
    assert suggestions_for(request) == []
    with pytest.raises(ValidationError):
        buddy_services.match_propose(membership=coordinator, request=request, volunteer=volunteer)


def test_a_blocked_facilitator_neither_sees_nor_erases_the_members_attendance(
    org_admin, social_worker
):
    facilitator = MembershipFactory(organisation=social_worker.organisation, role=Role.VOLUNTEER)
    participant = make_participant(social_worker)
    group = make_group(social_worker, facilitators=[facilitator.user])
    member = group_services.member_add(
        membership=social_worker, group=group, participant=participant, joined_on=group.starts_on
    )
    session = make_session(facilitator, group, days_ago=1)
    group_services.attendance_record(membership=facilitator, session=session, present=[member.pk])
    access_block_create(
        membership=org_admin, participant=participant, user=facilitator.user, reason="neighbour"
    )
    assert attendance_sheet(session, facilitator.user_id) == []
    group_services.attendance_record(membership=facilitator, session=session, present=[])
    assert Attendance.objects.filter(session=session, member=member).exists()
    with pytest.raises(ValidationError):
        group_services.attendance_record(
            membership=facilitator, session=session, present=[member.pk]
        )


def _reminder(membership, participant, status, rule="access_block_test"):
    return Reminder.objects.create(
        organisation=membership.organisation,
        rule=rule,
        object_type="participants.participant",
        object_id=participant.pk,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        recipient=membership.user,
        link=f"/participants/{participant.pk}/",
        status=status,
        sent_at=timezone.now() if status == Reminder.Status.SENT else None,
    )


def test_a_reminder_naming_a_blocked_file_is_never_sent_nor_listed(
    org_admin, social_worker, colleague
):
    participant = file_for(social_worker)
    other = file_for(social_worker)
    pending = _reminder(colleague, participant, Reminder.Status.PENDING)
    sent = _reminder(colleague, other, Reminder.Status.SENT)
    listed = _reminder(colleague, participant, Reminder.Status.SENT, rule="access_block_list")
    assert {r.pk for r in reminders_for(colleague.user)} == {sent.pk, listed.pk}
    access_block_create(
        membership=org_admin, participant=participant, user=colleague.user, reason="other"
    )
    assert [r.pk for r in reminders_for(colleague.user)] == [sent.pk]
    assert deliver(pending.pk) == "resolved"
    pending.refresh_from_db()
    assert pending.status == Reminder.Status.RESOLVED and pending.sent_at is None
