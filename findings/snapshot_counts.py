"""The network snapshots of an organisation with their member counts, counted once and kept.

A snapshot is frozen once taken, so its member counts never change: the first computation
that meets a snapshot counts its members and keeps the counts (`SnapshotCounts`, deleted with
the snapshot), and every later one reads them instead of counting every member of every
snapshot again (1.45 million members at 100,000 participants). After a bulk load of snapshots
the first computation counts them all, in one statement.
"""

import logging

import numpy as np
from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Count, IntegerField, Q, When
from django.db.models.constants import OnConflict
from django.db.models.functions import Coalesce

from participants.models import NetworkSnapshot
from participants.models.network import FORMAL_SECTORS, Direction, Sector

from .columns import DayNumber, int_columns
from .models import SnapshotCounts

logger = logging.getLogger(__name__)

INFORMAL_SECTORS = [code for code in Sector.values if code not in FORMAL_SECTORS]
COLUMNS = ("snapshot", "size", "informal", "reciprocal")
# Above this many snapshots to count, they are counted and kept in the database first and read
# back; fewer are counted and kept by their ids.
BULK_COUNT = 1000


def is_baseline() -> Case:
    return Case(When(kind=NetworkSnapshot.Kind.BASELINE, then=1), default=0)


def member_counts(snapshots):
    """(snapshot, size, informal, reciprocal) per snapshot of the queryset: how the dashboard
    counts a network map's members."""
    return (
        snapshots.order_by()
        .values_list("id")
        .annotate(
            size=Count("members"),
            informal=Count("members", filter=Q(members__sector__in=INFORMAL_SECTORS)),
            reciprocal=Count("members", filter=Q(members__direction=Direction.MUTUAL.value)),
        )
    )


def rows(organisation_id: int) -> np.ndarray:
    """(snapshot, participant, is_baseline, day, size, informal, reciprocal) per snapshot."""
    snapshots = NetworkSnapshot.objects.filter(participant__organisation_id=organisation_id)
    found = _read(snapshots)
    if (found[:, 4] < 0).sum() > BULK_COUNT and keep_counts(snapshots.filter(counts=None)):
        found = _read(snapshots)
    missing = np.flatnonzero(found[:, 4] < 0)
    if len(missing):
        ids = found[missing, 0]
        found[missing, 4:] = _count(ids)
        keep_counts(NetworkSnapshot.objects.filter(pk__in=ids.tolist()))
    return found


def _read(snapshots) -> np.ndarray:
    """The snapshots with their kept counts, -1 where they have not been counted yet."""
    kept = [Coalesce(f"counts__{name}", -1, output_field=IntegerField()) for name in COLUMNS[1:]]
    found = snapshots.order_by().values_list(
        "id", "participant_id", is_baseline(), DayNumber("taken_on"), *kept
    )
    return int_columns(found, 7)


def _count(ids: np.ndarray) -> np.ndarray:
    """(size, informal, reciprocal) of these snapshots, in their order (zeros for one deleted
    meanwhile)."""
    counted = int_columns(member_counts(NetworkSnapshot.objects.filter(pk__in=ids.tolist())), 4)
    result = np.zeros((len(ids), 3), dtype=np.int64)
    position = {pk: i for i, pk in enumerate(ids.tolist())}
    for pk, *counts in counted.tolist():
        result[position[pk]] = counts
    return result


def keep_counts(snapshots) -> bool:
    """Count and keep the members of these snapshots, in the database (one statement). A
    snapshot counted by another computation at the same time is skipped (it found the same
    numbers). False when the counts could not be kept."""
    select, params = member_counts(snapshots).query.sql_with_params()
    ops = connection.ops
    table = ops.quote_name(SnapshotCounts._meta.db_table)
    fields = [SnapshotCounts._meta.get_field(name) for name in COLUMNS]
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    suffix = ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)
    insert = f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {table} ({columns})"
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            # The queryset's own SQL under the model's table and column names.
            cursor.execute(f"{insert} {select} {suffix}", params)
    except DatabaseError:
        logger.warning("could not keep snapshot counts", exc_info=True)
        return False
    return True
