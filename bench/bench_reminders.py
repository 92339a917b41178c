"""Benchmark of the reminder sweep against its budget (docs/design "Budgets"): over 100,000
active matches and 100,000 participants with follow-ups in PostgreSQL, under 10 s, a query
count that does not grow with the data, and a second sweep that creates nothing. Every
participant also has a file consent, some of them ending soon (the "consent expiring" rules).

    python bench/bench_reminders.py [--size N] [--small N]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_rem), created and migrated when missing; the data is generated with COPY each
run. The sweep runs first at --small (default 1,000) then at --size (default 100,000), so the
query counts of both sizes can be compared. Prints the figures and the load average (the
machine may be shared: compare runs made under a similar load).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_rem"
ORGANISATIONS = 10
VOLUNTEERS = 2000


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DJANGO_SECURE", "false")
    os.environ.pop("REDIS_URL", None)
    import psycopg2
    from psycopg2 import sql

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _cell(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def copy(model, rows: list[dict]) -> None:
    """COPY rows into the model's table; fields not given take their Python default."""
    from django.db import connection
    from django.db.models.fields import NOT_PROVIDED

    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.name in rows[0]]
    now = datetime.datetime.now(datetime.UTC)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        out = []
        for f in fields:
            if f.attname in row:
                value = row[f.attname]
            elif getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
                value = now
            elif f.default is not NOT_PROVIDED:
                value = f.get_default()
            else:
                value = None if f.null else ""
            cell = _cell(value)
            out.append("\\N" if cell is None else cell)
        writer.writerow(out)
    buffer.seek(0)
    columns = ", ".join(f'"{f.column}"' for f in fields)
    with connection.cursor() as cursor:
        cursor.copy_expert(
            f"COPY \"{model._meta.db_table}\" ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')",
            buffer,
        )


def generate(size: int, today: datetime.date) -> None:
    from django.db import connection

    from accounts.models import Membership, Organisation, User
    from buddies.models import BuddyRequest, ContactLog, Match, Volunteer
    from participants.models import Consent, Intervention, NetworkSnapshot, Participant
    from workmodels.models import WorkModel

    tables = [Organisation, User, Participant, Volunteer, BuddyRequest, Match]
    with connection.cursor() as cursor:
        names = ", ".join(f'"{m._meta.db_table}"' for m in tables)
        cursor.execute(f"TRUNCATE {names}, notifications_reminder RESTART IDENTITY CASCADE")
    rng = random.Random(6)
    day = datetime.timedelta(days=1)
    copy(
        Organisation,
        [
            {"id": o + 1, "name": f"Org {o}", "kind": "caw", "municipality": "Gent"}
            for o in range(ORGANISATIONS)
        ],
    )
    staff = 3 * ORGANISATIONS
    copy(
        User,
        [
            {
                "id": u + 1,
                "email": f"u{u}@bench.invalid",
                "password": "!",
                "full_name": f"Person {u}",
            }
            for u in range(staff + VOLUNTEERS)
        ],
    )
    coordinator = {o + 1: 3 * o + 1 for o in range(ORGANISATIONS)}
    worker = {o + 1: 3 * o + 2 for o in range(ORGANISATIONS)}
    admin = {o + 1: 3 * o + 3 for o in range(ORGANISATIONS)}
    copy(
        Membership,
        [
            {"user_id": coordinator[o], "organisation_id": o, "role": "coordinator"}
            for o in coordinator
        ]
        + [{"user_id": worker[o], "organisation_id": o, "role": "social_worker"} for o in worker]
        + [{"user_id": admin[o], "organisation_id": o, "role": "org_admin"} for o in admin],
    )
    copy(
        Volunteer,
        [
            {
                "id": v + 1,
                "organisation_id": v % ORGANISATIONS + 1,
                "user_id": staff + v + 1,
                "status": "active",
                "screening_valid_until": today + rng.randint(-10, 900) * day,
            }
            for v in range(VOLUNTEERS)
        ],
    )
    org_of = [p % ORGANISATIONS + 1 for p in range(size)]
    copy(
        Participant,
        [
            {
                "id": p + 1,
                "organisation_id": org_of[p],
                "reference_code": f"B-{p}",
                "first_name": f"Naam{p}",
                "social_worker_id": worker[org_of[p]],
                "status": "active",
            }
            for p in range(size)
        ],
    )
    copy(
        BuddyRequest,
        [
            {
                "id": p + 1,
                "organisation_id": org_of[p],
                "participant_id": p + 1,
                "requested_by_id": worker[org_of[p]],
                "status": "matched",
                "waiting_since": today - 400 * day,
            }
            for p in range(size)
        ],
    )
    copy(
        Match,
        [
            {
                "id": p + 1,
                "organisation_id": org_of[p],
                "request_id": p + 1,
                "participant_id": p + 1,
                "volunteer_id": p % VOLUNTEERS + 1,
                "status": "active",
                "proposed_by_id": coordinator[org_of[p]],
                "started_on": today - rng.randint(1, 365) * day,
            }
            for p in range(size)
        ],
    )
    copy(
        ContactLog,
        [
            {
                "match_id": p + 1,
                "logged_by_id": staff + p % VOLUNTEERS + 1,
                "date": today - rng.randint(0, 40) * day,
            }
            for p in range(0, size, 2)
        ],
    )
    # File consent for everyone, valid for two years: about one in eight ends within the
    # 30 days' notice or has ended (the "consent expiring" rules remind the org admin and the
    # social worker); one in ten has no expiry date.
    copy(
        Consent,
        [
            {
                "participant_id": p + 1,
                "purpose": "file",
                "given_on": today - 700 * day,
                "method": "written",
                "recorded_by_id": worker[org_of[p]],
                "expires_on": None if p % 10 == 0 else today + rng.randint(-60, 700) * day,
            }
            for p in range(size)
        ],
    )
    work_model = WorkModel.objects.order_by("pk").values_list("pk", flat=True).first()
    copy(
        Intervention,
        [
            {
                "participant_id": p + 1,
                "date": today - 90 * day,
                "duration_minutes": 30,
                "work_model_id": work_model,
                "kind": "conversation",
                "author_id": worker[org_of[p]],
                "follow_up_on": today + rng.randint(-60, 30) * day,
            }
            for p in range(size)
        ],
    )
    copy(
        NetworkSnapshot,
        [
            {
                "participant_id": p + 1,
                "taken_on": today - rng.randint(0, 400) * day,
                "kind": "baseline",
                "created_by_id": worker[org_of[p]],
            }
            for p in range(0, size, 3)
        ],
    )
    with connection.cursor() as cursor:
        # What autovacuum does to a production database's tables soon after a load. Without it
        # the sweep, the first reader of the freshly copied rows, would also pay for setting
        # their hint bits (writing every page again: 2 to 3 s more in the recorded runs).
        cursor.execute("VACUUM ANALYZE")


def backend_cpu_seconds(connection) -> float | None:
    """CPU time used so far by this connection's PostgreSQL backend, when the server runs on
    this machine (Linux); None otherwise."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_sweep():
    """Wall time, queries, reminders created, and CPU seconds of this process and of the
    database backend: on a shared machine the CPU times say more than the wall time."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications import services

    backend = backend_cpu_seconds(connection)
    with CaptureQueriesContext(connection) as queries:
        started, cpu = time.perf_counter(), time.process_time()
        created = services.sweep()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    after = backend_cpu_seconds(connection)
    database = None if backend is None or after is None else after - backend
    return elapsed, len(queries), created, cpu, database


def load() -> str:
    """The load average (1, 5, 15 min) and the CPU count: the machine may be shared."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def run(size: int) -> dict:
    from django.utils import timezone

    today = timezone.localdate()
    started = time.perf_counter()
    generate(size, today)
    generated = time.perf_counter() - started
    before = load()
    first = timed_sweep()
    second = timed_sweep()
    print(
        f"\n{size:,} active matches, {size:,} participants with a follow-up and a file consent "
        f"(generated with COPY in {generated:.1f} s)\n  before the sweeps: {before}; "
        f"after: {load()}"
    )
    for label, (elapsed, queries, created, cpu, database) in (
        ("first sweep", first),
        ("second sweep", second),
    ):
        total = sum(created.values())
        in_db = "?" if database is None else f"{database:.2f}"
        print(
            f"  {label:13} {elapsed:6.2f} s  {queries:3} queries  {total:7,} reminders created"
            f"  (CPU: Python {cpu:.2f} s, PostgreSQL {in_db} s)"
        )
        for rule, count in sorted(created.items()):
            print(f"      {rule:26} {count:7,}")
    return {"first": first, "second": second}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    args = parser.parse_args()
    configure()
    small = run(args.small)
    big = run(args.size)
    ok_time = big["first"][0] < 10
    ok_queries = small["first"][1] == big["first"][1]
    ok_second = sum(big["second"][2].values()) == 0
    one = os.getloadavg()[0]
    if one > (os.cpu_count() or 1):
        print(f"\nWARNING: the machine is busy ({load()}): times are inflated.")
    print(
        f"\nbudget: first sweep < 10 s: {'PASS' if ok_time else 'FAIL'}; "
        f"queries independent of size ({small['first'][1]} vs {big['first'][1]}): "
        f"{'PASS' if ok_queries else 'FAIL'}; second sweep creates nothing: "
        f"{'PASS' if ok_second else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
