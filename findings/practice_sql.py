"""PostgreSQL versions of the heavy reads of `practice`: the database picks each participant's
baseline and latest follow-up and returns one row per participant, as integers (day numbers,
differences), instead of every snapshot and measurement as Python dates. Other databases (the
SQLite of a development machine) use the portable ORM reads in `practice`."""

import numpy as np
from django.db import connection, transaction

from participants.models.network import FORMAL_SECTORS

# Per snapshot of the organisation: its member counts, as integers (day numbers since 2000).
_SNAPSHOTS = """
SELECT s.participant_id, (s.kind = 'baseline')::int, s.taken_on - DATE '2000-01-01',
       count(m.id), count(m.id) FILTER (WHERE m.sector <> ALL(%(formal)s)),
       count(m.id) FILTER (WHERE m.direction = 'mutual')
FROM participants_networksnapshot s
JOIN participants_participant p ON p.id = s.participant_id
LEFT JOIN participants_snapshotmember m ON m.snapshot_id = s.id
WHERE p.organisation_id = %(org)s
GROUP BY s.id
"""

_MEASUREMENTS = """
WITH m AS (
  SELECT m.participant_id, m.instrument_id, m.taken_on, m.total, m.id
  FROM participants_measurement m
  JOIN participants_participant p ON p.id = m.participant_id
  WHERE p.organisation_id = %(org)s AND m.instrument_id = ANY(%(instruments)s)
    AND m.total IS NOT NULL
), first AS (
  SELECT DISTINCT ON (participant_id, instrument_id) participant_id, instrument_id, taken_on,
         total
  FROM m ORDER BY participant_id, instrument_id, taken_on, id
), last AS (
  SELECT DISTINCT ON (participant_id, instrument_id) participant_id, instrument_id, taken_on,
         total
  FROM m ORDER BY participant_id, instrument_id, taken_on DESC, id DESC
)
SELECT first.participant_id, first.instrument_id, last.total - first.total
FROM first JOIN last USING (participant_id, instrument_id)
WHERE last.taken_on > first.taken_on
"""

_TRAJECTORIES = """
SELECT t.participant_id, t.work_model_id,
       greatest(max(coalesce(t.ended_on, %(today)s)) - min(t.started_on), 0)
FROM participants_trajectory t
JOIN participants_participant p ON p.id = t.participant_id
WHERE p.organisation_id = %(org)s AND t.status <> 'considering'
GROUP BY t.participant_id, t.work_model_id
"""


def _rows(sql: str, params: dict, columns: int) -> np.ndarray:
    """The query's integer rows as an array. The database joins them into one text that numpy
    parses in C: a Python tuple per row would cost more than the query itself."""
    names = ", ".join(f"c{i}" for i in range(columns))
    # Only this module's constant queries and generated column names: no user input.
    joined = f"SELECT string_agg(concat_ws(',', {names}), ',') FROM ({sql}) AS q({names})"  # noqa: S608
    with transaction.atomic(), connection.cursor() as cursor:
        # One analytic query: sort and hash in memory rather than on disk.
        cursor.execute("SET LOCAL work_mem = '64MB'")
        cursor.execute(joined, params)
        text = cursor.fetchone()[0]
    if not text:
        return np.empty((0, columns), dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",").reshape(-1, columns)


def snapshot_changes(organisation_id: int) -> dict:
    rows = _rows(
        _SNAPSHOTS, {"org": organisation_id, "formal": [str(s) for s in FORMAL_SECTORS]}, 6
    )
    return pick_changes(rows)


def pick_changes(rows: np.ndarray) -> dict:
    """From (participant, is_baseline, day, size, informal, reciprocal) per snapshot: per
    metric, participant ids and latest follow-up minus first baseline (follow-up later)."""
    metrics = ("size", "informal", "reciprocal")
    if not len(rows):
        return {m: (np.array([], dtype=np.int64), np.array([])) for m in metrics}
    pid, base, day = rows[:, 0], rows[:, 1] == 1, rows[:, 2]
    # Baselines: earliest first; follow-ups: latest first; then the first row per participant.
    b = np.flatnonzero(base)
    b = b[np.lexsort((day[b], pid[b]))]
    b = b[np.unique(pid[b], return_index=True)[1]]
    f = np.flatnonzero(~base)
    f = f[np.lexsort((-day[f], pid[f]))]
    f = f[np.unique(pid[f], return_index=True)[1]]
    ids, bi, fi = np.intersect1d(pid[b], pid[f], assume_unique=True, return_indices=True)
    later = day[f[fi]] > day[b[bi]]
    diff = (rows[f[fi]][:, 3:] - rows[b[bi]][:, 3:])[later].astype(float)
    return {m: (ids[later], diff[:, i]) for i, m in enumerate(metrics)}


def measurement_changes(organisation_id: int, instruments: dict[int, str]) -> dict:
    """Per instrument code: participant ids and latest minus first total."""
    rows = _rows(_MEASUREMENTS, {"org": organisation_id, "instruments": list(instruments)}, 3)
    result = {code: (np.array([], dtype=np.int64), np.array([])) for code in instruments.values()}
    for instrument_id, code in instruments.items():
        mine = rows[rows[:, 1] == instrument_id]
        if len(mine):
            result[code] = (mine[:, 0], mine[:, 2].astype(float))
    return result


def trajectory_columns(organisation_id: int, today):
    rows = _rows(_TRAJECTORIES, {"org": organisation_id, "today": today}, 3)
    if not len(rows):
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([])
    return rows[:, 0], rows[:, 1], rows[:, 2].astype(float)
