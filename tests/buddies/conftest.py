"""Buddy fixtures: an eligible volunteer with a login, a participant with buddy-sharing consent
and a waiting request. Built straight from the models (the services are what the tests test)."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from buddies.engine import slot_mask
from buddies.models import BuddyRequest, Volunteer
from netwerk.dates import add_months
from participants.models import Consent
from tests.factories import MembershipFactory, ParticipantFactory, VolunteerFactory

WED_AFTERNOON = slot_mask([("wed", "afternoon")])


def make_volunteer(organisation, **fields) -> Volunteer:
    """An active volunteer who may be matched, with a volunteer membership to log in with."""
    membership = fields.pop("membership", None) or MembershipFactory(
        organisation=organisation, role=Role.VOLUNTEER
    )
    issued = fields.pop("screening_issued_on", timezone.localdate() - datetime.timedelta(days=30))
    defaults = {
        "languages": ["nl", "ar"],
        "postcode": "9000",
        "municipality": "Gent",
        "max_km": 10,
        "availability": WED_AFTERNOON,
        "capacity": 1,
        "gender": "female",
        "birth_year": 1980,
        "phone": "0470 00 00 00",
        "screening_kind": Volunteer.ScreeningKind.MODEL_1,
        "screening_issued_on": issued,
        "screening_valid_until": add_months(issued, 36) if issued else None,
        "training_sessions": 2,
        "agreement_signed_on": timezone.localdate() - datetime.timedelta(days=20),
        "status": Volunteer.Status.ACTIVE,
    }
    defaults.update(fields)
    return VolunteerFactory(organisation=organisation, user=membership.user, **defaults)


def give_buddy_consent(participant, recorded_by) -> Consent:
    return Consent.objects.create(
        participant=participant,
        purpose=Consent.Purpose.BUDDY_SHARING,
        given_on=timezone.localdate() - datetime.timedelta(days=60),
        method=Consent.Method.WRITTEN,
        recorded_by=recorded_by,
    )


def make_participant(social_worker, *, consent=True, **fields):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        phone="0499 11 22 33",
        **fields,
    )
    for purpose in (Consent.Purpose.FILE,) + ((Consent.Purpose.BUDDY_SHARING,) if consent else ()):
        Consent.objects.create(
            participant=participant,
            purpose=purpose,
            given_on=timezone.localdate() - datetime.timedelta(days=60),
            method=Consent.Method.WRITTEN,
            recorded_by=social_worker.user,
        )
    return participant


def make_request(social_worker, *, participant=None, days_waiting=45, **fields) -> BuddyRequest:
    participant = participant or make_participant(social_worker)
    defaults = {
        "languages": ["ar", "nl"],
        "availability": WED_AFTERNOON,
        "postcode": "9000",
        "waiting_since": timezone.localdate() - datetime.timedelta(days=days_waiting),
    }
    defaults.update(fields)
    return BuddyRequest.objects.create(
        organisation=participant.organisation,
        participant=participant,
        requested_by=social_worker.user,
        **defaults,
    )


@pytest.fixture
def buddy(organisation, volunteer):
    """The `volunteer` role fixture's own eligible profile."""
    return make_volunteer(organisation, membership=volunteer)


@pytest.fixture
def buddy_request(social_worker):
    return make_request(social_worker)
