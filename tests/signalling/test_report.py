"""The cross-organisation signals report: what it counts, what it hides, who reads it."""

import pytest
from django.test import Client
from django.utils import timezone

from accounts.audit_display import describe
from accounts.models import AuditEvent, Role
from signalling.report import Scope, signals_report
from tests.factories import MembershipFactory

from .report_data import TODAY, analyst, record, sharing_organisation

pytestmark = pytest.mark.django_db


def _row(rows, key):
    return next(row for row in rows if row["key"] == key)


def _three_sharing(count=3, signals=3, code="costs", municipality="Gent"):
    organisations = []
    for _ in range(count):
        organisation, worker = sharing_organisation(municipality)
        record(organisation, worker, code, count=signals, municipality=municipality)
        organisations.append((organisation, worker))
    return organisations


def test_a_theme_shared_by_three_organisations_is_shown_and_a_rare_one_is_not():
    organisations = _three_sharing(signals=4)
    rare_org, rare_worker = organisations[0]
    record(rare_org, rare_worker, "transport", count=2)
    record(rare_org, rare_worker, "childcare", count=3)
    figures = signals_report(analyst(), Scope.default("Gent"))
    costs = _row(figures["themes"], "costs")
    assert costs["signals"] == 12 and costs["organisations"] == 3
    assert _row(figures["themes"], "transport")["suppressed"]
    assert _row(figures["themes"], "transport")["signals"] is None
    assert figures["total"]["signals"] == 17


def test_one_rare_theme_takes_the_next_smallest_with_it():
    """Else the total minus the shown themes would give the rare one back."""
    organisations = _three_sharing(signals=4)
    for organisation, worker in organisations:
        record(organisation, worker, "housing", count=3)
    organisation, worker = organisations[0]
    record(organisation, worker, "transport", count=2)
    figures = signals_report(analyst(), Scope.default("Gent"))
    assert _row(figures["themes"], "costs")["signals"] == 12
    assert _row(figures["themes"], "transport")["suppressed"]
    assert _row(figures["themes"], "housing")["suppressed"]


def test_many_signals_of_two_organisations_are_hidden():
    _three_sharing(count=2, signals=20)
    figures = signals_report(analyst(), Scope.default("Gent"))
    assert figures["total"]["suppressed"]
    assert all(row["suppressed"] for row in figures["themes"])


def test_a_single_hidden_theme_cannot_be_worked_out_from_the_total():
    organisations = _three_sharing(signals=10)
    # 10 transport signals of one organisation: hidden (one organisation), and then the next
    # smallest theme goes too, else total minus the visible themes would give it back.
    organisation, worker = organisations[0]
    record(organisation, worker, "transport", count=10)
    for organisation, worker in organisations:
        record(organisation, worker, "housing", count=3)
    figures = signals_report(analyst(), Scope.default("Gent"))
    assert not figures["total"]["suppressed"]
    hidden = [row["key"] for row in figures["themes"] if row["suppressed"]]
    assert "transport" in hidden
    shown = sum(row["signals"] for row in figures["themes"] if not row["suppressed"])
    assert figures["total"]["signals"] - shown >= 5 + 5  # two hidden themes with signals


def test_organisations_that_did_not_opt_in_and_withdrawn_or_uncounted_signals_do_not_count():
    _three_sharing(signals=5)
    closed, worker = sharing_organisation(opted_in=False)
    record(closed, worker, "costs", count=50)
    organisation, worker = sharing_organisation()
    record(organisation, worker, "costs", count=7, withdrawn_at=timezone.now())
    record(organisation, worker, "costs", count=7, participant_counted=False)
    figures = signals_report(analyst(), Scope.default("Gent"))
    assert _row(figures["themes"], "costs")["signals"] == 15


def test_own_themes_count_together_as_other():
    for organisation, worker in _three_sharing(signals=5):
        record(organisation, worker, "", count=2)
    figures = signals_report(analyst(), Scope.default("Gent"))
    assert _row(figures["themes"], "other")["signals"] == 6


def test_the_municipality_and_the_quarters_choose_the_signals():
    _three_sharing(signals=5, municipality="Gent")
    _three_sharing(signals=5, municipality="Aalst")
    figures = signals_report(analyst(), Scope.default("Aalst"))
    assert figures["total"]["signals"] == 15
    everywhere = signals_report(analyst(), Scope.default(""))
    assert everywhere["total"]["signals"] == 30
    assert {row["key"] for row in everywhere["municipalities"]} == {"Aalst", "Gent"}
    quarter = f"{TODAY.year - 3}-Q1"
    assert signals_report(analyst(), Scope("", quarter, quarter))["total"]["signals"] is None


def test_only_released_stories_are_quoted_with_the_organisations_kind():
    organisations = _three_sharing(signals=5)
    organisation, worker = organisations[0]
    record(
        organisation,
        worker,
        "costs",
        story="Het zwembad kost te veel voor een gezin.",
        story_released=True,
        released_at=timezone.now(),
    )
    figures = signals_report(analyst(), Scope.default("Gent"))
    assert [story["story"] for story in figures["stories"]] == [
        "Het zwembad kost te veel voor een gezin."
    ]
    assert figures["stories"][0]["organisation_kind"] == organisation.kind


def test_the_report_costs_the_same_number_of_queries_whatever_the_data(
    django_assert_max_num_queries,
):
    reader = analyst()
    _three_sharing(signals=5)
    with django_assert_max_num_queries(9):
        signals_report(reader, Scope.default("Gent"))
    for code in ("transport", "housing", "language", ""):
        _three_sharing(signals=6, code=code, municipality="Aalst")
    with django_assert_max_num_queries(9):
        signals_report(reader, Scope.default(""))


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.POLICY_ANALYST])
def test_no_other_role_reads_the_report(role):
    from signalling.report import can_read_report

    assert not can_read_report(MembershipFactory(role=role))


def test_the_page_csv_and_api_are_audited_and_land_the_analyst_there():
    _three_sharing(signals=5)
    reader = analyst()
    client = Client()
    client.force_login(reader.user)
    assert client.get("/").url == "/signals-report/"
    page = client.get("/signals-report/")
    assert page.status_code == 200
    assert "Kosten" in page.content.decode() or "Costs" in page.content.decode()
    assert client.get("/signals-report/report.csv").status_code == 200
    assert client.get("/api/signals-report/").json()["total"]["signals"] == 15
    events = AuditEvent.objects.filter(object_type="signalling.signals_report")
    assert sorted(e.action for e in events) == ["export", "read", "read"]
    assert {tuple(e.fields) for e in events} == {("report_page",), ("report_csv",), ("report_api",)}
    assert all(e.object_id.endswith(" Gent") and e.actor == reader.user for e in events)
    assert all(e.organisation_id == reader.organisation_id for e in events)
    assert describe(events[0], []).label.startswith(("signalenrapport", "signals report"))
    assert client.get("/participants/").status_code == 404
    assert client.get("/api/participants/").status_code == 404


@pytest.mark.parametrize("organisations", [3, 8])
def test_the_page_costs_a_fixed_number_of_queries(organisations, django_assert_max_num_queries):
    reader = analyst()
    for code in ("costs", "transport", ""):
        _three_sharing(count=organisations, signals=4, code=code)
    client = Client()
    client.force_login(reader.user)
    # Session, user, memberships, the report's reads (choices, work models, three scans,
    # stories) and the audit event.
    with django_assert_max_num_queries(14):
        assert client.get("/signals-report/?municipality=").status_code == 200
