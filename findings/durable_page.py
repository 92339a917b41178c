"""The durable ties for people: labels, percentages and the report's CSV table."""

from decimal import Decimal

from django.utils import formats

from netwerk import exports
from workmodels.models import WorkModel

from .durable_ties import HORIZONS

SUPPRESSED = "suppressed"
COUNTS = ("followed", "still", "lost", "not_yet", "not_followed")


def percent(value: float | None) -> str:
    if value is None:
        return ""
    return formats.number_format(round(value * 100)) + "%"


def rows(data: dict) -> list[dict]:
    """Per work model, with its name and each horizon's share as percentages."""
    names = {model.code: model for model in WorkModel.objects.order_by("order")}
    result = []
    for row in data["models"]:
        horizons = [
            {
                **horizon,
                "share_text": percent(horizon["share"]),
                "low_text": percent(horizon["low"]),
                "high_text": percent(horizon["high"]),
            }
            for horizon in row["horizons"]
        ]
        result.append({**row, "model": names[row["code"]], "horizons": horizons})
    return result


def by_horizon(rows: list[dict]) -> list[dict]:
    """One table per horizon: its months and per work model that horizon's figures."""
    tables = []
    for index, months in enumerate(HORIZONS):
        lines = []
        for row in rows:
            horizon = row["horizons"][index] if not row["suppressed"] else None
            lines.append({"model": row["model"], "suppressed": row["suppressed"], "h": horizon})
        tables.append({"months": months, "rows": lines})
    return tables


def table_csv(data: dict, *, delimiter: str = exports.SEMICOLON) -> bytes:
    """The report as CSV: a hidden count reads "suppressed", a hidden share stays empty."""
    header = ["work_model", "ties_created"]
    for months in HORIZONS:
        header += [f"{months}m_no_known_end"]
        header += [f"{months}m_{name}" for name in COUNTS]
        header += [f"{months}m_share_still", f"{months}m_ci_low", f"{months}m_ci_high"]
    lines = []
    for row in data["models"]:
        if row["suppressed"]:
            hidden = [SUPPRESSED] * (1 + len(COUNTS)) + [None] * 3
            lines.append([row["code"], SUPPRESSED] + hidden * len(HORIZONS))
            continue
        line = [row["code"], row["created"]]
        for horizon in row["horizons"]:
            for name in ("no_end", *COUNTS):
                line.append(SUPPRESSED if horizon[name] is None else horizon[name])
            line += [_share(horizon[name]) for name in ("share", "low", "high")]
        lines.append(line)
    return exports.csv_bytes(header, lines, delimiter=delimiter)


def _share(value: float | None) -> Decimal | None:
    """A fraction with three decimals, written as a number."""
    return None if value is None else Decimal(f"{value:.3f}")
