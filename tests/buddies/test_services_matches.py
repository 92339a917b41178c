"""The match lifecycle, proposals and follow-up: what is allowed, what is refused."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from buddies import selectors, services
from buddies.models import BuddyRequest, Match, MatchEvent, Volunteer
from participants.models import NetworkMember

from .conftest import make_participant, make_request, make_volunteer

pytestmark = pytest.mark.django_db
S = Match.Status
TODAY = timezone.localdate()


@pytest.fixture
def proposed(coordinator, buddy, buddy_request):
    return services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)


def _intro(coordinator, match):
    """An introduction held yesterday, so that the match may start today."""
    return services.match_plan_intro(
        membership=coordinator,
        match=match,
        intro_at=timezone.now() - datetime.timedelta(days=1),
        intro_place="Bibliotheek De Krook",
    )


def _to(coordinator, match, status):
    if status == S.PROPOSED:
        return match
    match = _intro(coordinator, match)
    if status == S.INTRO_PLANNED:
        return match
    match = services.match_activate(membership=coordinator, match=match)
    if status == S.ACTIVE:
        return match
    match = services.match_start_closing(membership=coordinator, match=match)
    if status == S.CLOSING:
        return match
    return services.match_close(membership=coordinator, match=match, data=_closing())


def _closing(**extra):
    return {
        "close_reason": Match.CloseReason.COMPLETED,
        "evaluation_volunteer": "Fijn.",
        "evaluation_participant": "Goed gedaan.",
        **extra,
    }


def test_approving_a_suggestion_makes_a_proposal_with_its_reasons(proposed, buddy_request):
    assert proposed.status == S.PROPOSED
    assert proposed.score > 0
    assert proposed.explanation["contributions"]
    buddy_request.refresh_from_db()
    assert buddy_request.status == BuddyRequest.Status.MATCHED
    assert list(proposed.events.values_list("from_status", "to_status")) == [("", S.PROPOSED)]


def test_the_whole_lifecycle_keeps_its_history(coordinator, proposed):
    match = _to(coordinator, proposed, S.CLOSED)
    assert match.status == S.CLOSED
    assert list(match.events.values_list("to_status", flat=True)) == [
        S.PROPOSED,
        S.INTRO_PLANNED,
        S.ACTIVE,
        S.CLOSING,
        S.CLOSED,
    ]
    assert BuddyRequest.objects.get(pk=match.request_id).status == BuddyRequest.Status.CLOSED


ACTIONS = {
    "plan_intro": lambda c, m: _intro(c, m),
    "activate": lambda c, m: services.match_activate(membership=c, match=m),
    "start_closing": lambda c, m: services.match_start_closing(membership=c, match=m),
    "close": lambda c, m: services.match_close(membership=c, match=m, data=_closing()),
    "decline": lambda c, m: services.match_decline(
        membership=c, match=m, side=Match.Side.VOLUNTEER, reason="Geen klik"
    ),
}


@pytest.mark.parametrize("status", [S.PROPOSED, S.INTRO_PLANNED, S.ACTIVE, S.CLOSING, S.CLOSED])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_each_transition_is_allowed_only_from_its_statuses(coordinator, proposed, status, action):
    match = _to(coordinator, proposed, status)
    allowed_from, target = services.TRANSITIONS[action]
    if status in allowed_from:
        assert ACTIONS[action](coordinator, match).status == target
    else:
        with pytest.raises(ValidationError):
            ACTIONS[action](coordinator, match)
        match.refresh_from_db()
        assert match.status == status


def test_a_declined_proposal_records_who_and_why_and_the_request_waits_again(
    coordinator, proposed, buddy, buddy_request
):
    match = ACTIONS["decline"](coordinator, proposed)
    assert (match.declined_side, match.declined_by, match.decline_reason) == (
        Match.Side.VOLUNTEER,
        coordinator.user,
        "Geen klik",
    )
    buddy_request.refresh_from_db()
    assert buddy_request.status == BuddyRequest.Status.WAITING
    with pytest.raises(ValidationError) as error:
        services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)
    assert error.value.code == "blocked"


def test_declining_without_a_reason_changes_nothing(coordinator, proposed):
    with pytest.raises(ValidationError):
        services.match_decline(membership=coordinator, match=proposed, side="volunteer", reason=" ")
    proposed.refresh_from_db()
    assert proposed.status == S.PROPOSED


def test_a_suggestion_set_aside_is_not_proposed_again(coordinator, buddy, buddy_request):
    services.suggestion_decline(
        membership=coordinator, request=buddy_request, volunteer=buddy, reason="Te ver"
    )
    with pytest.raises(ValidationError):
        services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)


def test_approving_when_the_volunteer_became_unavailable_changes_nothing(
    coordinator, buddy, buddy_request
):
    Volunteer.objects.filter(pk=buddy.pk).update(status=Volunteer.Status.PAUSING)
    with pytest.raises(ValidationError) as error:
        services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)
    assert error.value.code == "not_eligible"
    assert not Match.objects.exists()
    buddy_request.refresh_from_db()
    assert buddy_request.status == BuddyRequest.Status.WAITING


def test_a_full_volunteer_cannot_be_proposed(coordinator, social_worker, proposed, buddy):
    other = make_request(social_worker)
    with pytest.raises(ValidationError) as error:
        services.match_propose(membership=coordinator, request=other, volunteer=buddy)
    assert error.value.code == "no_capacity"


def test_a_bad_ending_blocks_the_pair_for_a_new_request(
    coordinator, social_worker, proposed, buddy
):
    match = _to(coordinator, proposed, S.CLOSING)
    services.match_close(membership=coordinator, match=match, data=_closing(ended_badly=True))
    again = make_request(social_worker, participant=match.participant)
    with pytest.raises(ValidationError):
        services.match_propose(membership=coordinator, request=again, volunteer=buddy)


def test_closing_needs_a_reason_and_both_evaluations(coordinator, proposed):
    match = _to(coordinator, proposed, S.CLOSING)
    with pytest.raises(ValidationError) as error:
        services.match_close(membership=coordinator, match=match, data={})
    assert set(error.value.message_dict) == {
        "close_reason",
        "evaluation_volunteer",
        "evaluation_participant",
    }


def test_only_coordinators_and_org_admins_move_matches(
    proposed, social_worker, volunteer, other_org_admin
):
    for membership in (social_worker, volunteer, other_org_admin):
        with pytest.raises(PermissionDenied):
            _intro(membership, proposed)


def test_activation_puts_the_buddy_on_the_network_map_and_closing_takes_it_off(
    coordinator, proposed, buddy
):
    match = _to(coordinator, proposed, S.ACTIVE)
    member = NetworkMember.objects.get(buddy_match_id=match.pk)
    assert member.participant_id == match.participant_id
    assert member.label == buddy.user.get_short_name()
    services.match_start_closing(membership=coordinator, match=match)
    services.match_close(membership=coordinator, match=match, data=_closing())
    assert not NetworkMember.objects.filter(buddy_match_id=match.pk).exists()


def test_the_volunteer_logs_contacts_on_their_own_open_match(volunteer, proposed):
    log = services.contact_log_create(
        membership=volunteer,
        match=proposed,
        data={"what_we_did": "Koffie", "worried": True, "worry_note": "Slaapt slecht"},
    )
    assert log.date == TODAY and log.worried


def test_a_worry_note_without_the_flag_is_refused(volunteer, proposed):
    with pytest.raises(ValidationError):
        services.contact_log_create(
            membership=volunteer, match=proposed, data={"worry_note": "iets"}
        )


def test_another_volunteer_cannot_log_on_someone_elses_match(organisation, proposed):
    other = make_volunteer(organisation)
    membership = other.user.memberships.get()
    with pytest.raises(PermissionDenied):
        services.contact_log_create(membership=membership, match=proposed, data={})


def test_check_ins_are_for_running_matches(coordinator, proposed):
    data = {"volunteer_side": "good", "participant_side": "ok", "notes": ""}
    with pytest.raises(ValidationError):
        services.check_in_create(membership=coordinator, match=proposed, data=data)
    match = _to(coordinator, proposed, S.ACTIVE)
    assert services.check_in_create(membership=coordinator, match=match, data=data).pk


def test_a_request_needs_buddy_sharing_consent(social_worker):
    participant = make_participant(social_worker, consent=False)
    with pytest.raises(ValidationError) as error:
        services.buddy_request_create(
            membership=social_worker,
            participant=participant,
            data={"availability": 1, "languages": ["nl"]},
        )
    assert error.value.code == "no_buddy_consent"


def test_only_the_own_social_worker_requests_a_buddy(social_worker, colleague, coordinator):
    participant = make_participant(social_worker)
    for membership in (colleague, coordinator):
        with pytest.raises(PermissionDenied):
            services.buddy_request_create(
                membership=membership, participant=participant, data={"availability": 1}
            )
    request = services.buddy_request_create(
        membership=social_worker, participant=participant, data={"availability": 1}
    )
    assert request.languages == participant.languages
    with pytest.raises(ValidationError):
        services.buddy_request_create(
            membership=social_worker, participant=participant, data={"availability": 1}
        )


def test_capacity_cannot_go_below_open_matches(coordinator, proposed, buddy):
    with pytest.raises(ValidationError) as error:
        services.volunteer_update(membership=coordinator, volunteer=buddy, data={"capacity": 0})
    assert "capacity" in error.value.message_dict
    buddy.refresh_from_db()
    assert buddy.capacity == 1


def test_the_screening_end_follows_the_organisation_rule(org_admin, coordinator, buddy):
    buddy = services.volunteer_update(
        membership=coordinator,
        volunteer=buddy,
        data={"screening_issued_on": datetime.date(2025, 1, 31)},
    )
    assert buddy.screening_valid_until == datetime.date(2028, 1, 31)
    services.buddy_settings_update(membership=org_admin, data={"screening_valid_months": 13})
    buddy.refresh_from_db()
    assert buddy.screening_valid_until == datetime.date(2026, 2, 28)


def test_only_the_org_admin_changes_the_weights(org_admin, coordinator):
    with pytest.raises(PermissionDenied):
        services.buddy_settings_update(membership=coordinator, data={"weight_age": 2})
    settings = services.buddy_settings_update(membership=org_admin, data={"weight_age": 2})
    assert selectors.weights_of(settings).age == 2
    with pytest.raises(ValidationError):
        services.buddy_settings_update(
            membership=org_admin,
            data={
                f"weight_{c}": 0
                for c in (
                    "interests",
                    "availability",
                    "distance",
                    "age",
                    "lived_experience",
                    "waiting",
                )
            },
        )


def test_a_volunteer_changes_only_their_own_availability(volunteer, buddy, organisation):
    services.volunteer_update(membership=volunteer, volunteer=buddy, data={"availability": 3})
    with pytest.raises(PermissionDenied):
        services.volunteer_update(membership=volunteer, volunteer=buddy, data={"capacity": 3})
    other = make_volunteer(organisation)
    with pytest.raises(PermissionDenied):
        services.volunteer_update(membership=volunteer, volunteer=other, data={"availability": 3})


def test_events_have_the_actor(coordinator, proposed):
    assert MatchEvent.objects.get(match=proposed).actor == coordinator.user
