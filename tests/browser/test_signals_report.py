"""In a real browser: social workers of two organisations record signals on their record
page; the municipality's policy analyst logs in, lands on the signals report, sees the theme
the organisations share and not the rare one, and downloads the CSV. Every page passes axe."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from signalling.models import Signal, SignalTheme

from ..signalling.report_data import TODAY, analyst, record, sharing_organisation
from .harness import allow_console_error, login_as, screenshot, visit

pytestmark = pytest.mark.browser


def _record_on_the_page(page, live_server, worker, code: str, story: str) -> None:
    page.context.clear_cookies()
    login_as(page, live_server, worker)
    page.goto(f"{live_server.url}/signals/new/")
    form = page.locator("main form[method='post']")
    theme = SignalTheme.objects.get(organisation=worker.organisation, code=code)
    form.locator("select[name='theme']").select_option(str(theme.pk))
    form.locator("input[name='occurred_on']").fill(TODAY.isoformat())
    form.locator("input[name='municipality']").fill("Gent")
    form.locator("textarea[name='story']").fill(story)
    form.locator("button[type='submit']").click()
    page.wait_for_url(lambda url: not url.endswith("/signals/new/"))


def test_two_organisations_record_signals_and_the_analyst_sees_the_shared_theme_only(
    page, live_server
):
    first, first_worker = sharing_organisation("Gent")
    second, second_worker = sharing_organisation("Gent")
    third, third_worker = sharing_organisation("Gent")
    # What the three organisations recorded before: costs everywhere; childcare at one only
    # (five signals, one organisation: not shown).
    for organisation, worker in (
        (first, first_worker),
        (second, second_worker),
        (third, third_worker),
    ):
        record(organisation, worker, "costs", count=5)
    record(third, third_worker, "childcare", count=5)

    _record_on_the_page(page, live_server, first_worker, "costs", "Het zwembad is te duur.")
    screenshot(page, "signals-report/recorded")
    _record_on_the_page(page, live_server, second_worker, "costs", "De schoolreis kost te veel.")
    _record_on_the_page(page, live_server, first_worker, "transport", "Geen bus na zes uur.")
    assert Signal.objects.filter(theme__code="costs").count() == 17

    page.context.clear_cookies()
    reader = analyst("Gent")
    login_as(page, live_server, reader)
    page.wait_for_url(re.compile(r"/signals-report/$"))
    expect(page.locator("nav.role-nav a")).to_have_count(1)
    costs = page.locator("table.sr-table").first.locator("tr", has_text=re.compile("Kosten|Costs"))
    expect(costs.locator("td").first).to_have_text("17")
    transport = page.locator("table.sr-table").first.locator(
        "tr", has_text=re.compile("Vervoer|Transport")
    )
    expect(transport.locator("td").first).to_have_text(re.compile("niet getoond|not shown"))
    expect(page.locator("svg.sr-chart")).to_have_count(3)
    expect(page.locator("main")).not_to_contain_text("Geen bus na zes uur.")
    screenshot(page, "signals-report/report")

    with page.expect_download() as download_info:
        page.locator("a[href*='report.csv']").click()
    lines = Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("table;")
    assert any(
        line.startswith("theme;") and ";costs;" in line and ";17;3" in line for line in lines
    )

    # Nothing else is theirs: a participant list answers 404.
    allow_console_error(page, "status of 404")
    visit(page, f"{live_server.url}/participants/", status=404)
