"""Trigram indexes for the caseload's and the API's name search on PostgreSQL.

The search is `icontains` on first, last and preferred name (PostgreSQL: `UPPER(col::text)
LIKE UPPER('%term%')`) or the exact reference code. Without these indexes a search over a
whole organisation reads every file (bench/README.md: 100,000 files, about 140 ms). Each
index matches the expression Django generates, so the planner combines them in a BitmapOr.

PostgreSQL only (the embedded SQLite of `make run` has no pg_trgm and small data). The
extension is trusted since PostgreSQL 13: the database owner may create it.
"""

from django.db import migrations

NAME_COLUMNS = ("first_name", "last_name", "preferred_name")
TABLE = "participants_participant"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in NAME_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS participant_{column}_trgm ON {TABLE} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS participant_reference_upper ON {TABLE} "
        "((UPPER(reference_code::text)))"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in NAME_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS participant_{column}_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS participant_reference_upper")


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0007_caseload_sort_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
