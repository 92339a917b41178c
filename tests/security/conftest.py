"""The world (world.py) built once for the tests in this folder, with a logged-in client per
role. It lives in one transaction, rolled back after the folder's last test; the other tests
here run inside it too (each in its own savepoint, as pytest-django does)."""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client

from tests.database import ensure_the_migrated_rows

from .world import build_world


def _tables() -> list[str]:
    """Every table of the application, the audit trail included: a refused request writes
    nothing, not even a `read` event."""
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.db_table.startswith(("django_", "auth_"))
    )


def row_counts(tables: list[str]) -> tuple:
    # Table names come from the models, never from input.
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_the_migrated_rows()  # a transactional test may have run before (tests/database.py)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            world.clients = {"anonymous": Client()}
            for role, membership in world.members.items():
                client = Client()
                client.force_login(membership.user)
                world.clients[role] = client
            world.tables = _tables()
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
