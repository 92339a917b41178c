"""The "what works for whom" dashboard: cached figures, their labels, charts and CSV tables."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from django.core.cache import cache
from django.db import connection, connections
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from netwerk import exports
from participants.models import Participant
from workmodels.models import WorkModel

from . import caching
from .durable_ties import HORIZONS, durable_ties
from .figures import what_works_for_whom
from .levels import DIMENSIONS, LEVELS
from .practice import METRICS
from .stats import AGE_BANDS

METRIC_LABELS = {
    "size": _("Network size"),
    "informal": _("Informal ties"),
    "reciprocal": _("Reciprocal ties"),
    "lsns6": _("LSNS-6 total (higher: more network)"),
    "djg6": _("De Jong Gierveld total (lower: less lonely)"),
}
DIMENSION_LABELS = {
    "age_band": _("Age band"),
    "gender": _("Gender"),
    "household": _("Household"),
    "digital_access": _("Digital access"),
    "migration_background": _("Migration background (research consent only)"),
}
_AGE_LABELS = {
    "under_25": _("under 25"),
    "25_39": _("25 to 39"),
    "40_54": _("40 to 54"),
    "55_64": _("55 to 64"),
    "65_plus": _("65 and over"),
}
LEVEL_LABELS = {
    "age_band": {**_AGE_LABELS, "unknown": _("unknown")},
    "gender": {
        "woman": _("woman"),
        "man": _("man"),
        "other": _("in other words"),
        "unknown": _("unknown"),
    },
    "household": {**dict(Participant.Household.choices), "unknown": _("unknown")},
    "digital_access": {
        "yes": _("smartphone or internet"),
        "no": _("neither"),
        "unknown": _("unknown"),
    },
    "migration_background": {"yes": _("yes"), "no": _("no")},
}
assert {code for code, *_r in AGE_BANDS} == set(_AGE_LABELS)
assert all(set(LEVELS[d]) <= set(LEVEL_LABELS[d]) for d in DIMENSIONS)

# A hidden count in the CSV tables.
SUPPRESSED = "suppressed"

# The chart's geometry (SVG user units).
CHART_WIDTH, LABEL_WIDTH, ROW_HEIGHT, PAD = 600, 250, 26, 12  # a model's name fits 250


def figures(organisation_id: int) -> dict:
    """The computed figures, cached per organisation and data version, with the durable ties
    per work model (`durable`) as one more outcome."""
    key = caching.key("data", organisation_id)
    data = cache.get(key)
    if data is not None:
        return data | {"durable_ties": durable(organisation_id)}
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        data = what_works_for_whom(organisation_id)
        cache.set(key, data, timeout=caching.TIMEOUT)
        return data | {"durable_ties": durable(organisation_id)}
    # Both cold: the durable ties are worked out beside the other figures, not after them.
    with ThreadPoolExecutor(max_workers=1) as pool:
        ties = pool.submit(_on_own_connection, durable, organisation_id)
        data = what_works_for_whom(organisation_id)
        cache.set(key, data, timeout=caching.TIMEOUT)
        return data | {"durable_ties": ties.result()}


def _on_own_connection(task, *args):
    try:
        return task(*args)
    finally:
        connections.close_all()  # this thread's connections only


def durable(organisation_id: int) -> dict:
    """The durable ties per work model, cached apart: their report page needs only them."""
    key = caching.key("durable", organisation_id)
    data = cache.get(key)
    if data is None:
        data = durable_ties(organisation_id)
        cache.set(key, data, timeout=caching.TIMEOUT)
    return data


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    # Signed, one decimal, with the reader's decimal sign ("+1,5" in Dutch).
    text = f"{value:+.1f}".replace("+0.0", "0.0")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def presentation(data: dict, dimension: str) -> dict:
    """Labels and chart coordinates for the template (in the active language)."""
    names = {model.code: model for model in WorkModel.objects.order_by("order")}
    rows = []
    for row in data["models"]:
        rows.append({**row, "model": names[row["code"]], "cells": _cells(row)})
    charts = [_chart(metric, rows) for metric in METRICS]
    subgroups = []
    if dimension in DIMENSIONS:
        labels = LEVEL_LABELS[dimension]
        for row in data["subgroups"][dimension]:
            subgroups.append(
                {
                    **row,
                    "model": names[row["code"]],
                    "level_label": labels.get(row["level"], row["level"]),
                    "cells": _cells(row),
                }
            )
    return {
        "rows": rows,
        "charts": charts,
        "subgroups": subgroups,
        "metric_labels": [METRIC_LABELS[m] for m in METRICS],
        "participants": data["participants"],
        "min_cell": data["min_cell"],
    }


def _cells(row: dict) -> list[dict]:
    cells = []
    for metric in METRICS:
        cell = row["metrics"].get(metric) if not row["suppressed"] else None
        if not cell or cell["suppressed"]:
            cells.append({"suppressed": True})
        else:
            cells.append(
                {
                    "suppressed": False,
                    "n": cell["n"],
                    "median": _fmt(cell["median"]),
                    "low": _fmt(cell["low"]),
                    "high": _fmt(cell["high"]),
                }
            )
    return cells


def _chart(metric: str, rows: list[dict]) -> dict:
    """A forest plot: per model the median change and its interval, around a zero line."""
    shown = [
        (row, row["metrics"][metric])
        for row in rows
        if not row["suppressed"] and not row["metrics"][metric]["suppressed"]
    ]
    bound = max([1.0] + [max(abs(c["low"]), abs(c["high"])) for _r, c in shown])
    plot = CHART_WIDTH - LABEL_WIDTH - 2 * PAD

    def x(value: float) -> str:
        # Strings, not floats: the template would localise 12.5 as "12,5", which SVG refuses.
        return _svg(LABEL_WIDTH + PAD + (value + bound) / (2 * bound) * plot)

    items = []
    for index, row in enumerate(rows):
        y = PAD + index * ROW_HEIGHT + ROW_HEIGHT / 2
        cell = row["metrics"].get(metric) if not row["suppressed"] else None
        item = {"label": row["model"].name, "y": _svg(y), "text_y": _svg(y + 4), "shown": False}
        if cell and not cell["suppressed"]:
            item |= {
                "shown": True,
                "x": x(cell["median"]),
                "x1": x(cell["low"]),
                "x2": x(cell["high"]),
                "median": _fmt(cell["median"]),
            }
        items.append(item)
    height = 2 * PAD + len(rows) * ROW_HEIGHT + 20
    return {
        "metric": metric,
        "title": METRIC_LABELS[metric],
        "items": items,
        "width": CHART_WIDTH,
        "height": height,
        "zero": x(0.0),
        "axis_y": height - 8,
        "plot_bottom": height - 22,
        "min_label": _fmt(-bound),
        "max_label": _fmt(bound),
        "left": LABEL_WIDTH + PAD,
        "right": CHART_WIDTH - PAD,
    }


def _svg(value: float) -> str:
    return f"{value:.1f}"


def table_csv(data: dict, dimension: str = "", *, delimiter: str = exports.SEMICOLON) -> bytes:
    """The per-model table (or one subgroup breakdown, every level listed) as CSV, hiding
    what the page hides: a hidden count reads "suppressed" (small or not: the page does not
    tell them apart either) and the figures computed from it stay empty."""
    header = ["work_model"] + (["subgroup", "level"] if dimension else [])
    header += ["participants", "median_days_in_trajectory"]
    for metric in METRICS:
        header += [
            f"{metric}_n",
            f"{metric}_median_change",
            f"{metric}_ci_low",
            f"{metric}_ci_high",
        ]
    source = data["subgroups"][dimension] if dimension else data["models"]
    durable_rows = {}
    if not dimension and "durable_ties" in data:  # the durable ties: per work model only
        header += [
            f"durable_ties_{months}m_{name}"
            for months in HORIZONS
            for name in ("n", "share", "ci_low", "ci_high")
        ]
        durable_rows = {row["code"]: row for row in data["durable_ties"]["models"]}
    lines = []
    for row in source:
        line = [row["code"]] + ([dimension, row["level"]] if dimension else [])
        if row["suppressed"]:
            line += [SUPPRESSED, None] + [SUPPRESSED, None, None, None] * len(METRICS)
        else:
            line += [row["n"], _num(row["median_days"])]
            for metric in METRICS:
                cell = row["metrics"][metric]
                if cell["suppressed"]:
                    line += [SUPPRESSED, None, None, None]
                else:
                    line += [cell["n"], _num(cell["median"]), _num(cell["low"]), _num(cell["high"])]
        if durable_rows:
            line += durable_csv_cells(durable_rows.get(row["code"]))
        lines.append(line)
    return exports.csv_bytes(header, lines, delimiter=delimiter)


def durable_csv_cells(row: dict | None) -> list:
    """Per horizon: ties followed up, the share still there and its interval (fractions)."""
    cells = []
    horizons = {h["months"]: h for h in row["horizons"]} if row else {}
    for months in HORIZONS:
        horizon = horizons.get(months)
        if horizon is None or horizon["suppressed"]:
            cells += [SUPPRESSED, None, None, None]
        else:
            share = [_num(horizon[name], 3) for name in ("share", "low", "high")]
            cells += [horizon["followed"], *share]
    return cells


def _num(value: float | None, places: int = 2) -> Decimal | None:
    """Two decimals, written as a number (a negative change stays a number, not text)."""
    return None if value is None else Decimal(f"{value:.{places}f}")
