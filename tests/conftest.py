"""Shared fixtures: one organisation with a person in every role, and a second organisation.

Role fixtures return the Membership (its `.user` and `.organisation` are one hop away);
`login` gives a Django test client logged in as a membership's user.
"""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from accounts.models import Role

from .database import ensure_the_migrated_rows, take_a_snapshot_of_the_migrated_database
from .factories import MembershipFactory, OrganisationFactory

POSTGRESQL_ONLY = pytest.StashKey[list[str]]()


def pytest_collection_modifyitems(config, items):
    """On SQLite, leave out the tests marked `postgresql` (a PostgreSQL-only feature: trigram
    indexes, the dashboard's SQL path), and name them at the end of the run: never silently."""
    if django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    needs = [item for item in items if item.get_closest_marker("postgresql")]
    if needs:
        config.hook.pytest_deselected(items=needs)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
    config.stash[POSTGRESQL_ONLY] = [item.nodeid for item in needs]
    if hasattr(config, "workeroutput"):  # a pytest-xdist worker: the controller reports them
        config.workeroutput["postgresql_only"] = config.stash[POSTGRESQL_ONLY]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist's controller collects nothing itself: it hears from each worker which
    tests were left out (every worker collects the same ones)."""
    left_out = getattr(node, "workeroutput", {}).get("postgresql_only")
    if left_out:
        node.config.stash[POSTGRESQL_ONLY] = left_out


def pytest_terminal_summary(terminalreporter, config):
    left_out = config.stash.get(POSTGRESQL_ONLY, [])
    if left_out:
        terminalreporter.write_line(
            f"Not run on SQLite, they need PostgreSQL ({len(left_out)}; docs/architecture.md):"
        )
        for nodeid in left_out:
            terminalreporter.write_line(f"  {nodeid}")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, with a snapshot of the rows the migrations wrote even
    when no test of the run asks for serialized rollback (tests/database.py puts them back)."""
    with django_db_blocker.unblock():
        take_a_snapshot_of_the_migrated_database()
    yield


@pytest.fixture(scope="module", autouse=True)
def _migrated_rows(django_db_blocker):
    """Every test file starts with the rows the migrations wrote (tests/database.py); the
    package-scoped worlds, set up before this, ask for them themselves."""
    with django_db_blocker.unblock():
        ensure_the_migrated_rows()
    yield


@pytest.fixture(autouse=True)
def _clear_cache():
    # allauth's rate limits live in the cache (Redis in the suite); start every test clean.
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language(settings):
    # A request activates its user's language for the thread and leaves it active: a service
    # called directly in the next test would speak English after an English page.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="CAW Test")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="OCMW Elders")


def _member(organisation, role):
    return MembershipFactory(organisation=organisation, role=role)


@pytest.fixture
def org_admin(organisation):
    return _member(organisation, Role.ORG_ADMIN)


@pytest.fixture
def coordinator(organisation):
    return _member(organisation, Role.COORDINATOR)


@pytest.fixture
def social_worker(organisation):
    return _member(organisation, Role.SOCIAL_WORKER)


@pytest.fixture
def colleague(organisation):
    """A second social worker in the same organisation."""
    return _member(organisation, Role.SOCIAL_WORKER)


@pytest.fixture
def volunteer(organisation):
    return _member(organisation, Role.VOLUNTEER)


@pytest.fixture
def researcher(organisation):
    return _member(organisation, Role.RESEARCHER)


@pytest.fixture
def other_org_worker(other_organisation):
    return _member(other_organisation, Role.SOCIAL_WORKER)


@pytest.fixture
def other_org_admin(other_organisation):
    return _member(other_organisation, Role.ORG_ADMIN)


@pytest.fixture
def login(db):
    def _login(membership) -> Client:
        client = Client()
        client.force_login(membership.user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; the suite logs in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
