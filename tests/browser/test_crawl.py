"""Every page as every role, at a laptop's, a tablet's and a phone's width (issue 13).

For each role of the organisation (crawl.ROLES) every page the access matrix lets that role
open (crawl.pages_for: all URL patterns outside the API, ids from the world of
tests/security/world.py) is loaded once in Chromium at 1280 px and then narrowed to 820 and
390 px. At each width:

* the page answered without a server error (also its htmx requests and assets);
* nothing sticks out: ``document.documentElement.scrollWidth <= innerWidth`` (the report
  names the widest elements where the overflow starts);
* axe-core finds no serious or critical violation (WCAG 2.2 AA rules), at 1280 and 390 px
  (AXE_WIDTHS: the tablet's layout lies between the two; axe there would cost a third more);
* at 390 px, tap targets are at least 24 by 24 px or have room around them (axe's
  "target-size" rule: WCAG 2.2 2.5.8 with its spacing and inline exceptions), and the
  volunteer's buttons and main actions are at least 44 px high;
* no heading has a word broken over two lines ("competentiever / sterking"), no item of the
  header wraps (the name menu, "1 nieuwe herinnering");
* no console error, uncaught exception or CSP violation;
* a screenshot lands in test-artifacts/crawl/<role>/<page>-<width>.png for a person to look at.

On SQLite (the second run of `make test`) the crawl opens the same pages as the same roles
for what depends on the database (server errors, console and CSP errors, htmx answers) and
measures them at the phone's width only: the markup, the layout, axe's findings and the
screenshots are the same whatever the database, and the PostgreSQL run has them all
(FULL_CRAWL: about six of the crawl's seven minutes).

One browser context per role; a failure lists every page and width with its problem, and the
test's id names the role. Known defects that cannot be fixed yet go into KNOWN_DEFECTS, each
with its reason; a known defect that is gone fails the test too, so the list stays true.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from pytest_django.live_server_helper import LiveServer

from tests.database import restore_the_migrated_database
from tests.security.world import build_world

from .crawl import (
    AXE_AT_PHONE_WIDTH,
    BROKEN_HEADING_WORDS,
    DOCUMENT_RULES,
    HTMX_SETTLED,
    IS_FRAGMENT,
    MAIN_ACTION_HEIGHT,
    MAIN_ACTION_ROLES,
    NEXT_FRAME,
    OVERFLOW,
    ROLES,
    SMALL_MAIN_ACTIONS,
    TAP_TARGET_WIDTH,
    VIEWPORTS,
    WIDE_SCROLL_BOXES,
    WRAPPED_HEADER_ITEMS,
    CrawlPage,
    add_long_texts,
    pages_for,
)
from .harness import (
    ARTIFACTS_DIR,
    BROWSER_LOCALE,
    BROWSER_TIMEZONE,
)
from .page_scripts import AXE_OPTIONS, FAILING_IMPACTS, RUN_AXE

# The tests read no database themselves (the world is built once, see the ``site`` fixture),
# but the mark makes pytest-django create the test database, and serialize the rows the
# migrations wrote so that they can be put back after the crawl.
# No test transaction: the live server writes (sessions, the read audit) while a test runs.
pytestmark = pytest.mark.browser

# (role or "*", page name, width or 0 for every width, check) -> why it is accepted for now.
# check is one of "status", "overflow", "heading", "header", "axe", "tap", "console".
# axe at the widest and the narrowest width only: the tablet in between adds little (the same
# markup, a layout between the two) and would cost a third of the crawl's time.
AXE_WIDTHS = (VIEWPORTS[0].width, VIEWPORTS[-1].width)

KNOWN_DEFECTS: dict[tuple[str, str, int, str], str] = {}


def _full_crawl() -> bool:
    """Every width, axe and screenshots on PostgreSQL; on SQLite the phone's width only."""
    return connection.vendor == "postgresql"


def _known(role: str, name: str, width: int, check: str) -> str | None:
    for key in (
        (role, name, width, check),
        (role, name, 0, check),
        ("*", name, width, check),
        ("*", name, 0, check),
    ):
        if key in KNOWN_DEFECTS:
            return KNOWN_DEFECTS[key]
    return None


def _session_cookie(membership) -> dict:
    client = Client()
    client.force_login(membership.user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {"name": cookie.key, "value": cookie.value, "httpOnly": True}


def _log_in(browser, base_url: str, cookie: dict):
    first = VIEWPORTS[0]
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": first.width, "height": first.height},
        locale=BROWSER_LOCALE,
        timezone_id=BROWSER_TIMEZONE,
    )
    context.set_default_timeout(15_000)
    context.add_cookies([{**cookie, "url": base_url}])
    return context


class Crawl:
    def __init__(self, role: str, page):
        self.role = role
        self.page = page
        self.problems: list[str] = []
        self.known: set[tuple[str, int, str]] = set()
        self.report: list[dict] = []
        self.current: CrawlPage | None = None
        self.width = 0
        self._axe_script: str | None = None
        self.timing = {"open": 0.0, "measure": 0.0, "axe": 0.0, "screenshot": 0.0}
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problem("console", f"uncaught error: {error}"))
        page.on("response", self._on_response)

    def problem(self, check: str, text: str, width: int | None = None) -> None:
        width = self.width if width is None else width
        name = self.current.name if self.current else "?"
        reason = _known(self.role, name, width, check)
        if reason is not None:
            self.known.add((name, width, check))
            return
        where = f"{self.role} · {name} ({self.current.url if self.current else ''}) · {width} px"
        line = f"{where} · {check}: {text}"
        if line not in self.problems:
            self.problems.append(line)

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        source = (message.location or {}).get("url", "")
        if source.endswith("/favicon.ico"):
            return  # the browser's own guess for an htmx fragment opened on its own
        self.problem("console", f"{message.text} ({source})" if source else message.text)

    def _on_response(self, response) -> None:
        if response.status >= 500:
            self.problem("status", f"{response.url} answered {response.status}")

    def visit(self, crawl_page: CrawlPage) -> None:
        full = _full_crawl()
        viewports = VIEWPORTS if full else VIEWPORTS[-1:]
        self.current, self.width = crawl_page, viewports[0].width
        page = self.page
        page.set_viewport_size({"width": viewports[0].width, "height": viewports[0].height})
        clock = time.monotonic()
        try:
            response = page.goto(crawl_page.url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return  # a file download (CSV, JSON): no page to look at; status checked below
            self.problem("status", f"could not open: {error}")
            return
        if response is None or response.status >= 400:
            status = response.status if response else "no response"
            self.problem("status", f"answered {status}")
            return
        page.evaluate(HTMX_SETTLED)
        fragment = page.evaluate(IS_FRAGMENT)
        clock = self._tick("open", clock)
        entry = {"page": crawl_page.name, "url": crawl_page.url, "final_url": page.url}
        for viewport in viewports:
            self.width = viewport.width
            if viewport != viewports[0]:
                page.set_viewport_size({"width": viewport.width, "height": viewport.height})
            page.evaluate(NEXT_FRAME)
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                self.problem(
                    "overflow",
                    f"the page is {overflow['scrollWidth']} px wide in a {overflow['width']} px "
                    f"window; it starts at: {'; '.join(overflow['widest']) or '?'}",
                )
            for item in page.evaluate(WRAPPED_HEADER_ITEMS):
                self.problem("header", f"wraps over two lines: {item}")
            for word in page.evaluate(BROKEN_HEADING_WORDS):
                self.problem("heading", f"a word broken over two lines: {word}")
            for box in page.evaluate(WIDE_SCROLL_BOXES):
                self.problem("overflow", f"a box is far too wide to read: {box}")
            clock = self._tick("measure", clock)
            if viewport.width == TAP_TARGET_WIDTH and self.role in MAIN_ACTION_ROLES:
                for small in page.evaluate(SMALL_MAIN_ACTIONS, MAIN_ACTION_HEIGHT):
                    self.problem("tap", f"a main action under {MAIN_ACTION_HEIGHT} px: {small}")
            if not full:
                continue
            if viewport.width in AXE_WIDTHS:
                self._axe(viewport.width, fragment=fragment)
            clock = self._tick("axe", clock)
            path = (
                ARTIFACTS_DIR / "crawl" / self.role / f"{crawl_page.file_name}-{viewport.width}.png"
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
            clock = self._tick("screenshot", clock)
        self.report.append(entry)

    def _tick(self, what: str, since: float) -> float:
        now = time.monotonic()
        self.timing[what] += now - since
        return now

    def _axe(self, width: int, *, fragment: bool) -> None:
        options = AXE_AT_PHONE_WIDTH if width == TAP_TARGET_WIDTH else AXE_OPTIONS
        if fragment:
            rules = {**options.get("rules", {}), **{r: {"enabled": False} for r in DOCUMENT_RULES}}
            options = {**options, "rules": rules}
        args = {"context": None, "swappedOnly": False, "options": options}
        result = self.page.evaluate(RUN_AXE, args)
        if result.get("missing"):
            if self._axe_script is None:
                from axe_playwright_python.sync_playwright import Axe

                self._axe_script = Axe().axe_script
            self.page.evaluate(self._axe_script)
            result = self.page.evaluate(RUN_AXE, args)
        for violation in result["violations"]:
            if violation.get("impact") not in FAILING_IMPACTS:
                continue
            check = "tap" if violation["id"] == "target-size" else "axe"
            targets = [" ".join(map(str, n["target"])) for n in violation["nodes"][:4]]
            more = len(violation["nodes"]) - len(targets)
            self.problem(
                check,
                f"{violation['id']}: {violation['help']}: {', '.join(targets)}"
                + (f" (+{more} more)" if more > 0 else ""),
            )


@dataclass
class CrawlSite:
    world: object
    url: str
    cookies: dict[str, dict]


@pytest.fixture(scope="module")
def site(test_database, browser, django_db_blocker):
    """The world, built once for all roles, committed, behind a live server of the module's
    own (pytest-django's ``live_server`` makes every test flush the database afterwards: the
    world would have to be built again for each role). Before and after, the database is
    emptied and the rows the migrations wrote are put back, as a transactional test's
    serialized rollback does."""
    # Unblocked for the whole module: the live server's thread reads the database while the
    # tests run (the tests themselves do not touch it).
    with django_db_blocker.unblock():
        # A transactional test before this module may have left the database empty.
        restore_the_migrated_database()
        world = build_world()
        add_long_texts(world)
        cookies = {role: _session_cookie(world.members[role]) for role in ROLES}
        server = LiveServer("localhost")
        try:
            yield CrawlSite(world, server.url, cookies)
        finally:
            server.stop()
            restore_the_migrated_database()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_works_at_every_width_for(role, browser, site):
    started = time.monotonic()
    pages = pages_for(site.world, role)
    assert pages, f"the access matrix gives {role} no page at all"
    context = _log_in(browser, site.url, site.cookies[role])
    try:
        crawl = Crawl(role, context.new_page())
        for crawl_page in pages:
            crawl.visit(crawl_page)
    finally:
        context.close()
    report = ARTIFACTS_DIR / "crawl" / role / "report.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(
        json.dumps(
            {
                "seconds": round(time.monotonic() - started, 1),
                "timing": crawl.timing,
                "pages": crawl.report,
                "problems": crawl.problems,
            },
            indent=1,
            ensure_ascii=False,
        )
    )
    assert not crawl.problems, (
        f"{len(crawl.problems)} problem(s) on the pages of {role}:\n" + "\n".join(crawl.problems)
    )
