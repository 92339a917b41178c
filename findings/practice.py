"""What works for whom: the practice data of an organisation, read as flat numpy columns.

A handful of queries whatever the data size: participants (with their subgroup per
dimension as a small code), research consents, trajectories, per-snapshot member counts and
measurement totals. numpy picks each participant's baseline and latest follow-up; `figures`
turns the columns into the dashboard's cells, suppressed where small. On PostgreSQL the reads
are the integer queries of `practice_sql`; elsewhere portable ORM reads feed the same pickers.

The figures describe change among participants of a model; they do not say the model caused
it, and a participant in two models counts in both.
"""

import datetime
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from django.db import connection, connections
from django.db.models import Count, Q

from participants.models import Consent, Measurement, NetworkSnapshot, Participant, Trajectory
from participants.models.measurements import Instrument
from participants.models.network import FORMAL_SECTORS, Direction, Sector

from . import practice_sql
from .stats import AGE_BANDS, age_band_codes

METRICS = ("size", "informal", "reciprocal", "lsns6", "djg6")
SNAPSHOT_METRICS = METRICS[:3]
INSTRUMENTS = ("lsns6", "djg6")
DIMENSIONS = ("age_band", "gender", "household", "digital_access", "migration_background")
INFORMAL_SECTORS = [code for code in Sector.values if code not in FORMAL_SECTORS]

# The levels of each dimension, in the order the dashboard lists them; a participant's level
# is its index here. -1: not counted in that dimension (migration background without research
# consent).
LEVELS = {
    "age_band": (*(code for code, *_bounds in AGE_BANDS), "unknown"),
    "gender": ("woman", "man", "other", "unknown"),
    "household": (*Participant.Household.values, "unknown"),
    "digital_access": ("yes", "no", "unknown"),
    "migration_background": ("yes", "no"),
}
# Gender is recorded in the person's own words: the common ones are grouped, others kept apart.
WOMEN = ("v", "vrouw", "f", "female", "woman", "vrouwelijk")
MEN = ("m", "man", "male", "mannelijk")

EMPTY_IDS = np.array([], dtype=np.int64)


def _gender(text: str) -> str:
    word = (text or "").strip().casefold()
    if word in WOMEN:
        return "woman"
    if word in MEN:
        return "man"
    return "unknown" if not word else "other"


def _digital(phone: bool | None, internet: bool | None) -> str:
    if phone or internet:
        return "yes"
    if phone is False and internet is False:
        return "no"
    return "unknown"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _ordinal(day: datetime.date) -> int:
    return (day - datetime.date(2000, 1, 1)).days


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
    if _postgres():
        rows = practice_sql.snapshot_rows(
            organisation_id, informal=INFORMAL_SECTORS, mutual=Direction.MUTUAL.value
        )
        return pick_snapshot_changes(rows)
    found = (
        NetworkSnapshot.objects.filter(participant__organisation_id=organisation_id)
        .values_list("id", "participant_id", "kind", "taken_on")
        .annotate(
            size=Count("members"),
            informal=Count("members", filter=Q(members__sector__in=INFORMAL_SECTORS)),
            reciprocal=Count("members", filter=Q(members__direction=Direction.MUTUAL)),
        )
        .order_by()
    )
    rows = np.array(
        [
            (pk, pid, kind == NetworkSnapshot.Kind.BASELINE, _ordinal(day), *counts)
            for pk, pid, kind, day, *counts in found
        ],
        dtype=np.int64,
    ).reshape(-1, 7)
    return pick_snapshot_changes(rows)


def measurement_changes(organisation_id: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per instrument: participant ids and (latest total - first total)."""
    codes = dict(Instrument.objects.filter(code__in=INSTRUMENTS).values_list("id", "code"))
    if _postgres():
        rows = practice_sql.measurement_rows(organisation_id, list(codes))
        return pick_measurement_changes(rows, codes)
    found = Measurement.objects.filter(
        participant__organisation_id=organisation_id,
        instrument_id__in=list(codes),
        total__isnull=False,
    ).values_list("participant_id", "instrument_id", "taken_on", "id", "total")
    rows = np.array(
        [(pid, ins, _ordinal(day), pk, total) for pid, ins, day, pk, total in found],
        dtype=np.int64,
    ).reshape(-1, 5)
    return pick_measurement_changes(rows, codes)


def _level_codes() -> dict[str, dict[str, int]]:
    return {
        dimension: {level: i for i, level in enumerate(LEVELS[dimension])} for dimension in LEVELS
    }


def people_sql_params() -> dict:
    codes = _level_codes()
    households = list(LEVELS["household"][:-1])
    return {
        "research": Consent.Purpose.RESEARCH.value,
        "women": list(WOMEN),
        "men": list(MEN),
        "woman": codes["gender"]["woman"],
        "man": codes["gender"]["man"],
        "gender_other": codes["gender"]["other"],
        "gender_unknown": codes["gender"]["unknown"],
        "households": households,
        "household_unknown": codes["household"]["unknown"],
        "digital_yes": codes["digital_access"]["yes"],
        "digital_no": codes["digital_access"]["no"],
        "digital_unknown": codes["digital_access"]["unknown"],
        "migration_yes": codes["migration_background"]["yes"],
        "migration_no": codes["migration_background"]["no"],
    }


def participant_columns(organisation_id: int, today: datetime.date) -> dict[str, np.ndarray]:
    """Participant ids (sorted) and, per dimension, each one's level code (see LEVELS)."""
    if _postgres():
        rows = practice_sql.people_rows(organisation_id, people_sql_params(), today)
    else:
        rows = _people_rows_portable(organisation_id, today)
    return {
        "id": rows[:, 0],
        "age_band": age_band_codes(rows[:, 1], today.year),
        "gender": rows[:, 2],
        "household": rows[:, 3],
        "digital_access": rows[:, 4],
        # Migration background only of participants who consented to research use (and
        # whose file was not anonymised, which erased it).
        "migration_background": rows[:, 5],
    }


def _people_rows_portable(organisation_id: int, today: datetime.date) -> np.ndarray:
    codes = _level_codes()
    consented = set(
        Consent.objects.in_force(today)
        .filter(participant__organisation_id=organisation_id, purpose=Consent.Purpose.RESEARCH)
        .values_list("participant_id", flat=True)
    )
    found = (
        Participant.objects.filter(organisation_id=organisation_id)
        .values_list(
            "id",
            "birth_year",
            "gender",
            "household",
            "has_smartphone",
            "internet_at_home",
            "migration_background",
            "anonymised_on",
        )
        .order_by("id")
    )
    rows = [
        (
            pk,
            year or 0,
            codes["gender"][_gender(gender)],
            codes["household"].get(household, codes["household"]["unknown"]),
            codes["digital_access"][_digital(phone, internet)],
            _migration(migration, anonymised_on, codes) if pk in consented else -1,
        )
        for pk, year, gender, household, phone, internet, migration, anonymised_on in found
    ]
    return np.array(rows, dtype=np.int64).reshape(-1, 6)


def _migration(text: str, anonymised_on, codes: dict) -> int:
    """Anonymising a file erases its migration background: that is no "no"."""
    if anonymised_on is not None:
        return -1
    return codes["migration_background"]["yes" if text.strip() else "no"]


def trajectory_columns(organisation_id: int, today: datetime.date):
    """Per (participant, work model): the days in the trajectory (first start to last end)."""
    if _postgres():
        rows = practice_sql.trajectory_rows(organisation_id, today)
        return rows[:, 0], rows[:, 1], rows[:, 2].astype(float)
    found = (
        Trajectory.objects.filter(participant__organisation_id=organisation_id)
        .exclude(status=Trajectory.Status.CONSIDERING)
        .values_list("participant_id", "work_model_id", "started_on", "ended_on")
    )
    spans: dict[tuple[int, int], list[int]] = {}
    for pid, model, start, end in found:
        span = spans.setdefault((pid, model), [start.toordinal(), (end or today).toordinal()])
        span[0] = min(span[0], start.toordinal())
        span[1] = max(span[1], (end or today).toordinal())
    pairs = sorted(spans)
    pids = np.array([pid for pid, _model in pairs], dtype=np.int64)
    models = np.array([model for _pid, model in pairs], dtype=np.int64)
    days = np.array([max(spans[pair][1] - spans[pair][0], 0) for pair in pairs], dtype=float)
    return pids, models, days


def load(organisation_id: int, today: datetime.date) -> dict:
    """The four reads; on PostgreSQL outside a transaction, side by side on their own
    connections (a cold dashboard waits for the slowest read, not for their sum)."""
    tasks = {
        "people": lambda: participant_columns(organisation_id, today),
        "trajectories": lambda: trajectory_columns(organisation_id, today),
        "snapshots": lambda: snapshot_changes(organisation_id),
        "measurements": lambda: measurement_changes(organisation_id),
    }
    if not _postgres() or connection.in_atomic_block:
        return {name: task() for name, task in tasks.items()}
    with ThreadPoolExecutor(max_workers=len(tasks)) as pool:
        futures = {name: pool.submit(_on_own_connection, task) for name, task in tasks.items()}
        return {name: future.result() for name, future in futures.items()}


def _on_own_connection(task):
    try:
        return task()
    finally:
        connections.close_all()  # this thread's connections only
