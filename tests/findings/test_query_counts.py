"""The findings pages run the same number of queries whatever the amount of data."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from findings import services
from tests.factories import ParticipantFactory, UserFactory
from tests.participants.factories import ConsentFactory
from workmodels import services as directory
from workmodels.models import WorkModel

from .data import lsns, person_in_model

pytestmark = pytest.mark.django_db


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _practice(organisation, count: int) -> None:
    user = UserFactory()
    for index in range(count):
        code = ("buddy", "peer", "context")[index % 3]
        person = person_in_model(
            organisation, code, before=2, after=4, user=user, research=index % 2 == 0
        )
        lsns(person, user, datetime.date(2025, 1, 1), 10)


def test_the_cold_dashboard_and_its_csv_do_not_grow_with_the_data(organisation, coordinator, login):
    client = login(coordinator)
    _practice(organisation, 6)
    cache.clear()
    small = queries(client, "/findings/dashboard/?by=household")
    cache.clear()
    small_csv = queries(client, "/findings/dashboard/table.csv?by=gender")
    _practice(organisation, 30)
    cache.clear()
    assert queries(client, "/findings/dashboard/?by=household") == small
    cache.clear()
    assert queries(client, "/findings/dashboard/table.csv?by=gender") == small_csv


def _coding_data(membership, count: int) -> None:
    group = services.focus_group_create(
        membership=membership,
        data={"held_on": datetime.date(2025, 3, 1), "kind": "mixed", "people": 5},
    )
    for index in range(count):
        quote = services.quote_add(
            membership=membership,
            focus_group=group,
            text=f"Citaat {index}",
            speaker_kind="professional",
        )
        if index % 2:
            services.finding_create(
                membership=membership,
                data={
                    "kind": "strength",
                    "work_model": WorkModel.objects.order_by("?").first(),
                    "statement_nl": f"Bevinding {index}",
                },
                quotes=[quote],
            )


@pytest.mark.parametrize(
    "path", ["/findings/", "/findings/coding/", "/findings/focus-groups/", "/findings/new/"]
)
def test_the_findings_pages_do_not_grow_with_the_data(researcher, login, path):
    client = login(researcher)
    _coding_data(researcher, 2)
    small = queries(client, path)
    _coding_data(researcher, 12)
    assert queries(client, path) == small


def test_a_focus_group_page_does_not_grow_with_its_quotes(researcher, login):
    client = login(researcher)
    _coding_data(researcher, 2)
    group = researcher.organisation.focus_groups.get()
    small = queries(client, f"/findings/focus-groups/{group.pk}/")
    for index in range(10):
        services.quote_add(
            membership=researcher,
            focus_group=group,
            text=f"Meer {index}",
            speaker_kind="professional",
        )
    assert queries(client, f"/findings/focus-groups/{group.pk}/") == small


def test_choosing_a_model_does_not_grow_with_the_directory(social_worker, coordinator, login):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        municipality="Gent",
        languages=["nl"],
    )
    ConsentFactory(participant=participant, purpose="file")
    client = login(social_worker)

    def initiatives(count):
        for index in range(count):
            directory.initiative_create(
                membership=coordinator,
                data={
                    "name": f"Initiatief {index}",
                    "provider": "CAW",
                    "municipalities": ["Gent"],
                    "languages": ["nl"],
                },
                work_models=WorkModel.objects.filter(code__in=["buddy", "peer"]),
            )

    initiatives(1)
    small = queries(client, f"/findings/participants/{participant.pk}/choose/")
    initiatives(12)
    assert queries(client, f"/findings/participants/{participant.pk}/choose/") == small
