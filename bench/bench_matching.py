"""Benchmark of the buddy matching engine against its budgets in docs/design ("Budgets").

    python bench/bench_matching.py [--strict] [--repeat N] [--seed S]

Budgets checked:
- batch matching 2,000 requests x 2,000 volunteers, scoring included, takes at most 3x the bare
  scipy linear_sum_assignment on the same expanded matrix (measured in the same run, so the
  machine's speed cancels out);
- top-10 suggestions for one request among 20,000 volunteers within 150 ms (p95).

Also printed: what the pages add on top of the engine's proposals, "why unmatched" for every
request the batch leaves unmatched (engine.near_misses with the capacity left after the batch)
and the nearest misses of one request in the pool of suggestions; both are budgeted with their
proposals (the batch page within 3x, the suggestions page within 150 ms).
--batch N and --pool N run smaller sizes (the budgets are stated for the defaults).

Data is synthetic (buddies.engine.synthetic) from a fixed seed. Prints the figures and PASS/FAIL
per budget; exits 0 unless --strict is given and a budget failed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Run from a checkout without installing the project.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

from buddies.engine import (
    batch_assign,
    build_assignment_problem,
    greedy_assign,
    near_misses,
    score_matrix,
    top_suggestions,
)
from buddies.engine.synthetic import synthetic_population

BATCH_REQUESTS = 2_000
BATCH_VOLUNTEERS = 2_000
POOL_VOLUNTEERS = 20_000
SUGGESTION_RUNS = 50
BATCH_RATIO_BUDGET = 3.0
SUGGESTION_BUDGET_MS = 150.0


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def random_blocked(rng: np.random.Generator, n: int, m: int, count: int) -> np.ndarray:
    """Pairs that ended badly or were declined earlier: never to be proposed again."""
    return np.unique(
        np.column_stack([rng.integers(0, n, count), rng.integers(0, m, count)]), axis=0
    )


def bench_batch(seed: int, repeat: int) -> bool:
    requests, volunteers, vocabulary = synthetic_population(seed, BATCH_REQUESTS, BATCH_VOLUNTEERS)
    blocked = random_blocked(np.random.default_rng(seed), BATCH_REQUESTS, BATCH_VOLUNTEERS, 2_000)

    # Warm-up on a small instance so imports and first-call costs are not billed to either side.
    small_r, small_v, _ = synthetic_population(seed + 1, 50, 50)
    batch_assign(small_r, small_v)

    scores, feasible = score_matrix(requests, volunteers, blocked=blocked)
    problem = build_assignment_problem(scores, feasible, volunteers.capacity)

    times: dict[str, list[float]] = {
        "batch": [],
        "lsa": [],
        "score": [],
        "build": [],
        "misses": [],
    }
    result: list[Any] = []
    for _ in range(repeat):  # interleaved, so every step sees the same machine state
        seconds, result = timed(
            lambda: batch_assign(requests, volunteers, blocked=blocked, vocabulary=vocabulary)
        )
        times["batch"].append(seconds)
        seconds, _ = timed(
            lambda result=result: why_unmatched(requests, volunteers, blocked, result)
        )
        times["misses"].append(seconds)
        seconds, _ = timed(lambda: linear_sum_assignment(problem.values, maximize=True))
        times["lsa"].append(seconds)
        seconds, _ = timed(lambda: score_matrix(requests, volunteers, blocked=blocked))
        times["score"].append(seconds)
        seconds, _ = timed(lambda: build_assignment_problem(scores, feasible, volunteers.capacity))
        times["build"].append(seconds)
    greedy_s, greedy = timed(lambda: greedy_assign(requests, volunteers, blocked=blocked))

    median = {step: statistics.median(values) for step, values in times.items()}
    batch_s, lsa_s, score_s, build_s = (median[k] for k in ("batch", "lsa", "score", "build"))
    ratio = batch_s / lsa_s
    optimal_total = sum(a.total for a in result)
    greedy_total = sum(a.total for a in greedy)
    print(f"Batch: {BATCH_REQUESTS:,} requests x {BATCH_VOLUNTEERS:,} volunteers")
    print(f"  feasible pairs            {feasible.mean():6.1%} ({int(feasible.sum()):,})")
    print(f"  expanded matrix           {problem.values.shape[0]:,} x {problem.values.shape[1]:,}")
    print(f"  timings are medians of {repeat} interleaved runs")
    print(f"  batch_assign (a)          {batch_s * 1000:8.1f} ms  (scoring to explained proposals)")
    print(f"    of which score_matrix   {score_s * 1000:8.1f} ms")
    print(f"    of which build matrix   {build_s * 1000:8.1f} ms")
    print(f"  bare linear_sum_assignment (b) {lsa_s * 1000:5.1f} ms")
    ok = ratio <= BATCH_RATIO_BUDGET
    budget = f"budget <= {BATCH_RATIO_BUDGET:.0f}x  {verdict(ok)}"
    print(f"  ratio (a)/(b)             {ratio:8.2f}x  {budget}")
    unmatched = BATCH_REQUESTS - len(result)
    misses_s = median["misses"]
    print(
        f"  why unmatched (c)         {misses_s * 1000:8.1f} ms  ({unmatched:,} requests unmatched)"
    )
    page_ratio = (batch_s + misses_s) / lsa_s
    page_ok = page_ratio <= BATCH_RATIO_BUDGET
    print(
        f"  ratio (a+c)/(b)           {page_ratio:8.2f}x  "
        f"budget <= {BATCH_RATIO_BUDGET:.0f}x  {verdict(page_ok)}"
    )
    ok &= page_ok
    print(f"  optimal: total {optimal_total:9.2f}, matched {len(result):,}")
    print(
        f"  greedy:  total {greedy_total:9.2f}, matched {len(greedy):,} ({greedy_s * 1e3:.0f} ms)"
    )
    gain = (optimal_total - greedy_total) / greedy_total if greedy_total else float("nan")
    print(f"  optimal vs greedy total   {gain:+.1%}")
    return ok


def why_unmatched(requests, volunteers, blocked, result) -> list[Any]:
    """What the batch page adds: nearest misses of every request the batch left unmatched."""
    left = np.array(volunteers.capacity, dtype=np.int64)
    matched = np.zeros(len(requests), dtype=bool)
    for a in result:
        left[a.volunteer_index] -= 1
        matched[a.request_index] = True
    return near_misses(
        requests, volunteers, np.flatnonzero(~matched), blocked=blocked, capacity_left=left
    )


def bench_suggestions(seed: int) -> bool:
    requests, volunteers, vocabulary = synthetic_population(seed, SUGGESTION_RUNS, POOL_VOLUNTEERS)
    top_suggestions(requests, volunteers, request_index=0)  # warm-up
    times, found = [], []
    for i in range(SUGGESTION_RUNS):
        # A fresh Volunteers each run, as a web request would build one: derived per-row values
        # (unit vectors, popcounts) are recomputed and billed to the suggestion.
        fresh = dataclasses.replace(volunteers)
        seconds, suggestions = timed(
            lambda fresh=fresh, i=i: top_suggestions(
                requests, fresh, request_index=i, n=10, vocabulary=vocabulary
            )
        )
        times.append(seconds * 1000)
        found.append(len(suggestions))
    p50 = float(np.percentile(times, 50))
    p95 = float(np.percentile(times, 95))
    print(
        f"Top-10 suggestions: 1 request of {POOL_VOLUNTEERS:,} volunteers, {SUGGESTION_RUNS} runs"
    )
    ok = p95 <= SUGGESTION_BUDGET_MS
    budget = f"budget <= {SUGGESTION_BUDGET_MS:.0f} ms  {verdict(ok)}"
    print(f"  p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {max(times):6.1f} ms   {budget}")
    print(f"  suggestions per request: min {min(found)}, median {statistics.median(found):.0f}")
    with_misses = []
    for i in range(SUGGESTION_RUNS):
        fresh = dataclasses.replace(volunteers)
        seconds, _ = timed(
            lambda fresh=fresh, i=i: (
                top_suggestions(requests, fresh, request_index=i, n=10, vocabulary=vocabulary),
                near_misses(requests, fresh, [i]),
            )
        )
        with_misses.append(seconds * 1000)
    p95_misses = float(np.percentile(with_misses, 95))
    misses_ok = p95_misses <= SUGGESTION_BUDGET_MS
    print(
        f"  with nearest misses: p50 {float(np.percentile(with_misses, 50)):6.1f} ms   "
        f"p95 {p95_misses:6.1f} ms   budget <= {SUGGESTION_BUDGET_MS:.0f} ms  {verdict(misses_ok)}"
    )
    return ok and misses_ok


def main(argv: list[str] | None = None) -> int:
    global BATCH_REQUESTS, BATCH_VOLUNTEERS, POOL_VOLUNTEERS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--repeat", type=int, default=5, help="batch timings to take the median of")
    parser.add_argument("--seed", type=int, default=20_250_101)
    parser.add_argument("--batch", type=int, default=BATCH_REQUESTS, help="requests = volunteers")
    parser.add_argument("--pool", type=int, default=POOL_VOLUNTEERS, help="suggestions' pool")
    args = parser.parse_args(argv)
    BATCH_REQUESTS = BATCH_VOLUNTEERS = args.batch
    POOL_VOLUNTEERS = args.pool
    versions = f"numpy {np.__version__}, scipy {scipy.__version__}"
    print(f"python {platform.python_version()}, {versions}, {os.cpu_count()} CPUs")
    ok = bench_batch(args.seed, args.repeat)
    ok &= bench_suggestions(args.seed + 7)
    print("ALL BUDGETS PASS" if ok else "SOME BUDGETS FAIL")
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
