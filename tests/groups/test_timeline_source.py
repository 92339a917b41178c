"""The file timeline's group-work source: every kind of event, in order, for this participant
only, with real dates and aware timestamps (its statement is written out in SQL)."""

import datetime

import pytest
from django.utils import timezone

from groups import services
from groups.models import GroupMember, MetHereTie, VolunteerPlacement
from groups.selectors.file import _date, _moment, group_work_entries
from participants.models.network import Sector

from .conftest import TODAY, add_members, make_group, make_session

pytestmark = pytest.mark.django_db


def _days(n: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=n)


def test_every_kind_of_group_event_reaches_the_timeline_newest_first(social_worker, facilitator):
    group = make_group(social_worker, facilitators=[facilitator.user], completion_threshold=1)
    member, other = add_members(social_worker, group, 2, joined_on=_days(50))
    present = make_session(facilitator, group, days_ago=40)
    services.attendance_record(membership=facilitator, session=present, present=[member.pk])
    absent = make_session(facilitator, group, days_ago=30, topic="Budget")
    services.attendance_record(membership=facilitator, session=absent, present=[other.pk])
    services.certificate_hand_out(membership=facilitator, member=member, on=_days(25))
    services.member_leave(membership=facilitator, member=member, left_on=_days(20))
    make_session(facilitator, group, days_ago=10)  # after leaving: not theirs
    participant = member.participant
    VolunteerPlacement.objects.create(
        organisation=social_worker.organisation,
        participant=participant,
        where="Kringwinkel",
        what="Kassa",
        since=_days(15),
        ended_on=_days(5),
        hours=3,
        created_by=social_worker.user,
    )
    services.tie_propose(
        membership=social_worker,
        member=GroupMember.objects.get(pk=member.pk),
        label="Zyqa van de groep",
        sector=Sector.FRIENDS,
    )

    entries = group_work_entries(participant, 50)

    kinds = [(entry.change, entry.date) for entry in entries]
    assert kinds == [
        ("tie", TODAY()),
        ("placement_ended", _days(5)),
        ("placement_started", _days(15)),
        ("left", _days(20)),
        ("completed", _days(25)),
        ("session", _days(30)),
        ("session", _days(40)),
        ("joined", _days(50)),
    ]
    sessions = [entry.obj for entry in entries if entry.change == "session"]
    assert [(s.detail, s.present) for s in sessions] == [("Budget", False), ("Kennismaking", True)]
    assert {entry.obj.title for entry in entries if entry.change != "placement_started"} >= {
        "Praatgroep De Brug",
        "Kringwinkel",
    }
    assert all(isinstance(entry.date, datetime.date) for entry in entries)
    assert all(timezone.is_aware(entry.sort_key[1]) for entry in entries)
    assert all(entry.template == "groups/_timeline_entry.html" for entry in entries)
    # The other member's file shows their own events only; the limit is respected.
    assert {e.change for e in group_work_entries(other.participant, 50)} == {"joined", "session"}
    assert len(group_work_entries(participant, 3)) == 3


def test_a_tie_still_proposed_is_not_on_the_timeline(social_worker, facilitator):
    group = make_group(social_worker, facilitators=[facilitator.user])
    (member,) = add_members(social_worker, group, 1)
    services.tie_propose(
        membership=facilitator,
        member=member,
        label="Zyqa van de groep",
        sector=Sector.FRIENDS,
    )
    assert MetHereTie.objects.filter(status=MetHereTie.Status.PROPOSED).count() == 1
    assert [e.change for e in group_work_entries(member.participant, 50)] == ["joined"]


def test_raw_values_from_sqlite_become_dates_and_aware_moments():
    assert _date("2026-03-04") == datetime.date(2026, 3, 4)
    assert _date(datetime.date(2026, 3, 4)) == datetime.date(2026, 3, 4)
    moment = _moment("2026-03-04 10:11:12.000123")
    assert moment == datetime.datetime(2026, 3, 4, 10, 11, 12, 123, tzinfo=datetime.UTC)
    aware = timezone.now()
    assert _moment(aware) is aware


def test_an_end_still_to_come_is_told_as_planned_not_as_past(social_worker, login):
    group = make_group(social_worker)
    [member] = add_members(social_worker, group, 1, joined_on=_days(50))
    VolunteerPlacement.objects.create(
        organisation=social_worker.organisation,
        participant=member.participant,
        where="Kringwinkel",
        what="Kassa",
        since=_days(15),
        ended_on=_days(-30),
        hours=3,
        created_by=social_worker.user,
    )
    page = login(social_worker).get(f"/participants/{member.participant.pk}/").content.decode()
    assert "Stopt met vrijwilligerswerk" in page
    assert "Stopte met vrijwilligerswerk" not in page
