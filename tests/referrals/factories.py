"""Referrals made directly, as the sending side would have made them (synthetic data only)."""

from django.utils import timezone

from accounts.models import Role
from referrals.models import Referral
from tests.factories import MembershipFactory, OrganisationFactory
from workmodels.models import Initiative, WorkModel

FULL_SHARE = {
    "first_name": "Mira",
    "last_name": "Peeters",
    "birth_year": 1961,
    "contact": {"phone": "0470 12 34 56", "email": "mira.peeters@example.org"},
    "languages": ["nl", "fr"],
    "municipality": {"municipality": "Gent", "postcode": "9000"},
    "reason": "Ik zou graag iemand hebben om mee te wandelen.",
    "work_model": "buddy",
    "goal": "Elke week buiten komen.",
}


def initiative_of(organisation, *, buddy: bool = True, name: str = "Buddy Elders") -> Initiative:
    initiative = Initiative.objects.create(
        organisation=organisation, name=name, provider=organisation.name, run_by=organisation
    )
    if buddy:
        initiative.work_models.set(WorkModel.objects.filter(code="buddy"))
    return initiative


def make_referral(
    sender,
    to_organisation,
    *,
    items=("first_name", "reason"),
    shared=None,
    initiative=None,
    participant=None,
    **fields,
) -> Referral:
    """A referral from `sender` (a membership) sharing `items` (values from FULL_SHARE)."""
    initiative = initiative or initiative_of(to_organisation)
    values = shared if shared is not None else {key: FULL_SHARE[key] for key in items}
    return Referral.objects.create(
        organisation=sender.organisation,
        participant=participant,
        sent_by=sender.user,
        initiative=initiative,
        initiative_name=initiative.name,
        to_organisation=to_organisation,
        work_model=WorkModel.objects.get(code="buddy"),
        shared_items=list(items),
        shared=values,
        consent_method="oral",
        consent_given_on=fields.pop("consent_given_on", timezone.localdate()),
        consent_purpose="Een buddy zoeken",
        consent_recorded_by=sender.user,
        **fields,
    )


def member(organisation, role=Role.SOCIAL_WORKER):
    """Someone with `role` in `organisation` (the receiving side's coordinator, volunteer...)."""
    return MembershipFactory(organisation=organisation, role=role)


def third_organisation_worker():
    return member(OrganisationFactory(name="Buurtwerk Derde"))
