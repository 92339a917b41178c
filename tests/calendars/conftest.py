"""A small world for calendar feeds: a volunteer's match with a planned introduction, a running
match, a social worker's follow-ups, a group with sessions; every record carries a planted
surname, address and note that no feed may show."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from buddies.models import Match
from calendars import services
from groups.models import Group, GroupSession
from participants.models import Intervention
from tests.buddies.conftest import make_participant, make_request, make_volunteer
from workmodels.models import WorkModel

SURNAME = "Zwartenbroekx"
ADDRESS = "Kouter 99, 9000 Gent"
NOTE = "Geheime notitie over de schulden"
DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def person(social_worker, first_name):
    return make_participant(
        social_worker, first_name=first_name, last_name=SURNAME, address=ADDRESS
    )


def make_match(social_worker, coordinator, volunteer, first_name, **fields):
    participant = person(social_worker, first_name)
    request = make_request(social_worker, participant=participant)
    buddy = fields.pop("buddy", None) or make_volunteer(
        social_worker.organisation, membership=volunteer
    )
    defaults = {
        "status": Match.Status.ACTIVE,
        "intro_place": ADDRESS,
        "agreements": NOTE,
        "started_on": today() - 20 * DAY,
    }
    defaults.update(fields)
    return Match.objects.create(
        organisation=social_worker.organisation,
        request=request,
        participant=participant,
        volunteer=buddy,
        proposed_by=coordinator.user,
        **defaults,
    )


@pytest.fixture
def world(social_worker, coordinator, volunteer):
    """Rita: introduction in three days (planned). Bram: running, intro 20 days ago, next
    meeting in a week. Cas: declined, intro tomorrow (cancelled)."""
    intro_at = timezone.now().replace(microsecond=0, second=0) + 3 * DAY
    rita = make_match(
        social_worker,
        coordinator,
        volunteer,
        "Rita",
        status=Match.Status.INTRO_PLANNED,
        intro_at=intro_at,
        started_on=None,
        next_meeting_on=timezone.localdate(intro_at),
    )
    buddy = rita.volunteer
    bram = make_match(
        social_worker,
        coordinator,
        volunteer,
        "Bram",
        buddy=buddy,
        intro_at=timezone.now() - 20 * DAY,
        next_meeting_on=today() + 7 * DAY,
    )
    cas = make_match(
        social_worker,
        coordinator,
        volunteer,
        "Cas",
        buddy=buddy,
        status=Match.Status.DECLINED,
        intro_at=timezone.now() + DAY,
        started_on=None,
    )
    model = WorkModel.objects.get(code="buddy")
    intervention = Intervention.objects.create(
        participant=bram.participant,
        date=today() - 5 * DAY,
        work_model=model,
        kind=Intervention.Kind.CONVERSATION,
        summary=NOTE,
        duration_minutes=60,
        follow_up_on=today() + 10 * DAY,
        author=social_worker.user,
    )
    group = Group.objects.create(
        organisation=social_worker.organisation,
        name="Kookclub",
        kind=Group.Kind.PEER_GROUP,
        work_model=model,
        place=ADDRESS,
        starts_on=today() - 30 * DAY,
        created_by=coordinator.user,
    )
    group.facilitators.add(volunteer.user, social_worker.user)
    session = GroupSession.objects.create(
        group=group,
        date=today() + 2 * DAY,
        starts_at=datetime.time(14),
        ends_at=datetime.time(16),
        topic=NOTE,
        created_by=coordinator.user,
    )
    return {
        "rita": rita,
        "bram": bram,
        "cas": cas,
        "intervention": intervention,
        "group": group,
        "session": session,
    }


def read_feed(membership, client=None) -> tuple[icalendar.Calendar, bytes]:
    _feed, token = services.feed_create(membership=membership)
    return fetch(token, client)


def fetch(token, client=None):
    response = (client or Client()).get(f"/calendar/feed/{token}.ics")
    assert response.status_code == 200, response.status_code
    return icalendar.Calendar.from_ical(response.content), response.content


def events(calendar) -> dict[str, icalendar.Event]:
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}
