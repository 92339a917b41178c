"""What works for whom: the practice data of an organisation, read as flat numpy columns.

Four reads whatever the data size: participants (with their level per dimension, `levels`),
trajectories, snapshots with their member counts (`snapshot_counts`) and measurement totals,
each a queryset of integers (`columns`); on PostgreSQL they run side by side on their own
connections. numpy picks each participant's baseline and latest follow-up; `figures` turns the
columns into the dashboard's cells, suppressed where small. The queries are the same on
PostgreSQL and SQLite; only the way their rows travel differs (`columns.int_columns`).

The figures describe change among participants of a model; they do not say the model caused
it, and a participant in two models counts in both.
"""

import datetime
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from django.db import connection, connections
from django.db.models import Exists, Max, Min, OuterRef, Value
from django.db.models.functions import Coalesce, Greatest

from participants.models import Consent, Measurement, Participant, Trajectory
from participants.models.measurements import Instrument

from . import snapshot_counts
from .columns import DayNumber, analytic_reads, int_columns
from .levels import (
    DIMENSIONS,
    digital_access_level,
    gender_level,
    household_level,
    migration_level,
)
from .stats import age_band_codes

METRICS = ("size", "informal", "reciprocal", "lsns6", "djg6")
SNAPSHOT_METRICS = METRICS[:3]
INSTRUMENTS = ("lsns6", "djg6")

EMPTY_IDS = np.array([], dtype=np.int64)


# --- Picking baseline and follow-up ------------------------------------------------------------


def first_and_latest(group: np.ndarray, day: np.ndarray, tiebreak: np.ndarray):
    """Row indexes of each group's first row (earliest day, then lowest tiebreak) and of its
    latest (latest day, then highest tiebreak), both sorted by group."""
    if not len(group):
        return EMPTY_IDS, EMPTY_IDS
    order = np.lexsort((tiebreak, day, group))
    grouped = group[order]
    starts = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
    ends = np.r_[starts[1:], len(order)] - 1
    return order[starts], order[ends]


def pick_snapshot_changes(rows: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """From (snapshot, participant, is_baseline, day, size, informal, reciprocal) per snapshot:
    per metric, participant ids and latest follow-up minus first baseline (follow-up later)."""
    if not len(rows):
        return {metric: (EMPTY_IDS, np.array([])) for metric in SNAPSHOT_METRICS}
    snapshot, pid, base, day = rows[:, 0], rows[:, 1], rows[:, 2] == 1, rows[:, 3]
    b = np.flatnonzero(base)
    b = b[first_and_latest(pid[b], day[b], snapshot[b])[0]]
    f = np.flatnonzero(~base)
    f = f[first_and_latest(pid[f], day[f], snapshot[f])[1]]
    ids, bi, fi = np.intersect1d(pid[b], pid[f], assume_unique=True, return_indices=True)
    later = day[f[fi]] > day[b[bi]]
    diff = (rows[f[fi]][:, 4:] - rows[b[bi]][:, 4:])[later].astype(float)
    return {metric: (ids[later], diff[:, i]) for i, metric in enumerate(SNAPSHOT_METRICS)}


def pick_measurement_changes(rows: np.ndarray, codes: dict[int, str]):
    """From (participant, instrument, day, id, total) per measurement: per instrument code
    (every version of it), participant ids and latest total minus first (latest later)."""
    result = {code: (EMPTY_IDS, np.array([])) for code in INSTRUMENTS}
    for code in INSTRUMENTS:
        ids = [pk for pk, name in codes.items() if name == code]
        mine = rows[np.isin(rows[:, 1], ids)] if len(rows) else rows
        if not len(mine):
            continue
        first, last = first_and_latest(mine[:, 0], mine[:, 2], mine[:, 3])
        later = mine[last, 2] > mine[first, 2]
        result[code] = (
            mine[first, 0][later],
            (mine[last, 4] - mine[first, 4])[later].astype(float),
        )
    return result


# --- The reads -------------------------------------------------------------------------------


def snapshot_changes(organisation_id: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per metric: participant ids and (latest follow-up - baseline)."""
    return pick_snapshot_changes(snapshot_counts.rows(organisation_id))


def measurement_changes(organisation_id: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per instrument: participant ids and (latest total - first total)."""
    codes = dict(Instrument.objects.filter(code__in=INSTRUMENTS).values_list("id", "code"))
    found = Measurement.objects.filter(
        participant__organisation_id=organisation_id,
        instrument_id__in=list(codes),
        total__isnull=False,
    ).values_list("participant_id", "instrument_id", DayNumber("taken_on"), "id", "total")
    return pick_measurement_changes(int_columns(found.order_by(), 5), codes)


def participant_columns(organisation_id: int, today: datetime.date) -> dict[str, np.ndarray]:
    """Participant ids (sorted) and, per dimension, each one's level code (see LEVELS)."""
    research = Exists(
        Consent.objects.in_force(today).filter(
            participant_id=OuterRef("pk"), purpose=Consent.Purpose.RESEARCH
        )
    )
    found = (
        Participant.objects.filter(organisation_id=organisation_id)
        .order_by()
        .values_list(
            "id",
            Coalesce("birth_year", 0),
            gender_level(),
            household_level(),
            digital_access_level(),
            # Migration background only of participants whose research consent is in force
            # (and whose file was not anonymised, which erased it).
            migration_level(research),
        )
    )
    rows = int_columns(found, 6)
    rows = rows[np.argsort(rows[:, 0], kind="stable")]
    columns = {"id": rows[:, 0], "age_band": age_band_codes(rows[:, 1], today.year)}
    return columns | {dimension: rows[:, i] for i, dimension in enumerate(DIMENSIONS[1:], 2)}


def trajectory_columns(organisation_id: int, today: datetime.date):
    """Per (participant, work model): the days in the trajectory (first start to last end)."""
    found = (
        Trajectory.objects.filter(participant__organisation_id=organisation_id)
        .exclude(status=Trajectory.Status.CONSIDERING)
        .order_by()
        .values_list("participant_id", "work_model_id")
        .annotate(
            days=Greatest(
                Max(DayNumber(Coalesce("ended_on", Value(today)))) - Min(DayNumber("started_on")),
                Value(0),
            )
        )
    )
    rows = int_columns(found, 3)
    return rows[:, 0], rows[:, 1], rows[:, 2].astype(float)


def load(organisation_id: int, today: datetime.date) -> dict:
    """The four reads. On PostgreSQL outside a transaction, side by side on their own
    connections: a cold dashboard waits for the slowest read, not for their sum (measured at
    100,000 participants: the sum misses the 2 s budget on a busy machine, bench/README.md)."""
    tasks = {
        "people": lambda: participant_columns(organisation_id, today),
        "trajectories": lambda: trajectory_columns(organisation_id, today),
        "snapshots": lambda: snapshot_changes(organisation_id),
        "measurements": lambda: measurement_changes(organisation_id),
    }
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        with analytic_reads():
            return {name: task() for name, task in tasks.items()}
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        futures = {name: pool.submit(_on_own_connection, task) for name, task in tasks.items()}
        return {name: future.result() for name, future in futures.items()}


def _on_own_connection(task):
    try:
        with analytic_reads():
            return task()
    finally:
        connections.close_all()  # this thread's connections only
