"""Group work fixtures: a peer group run by a facilitator (a volunteer), with members from the
social worker's caseload, and helpers to make more."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from groups import services
from groups.models import Group, GroupSession
from participants import services as participant_services
from participants.models import Consent
from tests.factories import MembershipFactory, ParticipantFactory
from workmodels.models import WorkModel

TODAY = timezone.localdate


def make_participant(social_worker, **fields):
    participant = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user, **fields
    )
    participant_services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=timezone.localdate(participant.created_at),
        method=Consent.Method.ORAL,
    )
    return participant


def make_group(creator, facilitators=(), **fields) -> Group:
    data = {
        "name": "Praatgroep De Brug",
        "kind": Group.Kind.PEER_GROUP,
        "work_model": WorkModel.objects.get(code=fields.pop("work_model_code", "peer")),
        "starts_on": TODAY() - datetime.timedelta(days=60),
        "language": "nl",
        **fields,
    }
    return services.group_create(membership=creator, data=data, facilitators=facilitators)


def add_members(social_worker, group, count, *, joined_on=None):
    return [
        services.member_add(
            membership=social_worker,
            group=group,
            participant=make_participant(social_worker),
            joined_on=joined_on or group.starts_on,
        )
        for _ in range(count)
    ]


def make_session(facilitator, group, days_ago=0, **fields) -> GroupSession:
    return services.session_create(
        membership=facilitator,
        group=group,
        data={
            "date": TODAY() - datetime.timedelta(days=days_ago),
            "topic": "Kennismaking",
            **fields,
        },
    )


@pytest.fixture
def facilitator(organisation):
    """A volunteer who facilitates the group."""
    return MembershipFactory(organisation=organisation, role=Role.VOLUNTEER)


@pytest.fixture
def other_facilitator(organisation):
    """A volunteer who facilitates another group of the same organisation."""
    return MembershipFactory(organisation=organisation, role=Role.VOLUNTEER)


@pytest.fixture
def group(social_worker, facilitator):
    return make_group(social_worker, facilitators=[facilitator.user])


@pytest.fixture
def other_group(social_worker, other_facilitator):
    return make_group(social_worker, facilitators=[other_facilitator.user], name="Buurtsoep")


@pytest.fixture
def members(social_worker, group):
    return add_members(social_worker, group, 3)


@pytest.fixture
def session(facilitator, group):
    return make_session(facilitator, group, days_ago=1)
