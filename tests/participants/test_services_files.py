"""Rules of the participant file services: who writes, consent first, dates that make sense."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import AuditEvent
from participants import services
from participants.models import Consent, Intervention, Participant

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _intervention(social_worker, participant, model, **extra):
    data = {
        "date": TODAY,
        "duration_minutes": 30,
        "work_model": model,
        "kind": Intervention.Kind.CONVERSATION,
        "took_part": ["participant"],
        **extra,
    }
    return services.intervention_create(
        membership=social_worker, participant=participant, data=data
    )


def test_a_social_worker_opens_a_file_assigned_to_them_and_it_is_audited(social_worker):
    participant = services.participant_create(
        membership=social_worker, data={"first_name": "Samira", "languages": "nl, ar"}
    )
    assert participant.social_worker == social_worker.user
    assert participant.languages == ["ar", "nl"]
    assert participant.reference_code.startswith("P-")
    assert AuditEvent.objects.filter(action="create", object_id=str(participant.pk)).exists()


def test_opening_a_file_with_consent_records_the_consent(social_worker):
    participant = services.participant_create(
        membership=social_worker, data={"first_name": "Jan"}, file_consent_method="written"
    )
    consent = participant.consents.get()
    assert consent.purpose == Consent.Purpose.FILE and consent.method == "written"


def test_no_intervention_without_file_consent(social_worker, intake_only, buddy_model):
    with pytest.raises(ValidationError) as error:
        _intervention(social_worker, intake_only, buddy_model)
    assert error.value.code == "no_file_consent"
    assert not Intervention.objects.exists()


def test_no_goal_or_trajectory_without_file_consent(social_worker, intake_only, buddy_model):
    with pytest.raises(ValidationError):
        services.goal_create(
            membership=social_worker,
            participant=intake_only,
            data={"description": "Meer buiten komen", "work_model": buddy_model},
        )
    with pytest.raises(ValidationError):
        services.trajectory_create(
            membership=social_worker,
            participant=intake_only,
            data={"work_model": buddy_model, "started_on": TODAY},
        )


def test_a_file_becomes_active_only_with_consent(social_worker, intake_only):
    with pytest.raises(ValidationError) as error:
        services.participant_update(
            membership=social_worker, participant=intake_only, data={"status": "active"}
        )
    assert "status" in error.value.message_dict


def test_sensitive_data_needs_file_consent(social_worker, intake_only, participant):
    with pytest.raises(ValidationError) as error:
        services.participant_update(
            membership=social_worker,
            participant=intake_only,
            data={"health_remarks": "astma"},
        )
    assert "health_remarks" in error.value.message_dict
    services.participant_update(
        membership=social_worker, participant=participant, data={"health_remarks": "astma"}
    )


def test_withdrawing_file_consent_stops_new_records_at_once(
    social_worker, participant, buddy_model
):
    _intervention(social_worker, participant, buddy_model)
    consent = participant.consents.get(purpose=Consent.Purpose.FILE)
    services.consent_withdraw(membership=social_worker, consent=consent)
    with pytest.raises(ValidationError):
        _intervention(social_worker, participant, buddy_model)
    assert Intervention.objects.count() == 1


def test_consent_can_be_given_again_after_withdrawal_and_history_is_kept(
    social_worker, participant
):
    consent = participant.consents.get(purpose=Consent.Purpose.FILE)
    services.consent_withdraw(membership=social_worker, consent=consent)
    services.consent_give(
        membership=social_worker,
        participant=participant,
        purpose=Consent.Purpose.FILE,
        given_on=TODAY,
        method="written",
    )
    assert participant.consents.filter(purpose="file").count() == 2


def test_the_same_active_consent_cannot_be_recorded_twice(social_worker, participant):
    with pytest.raises(ValidationError) as error:
        services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose=Consent.Purpose.FILE,
            given_on=TODAY,
            method="oral",
        )
    assert "purpose" in error.value.message_dict


def test_consent_dates_cannot_be_in_the_future_or_before_giving(social_worker, participant):
    with pytest.raises(ValidationError):
        services.consent_give(
            membership=social_worker,
            participant=participant,
            purpose=Consent.Purpose.RESEARCH,
            given_on=TODAY + datetime.timedelta(days=1),
            method="oral",
        )
    consent = participant.consents.get(purpose=Consent.Purpose.FILE)
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            membership=social_worker,
            consent=consent,
            withdrawn_on=consent.given_on - datetime.timedelta(days=1),
        )


def test_only_the_assigned_worker_writes(colleague, org_admin, participant, buddy_model):
    for membership in (colleague, org_admin):
        with pytest.raises(PermissionDenied):
            _intervention(membership, participant, buddy_model)
        with pytest.raises(PermissionDenied):
            services.participant_update(
                membership=membership, participant=participant, data={"first_name": "X"}
            )


def test_a_worker_of_another_organisation_cannot_write(other_org_worker, participant, buddy_model):
    with pytest.raises(PermissionDenied):
        _intervention(other_org_worker, participant, buddy_model)


def test_an_intervention_keeps_the_caseload_dates_true(social_worker, participant, buddy_model):
    earlier = TODAY - datetime.timedelta(days=10)
    first = _intervention(
        social_worker,
        participant,
        buddy_model,
        date=earlier,
        follow_up_on=TODAY + datetime.timedelta(days=7),
    )
    second = _intervention(
        social_worker, participant, buddy_model, follow_up_on=TODAY + datetime.timedelta(days=3)
    )
    participant.refresh_from_db()
    assert participant.last_intervention_on == TODAY
    assert participant.next_follow_up_on == TODAY + datetime.timedelta(days=3)

    services.intervention_follow_up_done(membership=social_worker, intervention=second)
    participant.refresh_from_db()
    assert participant.next_follow_up_on == TODAY + datetime.timedelta(days=7)

    services.intervention_delete(membership=social_worker, intervention=second)
    participant.refresh_from_db()
    assert participant.last_intervention_on == earlier
    services.intervention_follow_up_done(membership=social_worker, intervention=first)
    participant.refresh_from_db()
    assert participant.next_follow_up_on is None


def test_intervention_dates_must_make_sense(social_worker, participant, buddy_model):
    with pytest.raises(ValidationError) as error:
        _intervention(
            social_worker, participant, buddy_model, date=TODAY + datetime.timedelta(days=1)
        )
    assert "date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _intervention(
            social_worker,
            participant,
            buddy_model,
            follow_up_on=TODAY - datetime.timedelta(days=1),
        )
    assert "follow_up_on" in error.value.message_dict


def test_an_intervention_cannot_point_at_another_participants_goal(
    social_worker, participant, buddy_model
):
    from tests.factories import ParticipantFactory

    other = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    services.consent_give(
        membership=social_worker, participant=other, purpose="file", given_on=TODAY, method="oral"
    )
    goal = services.goal_create(
        membership=social_worker,
        participant=other,
        data={"description": "Werk vinden", "work_model": buddy_model},
    )
    with pytest.raises(ValidationError) as error:
        _intervention(social_worker, participant, buddy_model, goal=goal)
    assert "goal" in error.value.message_dict


def test_a_trajectory_ends_after_it_starts_and_ending_sets_the_date(
    social_worker, participant, peer_model
):
    with pytest.raises(ValidationError):
        services.trajectory_create(
            membership=social_worker,
            participant=participant,
            data={
                "work_model": peer_model,
                "started_on": TODAY,
                "ended_on": TODAY - datetime.timedelta(days=1),
                "status": "ended",
            },
        )
    trajectory = services.trajectory_create(
        membership=social_worker,
        participant=participant,
        data={"work_model": peer_model, "started_on": TODAY, "motivation": "Ik wil lotgenoten"},
    )
    services.trajectory_update(
        membership=social_worker, trajectory=trajectory, data={"status": "ended"}
    )
    trajectory.refresh_from_db()
    assert trajectory.ended_on == TODAY
    assert trajectory.history.count() == 2  # the edit history keeps both versions


def test_goals_take_dated_progress_notes(social_worker, participant, buddy_model):
    goal = services.goal_create(
        membership=social_worker,
        participant=participant,
        data={"description": "Elke week iemand spreken", "work_model": buddy_model},
    )
    services.goal_note_add(membership=social_worker, goal=goal, date=TODAY, text="Gaat beter")
    services.goal_update(membership=social_worker, goal=goal, data={"status": "reached"})
    goal.refresh_from_db()
    assert goal.status == "reached" and goal.notes.count() == 1
    with pytest.raises(ValidationError):
        services.goal_note_add(
            membership=social_worker,
            goal=goal,
            date=TODAY + datetime.timedelta(days=2),
            text="Toekomst",
        )


def test_closing_a_file_needs_a_reason_and_gets_a_date(social_worker, participant):
    with pytest.raises(ValidationError) as error:
        services.participant_update(
            membership=social_worker, participant=participant, data={"status": "closed"}
        )
    assert "closed_reason" in error.value.message_dict
    closed = services.participant_update(
        membership=social_worker,
        participant=participant,
        data={"status": "closed", "closed_reason": "Verhuisd"},
    )
    assert closed.closed_on == TODAY
    assert Participant.history.filter(id=participant.pk).count() >= 2


def test_withdrawing_file_consent_clears_sensitive_data_and_pauses_the_file(
    social_worker, participant
):
    services.participant_update(
        membership=social_worker,
        participant=participant,
        data={"status": "active", "health_remarks": "astma", "migration_background": "Syrië"},
    )
    consent = participant.consents.get(purpose=Consent.Purpose.FILE)
    services.consent_withdraw(membership=social_worker, consent=consent)
    participant.refresh_from_db()
    assert participant.health_remarks == "" and participant.migration_background == ""
    assert participant.status == "paused"
    # The intake can still be kept up to date.
    services.participant_update(
        membership=social_worker, participant=participant, data={"phone": "0470 12 34 56"}
    )


def test_a_follow_up_is_done_between_the_intervention_and_today(
    social_worker, participant, buddy_model
):
    intervention = _intervention(
        social_worker, participant, buddy_model, follow_up_on=TODAY + datetime.timedelta(days=3)
    )
    for bad in (TODAY + datetime.timedelta(days=1), TODAY - datetime.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.intervention_follow_up_done(
                membership=social_worker, intervention=intervention, done_on=bad
            )
    intervention.refresh_from_db()
    assert intervention.follow_up_done_on is None
