"""Referral figures, from counts to tables (plain Python: the reads are in
`selectors.figures`).

Per work model and per initiative: the referrals, how many wait for an answer, were accepted
(accepted, first contact or ended after it) or declined, the acceptance rate (accepted out of
those answered) and the median days from sending to the first contact; and the reasons for
declining, grouped (the same words, whatever the spaces and capitals).

The instance-wide figures hide small cells with the dashboard's suppression
(`findings.suppression`, one implementation for the project), applied to every additive group
of a table until none can be worked out by subtraction: the rows against the number of
referrals, the three answers within each row against the row's count, each answer's column
against its total, and those totals against the number of referrals. Hiding a row hides
everything computed from its referrals; a rate needs both its counts, a median at least
`MIN_CELL` first contacts. A reason given fewer times is not shown at all, not even its words
(so no subtraction can tie a number to it).
"""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from findings.suppression import MIN_CELL, suppress_group

ANSWERS = ("waiting", "accepted", "declined")
BUCKET = {
    "sent": "waiting",
    "received": "waiting",
    "accepted": "accepted",
    "first_contact": "accepted",
    "ended": "accepted",
    "declined": "declined",
}


@dataclass
class Loaded:
    """What the reads give: per referral group its counts, per first contact its days."""

    # (work model key, initiative key, status, number of referrals)
    counts: list[tuple] = field(default_factory=list)
    # (work model key, initiative key, days from sending to the first contact)
    days: list[tuple] = field(default_factory=list)
    # (the reason as written, number of referrals)
    reasons: list[tuple[str, int]] = field(default_factory=list)
    # Every work model, in order, with its label (listed even without referrals).
    models: list[tuple] = field(default_factory=list)
    initiative_labels: dict = field(default_factory=dict)


def _median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def _rate(accepted: int, declined: int) -> float | None:
    answered = accepted + declined
    return round(100 * accepted / answered, 1) if answered else None


def _row(key, label: str, cells: list[int], days: list[int]) -> dict:
    waiting, accepted, declined = cells
    return {
        "key": key,
        "label": label,
        "referrals": sum(cells),
        "waiting": waiting,
        "accepted": accepted,
        "declined": declined,
        "acceptance_rate": _rate(accepted, declined),
        "median_days_to_first_contact": _median(days),
        "suppressed": False,
    }


def _suppress_table(matrix: list[list[int]], floor: int) -> tuple:
    """Which rows and cells to hide, and whether the column totals and the number of
    referrals go too: every group checked again until nothing changes (flags only turn on)."""
    rows = len(matrix)
    row_hidden = [False] * rows
    cell_hidden = [[False] * len(ANSWERS) for _ in range(rows)]
    column_hidden = [False] * len(ANSWERS)
    grand_hidden = False
    changed = True
    while changed:
        before = (list(row_hidden), [list(c) for c in cell_hidden], list(column_hidden))
        before = (*before, grand_hidden)
        totals = [sum(cells) for cells in matrix]
        result = suppress_group(
            totals, already_hidden=row_hidden, total_shown=not grand_hidden, floor=floor
        )
        row_hidden = list(result.hidden)
        grand_hidden = grand_hidden or result.hide_total
        for index in range(rows):
            if row_hidden[index]:
                cell_hidden[index] = [True] * len(ANSWERS)
                continue
            result = suppress_group(matrix[index], already_hidden=cell_hidden[index], floor=0)
            cell_hidden[index] = list(result.hidden)
            if result.hide_total:
                row_hidden[index] = True
                cell_hidden[index] = [True] * len(ANSWERS)
        for column in range(len(ANSWERS)):
            result = suppress_group(
                [cells[column] for cells in matrix],
                already_hidden=[hidden[column] for hidden in cell_hidden],
                total_shown=not column_hidden[column],
                floor=0,
            )
            for index, hide in enumerate(result.hidden):
                cell_hidden[index][column] = hide
            column_hidden[column] = column_hidden[column] or result.hide_total
        column_totals = [sum(cells[column] for cells in matrix) for column in range(3)]
        result = suppress_group(
            column_totals, already_hidden=column_hidden, total_shown=not grand_hidden, floor=0
        )
        column_hidden = list(result.hidden)
        grand_hidden = grand_hidden or result.hide_total
        after = (list(row_hidden), [list(c) for c in cell_hidden], list(column_hidden))
        changed = (*after, grand_hidden) != before
    return row_hidden, cell_hidden, column_hidden, grand_hidden


def _hide(row: dict, cells_hidden: list[bool], *, row_hidden: bool, days: int) -> dict:
    if row_hidden:
        return {
            **row,
            **dict.fromkeys(("referrals", *ANSWERS, "acceptance_rate"), None),
            "median_days_to_first_contact": None,
            "suppressed": True,
        }
    for answer, hide in zip(ANSWERS, cells_hidden, strict=True):
        if hide:
            row[answer] = None
            row["suppressed"] = True
    if row["accepted"] is None or row["declined"] is None:
        row["acceptance_rate"] = None
    if days < MIN_CELL:
        row["median_days_to_first_contact"] = None
    return row


def _table(keys: list, labels: dict, cells: dict, days: dict, *, suppress: bool, floor: int):
    rows = [
        _row(key, labels.get(key, ""), cells.get(key, [0, 0, 0]), days.get(key, [])) for key in keys
    ]
    if not suppress:
        return rows, None
    flags = _suppress_table([cells.get(key, [0, 0, 0]) for key in keys], floor)
    row_hidden, cell_hidden, column_hidden, grand_hidden = flags
    rows = [
        _hide(row, cell_hidden[i], row_hidden=row_hidden[i], days=len(days.get(row["key"], [])))
        for i, row in enumerate(rows)
    ]
    return rows, (column_hidden, grand_hidden)


def _total(cells: Iterable[list[int]], days: list[int], hidden) -> dict:
    sums = [0, 0, 0]
    for row in cells:
        sums = [a + b for a, b in zip(sums, row, strict=True)]
    total = _row(None, "", sums, days)
    if hidden is None:
        return total
    column_hidden, grand_hidden = hidden
    return _hide(total, column_hidden, row_hidden=grand_hidden, days=len(days))


def _reasons(reasons: list[tuple[str, int]], *, suppress: bool) -> tuple[list[dict], bool]:
    """The reasons grouped by their words; with suppression, only those given at least
    `MIN_CELL` times (and not all of them if the rest could be worked out)."""
    groups: dict[str, dict] = {}
    for text, count in reasons:
        words = " ".join((text or "").split())
        group = groups.setdefault(words.casefold(), {"reason": words, "n": 0, "spellings": {}})
        group["n"] += count
        group["spellings"][words] = group["spellings"].get(words, 0) + count
    rows = [
        {"reason": max(g["spellings"].items(), key=lambda s: (s[1], s[0]))[0], "n": g["n"]}
        for g in groups.values()
    ]
    rows.sort(key=lambda r: (-r["n"], r["reason"]))
    if not suppress:
        return rows, False
    # Primary suppression only: a hidden reason's words are not shown either, so the declined
    # referrals minus the reasons shown tell how many had reasons nobody can read, no more.
    hidden = suppress_group([r["n"] for r in rows], total_shown=False).hidden
    visible = [row for row, hide in zip(rows, hidden, strict=True) if not hide]
    return visible, len(visible) < len(rows)


def compute(loaded: Loaded, *, suppress: bool) -> dict:
    """The figures of one set of referrals: per work model, per initiative, in total, and the
    reasons for declining. `suppress`: the instance-wide figures (small cells hidden)."""
    by_model: dict = {}
    by_initiative: dict = {}
    for model, initiative, status, count in loaded.counts:
        column = ANSWERS.index(BUCKET[status])
        for table, key in ((by_model, model), (by_initiative, initiative)):
            table.setdefault(key, [0, 0, 0])[column] += count
    days_model: dict = {}
    days_initiative: dict = {}
    for model, initiative, days in loaded.days:
        days_model.setdefault(model, []).append(days)
        days_initiative.setdefault(initiative, []).append(days)
    model_keys = [key for key, _label in loaded.models]
    model_keys += [key for key in by_model if key not in model_keys]
    initiative_keys = sorted(
        by_initiative, key=lambda k: (-sum(by_initiative[k]), loaded.initiative_labels.get(k, ""))
    )
    models, hidden = _table(
        model_keys, dict(loaded.models), by_model, days_model, suppress=suppress, floor=0
    )
    initiatives, hidden_too = _table(
        initiative_keys,
        loaded.initiative_labels,
        by_initiative,
        days_initiative,
        suppress=suppress,
        floor=1,
    )
    if suppress:  # one total row for both tables: hidden if either needs it
        hidden = (
            [a or b for a, b in zip(hidden[0], hidden_too[0], strict=True)],
            hidden[1] or hidden_too[1],
        )
    every_day = [days for _m, _i, days in loaded.days]
    reasons, reasons_hidden = _reasons(loaded.reasons, suppress=suppress)
    return {
        "total": _total(by_model.values(), every_day, hidden),
        "work_models": models,
        "initiatives": initiatives,
        "declined_reasons": reasons,
        "reasons_hidden": reasons_hidden,
        "min_cell": MIN_CELL if suppress else None,
    }
