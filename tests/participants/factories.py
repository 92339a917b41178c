"""Factories for what is inside a participant file, and small helpers for the API tests.

Records are made straight in the database (no services, no audit) so tests start from a known
state; the behaviour under test always goes through the API and so through the services.
"""

import datetime

import factory
from django.utils import timezone
from rest_framework.test import APIClient

from participants.models import Consent, Goal, GoalNote, Intervention, Participant, Trajectory
from tests.factories import ParticipantFactory, UserFactory
from workmodels.models import WorkModel

TODAY = timezone.localdate()
A_MONTH_AGO = TODAY - datetime.timedelta(days=30)


def work_model(code: str = "buddy") -> WorkModel:
    return WorkModel.objects.get(code=code)


def _writer(record) -> object:
    return record.participant.social_worker or UserFactory()


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    purpose = Consent.Purpose.FILE
    given_on = A_MONTH_AGO
    method = Consent.Method.ORAL
    recorded_by = factory.LazyAttribute(_writer)


class TrajectoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trajectory

    participant = factory.SubFactory(ParticipantFactory)
    work_model = factory.LazyFunction(work_model)
    motivation = "Ik wil iemand om mee te wandelen."
    started_on = A_MONTH_AGO
    created_by = factory.LazyAttribute(_writer)


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    participant = factory.SubFactory(ParticipantFactory)
    work_model = factory.LazyFunction(work_model)
    description = "Eén keer per week iemand zien."
    created_by = factory.LazyAttribute(_writer)


class GoalNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoalNote

    goal = factory.SubFactory(GoalFactory)
    date = A_MONTH_AGO
    text = "Eerste afspraak gehad."
    author = factory.LazyAttribute(lambda note: _writer(note.goal))


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    participant = factory.SubFactory(ParticipantFactory)
    date = A_MONTH_AGO
    duration_minutes = 45
    work_model = factory.LazyFunction(work_model)
    kind = Intervention.Kind.CONVERSATION
    took_part = factory.LazyFunction(lambda: [Intervention.TookPart.PARTICIPANT])
    summary = "Gesprek over wat zij graag doet."
    author = factory.LazyAttribute(_writer)


def file_for(membership, *, consent: bool = True, **fields) -> Participant:
    """A file on this social worker's caseload, with active file consent unless told not."""
    fields.setdefault("status", Participant.Status.ACTIVE if consent else "intake")
    participant = ParticipantFactory(
        organisation=membership.organisation, social_worker=membership.user, **fields
    )
    if consent:
        ConsentFactory(participant=participant)
    return participant


def api_as(membership) -> APIClient:
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def enable_team_access(membership) -> None:
    membership.organisation.team_access = True
    membership.organisation.save(update_fields=["team_access"])
