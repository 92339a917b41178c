"""What works for whom: practice data per work model, aggregated, with cells under 5 suppressed.

One pass over the organisation's data, a handful of queries whatever its size: participants,
research consents, trajectories, per-snapshot member counts and measurement totals come out as
flat columns; numpy picks each participant's baseline and latest follow-up and computes every
cell. The result is plain data (numbers and codes), so it can be cached and rendered in any
language.

The figures describe change among participants of a model; they do not say the model caused
it, and a participant in two models counts in both.
"""

import datetime
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from django.db import connection, connections
from django.db.models import Count, Q
from django.utils import timezone

from participants.models import Consent, Measurement, NetworkSnapshot, Participant, Trajectory
from participants.models.measurements import Instrument
from participants.models.network import FORMAL_SECTORS, Direction, Sector
from workmodels.models import WorkModel

from . import practice_sql
from .stats import MIN_CELL, age_bands, median_ci

METRICS = ("size", "informal", "reciprocal", "lsns6", "djg6")
INSTRUMENTS = ("lsns6", "djg6")
DIMENSIONS = ("age_band", "gender", "household", "digital_access", "migration_background")
INFORMAL_SECTORS = [code for code in Sector.values if code not in FORMAL_SECTORS]


def _ordinals(dates) -> np.ndarray:
    return np.fromiter((d.toordinal() for d in dates), dtype=np.int64, count=len(dates))


def _first_per(ids: np.ndarray, dates: np.ndarray, *, latest: bool) -> np.ndarray:
    """Row indexes of each id's earliest (or latest) date; ties by row order."""
    if len(ids) == 0:
        return np.array([], dtype=np.int64)
    rows = np.arange(len(ids))
    key = -dates if latest else dates
    order = np.lexsort((rows if not latest else -rows, key, ids))
    _unique, first = np.unique(ids[order], return_index=True)
    return order[first]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def snapshot_changes(organisation_id: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per metric: participant ids and (latest follow-up - baseline)."""
    if _postgres():
        return practice_sql.snapshot_changes(organisation_id)
    rows = list(
        NetworkSnapshot.objects.filter(participant__organisation_id=organisation_id)
        .values_list("id", "participant_id", "kind", "taken_on")
        .annotate(
            size=Count("members"),
            informal=Count("members", filter=Q(members__sector__in=INFORMAL_SECTORS)),
            reciprocal=Count("members", filter=Q(members__direction=Direction.MUTUAL)),
        )
        .order_by()
    )
    empty = {m: (np.array([], dtype=np.int64), np.array([])) for m in METRICS[:3]}
    if not rows:
        return empty
    _ids, pids, kinds, dates, size, informal, reciprocal = zip(*rows, strict=True)
    pids = np.array(pids, dtype=np.int64)
    baseline = np.array([kind == NetworkSnapshot.Kind.BASELINE for kind in kinds])
    dates = _ordinals(dates)
    figures = np.array([size, informal, reciprocal], dtype=float)
    b = np.flatnonzero(baseline)[_first_per(pids[baseline], dates[baseline], latest=False)]
    f = np.flatnonzero(~baseline)[_first_per(pids[~baseline], dates[~baseline], latest=True)]
    common, bi, fi = np.intersect1d(pids[b], pids[f], return_indices=True)
    later = dates[f[fi]] > dates[b[bi]]
    ids = common[later]
    diff = figures[:, f[fi][later]] - figures[:, b[bi][later]]
    return {metric: (ids, diff[index]) for index, metric in enumerate(METRICS[:3])}


def measurement_changes(organisation_id: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per instrument: participant ids and (latest total - first total)."""
    instruments = dict(Instrument.objects.filter(code__in=INSTRUMENTS).values_list("id", "code"))
    if _postgres():
        result = practice_sql.measurement_changes(organisation_id, instruments)
        empty = (np.array([], dtype=np.int64), np.array([]))
        return {code: result.get(code, empty) for code in INSTRUMENTS}
    rows = list(
        Measurement.objects.filter(
            participant__organisation_id=organisation_id,
            instrument_id__in=list(instruments),
            total__isnull=False,
        )
        .values_list("participant_id", "instrument_id", "taken_on", "total")
        .order_by()
    )
    result = {code: (np.array([], dtype=np.int64), np.array([])) for code in INSTRUMENTS}
    if not rows:
        return result
    pids, instrument_ids, dates, totals = zip(*rows, strict=True)
    pids, instrument_ids = np.array(pids, dtype=np.int64), np.array(instrument_ids)
    dates, totals = _ordinals(dates), np.array(totals, dtype=float)
    for instrument_id, code in instruments.items():
        mine = np.flatnonzero(instrument_ids == instrument_id)
        first = mine[_first_per(pids[mine], dates[mine], latest=False)]
        last = mine[_first_per(pids[mine], dates[mine], latest=True)]
        later = dates[last] > dates[first]  # both sorted by participant id
        result[code] = (pids[first][later], (totals[last] - totals[first])[later])
    return result


def participant_columns(organisation_id: int, today: datetime.date) -> dict[str, np.ndarray]:
    rows = list(
        Participant.objects.filter(organisation_id=organisation_id)
        .values_list(
            "id",
            "birth_year",
            "gender",
            "household",
            "has_smartphone",
            "internet_at_home",
            "migration_background",
        )
        .order_by("id")
    )
    consented = set(
        Consent.objects.filter(
            participant__organisation_id=organisation_id,
            purpose=Consent.Purpose.RESEARCH,
            withdrawn_on__isnull=True,
        ).values_list("participant_id", flat=True)
    )
    if not rows:
        return {"id": np.array([], dtype=np.int64), **{d: np.array([]) for d in DIMENSIONS}}
    ids, years, genders, households, phones, internets, migrations = zip(*rows, strict=True)
    ids = np.array(ids, dtype=np.int64)
    digital = np.array(
        [_digital(phone, internet) for phone, internet in zip(phones, internets, strict=True)],
        dtype=object,
    )
    # Migration background only of participants who consented to research use.
    migration = np.array(
        [
            ("yes" if text.strip() else "no") if pid in consented else None
            for pid, text in zip(ids.tolist(), migrations, strict=True)
        ],
        dtype=object,
    )
    return {
        "id": ids,
        "age_band": age_bands(np.array([y or 0 for y in years], dtype=np.int64), today.year),
        "gender": np.array([_gender(g) for g in genders], dtype=object),
        "household": np.array([h or "unknown" for h in households], dtype=object),
        "digital_access": digital,
        "migration_background": migration,
    }


def _gender(text: str) -> str:
    """Gender is recorded in the person's own words: group the common ones, keep others apart."""
    word = (text or "").strip().casefold()
    if word in {"v", "vrouw", "f", "female", "woman", "vrouwelijk"}:
        return "woman"
    if word in {"m", "man", "male", "mannelijk"}:
        return "man"
    return "unknown" if not word else "other"


def _digital(phone: bool | None, internet: bool | None) -> str:
    if phone or internet:
        return "yes"
    if phone is False and internet is False:
        return "no"
    return "unknown"


def trajectory_columns(organisation_id: int, today: datetime.date):
    """Per (participant, work model): the days in the trajectory (first start to last end)."""
    if _postgres():
        return practice_sql.trajectory_columns(organisation_id, today)
    rows = list(
        Trajectory.objects.filter(participant__organisation_id=organisation_id)
        .exclude(status=Trajectory.Status.CONSIDERING)
        .values_list("participant_id", "work_model_id", "started_on", "ended_on")
        .order_by()
    )
    if not rows:
        empty = np.array([], dtype=np.int64)
        return empty, empty, np.array([])
    pids, models, starts, ends = zip(*rows, strict=True)
    pids, models = np.array(pids, dtype=np.int64), np.array(models, dtype=np.int64)
    today_ordinal = today.toordinal()
    starts = _ordinals(starts)
    ends = np.fromiter(
        (e.toordinal() if e else today_ordinal for e in ends), dtype=np.int64, count=len(ends)
    )
    key = pids * 1000 + models
    order = np.argsort(key, kind="stable")
    unique, first = np.unique(key[order], return_index=True)
    start = np.minimum.reduceat(starts[order], first)
    end = np.maximum.reduceat(ends[order], first)
    return unique // 1000, unique % 1000, np.maximum(end - start, 0).astype(float)


def _load(organisation_id: int, today: datetime.date) -> dict:
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


def what_works_for_whom(organisation_id: int, *, today: datetime.date | None = None) -> dict:
    today = today or timezone.localdate()
    models = list(WorkModel.objects.order_by("order").values_list("id", "code"))
    loaded = _load(organisation_id, today)
    people = loaded["people"]
    traj_pids, traj_models, traj_days = loaded["trajectories"]
    changes = loaded["snapshots"] | loaded["measurements"]
    # Each metric as a column aligned with people["id"] (NaN: no baseline and follow-up).
    columns = {}
    for metric, (ids, diff) in changes.items():
        column = np.full(len(people["id"]), np.nan)
        column[np.searchsorted(people["id"], ids)] = diff
        columns[metric] = column
    position = np.searchsorted(people["id"], traj_pids)
    result = {"models": [], "subgroups": {d: [] for d in DIMENSIONS}, "min_cell": MIN_CELL}
    for model_index, (model_id, code) in enumerate(models):
        in_model = traj_models == model_id
        rows, days = position[in_model], traj_days[in_model]
        seed = (model_index, 0)
        result["models"].append({"code": code, **_cell(rows, days, columns, seed=seed)})
        for dim_index, dimension in enumerate(DIMENSIONS):
            values = people[dimension][rows]
            for level in sorted({v for v in values.tolist() if v is not None}):
                chosen = values == level
                seed = (model_index, dim_index + 1, _stable(level))
                cell = _cell(rows[chosen], days[chosen], columns, seed=seed)
                result["subgroups"][dimension].append({"code": code, "level": level, **cell})
    result["participants"] = len(np.unique(traj_pids)) if len(traj_pids) else 0
    return result


def _stable(text: str) -> int:
    return int.from_bytes(text.encode()[:8].ljust(8, b"\0"), "little")


def _cell(rows: np.ndarray, days: np.ndarray, columns: dict, *, seed: tuple) -> dict:
    n = len(rows)
    if n < MIN_CELL:
        return {"n": None, "suppressed": True, "median_days": None, "metrics": {}}
    metrics = {
        metric: median_ci(columns[metric][rows], seed=(*seed, index)).as_dict()
        for index, metric in enumerate(METRICS)
    }
    return {
        "n": n,
        "suppressed": False,
        "median_days": float(np.median(days)),
        "metrics": metrics,
    }
