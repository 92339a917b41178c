"""The signals report's figures, from counts to suppressed tables (plain Python: the reads are
in `signalling.report`).

The tables: signals per theme (by the default theme's code; an organisation's own themes
together as "other"), per quarter, per work model, per municipality, and per theme and quarter
(the trend). Every cell comes with its number of signals and of distinct organisations.

A cell is shown only with at least `MIN_CELL` signals from at least `MIN_ORGANISATIONS`
organisations (primary suppression), and every additive group is protected against
subtraction with the dashboard's complementary suppression (`findings.suppression`, one
implementation for the project): the themes, the quarters, the work models and the
municipalities each against the number of signals; within the trend, each theme's quarters
against the theme's count and each quarter's themes against the quarter's count. A hidden
total hides every cell that adds up to it (else the cells would give it back), and the groups
are checked again until nothing changes (flags only turn on, so this ends).
"""

from dataclasses import dataclass

from findings.suppression import MIN_CELL, suppress_group

MIN_ORGANISATIONS = 3  # cells with signals of fewer organisations are suppressed
OTHER_THEME = "other"  # the organisations' own themes, together
NO_WORK_MODEL = "none"

# (signals, distinct organisations)
Count = tuple[int, int]
EMPTY: Count = (0, 0)


@dataclass
class Loaded:
    """What the reads give, each a mapping from the row's key to its Count."""

    total: Count
    themes: dict[str, Count]
    quarters: dict[str, Count]
    work_models: dict[str, Count]
    municipalities: dict[str, Count]
    theme_quarters: dict[tuple[str, str], Count]


@dataclass
class Keys:
    """The rows each table lists, in order: every theme, quarter and work model (empty ones
    too, so that the rows do not tell which exist); the municipalities with signals."""

    themes: list[str]
    quarters: list[str]
    work_models: list[str]
    municipalities: list[str]


def small(count: Count) -> bool:
    signals, organisations = count
    return signals > 0 and (signals < MIN_CELL or organisations < MIN_ORGANISATIONS)


def _group(counts: list[Count], hidden: list[bool], *, total_hidden: bool, floor: int):
    """One additive group: which cells are hidden now, and whether the total must go."""
    result = suppress_group(
        [signals for signals, _orgs in counts],
        already_hidden=[h or small(c) for h, c in zip(hidden, counts, strict=True)],
        total_shown=not total_hidden,
        floor=floor,
    )
    return list(result.hidden), result.hide_total


def compute(loaded: Loaded, keys: Keys) -> dict:
    total = loaded.total
    themes = [loaded.themes.get(key, EMPTY) for key in keys.themes]
    quarters = [loaded.quarters.get(key, EMPTY) for key in keys.quarters]
    models = [loaded.work_models.get(key, EMPTY) for key in keys.work_models]
    places = [loaded.municipalities.get(key, EMPTY) for key in keys.municipalities]
    trend = [
        [loaded.theme_quarters.get((theme, quarter), EMPTY) for quarter in keys.quarters]
        for theme in keys.themes
    ]

    total_hidden = total[0] < MIN_CELL or total[1] < MIN_ORGANISATIONS
    theme_hidden = [False] * len(themes)
    quarter_hidden = [False] * len(quarters)
    model_hidden = [False] * len(models)
    place_hidden = [False] * len(places)
    cell_hidden = [[False] * len(quarters) for _theme in themes]
    changed = True
    while changed:
        before = (
            total_hidden,
            list(theme_hidden),
            list(quarter_hidden),
            list(model_hidden),
            list(place_hidden),
            [list(row) for row in cell_hidden],
        )
        if total_hidden:  # too few signals or organisations altogether: nothing is shown
            theme_hidden = [True] * len(themes)
            quarter_hidden = [True] * len(quarters)
            model_hidden = [True] * len(models)
            place_hidden = [True] * len(places)
        for counts, hidden, floor in (
            (themes, theme_hidden, 0),
            (quarters, quarter_hidden, 0),
            (models, model_hidden, 0),
            # Only municipalities with signals are listed: each holds at least one.
            (places, place_hidden, 1),
        ):
            if not counts:
                continue
            result, hide_total = _group(counts, hidden, total_hidden=total_hidden, floor=floor)
            hidden[:] = result
            total_hidden = total_hidden or hide_total
        for row, counts in enumerate(trend):
            if theme_hidden[row]:
                cell_hidden[row] = [True] * len(quarters)
                continue
            result, hide_total = _group(counts, cell_hidden[row], total_hidden=False, floor=0)
            cell_hidden[row] = result
            if hide_total:
                theme_hidden[row] = True
        for column in range(len(quarters)):
            column_counts = [trend[row][column] for row in range(len(themes))]
            if quarter_hidden[column]:
                for row in range(len(themes)):
                    cell_hidden[row][column] = True
                continue
            result, hide_total = _group(
                column_counts,
                [cell_hidden[row][column] for row in range(len(themes))],
                total_hidden=False,
                floor=0,
            )
            for row, hide in enumerate(result):
                cell_hidden[row][column] = hide
            if hide_total:
                quarter_hidden[column] = True
        after = (
            total_hidden,
            list(theme_hidden),
            list(quarter_hidden),
            list(model_hidden),
            list(place_hidden),
            [list(row) for row in cell_hidden],
        )
        changed = after != before

    def rows(keys_, counts, hidden):
        return [
            _cell(key, count, hide) for key, count, hide in zip(keys_, counts, hidden, strict=True)
        ]

    theme_rows = rows(keys.themes, themes, theme_hidden)
    for row, theme in enumerate(theme_rows):
        theme["quarters"] = rows(keys.quarters, trend[row], cell_hidden[row])
        theme["change"] = _change(theme["quarters"])
    hidden_cells = sum(theme_hidden) + sum(quarter_hidden) + sum(model_hidden) + sum(place_hidden)
    hidden_cells += sum(sum(row) for row in cell_hidden)
    return {
        "total": {
            "signals": None if total_hidden else total[0],
            "organisations": None if total_hidden else total[1],
            "suppressed": total_hidden,
        },
        "themes": theme_rows,
        "quarters": rows(keys.quarters, quarters, quarter_hidden),
        "work_models": rows(keys.work_models, models, model_hidden),
        "municipalities": rows(keys.municipalities, places, place_hidden),
        "hidden_cells": hidden_cells,
        "min_signals": MIN_CELL,
        "min_organisations": MIN_ORGANISATIONS,
    }


def _cell(key: str, count: Count, hidden: bool) -> dict:
    # A hidden cell gives neither of its numbers: an empty one hidden looks like a small one.
    signals, organisations = count
    return {
        "key": key,
        "signals": None if hidden else signals,
        "organisations": None if hidden else organisations,
        "suppressed": hidden,
    }


def _change(cells: list[dict]) -> int | None:
    """The last quarter against the one before, when both are shown."""
    if len(cells) < 2 or cells[-1]["suppressed"] or cells[-2]["suppressed"]:
        return None
    return cells[-1]["signals"] - cells[-2]["signals"]
