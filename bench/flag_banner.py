"""Benchmark of the flag banner against its budget (issue 18, "Budgets"): the flag banner
costs the participant file page at most one query, whatever the number of flags.

    python bench/flag_banner.py [--flags 0,1,10,100] [--ended 200] [--repeat 30] [--warmup 3]
                                [--strict]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_flags), created and migrated when missing; its organisations and users are
truncated and rebuilt on every run (synthetic names only): one social worker, one
participant with a file consent, 20 interventions, a buddy match, and `--ended` flags that
were ended (two people) long ago, which the banner must not read.

For each number of flags in force (half on the file, half on its match) the file page is
requested through Django's test client with every middleware, as the signed-in social worker,
warmed up, then `--repeat` times. Printed per number: the page's queries, the banner's own
queries (the template tag rendered alone) and the p50/p95 of the page and of the banner alone.
PASS when the banner runs at most one query and the page's query count is the same for every
number of flags.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_reminders as common  # configure (database, migrate), load average

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_flags"


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("NETWERK_MFA_DEFAULT_REQUIRED", "false")
    os.environ.setdefault("NETWERK_STATIC_FROM_FINDERS", "true")
    common.configure()


def generate(ended: int):
    """The organisation, its people, the participant and a match; returns (worker,
    coordinator, participant, match)."""
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Membership, Organisation, User
    from buddies.models import BuddyRequest, Match, Volunteer
    from participants.services import files, interventions
    from safety.models import Flag, FlagKind
    from workmodels.models import WorkModel

    with connection.cursor() as cursor:
        cursor.execute('TRUNCATE "accounts_organisation", "accounts_user" RESTART IDENTITY CASCADE')
    organisation = Organisation.objects.create(
        name="Bench vlaggen", kind="caw", municipality="Gent", require_mfa=False
    )

    def member(email: str, role: str) -> Membership:
        user = User.objects.create(email=email, full_name=email.split("@")[0].title())
        return Membership.objects.create(user=user, organisation=organisation, role=role)

    worker = member("worker@bench-flags.invalid", "social_worker")
    coordinator = member("coordinator@bench-flags.invalid", "coordinator")
    colleague = member("colleague@bench-flags.invalid", "social_worker")
    today = timezone.localdate()
    participant = files.participant_create(
        membership=worker,
        data={"first_name": "Sam", "last_name": "Bench", "languages": ["nl"]},
        file_consent_method="oral",
        file_consent_on=today - datetime.timedelta(days=200),
    )
    model = WorkModel.objects.order_by("order").first()
    for day in range(20):
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
    request = BuddyRequest.objects.create(
        organisation=organisation,
        participant=participant,
        requested_by=worker.user,
        languages=["nl"],
        postcode="9000",
    )
    volunteer = Volunteer.objects.create(
        organisation=organisation, first_name="Vera", last_name="Bench", languages=["nl"]
    )
    match = Match.objects.create(
        organisation=organisation,
        request=request,
        participant=participant,
        volunteer=volunteer,
        proposed_by=coordinator.user,
        status=Match.Status.ACTIVE,
    )
    kind = FlagKind.objects.filter(organisation=organisation).first()
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Flag.objects.bulk_create(
        Flag(
            organisation=organisation,
            participant=participant if n % 2 else None,
            match=None if n % 2 else match,
            kind=kind,
            text=f"Oud {n}",
            raised_by=worker.user,
            ending_requested_by=worker.user,
            ending_requested_at=long_ago,
            ending_reason="Voorbij",
            ended_by=colleague.user,
            ended_at=long_ago,
        )
        for n in range(ended)
    )
    return worker, coordinator, participant, match


def set_flags(worker, coordinator, participant, match, count: int) -> None:
    from safety import services
    from safety.models import Flag, FlagKind

    Flag.objects.filter(ended_at__isnull=True).delete()
    kinds = list(FlagKind.objects.filter(organisation_id=participant.organisation_id))
    for n in range(count):
        if n % 2:
            services.flag_raise(
                membership=coordinator, match=match, kind=kinds[n % len(kinds)], text=f"M {n}"
            )
        else:
            services.flag_raise(
                membership=worker,
                participant=participant,
                kind=kinds[n % len(kinds)],
                text=f"F {n}",
            )


def counted(function) -> tuple[int, object]:
    from django.db import connection

    count = 0

    def counting(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counting):
        result = function()
    return count, result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flags", default="0,1,10,100")
    parser.add_argument("--ended", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    configure()
    from django.template import Context, Template
    from django.test import Client, RequestFactory

    worker, coordinator, participant, match = generate(args.ended)
    client = Client()
    client.force_login(worker.user)
    path = f"/participants/{participant.pk}/"
    banner = Template("{% load safety_tags %}{% flag_banner participant %}")
    request = RequestFactory().get("/")
    request.membership = worker
    print(f"data: 20 interventions, {args.ended} ended flags; {common.load()}")
    page_counts, banner_counts = set(), set()
    for count in [int(n) for n in args.flags.split(",")]:
        set_flags(worker, coordinator, participant, match, count)
        for _round in range(args.warmup):
            client.get(path)
        page_times, banner_times = [], []
        for _round in range(args.repeat):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            page_times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            banner.render(Context({"request": request, "participant": participant}))
            banner_times.append((time.perf_counter() - started) * 1000)
        page_queries, _ = counted(lambda: client.get(path))
        banner_queries, html = counted(
            lambda: banner.render(Context({"request": request, "participant": participant}))
        )
        assert html.count('class="flag"') == count, "the banner must show every flag in force"
        page_counts.add(page_queries)
        banner_counts.add(banner_queries)
        print(
            f"  {count:4} flags in force: file page {page_queries:3} queries, "
            f"p50 {statistics.median(page_times):6.1f} ms, "
            f"p95 {percentile(page_times, 0.95):6.1f} ms"
            f" · banner {banner_queries} query, p50 {statistics.median(banner_times):5.2f} ms"
        )
    ok = max(banner_counts) <= 1 and len(page_counts) == 1
    verdict = "PASS" if ok else "FAIL"
    print(
        f"{verdict}: the banner runs at most {max(banner_counts)} query (budget 1); the file page "
        f"runs {sorted(page_counts)} queries for every number of flags (constant: "
        f"{len(page_counts) == 1})"
    )
    if args.strict and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
