"""The invitation e-mails of an introduction and a group session carry the event as an `.ics`
file, with the same UID as in the calendar feed (so a calendar holds it once)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from buddies import services as buddy_services
from buddies.models import Match
from groups import services as group_services
from notifications import dispatch
from tests.factories import MembershipFactory

from .conftest import ADDRESS, DAY, NOTE, SURNAME, events, make_match, read_feed, today

pytestmark = pytest.mark.django_db


def sent_calendars():
    found = []
    for message in mail.outbox:
        for name, content, mimetype in message.attachments:
            assert name == "netwerk.ics" and mimetype.startswith("text/calendar")
            text = content if isinstance(content, str) else content.decode()
            found.append((message, icalendar.Calendar.from_ical(text), text))
    return found


def deliver():
    while dispatch.dispatch(inline=True):
        pass


def test_planning_an_introduction_sends_the_volunteer_an_ics_with_the_feeds_uid(
    social_worker, coordinator, volunteer, django_capture_on_commit_callbacks
):
    match = make_match(
        social_worker, coordinator, volunteer, "Rita", status=Match.Status.PROPOSED, started_on=None
    )
    intro_at = (timezone.now() + 4 * DAY).replace(second=0, microsecond=0)
    with django_capture_on_commit_callbacks(execute=False):
        buddy_services.match_plan_intro(
            membership=coordinator, match=match, intro_at=intro_at, intro_place=ADDRESS
        )
    deliver()
    [(message, calendar, content)] = sent_calendars()
    assert message.to == [volunteer.user.email]
    assert str(calendar["method"]) == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Kennismaking met Rita"
    assert event.decoded("dtstart") == intro_at
    text = content.replace("\r\n ", "")
    for secret in (SURNAME, "Kouter", NOTE):
        assert secret not in text
    feed = events(read_feed(volunteer)[0])
    assert str(feed["Kennismaking met Rita"]["uid"]) == str(event["uid"])


def test_planning_a_session_invites_the_other_facilitators_with_an_ics(
    social_worker, coordinator, volunteer, django_capture_on_commit_callbacks
):
    from groups.models import Group
    from workmodels.models import WorkModel

    group = Group.objects.create(
        organisation=coordinator.organisation,
        name="Kookclub",
        kind=Group.Kind.PEER_GROUP,
        work_model=WorkModel.objects.get(code="peer"),
        place=ADDRESS,
        starts_on=today() - 30 * DAY,
        created_by=coordinator.user,
    )
    group.facilitators.add(coordinator.user, volunteer.user)
    with django_capture_on_commit_callbacks(execute=False):
        session = group_services.session_create(
            membership=coordinator,
            group=group,
            data={
                "date": today() + 3 * DAY,
                "starts_at": datetime.time(19),
                "ends_at": datetime.time(21),
                "topic": NOTE,
            },
        )
        # A session in the past invites nobody.
        group_services.session_create(
            membership=coordinator, group=group, data={"date": today() - DAY}
        )
    deliver()
    [(message, calendar, content)] = sent_calendars()
    assert message.to == [volunteer.user.email]  # not the coordinator who planned it
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Groepssessie Kookclub"
    assert NOTE not in content.replace("\r\n ", "")
    feed = events(read_feed(volunteer)[0])
    assert str(feed["Groepssessie Kookclub"]["uid"]) == str(event["uid"])
    assert str(event["uid"]).startswith(f"group-session-{session.pk}@")


def test_a_volunteer_without_a_log_in_gets_no_invitation(
    social_worker, coordinator, volunteer, django_capture_on_commit_callbacks
):
    match = make_match(
        social_worker, coordinator, volunteer, "Rita", status=Match.Status.PROPOSED, started_on=None
    )
    match.volunteer.user = None
    match.volunteer.save()
    with django_capture_on_commit_callbacks(execute=False):
        buddy_services.match_plan_intro(
            membership=coordinator, match=match, intro_at=timezone.now() + DAY, intro_place="Hier"
        )
    deliver()
    assert sent_calendars() == []
    assert MembershipFactory  # the factory module loads (used by the other tests' fixtures)
