"""Benchmark of the bulk hand-over against its budget (docs/design "Budgets"): handing 5,000
files over in an organisation of 100,000 participants takes under 5 s and a number of queries
that does not grow with the number of files (printed for 500 and for 5,000).

    python bench/handover.py [--participants 100000] [--workers 100]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_handover), created and migrated when missing; the data is generated with COPY
each run (bench_reminders.copy): one organisation, an org admin, `--workers` social workers
with the participants spread evenly, a file consent and an intervention with a pending
follow-up reminder for every fifth file (reminders that follow the files), and a group
facilitated by each worker with ten of their participants as members. Each hand-over runs in a
transaction that is rolled back afterwards, so both sizes start from the same data.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/netwerk_bench_handover")

from bench_reminders import configure, copy

BUDGET_SECONDS = 5.0


def generate(participants: int, workers: int, today: datetime.date) -> None:
    from django.db import connection

    from accounts.models import Membership, Organisation, User
    from groups.models import Group, GroupMember
    from notifications.models import Reminder
    from participants.models import Consent, Intervention, Participant
    from workmodels.models import WorkModel

    with connection.cursor() as cursor:
        cursor.execute(
            'TRUNCATE "accounts_organisation", "accounts_user", "notifications_reminder" '
            "RESTART IDENTITY CASCADE"
        )
    copy(Organisation, [{"id": 1, "name": "CAW Bench", "kind": "caw", "municipality": "Gent"}])
    users = [{"id": 1, "email": "admin@bench.invalid", "full_name": "Admin", "password": "!"}]
    users += [
        {"id": w + 2, "email": f"w{w}@bench.invalid", "full_name": f"Worker {w}", "password": "!"}
        for w in range(workers)
    ]
    copy(User, users)
    copy(
        Membership,
        [{"user_id": 1, "organisation_id": 1, "role": "org_admin", "is_active": True}]
        + [
            {"user_id": w + 2, "organisation_id": 1, "role": "social_worker", "is_active": True}
            for w in range(workers)
        ],
    )
    model = WorkModel.objects.get(code="buddy")
    worker_of = [2 + (p % workers) for p in range(participants)]
    rows = []
    for p in range(participants):
        rows.append(
            {
                "id": p + 1,
                "organisation_id": 1,
                "reference_code": f"B-{p:08d}",
                "first_name": f"Naam{p % 997}",
                "last_name": f"Achter{p % 389}",
                "languages": ["nl"],
                "social_worker_id": worker_of[p],
                "status": "active",
            }
        )
    copy(Participant, rows)
    copy(
        Consent,
        [
            {
                "participant_id": p + 1,
                "purpose": "file",
                "given_on": today - datetime.timedelta(days=100),
                "method": "oral",
                "recorded_by_id": worker_of[p],
            }
            for p in range(participants)
        ],
    )
    followed = range(0, participants, 5)
    copy(
        Intervention,
        [
            {
                "id": n + 1,
                "participant_id": p + 1,
                "date": today - datetime.timedelta(days=3),
                "duration_minutes": 30,
                "work_model_id": model.pk,
                "kind": "conversation",
                "took_part": ["participant"],
                "follow_up_on": today + datetime.timedelta(days=7),
                "author_id": worker_of[p],
            }
            for n, p in enumerate(followed)
        ],
    )
    copy(
        Reminder,
        [
            {
                "organisation_id": 1,
                "rule": "intervention_follow_up",
                "object_type": "participants.intervention",
                "object_id": n + 1,
                "due_on": today + datetime.timedelta(days=7),
                "recipient_id": worker_of[p],
                "link": f"/participants/{p + 1}/",
                "status": "pending",
            }
            for n, p in enumerate(followed)
        ],
    )
    copy(
        Group,
        [
            {
                "id": w + 1,
                "organisation_id": 1,
                "name": f"Groep {w}",
                "kind": "peer_group",
                "work_model_id": model.pk,
                "starts_on": today - datetime.timedelta(days=30),
                "created_by_id": w + 2,
            }
            for w in range(workers)
        ],
    )
    Group.facilitators.through.objects.bulk_create(
        [Group.facilitators.through(group_id=w + 1, user_id=w + 2) for w in range(workers)]
    )
    copy(
        GroupMember,
        [
            {
                "group_id": w + 1,
                "participant_id": w + 1 + k * workers,
                "joined_on": today - datetime.timedelta(days=20),
                "added_by_id": w + 2,
            }
            for w in range(workers)
            for k in range(10)
        ],
    )
    with connection.cursor() as cursor:
        for table in ("participants_participant", "participants_intervention"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10000000)")
        cursor.execute("ANALYZE")


def timed_handover(count: int, workers: int) -> tuple[float, int, int]:
    """Hand over the first `count` files (of every worker, so several groups follow) to the
    last worker, in a transaction that is rolled back. Returns seconds, queries, files."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Membership
    from participants.models import Participant
    from participants.services.handover import files_reassign

    admin = Membership.objects.select_related("organisation", "user").get(role="org_admin")
    target = workers + 1  # the last worker's user id
    ids = list(
        Participant.objects.exclude(social_worker_id=target)
        .order_by("id")
        .values_list("pk", flat=True)[:count]
    )
    with transaction.atomic():
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            result = files_reassign(
                membership=admin,
                to_worker=target,
                reason="Bench: vertrek",
                handed_over_on=timezone.localdate(),
                participant_ids=ids,
            )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, len(queries), result.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=100)
    args = parser.parse_args()
    configure()
    from django.utils import timezone

    started = time.perf_counter()
    generate(args.participants, args.workers, timezone.localdate())
    print(
        f"data: {args.participants:,} participants, {args.workers} social workers "
        f"(generated in {time.perf_counter() - started:.1f} s); run {uuid.uuid4().hex[:6]}"
    )
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    timed_handover(50, args.workers)  # warm-up
    results = {}
    for count in (500, 5000):
        seconds, queries, moved = timed_handover(count, args.workers)
        results[count] = (seconds, queries)
        print(f"hand over {moved:>5,} files: {seconds:6.2f} s, {queries} queries")
    seconds, queries = results[5000]
    same = results[500][1] == queries
    verdict = "PASS" if seconds < BUDGET_SECONDS and same else "FAIL"
    print(
        f"{verdict}: 5,000 files in {seconds:.2f} s (budget {BUDGET_SECONDS:.0f} s); "
        f"queries {'constant' if same else 'NOT constant'} ({results[500][1]} vs {queries})"
    )


if __name__ == "__main__":
    main()
