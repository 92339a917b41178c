"""Benchmark of SMS dispatch through the real gateway (docs/design "Budgets", issue 16): at
least 500 SMS a minute on this machine, nothing doubled, every delivery report matched.

    python bench/sms_dispatch.py [--count 2000] [--workers 4] [--strict]

Starts everything for real: Kannel (bearerbox + smsbox with its fake message centre,
tests/kannel.py), a gunicorn serving Netwerk for Kannel's delivery reports, and a Celery worker
(prefork, --workers processes) on Redis. Queues --count SMS in one transaction (a group send,
`queue_messages`), kicks the dispatcher, and measures from the commit until every SMS is
accepted by Kannel (SMS per minute), then until every delivery report has come back. Counts
what the fake message centre received: each text exactly once.

Uses its own PostgreSQL database (DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/netwerk_bench_sms), created and migrated when missing and
emptied of messages each run, and Redis at BENCH_REDIS_URL (default redis://127.0.0.1:6379/10,
flushed).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_sms"
SECRET = "bench-callback-secret-0123456789"
BUDGET_PER_MINUTE = 500


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/10")
    os.environ.pop("REDIS_DB", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ["DJANGO_SECURE"] = "false"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
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


def wait(condition, timeout: float, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()

    configure()
    from tests.kannel import Kannel, free_ports

    [web_port] = free_ports(1)
    folder = Path(tempfile.mkdtemp(prefix="netwerk-bench-sms-"))
    kannel = Kannel(folder / "kannel", callback_base=f"http://127.0.0.1:{web_port}", secret=SECRET)
    os.environ.update(kannel.settings())

    import django

    django.setup()
    import redis
    from django.core.management import call_command
    from django.db import transaction
    from django.db.models import Count

    from accounts.models import Organisation
    from notifications import message_dispatch
    from notifications.messages import MessageDraft, queue_messages
    from notifications.models import Message

    call_command("migrate", verbosity=0)
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    Message.objects.all().delete()
    organisation, _ = Organisation.objects.get_or_create(
        name="Bench SMS", defaults={"kind": Organisation.Kind.OTHER}
    )

    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = []
    kannel.start()
    try:
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "netwerk.wsgi:application",
                    "-b",
                    f"127.0.0.1:{web_port}",
                    "-w",
                    "2",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "netwerk",
                    "worker",
                    "--pool=prefork",
                    f"--concurrency={args.workers}",
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                    "-l",
                    "WARNING",
                ],
                cwd=ROOT,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        time.sleep(4)  # the worker connects to Redis, gunicorn binds
        received_before = kannel.received_count()
        drafts = [
            MessageDraft(
                organisation_id=organisation.pk,
                channel=Message.Channel.SMS,
                recipient_type=Message.RecipientType.VOLUNTEER,
                recipient_id=n,
                address=f"+3249{n:07d}",
                body=f"Bench bericht {n}: tot dinsdag in het buurthuis.",
                key=f"bench:{time.time_ns()}:{n}",
            )
            for n in range(args.count)
        ]
        started = time.monotonic()
        with transaction.atomic():
            queue_messages(drafts=drafts)
        message_dispatch.dispatch_messages()  # what the kick after commit starts, in case
        went_out = Message.objects.exclude(
            status__in=[Message.Status.QUEUED, Message.Status.SENDING]
        )
        done = wait(lambda: went_out.count() >= args.count, timeout=600)
        sent_seconds = time.monotonic() - started
        reports = wait(
            lambda: Message.objects.filter(status=Message.Status.DELIVERED).count() >= args.count,
            timeout=120,
        )
        reports_seconds = time.monotonic() - started
        time.sleep(1)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        kannel.stop()

    statuses = dict(Message.objects.values_list("status").annotate(n=Count("id")))
    received = Counter(data for _to, _kind, data in kannel.received()[received_before:])
    doubled = sum(n - 1 for n in received.values() if n > 1)
    missing = args.count - len(received)
    per_minute = args.count / sent_seconds * 60
    delivered = statuses.get(Message.Status.DELIVERED, 0)
    fast_enough = done and per_minute >= BUDGET_PER_MINUTE
    print(f"SMS queued: {args.count}, Celery worker processes: {args.workers}")
    print(
        f"all accepted by Kannel after {sent_seconds:.1f} s: {per_minute:,.0f} SMS/min "
        f"(budget >= {BUDGET_PER_MINUTE}/min) {'PASS' if fast_enough else 'FAIL'}"
    )
    print(
        f"received by the message centre: {sum(received.values())} parts, "
        f"{len(received)} different texts, doubled: {doubled}, missing: {missing} "
        f"{'PASS' if doubled == 0 and missing == 0 else 'FAIL'}"
    )
    print(
        f"delivery reports matched: {delivered}/{args.count} after {reports_seconds:.1f} s "
        f"{'PASS' if reports and delivered == args.count else 'FAIL'}"
    )
    print(f"statuses: {statuses}")
    print(f"load average: {os.getloadavg()[0]:.2f} (other work on the machine slows this down)")
    ok = fast_enough and reports and doubled == 0 and missing == 0
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
