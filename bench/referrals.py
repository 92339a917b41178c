"""Benchmark of referrals at size: the receiving organisation's inbox query, the referral
figures (the organisation's own and the instance-wide ones) and the referral reminder rules,
over 100,000 participants and 20,000 referrals in PostgreSQL. Each is run at two sizes: the
number of queries must be the same at both; times are printed.

    python bench/referrals.py [--participants N] [--referrals N] [--small-participants N]
                              [--small-referrals N] [--repeat N]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_ref), created and migrated when missing; its tables are truncated and the data
generated with COPY on every run (the helpers of bench_reminders.py), then VACUUM ANALYZEd.

The inbox is measured as the page the coordinator opens (`/referrals/inbox/`, through Django's
test client with every middleware: log-in, organisation, menu count, template), and as the
query of its first page alone (`referrals.selectors.inbox.inbox_list`).
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

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_ref"
ORGANISATIONS = 10
INITIATIVES_PER_ORGANISATION = 5
PAGE = 50
# Status, share of the referrals, the steps it was reached through.
STATUSES = [
    ("sent", 15, []),
    ("received", 10, ["received"]),
    ("accepted", 15, ["accepted"]),
    ("declined", 15, ["declined"]),
    ("first_contact", 25, ["accepted", "first_contact"]),
    ("ended", 20, ["accepted", "first_contact", "ended"]),
]
REASONS = ["Geen plaats", "Buiten ons werkgebied", "Past niet bij ons aanbod", "Wachtlijst vol"]


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("NETWERK_MFA_DEFAULT_REQUIRED", "false")
    common.configure()


def generate(participants: int, referrals: int, today: datetime.date) -> None:
    from django.db import connection

    from accounts.models import Membership, Organisation, User
    from participants.models import Participant
    from referrals.models import Referral, ReferralStep
    from workmodels.models import Initiative, WorkModel

    tables = [Organisation, User, Participant, Initiative, Referral]
    with connection.cursor() as cursor:
        names = ", ".join(f'"{m._meta.db_table}"' for m in tables)
        cursor.execute(f"TRUNCATE {names}, notifications_reminder RESTART IDENTITY CASCADE")
    rng = random.Random(15)
    day = datetime.timedelta(days=1)
    common.copy(
        Organisation,
        [
            {"id": o + 1, "name": f"Org {o}", "kind": "caw", "municipality": "Gent"}
            for o in range(ORGANISATIONS)
        ],
    )
    common.copy(
        User,
        [
            {"id": u + 1, "email": f"u{u}@bench.invalid", "password": "!", "full_name": f"P {u}"}
            for u in range(3 * ORGANISATIONS)
        ],
    )
    roles = ("coordinator", "social_worker", "org_admin")
    common.copy(
        Membership,
        [
            {"user_id": 3 * o + r + 1, "organisation_id": o + 1, "role": role}
            for o in range(ORGANISATIONS)
            for r, role in enumerate(roles)
        ],
    )
    worker = {o + 1: 3 * o + 2 for o in range(ORGANISATIONS)}
    org_of = [p % ORGANISATIONS + 1 for p in range(participants)]
    common.copy(
        Participant,
        [
            {
                "id": p + 1,
                "organisation_id": org_of[p],
                "reference_code": f"R-{p}",
                "first_name": f"Naam{p}",
                "social_worker_id": worker[org_of[p]],
                "status": "active",
            }
            for p in range(participants)
        ],
    )
    initiatives = ORGANISATIONS * INITIATIVES_PER_ORGANISATION
    common.copy(
        Initiative,
        [
            {
                "id": i + 1,
                "organisation_id": i % ORGANISATIONS + 1,
                "run_by_id": i % ORGANISATIONS + 1,
                "name": f"Initiatief {i}",
                "provider": f"Org {i % ORGANISATIONS}",
                "shared": i % 7 != 0,
            }
            for i in range(initiatives)
        ],
    )
    models = list(WorkModel.objects.order_by("order").values_list("pk", flat=True))
    weights = [share for _status, share, _steps in STATUSES]
    rows, steps = [], []
    now = datetime.datetime.now(datetime.UTC)
    for r in range(referrals):
        participant = rng.randrange(participants)
        sender = org_of[participant]
        initiative = rng.randrange(initiatives)
        receiver = initiative % ORGANISATIONS + 1
        external = r % 10 == 0
        status, _share, path = rng.choices(STATUSES, weights)[0]
        sent = now - rng.randint(0, 400) * day - datetime.timedelta(minutes=rng.randint(0, 600))
        rows.append(
            {
                "id": r + 1,
                "organisation_id": sender,
                "participant_id": participant + 1,
                "sent_by_id": worker[sender],
                "sent_at": sent,
                "initiative_id": initiative + 1,
                "initiative_name": f"Initiatief {initiative}",
                "to_organisation_id": None if external else receiver,
                "work_model_id": rng.choice(models),
                "shared_items": ["first_name", "reason"],
                "shared": {"first_name": f"Naam{participant}", "reason": "Meer mensen kennen"},
                "consent_method": "written",
                "consent_given_on": sent.date(),
                "consent_purpose": "Doorverwijzing",
                "consent_recorded_by_id": worker[sender],
                "status": status,
                "status_changed_at": sent,
                "decline_reason": rng.choice(REASONS) if status == "declined" else "",
            }
        )
        happened = sent.date()
        for step in path:
            happened = min(happened + rng.randint(1, 20) * day, today)
            steps.append(
                {
                    "referral_id": r + 1,
                    "status": step,
                    "happened_on": happened,
                    "by_organisation_id": sender if external else receiver,
                }
            )
    common.copy(Referral, rows)
    common.copy(ReferralStep, steps)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def measured(function, repeat: int) -> tuple[float, float, int]:
    """The first (cold) time, the median of `repeat` more, in ms, and the queries of one.

    Queries are counted with an execute wrapper: a page requested through the test client
    empties `connection.queries` when its request starts (Django's `reset_queries`)."""
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


def inbox(membership):
    """The query of the inbox's first page, as the page runs it."""
    from referrals.selectors.inbox import inbox_list

    return list(inbox_list(membership)[:PAGE])


def inbox_page(client) -> None:
    answer = client.get("/referrals/inbox/")
    assert answer.status_code == 200, (answer.status_code, answer.get("Location"))


def signed_in(membership):
    """A client signed in as `membership`'s person; their organisation asks no second factor
    of them here (the bench measures the page, not the log-in)."""
    from django.test import Client

    type(membership.organisation).objects.filter(pk=membership.organisation_id).update(
        require_mfa=False
    )
    client = Client()
    client.force_login(membership.user)
    return client


def rules():
    from django.utils import timezone

    from notifications.services import sweep_contexts
    from referrals.reminders import RULES

    contexts = sweep_contexts(timezone.localdate())
    return sum(len(list(rule.due(contexts[rule.code], None))) for rule in RULES)


def run(participants: int, referrals: int, repeat: int) -> dict:
    from django.utils import timezone

    from accounts.models import Membership
    from referrals.selectors.figures import Period, instance_figures, organisation_figures

    started = time.perf_counter()
    generate(participants, referrals, timezone.localdate())
    generated = time.perf_counter() - started
    coordinator = Membership.objects.select_related("organisation", "user").get(
        organisation_id=1, role="coordinator"
    )
    period = Period.last_year()
    client = signed_in(coordinator)
    print(
        f"\n{participants:,} participants, {referrals:,} referrals over {ORGANISATIONS} "
        f"organisations (generated with COPY in {generated:.1f} s); {common.load()}"
    )
    results = {
        "inbox page (as the coordinator)": measured(lambda: inbox_page(client), repeat),
        "inbox query (first page, waiting first)": measured(lambda: inbox(coordinator), repeat),
        "figures of one organisation": measured(
            lambda: organisation_figures(coordinator, period), repeat
        ),
        "figures of the whole Netwerk": measured(
            lambda: instance_figures(coordinator, period), repeat
        ),
        "reminder rules (4 due queries)": measured(rules, repeat),
    }
    received = inbox(coordinator)
    print(f"  the inbox's first page holds {len(received)} referrals")
    for label, (cold, warm, queries) in results.items():
        print(f"  {label:34} cold {cold:8.1f} ms  median {warm:8.1f} ms  {queries:2} queries")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--referrals", type=int, default=20_000)
    parser.add_argument("--small-participants", type=int, default=10_000)
    parser.add_argument("--small-referrals", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    configure()
    small = run(args.small_participants, args.small_referrals, args.repeat)
    big = run(args.participants, args.referrals, args.repeat)
    same = {label: small[label][2] == big[label][2] for label in big}
    print(
        "\nqueries independent of size: "
        + "; ".join(
            f"{label.split(' (')[0]} {small[label][2]} vs {big[label][2]} "
            f"{'PASS' if ok else 'FAIL'}"
            for label, ok in same.items()
        )
    )
    if os.getloadavg()[0] > (os.cpu_count() or 1):
        print(f"WARNING: the machine is busy ({common.load()}): times are inflated.")


if __name__ == "__main__":
    main()
