"""The selector that feeds the engine: the arrays equal what the models say."""

import datetime
import math

import pytest
from django.utils import timezone

from buddies.engine import slot_mask
from buddies.models import Match, Volunteer
from buddies.selectors.matching import LANGUAGE_BITS, language_mask, matching_input
from buddies.selectors.proposals import batch_proposal, pair_check, suggestions_for
from buddies.services import interest_tag_create

from .conftest import WED_AFTERNOON, make_request, make_volunteer

pytestmark = pytest.mark.django_db


def _columns(organisation, **kwargs):
    return matching_input(
        organisation_id=organisation.pk, volunteers=Volunteer.objects.all(), **kwargs
    )


def test_an_eligible_volunteer_is_eligible_with_their_capacity(organisation, buddy, buddy_request):
    data = _columns(organisation)
    assert data.volunteers.eligible.tolist() == [True]
    assert data.volunteers.capacity.tolist() == [1]
    assert data.volunteers.languages[0] == language_mask(["nl", "ar"])
    assert data.volunteers.availability[0] == WED_AFTERNOON
    assert data.volunteers.max_km[0] == 10
    assert data.volunteers.area[0] == 9000
    assert data.volunteers.birth_year[0] == 1980
    assert data.volunteers.gender[0] == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"screening_issued_on": timezone.localdate() - datetime.timedelta(days=365 * 4)},
        {"screening_issued_on": None},
        {"training_sessions": 0},
        {"agreement_signed_on": None},
        {"status": Volunteer.Status.PAUSING},
        {"status": Volunteer.Status.CANDIDATE},
    ],
)
def test_what_makes_a_volunteer_not_eligible(organisation, fields):
    make_volunteer(organisation, **fields)
    assert _columns(organisation).volunteers.eligible.tolist() == [False]


def test_open_matches_take_capacity(organisation, coordinator, social_worker, buddy):
    request = make_request(social_worker)
    Match.objects.create(
        organisation=organisation,
        request=request,
        participant=request.participant,
        volunteer=buddy,
        status=Match.Status.ACTIVE,
        proposed_by=coordinator.user,
    )
    assert _columns(organisation).volunteers.capacity.tolist() == [0]


def test_request_columns_follow_the_request(organisation, social_worker, coordinator):
    tag = interest_tag_create(membership=coordinator, name="wandelen")
    request = make_request(
        social_worker,
        gender_wish="male",
        min_age=30,
        wants_lived_experience=True,
        postcode="",
        days_waiting=45,
    )
    request.interests.set([tag])
    data = _columns(organisation)
    r = data.requests
    assert r.gender_wish.tolist() == [2]
    assert r.min_age[0] == 30 and math.isnan(r.max_age[0])
    assert r.wants_lived_experience.tolist() == [True]
    assert math.isnan(r.lat[0])
    assert r.waiting_days.tolist() == [45.0]
    assert r.interests.tolist() == [1]
    assert data.vocabulary.interests == ("wandelen",)
    assert data.vocabulary.languages == LANGUAGE_BITS


def test_declined_and_badly_ended_pairs_are_blocked(organisation, coordinator, social_worker):
    request = make_request(social_worker)
    declined, ended_badly, fine = (make_volunteer(organisation) for _ in range(3))
    for volunteer, status, badly in (
        (declined, Match.Status.DECLINED, False),
        (ended_badly, Match.Status.CLOSED, True),
        (fine, Match.Status.CLOSED, False),
    ):
        Match.objects.create(
            organisation=organisation,
            request=request,
            participant=request.participant,
            volunteer=volunteer,
            status=status,
            ended_badly=badly,
            proposed_by=coordinator.user,
        )
    data = _columns(organisation)
    index = {v.pk: j for j, v in enumerate(data.volunteer_rows)}
    assert sorted(map(tuple, data.blocked.tolist())) == sorted(
        [(0, index[declined.pk]), (0, index[ended_badly.pk])]
    )
    assert [p.volunteer for p in suggestions_for(request)] == [fine]


def test_suggestions_explain_every_criterion(organisation, social_worker, buddy, buddy_request):
    [proposal] = suggestions_for(buddy_request)
    assert proposal.volunteer == buddy
    criteria = {c["criterion"] for c in proposal.explanation["contributions"]}
    assert criteria == {
        "interests",
        "availability",
        "distance",
        "age",
        "lived_experience",
        "waiting",
    }
    assert sorted(proposal.explanation["constraints"]["languages"]) == ["ar", "nl"]


def test_hard_constraints_exclude(organisation, social_worker):
    request = make_request(social_worker, gender_wish="male")
    make_volunteer(organisation)  # a woman
    make_volunteer(organisation, gender="male", languages=["fr"])
    make_volunteer(organisation, gender="male", availability=slot_mask([("mon", "morning")]))
    make_volunteer(organisation, gender="male", postcode="2000", max_km=5)  # Antwerp
    assert suggestions_for(request) == []
    ok = make_volunteer(organisation, gender="male")
    assert [p.volunteer for p in suggestions_for(request)] == [ok]


def test_the_batch_respects_capacity(organisation, social_worker):
    requests = [make_request(social_worker, days_waiting=d) for d in (10, 20, 30)]
    volunteer = make_volunteer(organisation, capacity=2)
    batch = batch_proposal(organisation_id=organisation.pk)
    assert len(batch.proposals) == 2
    assert {p.volunteer for p in batch.proposals} == {volunteer}
    # the longest waiters first (fairness)
    assert {p.request for p in batch.proposals} == set(requests[1:])
    assert batch.unmatched == [requests[0]]


def test_pair_check_says_why_a_pair_cannot_be_proposed(organisation, buddy, buddy_request):
    assert pair_check(buddy_request, buddy).problem == ""
    buddy.status = Volunteer.Status.PAUSING
    buddy.save()
    assert pair_check(buddy_request, buddy).problem == "not_eligible"
