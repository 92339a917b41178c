"""Groups, members and sessions: who may do what, and bad input that saves nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groups import services
from groups.models import Group, GroupMember, GroupSession
from tests.factories import ParticipantFactory

from .conftest import TODAY, add_members, make_group, make_participant, make_session

pytestmark = pytest.mark.django_db


def test_a_group_without_facilitators_is_run_by_its_creator(social_worker):
    group = make_group(social_worker)
    assert list(group.facilitators.all()) == [social_worker.user]


def test_facilitators_come_from_the_organisation(social_worker, other_org_worker, researcher):
    for outsider in (other_org_worker.user, researcher.user):
        with pytest.raises(ValidationError) as error:
            make_group(social_worker, facilitators=[outsider])
        assert "facilitators" in error.value.error_dict
    assert not Group.objects.exists()


def test_researchers_and_volunteers_do_not_create_groups(researcher, volunteer):
    for membership in (researcher, volunteer):
        with pytest.raises(PermissionDenied):
            make_group(membership)


def test_the_end_date_comes_after_the_start(social_worker):
    with pytest.raises(ValidationError) as error:
        make_group(social_worker, ends_on=TODAY() - datetime.timedelta(days=90))
    assert "ends_on" in error.value.error_dict


def test_a_member_is_a_participant_whose_file_the_adder_may_open(
    social_worker, colleague, facilitator, group
):
    theirs = make_participant(colleague)
    with pytest.raises(PermissionDenied):
        services.member_add(membership=social_worker, group=group, participant=theirs)
    mine = make_participant(social_worker)
    # A volunteer facilitator opens no files, so cannot add anyone.
    with pytest.raises(PermissionDenied):
        services.member_add(membership=facilitator, group=group, participant=mine)
    member = services.member_add(membership=social_worker, group=group, participant=mine)
    assert member.joined_on == TODAY()


def test_a_member_needs_consent_to_a_file(social_worker, group):
    no_consent = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    with pytest.raises(ValidationError):
        services.member_add(membership=social_worker, group=group, participant=no_consent)
    assert not GroupMember.objects.exists()


def test_a_full_group_takes_nobody_more(social_worker, facilitator):
    group = make_group(social_worker, facilitators=[facilitator.user], capacity=2)
    add_members(social_worker, group, 2)
    with pytest.raises(ValidationError, match="volzet"):
        add_members(social_worker, group, 1)
    assert group.members.count() == 2


def test_the_capacity_cannot_drop_below_the_current_members(facilitator, group, members):
    with pytest.raises(ValidationError) as error:
        services.group_update(membership=facilitator, group=group, data={"capacity": 2})
    assert "capacity" in error.value.error_dict
    group.refresh_from_db()
    assert group.capacity is None


def test_only_facilitators_and_org_admins_change_a_group(
    social_worker, facilitator, other_facilitator, org_admin, coordinator
):
    group = make_group(social_worker, facilitators=[facilitator.user])
    for outsider in (social_worker, other_facilitator, coordinator):
        with pytest.raises(PermissionDenied):
            services.group_update(membership=outsider, group=group, data={"name": "X"})
    services.group_update(membership=facilitator, group=group, data={"name": "Nieuw"})
    services.group_update(membership=org_admin, group=group, data={"place": "Buurthuis"})
    group.refresh_from_db()
    assert (group.name, group.place) == ("Nieuw", "Buurthuis")


def test_a_session_takes_place_within_the_group_dates(facilitator, group):
    services.group_update(
        membership=facilitator, group=group, data={"ends_on": TODAY() + datetime.timedelta(days=10)}
    )
    for days_ago in (61, -11):
        with pytest.raises(ValidationError) as error:
            make_session(facilitator, group, days_ago=days_ago)
        assert "date" in error.value.error_dict
    assert not GroupSession.objects.exists()
    make_session(facilitator, group, days_ago=60)


def test_the_group_dates_keep_holding_its_sessions(facilitator, group):
    make_session(facilitator, group, days_ago=30)
    with pytest.raises(ValidationError):
        services.group_update(
            membership=facilitator,
            group=group,
            data={"starts_on": TODAY() - datetime.timedelta(days=10)},
        )
    group.refresh_from_db()
    assert group.starts_on == TODAY() - datetime.timedelta(days=60)


def test_leaving_keeps_the_history_and_rejoining_reuses_the_row(
    social_worker, facilitator, group, members
):
    member = members[0]
    services.member_leave(membership=facilitator, member=member)
    assert group.members.filter(left_on__isnull=True).count() == 2
    again = services.member_add(
        membership=social_worker, group=group, participant=member.participant
    )
    assert again.pk == member.pk and again.left_on is None


def test_a_group_links_an_initiative_from_the_directory(social_worker, other_org_worker):
    from workmodels.models import Initiative

    ours = Initiative.objects.create(
        organisation=social_worker.organisation, name="Taalcafé", provider="CAW", shared=False
    )
    theirs = Initiative.objects.create(
        organisation=other_org_worker.organisation, name="Geheim", provider="OCMW", shared=False
    )
    assert make_group(social_worker, initiative=ours).initiative == ours
    with pytest.raises(ValidationError) as error:
        make_group(social_worker, initiative=theirs)
    assert "initiative" in error.value.error_dict
