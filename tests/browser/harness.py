"""Browser test harness: Chromium through Playwright, with axe-core on every page a test sees.

What a browser test gets for free (see conftest.py for the fixtures):

* **Accessibility, automatically.** Every document the browser commits in the main frame
  (``page.goto``, a click on a link, a form post and its redirect, a history step) and every
  htmx swap marks the page "to check". The check runs *before the test's next Playwright
  call* (and once more when the test body ends): the harness waits for the ``load`` event
  and for CSS transitions, runs axe-core (the axe.min.js bundled with
  ``axe_playwright_python``: no CDN) and fails the test on any violation of impact
  "serious" or "critical", at the line that follows the navigation. After a navigation axe
  checks the whole document; after htmx swaps only, it checks the swapped elements (the
  rest was checked before), which keeps a test with many swaps fast.
  Running the check from the test's own next call, not from an event handler, keeps it out
  of the way of the test's actions: a handler-driven check races the next click, and
  Chromium does not evaluate scripts in a document whose navigation is held by a route.
  Call ``check_a11y(page)`` for a state no navigation or swap announces (an opened dropdown,
  a dialog, a focus change).
* **A safety net.** Every document announces itself (an init script reports
  ``performance.timeOrigin`` on DOMContentLoaded). When the test ends, a document that
  announced itself but was never checked fails the test: nothing can slip through because a
  test forgot a call, or because the page moved on by itself before the test's next call.
* **Console errors and CSP.** A console error, an uncaught exception or a Content-Security-
  Policy violation (reported by the ``securitypolicyviolation`` event and by Chromium's
  console) fails the test. The app sends script-src 'self' and style-src 'self': an inline
  script or style in a template is a bug. ``allow_console_error(page, regex)`` tolerates an
  expected message (e.g. the 404 of a page the test opens on purpose).
* **Artifacts.** ``screenshot(page, name)`` writes test-artifacts/<name>.png; a failing test
  leaves test-artifacts/failures/<test>.png; every page with axe violations of any impact
  (also "moderate" and "minor", which do not fail) is listed in test-artifacts/axe/<test>.json.

The automatic checkpoint wraps ``SyncBase._sync`` of Playwright's sync API, the one method
every sync call goes through. That is a private name: if a Playwright upgrade removes it,
``install_checkpoint_hook`` says so loudly instead of checking less.

The scripts injected into each page and the formatting of axe findings live in
page_scripts.py.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import greenlet
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Frame, Page

from tests.factories import TEST_PASSWORD

from .page_scripts import (
    AXE_OPTIONS,
    INIT_SCRIPT,
    RUN_AXE,
    AxeRun,
    format_violations,
)

ROOT = Path(__file__).resolve().parents[2]
# `make test` runs the suite on PostgreSQL and on SQLite side by side: each run its own folder.
ARTIFACTS_DIR = ROOT / "test-artifacts" / os.environ.get("NETWERK_TEST_RUN", "")

CHROMIUM_EXECUTABLE = "/usr/bin/chromium"  # Debian's package; never `playwright install`.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# An English browser on purpose: the app must still answer in Dutch unless the person
# chose English (PreferredLanguageMiddleware ignores Accept-Language).
BROWSER_LOCALE = "en-US"
BROWSER_TIMEZONE = "Europe/Brussels"

DEFAULT_TIMEOUT_MS = 10_000


class Viewport(NamedTuple):
    width: int
    height: int


DESKTOP = Viewport(1280, 800)
TABLET = Viewport(820, 1180)
PHONE = Viewport(390, 844)
SMALL_PHONE = Viewport(360, 740)


class BrowserProblem(AssertionError):
    """A page failed axe, logged a console error or violated the Content-Security-Policy."""


@dataclass
class _Watch:
    """What the harness knows about one page (tab)."""

    page: Page
    dirty: bool = False  # a new document (or history step): check all of it
    swapped: bool = False  # htmx swapped content in: check the swapped elements
    announced: dict[float, str] = field(default_factory=dict)  # timeOrigin -> url
    checked: set[float] = field(default_factory=set)
    allowed_console: list[re.Pattern] = field(default_factory=list)


class BrowserSession:
    """One test's browser contexts, and everything they reported.

    The ``page`` fixture opens one; ``browser_session.new_page()`` opens more (a second
    person in a fresh context, another viewport), all watched the same way.
    """

    def __init__(self, browser: Browser, *, base_url: str, test_name: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.test_name = test_name
        self.contexts: list[BrowserContext] = []
        self.watches: list[_Watch] = []
        self.problems: list[str] = []
        self.axe_runs: list[AxeRun] = []  # the runs that found violations (any impact)
        self.checked_urls: list[str] = []  # every axe run, in order
        self.active = True
        self._busy = False
        self._axe = Axe()
        self._test_greenlet = greenlet.getcurrent()

    # -- pages --------------------------------------------------------------------------------

    def new_page(self, viewport: Viewport = DESKTOP, **context_options: Any) -> Page:
        options = {
            "base_url": self.base_url,
            "viewport": {"width": viewport.width, "height": viewport.height},
            "locale": BROWSER_LOCALE,
            "timezone_id": BROWSER_TIMEZONE,
            **context_options,
        }
        context = self.browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.expose_binding("__netwerkHarness", self._on_binding)
        context.add_init_script(INIT_SCRIPT)
        context.on("page", self._watch)  # pop-ups and window.open are watched too
        self.contexts.append(context)
        return context.new_page()

    def _watch(self, page: Page) -> None:
        watch = _Watch(page)
        self.watches.append(watch)
        page.on("framenavigated", lambda frame: self._on_navigated(watch, frame))
        page.on("console", lambda message: self._on_console(watch, message))
        page.on("pageerror", lambda error: self._problem(f"uncaught error on {page.url}: {error}"))

    def watch_for(self, page: Page) -> _Watch:
        for watch in self.watches:
            if watch.page is page:
                return watch
        raise LookupError("this page was not opened by the browser harness (use the page fixture)")

    # -- event handlers: record only, never call back into Playwright --------------------------

    def _on_navigated(self, watch: _Watch, frame: Frame) -> None:
        if frame.parent_frame is None:
            watch.dirty = True

    def _on_console(self, watch: _Watch, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(pattern.search(text) for pattern in watch.allowed_console):
            return
        location = message.location or {}
        where = location.get("url") or watch.page.url
        if location.get("lineNumber"):
            where += f":{location['lineNumber']}"
        kind = "CSP violation" if "Content Security Policy" in text else "console error"
        self._problem(f"{kind} on {watch.page.url} ({where}): {text}")

    def _on_binding(self, source: dict, kind: str, data: dict) -> None:
        try:
            watch = self.watch_for(source["page"])
        except LookupError:
            return
        if kind == "document" and data["url"].startswith(("http://", "https://")):
            watch.announced[data["origin"]] = data["url"]
        elif kind == "swap":
            watch.swapped = True
        elif kind == "csp":
            sample = f", sample {data['sample']!r}" if data.get("sample") else ""
            self._problem(
                f"CSP violation on {data['url']}: {data['directive']} blocked "
                f"{data['blocked'] or 'inline content'} at {data['source']}:{data['line']}{sample}"
            )

    def _problem(self, text: str) -> None:
        if text not in self.problems:
            self.problems.append(text)

    # -- checks -----------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Check every page that changed since its last check, then report all problems."""
        if not self.active or self._busy:
            return
        for watch in list(self.watches):
            if watch.dirty or watch.swapped:
                self.check(watch.page, swapped_only=not watch.dirty)
        self.raise_problems()

    def check(
        self, page: Page, *, context: str | None = None, swapped_only: bool = False
    ) -> AxeRun | None:
        """Run axe on the page as it is now; record serious and critical violations."""
        watch = self.watch_for(page)
        watch.dirty = watch.swapped = False
        if page.is_closed() or not page.url.startswith(("http://", "https://")):
            return None
        self._busy = True
        try:
            run = self._run_axe(page, context, swapped_only)
        finally:
            self._busy = False
        watch.checked.add(run.origin)
        self.checked_urls.append(run.url)
        if run.violations:
            self.axe_runs.append(run)
        if run.failing:
            self._problem(format_violations(run.url, run.failing, scope=run.scope))
        return run

    def _run_axe(self, page: Page, context: str | None, swapped_only: bool) -> AxeRun:
        last_error: Exception | str = "the page kept navigating while axe ran"
        # A document may still navigate (a redirect, a swap that replaces the page) while
        # axe runs: then check the document it arrives at.
        for _attempt in range(3):
            try:
                page.wait_for_load_state("load")
                args = {"context": context, "swappedOnly": swapped_only, "options": AXE_OPTIONS}
                result = page.evaluate(RUN_AXE, args)
                if result.get("missing"):
                    page.evaluate(self._axe.axe_script)  # axe.min.js bundled with the package
                    result = page.evaluate(RUN_AXE, args)
            except PlaywrightError as error:
                last_error = error
                continue
            if not result.get("missing"):
                return AxeRun(
                    result["url"], result["origin"], result["violations"], result["scope"]
                )
        raise BrowserProblem(f"could not run axe on {page.url}: {last_error}")

    def raise_problems(self) -> None:
        if self.problems:
            problems, self.problems = self.problems, []
            raise BrowserProblem("\n\n".join(problems))

    def unchecked_documents(self) -> list[str]:
        return [
            url
            for watch in self.watches
            for origin, url in watch.announced.items()
            if origin not in watch.checked
        ]

    def finish(self) -> None:
        """End of the test body: check what is left, then the safety net."""
        self.checkpoint()
        unchecked = self.unchecked_documents()
        if unchecked:
            raise BrowserProblem(
                "pages were loaded but never checked with axe (the page moved on before the "
                "test's next Playwright call; call check_a11y(page) right after the step that "
                "leads there): " + ", ".join(unchecked)
            )

    # -- end of test ------------------------------------------------------------------------

    def write_axe_report(self) -> Path | None:
        if not self.axe_runs:
            return None
        path = ARTIFACTS_DIR / "axe" / f"{safe_name(self.test_name)}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        report = [
            {"url": run.url, "scope": run.scope or "document", "violations": run.violations}
            for run in self.axe_runs
        ]
        path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        return path

    def screenshot_failure(self) -> None:
        for number, watch in enumerate(self.watches):
            if watch.page.is_closed():
                continue
            suffix = f"-{number}" if number else ""
            with contextlib.suppress(PlaywrightError):
                screenshot(watch.page, f"failures/{self.test_name}{suffix}")

    def close(self) -> None:
        self.active = False
        for context in self.contexts:
            with contextlib.suppress(PlaywrightError):
                context.close()


# -- the automatic checkpoint ------------------------------------------------------------------

_active_session: BrowserSession | None = None


def activate(session: BrowserSession | None) -> None:
    global _active_session
    _active_session = session


def install_checkpoint_hook() -> None:
    """Run ``checkpoint()`` before each Playwright call the test itself makes."""
    from playwright._impl import _sync_base

    sync_base = _sync_base.SyncBase
    original = getattr(sync_base, "_sync", None)
    if original is None:
        raise RuntimeError(
            "playwright._impl._sync_base.SyncBase._sync is gone (Playwright upgrade?): the "
            "browser harness cannot check pages automatically; adapt tests/browser/harness.py"
        )
    if getattr(original, "_netwerk_checkpoint", False):
        return

    def _sync(self, awaitable):
        session = _active_session
        if (
            session is not None
            and session.active
            and not session._busy
            and greenlet.getcurrent() is session._test_greenlet
        ):
            try:
                session.checkpoint()
            except BaseException:
                if asyncio.iscoroutine(awaitable):
                    awaitable.close()  # the call never runs: no "never awaited" warning
                raise
        return original(self, awaitable)

    _sync._netwerk_checkpoint = True
    _sync._netwerk_original = original
    sync_base._sync = _sync


def uninstall_checkpoint_hook() -> None:
    from playwright._impl import _sync_base

    current = _sync_base.SyncBase._sync
    if getattr(current, "_netwerk_checkpoint", False):
        _sync_base.SyncBase._sync = current._netwerk_original


# -- helpers for tests -------------------------------------------------------------------------


def session_of(page: Page) -> BrowserSession:
    if _active_session is None:
        raise RuntimeError("no browser test is running (use the page fixture)")
    _active_session.watch_for(page)
    return _active_session


def check_a11y(page: Page, *, context: str | None = None) -> None:
    """Check the page as it is now (after opening a menu, a dialog, an htmx swap ...).

    ``context`` limits axe to a CSS selector. Fails right here on a serious or critical
    violation, or on a console error or CSP violation recorded so far.
    """
    session = session_of(page)
    session.check(page, context=context)
    session.checkpoint()  # other pages that changed, and all problems recorded so far


def allow_console_error(page: Page, pattern: str) -> None:
    """Do not fail on console errors matching ``pattern`` (a regular expression) in this page."""
    session_of(page).watch_for(page).allowed_console.append(re.compile(pattern))


def visit(page: Page, path: str, *, status: int = 200):
    """Open ``path`` (relative to the live server) and assert the HTTP status."""
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, expected {status}"
    return response


def login_as(page: Page, live_server, membership, *, password: str = TEST_PASSWORD) -> Page:
    """Log in through the real login form and wait for the page after it."""
    page.goto(f"{live_server.url}/accounts/login/")
    form = page.locator("form[action$='/accounts/login/']")
    form.locator("input[name='login']").fill(membership.user.email)
    form.locator("input[name='password']").fill(password)
    form.locator("button[type='submit']").click()
    try:
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
    except PlaywrightError as error:
        alert = page.locator("[role='alert']")
        reason = alert.inner_text() if alert.count() else "no error message shown"
        raise AssertionError(f"log-in as {membership.user.email} failed: {reason}") from error
    return page


def safe_name(name: str) -> str:
    """A file name under test-artifacts/ ("/" makes a sub-folder, ".." is not allowed)."""
    return re.sub(r"[^A-Za-z0-9._/-]+|\.\.+", "-", name).strip("-/")


def screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Write test-artifacts/<name>.png (the folder is gitignored) and return its path."""
    path = ARTIFACTS_DIR / f"{safe_name(name).removesuffix('.png')}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path
