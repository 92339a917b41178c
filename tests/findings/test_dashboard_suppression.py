"""What works for whom: a small cell cannot be worked out by subtraction, on the page, in the
CSV or through the API, and the CSV shows what the page shows."""

import datetime
import re
from html.parser import HTMLParser

import pytest

from findings.figures import what_works_for_whom
from tests.factories import UserFactory

from .data import BASELINE, FOLLOW_UP, TODAY, lsns, person_in_model
from .test_suppression import pinned_cells

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaky(organisation):
    """Data where hiding only the small cells would leak them:

    - buddy: 12 participants, 3 living alone and 9 with a partner (12 - 9 = 3);
    - peer: 5 alone and 7 with a partner, LSNS-6 measured twice for 2 and 7 of them: the
      model's LSNS-6 count (9) minus the partners' (7) gives the 2 living alone;
    - context: 3 participants in all (the number across all models minus the others).
    """
    user = UserFactory()
    for index in range(12):
        household = "alone" if index < 3 else "partner"
        person_in_model(organisation, "buddy", before=2, after=5, user=user, household=household)
    for index in range(12):
        household = "alone" if index < 5 else "partner"
        person = person_in_model(
            organisation, "peer", before=2, after=3, user=user, household=household
        )
        if index < 2 or index >= 5:
            lsns(person, user, BASELINE, 10)
            lsns(person, user, FOLLOW_UP - datetime.timedelta(days=10), 13)
    for _ in range(3):
        person_in_model(organisation, "context", before=2, after=4, user=user)
    return organisation


def _model(result, code):
    return next(row for row in result["models"] if row["code"] == code)


def _levels(result, dimension, code):
    return {row["level"]: row for row in result["subgroups"][dimension] if row["code"] == code}


def test_hiding_only_the_small_cells_would_leak_them(leaky):
    # The raw counts of the fixture, as primary suppression alone would show them.
    assert pinned_cells([3, 9], [True, False], total=12) == {0}  # buddy, living alone
    assert pinned_cells([2, 7], [True, False], total=9) == {0}  # peer, LSNS-6, alone
    assert pinned_cells([3, 12, 12], [True, False, False], total=27) == {0}  # context


def test_no_small_cell_can_be_worked_out_from_the_figures(leaky):
    result = what_works_for_whom(leaky.pk, today=TODAY)

    buddy = _levels(result, "household", "buddy")
    assert buddy["alone"]["suppressed"] and buddy["partner"]["suppressed"]
    assert buddy["partner"]["n"] is None and buddy["partner"]["metrics"] == {}
    assert _model(result, "buddy")["n"] == 12

    peer = _levels(result, "household", "peer")
    assert peer["alone"]["n"] == 5 and peer["partner"]["n"] == 7  # both rows can show
    assert _model(result, "peer")["metrics"]["lsns6"]["n"] == 9
    for level in ("alone", "partner"):
        cell = peer[level]["metrics"]["lsns6"]
        assert cell == {"n": None, "median": None, "low": None, "high": None, "suppressed": True}
    assert peer["partner"]["metrics"]["informal"]["n"] == 7  # what is safe stays

    assert _model(result, "context")["suppressed"]
    assert result["participants"] is None  # 27 - 12 - 12 would give context's 3

    for row in result["models"]:
        if row["suppressed"]:
            continue
        for dimension in result["subgroups"]:
            levels = _levels(result, dimension, row["code"])
            if dimension == "migration_background" or not levels:
                continue
            _assert_not_derivable(row["n"], [level["n"] for level in levels.values()])
            for metric, cell in row["metrics"].items():
                if not cell["suppressed"]:
                    counts = [
                        None if level["suppressed"] else level["metrics"][metric]["n"]
                        for level in levels.values()
                    ]
                    _assert_not_derivable(cell["n"], counts)


def _assert_not_derivable(total, shown):
    """`shown`: the counts a reader sees, None where hidden. With one hidden cell, or hidden
    cells adding up to less than 5 (but more than none), a reader would know too much."""
    hidden = [count for count in shown if count is None]
    remainder = total - sum(count for count in shown if count is not None)
    if hidden and remainder:
        assert len(hidden) >= 2 and remainder >= 5, (total, shown)


class _Tables(HTMLParser):
    """The rows of each table of a page, as (text, colspan) per cell."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = ["", dict(attrs).get("colspan")]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((" ".join(self._cell[0].split()), self._cell[1]))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[0] += data


def _page_rows(client, dimension):
    parser = _Tables()
    parser.feed(client.get(f"/findings/dashboard/?by={dimension}").content.decode())
    models, subgroups = parser.tables[:2]  # then the durable ties
    return models[1:], subgroups[1:]


def _csv_rows(client, dimension=""):
    query = f"?by={dimension}" if dimension else ""
    text = client.get(f"/findings/dashboard/table.csv{query}").content.decode("utf-8-sig")
    header, *lines = [line.split(";") for line in text.splitlines()]
    return [dict(zip(header, line, strict=True)) for line in lines]


def _metric_counts(cells):
    """n per metric from the page's cells (median, interval and "n=12"), None for a dash."""
    counts = []
    for text, _colspan in cells:
        found = re.search(r"n=(\d+)", text)
        counts.append(int(found.group(1)) if found else None)
    return counts


def test_the_csv_hides_exactly_what_the_page_hides(leaky, coordinator, login):
    from workmodels.models import WorkModel

    client = login(coordinator)
    names = {model.name: model.code for model in WorkModel.objects.all()}
    models, subgroups = _page_rows(client, "household")

    by_code = {row["work_model"]: row for row in _csv_rows(client)}
    for cells in models:
        row = by_code[names[cells[0][0]]]
        if cells[1][1]:  # one cell across the row: nothing shown
            assert row["participants"] == "suppressed"
            assert all(row[f"{m}_median_change"] == "" for m in ("size", "lsns6"))
        else:
            assert row["participants"] == cells[1][0]
            csv_counts = [
                row[f"{m}_n"] for m in ("size", "informal", "reciprocal", "lsns6", "djg6")
            ]
            page_counts = _metric_counts(cells[3:])
            assert [None if c == "suppressed" else int(c) for c in csv_counts] == page_counts

    csv_levels = _csv_rows(client, "household")
    assert len(csv_levels) == len(subgroups)
    for cells, row in zip(subgroups, csv_levels, strict=True):
        assert names[cells[0][0]] == row["work_model"]
        if cells[2][1]:
            assert row["participants"] == "suppressed"
            assert row["informal_median_change"] == "" and row["informal_n"] == "suppressed"
        else:
            assert row["participants"] == cells[2][0]
            metrics = ("size", "informal", "reciprocal", "lsns6", "djg6")
            csv_counts = [row[f"{m}_n"] for m in metrics]
            assert [None if c == "suppressed" else int(c) for c in csv_counts] == (
                _metric_counts(cells[3:])
            )
    peer_partner = next(
        r for r in csv_levels if r["work_model"] == "peer" and r["level"] == "partner"
    )
    assert peer_partner["lsns6_n"] == "suppressed" and peer_partner["informal_n"] == "7"


def test_the_page_hides_the_number_across_models_when_it_would_reveal_one(leaky, researcher, login):
    content = login(researcher).get("/findings/dashboard/").content.decode()
    assert "27" not in re.sub(r"<[^>]+>", " ", content).split()


def test_the_api_gives_the_same_protected_figures(leaky, researcher, login):
    data = login(researcher).get("/api/what-works-for-whom/").json()
    assert data["participants"] is None
    buddy = {r["level"]: r for r in data["subgroups"]["household"] if r["code"] == "buddy"}
    assert buddy["alone"]["n"] is None and buddy["partner"]["n"] is None
