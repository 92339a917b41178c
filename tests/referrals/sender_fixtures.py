"""Fixtures of the referral tests: a participant with consent to a file, an initiative run by
the other organisation (on Netwerk) and one outside Netwerk, and a third organisation."""

import pytest
from django.utils import timezone

from accounts.models import Role
from participants import services as participant_services
from participants.models import Consent
from tests.factories import MembershipFactory, OrganisationFactory, ParticipantFactory
from workmodels import services as directory
from workmodels.models import WorkModel

__all__ = [
    "buddy_model",
    "on_netwerk",
    "outside",
    "participant",
    "send",
    "third_org_admin",
    "third_org_worker",
]


@pytest.fixture
def participant(social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Amina",
        last_name="Zyxwerhelst",
        phone="0470 12 34 56",
        email="amina@example.org",
        birth_year=1984,
        languages=["nl", "ar"],
        migration_background="Marokko",
        health_remarks="Diabetes",
    )
    participant_services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=timezone.localdate(),
        method=Consent.Method.ORAL,
    )
    return participant


@pytest.fixture
def buddy_model(db):
    return WorkModel.objects.get(code="buddy")


@pytest.fixture
def on_netwerk(other_org_admin, buddy_model):
    """An initiative the other organisation enters and runs: referrals arrive in its inbox."""
    return directory.initiative_create(
        membership=other_org_admin,
        data={
            "name": "Buddy Elders",
            "provider": "OCMW Elders",
            "run_by": other_org_admin.organisation,
        },
        work_models=[buddy_model],
    )


@pytest.fixture
def outside(social_worker, buddy_model):
    """An initiative of an organisation that is not on Netwerk, with a contact address."""
    return directory.initiative_create(
        membership=social_worker,
        data={
            "name": "Praatcafé De Brug",
            "provider": "vzw De Brug",
            "contact": "Kerkstraat 1, Gent · 09 123 45 67",
            "contact_email": "info@debrug.example",
        },
        work_models=[buddy_model],
    )


@pytest.fixture
def third_org_admin(db):
    return MembershipFactory(
        organisation=OrganisationFactory(name="Derde vzw"), role=Role.ORG_ADMIN
    )


@pytest.fixture
def third_org_worker(db):
    return MembershipFactory(
        organisation=OrganisationFactory(name="Vierde vzw"), role=Role.SOCIAL_WORKER
    )


@pytest.fixture
def send(social_worker, participant):
    """Send a referral with sensible defaults; keyword arguments override them."""
    from referrals.services.sending import referral_send

    def _send(initiative, **overrides):
        data = {
            "membership": social_worker,
            "participant": participant,
            "initiative": initiative,
            "shared_items": [],
            "reason": "Ik wil iemand om mee te wandelen.",
            "consent_method": Consent.Method.ORAL,
            "consent_given_on": timezone.localdate(),
            "consent_purpose": "Een buddy zoeken",
        }
        data.update(overrides)
        return referral_send(**data)

    return _send
