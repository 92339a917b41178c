"""Benchmark: sending one message to a group of 500 (the budget "the page answers in under
1 s and the messages go through the outbox").

    python bench/group_message.py [--size 500] [--repeat 5] [--strict]

Uses its own PostgreSQL database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
netwerk_bench_msg), created and migrated when missing; its data is made afresh on each run.
Two sends are timed as the coordinator and the facilitator make them, through Django's test
client with every middleware (log-in, organisation, audit, templates):
- the volunteer pool: all `size` active volunteers by SMS (/messages/volunteers/active/);
- a group: `size` members with a contact consent, one in ten without, one in twenty who
  replied STOP (/messages/group/<pk>/): the page says who is left out and why.
For each: the compose page (GET), the preview (POST) and the send (POST: one transaction,
`queue_messages`, one INSERT), their times (median of --repeat) and SQL queries, and the rows
the outbox holds afterwards. PASS when every send answers in under 1 s.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import bench_reminders as common  # configure, load average

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench_msg"
BUDGET_SECONDS = 1.0


def configure() -> None:
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("NETWERK_MFA_DEFAULT_REQUIRED", "false")
    common.configure()


def generate(size: int):
    import datetime

    from django.db import connection
    from django.utils import timezone

    from accounts.models import Membership, Organisation, Role, User
    from buddies.models import Volunteer
    from groups.models import Group, GroupMember
    from notifications.models import SmsOptOut
    from participants.models import Consent, Participant
    from workmodels.models import WorkModel

    tables = [
        "notifications_message",
        "notifications_smsoptout",
        "groups_groupmember",
        "groups_group_facilitators",
        "groups_group",
        "participants_consent",
        "participants_historicalparticipant",
        "participants_participant",
        "buddies_volunteer",
        "accounts_auditevent",
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"TRUNCATE {table} CASCADE")
    organisation = Organisation.objects.create(name="Bench berichten", require_mfa=False)
    coordinator = User.objects.create_user(email="coordinator@bench.test", full_name="Coördinator")
    worker = User.objects.create_user(email="worker@bench.test", full_name="Begeleider")
    Membership.objects.create(user=coordinator, organisation=organisation, role=Role.COORDINATOR)
    Membership.objects.create(user=worker, organisation=organisation, role=Role.SOCIAL_WORKER)
    Volunteer.objects.bulk_create(
        Volunteer(
            organisation=organisation,
            first_name=f"Vrijwilliger{index}",
            phone=f"+3247{1000000 + index:07d}",
            status=Volunteer.Status.ACTIVE,
            languages=["nl"],
        )
        for index in range(size)
    )
    participants = Participant.objects.bulk_create(
        Participant(
            organisation=organisation,
            first_name=f"Deelnemer{index}",
            phone=f"+3247{2000000 + index:07d}",
            social_worker=worker,
            status=Participant.Status.ACTIVE,
            reference_code=f"P-BENCH{index:05d}",
        )
        for index in range(size)
    )
    today = timezone.localdate()
    Consent.objects.bulk_create(
        Consent(
            participant=participant,
            purpose=Consent.Purpose.CONTACT,
            given_on=today,
            method=Consent.Method.ORAL,
            recorded_by=worker,
        )
        for index, participant in enumerate(participants)
        if index % 10
    )
    SmsOptOut.objects.bulk_create(
        SmsOptOut(number=p.phone, opted_out_at=timezone.now(), source=SmsOptOut.Source.INBOUND)
        for index, p in enumerate(participants)
        if index % 20 == 1
    )
    group = Group.objects.create(
        organisation=organisation,
        name="Bench groep",
        kind=Group.Kind.choices[0][0],
        work_model=WorkModel.objects.first(),
        starts_on=today,
        created_by=worker,
    )
    group.facilitators.add(worker)
    GroupMember.objects.bulk_create(
        GroupMember(
            group=group, participant=p, joined_on=datetime.date(2026, 1, 5), added_by=worker
        )
        for p in participants
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return coordinator, worker, group


def measure(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from notifications.models import Message

    figures = {"get": [], "preview": [], "send": []}
    queries = {}
    rows = 0
    for _ in range(repeat):
        Message.objects.all().delete()
        started = time.perf_counter()
        page = client.get(url)
        figures["get"].append(time.perf_counter() - started)
        assert page.status_code == 200, page.status_code
        batch = re.search(rb'name="batch" value="([0-9a-f]{32})"', page.content).group(1)
        data = {"batch": batch.decode(), "channel": "sms", "body": "Dag {voornaam}, tot dan!"}
        for action in ("preview", "send"):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(url, {**data, "action": action})
                figures[action].append(time.perf_counter() - started)
            assert response.status_code in (200, 302), (action, response.status_code)
            queries[action] = len(captured)
        rows = Message.objects.filter(status="queued").count()
    return {
        "median": {k: statistics.median(v) for k, v in figures.items()},
        "queries": queries,
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    configure()
    from django.conf import settings
    from django.test import Client

    settings.DEBUG = False
    coordinator, worker, group = generate(args.size)
    print(common.load())
    print(f"group send of {args.size}, median of {args.repeat} (budget: send < 1 s)")
    ok = True
    for label, user, url in (
        ("volunteer pool", coordinator, "/messages/volunteers/active/"),
        ("group members", worker, f"/messages/group/{group.pk}/"),
    ):
        client = Client()
        client.force_login(user)
        result = measure(client, url, args.repeat)
        median, queries = result["median"], result["queries"]
        passed = median["send"] < BUDGET_SECONDS
        ok &= passed
        print(
            f"  {label:15} page {median['get'] * 1000:6.0f} ms · preview "
            f"{median['preview'] * 1000:6.0f} ms ({queries['preview']} queries) · send "
            f"{median['send'] * 1000:6.0f} ms ({queries['send']} queries) · "
            f"{result['rows']} messages queued in the outbox  "
            f"{'PASS' if passed else 'FAIL'}"
        )
    if args.strict and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
