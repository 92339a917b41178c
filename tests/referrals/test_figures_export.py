"""The referral figures as CSV (`netwerk.exports`: safe to open in Excel) and through the
API, with the same roles and the same numbers as the pages."""

import csv
import datetime
import io

import pytest

from accounts.models import Role
from referrals.models import Referral
from tests.factories import MembershipFactory

from .factories_figures import initiative, make_referral

pytestmark = pytest.mark.django_db
START = datetime.date(2025, 3, 3)
S = Referral.Status
FORMULA = '=HYPERLINK("http://evil.example","klik")'
PERIOD = {"start": "2025-02-01", "end": "2025-04-01"}


def _cells(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


@pytest.fixture
def formulas(social_worker, other_organisation):
    planted = initiative(other_organisation, FORMULA, run_by=other_organisation)
    for index in range(6):
        make_referral(
            social_worker,
            to=other_organisation,
            to_initiative=planted,
            sent_on=START,
            status=S.DECLINED if index < 5 else S.SENT,
            decline_reason="-1+1",
        )


def test_the_organisation_s_csv_holds_formula_like_text_as_text(coordinator, formulas, login):
    response = login(coordinator).get("/referrals/figures.csv", PERIOD)
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="referral-figures-20250201-20250401.csv"'
    )
    cells = _cells(response)
    values = {cell for row in cells for cell in row}
    assert "'" + FORMULA in values and "'-1+1" in values
    assert not [c for row in cells for c in row if c.startswith(("=", "+", "@"))]
    assert ["verstuurd", "totaal", "alle doorverwijzingen", "6", "1", "0", "5", "0", ""] in cells


def test_the_instance_csv_marks_hidden_numbers(researcher, formulas, login):
    response = login(researcher).get("/referrals/figures/netwerk.csv", PERIOD)
    assert response.status_code == 200
    cells = _cells(response)
    initiative_row = next(row for row in cells if row[2] == "'" + FORMULA)
    # One waiting, five declined: the one is hidden, and the five with it.
    assert initiative_row[3:7] == ["6", "suppressed", "suppressed", "suppressed"]
    assert ["alle organisaties", "reden van weigering", "'-1+1", "5"] in cells


def test_the_api_gives_the_same_figures_to_the_same_roles(coordinator, researcher, formulas, login):
    answer = login(coordinator).get("/api/referrals/figures/", PERIOD)
    assert answer.status_code == 200
    data = answer.json()
    assert data["start"] == "2025-02-01" and data["end"] == "2025-04-01"
    assert data["sent"]["total"]["referrals"] == 6
    assert data["sent"]["total"]["acceptance_rate"] == 0.0
    assert data["sent"]["declined_reasons"] == [{"reason": "-1+1", "n": 5}]
    assert data["received"]["total"]["referrals"] == 0
    assert login(researcher).get("/api/referrals/figures/").status_code == 404
    everyone = login(researcher).get("/api/referrals/figures/netwerk/", PERIOD).json()
    assert everyone["all"]["min_cell"] == 5
    assert everyone["all"]["total"]["waiting"] is None


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.VOLUNTEER])
def test_the_api_refuses_workers_and_volunteers(role, organisation, login):
    member = MembershipFactory(organisation=organisation, role=role)
    assert login(member).get("/api/referrals/figures/").status_code == 404
    assert login(member).get("/api/referrals/figures/netwerk/").status_code == 404


def test_the_api_refuses_a_period_that_ends_before_it_starts(coordinator, login):
    answer = login(coordinator).get(
        "/api/referrals/figures/", {"start": "2025-04-01", "end": "2025-02-01"}
    )
    assert answer.status_code == 400
    assert login(coordinator).get("/api/referrals/figures/", {"start": "x"}).status_code == 400


def test_the_schema_describes_the_figures(coordinator, login):
    schema = login(coordinator).get("/api/schema/").content.decode()
    assert "/api/referrals/figures/netwerk/" in schema
    assert "median_days_to_first_contact" in schema
