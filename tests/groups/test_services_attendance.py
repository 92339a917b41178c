"""Attendance rules, the completion rule and the three-missed-sessions signal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups import services
from groups.models import Attendance, AttendanceSignal

from .conftest import add_members, make_group, make_participant, make_session

pytestmark = pytest.mark.django_db


def test_attendance_saves_who_came_and_the_extra_attendees(facilitator, session, members):
    services.attendance_record(
        membership=facilitator, session=session, present=[members[0].pk], extra_attendees=2
    )
    session.refresh_from_db()
    assert session.attendance_taken and session.extra_attendees == 2
    assert set(Attendance.objects.values_list("member_id", flat=True)) == {members[0].pk}
    # Saving again replaces the list.
    services.attendance_record(
        membership=facilitator, session=session, present=[members[1].pk, members[2].pk]
    )
    assert set(Attendance.objects.values_list("member_id", flat=True)) == {
        members[1].pk,
        members[2].pk,
    }


def test_attendance_for_a_non_member_saves_nothing(
    social_worker, facilitator, session, members, other_group
):
    stranger = add_members(social_worker, other_group, 1)[0]
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            membership=facilitator,
            session=session,
            present=[members[0].pk, stranger.pk],
            extra_attendees=3,
        )
    assert "present" in error.value.error_dict
    session.refresh_from_db()
    assert not Attendance.objects.exists()
    assert not session.attendance_taken and session.extra_attendees == 0
    with pytest.raises(ValidationError):
        services.attendance_toggle(
            membership=facilitator, session=session, member=stranger, present=True
        )


def test_someone_who_joined_after_the_session_was_not_expected(social_worker, facilitator, group):
    old = make_session(facilitator, group, days_ago=10)
    late = services.member_add(
        membership=social_worker, group=group, participant=make_participant(social_worker)
    )
    with pytest.raises(ValidationError):
        services.attendance_record(membership=facilitator, session=old, present=[late.pk])


def test_no_attendance_for_a_session_in_the_future(facilitator, group, members):
    future = make_session(facilitator, group, days_ago=-3)
    with pytest.raises(ValidationError):
        services.attendance_record(membership=facilitator, session=future, present=[])


def test_only_the_group_facilitators_take_attendance(
    other_facilitator, social_worker, coordinator, session, members
):
    for outsider in (other_facilitator, social_worker, coordinator):
        with pytest.raises(PermissionDenied):
            services.attendance_record(membership=outsider, session=session, present=[])
        with pytest.raises(PermissionDenied):
            services.attendance_toggle(
                membership=outsider, session=session, member=members[0], present=True
            )


def test_a_tap_saves_one_presence_at_once(facilitator, session, members):
    assert services.attendance_toggle(
        membership=facilitator, session=session, member=members[0], present=True
    )
    services.attendance_toggle(
        membership=facilitator, session=session, member=members[0], present=True
    )
    assert Attendance.objects.count() == 1
    services.attendance_toggle(
        membership=facilitator, session=session, member=members[0], present=False
    )
    assert not Attendance.objects.exists()


def _take(facilitator, group, days_ago, present):
    session = make_session(facilitator, group, days_ago=days_ago)
    services.attendance_record(
        membership=facilitator, session=session, present=[m.pk for m in present]
    )
    return session


def test_missing_three_sessions_in_a_row_raises_a_signal(facilitator, group, members):
    away, *others = members
    _take(facilitator, group, 30, members)
    _take(facilitator, group, 20, others)
    _take(facilitator, group, 10, others)
    assert not AttendanceSignal.objects.exists()
    third = _take(facilitator, group, 5, others)
    signal = AttendanceSignal.objects.get()
    assert (signal.member, signal.participant, signal.last_session) == (
        away,
        away.participant,
        third,
    )
    assert signal.resolved_on is None
    # Another missed session does not raise a second one.
    _take(facilitator, group, 4, others)
    assert AttendanceSignal.objects.count() == 1


def test_an_untaken_session_is_not_a_missed_one(facilitator, group, members):
    _away, *others = members
    _take(facilitator, group, 30, others)
    make_session(facilitator, group, days_ago=20)  # attendance never taken
    _take(facilitator, group, 10, others)
    assert not AttendanceSignal.objects.exists()


def test_coming_back_resolves_the_signal_and_the_facilitator_can_resolve_it(
    facilitator, group, members
):
    _away, *others = members
    for days_ago in (30, 20, 10):
        _take(facilitator, group, days_ago, others)
    assert AttendanceSignal.objects.filter(resolved_on__isnull=True).count() == 1
    _take(facilitator, group, 5, members)
    assert not AttendanceSignal.objects.filter(resolved_on__isnull=True).exists()
    # Three more missed: a new signal; the facilitator reached out and resolves it.
    for days_ago in (4, 3, 2):
        _take(facilitator, group, days_ago, others)
    signal = AttendanceSignal.objects.get(resolved_on__isnull=True)
    services.signal_resolve(membership=facilitator, signal=signal)
    signal.refresh_from_db()
    assert signal.resolved_by == facilitator.user
    # One more missed session is not "three more in a row".
    _take(facilitator, group, 1, others)
    assert not AttendanceSignal.objects.filter(resolved_on__isnull=True).exists()


def test_a_course_is_completed_with_enough_sessions_and_the_certificate(social_worker, facilitator):
    course = make_group(
        social_worker,
        facilitators=[facilitator.user],
        kind="course",
        work_model_code="competence",
        completion_threshold=2,
    )
    diligent, absent = add_members(social_worker, course, 2)
    _take(facilitator, course, 20, [diligent])
    with pytest.raises(ValidationError, match="1 van de 2"):
        services.certificate_hand_out(membership=facilitator, member=diligent)
    _take(facilitator, course, 10, [diligent])
    services.certificate_hand_out(membership=facilitator, member=diligent)
    diligent.refresh_from_db()
    assert diligent.certificate_on is not None
    with pytest.raises(ValidationError):
        services.certificate_hand_out(membership=facilitator, member=absent)


def test_a_group_without_a_completion_rule_hands_out_no_certificate(facilitator, members):
    with pytest.raises(ValidationError, match="geen regel voor afronding"):
        services.certificate_hand_out(membership=facilitator, member=members[0])
