"""Impossible figures and ties are refused with a clear message (issue 13, item 7)."""

import pytest
from django.core.exceptions import ValidationError

from groups import services
from groups.models import Group, MetHereTie
from participants.models.network import Sector

from .conftest import make_group

pytestmark = pytest.mark.django_db


def test_a_head_count_of_a_hundred_billion_is_refused(social_worker):
    with pytest.raises(ValidationError) as error:
        make_group(social_worker, reached_without_file=99_999_999_999)
    assert "reached_without_file" in error.value.message_dict
    assert not Group.objects.exists()


def test_a_head_count_cannot_be_raised_past_the_maximum_later(social_worker, group, org_admin):
    with pytest.raises(ValidationError) as error:
        services.group_update(
            membership=org_admin, group=group, data={"reached_without_file": 100_001}
        )
    assert "100.000" in error.value.message_dict["reached_without_file"][0]
    group.refresh_from_db()
    assert group.reached_without_file == 0


def test_the_group_form_says_so_in_dutch_and_keeps_the_input(login, coordinator):
    from workmodels.models import WorkModel

    response = login(coordinator).post(
        "/groups/new/",
        {
            "name": "Buurtfeest",
            "kind": Group.Kind.NEIGHBOURHOOD,
            "work_model": WorkModel.objects.get(code="peer").pk,
            "facilitators": [coordinator.user_id],
            "language": "nl",
            "starts_on": "2026-01-10",
            "reached_without_file": "99999999999",
        },
    )
    page = response.content.decode()
    assert response.status_code in (200, 400)
    assert "100.000" in page and 'value="Buurtfeest"' in page
    assert not Group.objects.exists()


def test_extra_attendees_past_a_thousand_are_refused(facilitator, session, members):
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            membership=facilitator, session=session, present=[], extra_attendees=1_000_000
        )
    assert "extra_attendees" in error.value.message_dict


def test_a_met_here_tie_for_someone_absent_from_the_session_is_refused(
    facilitator, session, members
):
    services.attendance_record(membership=facilitator, session=session, present=[members[1].pk])
    with pytest.raises(ValidationError) as error:
        services.tie_propose(
            membership=facilitator,
            member=members[0],
            label="Fatima",
            sector=Sector.PEERS,
            session=session,
        )
    assert (
        "was not there" in error.value.message_dict["member"][0]
        or "niet" in (error.value.message_dict["member"][0])
    )
    assert not MetHereTie.objects.exists()


def test_a_met_here_tie_for_someone_present_is_recorded(facilitator, session, members):
    services.attendance_record(membership=facilitator, session=session, present=[members[0].pk])
    tie = services.tie_propose(
        membership=facilitator,
        member=members[0],
        label="Fatima",
        sector=Sector.PEERS,
        session=session,
    )
    assert tie.pk


def test_the_tie_form_offers_only_who_came(login, facilitator, session, members):
    services.attendance_record(membership=facilitator, session=session, present=[members[0].pk])
    page = login(facilitator).get(f"/groups/sessions/{session.pk}/ties/").content.decode()
    assert f'value="{members[0].pk}"' in page
    assert f'value="{members[1].pk}"' not in page
