"""List pages use a fixed number of queries, whatever the number of rows."""

import pytest

from tests.factories import ParticipantFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

# Session, user, membership (+ organisation), the page's own count and rows, audit where any,
# and the menu's count of referrals waiting in the inbox (intake roles).
MAX_QUERIES = 13


@pytest.mark.parametrize("rows", [5, 200])
def test_the_participant_list_uses_a_fixed_number_of_queries(
    rows, social_worker, login, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(
        rows, organisation=social_worker.organisation, social_worker=social_worker.user
    )
    client = login(social_worker)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get("/participants/")
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [5, 200])
def test_the_social_worker_home_uses_a_fixed_number_of_queries(
    rows, social_worker, login, django_assert_max_num_queries
):
    ParticipantFactory.create_batch(
        rows, organisation=social_worker.organisation, social_worker=social_worker.user
    )
    client = login(social_worker)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("rows", [5, 200])
def test_the_volunteer_list_uses_a_fixed_number_of_queries(
    rows, coordinator, login, django_assert_max_num_queries
):
    VolunteerFactory.create_batch(rows, organisation=coordinator.organisation)
    client = login(coordinator)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/buddies/volunteers/").status_code == 200
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("rows", [5, 200])
def test_the_people_page_uses_a_fixed_number_of_queries(
    rows, org_admin, login, django_assert_max_num_queries
):
    from tests.factories import MembershipFactory

    MembershipFactory.create_batch(rows, organisation=org_admin.organisation)
    client = login(org_admin)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/organisation/people/").status_code == 200
