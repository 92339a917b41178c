"""Benchmark of the network page against its budget (issue 17, "Budgets"): for a map of 150
members and 2,000 ties between them, the network page's server time, analysis included, is at
most 3x the file page's (`/participants/<pk>/`) for the same participant and social worker.

    python bench/network_page.py [--members 150] [--ties 2000] [--snapshots 1]
                                 [--interventions 20] [--repeat 30] [--warmup 3] [--profile]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_network), created and migrated when missing; its organisations and users are
truncated and rebuilt on every run (synthetic names only): one social worker, one participant
with a file consent, `--interventions` interventions (the file page's timeline), `--members`
members on the map in every sector and ring, `--ties` ties between them drawn at random (one in
five strong, one in twenty tense, one in thirty broken) and `--snapshots` snapshots of the whole
map (each one is loaded by the page too, with its members and ties).

Both pages are requested through Django's test client with every middleware, as the signed-in
social worker, warmed up, then `--repeat` times in interleaved rounds. The network page is
measured twice: as it runs (the analysis's costly measures, betweenness and cliques, come from
the cache when the map's shape was analysed before) and with that cache switched off (the
first view after a change to who knows whom). Printed: p50 and p95 server time of each, the
ratio of the medians against the budget, the queries of one request, and what the network page
spends on its parts outside the template (loading, the analysis, the picture); `--profile`
adds the top of a cProfile of one network page request.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import os
import pstats
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_reminders as common  # configure (database, migrate), load average

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_network"
ORGANISATION = "Bench netwerkkaart"
BUDGET = 3.0
NAMES = ["An", "Bram", "Cas", "Dina", "Els", "Fien", "Goele", "Hind", "Ines", "Jef", "Karim"]


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("NETWERK_MFA_DEFAULT_REQUIRED", "false")
    os.environ.setdefault("NETWERK_STATIC_FROM_FINDERS", "true")
    common.configure()


def generate(args, rng: random.Random):
    """The organisation, its social worker and the participant with their map; returns the
    social worker's membership and the participant."""
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Membership, Organisation, User
    from participants.models import MemberTie, NetworkMember
    from participants.models.network import Frequency, Ring, Sector, Support
    from participants.services import files, interventions, network
    from workmodels.models import WorkModel

    with connection.cursor() as cursor:
        cursor.execute('TRUNCATE "accounts_organisation", "accounts_user" RESTART IDENTITY CASCADE')
    organisation = Organisation.objects.create(
        name=ORGANISATION, kind="caw", municipality="Gent", require_mfa=False
    )
    user = User.objects.create(email="worker@bench-network.invalid", full_name="Bench Worker")
    worker = Membership.objects.create(user=user, organisation=organisation, role="social_worker")
    today = timezone.localdate()
    participant = files.participant_create(
        membership=worker,
        data={"first_name": "Sam", "last_name": "Bench", "languages": ["nl"]},
        file_consent_method="oral",
        file_consent_on=today - datetime.timedelta(days=200),
    )
    model = WorkModel.objects.order_by("order").first()
    for day in range(args.interventions):
        interventions.intervention_create(
            membership=worker,
            participant=participant,
            data={
                "date": today - datetime.timedelta(days=3 * day + 1),
                "duration_minutes": 45,
                "work_model": model,
                "kind": "conversation",
                "took_part": ["participant"],
            },
        )
    members = NetworkMember.objects.bulk_create(
        NetworkMember(
            participant=participant,
            label=f"{NAMES[n % len(NAMES)]} {n}",
            sector=rng.choice(Sector.values),
            ring=rng.choice(Ring.values),
            support=rng.sample(Support.values, rng.randint(0, 2)),
            frequency=rng.choice(Frequency.values),
            created_by=user,
        )
        for n in range(args.members)
    )
    ids = sorted(member.pk for member in members)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < min(args.ties, len(ids) * (len(ids) - 1) // 2):
        a, b = rng.sample(ids, 2)
        pairs.add((min(a, b), max(a, b)))
    MemberTie.objects.bulk_create(
        MemberTie(
            participant=participant,
            member_a_id=a,
            member_b_id=b,
            strength="strong" if rng.random() < 0.2 else "weak",
            tension="broken" if rng.random() < 1 / 30 else "tense" if rng.random() < 0.05 else "",
            created_by=user,
        )
        for a, b in sorted(pairs)
    )
    for index in range(args.snapshots):
        network.network_snapshot_take(
            membership=worker,
            participant=participant,
            taken_on=today - datetime.timedelta(days=90 * (args.snapshots - 1 - index)),
            kind="baseline" if index == 0 else "follow_up",
        )
    return worker, participant


def timed(client, path: str) -> tuple[float, float]:
    """Server time and CPU time of this process (ms) of one request."""
    started, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (path, response.status_code)
    return elapsed, (time.process_time() - cpu) * 1000


def queries_of(client, path: str) -> int:
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        client.get(path)
    return count


def parts(participant) -> dict[str, float]:
    """What the network page computes outside its template, each alone (ms, median of 5)."""
    from participants.network_svg import netwerkcirkel
    from participants.selectors import network as nw
    from participants.selectors.network_analysis import network_analysis

    members, ties = nw.network_members(participant), nw.member_ties(participant)

    def median_ms(function) -> float:
        times = []
        for _round in range(5):
            started = time.perf_counter()
            function()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    from django.core.cache.backends.dummy import DummyCache

    from participants.selectors import network_analysis as module

    def analysis():
        return network_analysis(members, ties).sentences

    def analysis_uncached():
        shared, module.cache = module.cache, DummyCache("none", {})
        try:
            return analysis()
        finally:
            module.cache = shared

    return {
        "loading members and ties": median_ms(
            lambda: (nw.network_members(participant), nw.member_ties(participant))
        ),
        "analysis and its sentences (shape cached)": median_ms(analysis),
        "analysis and its sentences (not cached)": median_ms(analysis_uncached),
        "picture (netwerkcirkel SVG)": median_ms(
            lambda: netwerkcirkel(members, id_prefix="b", title="b", centre_label="S", ties=ties)
        ),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=150)
    parser.add_argument("--ties", type=int, default=2000)
    parser.add_argument("--snapshots", type=int, default=1)
    parser.add_argument("--interventions", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    configure()
    from django.test import Client

    started = time.perf_counter()
    worker, participant = generate(args, random.Random(17))
    client = Client()
    client.force_login(worker.user)
    pages = {
        "file page": f"/participants/{participant.pk}/",
        "network page": f"/participants/{participant.pk}/network/",
    }
    print(
        f"data: {args.members} members, {args.ties:,} ties, {args.snapshots} snapshot(s), "
        f"{args.interventions} interventions (built in {time.perf_counter() - started:.1f} s)"
    )
    print(common.load())
    from django.core.cache.backends.dummy import DummyCache

    from participants.selectors import network_analysis

    shared_cache, no_cache = network_analysis.cache, DummyCache("none", {})

    def uncached(path: str) -> float:
        network_analysis.cache = no_cache
        try:
            return timed(client, path)
        finally:
            network_analysis.cache = shared_cache

    runs = {
        "file page": lambda: timed(client, pages["file page"]),
        "network page": lambda: timed(client, pages["network page"]),
        "network page, analysis not cached": lambda: uncached(pages["network page"]),
    }
    for _round in range(args.warmup):
        for run in runs.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    cpus: dict[str, list[float]] = {name: [] for name in runs}
    for _round in range(args.repeat):
        for name, run in runs.items():
            elapsed, cpu = run()
            times[name].append(elapsed)
            cpus[name].append(cpu)
    for name in runs:
        path = pages["file page" if name == "file page" else "network page"]
        print(
            f"  {name:34} p50 {statistics.median(times[name]):7.1f} ms  "
            f"p95 {percentile(times[name], 0.95):7.1f} ms  "
            f"cpu {statistics.median(cpus[name]):7.1f} ms  {queries_of(client, path):3} queries"
        )
    for name in ("network page", "network page, analysis not cached"):
        ratio = statistics.median(times[name]) / statistics.median(times["file page"])
        cpu_ratio = statistics.median(cpus[name]) / statistics.median(cpus["file page"])
        verdict = "PASS" if ratio <= BUDGET else "FAIL"
        print(
            f"{verdict}: {name} / file page (medians) = {ratio:.2f}x (budget {BUDGET:.0f}x); "
            f"CPU of this process {cpu_ratio:.2f}x"
        )
    print("the network page's parts, each alone (median of 5):")
    for name, ms in parts(participant).items():
        print(f"  {name:40} {ms:7.1f} ms")
    if args.profile:
        profile = cProfile.Profile()
        profile.enable()
        timed(client, pages["network page"])
        profile.disable()
        print("profile of one network page request (cumulative, the project and networkx):")
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
        root = re.escape(str(Path(__file__).resolve().parents[1]))
        stats.print_stats(rf"{root}|networkx/algorithms|query.py:\d+\(_fetch_all|loader_tags", 40)
        print(out.getvalue())
    print(common.load())
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print("WARNING: the machine is busy: times are inflated (the ratio less so).")


if __name__ == "__main__":
    main()
