"""Fixtures for the browser tests: one Chromium for the whole browser suite, a fresh context
(cookies, storage, viewport) per test, axe-core on every page. See harness.py.

    def test_something(page, live_server, social_worker):
        login_as(page, live_server, social_worker)   # every page on the way is checked
        ...

Viewports: desktop (1280x800) unless the test says otherwise, with a marker
``@pytest.mark.viewport(390, 844)`` / ``@pytest.mark.viewport(PHONE)`` or indirectly:
``@pytest.mark.parametrize("viewport", [PHONE, TABLET], indirect=True)``.
"""

import os
import pathlib

import pytest
from django.db import connections
from django.test.utils import setup_databases, teardown_databases
from playwright.sync_api import sync_playwright

from . import harness
from .harness import DESKTOP, Viewport

BROWSER_DIR = pathlib.Path(__file__).parent
SESSION_KEY = pytest.StashKey[harness.BrowserSession]()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "viewport(width, height): browser viewport for the page fixture (or viewport(PHONE))",
    )


def pytest_collection_modifyitems(items):
    # Every test in this folder drives Chromium: mark it, also when a module forgets its
    # pytestmark, so that `-m "not browser"` always leaves them out.
    for item in items:
        if BROWSER_DIR in pathlib.Path(str(item.path)).parents and not item.get_closest_marker(
            "browser"
        ):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def playwright(django_db_setup):
    # Playwright's sync API runs an asyncio event loop in this (the main) thread and marks
    # it as running between calls. Django then sees "an async context" in the test code and
    # refuses ORM calls there (SynchronousOnlyOperation): the factories of the role fixtures
    # and pytest-django's flush after each test. The test code does not run inside that
    # loop (no coroutine is involved), so the check is a false alarm here. The live server
    # runs in threads of its own and is not affected.
    #
    # The permission is given for exactly as long as Playwright runs: package scope, i.e.
    # one browser for all of tests/browser, stopped (and the permission withdrawn) before
    # the rest of the suite goes on. A session-scoped Playwright would leave the loop marked
    # as running in the main thread, and the permission set, for every test run after it.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

    # The same running loop makes Django keep database connections per context instead of
    # per thread (asgiref's thread-critical Local), so from here on the test code gets new
    # connection objects, without the snapshot of the migrated database that
    # django_db_setup stored on the old ones for serialized rollback. Hand it over, or the
    # second browser test would silently start without the rows the migrations wrote.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    manager = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    harness.install_checkpoint_hook()
    try:
        yield manager
    finally:
        harness.uninstall_checkpoint_hook()
        connections.close_all()  # the per-context connections, while they are reachable
        manager.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright):
    browser = playwright.chromium.launch(
        executable_path=harness.CHROMIUM_EXECUTABLE, args=harness.CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def viewport(request) -> Viewport:
    if hasattr(request, "param"):
        return Viewport(*request.param)
    marker = request.node.get_closest_marker("viewport")
    if marker is None:
        return DESKTOP
    args = marker.args[0] if len(marker.args) == 1 else marker.args
    return Viewport(*args)


@pytest.fixture
def browser_session(browser, live_server, django_db_serialized_rollback, request):
    """The test's browser session: ``browser_session.new_page(viewport)`` opens more pages.

    The live server needs a transactional database (the data is flushed after the test);
    serialized rollback restores the rows the migrations wrote (the seven work models) for
    the next browser test.
    """
    session = harness.BrowserSession(browser, base_url=live_server.url, test_name=request.node.name)
    request.node.stash[SESSION_KEY] = session
    harness.activate(session)
    yield session
    harness.activate(None)
    session.close()


@pytest.fixture
def page(browser_session, viewport):
    page = browser_session.new_page(viewport)
    browser_session.watch_for(page)  # fails loudly if the page escaped the harness
    return page


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    session = item.stash.get(SESSION_KEY, None)
    try:
        result = yield
    except BaseException:
        if session is not None:
            # The test failed already: keep the evidence, do not pile a second error on it.
            session.active = False
            session.screenshot_failure()
            session.write_axe_report()
            if session.problems:
                item.add_report_section("call", "browser", "\n\n".join(session.problems))
        raise
    if session is not None:
        try:
            session.finish()
        except BaseException:
            session.active = False
            session.screenshot_failure()
            raise
        finally:
            session.active = False
            session.write_axe_report()
    return result


@pytest.fixture(scope="module")
def test_database(request, django_db_setup, django_db_blocker):
    """The test database, for tests that read outside any transaction of their own.

    A test that reads what a live server commits must not hold a transaction of its own (on
    SQLite a transaction holds the write lock from its start, and sees a snapshot taken at its
    first read). pytest-django creates the database only when a test of the session is marked
    `django_db` or asks for a database fixture; run on their own, such modules are none of
    those, so it is created here.
    """
    if any(_asks_for_a_database(item) for item in request.session.items):
        yield
        return
    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases={"default"}
        )
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


def _asks_for_a_database(item) -> bool:
    database_fixtures = {"db", "transactional_db", "live_server"}
    return bool(
        item.get_closest_marker("django_db")
        or database_fixtures & set(getattr(item, "fixturenames", ()))
    )
