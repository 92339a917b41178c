"""“Met here” ties onto the network map, and volunteer placements."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups import services
from groups.models import MetHereTie, VolunteerPlacement
from participants.models import NetworkMember
from participants.models.network import Sector

from .conftest import TODAY, make_participant

pytestmark = pytest.mark.django_db


def test_a_facilitator_proposes_and_the_social_worker_confirms(
    facilitator, social_worker, members, session
):
    tie = services.tie_propose(
        membership=facilitator,
        member=members[0],
        label="Fatima",
        sector=Sector.PEERS,
        session=session,
    )
    assert tie.status == MetHereTie.Status.PROPOSED
    assert not NetworkMember.objects.exists()  # a facilitator never writes the map
    with pytest.raises(PermissionDenied):
        services.tie_confirm(membership=facilitator, tie=tie)
    services.tie_confirm(membership=social_worker, tie=tie)
    member = NetworkMember.objects.get()
    assert (member.participant, member.label, member.sector) == (
        members[0].participant,
        "Fatima",
        Sector.PEERS,
    )
    tie.refresh_from_db()
    assert tie.network_member_id == member.pk and tie.decided_by == social_worker.user
    with pytest.raises(ValidationError):
        services.tie_decline(membership=social_worker, tie=tie)


def test_the_assigned_social_worker_adds_a_tie_at_once(social_worker, members):
    tie = services.tie_propose(
        membership=social_worker, member=members[0], label="Buurman Jos", sector=Sector.NEIGHBOURS
    )
    assert tie.status == MetHereTie.Status.CONFIRMED
    assert NetworkMember.objects.filter(participant=members[0].participant).count() == 1


def test_others_propose_no_ties(other_facilitator, colleague, coordinator, members):
    for outsider in (other_facilitator, colleague, coordinator):
        with pytest.raises(PermissionDenied):
            services.tie_propose(
                membership=outsider, member=members[0], label="X", sector=Sector.PEERS
            )


def test_a_declined_tie_stays_off_the_map(facilitator, social_worker, members):
    tie = services.tie_propose(
        membership=facilitator, member=members[0], label="Fatima", sector=Sector.FRIENDS
    )
    services.tie_decline(membership=social_worker, tie=tie)
    assert tie.status == MetHereTie.Status.DECLINED
    assert not NetworkMember.objects.exists()


def test_a_tie_needs_a_known_sector(facilitator, members):
    with pytest.raises(ValidationError):
        services.tie_propose(
            membership=facilitator, member=members[0], label="Dr. X", sector=Sector.PROFESSIONALS
        )
    assert not MetHereTie.objects.exists()


PLACEMENT = {
    "where": "Sociaal restaurant De Tafel",
    "what": "Helpt in de keuken",
    "hours": Decimal("4"),
    "per": "week",
    "contact_person": "An (coördinator)",
    "status": "active",
}


def test_the_social_worker_records_a_placement(social_worker):
    participant = make_participant(social_worker)
    placement = services.placement_create(
        membership=social_worker, participant=participant, data={**PLACEMENT, "since": TODAY()}
    )
    assert placement.hours_per_month == 17.3
    services.placement_update(
        membership=social_worker, placement=placement, data={"status": "ended", "ended_on": TODAY()}
    )
    placement.refresh_from_db()
    assert placement.status == "ended"


def test_placements_are_written_by_the_assigned_worker_only(
    social_worker, colleague, facilitator, org_admin
):
    participant = make_participant(social_worker)
    for outsider in (colleague, facilitator, org_admin):
        with pytest.raises(PermissionDenied):
            services.placement_create(
                membership=outsider, participant=participant, data={**PLACEMENT, "since": TODAY()}
            )


def test_a_placement_needs_hours_and_an_end_after_its_start(social_worker):
    participant = make_participant(social_worker)
    for bad in (
        {"hours": Decimal("0")},
        {"ended_on": TODAY() - datetime.timedelta(days=1)},
    ):
        with pytest.raises(ValidationError):
            services.placement_create(
                membership=social_worker,
                participant=participant,
                data={**PLACEMENT, "since": TODAY(), **bad},
            )
    assert not VolunteerPlacement.objects.exists()


@pytest.mark.parametrize(
    ("hours", "per", "refused"),
    # One bound after the merge: a full-time week, 40 hours (tests/buddies/test_business_rules.py).
    [("40", "week", False), ("41", "week", True), ("81", "month", False), ("400", "week", True)],
)
def test_a_placement_of_more_than_40_hours_a_week_is_refused(social_worker, hours, per, refused):
    participant = make_participant(social_worker)
    data = {**PLACEMENT, "since": TODAY(), "hours": Decimal(hours), "per": per}
    if refused:
        with pytest.raises(ValidationError) as error:
            services.placement_create(membership=social_worker, participant=participant, data=data)
        assert "hours" in error.value.message_dict
    else:
        services.placement_create(membership=social_worker, participant=participant, data=data)
