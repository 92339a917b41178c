"""Synthetic data for the participant-file benchmark (issue 3, "Performance").

    python bench/generate_participants.py [--reset] [--participants N] [--interventions N]
                                          [--workers N] [--seed S]

Builds, in the PostgreSQL database named by DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/netwerk_bench, created and migrated when missing), one
organisation with an org admin and `--workers` social workers, and `--participants`
participants (default 100,000) with exactly `--interventions` interventions (default 2,000,000),
their consents (file consent for everyone past the first intake), trajectories (with their
edit-history rows, which the file timeline reads), goals with progress notes, and a handful of
"heavy" files with several hundred interventions each.

Everything is synthetic (names drawn from short lists; no real person). Rows are written with
PostgreSQL COPY from in-memory TSV buffers, one chunk of participants at a time, so memory stays
bounded whatever the size. The denormalised Participant.last_intervention_on and
next_follow_up_on are computed from the generated interventions exactly as
`participants.services.interventions.refresh_participant_dates` would.

Bulk-load shortcuts, for this throw-away database only: foreign-key triggers are off during the
COPY (session_replication_role = replica; the generator checks the references itself at the
end), the intervention table's secondary indexes are dropped before the load and rebuilt after
it from their exact definitions, and the load ends with VACUUM ANALYZE (what autovacuum would
have done on a live database: statistics plus the visibility map that index-only scans need).

bench/bench_dashboard.py reuses configure_environment() and main(argv) (main returns 1 when
the database holds participants already, 0 once it generated them).

Without --reset the script refuses to run on a database that already holds participants;
--reset drops the whole database and rebuilds it. Users can log in with the password printed at
the end (their TOTP authenticators hold a random secret: the benchmark uses force_login).
"""

from __future__ import annotations

import argparse
import datetime
import io
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netwerk_bench"
ORGANISATION_NAME = "Netwerk bench organisation"
EMAIL_DOMAIN = "bench.netwerk.invalid"
PASSWORD = "bench-password-not-secret-42"
HEAVY_FILES = 5
CHUNK_PARTICIPANTS = 5_000
DAYS_OF_HISTORY = 2_400  # about 6.5 years of files


def configure_environment() -> None:
    """Production-like settings (no debug, no HTTPS redirect), pointed at the bench database."""
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_SECURE", "false")
    os.environ.setdefault("NETWERK_STATIC_FROM_FINDERS", "true")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF"
    )
    os.environ.pop("REDIS_URL", None)


# --- Database creation and reset (before Django connects) --------------------------------------


def _maintenance_dsn(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql", "pgsql"} or not name:
        raise SystemExit(f"DATABASE_URL must name a PostgreSQL database, got {url!r}")
    return urlunsplit(parts._replace(path="/postgres")), name


def prepare_database(url: str, reset: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    dsn, name = _maintenance_dsn(url)
    conn = psycopg2.connect(dsn)
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            exists = cursor.fetchone() is not None
            if exists and reset:
                print(f"dropping database {name}")
                cursor.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
                exists = False
            if not exists:
                print(f"creating database {name}")
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        conn.close()


# --- Synthetic vocabulary ------------------------------------------------------------------------

FIRST_NAMES = [
    "Aïcha",
    "Ahmed",
    "Amina",
    "An",
    "Anna",
    "Annelies",
    "Bart",
    "Bilal",
    "Bram",
    "Chantal",
    "Dirk",
    "Elif",
    "Els",
    "Emma",
    "Fatima",
    "Femke",
    "Filip",
    "Geert",
    "Hanne",
    "Hasan",
    "Ilse",
    "Ines",
    "Jan",
    "Jana",
    "Joke",
    "Karim",
    "Katrien",
    "Kevin",
    "Koen",
    "Lars",
    "Leen",
    "Lies",
    "Lotte",
    "Luc",
    "Marc",
    "Maria",
    "Marieke",
    "Mehmet",
    "Mohamed",
    "Nadia",
    "Nathalie",
    "Nina",
    "Noor",
    "Olga",
    "Patrick",
    "Peter",
    "Rachid",
    "Rita",
    "Ruben",
    "Sara",
    "Sofie",
    "Stijn",
    "Tom",
    "Vera",
    "Wim",
    "Yasmina",
    "Youssef",
    "Zeynep",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martens",
    "Vermeulen",
    "Hermans",
    "Van Damme",
    "Aerts",
    "Pauwels",
    "El Amrani",
    "Yilmaz",
    "Kaya",
    "Benali",
    "Nowak",
    "Kowalski",
    "Popescu",
    "Diallo",
    "Bah",
    "Vandenberghe",
    "Michiels",
    "Smets",
    "Verstraete",
    "Desmet",
    "Segers",
    "Coppens",
]
MUNICIPALITIES = [
    ("Gent", "9000"),
    ("Antwerpen", "2000"),
    ("Brugge", "8000"),
    ("Leuven", "3000"),
    ("Mechelen", "2800"),
    ("Aalst", "9300"),
    ("Kortrijk", "8500"),
    ("Hasselt", "3500"),
    ("Sint-Niklaas", "9100"),
    ("Oostende", "8400"),
    ("Genk", "3600"),
    ("Roeselare", "8800"),
]
STREETS = ["Kerkstraat", "Stationsstraat", "Molenstraat", "Dorpsstraat", "Nieuwstraat"]
LANGUAGES = ['["nl"]'] * 6 + ['["nl", "fr"]', '["ar", "nl"]', '["tr", "nl"]', '["fr"]', "[]"]
HOUSEHOLDS = ["alone"] * 4 + ["partner", "single_parent", "single_parent", "with_children"]
HOUSEHOLDS += ["shared", "homeless_other", ""]
CHANNELS = ["phone", "phone", "sms", "email", "letter", "in_person", "via_worker", ""]
COMFORT = ["not", "somewhat", "somewhat", "comfortable", ""]
GENDERS = ["", "", "vrouw", "man", "vrouw", "man", "non-binair"]
CLOSE_REASONS = [
    "Doelen bereikt",
    "Verhuisd naar een andere gemeente",
    "Wil geen begeleiding meer",
    "Doorverwezen naar een andere dienst",
]
INITIATIVES = ["", "", "Buurtwerk De Brug", "Vrijwilligerspunt", "Praatgroep Samen Sterk"]
MOTIVATIONS = [
    "Ik wil niet meer elke dag alleen thuis zitten.",
    "Ik wil iemand om mee te praten, gewoon over gewone dingen.",
    "Ik wil iets doen waar ik goed in ben en anderen mee helpen.",
    "Mijn dochter zei dat het me goed zou doen.",
    "Ik wil mensen uit de buurt leren kennen.",
    "",
]
GOALS = [
    "Eén keer per week buiten de deur iets doen met iemand anders.",
    "Mijn zus terug bellen en het weer goedmaken.",
    "Zelf mijn brieven van het OCMW leren lezen en beantwoorden.",
    "Een vaste plek vinden waar ik koffie kan gaan drinken en mensen ken.",
    "Iemand hebben die ik kan bellen als het niet goed gaat.",
    "Vrijwilligerswerk vinden in de kringloopwinkel.",
    "Met de kinderen naar de speeltuin gaan en andere ouders leren kennen.",
    "Leren werken met de smartphone om met mijn familie te videobellen.",
]
GOAL_STATUSES = ["open"] * 6 + ["reached", "reached", "changed", "dropped"]
NOTES = [
    "Is twee keer naar de praatgroep geweest, voelde zich welkom.",
    "Heeft de buurvrouw aangesproken; ze drinken nu samen koffie op dinsdag.",
    "Moeilijke week, heeft niets ondernomen. Volgende keer opnieuw bekijken.",
    "Heeft zelf gebeld naar de dienst, met wat hulp bij het voorbereiden.",
    "Gaat nu elke week naar de kringloopwinkel, is er graag.",
    "Wil het doel aanpassen: eerst rust, daarna verder.",
]
SUMMARIES = [
    "Huisbezoek. Gesproken over de contacten met familie; de relatie met de broer is moeizaam, "
    "maar er is opnieuw contact via berichtjes. Afgesproken om samen het netwerk in kaart te "
    "brengen.",
    "Telefonisch contact. Vraag rond de energiefactuur, doorverwezen naar de budgetbegeleiding.",
    "Samen naar het buurthuis geweest voor de eerste keer. Was zenuwachtig vooraf, achteraf "
    "tevreden. Wil volgende week opnieuw gaan.",
    "Netwerkgesprek met de buurvrouw en de thuisverpleging: afspraken over wie wanneer langskomt.",
    "Individueel gesprek over eenzaamheid. Gaf aan dat de weekends het moeilijkst zijn.",
    "Begeleid naar het OCMW voor de aanvraag van een leefloon. Documenten samen verzameld.",
    "Groepssessie 'Samen sterk': kennismaking, iedereen vertelde wat hij of zij zoekt.",
    "Kort contact via WhatsApp. Alles goed, volgende afspraak bevestigd.",
    "Gesprek over vrijwilligerswerk: interesse in de kringloopwinkel, samen een mail gestuurd.",
    "Huisbezoek. Weinig energie deze week, veel zorgen over de kinderen. Samen gekeken wie kan "
    "helpen met de schoolpoort; de nicht wil soms inspringen.",
    "Doorverwijzing naar het CAW voor woonbegeleiding, warme overdracht afgesproken.",
    "Samen de netwerkkaart bijgewerkt: twee nieuwe contacten uit de praatgroep.",
]
KINDS = ["conversation"] * 5 + ["home_visit"] * 3 + ["remote"] * 4
KINDS += ["network_meeting", "group_session", "referral", "accompaniment", "other"]
TOOK_PART = ['["participant"]'] * 6 + [
    '["participant", "network"]',
    '["participant", "professionals"]',
    '["network"]',
    '["professionals"]',
]
DURATIONS = [15, 30, 30, 30, 45, 60, 60, 90, 120]
WORKER_NAMES = [f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES]

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # as participants.models.participant


def reference_code(participant_id: int) -> str:
    """Unique per id (an odd multiplier is a bijection modulo 32**8) and says nothing."""
    value = (participant_id * 0x9E3779B1) % (32**8)
    chars = []
    for _ in range(8):
        value, digit = divmod(value, 32)
        chars.append(_CODE_ALPHABET[digit])
    return "P-" + "".join(chars)


NULL = "\\N"


def tsv(buffer: io.StringIO, rows) -> None:
    """Rows of already-escaped values (the vocabulary holds no tab, newline or backslash)."""
    buffer.writelines("\t".join(map(str, row)) + "\n" for row in rows)


class Copier:
    """One COPY per table per chunk, from an in-memory buffer."""

    def __init__(self, cursor):
        self.cursor = cursor
        self.counts: dict[str, int] = {}

    def copy(self, table: str, columns: list[str], buffer: io.StringIO, rows: int) -> None:
        if not rows:
            return
        buffer.seek(0)
        self.cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)
        self.counts[table] = self.counts.get(table, 0) + rows


# --- Generation ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--interventions", type=int, default=2_000_000)
    parser.add_argument("--workers", type=int, default=500, help="social workers")
    parser.add_argument("--seed", type=int, default=20_250_303)
    args = parser.parse_args(argv)
    if args.participants < HEAVY_FILES * 10 or args.workers < 1:
        parser.error("need at least 50 participants and one social worker")

    configure_environment()
    started = time.perf_counter()
    prepare_database(os.environ["DATABASE_URL"], args.reset)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print("migrating")
    call_command("migrate", interactive=False, verbosity=0)
    from participants.models import Participant

    if Participant.objects.exists():
        print(
            f"The database {connection.settings_dict['NAME']} already holds participants; "
            "run with --reset to drop and rebuild it."
        )
        return 1
    generate(args, started)
    return 0


def generate(args, started: float) -> None:
    import numpy as np
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.hashers import make_password
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts.models import Membership, Organisation, Role, User
    from workmodels.models import WorkModel

    rng = np.random.default_rng(args.seed)
    today = timezone.localdate()  # the application's "today" (Europe/Brussels)
    base = today - datetime.timedelta(days=DAYS_OF_HISTORY)
    # Day offsets from `base` (0 .. DAYS_OF_HISTORY is today) to ISO strings; follow-ups may lie
    # up to 60 days ahead. The last entry is NULL so that offset -1 prints as \N.
    dates = [(base + datetime.timedelta(days=d)).isoformat() for d in range(DAYS_OF_HISTORY + 61)]
    dates.append(NULL)
    clock = [f"{h:02d}:{m:02d}:00+00" for h in range(7, 19) for m in (0, 15, 30, 45)]
    today_offset = DAYS_OF_HISTORY

    # People: one organisation, an org admin, the social workers. The ORM is fine at this size;
    # one password hash for everyone (hashing 500 times would take minutes).
    t0 = time.perf_counter()
    password = make_password(PASSWORD)
    organisation = Organisation.objects.create(
        name=ORGANISATION_NAME,
        kind=Organisation.Kind.CAW,
        municipality="Gent",
        require_mfa=True,
        team_access=False,
    )
    admin = User.objects.create(
        email=f"admin@{EMAIL_DOMAIN}", full_name="Org Admin", password=password
    )
    workers = User.objects.bulk_create(
        User(
            email=f"worker{i:04d}@{EMAIL_DOMAIN}",
            full_name=WORKER_NAMES[(i * 7) % len(WORKER_NAMES)],
            password=password,
        )
        for i in range(1, args.workers + 1)
    )
    Membership.objects.create(user=admin, organisation=organisation, role=Role.ORG_ADMIN)
    Membership.objects.bulk_create(
        Membership(user=w, organisation=organisation, role=Role.SOCIAL_WORKER) for w in workers
    )
    # The organisation requires two-factor authentication (the production default): give every
    # user a TOTP authenticator so the middleware takes its production path.
    Authenticator.objects.bulk_create(
        Authenticator(user=u, type=Authenticator.Type.TOTP, data={"secret": _base32(rng)})
        for u in [admin, *workers]
    )
    worker_ids = np.array([w.pk for w in workers], dtype=np.int64)
    model_ids = list(WorkModel.objects.order_by("order").values_list("pk", flat=True))
    if len(model_ids) != 7:
        raise SystemExit(f"expected the seven work models, found {len(model_ids)}")
    print(
        f"people: 1 organisation, 1 org admin, {len(workers)} social workers "
        f"({time.perf_counter() - t0:.1f} s)"
    )

    # --- Per-participant plan, for all participants at once (a few MB of arrays) --------------
    n = args.participants
    status = rng.choice(
        np.array(["intake", "active", "paused", "closed"]), size=n, p=[0.05, 0.70, 0.10, 0.15]
    )
    heavy = np.zeros(n, dtype=bool)
    heavy[rng.choice(np.arange(n), size=HEAVY_FILES, replace=False)] = True
    status[heavy] = "active"
    # Day the file was opened, and the last day work could happen on it.
    created = rng.integers(0, today_offset - 60, size=n)
    created[status == "intake"] = rng.integers(today_offset - 60, today_offset, size=n)[
        status == "intake"
    ]
    created[heavy] = rng.integers(0, 300, size=HEAVY_FILES)
    end = np.full(n, today_offset)
    closed = status == "closed"
    end[closed] = created[closed] + (
        (today_offset - created[closed]) * rng.uniform(0.2, 1.0, size=closed.sum())
    ).astype(int)
    paused = status == "paused"
    end[paused] = np.maximum(created[paused], today_offset - rng.integers(30, 240, size=n)[paused])
    # Intake without file consent yet: nothing beyond the intake is stored.
    consented = ~((status == "intake") & (rng.random(n) < 0.4))
    social_worker = worker_ids[rng.integers(0, len(worker_ids), size=n)]

    # Interventions per participant: heavy files 300-800, intake files 0-2, the rest a
    # multinomial draw over gamma weights (many files with a few, some with many) that sums to
    # exactly the requested total.
    counts = np.zeros(n, dtype=np.int64)
    counts[heavy] = rng.integers(300, 801, size=HEAVY_FILES)
    intake_ok = (status == "intake") & consented
    counts[intake_ok] = rng.integers(0, 3, size=intake_ok.sum())
    rest = consented & ~heavy & (status != "intake")
    remaining = args.interventions - int(counts.sum())
    if remaining < 0:
        raise SystemExit("too few interventions for the heavy files")
    weights = rng.gamma(2.0, 1.0, size=rest.sum())
    counts[rest] = rng.multinomial(remaining, weights / weights.sum())
    assert int(counts.sum()) == args.interventions

    goals_per = np.where(consented, rng.choice([0, 1, 2, 3], size=n, p=[0.3, 0.35, 0.25, 0.1]), 0)
    goals_per[heavy] = 8
    trajectories_per = np.where(
        consented & (status != "intake"),
        rng.choice([0, 1, 2, 3], size=n, p=[0.2, 0.5, 0.25, 0.05]),
        0,
    )
    trajectories_per[heavy] = 6

    # --- Load, chunk by chunk --------------------------------------------------------------------
    ids = {
        "participant": 0,
        "consent": 0,
        "trajectory": 0,
        "htrajectory": 0,
        "goal": 0,
        "goalnote": 0,
        "intervention": 0,
        "hparticipant": 0,
    }
    pyrng = __import__("random").Random(args.seed)
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET session_replication_role = replica")  # no FK triggers while loading
        dropped = drop_secondary_indexes(cursor, "participants_intervention")
        copier = Copier(cursor)
        t_load = time.perf_counter()
        try:
            for start in range(0, n, CHUNK_PARTICIPANTS):
                stop = min(n, start + CHUNK_PARTICIPANTS)
                with transaction.atomic():
                    load_chunk(
                        copier,
                        rng,
                        pyrng,
                        ids,
                        slice(start, stop),
                        organisation.pk,
                        dates,
                        clock,
                        model_ids,
                        today_offset,
                        status,
                        created,
                        end,
                        consented,
                        social_worker,
                        counts,
                        goals_per,
                        trajectories_per,
                    )
                done = stop / n
                elapsed = time.perf_counter() - t_load
                print(
                    f"\r  loaded {stop:,}/{n:,} participants, "
                    f"{copier.counts.get('participants_intervention', 0):,} interventions "
                    f"({elapsed:.0f} s, ~{elapsed / done - elapsed:.0f} s to go)",
                    end="",
                    flush=True,
                )
            print()
        finally:
            t_index = time.perf_counter()
            for statement in dropped:
                cursor.execute(statement)
            if dropped:
                print(
                    f"rebuilt {len(dropped)} intervention indexes "
                    f"({time.perf_counter() - t_index:.1f} s)"
                )
        cursor.execute("SET session_replication_role = origin")
        for table, column in [
            ("participants_participant", "id"),
            ("participants_historicalparticipant", "history_id"),
            ("participants_consent", "id"),
            ("participants_trajectory", "id"),
            ("participants_historicaltrajectory", "history_id"),
            ("participants_goal", "id"),
            ("participants_goalnote", "id"),
            ("participants_intervention", "id"),
        ]:
            cursor.execute(  # identifiers from the fixed list above
                f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                f"(SELECT coalesce(max({column}), 1) FROM {table}))"
            )
        check_references(cursor)

    t_vacuum = time.perf_counter()
    connection.ensure_connection()
    with connection.cursor() as cursor:  # autocommit outside atomic(): VACUUM may run
        cursor.execute("VACUUM (ANALYZE)")
    print(f"VACUUM ANALYZE ({time.perf_counter() - t_vacuum:.1f} s)")

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
        cursor.execute(
            "SELECT relname, pg_size_pretty(pg_total_relation_size(relid)) FROM "
            "pg_catalog.pg_statio_user_tables WHERE relname LIKE 'participants_%' "
            "ORDER BY pg_total_relation_size(relid) DESC LIMIT 6"
        )
        biggest = cursor.fetchall()
    print("rows:")
    for table, rows in copier.counts.items():
        print(f"  {table:40s} {rows:>10,}")
    print(
        f"heavy files: {HEAVY_FILES} with {', '.join(map(str, sorted(counts[heavy])))} "
        "interventions"
    )
    print(
        f"database {connection.settings_dict['NAME']}: {size}; largest tables: "
        + ", ".join(f"{name} {s}" for name, s in biggest)
    )
    print(f"log in as admin@{EMAIL_DOMAIN} or worker0001@{EMAIL_DOMAIN} .. with {PASSWORD!r}")
    print(f"total {time.perf_counter() - started:.1f} s")


def _base32(rng) -> str:
    return "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[i] for i in rng.integers(0, 32, size=32))


def drop_secondary_indexes(cursor, table: str) -> list[str]:
    """Drop the indexes that back no constraint; return their exact CREATE statements."""
    cursor.execute(
        """
        SELECT i.relname, pg_get_indexdef(i.oid)
        FROM pg_index x
        JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = %s::regclass
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        """,
        [table],
    )
    indexes = cursor.fetchall()
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return [definition for _name, definition in indexes]


def check_references(cursor) -> None:
    """The foreign keys were not checked during the load: check them here, set-wise."""
    checks = {
        "intervention.participant": "SELECT count(*) FROM participants_intervention i WHERE NOT "
        "EXISTS (SELECT 1 FROM participants_participant p WHERE p.id = i.participant_id)",
        "intervention.goal": "SELECT count(*) FROM participants_intervention i WHERE "
        "i.goal_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM participants_goal g WHERE "
        "g.id = i.goal_id AND g.participant_id = i.participant_id)",
        "intervention.author": "SELECT count(*) FROM participants_intervention i WHERE NOT "
        "EXISTS (SELECT 1 FROM accounts_user u WHERE u.id = i.author_id)",
        "goalnote.goal": "SELECT count(*) FROM participants_goalnote n WHERE NOT EXISTS "
        "(SELECT 1 FROM participants_goal g WHERE g.id = n.goal_id)",
        "consent.participant": "SELECT count(*) FROM participants_consent c WHERE NOT EXISTS "
        "(SELECT 1 FROM participants_participant p WHERE p.id = c.participant_id)",
        "trajectory.participant": "SELECT count(*) FROM participants_trajectory t WHERE NOT "
        "EXISTS (SELECT 1 FROM participants_participant p WHERE p.id = t.participant_id)",
        "participant dates": "SELECT count(*) FROM participants_participant p LEFT JOIN ("
        "SELECT participant_id, max(date) AS last, min(follow_up_on) FILTER (WHERE follow_up_on "
        "IS NOT NULL AND follow_up_done_on IS NULL) AS next FROM participants_intervention "
        "GROUP BY participant_id) a ON a.participant_id = p.id WHERE p.last_intervention_on IS "
        "DISTINCT FROM a.last OR p.next_follow_up_on IS DISTINCT FROM a.next",
    }
    t0 = time.perf_counter()
    bad = {}
    for name, query in checks.items():
        cursor.execute(query)
        bad[name] = cursor.fetchone()[0]
    if any(bad.values()):
        raise SystemExit(f"inconsistent data: {bad}")
    print(f"references and denormalised dates checked ({time.perf_counter() - t0:.1f} s)")


def load_chunk(
    copier,
    rng,
    pyrng,
    ids,
    part,
    organisation_id,
    dates,
    clock,
    model_ids,
    today_offset,
    status,
    created,
    end,
    consented,
    social_worker,
    counts,
    goals_per,
    trajectories_per,
) -> None:
    import numpy as np

    size = part.stop - part.start
    first_pid = ids["participant"] + 1
    pids = np.arange(first_pid, first_pid + size)
    ids["participant"] += size
    c_status = status[part]
    c_created = created[part]
    c_end = end[part]
    c_worker = social_worker[part]
    c_counts = counts[part]
    c_goals = goals_per[part]
    c_consented = consented[part]
    n_clock = len(clock)
    null = NULL

    # Goals (ids known up front so interventions and notes can point at them).
    goal_first = ids["goal"] + 1 + np.concatenate([[0], np.cumsum(c_goals)[:-1]])
    ids["goal"] += int(c_goals.sum())

    # --- Interventions, vectorised over the chunk ---------------------------------------------
    total = int(c_counts.sum())
    owner = np.repeat(np.arange(size), c_counts)
    span = (c_end - c_created)[owner] + 1
    day = c_created[owner] + (rng.random(total) * span).astype(np.int64)
    with_follow_up = rng.random(total) < 0.2
    follow_up = np.where(with_follow_up, day + rng.integers(3, 46, size=total), -1)
    # Past follow-ups are mostly done; on a closed or paused file all of them are; future ones
    # are open.
    still_working = np.isin(c_status[owner], ["active", "intake"])
    overdue_open = (rng.random(total) < 0.07) & still_working
    done = with_follow_up & ((follow_up < today_offset) & ~overdue_open | ~still_working)
    done_on = np.where(
        done, np.minimum(follow_up + rng.integers(0, 6, size=total), today_offset), -1
    )
    done_on = np.where(done & (done_on < day), day, done_on)
    open_follow_up = with_follow_up & ~done
    goal_count = c_goals[owner]
    goal_id = np.where(
        (goal_count > 0) & (rng.random(total) < 0.3),
        goal_first[owner] + (rng.random(total) * np.maximum(goal_count, 1)).astype(np.int64),
        -1,
    )
    # Rows in date order within the chunk, as they would have been entered over the years
    # (so one file's interventions are spread over many heap pages, not stored together).
    order = np.argsort(day, kind="stable")
    owner, day, follow_up, done_on, goal_id = (
        a[order] for a in (owner, day, follow_up, done_on, goal_id)
    )
    open_follow_up = open_follow_up[order]
    iid_first = ids["intervention"] + 1
    ids["intervention"] += total

    # Denormalised dates, exactly as refresh_participant_dates computes them.
    last = np.full(size, -1, dtype=np.int64)
    np.maximum.at(last, owner, day)
    big = 1 << 40
    next_fu = np.full(size, big, dtype=np.int64)
    np.minimum.at(next_fu, owner, np.where(open_follow_up, follow_up, big))
    next_fu[next_fu == big] = -1

    buffer = io.StringIO()
    kinds, took, summaries, durations = KINDS, TOOK_PART, SUMMARIES, DURATIONS
    columns = zip(
        range(iid_first, iid_first + total),
        day.tolist(),
        rng.integers(0, len(durations), size=total).tolist(),
        rng.integers(0, len(kinds), size=total).tolist(),
        rng.integers(0, len(took), size=total).tolist(),
        rng.integers(0, len(summaries), size=total).tolist(),
        follow_up.tolist(),
        done_on.tolist(),
        rng.integers(0, n_clock, size=total).tolist(),
        c_worker[owner].tolist(),
        goal_id.tolist(),
        rng.integers(0, len(model_ids), size=total).tolist(),
        pids[owner].tolist(),
        strict=True,
    )
    buffer.writelines(
        f"{i}\t{dates[d]}\t{durations[du]}\t{kinds[k]}\t{took[t]}\t[]\t{summaries[s]}\t{dates[f]}\t"
        f"{dates[dn]}\t{dates[d]} {clock[cl]}\t{a}\t{g if g > 0 else null}\t{model_ids[w]}\t{p}\n"
        for i, d, du, k, t, s, f, dn, cl, a, g, w, p in columns
    )
    copier.copy(
        "participants_intervention",
        [
            "id",
            "date",
            "duration_minutes",
            "kind",
            "took_part",
            "network_people",
            "summary",
            "follow_up_on",
            "follow_up_done_on",
            "created_at",
            "author_id",
            "goal_id",
            "work_model_id",
            "participant_id",
        ],
        buffer,
        total,
    )
    del buffer, columns

    # --- Participants, their history row, consents, trajectories, goals (per row, in Python) ---
    p_rows, h_rows, consent_rows, traj_rows, htraj_rows, goal_rows, note_rows = (
        [] for _ in range(7)
    )
    choice, randint, rand = pyrng.choice, pyrng.randint, pyrng.random
    for k in range(size):
        pid = int(pids[k])
        st = str(c_status[k])
        c0 = int(c_created[k])
        e0 = int(c_end[k])
        worker = int(c_worker[k])
        stamp = f"{dates[c0]} {clock[randint(0, n_clock - 1)]}"
        first = choice(FIRST_NAMES)
        last_name = choice(LAST_NAMES) if rand() < 0.9 else ""
        municipality, postcode = choice(MUNICIPALITIES)
        closed_on = dates[e0] if st == "closed" else null
        common = [
            pid,
            reference_code(pid),
            first,
            last_name,
            first[:3] if rand() < 0.05 else "",
            f"04{randint(70, 99)} {randint(10, 99)} {randint(10, 99)} {randint(10, 99)}"
            if rand() < 0.8
            else "",
            f"{first.lower()}.{pid}@example.invalid" if rand() < 0.3 else "",
            f"{choice(STREETS)} {randint(1, 180)}",
            choice(CHANNELS),
            randint(1940, 2006) if rand() < 0.9 else null,
            choice(GENDERS),
            choice(LANGUAGES),
            municipality,
            postcode,
            choice(HOUSEHOLDS),
            choice(["t", "t", "t", "f", null]),
            choice(["t", "t", "f", null]),
            choice(COMFORT),
            "",
            "",
            st,
            closed_on,
            choice(CLOSE_REASONS) if st == "closed" else "",
            stamp,
            stamp,
        ]
        p_rows.append(
            [*common, dates[int(last[k])], dates[int(next_fu[k])], organisation_id, worker]
        )
        ids["hparticipant"] += 1
        h_rows.append(
            [*common, ids["hparticipant"], stamp, null, "+", worker, organisation_id, worker]
        )

        if c_consented[k]:
            for purpose, share in (
                ("file", 1.0),
                ("research", 0.5),
                ("buddy_sharing", 0.3),
                ("contact", 0.4),
            ):
                if rand() >= share:
                    continue
                given = c0 if purpose == "file" else randint(c0, e0)
                withdrawn = null
                if purpose != "file" and rand() < 0.08:
                    withdrawn = dates[randint(given, e0)]
                ids["consent"] += 1
                consent_stamp = f"{dates[given]} {clock[randint(0, n_clock - 1)]}"
                consent_rows.append(
                    [
                        ids["consent"],
                        purpose,
                        dates[given],
                        choice(["oral", "written"]),
                        withdrawn,
                        consent_stamp,
                        worker,
                        worker if withdrawn != null else null,
                        pid,
                    ]
                )

        models_chosen = pyrng.sample(model_ids, min(int(trajectories_per[part][k]), 7))
        for wm in models_chosen:
            started = randint(c0, e0)
            ended = e0 if st == "closed" else (randint(started, e0) if rand() < 0.15 else None)
            t_status = (
                "ended"
                if ended is not None
                else ("paused" if st == "paused" else choice(["active"] * 5 + ["considering"]))
            )
            ids["trajectory"] += 1
            t_stamp = f"{dates[started]} {clock[randint(0, n_clock - 1)]}"
            base_row = [
                ids["trajectory"],
                choice(MOTIVATIONS),
                choice(INITIATIVES),
                dates[started],
                null,
                "active",
                t_stamp,
            ]
            row = [*base_row[:4], dates[ended] if ended is not None else null, t_status, t_stamp]
            traj_rows.append([*row, worker, pid, wm])
            ids["htrajectory"] += 1
            htraj_rows.append(
                [*base_row, ids["htrajectory"], t_stamp, null, "+", worker, worker, wm, pid]
            )
            if ended is not None:
                ids["htrajectory"] += 1
                ended_stamp = f"{dates[ended]} 16:00:00+00"
                htraj_rows.append(
                    [*row, ids["htrajectory"], ended_stamp, null, "~", worker, worker, wm, pid]
                )

        heavy_file = int(c_counts[k]) >= 300
        for g in range(int(c_goals[k])):
            goal = int(goal_first[k]) + g
            g_stamp = f"{dates[randint(c0, e0)]} {clock[randint(0, n_clock - 1)]}"
            goal_rows.append(
                [
                    goal,
                    choice(GOALS),
                    choice(GOAL_STATUSES),
                    g_stamp,
                    worker,
                    choice(model_ids),
                    pid,
                ]
            )
            for _ in range(20 if heavy_file else randint(0, 4)):
                ids["goalnote"] += 1
                note_day = dates[randint(c0, e0)]
                note_rows.append(
                    [
                        ids["goalnote"],
                        note_day,
                        choice(NOTES),
                        f"{note_day} {clock[randint(0, n_clock - 1)]}",
                        worker,
                        goal,
                    ]
                )

    participant_columns = [
        "id",
        "reference_code",
        "first_name",
        "last_name",
        "preferred_name",
        "phone",
        "email",
        "address",
        "preferred_channel",
        "birth_year",
        "gender",
        "languages",
        "municipality",
        "postcode",
        "household",
        "has_smartphone",
        "internet_at_home",
        "digital_comfort",
        "migration_background",
        "health_remarks",
        "status",
        "closed_on",
        "closed_reason",
        "created_at",
        "updated_at",
    ]
    for table, columns, rows in [
        (
            "participants_participant",
            [
                *participant_columns,
                "last_intervention_on",
                "next_follow_up_on",
                "organisation_id",
                "social_worker_id",
            ],
            p_rows,
        ),
        (
            "participants_historicalparticipant",
            [
                *participant_columns,
                "history_id",
                "history_date",
                "history_change_reason",
                "history_type",
                "history_user_id",
                "organisation_id",
                "social_worker_id",
            ],
            h_rows,
        ),
        (
            "participants_consent",
            [
                "id",
                "purpose",
                "given_on",
                "method",
                "withdrawn_on",
                "created_at",
                "recorded_by_id",
                "withdrawal_recorded_by_id",
                "participant_id",
            ],
            consent_rows,
        ),
        (
            "participants_trajectory",
            [
                "id",
                "motivation",
                "initiative_name",
                "started_on",
                "ended_on",
                "status",
                "created_at",
                "created_by_id",
                "participant_id",
                "work_model_id",
            ],
            traj_rows,
        ),
        (
            "participants_historicaltrajectory",
            [
                "id",
                "motivation",
                "initiative_name",
                "started_on",
                "ended_on",
                "status",
                "created_at",
                "history_id",
                "history_date",
                "history_change_reason",
                "history_type",
                "created_by_id",
                "history_user_id",
                "work_model_id",
                "participant_id",
            ],
            htraj_rows,
        ),
        (
            "participants_goal",
            [
                "id",
                "description",
                "status",
                "created_at",
                "created_by_id",
                "work_model_id",
                "participant_id",
            ],
            goal_rows,
        ),
        (
            "participants_goalnote",
            ["id", "date", "text", "created_at", "author_id", "goal_id"],
            note_rows,
        ),
    ]:
        buffer = io.StringIO()
        tsv(buffer, rows)
        copier.copy(table, columns, buffer, len(rows))


if __name__ == "__main__":
    sys.exit(main())
