import datetime

import pytest
from django.utils import timezone

from signalling import services
from signalling.models import SignalTheme
from signalling.selectors import Source

TODAY = timezone.localdate


def theme(organisation, code="transport") -> SignalTheme:
    return SignalTheme.objects.get(organisation=organisation, code=code)


def record(membership, *, source=None, days_ago=3, code="transport", **data):
    fields = {
        "theme": theme(membership.organisation, code),
        "municipality": "Gent",
        "occurred_on": TODAY() - datetime.timedelta(days=days_ago),
        "story": "De bus naar het dienstencentrum rijdt niet meer na zes uur.",
        **data,
    }
    return services.signal_record(
        membership=membership, source=source or Source("standalone"), data=fields
    )


@pytest.fixture
def signal(social_worker):
    return record(social_worker)
