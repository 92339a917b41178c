"""Rules about participant files: each creates the right reminder for the right person at the
right time, and resolves when its reason goes away."""

import datetime

import pytest

from notifications import services as notifications
from notifications.models import Reminder
from participants import services
from participants.models import Agreement, FamilyPlan, Instrument, Measurement, NetworkSnapshot

from .conftest import START, at, reminders

pytestmark = pytest.mark.django_db
PENDING, RESOLVED = Reminder.Status.PENDING, Reminder.Status.RESOLVED


def _intervention(social_worker, participant, conversation, **data):
    return services.intervention_create(
        membership=social_worker,
        participant=participant,
        data={
            "date": START,
            "duration_minutes": 30,
            "work_model": conversation,
            "kind": "conversation",
            **data,
        },
    )


def test_a_follow_up_date_writes_a_reminder_for_the_author_in_the_same_transaction(
    social_worker, participant, conversation
):
    with at(START):
        intervention = _intervention(
            social_worker, participant, conversation, follow_up_on=START + datetime.timedelta(7)
        )
    [reminder] = reminders(rule="intervention_follow_up")
    assert (reminder.object_id, reminder.due_on) == (intervention.pk, START + datetime.timedelta(7))
    assert reminder.recipient == social_worker.user
    assert reminder.status == PENDING
    assert reminder.link == f"/participants/{participant.pk}/"


def test_moving_the_follow_up_date_resolves_the_old_reminder_and_writes_a_new_one(
    social_worker, participant, conversation
):
    with at(START):
        intervention = _intervention(
            social_worker, participant, conversation, follow_up_on=START + datetime.timedelta(7)
        )
        services.intervention_update(
            membership=social_worker,
            intervention=intervention,
            data={"follow_up_on": START + datetime.timedelta(14)},
        )
    old, new = reminders(rule="intervention_follow_up")
    assert (old.status, new.status) == (RESOLVED, PENDING)
    assert new.due_on == START + datetime.timedelta(14)


def test_doing_or_deleting_the_follow_up_resolves_its_reminder(
    social_worker, participant, conversation
):
    with at(START):
        done = _intervention(social_worker, participant, conversation, follow_up_on=START)
        deleted = _intervention(social_worker, participant, conversation, follow_up_on=START)
        services.intervention_follow_up_done(membership=social_worker, intervention=done)
        services.intervention_delete(membership=social_worker, intervention=deleted)
    assert {r.status for r in reminders(rule="intervention_follow_up")} == {RESOLVED}


def test_the_sweep_catches_follow_ups_the_outbox_never_saw(
    social_worker, participant, conversation
):
    with at(START):
        intervention = _intervention(social_worker, participant, conversation)
    # Written before reminders existed (an import, an old row): only the sweep sees it.
    type(intervention).objects.filter(pk=intervention.pk).update(follow_up_on=START)
    with at(START + datetime.timedelta(1)):
        assert notifications.sweep() == {"intervention_follow_up": 1}
        assert notifications.sweep() == {}


def test_network_map_follow_ups_fall_3_6_and_12_months_after_the_baseline(
    social_worker, participant
):
    NetworkSnapshot.objects.create(
        participant=participant, taken_on=START, kind="baseline", created_by=social_worker.user
    )
    with at(datetime.date(2025, 6, 2)):
        assert notifications.sweep() == {}
    with at(datetime.date(2025, 6, 3)):
        assert notifications.sweep() == {"network_follow_up": 1}
    [reminder] = reminders(rule="network_follow_up")
    assert (reminder.due_on, reminder.recipient) == (datetime.date(2025, 6, 3), social_worker.user)
    NetworkSnapshot.objects.create(
        participant=participant,
        taken_on=datetime.date(2025, 6, 10),
        kind="follow_up",
        created_by=social_worker.user,
    )
    with at(datetime.date(2025, 6, 10)):
        notifications.sweep()
    assert reminders(rule="network_follow_up")[0].status == RESOLVED
    with at(datetime.date(2025, 9, 3)):
        assert notifications.sweep() == {"network_follow_up": 1}


def test_measurement_follow_ups_resolve_when_a_new_measurement_is_taken(social_worker, participant):
    instrument = Instrument.objects.get(code="lsns6")

    def measure(day):
        Measurement.objects.create(
            participant=participant,
            instrument=instrument,
            instrument_version=instrument.version,
            taken_on=day,
            recorded_by=social_worker.user,
        )

    measure(START)
    with at(datetime.date(2025, 6, 3)):
        assert notifications.sweep() == {"measurement_follow_up": 1}
        measure(datetime.date(2025, 6, 3))
        notifications.sweep()
    assert [r.status for r in reminders(rule="measurement_follow_up")] == [RESOLVED]


def test_family_plan_evaluation_and_overdue_agreements_go_to_the_social_worker(
    social_worker, participant
):
    plan = FamilyPlan.objects.create(
        participant=participant,
        kind="conference",
        held_on=START,
        evaluation_on=START + datetime.timedelta(28),
        created_by=social_worker.user,
    )
    agreement = Agreement.objects.create(
        plan=plan, what="Boodschappen", due_on=START + datetime.timedelta(10)
    )
    with at(START + datetime.timedelta(10)):
        assert notifications.sweep() == {}
    with at(START + datetime.timedelta(11)):
        assert notifications.sweep() == {"family_plan_agreement": 1}
    with at(START + datetime.timedelta(28)):
        assert notifications.sweep() == {"family_plan_evaluation": 1}
        Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.DONE)
        FamilyPlan.objects.filter(pk=plan.pk).update(evaluated_on=START + datetime.timedelta(28))
        notifications.sweep()
    assert {r.recipient for r in reminders()} == {social_worker.user}
    assert {r.status for r in reminders()} == {RESOLVED}


def test_closed_files_get_no_follow_up_reminders(social_worker, participant, conversation):
    NetworkSnapshot.objects.create(
        participant=participant, taken_on=START, kind="baseline", created_by=social_worker.user
    )
    participant.status = "closed"
    participant.closed_on = START
    participant.save()
    with at(datetime.date(2026, 6, 1)):
        assert notifications.sweep() == {}


def test_the_org_admin_hears_a_month_before_a_closed_file_is_anonymised(
    social_worker, org_admin, participant
):
    from participants.models import Participant

    Participant.objects.filter(pk=participant.pk).update(
        status="closed", closed_on=datetime.date(2020, 3, 10), closed_reason="Verhuisd"
    )
    # Five years' retention ends on 2025-03-10: the notice comes 30 days before.
    with at(datetime.date(2025, 2, 7)):
        assert notifications.sweep() == {}
    with at(datetime.date(2025, 2, 8)):
        assert notifications.sweep() == {"retention_notice": 1}
        assert notifications.sweep() == {}
    [reminder] = reminders(rule="retention_notice")
    assert reminder.recipient_id == org_admin.user_id
    assert reminder.due_on == datetime.date(2025, 2, 8)
