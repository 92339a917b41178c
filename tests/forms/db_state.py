"""Every row of the application's tables, to compare before and after a request."""

from django.apps import apps
from django.db import connection

# Written by every save on purpose; they say when, not what.
IGNORED_COLUMNS = {"updated_at", "changed_at", "modified_at", "last_login"}


def _models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.db_table.startswith(("django_", "auth_"))
    ]


def snapshot(skip_tables: frozenset[str] = frozenset()) -> dict[str, dict]:
    """table -> {primary key: {column: value}} for every application table not skipped."""
    state: dict[str, dict] = {}
    with connection.cursor() as cursor:
        for model in _models():
            table = model._meta.db_table
            if table in skip_tables:
                continue
            # Table names come from the models, never from input.
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            columns = [column[0] for column in cursor.description]
            pk = model._meta.pk.column
            rows = {}
            for number, row in enumerate(cursor.fetchall()):
                values = dict(zip(columns, row, strict=True))
                key = values.get(pk, number)
                rows[key] = {c: v for c, v in values.items() if c not in IGNORED_COLUMNS}
            state[table] = rows
    return state


def differences(before: dict[str, dict], after: dict[str, dict]) -> list[str]:
    """What changed, one line per added, removed or changed row (changed columns named)."""
    found = []
    for table, rows in after.items():
        old = before.get(table, {})
        for key in rows.keys() - old.keys():
            found.append(f"{table}: row {key} added")
        for key in old.keys() - rows.keys():
            found.append(f"{table}: row {key} removed")
        for key in rows.keys() & old.keys():
            for column, value in rows[key].items():
                if old[key].get(column) != value:
                    found.append(f"{table}.{column} of row {key}: {old[key][column]!r} → {value!r}")
    return sorted(found)
