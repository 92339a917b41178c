import pytest
from django.utils import timezone

from participants import services
from participants.models import Consent
from tests.factories import ParticipantFactory
from workmodels.models import WorkModel


@pytest.fixture
def buddy_model(db):
    return WorkModel.objects.get(code="buddy")


@pytest.fixture
def peer_model(db):
    return WorkModel.objects.get(code="peer")


@pytest.fixture
def participant(social_worker):
    """On the social worker's caseload, with consent to keep a file."""
    participant = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=timezone.localdate(participant.created_at),
        method=Consent.Method.ORAL,
    )
    return participant


@pytest.fixture
def intake_only(social_worker):
    """On the caseload, but without consent to a file yet."""
    return ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        status="intake",
    )
