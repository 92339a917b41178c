"""Benchmark of the cross-organisation signals report: 100,000 signals from 50 organisations,
the page and the CSV within 2 s cold (docs/design "Budgets", issue 18).

    python bench/signals_report.py [--signals 100000] [--organisations 50]
                                   [--small-signals 10000] [--repeat 5] [--strict]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_sig), created and migrated when missing; its tables are truncated and the data
generated with COPY on every run (the helpers of bench_reminders.py), then VACUUM ANALYZEd.

The data: the organisations (CAWs and others in ten municipalities; nine in ten opted in to
share their figures), each with the eleven default themes and two of its own, a social worker
each; a municipality with a policy analyst; the signals over the last two years (a skewed
spread of themes, 30 % without a work model, 2 % withdrawn, 3 % not to be counted, 1 % with a
released story). Caches are cleared before the first request; the report itself caches
nothing, so "cold" is the first request of the process (imports, templates) after the load.
Measured through Django's test client with every middleware: the page (default: the analyst's
municipality, eight quarters), the page for all municipalities, and the CSV; each at a small
and the full size, with the number of queries (the same at both sizes: set-based reads).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_reminders as common  # configure, COPY, load average

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_sig"
MUNICIPALITIES = [
    "Gent",
    "Aalst",
    "Antwerpen",
    "Brugge",
    "Leuven",
    "Hasselt",
    "Mechelen",
    "Kortrijk",
    "Genk",
    "Sint-Niklaas",
]
BUDGET_MS = 2000
STORIES = [
    "De bus naar het dienstencentrum rijdt niet meer na zes uur.",
    "Inschrijven voor de zomerkampen kon alleen online.",
    "Het zwembad kost te veel voor een gezin met vier kinderen.",
]


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("NETWERK_MFA_DEFAULT_REQUIRED", "false")
    common.configure()


def generate(signals: int, organisations: int, today: datetime.date) -> None:
    from django.db import connection

    from accounts.models import Membership, Organisation, User
    from signalling.models import Signal, SignalSharing, SignalTheme
    from signalling.themes import DEFAULT_THEMES
    from workmodels.models import WorkModel

    with connection.cursor() as cursor:
        tables = ", ".join(
            f'"{m._meta.db_table}"'
            for m in (Signal, SignalTheme, SignalSharing, Organisation, User)
        )
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    rng = random.Random(18)
    kinds = ["caw", "local_services", "community_work", "poverty_association", "buddy_project"]
    common.copy(
        Organisation,
        [
            {
                "id": o + 1,
                "name": f"Org {o}",
                "kind": kinds[o % len(kinds)],
                "municipality": MUNICIPALITIES[o % len(MUNICIPALITIES)],
                "require_mfa": False,
            }
            for o in range(organisations)
        ]
        + [
            {
                "id": organisations + 1,
                "name": "Gemeente Gent",
                "kind": "municipality",
                "municipality": "Gent",
                "require_mfa": False,
            }
        ],
    )
    common.copy(
        User,
        [
            {"id": u + 1, "email": f"u{u}@bench.invalid", "password": "!", "full_name": f"P {u}"}
            for u in range(organisations + 1)
        ],
    )
    common.copy(
        Membership,
        [
            {"user_id": o + 1, "organisation_id": o + 1, "role": "social_worker"}
            for o in range(organisations)
        ]
        + [
            {
                "user_id": organisations + 1,
                "organisation_id": organisations + 1,
                "role": "policy_analyst",
            }
        ],
    )
    common.copy(
        SignalSharing,
        [
            {
                "organisation_id": o + 1,
                "opted_in": o % 10 != 9,
                "since": datetime.datetime.now(datetime.UTC),
            }
            for o in range(organisations)
        ],
    )
    themes, theme_id = {}, 0
    rows = []
    for o in range(organisations):
        names = [(code, str(name)) for code, name, _d in DEFAULT_THEMES]
        names += [("", f"Eigen thema {o}-1"), ("", f"Eigen thema {o}-2")]
        for order, (code, name) in enumerate(names):
            theme_id += 1
            rows.append(
                {
                    "id": theme_id,
                    "organisation_id": o + 1,
                    "code": code,
                    "name": name,
                    "order": order,
                }
            )
            themes.setdefault(o + 1, []).append(theme_id)
    common.copy(SignalTheme, rows)
    models = list(WorkModel.objects.order_by("order").values_list("pk", flat=True))
    weights = [30, 12, 15, 6, 14, 4, 10, 8, 5, 3, 2, 1, 1]  # per theme: a skewed spread
    now = datetime.datetime.now(datetime.UTC)
    rows = []
    for s in range(signals):
        organisation = rng.randrange(organisations) + 1
        released = rng.random() < 0.01
        rows.append(
            {
                "id": s + 1,
                "organisation_id": organisation,
                "theme_id": rng.choices(themes[organisation], weights)[0],
                "municipality": MUNICIPALITIES[
                    (organisation - 1) % len(MUNICIPALITIES)
                    if rng.random() < 0.8
                    else rng.randrange(len(MUNICIPALITIES))
                ],
                "occurred_on": today - datetime.timedelta(days=rng.randrange(730)),
                "work_model_id": rng.choice(models) if rng.random() < 0.7 else None,
                "story": rng.choice(STORIES),
                "source_type": "standalone",
                "reported_by_id": organisation,
                "reported_at": now,
                "participant_counted": False if rng.random() < 0.03 else None,
                "story_released": released,
                "released_at": now if released else None,
                "withdrawn_at": now if rng.random() < 0.02 else None,
            }
        )
    common.copy(Signal, rows)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measured(function, repeat: int) -> tuple[float, float, int]:
    """The first (cold) time, the median of `repeat` more, in ms, and the queries of one
    (counted with an execute wrapper, as bench/referrals.py does)."""
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        started = time.perf_counter()
        function()
        cold = (time.perf_counter() - started) * 1000
    times = []
    for _index in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return cold, statistics.median(times) if times else cold, count


def page(client, url: str) -> None:
    answer = client.get(url)
    assert answer.status_code == 200, (url, answer.status_code, answer.get("Location"))
    if answer.get("Content-Type", "").startswith("text/csv"):
        assert answer.content
    else:
        assert b"<svg" in answer.content


def run(signals: int, organisations: int, repeat: int) -> dict:
    from django.core.cache import cache
    from django.test import Client
    from django.utils import timezone

    from accounts.models import Membership

    started = time.perf_counter()
    generate(signals, organisations, timezone.localdate())
    generated = time.perf_counter() - started
    cache.clear()
    analyst = Membership.objects.select_related("user").get(role="policy_analyst")
    client = Client()
    client.force_login(analyst.user)
    print(
        f"\n{signals:,} signals from {organisations} organisations "
        f"(generated with COPY in {generated:.1f} s); {common.load()}"
    )
    results = {
        "report page (the analyst's municipality)": measured(
            lambda: page(client, "/signals-report/"), repeat
        ),
        "report page (all municipalities)": measured(
            lambda: page(client, "/signals-report/?municipality="), repeat
        ),
        "report CSV (all municipalities)": measured(
            lambda: page(client, "/signals-report/report.csv?municipality="), repeat
        ),
    }
    for label, (cold, warm, queries) in results.items():
        verdict = "PASS" if cold <= BUDGET_MS else "FAIL"
        print(
            f"  {label:42} cold {cold:8.1f} ms  median {warm:8.1f} ms  {queries:2} queries"
            f"  (budget {BUDGET_MS} ms cold: {verdict})"
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--small-signals", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    configure()
    small = run(args.small_signals, args.organisations, args.repeat)
    big = run(args.signals, args.organisations, args.repeat)
    same = all(small[label][2] == big[label][2] for label in big)
    cold_ok = all(cold <= BUDGET_MS for cold, _warm, _queries in big.values())
    print(f"\nqueries independent of size: {'PASS' if same else 'FAIL'}")
    print(f"within {BUDGET_MS} ms cold at full size: {'PASS' if cold_ok else 'FAIL'}")
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(f"WARNING: the machine is busy ({common.load()}): times are inflated.")
    if args.strict and not (same and cold_ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
