"""Budget: the flag banner costs the file page at most one query, whatever the number of
flags (design.md "Budgets"; bench/flag_banner.py prints the figures)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from safety import services
from safety.models import FlagKind

pytestmark = pytest.mark.django_db


def _raise_many(social_worker, coordinator, match, count):
    kinds = list(FlagKind.objects.filter(organisation=match.organisation))
    for index in range(count):
        services.flag_raise(
            membership=social_worker,
            participant=match.participant,
            kind=kinds[index % len(kinds)],
            text=f"Let op {index}",
        )
        services.flag_raise(
            membership=coordinator, match=match, kind=kinds[index % len(kinds)], text=f"M {index}"
        )


def _page_queries(client, url, django_assert_num_queries) -> int:
    client.get(url)  # warm caches the same way for both runs
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_banner_is_one_query_whatever_the_number_of_flags(
    social_worker, coordinator, match, django_assert_num_queries
):
    _raise_many(social_worker, coordinator, match, 6)
    request = RequestFactory().get("/")
    request.membership = social_worker
    template = Template("{% load safety_tags %}{% flag_banner participant %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request, "participant": match.participant}))
    assert html.count('class="flag"') == 12
    request.membership = coordinator
    template = Template("{% load safety_tags %}{% flag_banner match %}")
    with django_assert_num_queries(1):
        html = template.render(Context({"request": request, "match": match}))
    assert html.count('class="flag"') == 12


def test_the_file_page_costs_the_same_with_and_without_flags(
    login, social_worker, coordinator, match, django_assert_num_queries
):
    client = login(social_worker)
    url = f"/participants/{match.participant_id}/"
    without = _page_queries(client, url, django_assert_num_queries)
    _raise_many(social_worker, coordinator, match, 10)
    with django_assert_num_queries(without):
        page = client.get(url).content.decode()
    assert page.count('class="flag"') == 20


def test_the_match_pages_cost_the_same_with_and_without_flags(
    login, coordinator, social_worker, volunteer, match, django_assert_num_queries
):
    pages = [
        (login(coordinator), f"/buddies/matches/{match.pk}/"),
        (login(volunteer), f"/buddies/my/contacts/{match.pk}/"),
    ]
    counts = [_page_queries(client, url, django_assert_num_queries) for client, url in pages]
    _raise_many(social_worker, coordinator, match, 5)
    for (client, url), count in zip(pages, counts, strict=True):
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
