"""The receiving side's services: open, accept (new file, link, buddy request), decline, steps."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import AuditEvent, Role
from buddies.models import BuddyRequest
from participants.models import Consent, Participant
from referrals.models import Referral, ReferralStep
from referrals.selectors.inbox import (
    decline_reason_display,
    inbox_waiting_count,
    possible_duplicates,
    shared_person,
)
from referrals.services import receiving
from tests.factories import ParticipantFactory

from .factories import make_referral, member, third_organisation_worker

pytestmark = pytest.mark.django_db
ALL = ("first_name", "last_name", "birth_year", "contact", "languages", "municipality", "reason")
TODAY = timezone.localdate()


def _accept(referral, membership, worker, **kwargs):
    return receiving.referral_accept(
        membership=membership,
        referral=referral,
        social_worker=worker,
        consent_method="oral",
        consent_given_on=TODAY,
        **kwargs,
    )


def test_opening_a_sent_referral_records_received_once(social_worker, other_org_worker):
    referral = make_referral(social_worker, other_org_worker.organisation)
    receiving.referral_open(membership=other_org_worker, referral=referral)
    receiving.referral_open(membership=other_org_worker, referral=referral)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert list(referral.steps.values_list("status", flat=True)) == ["received"]
    # Both trails: the step in the sender's and the receiver's organisation.
    for organisation in (social_worker.organisation, other_org_worker.organisation):
        assert AuditEvent.objects.filter(
            organisation=organisation, object_type="referrals.referral", action="update"
        ).exists()


def test_the_sender_cannot_act_as_receiver(social_worker, other_org_worker):
    referral = make_referral(social_worker, other_org_worker.organisation)
    with pytest.raises(PermissionDenied):
        receiving.referral_open(membership=social_worker, referral=referral)
    with pytest.raises(PermissionDenied):
        _accept(referral, social_worker, social_worker)


def test_receiving_volunteers_researchers_and_third_organisations_cannot_act(
    social_worker, other_org_worker
):
    referral = make_referral(social_worker, other_org_worker.organisation)
    receiving_org = other_org_worker.organisation
    for membership in (
        member(receiving_org, Role.VOLUNTEER),
        member(receiving_org, Role.RESEARCHER),
        third_organisation_worker(),
    ):
        with pytest.raises(PermissionDenied):
            receiving.referral_decline(membership=membership, referral=referral, reason="no_place")


def test_accepting_opens_a_file_with_only_what_was_shared_and_its_own_consent(
    social_worker, other_org_worker
):
    receiver_coordinator = member(other_org_worker.organisation, Role.COORDINATOR)
    referral = make_referral(
        social_worker, other_org_worker.organisation, items=("first_name", "reason", "contact")
    )
    referral = _accept(referral, receiver_coordinator, other_org_worker)
    file = referral.received_participant
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.handled_by == receiver_coordinator.user
    assert file.organisation == other_org_worker.organisation
    assert file.social_worker == other_org_worker.user
    assert (file.first_name, file.phone, file.email) == (
        "Mira",
        "+32470123456",  # stored in E.164
        "mira.peeters@example.org",
    )
    assert file.last_name == "" and file.birth_year is None  # not shared
    consent = file.consents.get()
    assert (
        consent.purpose == Consent.Purpose.FILE and consent.recorded_by == receiver_coordinator.user
    )
    assert AuditEvent.objects.filter(
        organisation=other_org_worker.organisation,
        object_type="participants.participant",
        object_id=str(file.pk),
        action="create",
    ).exists()


def test_accepting_twice_is_refused_and_creates_nothing_more(social_worker, other_org_worker):
    referral = make_referral(social_worker, other_org_worker.organisation)
    _accept(referral, other_org_worker, other_org_worker)
    with pytest.raises(ValidationError, match="al een antwoord"):
        _accept(referral, other_org_worker, other_org_worker)
    assert Participant.objects.filter(organisation=other_org_worker.organisation).count() == 1


def test_accepting_after_withdrawal_is_refused_with_the_date(social_worker, other_org_worker):
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        consent_given_on=TODAY - datetime.timedelta(days=3),
        consent_withdrawn_on=TODAY,
        consent_withdrawal_recorded_by=social_worker.user,
    )
    with pytest.raises(ValidationError, match="toestemming ingetrokken op"):
        _accept(referral, other_org_worker, other_org_worker)
    assert not Participant.objects.filter(organisation=other_org_worker.organisation).exists()
    # Declining stays possible.
    receiving.referral_decline(
        membership=other_org_worker, referral=referral, reason="participant_declined"
    )


def test_a_possible_duplicate_is_found_and_linked_instead_of_a_second_file(
    social_worker, other_org_worker
):
    receiver_coordinator = member(other_org_worker.organisation, Role.COORDINATOR)
    existing = ParticipantFactory(
        organisation=other_org_worker.organisation,
        social_worker=other_org_worker.user,
        first_name="mira",
        last_name="PEETERS",
        birth_year=1961,
    )
    ParticipantFactory(
        organisation=social_worker.organisation,
        first_name="Mira",
        last_name="Peeters",
        birth_year=1961,
    )  # the sender's: never offered
    referral = make_referral(social_worker, other_org_worker.organisation, items=ALL)
    # A coordinator sees no files, but must learn of the duplicate: the organisation-wide look-up.
    assert [d.participant.pk for d in possible_duplicates(referral)] == [existing.pk]
    referral = receiving.referral_accept(
        membership=receiver_coordinator, referral=referral, link_to=existing
    )
    assert referral.received_participant == existing
    assert Participant.objects.filter(organisation=other_org_worker.organisation).count() == 1


def test_only_a_found_duplicate_may_be_linked(social_worker, other_org_worker):
    unrelated = ParticipantFactory(organisation=other_org_worker.organisation, first_name="Jan")
    referral = make_referral(social_worker, other_org_worker.organisation, items=ALL)
    with pytest.raises(ValidationError):
        receiving.referral_accept(membership=other_org_worker, referral=referral, link_to=unrelated)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT and referral.received_participant is None


def test_same_phone_is_a_duplicate_whatever_its_separators(social_worker, other_org_worker):
    ParticipantFactory(
        organisation=other_org_worker.organisation, first_name="X", phone="+32470123456"
    )
    referral = make_referral(social_worker, other_org_worker.organisation, items=ALL)
    assert len(possible_duplicates(referral)) == 1


def test_accepting_into_a_buddy_request_ready_for_matching(social_worker, other_org_worker):
    receiver_coordinator = member(other_org_worker.organisation, Role.COORDINATOR)
    referral = make_referral(social_worker, other_org_worker.organisation, items=ALL)
    referral = _accept(referral, receiver_coordinator, other_org_worker, buddy_request=True)
    request = BuddyRequest.objects.get(participant=referral.received_participant)
    assert request.organisation == other_org_worker.organisation
    assert request.status == BuddyRequest.Status.WAITING
    assert sorted(request.languages) == ["fr", "nl"]
    assert (request.municipality, request.postcode) == ("Gent", "9000")
    assert request.availability > 0
    purposes = set(referral.received_participant.consents.values_list("purpose", flat=True))
    assert purposes == {Consent.Purpose.FILE, Consent.Purpose.BUDDY_SHARING}


def test_a_buddy_request_needs_an_organisation_that_does_buddy_work(
    social_worker, other_org_worker
):
    referral = make_referral(social_worker, other_org_worker.organisation, items=ALL)
    # No coordinator in the receiving organisation: nobody would match.
    with pytest.raises(ValidationError):
        _accept(referral, other_org_worker, other_org_worker, buddy_request=True)
    assert not Participant.objects.filter(organisation=other_org_worker.organisation).exists()


def test_a_failing_buddy_request_rolls_the_whole_acceptance_back(social_worker, other_org_worker):
    receiver_coordinator = member(other_org_worker.organisation, Role.COORDINATOR)
    referral = make_referral(social_worker, other_org_worker.organisation)  # no languages
    with pytest.raises(ValidationError):
        _accept(referral, receiver_coordinator, other_org_worker, buddy_request=True)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    assert not Participant.objects.filter(organisation=other_org_worker.organisation).exists()


def test_the_file_goes_only_to_an_active_social_worker_of_the_receiving_organisation(
    social_worker, other_org_worker
):
    receiver_coordinator = member(other_org_worker.organisation, Role.COORDINATOR)
    referral = make_referral(social_worker, other_org_worker.organisation)
    with pytest.raises((ValidationError, PermissionDenied)):
        _accept(referral, other_org_worker, receiver_coordinator)  # not a social worker
    with pytest.raises((ValidationError, PermissionDenied)):
        _accept(referral, other_org_worker, social_worker)  # the sender's organisation


def test_decline_needs_a_reason_and_text_for_another_reason(social_worker, other_org_worker):
    referral = make_referral(social_worker, other_org_worker.organisation)
    with pytest.raises(ValidationError):
        receiving.referral_decline(membership=other_org_worker, referral=referral, reason="")
    with pytest.raises(ValidationError):
        receiving.referral_decline(membership=other_org_worker, referral=referral, reason="other")
    referral = receiving.referral_decline(
        membership=other_org_worker, referral=referral, reason="no_place", text="Vol tot maart."
    )
    assert referral.status == Referral.Status.DECLINED
    assert decline_reason_display(referral.decline_reason).endswith("Vol tot maart.")
    assert referral.steps.get(status="declined").note == "Vol tot maart."
    with pytest.raises(ValidationError):
        _accept(referral, other_org_worker, other_org_worker)


def test_first_contact_and_end_follow_acceptance(social_worker, other_org_worker):
    referral = make_referral(social_worker, other_org_worker.organisation)
    with pytest.raises(ValidationError):  # not accepted yet
        receiving.referral_report_step(
            membership=other_org_worker, referral=referral, status="first_contact"
        )
    _accept(referral, other_org_worker, other_org_worker)
    with pytest.raises(ValidationError):
        receiving.referral_report_step(
            membership=other_org_worker,
            referral=referral,
            status="first_contact",
            happened_on=TODAY + datetime.timedelta(days=1),
        )
    receiving.referral_report_step(
        membership=other_org_worker, referral=referral, status="first_contact", note="Goed gesprek"
    )
    receiving.referral_report_step(membership=other_org_worker, referral=referral, status="ended")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ENDED
    assert list(
        ReferralStep.objects.filter(referral=referral).values_list("status", flat=True)
    ) == [
        "accepted",
        "first_contact",
        "ended",
    ]
    with pytest.raises(ValidationError):
        receiving.referral_report_step(
            membership=other_org_worker, referral=referral, status="ended"
        )


def test_shared_person_holds_only_chosen_items_even_if_the_copy_holds_more(
    social_worker, other_org_worker
):
    referral = make_referral(
        social_worker,
        other_org_worker.organisation,
        items=("first_name", "reason"),
        shared={
            "first_name": "Mira",
            "reason": "x",
            "last_name": "Geheim",
            "contact": {"phone": "1"},
        },
    )
    assert shared_person(referral) == {"first_name": "Mira"}


def test_the_waiting_count_is_one_query(social_worker, other_org_worker, django_assert_num_queries):
    make_referral(social_worker, other_org_worker.organisation)
    done = make_referral(social_worker, other_org_worker.organisation)
    receiving.referral_decline(membership=other_org_worker, referral=done, reason="no_place")
    with django_assert_num_queries(1):
        assert inbox_waiting_count(other_org_worker) == 1
    assert inbox_waiting_count(social_worker) == 0
