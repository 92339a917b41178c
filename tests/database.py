"""The test database between tests that commit.

A transactional test (a live server, real workers) leaves the database flushed: empty after a
serialized rollback, or with only the content types and permissions that the flush's
post-migrate signal writes back. pytest-django runs such tests after the others, but pytest-xdist
hands out whole files in its own order, so the tests of the next file may find the database
without the rows the migrations wrote (the seven work models, the seeded findings).
"""

from pathlib import Path

from django.core.management import call_command
from django.db import connections


def take_a_snapshot_of_the_migrated_database() -> None:
    """What serialized rollback keeps, taken for every test database that has none yet (only
    databases named test_*, so never a real one when a run needs no database)."""
    for alias in connections:
        connection = connections[alias]
        if hasattr(connection, "_test_serialized_contents"):
            continue
        if not Path(str(connection.settings_dict["NAME"])).name.startswith("test_"):
            continue
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()


def restore_the_migrated_database() -> None:
    """Empty the database and put back the rows the migrations wrote, as a transactional
    test's serialized rollback does; nothing when no snapshot was taken (not a test database)."""
    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if not contents:
            continue
        call_command(  # as TransactionTestCase does: the sequences stay past the rows
            "flush",
            verbosity=0,
            interactive=False,
            database=alias,
            reset_sequences=False,
            inhibit_post_migrate=True,
        )
        connection.creation.deserialize_db_from_string(contents)


def ensure_the_migrated_rows() -> None:
    """Put the migrations' rows back if a flush took them (for fixtures that build data; only
    a test database, which has a snapshot, is ever asked)."""
    from workmodels.models import WorkModel

    if getattr(connections["default"], "_test_serialized_contents", None) and not (
        WorkModel.objects.exists()
    ):
        restore_the_migrated_database()
