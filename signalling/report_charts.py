"""The signals report's charts as server-rendered SVG coordinates (the template draws them,
as the dashboard's forest plots): signals per theme, per quarter, and per theme and quarter.
A hidden cell is drawn as "not shown", never as a bar."""

# SVG user units. Coordinates are strings: the template would localise 12.5 as "12,5".
WIDTH, LABEL, ROW, PAD = 640, 260, 24, 10


def _svg(value: float) -> str:
    return f"{value:.1f}"


def theme_bars(themes: list[dict]) -> dict:
    """Horizontal bars: the signals of each theme over the whole period."""
    top = max([1] + [row["signals"] for row in themes if not row["suppressed"]])
    plot = WIDTH - LABEL - 2 * PAD - 40  # room for the number after the bar
    items = []
    for index, row in enumerate(themes):
        y = PAD + index * ROW
        item = {
            "label": row["label"],
            "y": _svg(y + 4),
            "text_y": _svg(y + ROW / 2 + 4),
            "shown": not row["suppressed"],
        }
        if item["shown"]:
            width = max(1.0, row["signals"] / top * plot)
            item |= {
                "width": _svg(width),
                "value": row["signals"],
                "value_x": _svg(LABEL + PAD + width + 6),
            }
        items.append(item)
    return {
        "width": WIDTH,
        "height": 2 * PAD + len(themes) * ROW,
        "left": LABEL + PAD,
        "bar_height": ROW - 8,
        "items": items,
    }


def quarter_columns(quarters: list[dict]) -> dict:
    """Columns: all signals per quarter (the overall trend)."""
    height, bottom = 200, 170
    count = max(1, len(quarters))
    slot = (WIDTH - 2 * PAD) / count
    top = max([1] + [row["signals"] for row in quarters if not row["suppressed"]])
    items = []
    for index, row in enumerate(quarters):
        x = PAD + index * slot
        item = {
            "label": row["label"],
            "x": _svg(x + slot * 0.15),
            "width": _svg(slot * 0.7),
            "centre": _svg(x + slot / 2),
            "shown": not row["suppressed"],
        }
        if item["shown"]:
            bar = max(1.0, row["signals"] / top * (bottom - 30))
            item |= {
                "y": _svg(bottom - bar),
                "height": _svg(bar),
                "value": row["signals"],
                "value_y": _svg(bottom - bar - 4),
            }
        items.append(item)
    return {
        "width": WIDTH,
        "height": height,
        "bottom": bottom,
        "label_y": bottom + 16,
        "hidden_y": bottom - 6,
        "items": items,
    }


def theme_trend(themes: list[dict]) -> dict:
    """Small multiples: per theme a row of columns, one per quarter, on one scale."""
    rows = [row for row in themes if any(not c["suppressed"] for c in row["quarters"])]
    quarters = len(themes[0]["quarters"]) if themes else 0
    row_height = 34
    slot = (WIDTH - LABEL - 2 * PAD) / max(1, quarters)
    top = max([1] + [c["signals"] for row in rows for c in row["quarters"] if not c["suppressed"]])
    lines = []
    for index, row in enumerate(rows):
        base = PAD + (index + 1) * row_height
        cells = []
        for position, cell in enumerate(row["quarters"]):
            x = LABEL + PAD + position * slot
            item = {"x": _svg(x + slot * 0.2), "width": _svg(slot * 0.6), "shown": False}
            if not cell["suppressed"]:
                bar = max(1.0, cell["signals"] / top * (row_height - 8))
                item |= {
                    "shown": True,
                    "y": _svg(base - bar),
                    "height": _svg(bar),
                    "title": f"{cell['label']}: {cell['signals']}",
                }
            else:
                item |= {"y": _svg(base - 2), "height": "2"}
            cells.append(item)
        lines.append(
            {"label": row["label"], "text_y": _svg(base - 8), "base": _svg(base), "cells": cells}
        )
    return {
        "width": WIDTH,
        "height": 2 * PAD + (len(rows) + 1) * row_height,
        "left": LABEL + PAD,
        "right": WIDTH - PAD,
        "rows": lines,
        "first": themes[0]["quarters"][0]["label"] if quarters else "",
        "last": themes[0]["quarters"][-1]["label"] if quarters else "",
        "axis_y": 2 * PAD + (len(rows) + 1) * row_height - 4,
    }


def charts(figures: dict) -> dict:
    return {
        "themes": theme_bars(figures["themes"]),
        "quarters": quarter_columns(figures["quarters"]),
        "trend": theme_trend(figures["themes"]),
    }
