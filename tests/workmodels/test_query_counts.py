"""The work model pages and the directory run the same number of queries whatever the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workmodels import services
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db


def queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _entries(membership, first: int, count: int) -> None:
    for index in range(first, first + count):
        services.initiative_create(
            membership=membership,
            data={
                "name": f"Initiatief {index}",
                "provider": "CAW",
                "municipalities": ["Gent", "Aalst"],
                "languages": ["nl", "fr"],
                "shared": index % 2 == 0,
            },
            work_models=WorkModel.objects.filter(code__in=["buddy", "peer", "community"]),
        )


@pytest.mark.parametrize(
    "path",
    [
        "/work-models/directory/",
        "/work-models/directory/?work_model=buddy&language=nl&municipality=Gent",
        "/work-models/directory/export/",
        "/work-models/",
        "/work-models/buddy/",
    ],
)
def test_the_pages_do_not_grow_with_the_directory(coordinator, other_org_admin, login, path):
    client = login(coordinator)
    _entries(coordinator, 0, 2)
    _entries(other_org_admin, 2, 2)
    small = queries(client, path)
    _entries(coordinator, 10, 20)  # beyond one page of 25 with the others
    _entries(other_org_admin, 40, 10)
    assert queries(client, path) == small
