"""Benchmark of the participant pages against their budgets in docs/design ("Budgets").

    python bench/bench_participants.py [--strict] [--repeat N] [--warmup N] [--only a,b]
                                       [--explain]

Needs the data of bench/generate_participants.py (100,000 participants, 2,000,000
interventions) in the database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/netwerk_bench).

Budgets checked, per page:
- server time p95 <= 3x the p95 of a trivial view in the same run. The trivial view returns a
  fixed "ok" but goes through the whole middleware stack as the same logged-in social worker
  (session, user, organisation, two-factor check, session save), so the ratio bills each page
  only for its own work. /health/ is timed too, for information;
- a fixed number of SQL queries: the file page counts the same for a typical and a heavy file,
  the caseload the same for one worker's ~200 participants and the org admin's 100,000.

Requests go through Django's test Client in this process (no network, no server), with the
production settings except DJANGO_DEBUG=false, DJANGO_SECURE=false,
NETWERK_STATIC_FROM_FINDERS=true and no REDIS_URL (caches in process). Each page is warmed up,
its queries counted once (CaptureQueriesContext), then requested --repeat times, the pages
interleaved round by round so that every page sees the same machine state. Opening a file writes
one audit row per request, as in production. When a page misses its budget, the plan of its
slowest query is printed (EXPLAIN ANALYZE; --explain prints it for every page).

Prints the figures and PASS/FAIL per page; exits 0 unless --strict is given and a budget failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
import types
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench"
ORGANISATION_NAME = "Netwerk bench organisation"  # as bench/generate_participants.py
EMAIL_DOMAIN = "bench.netwerk.invalid"
RATIO_BUDGET = 3.0
TRIVIAL_PATH = "/__bench__/trivial/"
SEARCH = "mehm"  # part of a first name, as typed in the search box (~1.7% of the files)


def configure_environment() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DJANGO_SETTINGS_MODULE"] = "netwerk.settings"
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ["DJANGO_SECURE"] = "false"
    os.environ["NETWERK_STATIC_FROM_FINDERS"] = "true"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["EMAIL_URL"] = "consolemail://"
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF"
    )
    # /health/ would ping Redis when it is configured; the benchmark measures Django alone.
    os.environ.pop("REDIS_URL", None)
    os.environ.pop("CELERY_BROKER_URL", None)


def install_trivial_view() -> None:
    """The project's URLs plus one view that does nothing, under the same middleware."""
    from django.conf import settings
    from django.http import HttpResponse
    from django.urls import clear_url_caches, include, path

    def trivial(request):
        return HttpResponse("ok", content_type="text/plain")

    module = types.ModuleType("bench_participants_urls")
    module.urlpatterns = [
        path(TRIVIAL_PATH.strip("/") + "/", trivial),
        path("", include("netwerk.urls")),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    clear_url_caches()


@dataclass
class Page:
    label: str
    client: object
    url: str
    budgeted: bool = True
    headers: dict = field(default_factory=dict)
    # Caseload filters with a name are posted and kept in the session (never in a URL): the
    # page posts them once and then times the address it is sent to (`?f=<key>`).
    filters: dict = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    cpu_ms: list[float] = field(default_factory=list)
    queries: int = 0
    db_ms: float = 0.0
    slowest: tuple = (0.0, "", None)  # (ms, sql, params)
    bytes: int = 0


def get(page: Page):
    return page.client.get(page.url, **page.headers)


def bring_schema_up_to_date() -> None:
    """The code may have gained migrations since the data was generated: apply them."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan)
        print(f"applying {len(plan)} new migration(s) to the bench database: {names}")
        call_command("migrate", interactive=False, verbosity=0)


def percentile(values: list[float], q: float) -> float:
    import numpy as np

    return float(np.percentile(values, q))


def explain(sql: str, params) -> str:
    from django.db import connection, transaction

    # Inside a transaction that is rolled back, in case the statement writes.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget fails")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--only", default="", help="comma-separated substrings of page labels")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="plan of every page's slowest query, not only of the pages that miss their budget",
    )
    args = parser.parse_args(argv)

    configure_environment()
    import django

    django.setup()
    install_trivial_view()

    from django.db import connection
    from django.db.models import Count, Q
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import Organisation, User
    from participants.models import Participant

    bring_schema_up_to_date()
    organisation = Organisation.objects.filter(name=ORGANISATION_NAME).first()
    if organisation is None:
        print(
            f"No benchmark data in {connection.settings_dict['NAME']}: run "
            "bench/generate_participants.py first."
        )
        return 2
    worker = User.objects.get(email=f"worker0001@{EMAIL_DOMAIN}")
    admin = User.objects.get(email=f"admin@{EMAIL_DOMAIN}")

    # A typical file: one of this worker's active files with file consent, goals and chosen
    # work models, and an intervention count closest to the mean. The heavy file: the file with
    # the most interventions, opened by its own social worker.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = "
            "'participants_intervention'::regclass"
        )
        intervention_total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT participant_id, count(*) FROM participants_intervention "
            "GROUP BY participant_id ORDER BY count(*) DESC LIMIT 1"
        )
        heavy_id, heavy_count = cursor.fetchone()
    participant_total = Participant.objects.filter(organisation=organisation).count()
    mean = intervention_total / max(participant_total, 1)
    candidates = (
        Participant.objects.filter(social_worker=worker, status=Participant.Status.ACTIVE)
        .annotate(
            n=Count("interventions", distinct=True),
            goals_n=Count("goals", distinct=True),
            traj_n=Count("trajectories", distinct=True),
        )
        .filter(
            goals_n__gt=0,
            traj_n__gt=0,
            consents__purpose="file",
            consents__withdrawn_on__isnull=True,
        )
        .values_list("pk", "n")
    )
    typical_id, typical_count = min(candidates, key=lambda pair: abs(pair[1] - mean))
    heavy = Participant.objects.select_related("social_worker").get(pk=heavy_id)
    caseload_size = Participant.objects.filter(social_worker=worker).count()
    due_size = Participant.objects.filter(
        Q(social_worker=worker), next_follow_up_on__lte=timezone.localdate()
    ).count()

    clients = {}
    for user in {worker, admin, heavy.social_worker}:
        clients[user.pk] = Client()
        clients[user.pk].force_login(user)
    mine, boss, heavy_client = (
        clients[worker.pk],
        clients[admin.pk],
        clients[heavy.social_worker_id],
    )
    api = {"HTTP_ACCEPT": "application/json"}
    pages = [
        Page("trivial view (reference)", mine, TRIVIAL_PATH, budgeted=False),
        Page("/health/ (information)", mine, "/health/", budgeted=False),
        Page("caseload, worker", mine, "/participants/"),
        Page(
            "caseload, worker, follow-up due by next follow-up",
            mine,
            "/participants/?follow_up_due=on&sort=next_follow_up",
        ),
        Page(f"caseload, worker, search '{SEARCH}'", mine, "/participants/", filters={"q": SEARCH}),
        Page("caseload, team (org admin, all files)", boss, "/participants/?scope=team"),
        Page(
            "caseload, team, follow-up due by next follow-up",
            boss,
            "/participants/?scope=team&follow_up_due=on&sort=next_follow_up",
        ),
        Page(
            "caseload, team, last intervention newest first",
            boss,
            "/participants/?scope=team&sort=-last_intervention",
        ),
        Page(
            f"caseload, team, search '{SEARCH}'",
            boss,
            "/participants/",
            filters={"scope": "team", "q": SEARCH},
        ),
        Page("file, typical", mine, f"/participants/{typical_id}/"),
        Page("file, heavy", heavy_client, f"/participants/{heavy_id}/"),
        Page("file, heavy, timeline page 5", heavy_client, f"/participants/{heavy_id}/?page=5"),
        Page("API list, worker", mine, "/api/participants/", headers=api),
        Page("API list, org admin (all files)", boss, "/api/participants/", headers=api),
    ]
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        pages = [pages[0]] + [p for p in pages[1:] if any(w in p.label for w in wanted)]

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server = cursor.fetchone()[0]
    print(
        f"python {platform.python_version()}, Django {django.get_version()}, "
        f"PostgreSQL {server}, {os.cpu_count()} CPUs, database "
        f"{connection.settings_dict['NAME']}"
    )
    print(
        f"data: {participant_total:,} participants, ~{intervention_total:,} interventions; "
        f"worker0001 has {caseload_size} participants ({due_size} with a follow-up due)"
    )
    print(
        f"typical file {typical_id}: {typical_count} interventions; heavy file {heavy_id}: "
        f"{heavy_count} interventions"
    )
    load_before = os.getloadavg()[0]

    for page in pages:
        if page.filters:
            response = page.client.post(page.url, page.filters)
            page.url = response["Location"]

    # Warm-up, and every page must answer 200 (a redirect means a set-up problem).
    for page in pages:
        for _ in range(args.warmup):
            response = get(page)
        if response.status_code != 200:
            print(
                f"{page.label}: {page.url} answered {response.status_code} "
                f"{response.get('Location', '')}"
            )
            return 2
        page.bytes = len(response.content)

    # Query counts (in a separate pass: capturing slows every query a little). The wrapper
    # times each query more finely than CaptureQueriesContext (which rounds to the ms).
    for page in pages:
        timed: list[tuple[float, str, object]] = []

        def timer(execute, sql, params, many, context, timed=timed):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                timed.append(((time.perf_counter() - start) * 1000, sql, params))

        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
            get(page)
        page.queries = len(captured.captured_queries)  # BEGIN and COMMIT included
        page.db_ms = sum(ms for ms, _sql, _params in timed)
        page.slowest = max(timed, default=(0.0, "", None), key=lambda entry: entry[0])

    # Timed rounds: every page once per round, starting at a different page each round.
    for round_number in range(args.repeat):
        shift = round_number % len(pages)
        for page in pages[shift:] + pages[:shift]:
            start, cpu_start = time.perf_counter(), time.process_time()
            get(page)
            page.times_ms.append((time.perf_counter() - start) * 1000)
            page.cpu_ms.append((time.process_time() - cpu_start) * 1000)

    load_after = os.getloadavg()[0]
    reference = percentile(pages[0].times_ms, 95)
    if max(load_before, load_after) > (os.cpu_count() or 1) * 0.75:
        print(
            f"\nWARNING: the machine is busy (load average {load_before:.1f} before, "
            f"{load_after:.1f} after, {os.cpu_count()} CPUs): the figures are noisy."
        )
    print(f"\nload average {load_before:.1f} before, {load_after:.1f} after the timed rounds")
    print(
        f"server time over {args.repeat} requests per page (ms), budget p95 <= "
        f"{RATIO_BUDGET:.0f}x the trivial view's p95; cpu: median CPU time of this (the "
        "Django) process; queries and their total time (ms) from one captured request"
    )
    header = (
        f"{'page':52s} {'p50':>7s} {'p95':>7s} {'ratio':>7s} {'cpu':>6s} {'queries':>7s} "
        f"{'db ms':>6s}"
    )
    print(header + "  verdict")
    failed = []
    for page in pages:
        p50, p95 = percentile(page.times_ms, 50), percentile(page.times_ms, 95)
        ratio = p95 / reference
        verdict = ""
        if page.budgeted:
            ok = ratio <= RATIO_BUDGET
            verdict = "PASS" if ok else "FAIL"
            if not ok:
                failed.append(page)
        cpu = percentile(page.cpu_ms, 50)
        print(
            f"{page.label:52s} {p50:7.2f} {p95:7.2f} {ratio:6.2f}x {cpu:6.2f} {page.queries:7d} "
            f"{page.db_ms:6.1f}  {verdict}"
        )

    by_label = {page.label: page for page in pages}
    constant_ok = True
    print("\nquery counts independent of the data size:")
    for small, large in [
        ("file, typical", "file, heavy"),
        ("caseload, worker", "caseload, team (org admin, all files)"),
        ("API list, worker", "API list, org admin (all files)"),
    ]:
        if small in by_label and large in by_label:
            a, b = by_label[small].queries, by_label[large].queries
            same = a == b
            constant_ok &= same
            print(f"  {small} {a} vs {large} {b}: {'PASS' if same else 'FAIL'}")

    for page in pages:
        if (page in failed or args.explain) and page.slowest[1].lstrip().upper().startswith(
            "SELECT"
        ):
            ms, sql, params = page.slowest
            print(f"\nslowest query of '{page.label}' ({ms:.1f} ms):\n{sql}\nparams {params}\n")
            print(explain(sql, params))

    ok = not failed and constant_ok
    print(
        "\nALL BUDGETS PASS"
        if ok
        else "\nSOME BUDGETS FAIL: " + ", ".join(page.label for page in failed)
    )
    return 1 if args.strict and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
