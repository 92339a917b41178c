"""Benchmark of the durable-ties report (issue 17, "Budgets").

    python bench/durable_ties.py [--participants N] [--cold N] [--reset] [--seed S]

In the PostgreSQL database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/netwerk_bench_durable): when it holds no participants yet,
bench/generate_participants.py builds them (with trajectories, few interventions) through
bench_dashboard.ensure_participants; then this script adds, with COPY, 2,000 peer groups that
ended in the last two and a half years and for every participant a network map of eight
members and four ties between them: two or three members and one tie carry their origin
(half the participants the group, the others their latest trajectory, ended or not), and about
a third of those members have left today's map. Each participant gets a baseline snapshot
and, when the dates have come, follow-ups 6-8 and 12-14 months after the end, in which the
members with an origin are still there with probability 0.8 and 0.6 and their tie is
sometimes broken (about 2.4 million snapshot members, 1 million snapshot ties in all).

Budget: the report's computation cold (cache empty) <= 2 s, the dashboard's cold budget:
the median of --cold runs of `findings.dashboard.durable` (the four reads side by side on
their own connections, as the page does), and the report page itself cold through the test
client. Prints the figures per work model and the load average, and exits 1 when the budget
is missed.
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_durable"
COLD_BUDGET_S = 2.0
NULL = "\\N"
GROUPS = 2000
MEMBERS = 8  # per participant; the first two (and the third for some) carry an origin
TIES = ((0, 1), (2, 3), (3, 4), (5, 6))  # the first one carries an origin
STAMP = "2025-01-01 00:00:00+00"


def add_durable_data(seed: int) -> None:
    """Groups, network members with origins, snapshots with members and ties, with COPY."""
    import numpy as np
    from django.db import connection, transaction
    from django.utils import timezone

    from participants.models import NetworkMember, Participant
    from workmodels.models import WorkModel

    if NetworkMember.objects.exists():
        print("durable-ties data present")
        return
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    today = timezone.localdate()
    zero = datetime.date(2000, 1, 1)
    today_n = (today - zero).days
    peer = WorkModel.objects.get(code="peer").pk
    rows = list(
        Participant.objects.order_by("id").values_list("id", "organisation_id", "social_worker_id")
    )
    ids = np.array([r[0] for r in rows])
    organisation = rows[0][1]
    fallback = next(r[2] for r in rows if r[2])
    users = [r[2] or fallback for r in rows]
    n = len(ids)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT ON (participant_id) participant_id, id, work_model_id, "
            "coalesce(ended_on - DATE '2000-01-01', -1) FROM participants_trajectory "
            "WHERE status <> 'considering' ORDER BY participant_id, started_on DESC, id DESC"
        )
        trajectories = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute("SELECT coalesce(max(id), 0) FROM groups_group")
        first_group = cursor.fetchone()[0] + 1
        cursor.execute("SELECT coalesce(max(id), 0) FROM participants_networksnapshot")
        next_snapshot = cursor.fetchone()[0] + 1
    group_end = today_n - rng.integers(30, 900, GROUPS)
    by_group = rng.random(n) < 0.5
    group_of = rng.integers(0, GROUPS, n)
    third = rng.random(n) < 0.3  # a third member with an origin
    on_map = rng.random((n, 3)) < 0.7
    still = {6: rng.random((n, 3)) < 0.8, 12: rng.random((n, 3)) < 0.6}
    broken = rng.random((n, 2)) < 0.1
    offsets = {6: rng.integers(183, 244, n), 12: rng.integers(366, 427, n)}
    groups, members, snapshots, snap_members, ties, snap_ties = (io.StringIO() for _ in range(6))
    for g in range(GROUPS):
        ends = zero + datetime.timedelta(days=int(group_end[g]))
        begins = ends - datetime.timedelta(days=90)
        groups.write(
            f"{first_group + g}\tBenchgroep {g}\tpeer_group\t\t\tf\tnl\t{begins}\t{ends}\t0\t"
            f"{STAMP}\t{fallback}\t{organisation}\t{peer}\n"
        )
    member_id = 1 + (
        NetworkMember.objects.order_by("-id").values_list("id", flat=True).first() or 0
    )
    snapshot_id = next_snapshot
    sectors = ("friends", "family", "neighbours", "peers", "professionals", "household")
    for i in range(n):
        pid, user = int(ids[i]), users[i]
        trajectory = trajectories.get(pid)
        if by_group[i] or trajectory is None:
            end = int(group_end[group_of[i]])
            origin = f"group\tBenchgroep\t{peer}\t{NULL}\t{first_group + group_of[i]}"
        else:
            end = int(trajectory[2])
            origin = f"\t\t{trajectory[1]}\t{trajectory[0]}\t{NULL}"
        plain = f"\t\t{NULL}\t{NULL}\t{NULL}"
        with_origin = 3 if third[i] else 2
        base = member_id
        labels = []
        for m in range(MEMBERS):
            mine = origin if m < with_origin else plain
            label = f"m{m}\t{sectors[m % 6]}\tclose\t[]\tmutual\tweekly\t\tf"
            labels.append((label, mine))
            if m >= with_origin or on_map[i, m]:  # the others left today's map
                members.write(
                    f"{base + m}\t{pid}\t{label}\tmanual\t{STAMP}\t{STAMP}\t{user}\t{mine}\n"
                )
        live = [m >= with_origin or bool(on_map[i, m]) for m in range(MEMBERS)]
        for index, (a, b) in enumerate(TIES):
            if not (live[a] and live[b]):
                continue
            tie_origin = origin if index == 0 else plain
            ties.write(
                f"{pid}\t{base + a}\t{base + b}\tweak\t\t{STAMP}\t{STAMP}\t{user}\t{tie_origin}\n"
            )
        member_id += MEMBERS
        dates = [("baseline", (end if end >= 0 else today_n - 300) - 120, None)]
        for months in (6, 12):
            day = (end if end >= 0 else today_n - 300) + int(offsets[months][i])
            if day <= today_n:
                dates.append(("follow_up", day, months))
        for kind, day, months in dates:
            taken = zero + datetime.timedelta(days=day)
            snapshots.write(f"{snapshot_id}\t{pid}\t{taken}\t{kind}\t\t{user}\t{STAMP}\n")
            present = [
                m >= with_origin or months is None or bool(still[months][i, m])
                for m in range(MEMBERS)
            ]
            for m, (label, mine) in enumerate(labels):
                if present[m]:
                    snap_members.write(f"{snapshot_id}\t{base + m}\t{label}\t{mine}\n")
            for index, (a, b) in enumerate(TIES):
                if present[a] and present[b]:
                    tension = "broken" if index == 0 and months and broken[i, months // 12] else ""
                    tie_origin = origin if index == 0 else plain
                    snap_ties.write(
                        f"{snapshot_id}\t{base + a}\t{base + b}\tweak\t{tension}\t{tie_origin}\n"
                    )
            snapshot_id += 1
    origin_columns = "origin, origin_detail, origin_work_model_id, origin_trajectory_id, "
    origin_columns += "origin_group_id"
    member_columns = "label, sector, ring, support, direction, frequency, known_for, critical"
    copies = (
        (
            "groups_group (id, name, kind, initiative_name, place, online, language, starts_on, "
            "ends_on, reached_without_file, created_at, created_by_id, organisation_id, "
            "work_model_id)",
            groups,
        ),
        (
            f"participants_networkmember (id, participant_id, {member_columns}, source, "
            f"created_at, updated_at, created_by_id, {origin_columns})",
            members,
        ),
        (
            "participants_membertie (participant_id, member_a_id, member_b_id, strength, "
            f"tension, created_at, updated_at, created_by_id, {origin_columns})",
            ties,
        ),
        (
            "participants_networksnapshot (id, participant_id, taken_on, kind, note, "
            "created_by_id, created_at)",
            snapshots,
        ),
        (
            f"participants_snapshotmember (snapshot_id, member_id, {member_columns}, "
            f"{origin_columns})",
            snap_members,
        ),
        (
            "participants_snapshottie (snapshot_id, member_a_id, member_b_id, strength, "
            f"tension, {origin_columns})",
            snap_ties,
        ),
    )
    with transaction.atomic(), connection.cursor() as cursor:
        for target, buffer in copies:
            buffer.seek(0)
            cursor.copy_expert(f"COPY {target} FROM STDIN", buffer)
        for table, top in (
            ("groups_group", first_group + GROUPS),
            ("participants_networkmember", member_id),
            ("participants_networksnapshot", snapshot_id),
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), %s)",
                [top],
            )
    with connection.cursor() as cursor:
        for table in (
            "groups_group",
            "participants_networkmember",
            "participants_membertie",
            "participants_networksnapshot",
            "participants_snapshotmember",
            "participants_snapshottie",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")
    counts = {
        name: buffer.getvalue().count("\n")
        for name, buffer in (("snapshots", snapshots), ("members", snap_members))
    }
    counts["snapshot ties"] = snap_ties.getvalue().count("\n")
    counts["map members"] = members.getvalue().count("\n")
    print(
        "durable-ties data: "
        + ", ".join(f"{value} {name}" for name, value in counts.items())
        + f" in {time.perf_counter() - started:.1f} s"
    )


def print_figures(data: dict) -> None:
    print(
        f"{'work model':<14} {'created':>8}  "
        + "  ".join(
            f"{m:>2}m: still/lost/not yet/none share [95% interval]" for m in data["horizons"]
        )
    )
    for row in data["models"]:
        if row["suppressed"]:
            print(f"{row['code']:<14} {'hidden':>8}")
            continue
        parts = []
        for h in row["horizons"]:
            share = (
                f"{h['share']:.3f} [{h['low']:.3f}, {h['high']:.3f}]"
                if h["share"] is not None
                else "hidden"
            )
            counts = "/".join(
                "-" if h[k] is None else str(h[k])
                for k in ("still", "lost", "not_yet", "not_followed")
            )
            parts.append(f"{counts} {share}")
        print(f"{row['code']:<14} {row['created']:>8}  " + "  |  ".join(parts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--cold", type=int, default=5, help="cold runs (cache cleared)")
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args(argv)
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    import bench_dashboard

    bench_dashboard.configure_environment()
    bench_dashboard.ensure_participants(args)

    import django

    django.setup()
    from django.core.cache import cache
    from django.test import Client

    from accounts.models import Membership, Organisation, Role
    from findings import dashboard
    from participants.models import Participant

    add_durable_data(args.seed)
    organisation = Organisation.objects.get(name="Netwerk bench organisation")
    admin = Membership.objects.filter(organisation=organisation, role=Role.ORG_ADMIN).first()
    researcher, _created = Membership.objects.get_or_create(
        organisation=organisation,
        role=Role.RESEARCHER,
        user=type(admin.user).objects.get_or_create(email="researcher@bench.netwerk.invalid")[0],
    )
    people = Participant.objects.filter(organisation=organisation).count()
    print(f"participants: {people}")
    print(f"load average before: {bench_dashboard.load_average()}")
    colds = []
    for _ in range(args.cold):
        cache.clear()
        begun = time.perf_counter()
        data = dashboard.durable(organisation.pk)
        colds.append(time.perf_counter() - begun)
    client = Client()
    client.force_login(researcher.user)
    pages = []
    for _ in range(args.cold):
        cache.clear()
        seconds, queries, size = bench_dashboard.timed_get(
            client, "/findings/dashboard/durable-ties/"
        )
        pages.append(seconds)
    cold, page = statistics.median(colds), statistics.median(pages)
    print_figures(data)
    print(
        f"report computed cold: median {cold * 1000:.0f} ms, max {max(colds) * 1000:.0f} ms of "
        f"{len(colds)} runs (all: {', '.join(f'{c * 1000:.0f}' for c in colds)} ms)  "
        f"[budget {COLD_BUDGET_S:.0f} s]"
    )
    print(
        f"report page cold:     median {page * 1000:.0f} ms, max {max(pages) * 1000:.0f} ms, "
        f"{queries} queries on the request's connection, {size // 1024} KiB"
    )
    print(f"load average after: {bench_dashboard.load_average()} (on {os.cpu_count()} cores)")
    ok = cold <= COLD_BUDGET_S and page <= COLD_BUDGET_S
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
