"""PostgreSQL versions of the heavy reads of `practice`, returning integer columns.

The database does what only it can do cheaply (counting 1.4 million snapshot members, mapping
free-text fields to small codes) and returns plain integers; numpy does the rest (picking each
participant's baseline and latest follow-up), which is cheaper than asking PostgreSQL to sort
every measurement twice for two DISTINCT ONs. Other databases (the SQLite of a development
machine) use the portable ORM reads in `practice`, which feed the same pickers.
"""

import logging

import numpy as np
from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)
KEPT = ("ids", "size", "informal", "reciprocal")

DAY_ZERO = "2000-01-01"  # dates travel as day numbers since this day

# Per snapshot of the organisation: its member counts as kept in findings_snapshotcounts, or
# -1 where they have not been counted yet (see `count_snapshots`).
_SNAPSHOTS = f"""
SELECT s.id, s.participant_id, (s.kind = 'baseline')::int, s.taken_on - DATE '{DAY_ZERO}',
       coalesce(c.size, -1), coalesce(c.informal, -1), coalesce(c.reciprocal, -1)
FROM participants_networksnapshot s
JOIN participants_participant p ON p.id = s.participant_id
LEFT JOIN findings_snapshotcounts c ON c.snapshot_id = s.id
WHERE p.organisation_id = %(org)s
"""  # noqa: S608 (a constant)

# The member counts of a few snapshots, through the member table's snapshot index.
_COUNT_SNAPSHOTS = """
SELECT m.snapshot_id, count(*),
       count(*) FILTER (WHERE m.sector = ANY(%(informal)s)),
       count(*) FILTER (WHERE m.direction = %(mutual)s)
FROM participants_snapshotmember m
WHERE m.snapshot_id = ANY(%(ids)s::bigint[])
GROUP BY m.snapshot_id
"""

# Keeps the counts of a few snapshots. A snapshot deleted meanwhile is skipped, and so is one
# that another computation counted at the same time (it found the same numbers).
_KEEP_COUNTS = """
INSERT INTO findings_snapshotcounts (snapshot_id, size, informal, reciprocal)
SELECT k.id, k.size, k.informal, k.reciprocal
FROM unnest(%(ids)s::bigint[], %(size)s::int[], %(informal)s::int[], %(reciprocal)s::int[])
  AS k(id, size, informal, reciprocal)
JOIN participants_networksnapshot s ON s.id = k.id
ON CONFLICT (snapshot_id) DO NOTHING
"""

# Counts and keeps, in the database, every snapshot of the organisation not counted yet: after
# a bulk load (the first computation then takes a few seconds more, once).
_COUNT_ALL_MISSING = """
INSERT INTO findings_snapshotcounts (snapshot_id, size, informal, reciprocal)
SELECT s.id, count(m.id), count(m.id) FILTER (WHERE m.sector = ANY(%(informal)s)),
       count(m.id) FILTER (WHERE m.direction = %(mutual)s)
FROM participants_networksnapshot s
JOIN participants_participant p ON p.id = s.participant_id
LEFT JOIN participants_snapshotmember m ON m.snapshot_id = s.id
WHERE p.organisation_id = %(org)s
  AND NOT EXISTS (SELECT 1 FROM findings_snapshotcounts c WHERE c.snapshot_id = s.id)
GROUP BY s.id
ON CONFLICT (snapshot_id) DO NOTHING
"""
# Above this many snapshots to count, `_COUNT_ALL_MISSING` rather than passing their ids.
BULK_COUNT = 1000

# Every total of the two instruments, as (participant, instrument, day, id, total).
_MEASUREMENTS = f"""
SELECT m.participant_id, m.instrument_id, m.taken_on - DATE '{DAY_ZERO}', m.id, m.total
FROM participants_measurement m
JOIN participants_participant p ON p.id = m.participant_id
WHERE p.organisation_id = %(org)s AND m.instrument_id = ANY(%(instruments)s)
  AND m.total IS NOT NULL
"""  # noqa: S608 (a constant)

_TRAJECTORIES = """
SELECT t.participant_id, t.work_model_id,
       greatest(max(coalesce(t.ended_on, %(today)s)) - min(t.started_on), 0)
FROM participants_trajectory t
JOIN participants_participant p ON p.id = t.participant_id
WHERE p.organisation_id = %(org)s AND t.status <> 'considering'
GROUP BY t.participant_id, t.work_model_id
"""

# Per participant: id, birth year (0: unknown) and the level code of each dimension, mapped as
# `practice` maps them in Python (the same word lists and level orders, passed as parameters;
# trimming here takes ASCII whitespace only, which is what people type). A participant has at
# most one current research consent (a unique constraint: not withdrawn, not renewed), so the
# join adds no rows; it counts when it is in force today (participants.models.consent:
# current and not past its expiry date).
_PEOPLE = r"""
WITH p AS (
  SELECT p.id, coalesce(p.birth_year, 0) AS birth_year,
         lower(btrim(p.gender, E' \t\n\r\f\x0b')) AS gender,
         p.household, p.has_smartphone, p.internet_at_home,
         btrim(p.migration_background, E' \t\n\r\f\x0b') <> '' AS migration,
         p.anonymised_on IS NOT NULL AS erased, c.id IS NOT NULL AS research
  FROM participants_participant p
  LEFT JOIN participants_consent c
    ON c.participant_id = p.id AND c.purpose = %(research)s AND c.withdrawn_on IS NULL
   AND c.renewed_on IS NULL AND (c.expires_on IS NULL OR c.expires_on >= %(today)s)
  WHERE p.organisation_id = %(org)s
)
SELECT id, birth_year,
       CASE WHEN gender = ANY(%(women)s) THEN %(woman)s WHEN gender = ANY(%(men)s) THEN %(man)s
            WHEN gender = '' THEN %(gender_unknown)s ELSE %(gender_other)s END,
       coalesce(array_position(%(households)s, household::text), %(household_unknown)s + 1) - 1,
       CASE WHEN has_smartphone OR internet_at_home THEN %(digital_yes)s
            WHEN has_smartphone = false AND internet_at_home = false THEN %(digital_no)s
            ELSE %(digital_unknown)s END,
       CASE WHEN NOT research OR erased THEN -1 WHEN migration THEN %(migration_yes)s
            ELSE %(migration_no)s END
FROM p ORDER BY id
"""


def rows(sql: str, params: dict, columns: int) -> np.ndarray:
    """The query's integer rows as an array. The database joins them into one text that numpy
    parses in C: a Python tuple per row would cost more than the query itself."""
    names = ", ".join(f"c{i}" for i in range(columns))
    # Only this module's constant queries and generated column names: no user input.
    joined = f"SELECT string_agg(concat_ws(',', {names}), ',') FROM ({sql}) AS q({names})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        # One analytic query: hash in memory rather than on disk; compiling it (JIT) would
        # cost more than it saves at this size.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(joined, params)
        text = cursor.fetchone()[0]
    if not text:
        return np.empty((0, columns), dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, columns)


def snapshot_rows(organisation_id: int, *, informal: list[str], mutual: str) -> np.ndarray:
    """(snapshot, participant, is_baseline, day, size, informal, reciprocal) per snapshot.

    A snapshot is frozen once taken, so its member counts are counted once in its life, by the
    first computation that meets it, and kept in findings_snapshotcounts."""
    params = {"org": organisation_id, "informal": informal, "mutual": mutual}
    found = rows(_SNAPSHOTS, params, 7)
    if (found[:, 4] < 0).sum() > BULK_COUNT:
        _execute(_COUNT_ALL_MISSING, params)
        found = rows(_SNAPSHOTS, params, 7)
    missing = np.flatnonzero(found[:, 4] < 0)
    if len(missing):
        counted = count_snapshots(found[missing, 0], informal=informal, mutual=mutual)
        found[missing, 4:] = counted[np.searchsorted(counted[:, 0], found[missing, 0]), 1:]
    return found


def count_snapshots(ids: np.ndarray, *, informal: list[str], mutual: str) -> np.ndarray:
    """Count the members of these snapshots and keep the counts: (snapshot, size, informal,
    reciprocal) per snapshot, sorted by snapshot id."""
    ids = np.unique(ids)
    params = {"ids": ids.tolist(), "informal": informal, "mutual": mutual}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_COUNT_SNAPSHOTS, params)
        found = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 4)
    counted = np.zeros((len(ids), 4), dtype=np.int64)  # a snapshot of an empty map: zeros
    counted[:, 0] = ids
    counted[np.searchsorted(ids, found[:, 0]), 1:] = found[:, 1:]
    _execute(_KEEP_COUNTS, {name: counted[:, i].tolist() for i, name in enumerate(KEPT)})
    return counted


def _execute(sql: str, params: dict) -> None:
    """Keep counts. Keeping them only saves time next time: the figures are right without."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(sql, params)
    except DatabaseError:
        logger.warning("could not keep snapshot counts", exc_info=True)


def measurement_rows(organisation_id: int, instruments: list[int]) -> np.ndarray:
    """(participant, instrument, day, id, total) per measurement with a total."""
    return rows(_MEASUREMENTS, {"org": organisation_id, "instruments": instruments}, 5)


def trajectory_rows(organisation_id: int, today) -> np.ndarray:
    """(participant, work model, days from first start to last end) per pair."""
    return rows(_TRAJECTORIES, {"org": organisation_id, "today": today}, 3)


def people_rows(organisation_id: int, params: dict, today) -> np.ndarray:
    """(id, birth year, gender, household, digital access, migration background) per
    participant, ordered by id; `params` gives the codes (see `practice.people_sql_params`)."""
    return rows(_PEOPLE, {"org": organisation_id, "today": today, **params}, 6)
