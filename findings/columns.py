"""Integer columns out of the database, for the numpy work of the findings.

The queries are ordinary querysets whose values are all integers (dates as day numbers,
`DayNumber`). On PostgreSQL the database joins the rows into one text that numpy parses in C:
a Python tuple per row would cost more than the query itself (hundreds of thousands of rows
for the dashboard). Elsewhere the rows are fetched as usual.
"""

from contextlib import contextmanager

import numpy as np
from django.db import connection, transaction
from django.db.models import Func, IntegerField, QuerySet

DAY_ZERO = "2000-01-01"  # dates travel as day numbers since this day


class DayNumber(Func):
    """A date as the number of days since `DAY_ZERO`."""

    output_field = IntegerField()
    template = f"(%(expressions)s - DATE '{DAY_ZERO}')"

    def as_sqlite(self, compiler, connection, **extra_context):
        template = f"CAST(julianday(%(expressions)s) - julianday('{DAY_ZERO}') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def int_columns(queryset: QuerySet, width: int) -> np.ndarray:
    """The rows of a `values_list` queryset of `width` integer values, as an array."""
    if not joined_in_the_database():
        return np.array(list(queryset), dtype=np.int64).reshape(-1, width)
    sql, params = queryset.query.sql_with_params()
    names = ", ".join(f"c{i}" for i in range(width))
    # The queryset's own SQL and generated column names: no user input in the text.
    joined = f"SELECT string_agg(concat_ws(',', {names}), ',') FROM ({sql}) AS q({names})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(joined, params)
        text = cursor.fetchone()[0]
    if not text:
        return np.empty((0, width), dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, width)


def joined_in_the_database() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def analytic_reads():
    """One transaction for the reads of a computation. On PostgreSQL these are analytic
    queries: hash in memory rather than on disk; compiling them (JIT) would cost more than it
    saves at this size."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)"
                )
        yield
