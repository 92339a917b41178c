import datetime

import pytest
from django.utils import timezone

from groups.models import Group, GroupMember
from participants.models import Consent
from tests.factories import ParticipantFactory
from workmodels.models import WorkModel


def give_contact_consent(participant, by, purpose=Consent.Purpose.CONTACT):
    return Consent.objects.create(
        participant=participant,
        purpose=purpose,
        given_on=timezone.localdate(),
        method=Consent.Method.ORAL,
        recorded_by=by,
    )


@pytest.fixture
def reachable(social_worker):
    """A participant of the social worker's caseload who agreed to contact by SMS."""
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Amélie",
        phone="+32470123456",
        email="amelie@example.org",
        address="Kerkstraat 1",
    )
    give_contact_consent(participant, social_worker.user)
    give_contact_consent(participant, social_worker.user, Consent.Purpose.FILE)
    return participant


def make_group(membership, members):
    group = Group.objects.create(
        organisation=membership.organisation,
        name="Praatgroep",
        kind=Group.Kind.choices[0][0],
        work_model=WorkModel.objects.first(),
        starts_on=datetime.date(2026, 1, 5),
        created_by=membership.user,
    )
    group.facilitators.add(membership.user)
    for participant in members:
        GroupMember.objects.create(
            group=group,
            participant=participant,
            joined_on=datetime.date(2026, 1, 5),
            added_by=membership.user,
        )
    return group
