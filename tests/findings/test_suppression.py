"""Complementary suppression: no hidden count can be worked out from a total and the rest."""

from hypothesis import given
from hypothesis import strategies as st

from findings.suppression import MIN_CELL, suppress_group


def pinned_cells(counts, hidden, total, *, floor=1):
    """What a reader can pin down: the hidden cells whose value follows from the total, the
    visible cells and the knowledge that every hidden cell holds at least `floor`."""
    hidden_indexes = [i for i, hide in enumerate(hidden) if hide]
    if total is None or not hidden_indexes:
        return set()
    remainder = total - sum(c for c, hide in zip(counts, hidden, strict=True) if not hide)
    others = len(hidden_indexes) - 1
    # A hidden cell ranges from `floor` (the others take the rest) to the remainder less the
    # others at their floor; alone, it is the remainder.
    low, high = (remainder, remainder) if not others else (floor, remainder - others * floor)
    return set(hidden_indexes) if low == high else set()


def test_primary_suppression_alone_leaks_a_cell_by_subtraction():
    counts = [3, 9]  # a work model of 12: 3 live alone, 9 with a partner
    primary = [count < MIN_CELL for count in counts]
    assert pinned_cells(counts, primary, total=12) == {0}  # 12 - 9 = 3


def test_the_next_smallest_cell_is_hidden_too():
    result = suppress_group([3, 9, 14])
    assert result.hidden == (True, True, False)
    assert not result.hide_total
    assert pinned_cells([3, 9, 14], result.hidden, total=26) == set()


def test_two_hidden_cells_of_one_are_protected_by_a_third():
    # 1 + 1 = 2 hidden participants: both are known to be 1 unless a bigger cell joins them.
    assert pinned_cells([1, 1, 8, 9], [True, True, False, False], total=19) == {0, 1}
    result = suppress_group([1, 1, 8, 9])
    assert result.hidden == (True, True, True, False)
    assert pinned_cells([1, 1, 8, 9], result.hidden, total=19) == set()


def test_enough_hidden_cells_need_nothing_more():
    assert suppress_group([2, 4, 7, 9]).hidden == (True, True, False, False)
    assert suppress_group([6, 7, 9]).hidden == (False, False, False)


def test_ties_hide_the_first_cell_so_the_result_does_not_change_between_runs():
    assert suppress_group([3, 8, 8]).hidden == (True, True, False)


def test_without_a_shown_total_only_small_cells_are_hidden():
    result = suppress_group([3, 9], total_shown=False)
    assert result.hidden == (True, False)
    assert not result.hide_total


def test_the_total_goes_when_no_other_cell_can_protect_a_small_one():
    # One level holding the whole (small) group: hiding it is not enough while its total shows.
    result = suppress_group([3])
    assert result.hidden == (True,)
    assert result.hide_total


def test_a_caller_may_protect_with_the_total_instead_of_another_cell():
    result = suppress_group([3, 40, 60], protect_with="total")
    assert result.hidden == (True, False, False)
    assert result.hide_total
    # Two small models that together hold enough: the total may stay.
    assert not suppress_group([3, 4, 60], protect_with="total").hide_total


def test_empty_cells_are_hidden_but_protect_and_need_nothing():
    # Four work models nobody follows: the total of the others says nothing about a person.
    result = suppress_group([0, 0, 0, 0, 12, 30, 7], protect_with="total", floor=0)
    assert not result.hide_total
    assert result.hidden == (True, True, True, True, False, False, False)
    # One small model among empty ones is still protected.
    assert suppress_group([0, 3, 12, 30], protect_with="total", floor=0).hide_total


def test_hidden_cells_all_at_their_least_are_protected_too():
    # Five levels of one participant each hold 5 together, yet each is known to be 1.
    counts = [1, 1, 1, 1, 1, 20]
    assert pinned_cells(counts, [True] * 5 + [False], total=25) == {0, 1, 2, 3, 4}
    result = suppress_group(counts)
    assert result.hidden == (True,) * 6
    assert pinned_cells(counts, result.hidden, total=25) == set()


def test_cells_hidden_for_another_reason_count_as_hidden():
    # The level's row was hidden in the table of participants; its metric cell (6) is too, so
    # the small one (2) is not alone.
    result = suppress_group([2, 6, 30], already_hidden=[False, True, False], floor=0)
    assert result.hidden == (True, True, False)


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=8))
def test_no_hidden_cell_can_be_pinned_down_or_the_total_is_hidden(counts):
    result = suppress_group(counts)
    assert all(hide for count, hide in zip(counts, result.hidden, strict=True) if count < MIN_CELL)
    total = None if result.hide_total else sum(counts)
    assert pinned_cells(counts, result.hidden, total) == set()
    hidden = [c for c, hide in zip(counts, result.hidden, strict=True) if hide]
    if hidden and total is not None:
        assert len(hidden) >= 2 and sum(hidden) >= MIN_CELL


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=8))
def test_cells_that_may_be_empty_are_never_pinned_either(counts):
    result = suppress_group(counts, protect_with="total", floor=0)
    total = None if result.hide_total else sum(counts)
    at_risk = {
        i for i, (c, hide) in enumerate(zip(counts, result.hidden, strict=True)) if hide and c
    }
    assert not pinned_cells(counts, result.hidden, total, floor=0) & at_risk
