"""Fault run: PostgreSQL restarted, Redis stopped, a Celery worker killed, all under load.

    .venv/bin/python bench/fault_run.py [--users 10] [--pg-down 5] [--redis-down 20]
                                        [--batch 30] [--wait 240] [--strict]

Starts the same stack as bench/load_test.py (its own PostgreSQL on 5433, its own Redis on
6391, gunicorn on 127.0.0.1:8765, a Celery worker, Celery beat for the dispatcher, and an SMTP
sink that counts e-mails per Message-ID), logs in `--users` simulated users and keeps them
busy for the whole run while it breaks things, one at a time:

1. PostgreSQL (the bench cluster only) is stopped (`pg_ctl stop -m fast`), kept down for
   `--pg-down` seconds and started again. Errors are expected only for requests that
   overlap the outage; every request that starts after PostgreSQL is back must succeed, and
   no request may take 10 s or more (the client's timeout) at any time.
2. Redis is shut down for `--redis-down` seconds and started again, empty (as after a crash
   of a cache-only Redis). Pages must keep working (0 errors); the social workers keep saving
   interventions with a follow-up date of today, whose reminders cannot be queued meanwhile.
   After Redis is back, every reminder created during the outage must be delivered (beat's
   `dispatch_due` runs every minute).
3. A batch of `--batch` reminders due today is created (interventions with a follow-up of
   today, through the services) while the SMTP sink answers slowly (1 s per e-mail), so
   deliveries are in flight. Then (a) one pool process of the worker is SIGKILLed, and (b) the
   whole worker (main process and pool) is SIGKILLed and a new worker started. Every reminder
   of the batch must end up sent, with exactly one e-mail per reminder key.

Printed: the timeline, requests/errors/max latency per window, and the reminder counts:
created, sent, e-mails per key (lost = no e-mail, doubled = more than one).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg2

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from load_test import (
    CLIENT_TIMEOUT,
    DB_NAME,
    PG_PORT,
    SmtpSink,
    Stack,
    Stats,
    log,
    login_all,
    make_users,
    report,
    run_users,
    wait_for,
)

T0 = time.time()
EVENTS: list[tuple[float, str]] = []


def event(text: str) -> float:
    now = time.time()
    EVENTS.append((now, text))
    log(f"t+{now - T0:6.1f}s  {text}")
    return now


def db():
    return psycopg2.connect(
        host="127.0.0.1", port=PG_PORT, user="postgres", dbname=DB_NAME, connect_timeout=5
    )


def message_id(rule: str, object_type: str, object_id: int, due_on) -> str:
    """notifications.emails.message_id of the reminder's key, computed the same way."""
    key = f"{rule}:{object_type}:{object_id}:{due_on.isoformat()}"
    return f"<reminder-{hashlib.sha256(key.encode()).hexdigest()[:32]}@netwerk.invalid>"


def reminders(where: str = "TRUE", params: tuple = ()) -> list[dict]:
    with db() as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT id, rule, object_type, object_id, due_on, status, emailed_at, "
            "claimed_until, created_at, attempts, last_error, claimed_until > now() "
            f"FROM notifications_reminder WHERE {where}",
            params,
        )
        names = [
            "id",
            "rule",
            "object_type",
            "object_id",
            "due_on",
            "status",
            "emailed_at",
            "claimed_until",
            "created_at",
            "attempts",
            "last_error",
            "leased",
        ]
        rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    conn.close()
    for row in rows:
        row["message_id"] = message_id(
            row["rule"], row["object_type"], row["object_id"], row["due_on"]
        )
    return rows


def reminder_table_exists() -> bool:
    with db() as conn, conn.cursor() as cur:
        cur.execute("SELECT to_regclass('notifications_reminder') IS NOT NULL")
        exists = cur.fetchone()[0]
    conn.close()
    return exists


def account(rows: list[dict], sink: SmtpSink, label: str) -> dict[str, int]:
    """Per reminder key: sent or not, and how many e-mails the SMTP sink accepted."""
    with sink.lock:
        accepted = dict(sink.accepted)
    status = Counter(r["status"] for r in rows)
    due = [r for r in rows if r["status"] != "resolved"]
    emails = [accepted.get(r["message_id"], 0) for r in due]
    figures = {
        "reminders": len(rows),
        "sent": status.get("sent", 0),
        "pending": status.get("pending", 0),
        "pending_leased": sum(1 for r in rows if r["status"] == "pending" and r["leased"]),
        "failed": status.get("failed", 0),
        "resolved": status.get("resolved", 0),
        "emailed_once": sum(1 for n in emails if n == 1),
        "no_email": sum(1 for n in emails if n == 0),
        "doubled": sum(1 for n in emails if n > 1),
    }
    print(f"  {label}: " + ", ".join(f"{k} {v}" for k, v in figures.items()))
    return figures


def window(samples, start: float, end: float) -> list:
    """Requests that overlap [start, end]."""
    return [s for s in samples if s.started <= end and s.started + s.seconds >= start]


def describe(samples, title: str) -> tuple[int, int]:
    errors = [s for s in samples if not s.ok]
    slowest = max((s.seconds for s in samples), default=0.0)
    kinds = Counter(f"{s.detail}" for s in errors)
    print(
        f"  {title:<46} requests {len(samples):>5}  errors {len(errors):>4}  "
        f"max {slowest:5.2f} s" + (f"  ({dict(kinds)})" if kinds else "")
    )
    return len(samples), len(errors)


def create_follow_up_batch(stack: Stack, count: int) -> list[int]:
    """`count` interventions with a follow-up of today, through the services, as the demo
    social worker: each writes its reminder in its transaction and queues it after commit."""
    code = f"""
import datetime
from django.utils import timezone
from accounts.models import Membership
from participants.models import Intervention, Participant
from participants.services import intervention_create
from workmodels.models import WorkModel
m = Membership.objects.get(user__email="maatschappelijkwerker@netwerk.test")
files = list(Participant.objects.filter(social_worker=m.user, status="active").order_by("pk"))
model = WorkModel.objects.order_by("order").first()
ids = []
for i in range({count}):
    p = files[i % len(files)]
    it = intervention_create(membership=m, participant=p, data={{
        "date": timezone.localdate(), "duration_minutes": 15, "work_model": model,
        "kind": "remote", "took_part": ["participant"], "summary": "Bench batch",
        "goal": None, "follow_up_on": timezone.localdate()}})
    ids.append(it.pk)
print("IDS", ",".join(map(str, ids)))
"""
    out = stack.manage("shell", stdin=code)
    line = next(line for line in out.splitlines() if line.startswith("IDS "))
    return [int(x) for x in line[4:].split(",")]


def pool_children(pid: int) -> list[int]:
    result = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True
    )
    return [int(x) for x in result.stdout.split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--pg-down", type=float, default=5)
    parser.add_argument("--redis-down", type=float, default=20)
    parser.add_argument("--batch", type=int, default=30)
    parser.add_argument(
        "--wait",
        type=float,
        default=240,
        help="longest wait for reminders to be delivered, per phase",
    )
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    if not (
        1 <= args.users <= 100
        and 0 < args.pg_down <= 60
        and 0 < args.redis_down <= 120
        and 1 <= args.batch <= 500
        and 0 < args.wait <= 900
    ):
        parser.error("argument out of range")

    failures: list[str] = []
    sink = SmtpSink(delay=0.05).start()
    stack = Stack(workers=args.workers, beat=True)
    stop_load = threading.Event()
    load_thread = None
    try:
        stack.start()
        if not reminder_table_exists():
            print("notifications_reminder does not exist: the reminder checks are not runnable")
            return 2
        stats = Stats()
        users = make_users(args.users, stats, (0.5, 2.0), seed=7)
        login_all(users)
        stats.samples.clear()
        start_id = max([r["id"] for r in reminders()] or [0])

        load_thread = threading.Thread(target=run_users, args=(users, 1800, stop_load), daemon=True)
        load_thread.start()
        event(f"load started: {len(users)} users")
        time.sleep(15)
        baseline_end = time.time()

        # 1. PostgreSQL restart -------------------------------------------------------------
        print("\n== 1. PostgreSQL restart")
        pg_down = event("pg_ctl stop -m fast (bench cluster on 5433)")
        stack.pg_ctl("-m", "fast", "-w", "stop")
        event("PostgreSQL is down")
        time.sleep(args.pg_down)
        stack.pg_ctl(
            "-o",
            f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1",
            "-l",
            "/tmp/netwerk-bench-pg/postgres.log",
            "-w",
            "start",
        )
        pg_up = event("PostgreSQL accepts connections again")
        time.sleep(25)
        pg_observed = time.time()

        # 2. Redis down ---------------------------------------------------------------------
        print("\n== 2. Redis stopped")
        before_redis = max([r["id"] for r in reminders()] or [0])
        redis_down = event("redis-cli shutdown nosave (bench Redis on 6391)")
        stack.stop_redis()
        time.sleep(args.redis_down)
        stack.start_redis()
        redis_up = event("Redis started again (empty)")
        time.sleep(3)
        worker_died = stack.celery.poll() is not None
        if worker_died:
            event(
                f"the Celery worker DIED during the Redis outage (exit code "
                f"{stack.celery.returncode}; see celery-{stack.celery_generation}.log: "
                "'Unrecoverable error'); starting a new one, as a supervisor would"
            )
            stack.start_celery()
        else:
            event("the Celery worker survived the outage")
        during = reminders("id > %s AND created_at <= to_timestamp(%s)", (before_redis, redis_up))
        event(f"{len(during)} reminders were created while Redis was down; waiting for them")
        ids = [r["id"] for r in during]

        def delivered() -> bool:
            rows = reminders("id = ANY(%s)", (ids,)) if ids else []
            return all(r["status"] in ("sent", "resolved", "failed") for r in rows)

        try:
            waited = wait_for(delivered, args.wait, "the Redis-window reminders")
            event(
                f"all reminders of the Redis window delivered, {waited:.0f} s after Redis came back"
            )
        except RuntimeError as error:
            event(str(error))
        redis_observed = time.time()

        # 3. Worker killed mid-send ----------------------------------------------------------
        print("\n== 3. Celery worker killed during delivery")
        sink.delay = 1.0
        event("SMTP sink now answers in 1 s per e-mail")
        intervention_ids = create_follow_up_batch(stack, args.batch)
        event(
            f"{len(intervention_ids)} interventions with a follow-up of today created "
            "(reminders queued after commit)"
        )
        time.sleep(3)
        children = pool_children(stack.celery.pid)
        if children:
            os.kill(children[0], signal.SIGKILL)
            event(
                f"SIGKILL to pool process {children[0]} of worker {stack.celery.pid} "
                f"(aborted sends so far: {sink.aborted})"
            )
        time.sleep(4)
        old = stack.celery
        with contextlib.suppress(ProcessLookupError):
            os.killpg(old.pid, signal.SIGKILL)
        old.wait(10)
        event(
            f"SIGKILL to the whole worker (process group {old.pid}); "
            f"aborted sends so far: {sink.aborted}"
        )
        time.sleep(1)
        stack.start_celery()
        event("new worker started")
        batch_where = (
            "rule = 'intervention_follow_up' AND object_type = "
            "'participants.intervention' AND object_id = ANY(%s)"
        )

        def batch_done() -> bool:
            rows = reminders(batch_where, (intervention_ids,))
            return len(rows) == len(intervention_ids) and all(
                r["status"] != "pending" for r in rows
            )

        try:
            waited = wait_for(batch_done, args.wait, "the batch to be delivered")
            event(f"whole batch delivered {waited:.0f} s after the new worker started")
        except RuntimeError as error:
            event(str(error))
        sink.delay = 0.05
        time.sleep(5)
        stop_load.set()
        load_thread.join(CLIENT_TIMEOUT + 10)
        end = event("load stopped")

        # Figures ---------------------------------------------------------------------------
        samples = list(stats.samples)
        print("\n== Requests per window (a request counts in every window it overlaps)")
        describe(
            [s for s in samples if s.started + s.seconds < min(baseline_end, pg_down)],
            "baseline (ended before the PostgreSQL stop)",
        )
        describe(window(samples, pg_down, pg_up), "PostgreSQL down (stop .. accepting again)")
        _, pg_after_errors = describe(
            [s for s in samples if pg_up <= s.started <= pg_observed],
            "after PostgreSQL is back (started after)",
        )
        in_redis = window(samples, redis_down, redis_up)
        _, redis_errors = describe(in_redis, "Redis down")
        slow = Counter(s.page for s in in_redis if s.seconds > 3)
        if slow:
            print(f"    slower than 3 s while Redis was down: {dict(slow)}")
        describe(
            [s for s in samples if redis_up <= s.started <= redis_observed], "after Redis is back"
        )
        describe([s for s in samples if s.started >= redis_observed], "worker kills")
        hung = [s for s in samples if s.seconds >= CLIENT_TIMEOUT or s.detail == "timeout"]
        print(f"  requests at or past the 10 s client timeout: {len(hung)}")
        errors_outside_pg = [
            s
            for s in samples
            if not s.ok and not (s.started <= pg_up and s.started + s.seconds >= pg_down)
        ]
        report(samples, end - T0, "All requests of the fault run")

        print("\n== Reminders (per reminder key; e-mails counted by Message-ID at the sink)")
        rows_redis = reminders("id = ANY(%s)", (ids,)) if ids else []
        f_redis = account(rows_redis, sink, "created while Redis was down")
        rows_batch = reminders(batch_where, (intervention_ids,))
        f_batch = account(rows_batch, sink, "batch of the worker kills")
        rows_all = reminders("id > %s", (start_id,))
        f_all = account(rows_all, sink, "every reminder created during the run")
        print(
            f"  SMTP sink: {sink.total()} e-mails accepted, {len(sink.accepted)} distinct "
            f"Message-IDs, {sink.aborted} sends aborted by a killed worker"
        )
        lease_wait = [r for r in rows_all if r["status"] == "pending" and r["leased"]]
        if lease_wait:
            soonest = min(r["claimed_until"] for r in lease_wait)
            print(
                f"  {len(lease_wait)} pending reminders wait for their dispatcher lease "
                f"(earliest end {soonest:%H:%M:%S}): delayed, not lost"
            )

        beat_alive = stack.beat is not None and stack.beat.poll() is None
        gunicorn_alive = stack.gunicorn is not None and stack.gunicorn.poll() is None
        print(
            f"  processes still alive at the end: gunicorn {gunicorn_alive}, "
            f"beat {beat_alive}, worker {stack.celery.poll() is None}"
        )

        print("\n== Timeline")
        for at, text in EVENTS:
            print(f"  t+{at - T0:6.1f}s  {text}")

        checks = {
            "no request hung 10 s or more": not hung,
            "0 errors after PostgreSQL came back": pg_after_errors == 0,
            "errors only while PostgreSQL was down": not errors_outside_pg,
            "0 errors while Redis was down": redis_errors == 0,
            "Redis-window reminders all sent": f_redis["pending"] == 0 and f_redis["failed"] == 0,
            "Redis-window reminders: one e-mail each": f_redis["no_email"] == 0
            and f_redis["doubled"] == 0,
            "kill batch: all sent": f_batch["sent"] == len(intervention_ids),
            "kill batch: one e-mail per key, none lost": f_batch["no_email"] == 0
            and f_batch["doubled"] == 0,
            "whole run: no reminder doubled": f_all["doubled"] == 0,
            "gunicorn and beat survived": gunicorn_alive and beat_alive,
            "Celery worker survived the Redis outage by itself": not worker_died,
        }
        print("\n== Checks")
        for name, ok in checks.items():
            print(f"  {'PASS' if ok else 'FAIL'}  {name}")
            if not ok:
                failures.append(name)
        print("RESULT:", "PASS" if not failures else f"FAIL ({len(failures)} checks)")
        return 1 if (failures and args.strict) else 0
    finally:
        stop_load.set()
        if load_thread is not None:
            load_thread.join(CLIENT_TIMEOUT + 10)
        if stack.started_redis and not stack.redis_ping():
            stack.start_redis()  # so that stop() finds it to stop
        stack.stop()
        sink.stop()


if __name__ == "__main__":
    sys.exit(main())
