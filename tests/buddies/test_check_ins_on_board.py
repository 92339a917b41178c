"""Check-ins due show on the match board, not only in the bell."""

import datetime

import pytest
from django.utils import timezone

from buddies import services
from buddies.models import Match
from buddies.models.match import HowItWent

from .conftest import make_request, make_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(coordinator, social_worker, organisation):
    request = make_request(social_worker)
    return Match.objects.create(
        organisation=organisation,
        request=request,
        participant=request.participant,
        volunteer=make_volunteer(organisation),
        status=Match.Status.ACTIVE,
        started_on=timezone.localdate() - datetime.timedelta(days=20),
        proposed_by=coordinator.user,
    )


def test_a_check_in_due_shows_on_the_board_with_its_date(login, coordinator, running):
    due = running.started_on + datetime.timedelta(days=14)
    text = login(coordinator).get("/buddies/matches/").content.decode()
    assert "Opvolggesprekken te doen" in text
    assert f"sinds {due.day}-{due.month}-{due.year}" in text


def test_a_check_in_held_takes_it_off_the_board(login, coordinator, running):
    services.check_in_create(
        membership=coordinator,
        match=running,
        data={"volunteer_side": HowItWent.values[0], "participant_side": HowItWent.values[0]},
    )
    text = login(coordinator).get("/buddies/matches/").content.decode()
    assert "check-ins-heading" not in text


def test_a_new_match_has_no_check_in_due_yet(login, coordinator, running):
    Match.objects.filter(pk=running.pk).update(started_on=timezone.localdate())
    text = login(coordinator).get("/buddies/matches/").content.decode()
    assert "check-ins-heading" not in text
