"""The quarterly prompt: once per organisation per quarter, to its org admin, only when it had
signals last quarter; exactly once however often the sweep runs."""

import datetime

import pytest

from notifications import services as notifications
from notifications.models import Reminder
from tests.notifications.conftest import at

from .conftest import record

pytestmark = pytest.mark.django_db
RULE = "signals_quarterly_review"


def test_a_new_quarter_asks_the_org_admin_once_to_review_last_quarters_signals(
    social_worker, org_admin, other_org_admin
):
    with at(datetime.date(2026, 3, 10)):
        record(social_worker)
        assert notifications.sweep().get(RULE) is None  # nothing last quarter
    with at(datetime.date(2026, 4, 2)):
        assert notifications.sweep().get(RULE) == 1
        assert notifications.sweep().get(RULE) is None  # exactly once
    reminder = Reminder.objects.get(rule=RULE)
    assert reminder.recipient == org_admin.user
    assert reminder.object_id == social_worker.organisation_id
    assert reminder.due_on == datetime.date(2026, 4, 1)
    assert reminder.link.endswith("?quarter=2026-Q1")
    with at(datetime.date(2026, 7, 1)):
        notifications.sweep()
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.RESOLVED  # the quarter is over
    assert not Reminder.objects.filter(rule=RULE, due_on=datetime.date(2026, 7, 1)).exists()
