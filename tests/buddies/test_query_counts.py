"""Buddy lists use a fixed number of queries, whatever the number of rows."""

import pytest
from django.utils import timezone

from buddies.models import ContactLog, Match

from .conftest import make_request, make_volunteer

pytestmark = pytest.mark.django_db

# Session, user, memberships, the organisation's buddy settings, the page's own queries (for
# matching: tags, requests, volunteers, their interests, blocked pairs), the session save.
MAX_QUERIES = 18  # includes the notification bell in the header


def _matches(coordinator, social_worker, volunteer_membership, rows):
    organisation = coordinator.organisation
    volunteer = make_volunteer(organisation, membership=volunteer_membership, capacity=rows)
    statuses = list(Match.OPEN)
    matches = []
    for i in range(rows):
        request = make_request(social_worker)
        matches.append(
            Match.objects.create(
                organisation=organisation,
                request=request,
                participant=request.participant,
                volunteer=volunteer,
                status=statuses[i % len(statuses)],
                proposed_by=coordinator.user,
                started_on=timezone.localdate(),
                closed_on=None,
            )
        )
    ContactLog.objects.bulk_create(
        ContactLog(match=m, logged_by=volunteer.user, date=timezone.localdate(), worried=True)
        for m in matches
    )
    return matches


@pytest.mark.parametrize("rows", [5, 200])
def test_the_waiting_list_and_batch_use_a_fixed_number_of_queries(
    rows, coordinator, social_worker, login, django_assert_max_num_queries
):
    for _ in range(rows):
        make_request(social_worker)
    for _ in range(rows):
        make_volunteer(coordinator.organisation)
    client = login(coordinator)
    for url in ("/buddies/requests/", "/buddies/batch/", "/buddies/volunteers/", "/"):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [5, 200])
def test_the_suggestions_use_a_fixed_number_of_queries(
    rows, coordinator, social_worker, login, django_assert_max_num_queries
):
    request = make_request(social_worker)
    for _ in range(rows):
        make_volunteer(coordinator.organisation)
    client = login(coordinator)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(f"/buddies/requests/{request.pk}/suggestions/").status_code == 200


@pytest.mark.parametrize("rows", [5, 200])
def test_the_match_pages_use_a_fixed_number_of_queries(
    rows, coordinator, social_worker, volunteer, login, django_assert_max_num_queries
):
    matches = _matches(coordinator, social_worker, volunteer, rows)
    client = login(coordinator)
    for url in (
        "/buddies/matches/",
        "/buddies/matches/figures/",
        "/",
        f"/buddies/matches/{matches[0].pk}/",
    ):
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200
    client = login(volunteer)
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get("/").status_code == 200
