"""What works for whom: from the practice columns to the dashboard's figures.

The cells are each work model, and each work model broken down by the levels of a dimension
(age band, gender, ...). They are worked out in three passes:

1. counts: the participants of every cell, and per metric those with a baseline and a
   follow-up;
2. suppression (`suppression.suppress_group`), group by group: the work models against the
   number of participants shown above the table (protected by hiding that number); the levels
   of one dimension within a work model (every level, empty ones too, so that the rows do not
   tell which levels exist) against the model's count; and per metric, the levels
   against the model's count for that metric. Hiding a level hides everything computed from its
   participants;
3. medians and bootstrap intervals, for the visible cells only, drawn for all of them at once.

The result is plain data (codes and numbers): cacheable, and rendered in any language.
"""

import datetime
from dataclasses import dataclass, field

import numpy as np
from django.utils import timezone

from workmodels.models import WorkModel

from .levels import DIMENSIONS, LEVELS
from .practice import METRICS, load
from .stats import median_intervals
from .suppression import MIN_CELL, suppress_group


def what_works_for_whom(organisation_id: int, *, today: datetime.date | None = None) -> dict:
    """The dashboard's figures for one organisation."""
    today = today or timezone.localdate()
    models = list(WorkModel.objects.order_by("order").values_list("id", "code"))
    return compute(load(organisation_id, today), models)


@dataclass
class _Cell:
    code: str
    seed: tuple
    rows: np.ndarray  # positions in the people columns
    days: np.ndarray
    level: str | None = None
    index: int = -1  # the level's code
    hidden: bool = False
    metric_n: dict[str, int] = field(default_factory=dict)
    metric_hidden: dict[str, bool] = field(default_factory=dict)
    values: dict[str, np.ndarray] = field(default_factory=dict)  # sorted, per metric
    intervals: dict[str, tuple[float, float, float]] = field(default_factory=dict)


def _align(ids: np.ndarray, pids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of `pids` among the sorted, unique `ids`, and which of them are there at all
    (a participant added between two of the parallel reads is left out, not misplaced)."""
    if not len(ids) or not len(pids):
        return np.zeros(len(pids), dtype=np.int64), np.zeros(len(pids), dtype=bool)
    top = max(int(ids[-1]), int(pids.max()))
    if top > 20 * len(ids) + 1_000_000:  # sparse ids: a table would waste memory
        position = np.minimum(np.searchsorted(ids, pids), len(ids) - 1)
        return position, ids[position] == pids
    # A lookup table by id: linear, where a binary search per id costs ten times more.
    table = np.full(top + 1, -1, dtype=np.int64)
    table[ids] = np.arange(len(ids))
    position = table[np.maximum(pids, 0)]
    found = position >= 0
    return np.where(found, position, 0), found


def _stable(text: str) -> int:
    return int.from_bytes(text.encode()[:8].ljust(8, b"\0"), "little")


def compute(loaded: dict, models: list[tuple[int, str]]) -> dict:
    people = loaded["people"]
    ids = people["id"]
    columns = {}
    for metric, (pids, diff) in (loaded["snapshots"] | loaded["measurements"]).items():
        position, found = _align(ids, pids)
        column = np.full(len(ids), np.nan)
        column[position[found]] = np.asarray(diff, dtype=float)[found]
        columns[metric] = column
    traj_pids, traj_models, traj_days = loaded["trajectories"]
    position, found = _align(ids, traj_pids)

    model_cells: list[_Cell] = []
    level_cells: list[list[list[_Cell]]] = []  # [model][dimension] -> cells per level
    for model_index, (model_id, code) in enumerate(models):
        chosen = found & (traj_models == model_id)
        cell = _Cell(code, (model_index, 0), position[chosen], traj_days[chosen])
        model_cells.append(cell)
        per_dimension = []
        for dim_index, dimension in enumerate(DIMENSIONS):
            levels = people[dimension][cell.rows]
            cells = []
            # Every level, with participants or not: a breakdown listing only the levels
            # present would tell which exist, even with every count hidden.
            for level in range(len(LEVELS[dimension])):
                name = LEVELS[dimension][level]
                mine = levels == level
                seed = (model_index, dim_index + 1, _stable(name))
                cells.append(
                    _Cell(code, seed, cell.rows[mine], cell.days[mine], level=name, index=level)
                )
            per_dimension.append(cells)
        level_cells.append(per_dimension)
    _count(model_cells, level_cells, columns, people)
    hide_total = _suppress(model_cells, level_cells)
    _intervals(model_cells + [cell for m in level_cells for cells in m for cell in cells])

    everyone = np.unique(traj_pids[found]) if len(traj_pids) else traj_pids
    return {
        "models": [_output(cell) for cell in model_cells],
        "subgroups": {
            dimension: [
                {"level": cell.level, **_output(cell)}
                for per_dimension in level_cells
                for cell in per_dimension[dim_index]
            ]
            for dim_index, dimension in enumerate(DIMENSIONS)
        },
        "participants": None if hide_total else len(everyone),
        "min_cell": MIN_CELL,
    }


def _count(model_cells, level_cells, columns, people) -> None:
    """Each cell's values per metric, sorted, and their count. A level's values are the
    model's sorted values filtered by level: filtering keeps the order, so one sort per model."""
    for model_index, cell in enumerate(model_cells):
        levels_of = [people[dimension][cell.rows] for dimension in DIMENSIONS]
        for metric in METRICS:
            values = columns[metric][cell.rows]
            valid = np.flatnonzero(~np.isnan(values))
            order = valid[np.argsort(values[valid], kind="stable")]
            cell.values[metric] = values[order]
            cell.metric_n[metric] = len(order)
            for dim_index in range(len(DIMENSIONS)):
                levels = levels_of[dim_index][order]
                for sub in level_cells[model_index][dim_index]:
                    sub.values[metric] = cell.values[metric][levels == sub.index]
                    sub.metric_n[metric] = len(sub.values[metric])


def _suppress(model_cells, level_cells) -> bool:
    """Hide small cells and every cell a small one could be worked out from; returns whether
    the number of participants across all models must be hidden too."""
    models = suppress_group([len(cell.rows) for cell in model_cells], protect_with="total", floor=0)
    for cell, hidden in zip(model_cells, models.hidden, strict=True):
        cell.hidden = hidden
        for metric in METRICS:
            cell.metric_hidden[metric] = hidden or cell.metric_n[metric] < MIN_CELL
    for model, per_dimension in zip(model_cells, level_cells, strict=True):
        for cells in per_dimension:
            rows = suppress_group(
                [len(c.rows) for c in cells], total_shown=not model.hidden, floor=0
            )
            for cell, hidden in zip(cells, rows.hidden, strict=True):
                cell.hidden = hidden
            # `hide_total` cannot be asked for here: the levels of a visible model add up to at
            # least 5 once all hidden. (Migration background counts consenting participants
            # only, a total the page does not show: protecting it like the others is cautious.)
            for metric in METRICS:
                counted = suppress_group(
                    [c.metric_n[metric] for c in cells],
                    total_shown=not model.metric_hidden[metric],
                    already_hidden=[c.hidden for c in cells],
                    floor=0,
                )
                for cell, hidden in zip(cells, counted.hidden, strict=True):
                    cell.metric_hidden[metric] = hidden
    return models.hide_total


def _intervals(cells: list[_Cell]) -> None:
    """Medians and intervals of every visible metric cell, in one batch."""
    batch, seeds, targets = [], [], []
    for cell in cells:
        for index, metric in enumerate(METRICS):
            if not cell.metric_hidden[metric]:
                batch.append(cell.values[metric])
                seeds.append((*cell.seed, index))
                targets.append((cell, metric))
    results = median_intervals(batch, seeds)
    for (cell, metric), (median, low, high) in zip(targets, results.tolist(), strict=True):
        cell.intervals[metric] = (median, low, high)


def _output(cell: _Cell) -> dict:
    if cell.hidden:
        return {
            "code": cell.code,
            "n": None,
            "suppressed": True,
            "median_days": None,
            "metrics": {},
        }
    metrics = {}
    for metric in METRICS:
        if cell.metric_hidden[metric]:
            metrics[metric] = {
                "n": None,
                "median": None,
                "low": None,
                "high": None,
                "suppressed": True,
            }
        else:
            median, low, high = cell.intervals[metric]
            metrics[metric] = {
                "n": cell.metric_n[metric],
                "median": median,
                "low": low,
                "high": high,
                "suppressed": False,
            }
    return {
        "code": cell.code,
        "n": len(cell.rows),
        "suppressed": False,
        "median_days": float(np.median(cell.days)),
        "metrics": metrics,
    }
