"""Rules of the buddy programme and group work: right reminder, right person, right time,
resolved when the reason goes away."""

import datetime

import pytest

from accounts.models import Role
from buddies import services
from groups.models import AttendanceSignal, Group, GroupMember
from notifications import dispatch
from notifications import services as notifications
from notifications.models import Reminder
from tests.factories import MembershipFactory
from workmodels.models import WorkModel

from .conftest import START, at, reminders

pytestmark = pytest.mark.django_db
PENDING, RESOLVED = Reminder.Status.PENDING, Reminder.Status.RESOLVED
DAY = datetime.timedelta(days=1)


def test_no_contact_reminds_the_volunteer_after_14_days_and_the_coordinator_after_28(
    match, volunteer, coordinator
):
    with at(START + 13 * DAY):
        assert notifications.sweep() == {}
    with at(START + 14 * DAY):
        assert notifications.sweep() == {"no_contact_volunteer": 1, "check_in_due": 1}
    [to_volunteer] = reminders(rule="no_contact_volunteer")
    assert to_volunteer.recipient == volunteer.user
    assert to_volunteer.link == f"/buddies/my/contacts/{match.pk}/"
    with at(START + 28 * DAY):
        assert notifications.sweep() == {"no_contact_coordinator": 1}
    [to_coordinator] = reminders(rule="no_contact_coordinator")
    assert to_coordinator.recipient == coordinator.user
    assert to_coordinator.due_on == START + 28 * DAY


def test_logging_a_contact_resolves_both_no_contact_reminders_at_once(match, volunteer):
    with at(START + 30 * DAY):
        notifications.sweep()
        services.contact_log_create(membership=volunteer, match=match, data={})
    assert {r.status for r in reminders(rule__startswith="no_contact")} == {RESOLVED}
    with at(START + 44 * DAY):
        assert notifications.sweep()["no_contact_volunteer"] == 1
    assert reminders(rule="no_contact_volunteer", status=PENDING)[0].due_on == START + 44 * DAY


def test_check_ins_fall_2_and_6_weeks_and_3_months_after_the_intro_then_every_3_months(
    match, coordinator
):
    expected = [14, 42, 91, 182]
    for days in expected:
        with at(START + days * DAY):
            notifications.sweep()
            services.check_in_create(
                membership=coordinator,
                match=match,
                data={"volunteer_side": "good", "participant_side": "good"},
            )
    due = [r.due_on for r in reminders(rule="check_in_due")]
    assert due == [START + days * DAY for days in expected]
    assert {r.status for r in reminders(rule="check_in_due")} == {RESOLVED}
    assert {r.recipient for r in reminders(rule="check_in_due")} == {coordinator.user}


def test_a_worried_contact_log_reaches_the_coordinator_and_the_social_worker_at_once(
    match, volunteer, coordinator, django_capture_on_commit_callbacks
):
    with at(START + 3 * DAY), django_capture_on_commit_callbacks() as callbacks:
        log = services.contact_log_create(
            membership=volunteer, match=match, data={"worried": True, "worry_note": "Zorg"}
        )
    [worry] = reminders(rule="contact_worry")
    assert (worry.object_id, worry.recipient, worry.due_on) == (
        log.pk,
        coordinator.user,
        START + 3 * DAY,
    )
    [to_worker] = reminders(rule="contact_worry_social_worker")
    assert (to_worker.object_id, to_worker.recipient_id, to_worker.due_on) == (
        log.pk,
        match.participant.social_worker_id,
        START + 3 * DAY,
    )
    assert to_worker.link == f"/buddies/participants/{match.participant_id}/"
    assert len(callbacks) == 2  # both queued for delivery right after the commit


def test_an_extract_about_to_expire_reminds_the_first_coordinator(organisation, coordinator, match):
    MembershipFactory(organisation=organisation, role=Role.COORDINATOR)  # a later colleague
    volunteer = match.volunteer
    volunteer.screening_valid_until = START + 40 * DAY
    volunteer.save()
    with at(START + 9 * DAY):
        assert "screening_expiring" not in notifications.sweep()
    with at(START + 10 * DAY):
        assert notifications.sweep()["screening_expiring"] == 1
        [reminder] = reminders(rule="screening_expiring")
        assert reminder.recipient == coordinator.user
        volunteer.screening_valid_until = START + 800 * DAY  # a new extract
        volunteer.save()
        notifications.sweep()
    assert reminders(rule="screening_expiring")[0].status == RESOLVED


def test_three_missed_sessions_remind_the_first_facilitator(organisation, social_worker, match):
    facilitator = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER).user
    group = Group.objects.create(
        organisation=organisation,
        name="Praatgroep",
        kind=Group.Kind.PEER_GROUP,
        work_model=WorkModel.objects.get(code="peer"),
        starts_on=START,
        created_by=social_worker.user,
    )
    group.facilitators.add(facilitator)
    member = GroupMember.objects.create(
        group=group, participant=match.participant, joined_on=START, added_by=social_worker.user
    )
    signal = AttendanceSignal.objects.create(
        group=group, member=member, participant=match.participant, detected_on=START
    )
    with at(START):
        assert notifications.sweep()["group_missed_sessions"] == 1
        assert reminders(rule="group_missed_sessions")[0].recipient == facilitator
        AttendanceSignal.objects.filter(pk=signal.pk).update(resolved_on=START)
        notifications.sweep()
    assert reminders(rule="group_missed_sessions")[0].status == RESOLVED


def test_a_closed_match_resolves_its_pending_reminders(match):
    with at(START + 30 * DAY):
        notifications.sweep()
        match.status = match.Status.CLOSED
        match.save()
        notifications.sweep()
    assert {r.status for r in reminders()} == {RESOLVED}


def test_a_volunteer_without_a_log_in_has_their_no_contact_reminder_go_to_the_coordinator(
    match, coordinator
):
    match.volunteer.user = None
    match.volunteer.first_name = "Vera"
    match.volunteer.save()
    with at(START + 14 * DAY):
        assert notifications.sweep()["no_contact_volunteer"] == 1
    [reminder] = reminders(rule="no_contact_volunteer")
    assert reminder.recipient == coordinator.user
    assert reminder.link == f"/buddies/matches/{match.pk}/"  # where the coordinator logs it
    with at(START + 15 * DAY):
        services.contact_log_create(membership=coordinator, match=match, data={})
    assert reminders(rule="no_contact_volunteer")[0].status == RESOLVED


def _close(coordinator, match):
    services.match_start_closing(membership=coordinator, match=match)
    return services.match_close(
        membership=coordinator,
        match=match,
        data={
            "close_reason": "completed",
            "evaluation_volunteer": "Fijn.",
            "evaluation_participant": "Goed.",
        },
    )


def test_closing_a_match_tells_the_volunteer_it_ended_in_the_app_and_by_e_mail(
    match, volunteer, coordinator, mailoutbox
):
    with at(START + 60 * DAY):
        _close(coordinator, match)
        assert dispatch.dispatch(inline=True) == 1
    [told] = reminders(rule="match_closed")
    assert (told.object_id, told.recipient, told.due_on) == (
        match.pk,
        volunteer.user,
        START + 60 * DAY,
    )
    assert told.status == Reminder.Status.SENT
    assert [message.to for message in mailoutbox] == [[volunteer.user.email]]
    assert "Bram" in mailoutbox[0].subject


def test_a_volunteer_without_a_log_in_is_not_sent_anything_when_the_match_ends(match, coordinator):
    match.volunteer.user = None
    match.volunteer.first_name = "Vera"
    match.volunteer.save()
    with at(START + 60 * DAY):
        _close(coordinator, match)
    assert reminders(rule="match_closed") == []
