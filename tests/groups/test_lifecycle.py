"""Stopping with a group (confirmed, dated, undone), deleting a group, enrolling before a course
starts, completion by attendance with an override, and the neighbourhood's visits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent
from groups import services
from groups.models import Group, GroupMember
from groups.selectors.figures import group_figures

from .conftest import TODAY, add_members, make_group, make_participant, make_session

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _take(facilitator, group, days_ago, present):
    session = make_session(facilitator, group, days_ago=days_ago)
    services.attendance_record(
        membership=facilitator, session=session, present=[m.pk for m in present]
    )
    return session


# -- stopping with the group ------------------------------------------------------------------


def test_stopped_with_the_group_asks_first_and_changes_nothing_on_opening(
    login, facilitator, group, members
):
    member = members[0]
    response = login(facilitator).get(f"/groups/{group.pk}/members/{member.pk}/leave/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "blijft" in page and "ongedaan" in page  # what stays, and that it can be undone
    member.refresh_from_db()
    assert member.left_on is None


def test_a_member_who_stopped_stays_in_the_list_with_the_date(login, facilitator, group, members):
    member = members[0]
    client = login(facilitator)
    stopped_on = TODAY() - 2 * DAY
    response = client.post(
        f"/groups/{group.pk}/members/{member.pk}/leave/", {"left_on": stopped_on.isoformat()}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == stopped_on
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert member.participant.first_name in page
    assert f"gestopt op {stopped_on.day}-{stopped_on.month}-{stopped_on.year}" in page


def test_stopping_in_the_future_or_before_joining_is_refused(login, facilitator, group, members):
    member = members[0]
    client = login(facilitator)
    for day in (TODAY() + DAY, member.joined_on - DAY):
        response = client.post(
            f"/groups/{group.pk}/members/{member.pk}/leave/", {"left_on": day.isoformat()}
        )
        assert response.status_code == 400
    member.refresh_from_db()
    assert member.left_on is None


def test_undo_makes_them_a_member_again_with_their_attendance(facilitator, group, members):
    member = members[0]
    session = _take(facilitator, group, 3, [member])
    services.member_leave(membership=facilitator, member=member)
    services.member_rejoin(membership=facilitator, member=member)
    member.refresh_from_db()
    assert member.left_on is None
    assert member.attendances.filter(session=session).exists()


def test_only_those_who_run_the_group_stop_or_undo(
    login, social_worker, coordinator, other_facilitator, group, members
):
    member = members[0]
    for outsider in (social_worker, coordinator, other_facilitator):
        client = login(outsider)
        assert client.get(f"/groups/{group.pk}/members/{member.pk}/leave/").status_code == 404
        assert client.post(f"/groups/{group.pk}/members/{member.pk}/rejoin/").status_code == 404
        with pytest.raises(PermissionDenied):
            services.member_rejoin(membership=outsider, member=member)


# -- deleting a group -------------------------------------------------------------------------


def test_a_group_without_history_is_deleted_after_a_confirmation_that_says_what_goes(
    login, org_admin, social_worker, facilitator
):
    group = make_group(social_worker, facilitators=[facilitator.user])
    add_members(social_worker, group, 2)
    make_session(facilitator, group, days_ago=-3)  # planned, not held
    client = login(org_admin)
    page = client.get(f"/groups/{group.pk}/delete/").content.decode()
    assert "2 leden" in page and "1 geplande sessie" in page
    assert Group.objects.filter(pk=group.pk).exists()
    assert client.post(f"/groups/{group.pk}/delete/")["Location"] == "/groups/"
    assert not Group.objects.filter(pk=group.pk).exists()
    assert not GroupMember.objects.filter(group_id=group.pk).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.DELETE, object_type="groups.group", object_id=str(group.pk)
    ).exists()


def test_a_group_with_attendance_is_kept_and_the_page_offers_an_end_date(
    login, org_admin, facilitator, group, members
):
    _take(facilitator, group, 2, members)
    client = login(org_admin)
    page = client.get(f"/groups/{group.pk}/delete/").content.decode()
    assert "einddatum" in page
    response = client.post(f"/groups/{group.pk}/delete/")
    assert response.status_code == 400
    assert Group.objects.filter(pk=group.pk).exists()


def test_volunteers_and_staff_who_do_not_run_it_cannot_delete_a_group(
    login, facilitator, social_worker, coordinator, group
):
    for outsider in (facilitator, social_worker, coordinator):
        client = login(outsider)
        assert client.get(f"/groups/{group.pk}/delete/").status_code == 404
        assert client.post(f"/groups/{group.pk}/delete/").status_code == 404
    assert Group.objects.filter(pk=group.pk).exists()


def test_a_staff_facilitator_deletes_their_own_group_without_history(login, social_worker):
    group = make_group(social_worker)  # the creator runs it
    assert login(social_worker).post(f"/groups/{group.pk}/delete/").status_code == 302
    assert not Group.objects.filter(pk=group.pk).exists()


# -- courses: enrolling, completing -----------------------------------------------------------


def _course(social_worker, facilitator, **rule):
    return make_group(
        social_worker,
        facilitators=[facilitator.user],
        kind="course",
        work_model_code="competence",
        **rule,
    )


def test_people_enrol_before_the_course_starts(social_worker, facilitator):
    course = _course(social_worker, facilitator, starts_on=TODAY() + 10 * DAY)
    member = services.member_add(
        membership=social_worker, group=course, participant=make_participant(social_worker)
    )
    assert member.joined_on == course.starts_on


def test_a_share_rule_completes_members_once_the_course_ended(social_worker, facilitator):
    course = _course(
        social_worker,
        facilitator,
        starts_on=TODAY() - 30 * DAY,
        ends_on=TODAY() - DAY,
        completion_percent=75,
    )
    diligent, sometimes = add_members(social_worker, course, 2)
    for days_ago in (28, 21, 14, 7):
        _take(facilitator, course, days_ago, [diligent] if days_ago == 7 else [diligent, sometimes])
    figures = group_figures(facilitator).per_group[0]
    assert (figures.completed, figures.with_completion_rule) == (2, 2)  # 4/4 and 3/4: 75 %
    services.member_leave(membership=facilitator, member=sometimes, left_on=TODAY() - 10 * DAY)
    figures = group_figures(facilitator).per_group[0]
    assert figures.completion_rate == 100  # 3 of the 3 sessions while a member


def test_completion_follows_attendance_without_a_certificate(social_worker, facilitator):
    course = _course(social_worker, facilitator, completion_threshold=2)
    came, _missed = add_members(social_worker, course, 2)
    _take(facilitator, course, 20, [came])
    _take(facilitator, course, 10, [came])
    figures = group_figures(facilitator).per_group[0]
    assert figures.completion_rate == 50


def test_a_facilitator_overrides_completion_and_it_says_who_and_when(
    login, social_worker, facilitator
):
    course = _course(social_worker, facilitator, completion_threshold=5)
    member = add_members(social_worker, course, 1)[0]
    client = login(facilitator)
    response = client.post(
        f"/groups/{course.pk}/members/{member.pk}/completion/", {"completed": "yes"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.completion_override is True and member.completion_set_by == facilitator.user
    assert group_figures(facilitator).per_group[0].completion_rate == 100
    page = client.get(f"/groups/{course.pk}/").content.decode()
    assert "met de hand beslist" in page
    client.post(f"/groups/{course.pk}/members/{member.pk}/completion/", {"completed": "rule"})
    member.refresh_from_db()
    assert member.completion_override is None
    assert group_figures(facilitator).per_group[0].completion_rate == 0


def test_one_completion_rule_at_a_time(social_worker, facilitator):
    with pytest.raises(ValidationError):
        _course(social_worker, facilitator, completion_threshold=3, completion_percent=75)


def test_only_those_who_run_the_group_decide_completion(
    login, social_worker, coordinator, group, members
):
    for outsider in (social_worker, coordinator):
        response = login(outsider).post(
            f"/groups/{group.pk}/members/{members[0].pk}/completion/", {"completed": "yes"}
        )
        assert response.status_code == 404
    members[0].refresh_from_db()
    assert members[0].completion_override is None


# -- neighbourhood figures --------------------------------------------------------------------


def test_neighbourhood_figures_add_up_the_visits_not_the_biggest_session(
    social_worker, facilitator
):
    group = make_group(
        social_worker,
        facilitators=[facilitator.user],
        kind="neighbourhood",
        reached_without_file=40,
    )
    members = add_members(social_worker, group, 2)
    for days_ago, extra in ((9, 12), (5, 30)):
        session = make_session(facilitator, group, days_ago=days_ago)
        services.attendance_record(
            membership=facilitator, session=session, present=[members[0].pk], extra_attendees=extra
        )
    figures = group_figures(facilitator).per_group[0]
    assert figures.visits == (1 + 12) + (1 + 30)
    assert figures.reached_without_file == 40
