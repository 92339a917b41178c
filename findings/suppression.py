"""Small-cell suppression that cannot be undone by subtraction (plain Python, no Django).

Primary suppression hides every count under the threshold. On its own that leaks: when a
breakdown's total is shown (a work model's participants, broken down by household), a single
hidden cell is the total minus the visible ones. Complementary (secondary) suppression closes
that: within each additive group (cells that add up to a shown total) it also hides the next
smallest cells until

- no hidden cell with participants is alone (two unknowns and one equation: neither can be
  solved),
- the hidden cells together hold at least the threshold, so that the total minus the visible
  cells, which the reader can still compute, is itself no small count (two hidden cells of 1
  and 2 would add up to 3 and, since a listed level has at least one participant, leave only
  two possibilities), and
- they are not all at the least they can hold (five hidden levels of one participant each).

When the visible cells run out before that holds (for instance a group of one hidden cell), the
total has to go instead. A caller whose total is less important than its cells (the number of
participants across all work models) asks to hide the total straight away.

Hiding is all or nothing per cell: a hidden cell's count and every figure computed from its
participants (medians, intervals, days) go together, and the page marks primary and secondary
hiding alike so the reader cannot tell which hidden cells are the small ones.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MIN_CELL = 5  # cells with fewer participants are suppressed


@dataclass(frozen=True)
class Suppression:
    hidden: tuple[bool, ...]  # per cell, in the order given
    hide_total: bool


def _unsafe(counts: Sequence[int], hidden: Sequence[bool], minimum: int, floor: int) -> bool:
    """Whether the hidden cells of the group could be worked out from the total.

    Empty cells (a work model nobody follows) are hidden too but protect nobody and need no
    protection: only the hidden cells with participants are at risk."""
    hidden_counts = [count for count, hide in zip(counts, hidden, strict=True) if hide]
    at_risk = [count for count in hidden_counts if count > 0]
    if not at_risk:
        return False
    if len(at_risk) == 1 or sum(at_risk) < minimum:
        return True
    # Every hidden cell at the least it can hold (five hidden levels of one participant each,
    # where a level is listed only if someone is in it): each one is known.
    return sum(hidden_counts) == floor * len(hidden_counts)


def suppress_group(
    counts: Sequence[int],
    *,
    minimum: int = MIN_CELL,
    total_shown: bool = True,
    already_hidden: Sequence[bool] | None = None,
    protect_with: str = "cells",
    floor: int = 1,
) -> Suppression:
    """Which cells of one additive group to hide, and whether its total must go too.

    `counts`: the cells' true counts (each cell's participants; cells may overlap only if the
    caller accepts the conservative reading that they add up). `already_hidden`: cells hidden
    for another reason (their row was hidden in a wider table); they count as hidden here.
    `total_shown`: whether the reader sees the group's total; without it no subtraction is
    possible and only primary suppression applies. `protect_with`: "cells" hides the next
    smallest visible cells first (ties: the first in order, so the result is deterministic),
    "total" hides the total instead of any further cell. `floor`: the least a cell can hold
    as the reader knows it: 1 where a cell is listed only when someone is in it (the levels of
    a dimension), 0 where every cell is listed (the work models, a metric per level).
    """
    if protect_with not in ("cells", "total"):
        raise ValueError(f"protect_with must be 'cells' or 'total', not {protect_with!r}")
    if already_hidden is not None and len(already_hidden) != len(counts):
        raise ValueError("already_hidden must have one flag per cell")
    hidden = [
        count < minimum or bool(already_hidden and already_hidden[index])
        for index, count in enumerate(counts)
    ]
    if not total_shown:
        return Suppression(tuple(hidden), hide_total=False)
    if protect_with == "cells":
        while _unsafe(counts, hidden, minimum, floor):
            visible = [index for index, hide in enumerate(hidden) if not hide]
            if not visible:
                break
            smallest = min(visible, key=lambda index: (counts[index], index))
            hidden[smallest] = True
    return Suppression(tuple(hidden), hide_total=_unsafe(counts, hidden, minimum, floor))
