"""Organisation settings (validated), sweep idempotence and a query count that does not grow."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from buddies.models import Match
from notifications import services as notifications
from notifications.models import Reminder
from tests.buddies.conftest import make_request

from .conftest import START, at, reminders

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("rule", "intervals", "code"),
    [
        ("no_contact_volunteer", [-3], "negative"),
        ("network_follow_up", [6, 3, 12], "not_increasing"),
        ("network_follow_up", [0, 6], "too_small"),
        ("check_in_due", [], "count"),
    ],
)
def test_bad_intervals_are_refused_with_a_clear_error(org_admin, rule, intervals, code):
    with pytest.raises(ValidationError) as error:
        notifications.rule_setting_update(
            membership=org_admin, rule=rule, enabled=True, intervals=intervals
        )
    assert "intervals" in error.value.message_dict


def test_only_an_org_admin_changes_rule_settings(coordinator):
    with pytest.raises(PermissionDenied):
        notifications.rule_setting_update(
            membership=coordinator, rule="no_contact_volunteer", enabled=False, intervals=[14]
        )


def test_an_organisation_s_own_interval_is_used(org_admin, match):
    notifications.rule_setting_update(
        membership=org_admin, rule="no_contact_volunteer", enabled=True, intervals=[7]
    )
    with at(START + 7 * DAY):
        assert notifications.sweep() == {"no_contact_volunteer": 1}


def test_a_rule_switched_off_creates_nothing_and_resolves_what_was_waiting(org_admin, match):
    with at(START + 14 * DAY):
        notifications.sweep()
    notifications.rule_setting_update(
        membership=org_admin, rule="no_contact_volunteer", enabled=False, intervals=[14]
    )
    with at(START + 15 * DAY):
        notifications.sweep()
    assert reminders(rule="no_contact_volunteer")[0].status == Reminder.Status.RESOLVED


def _more_matches(match, social_worker, count):
    """More active matches of the same volunteer, each with another participant."""
    for _ in range(count):
        request = make_request(social_worker)
        Match.objects.create(
            organisation=match.organisation,
            request=request,
            participant=request.participant,
            volunteer=match.volunteer,
            status=Match.Status.ACTIVE,
            proposed_by=match.proposed_by,
            started_on=START,
        )


def test_a_second_sweep_creates_nothing_and_the_query_count_does_not_grow(match, social_worker):
    def run():
        with at(START + 40 * DAY), CaptureQueriesContext(connection) as queries:
            created = notifications.sweep()
        return created, len(queries)

    created, few = run()
    assert created == {"no_contact_volunteer": 1, "no_contact_coordinator": 1, "check_in_due": 1}
    assert run()[0] == {}
    _more_matches(match, social_worker, 20)
    created, many = run()
    assert created == {
        "no_contact_volunteer": 20,
        "no_contact_coordinator": 20,
        "check_in_due": 20,
    }
    assert many == few
    assert run()[0] == {}


def test_the_sweep_resolves_only_reminders_written_before_it_started(match, coordinator):
    """A reminder an outbox writes while the sweep runs may belong to a change the rules'
    queries did not see: the sweep leaves it for the next run (or the dispatcher's re-check)."""
    from django.utils import timezone

    def orphan(created_at):
        # A check-in reminder for a day the rule never yields: its reason is gone.
        reminder = Reminder.objects.create(
            organisation=match.organisation,
            rule="check_in_due",
            object_type="buddies.match",
            object_id=match.pk,
            due_on=START + (1 if created_at < timezone.now() else 2) * DAY,
            recipient=coordinator.user,
        )
        Reminder.objects.filter(pk=reminder.pk).update(created_at=created_at)
        return reminder

    with at(START + 3 * DAY):
        old = orphan(timezone.now() - DAY)
        new = orphan(timezone.now() + 60 * DAY)
        notifications.sweep()
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, new.status) == (Reminder.Status.RESOLVED, Reminder.Status.PENDING)


def test_the_sweep_writes_nothing_for_someone_who_no_longer_exists(match, monkeypatch):
    # The foreign key would refuse the row: the sweep leaves it out (on every database).
    from notifications import rules

    def due(ctx, object_ids):
        return [rules.Draft(match.organisation_id, match.pk, ctx.today, 10**9, "/")]

    ghost = rules.Rule(
        code="test_ghost", label="-", recipient="-", message="-", object_type="x", due=due
    )
    monkeypatch.setitem(rules._RULES, ghost.code, ghost)
    with at(START):
        assert "test_ghost" not in notifications.sweep()
    assert not Reminder.objects.filter(rule="test_ghost").exists()


def test_the_database_refuses_a_reminder_for_someone_who_no_longer_exists(match):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(
            organisation_id=match.organisation_id,
            rule="test_ghost",
            object_type="x",
            object_id=match.pk,
            due_on=START,
            recipient_id=10**9,
        )
        connection.check_constraints(table_names=[Reminder._meta.db_table])  # deferred checks


def test_a_key_written_twice_falls_back_to_on_conflict(match, coordinator, monkeypatch):
    # The first sweep inserts without ON CONFLICT; a key that turns up twice (or that an outbox
    # writes meanwhile) makes that fail, and ON CONFLICT DO NOTHING takes over.
    from notifications import rules

    def due(ctx, object_ids):
        draft = rules.Draft(match.organisation_id, match.pk, ctx.today, coordinator.user_id, "/")
        return [draft, draft]

    twice = rules.Rule(
        code="test_twice", label="-", recipient="-", message="-", object_type="x", due=due
    )
    monkeypatch.setitem(rules._RULES, twice.code, twice)
    with at(START):
        assert notifications.sweep()["test_twice"] == 1
        assert "test_twice" not in notifications.sweep()
