"""The dashboard page: figures, charts and findings; cached per organisation and data version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory

from .data import person_in_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(organisation):
    user = UserFactory()
    for _ in range(6):
        person_in_model(organisation, "buddy", before=2, after=5, user=user, household="alone")
    for _ in range(3):
        person_in_model(organisation, "peer", before=2, after=2, user=user)


def test_the_dashboard_shows_figures_charts_and_findings(data, researcher, login):
    content = login(researcher).get("/findings/dashboard/?by=household").content.decode()
    assert "+3,0" in content  # the buddy model's median change in informal ties (decimal comma)
    assert content.count("<svg") == 5
    assert "style=" not in content
    assert "digitale kloof" in content  # findings beside the numbers
    assert "Alleenstaand" in content or "alone" in content.lower() or "Woont alleen" in content


def test_the_cached_dashboard_does_not_recompute(data, coordinator, login):
    client = login(coordinator)
    client.get("/findings/dashboard/")
    with CaptureQueriesContext(connection) as cold_again:
        client.get("/findings/dashboard/")
    assert not any("networksnapshot" in q["sql"] for q in cold_again.captured_queries)


def test_a_change_refreshes_the_cached_dashboard(
    data, organisation, coordinator, login, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    assert "n=6" in client.get("/findings/dashboard/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        person_in_model(organisation, "buddy", before=2, after=5)
    assert "n=7" in client.get("/findings/dashboard/").content.decode()


def test_the_csv_table_suppresses_small_cells(data, coordinator, login):
    lines = login(coordinator).get("/findings/dashboard/table.csv").content.decode("utf-8-sig")
    rows = {line.split(";")[0]: line.split(";") for line in lines.splitlines()[1:]}
    assert rows["buddy"][1] == "6"
    assert rows["peer"][1] == "suppressed"
