"""Benchmark of the "what works for whom" dashboard (issue 7, "Performance").

    python bench/bench_dashboard.py [--participants N] [--repeat N] [--cold N] [--reset]
                                    [--recount]

In the PostgreSQL database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/netwerk_bench_dash): when it holds no participants yet,
bench/generate_participants.py builds them (with trajectories; few interventions, which the
dashboard does not read), then this script adds for every participant a baseline and a
follow-up network snapshot (about eight members each), LSNS-6 and De Jong Gierveld totals at
both dates, all with COPY (research consents come from the participant generator).

The first computation is timed apart: it counts the members of every snapshot it has not met
before and keeps the counts (findings.SnapshotCounts), which after the bulk load here means all
200,000 of them (--recount forgets them, to time that again). Budgets, measured after it: the
dashboard's server time cold (nothing cached) <= 2 s (median of --cold runs; the maximum is
printed too); cached, p95 <= 3x the p95 of a trivial view under the same middleware; the number
of queries bounded (the same at any size). Prints the figures and the load average (the machine
may be shared: read the times with it) and exits 1 when a budget is missed. The query count is
that of the request's own connection: the four reads of `findings.practice.load` run on their
own connections, a fixed handful of statements each. The cache is Django's local memory cache
here (REDIS_URL is unset, as in the other benchmarks): it measures Django alone.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_dash"
COLD_BUDGET_S = 2.0
RATIO_BUDGET = 3.0
QUERY_BUDGET = 20
TRIVIAL_PATH = "/__bench__/trivial/"
NULL = "\\N"


def configure_environment() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    import generate_participants

    generate_participants.configure_environment()
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_URL"] = "consolemail://"
    os.environ.pop("CELERY_BROKER_URL", None)


def ensure_participants(args) -> None:
    import generate_participants

    argv = ["--participants", str(args.participants), "--interventions", str(args.participants)]
    argv += ["--workers", "200"] + (["--reset"] if args.reset else [])
    code = generate_participants.main(argv)
    if code not in (0, 1):  # 1: the participants were there already
        raise SystemExit(code)


def add_practice_data(seed: int) -> None:
    """Snapshots with members, measurements and research consents, with COPY."""
    import numpy as np
    from django.db import connection, transaction
    from django.utils import timezone

    from participants.models import Instrument, NetworkSnapshot, Participant

    if NetworkSnapshot.objects.exists():
        print("practice data present")
        return
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    ids = np.array(Participant.objects.order_by("id").values_list("id", flat=True))
    creators = dict(Participant.objects.values_list("id", "social_worker_id"))
    fallback = Participant.objects.exclude(social_worker=None).values_list(
        "social_worker_id", flat=True
    )[0]
    user = np.array([creators.get(int(pid)) or fallback for pid in ids])
    n = len(ids)
    today = timezone.localdate()
    base_day = today - datetime.timedelta(days=400)
    baseline = [base_day + datetime.timedelta(days=int(d)) for d in rng.integers(0, 120, n)]
    follow = [
        b + datetime.timedelta(days=int(d))
        for b, d in zip(baseline, rng.integers(90, 270, n), strict=True)
    ]
    size_before = rng.integers(3, 12, n)
    change = rng.integers(-2, 4, n)
    size_after = np.maximum(size_before + change, 1)
    sectors = ["family", "friends", "neighbours", "peers", "professionals", "household"]
    directions = ["mutual", "from_them", "from_participant", ""]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM participants_networksnapshot")
        first_id = cursor.fetchone()[0] + 1
        snapshots, members = io.StringIO(), io.StringIO()
        snapshot_id = first_id
        now = "2025-01-01 00:00:00+00"
        for index in range(n):
            for kind, day, size in (
                ("baseline", baseline[index], size_before[index]),
                ("follow_up", follow[index], size_after[index]),
            ):
                snapshots.write(
                    f"{snapshot_id}\t{ids[index]}\t{day.isoformat()}\t{kind}\t\t{user[index]}\t{now}\n"
                )
                picks = rng.integers(0, len(sectors), size)
                ways = rng.integers(0, len(directions), size)
                for member in range(size):
                    members.write(
                        f"{snapshot_id}\t{member + 1}\tm{member}\t{sectors[picks[member]]}\tclose\t"
                        f"[]\t{directions[ways[member]]}\tweekly\t\tf\n"
                    )
                snapshot_id += 1
        snapshots.seek(0)
        cursor.copy_expert(
            "COPY participants_networksnapshot (id, participant_id, taken_on, kind, note, "
            "created_by_id, created_at) FROM STDIN",
            snapshots,
        )
        members.seek(0)
        cursor.copy_expert(
            "COPY participants_snapshotmember (snapshot_id, member_id, label, sector, ring, "
            "support, direction, frequency, known_for, critical) FROM STDIN",
            members,
        )
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('participants_networksnapshot', 'id'), %s)",
            [snapshot_id],
        )
        measurements = io.StringIO()
        for code, low, high in (("lsns6", 0, 31), ("djg6", 0, 7)):
            instrument = Instrument.objects.filter(code=code).order_by("-version").first()
            before = rng.integers(low, high, n)
            after = np.clip(before + rng.integers(-2, 3, n), low, high - 1)
            for index in range(n):
                for day, total in ((baseline[index], before[index]), (follow[index], after[index])):
                    measurements.write(
                        f"{ids[index]}\t{instrument.pk}\t{instrument.version}\t{day.isoformat()}\t"
                        f"{{}}\t{{}}\t{total}\t\t{user[index]}\t{now}\n"
                    )
        measurements.seek(0)
        cursor.copy_expert(
            "COPY participants_measurement (participant_id, instrument_id, instrument_version, "
            "taken_on, answers, scores, total, band, recorded_by_id, created_at) FROM STDIN",
            measurements,
        )
    with connection.cursor() as cursor:
        for table in ("networksnapshot", "snapshotmember", "measurement"):
            cursor.execute(f"VACUUM ANALYZE participants_{table}")
    print(
        f"practice data: {2 * n} snapshots, {int(size_before.sum() + size_after.sum())} "
        f"members, {4 * n} measurements in {time.perf_counter() - started:.1f} s"
    )


def install_trivial_view() -> None:
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import clear_url_caches, include, path

    def trivial(request):
        return HttpResponse("ok", content_type="text/plain")

    module = types.ModuleType("bench_dashboard_urls")
    module.urlpatterns = [
        path(TRIVIAL_PATH.strip("/") + "/", trivial),
        path("", include("netwerk.urls")),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


def timed_get(client, url: str) -> tuple[float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(queries.captured_queries), len(response.content)


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cold", type=int, default=5, help="cold runs (cache cleared)")
    parser.add_argument(
        "--recount",
        action="store_true",
        help="forget the kept snapshot counts first, to time the first computation after a "
        "bulk load",
    )
    args = parser.parse_args(argv)
    configure_environment()
    ensure_participants(args)

    import django

    django.setup()
    from django.core.cache import cache
    from django.db.models import Exists, OuterRef
    from django.test import Client

    from accounts.models import Membership, Organisation, Role
    from findings.models import SnapshotCounts
    from participants.models import NetworkSnapshot, Participant

    add_practice_data(args.seed)
    install_trivial_view()
    organisation = Organisation.objects.get(name="Netwerk bench organisation")
    admin = Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN).first()
    researcher, _created = Membership.objects.get_or_create(
        organisation=organisation,
        role=Role.RESEARCHER,
        user=type(admin.user).objects.get_or_create(email="researcher@bench.netwerk.invalid")[0],
    )
    client = Client()
    client.force_login(researcher.user)
    print(f"participants: {Participant.objects.filter(organisation=organisation).count()}")

    url = "/findings/dashboard/"
    print(f"load average before: {load_average()}")
    if args.recount:
        SnapshotCounts.objects.all().delete()
    missing = NetworkSnapshot.objects.filter(
        ~Exists(SnapshotCounts.objects.filter(snapshot_id=OuterRef("pk")))
    ).count()
    cache.clear()
    first, first_queries, _size = timed_get(client, url)
    print(
        f"first computation: {first * 1000:.0f} ms, {first_queries} queries "
        f"({missing} snapshots not counted yet: their member counts are kept from now on)"
    )
    colds, cold_queries = [], 0
    for _ in range(args.cold):
        cache.clear()
        seconds, cold_queries, size = timed_get(client, url)
        colds.append(seconds)
    cached = [timed_get(client, url) for _ in range(args.repeat)]
    trivial = [timed_get(client, TRIVIAL_PATH) for _ in range(args.repeat)]
    cached_p95 = p95([c[0] for c in cached])
    trivial_p95 = p95([t[0] for t in trivial])
    ratio = cached_p95 / trivial_p95
    cold = statistics.median(colds)
    print(
        f"dashboard cold:   median {cold * 1000:.0f} ms, max {max(colds) * 1000:.0f} ms of "
        f"{len(colds)} runs (all: {', '.join(f'{c * 1000:.0f}' for c in colds)} ms), "
        f"{cold_queries} queries, {size // 1024} KiB  [budget {COLD_BUDGET_S:.0f} s]"
    )
    print(f"dashboard cached: p95 {cached_p95 * 1000:.1f} ms, {cached[-1][1]} queries")
    print(f"trivial view:     p95 {trivial_p95 * 1000:.1f} ms, {trivial[-1][1]} queries")
    print(f"cached / trivial: {ratio:.2f}x  [budget {RATIO_BUDGET:.0f}x]")
    print(f"load average after: {load_average()} (on {os.cpu_count()} cores)")
    ok = cold <= COLD_BUDGET_S and ratio <= RATIO_BUDGET and cold_queries <= QUERY_BUDGET
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
