"""Attendance taken offline by a volunteer facilitator: the queued sheet arrives through
/offline/sync/; sending it twice leaves the same sheet; another group's sheet is refused."""

import json
import uuid

import pytest
from django.test import Client

from groups.models import Attendance

from .conftest import add_members, make_group, make_session

pytestmark = pytest.mark.django_db


def _sync(membership, entries):
    client = Client(enforce_csrf_checks=True)
    client.force_login(membership.user)
    token = client.get("/offline/sync/").json()["csrf_token"]
    response = client.post(
        "/offline/sync/",
        json.dumps({"entries": entries}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 200
    return response.json()["results"]


def _sheet(session, present, extra="2"):
    return {
        "id": str(uuid.uuid4()),
        "kind": "attendance",
        "target": session.pk,
        "fields": {"present": [str(m.pk) for m in present], "extra_attendees": extra},
    }


def test_a_queued_attendance_sheet_is_saved_once(facilitator, members, session):
    entry = _sheet(session, members[:2])
    assert [r["status"] for r in _sync(facilitator, [entry])] == ["saved"]
    assert [r["status"] for r in _sync(facilitator, [entry])] == ["saved"]
    assert Attendance.objects.filter(session=session).count() == 2
    session.refresh_from_db()
    assert session.extra_attendees == 2


def test_another_groups_sheet_is_refused(facilitator, social_worker, other_facilitator):
    theirs = make_group(social_worker, facilitators=[other_facilitator.user], name="Buurtsoep")
    members = add_members(social_worker, theirs, 2)
    session = make_session(other_facilitator, theirs, days_ago=1)
    [result] = _sync(facilitator, [_sheet(session, members)])
    assert result["status"] == "refused"
    assert "Buurtsoep" not in result["message"]
    assert not Attendance.objects.exists()


def test_a_sheet_for_a_session_in_the_future_is_refused_in_words(facilitator, group, members):
    session = make_session(facilitator, group, days_ago=-3)
    [result] = _sync(facilitator, [_sheet(session, members)])
    assert result["status"] == "refused"
    assert result["message"]
    assert not Attendance.objects.exists()
