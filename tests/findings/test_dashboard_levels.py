"""Suppressed tables do not tell which levels exist: every breakdown lists every level of its
dimension, on the page, in the CSV and through the API, so that a work model with one
participant reads the same whatever that person's age band, household or background."""

import pytest

from findings.levels import DIMENSIONS, LEVELS

from .data import person_in_model
from .test_dashboard_suppression import _csv_rows, _page_rows

pytestmark = pytest.mark.django_db

ALIKE = {"household": "partner", "birth_year": 1980, "gender": "vrouw"}


def _world(organisation, **one):
    """Six alike in the buddy model (a visible model), and one person alone in the peer
    model, described by `one`."""
    for _index in range(6):
        person_in_model(organisation, "buddy", before=2, after=5, **ALIKE)
    person_in_model(organisation, "peer", before=2, after=5, research=True, **one)


PEOPLE = [
    {"household": "alone", "birth_year": 1965, "gender": "man", "migration_background": "Irak",
     "has_smartphone": True},
    {"household": "shared", "birth_year": 2001, "gender": "", "migration_background": "",
     "has_smartphone": False, "internet_at_home": False},
]  # fmt: skip


def _outputs(client):
    """Per dimension: the peer model's rows on the page, in the CSV and in the API."""
    api = client.get("/api/what-works-for-whom/").json()
    seen = {}
    for dimension in DIMENSIONS:
        _models, subgroups = _page_rows(client, dimension)
        csv_rows = [row for row in _csv_rows(client, dimension) if row["work_model"] == "peer"]
        api_rows = [row for row in api["subgroups"][dimension] if row["code"] == "peer"]
        seen[dimension] = {
            "page": [cells for cells in subgroups if "Lotgenoten" in cells[0][0]],
            "csv": csv_rows,
            "api": api_rows,
        }
    return seen


@pytest.mark.parametrize("one", PEOPLE)
def test_every_level_of_every_breakdown_is_listed_and_hidden_for_a_model_of_one(
    organisation, coordinator, login, one
):
    _world(organisation, **one)
    seen = _outputs(login(coordinator))
    for dimension in DIMENSIONS:
        levels = list(LEVELS[dimension])
        assert [row["level"] for row in seen[dimension]["csv"]] == levels
        assert all(row["participants"] == "suppressed" for row in seen[dimension]["csv"])
        assert [row["level"] for row in seen[dimension]["api"]] == levels
        assert all(row["suppressed"] and row["n"] is None for row in seen[dimension]["api"])
        assert len(seen[dimension]["page"]) == len(levels), dimension


def test_the_tables_read_the_same_whoever_the_one_participant_is(
    organisation, other_organisation, coordinator, login
):
    from tests.factories import MembershipFactory

    _world(organisation, **PEOPLE[0])
    _world(other_organisation, **PEOPLE[1])
    other = MembershipFactory(organisation=other_organisation, role=coordinator.role)
    first, second = _outputs(login(coordinator)), _outputs(login(other))
    for dimension in DIMENSIONS:
        assert first[dimension]["csv"] == second[dimension]["csv"], dimension
        assert first[dimension]["api"] == second[dimension]["api"], dimension
        assert first[dimension]["page"] == second[dimension]["page"], dimension
