"""The attendance page, the group page and the file's timeline use a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups import services
from participants.selectors.timeline import timeline_page

from .conftest import TODAY, add_members, make_group, make_session

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _setup(social_worker, facilitator, size):
    group = make_group(social_worker, facilitators=[facilitator.user])
    members = add_members(social_worker, group, size)
    for days_ago in (3, 2):
        session = make_session(facilitator, group, days_ago=days_ago)
        services.attendance_record(
            membership=facilitator, session=session, present=[m.pk for m in members[::2]]
        )
    return group, make_session(facilitator, group), members


def test_the_attendance_and_group_pages_do_not_grow_with_the_members(
    login, social_worker, facilitator, colleague
):
    counts = {}
    for size in (5, 40):
        group, session, _members = _setup(social_worker, facilitator, size)
        client = login(facilitator)
        counts[size] = (
            _count(client, f"/groups/sessions/{session.pk}/"),
            _count(client, f"/groups/{group.pk}/"),
            _count(client, "/groups/figures/"),
        )
    assert counts[5] == counts[40]
    assert counts[5][0] <= 12


def test_the_timeline_runs_one_query_per_source_however_long_the_file(social_worker, facilitator):
    group, _session, members = _setup(social_worker, facilitator, 2)
    few = members[0].participant
    consents_few = list(few.consents.all())
    with CaptureQueriesContext(connection) as short:
        page_few = timeline_page(few, consents=consents_few)
    # A long history for the second member: many sessions, a placement.
    for days_ago in range(40, 4, -1):
        session = make_session(facilitator, group, days_ago=days_ago)
        services.attendance_record(membership=facilitator, session=session, present=[members[1].pk])
    services.placement_create(
        membership=social_worker,
        participant=members[1].participant,
        data={
            "where": "Kringwinkel",
            "what": "Kassa",
            "since": TODAY() - datetime.timedelta(days=30),
            "hours": 3,
            "per": "week",
            "status": "active",
        },
    )
    many = members[1].participant
    consents_many = list(many.consents.all())
    with CaptureQueriesContext(connection) as long:
        page_many = timeline_page(many, 2, consents=consents_many)
    assert len(short) == len(long)
    # Three sources of participants, one (a UNION) of groups, one of buddies, the hand-overs,
    # the referrals sent from the file and the safety flags.
    assert len(long) == 8
    changes = {entry.change for entry in page_few.entries if entry.kind == "group_work"}
    assert changes == {"session", "joined"}
    assert page_many.has_previous
    assert all(e.template for e in page_many.entries if e.kind == "group_work")
