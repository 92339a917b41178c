"""Signals for the report's tests, made directly (synthetic; no names in any story)."""

import datetime

from django.utils import timezone

from accounts.models import Organisation, Role
from signalling.models import Signal, SignalSharing, SignalTheme
from tests.factories import MembershipFactory, OrganisationFactory

TODAY = timezone.localdate()


def sharing_organisation(municipality: str = "Gent", *, opted_in: bool = True, **kwargs):
    organisation = OrganisationFactory(municipality=municipality, **kwargs)
    SignalSharing.objects.create(organisation=organisation, opted_in=opted_in)
    worker = MembershipFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    return organisation, worker


def analyst(municipality: str = "Gent"):
    organisation = OrganisationFactory(
        municipality=municipality, kind=Organisation.Kind.MUNICIPALITY
    )
    return MembershipFactory(organisation=organisation, role=Role.POLICY_ANALYST)


def record(
    organisation,
    worker,
    code: str = "costs",
    *,
    count: int = 1,
    municipality: str = "Gent",
    on: datetime.date | None = None,
    story: str = "De bus rijdt niet meer na zes uur.",
    **fields,
) -> list[Signal]:
    if code:
        theme = SignalTheme.objects.get(organisation=organisation, code=code)
    else:
        theme = SignalTheme.objects.create(organisation=organisation, name=f"Eigen {code}{count}")
    return Signal.objects.bulk_create(
        [
            Signal(
                organisation=organisation,
                theme=theme,
                municipality=municipality,
                occurred_on=on or TODAY,
                story=story,
                reported_by=worker.user,
                **fields,
            )
            for _ in range(count)
        ]
    )
