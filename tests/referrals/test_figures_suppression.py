"""The instance-wide figures hide small cells with the dashboard's suppression, in every
additive group of a table, so that no hidden number can be worked out by subtraction. Plain
data in, plain data out (`referrals.figures.compute`)."""

import random

from findings.suppression import MIN_CELL
from referrals.figures import ANSWERS, Loaded, compute

MODELS = [("buddy", "Buddy"), ("peer", "Peer"), ("none", "None")]


def _loaded(counts, days=(), reasons=()):
    labels = {f"i{n}": f"Initiative {n}" for n in range(20)}
    return Loaded(
        counts=list(counts),
        days=list(days),
        reasons=list(reasons),
        models=MODELS,
        initiative_labels=labels,
    )


def _row(result, table, key):
    return next(row for row in result[table] if row["key"] == key)


def test_the_organisation_s_own_figures_hide_nothing():
    result = compute(_loaded([("buddy", "i1", "declined", 1)]), suppress=False)
    assert _row(result, "work_models", "buddy")["declined"] == 1
    assert result["min_cell"] is None


def test_a_small_row_is_hidden_whole_and_another_with_it():
    counts = [
        ("buddy", "i1", "accepted", 20),
        ("buddy", "i1", "declined", 10),
        ("peer", "i2", "accepted", 3),
        ("none", "i3", "sent", 12),
    ]
    result = compute(_loaded(counts), suppress=True)
    peer = _row(result, "work_models", "peer")
    assert peer["referrals"] is None and peer["accepted"] is None and peer["suppressed"]
    # One hidden row would be the total minus the others: a second one goes with it.
    hidden = [row for row in result["work_models"] if row["referrals"] is None]
    assert len(hidden) == 2
    assert result["total"]["referrals"] == 45


def test_a_small_answer_in_a_large_row_is_hidden_with_its_rate():
    counts = [
        ("buddy", "i1", "accepted", 30),
        ("buddy", "i1", "declined", 2),
        ("buddy", "i1", "sent", 9),
        ("peer", "i2", "accepted", 30),
        ("peer", "i2", "declined", 20),
        ("peer", "i2", "received", 20),
    ]
    result = compute(_loaded(counts), suppress=True)
    buddy = _row(result, "work_models", "buddy")
    assert buddy["referrals"] == 41
    assert buddy["declined"] is None and buddy["acceptance_rate"] is None
    assert buddy["waiting"] is None  # not alone: the row's count would give it away
    assert (
        result["total"]["declined"] is None
        or _row(result, "work_models", "peer")["declined"] is None
    )


def test_a_median_of_fewer_than_5_first_contacts_is_not_shown():
    counts = [("buddy", "i1", "first_contact", 30), ("peer", "i2", "first_contact", 30)]
    days = [("buddy", "i1", d) for d in (3, 4, 5, 6)] + [("peer", "i2", d) for d in range(5)]
    result = compute(_loaded(counts, days), suppress=True)
    assert _row(result, "work_models", "buddy")["median_days_to_first_contact"] is None
    assert _row(result, "work_models", "peer")["median_days_to_first_contact"] == 2.0
    assert result["total"]["median_days_to_first_contact"] == 3.0


def test_reasons_given_fewer_than_5_times_are_left_out_words_and_all():
    reasons = [("Geen plaats", 4), (" geen   PLAATS", 3), ("Jan is al bekend bij ons", 1)]
    reasons += [("Buiten ons werkgebied", 2)]
    result = compute(_loaded([("buddy", "i1", "declined", 10)], reasons=reasons), suppress=True)
    assert result["declined_reasons"] == [{"reason": "Geen plaats", "n": 7}]
    assert result["reasons_hidden"]
    own = compute(_loaded([], reasons=reasons), suppress=False)
    assert [r["n"] for r in own["declined_reasons"]] == [7, 2, 1]


def _group_safe(cells, hidden, total_shown):
    at_risk = [c for c, h in zip(cells, hidden, strict=True) if h and c > 0]
    if not total_shown or not at_risk:
        return True
    return len(at_risk) >= 2 and sum(at_risk) >= MIN_CELL


def test_no_hidden_number_of_a_random_table_can_be_worked_out_from_a_shown_total():
    generator = random.Random(15)
    statuses = ["sent", "accepted", "declined"]
    for _run in range(200):
        counts = [
            (code, "i1", status, generator.choice([0, 1, 2, 3, 4, 6, 9, 15]))
            for code, _label in MODELS
            for status in statuses
        ]
        result = compute(_loaded([c for c in counts if c[3]]), suppress=True)
        rows, total = result["work_models"], result["total"]
        matrix = [[_true(counts, row["key"], s) for s in statuses] for row in rows]
        for row, cells in zip(rows, matrix, strict=True):
            assert all(
                n == 0 or n >= MIN_CELL
                for n, name in zip(cells, ANSWERS, strict=True)
                if row[name] is not None
            )
            hidden = [row[name] is None for name in ANSWERS]
            assert _group_safe(cells, hidden, row["referrals"] is not None)
        for column, name in enumerate(ANSWERS):
            cells = [m[column] for m in matrix]
            hidden = [row[name] is None for row in rows]
            assert _group_safe(cells, hidden, total[name] is not None)
        totals = [sum(m) for m in matrix]
        hidden = [row["referrals"] is None for row in rows]
        assert _group_safe(totals, hidden, total["referrals"] is not None)


def _true(counts, model, status):
    return sum(n for code, _i, s, n in counts if code == model and s == status)
