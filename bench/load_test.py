"""Load test: 50 simulated users of every role against gunicorn + PostgreSQL + Redis + Celery.

    .venv/bin/python bench/load_test.py [--users 50] [--duration 60] [--workers 4]
                                        [--think 0.5,2.0] [--strict]

The script starts everything itself and stops what it started (see bench/LOAD.md):

- a PostgreSQL 15 cluster of its own on 127.0.0.1:5433 (``initdb -A trust`` into
  /tmp/netwerk-bench-pg, run as the ``postgres`` user when started as root), reused when it
  already runs there; never the shared server on 5432;
- a Redis of its own on 127.0.0.1:6391 (no persistence), reused when it already answers;
- the database ``netwerk_load``: migrate, ``seed_demo``, and one bench fixture (an active
  buddy match for the demo volunteer, so that the volunteer has a contact to log);
- gunicorn with deploy/gunicorn.conf.py on 127.0.0.1:8765, a Celery worker, and a small SMTP
  sink on 127.0.0.1:2526 (EMAIL_URL) that counts e-mails per Message-ID.

Simulated users (threads + requests, one session each, logged in through the allauth form
before the clock starts; each user has its own loopback source address 127.0.0.N, so the
per-IP log-in rate limit is respected without spacing the log-ins): social workers browse
the caseload, open files and log interventions through the quick form (htmx POST with the
CSRF header; a third of them with a follow-up date of today, which schedules a reminder that
the Celery worker delivers), coordinators open the waiting list, the match board and
suggestions, volunteers open their home and log a contact, the org admin the audit trail, the
researcher the dashboard. Every response is checked: the expected status, no bounce to the
log-in page, no form error on a POST; a request slower than 10 s counts as an error.

Printed: total requests, errors, p50/p95 per page, requests/s. Exit status 1 with --strict
when there was any error.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import hashlib
import html.parser
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_DIR = Path("/tmp/netwerk-bench-pg")
PG_PORT = 5433
REDIS_PORT = 6391
HTTP_PORT = 8765
SMTP_PORT = 2526
BASE = f"http://127.0.0.1:{HTTP_PORT}"
DB_NAME = "netwerk_load"
DEMO_PASSWORD = "netwerk-demo-2026"  # seed_demo's default (synthetic demo data only)
CLIENT_TIMEOUT = 10.0
LOG_DIR = Path("/tmp/netwerk-bench-logs")

# Role mix of the simulated users: (demo login, role, share of the users).
ROLE_MIX = [
    ("maatschappelijkwerker", "social_worker", 0.22),
    ("collega", "social_worker", 0.16),
    ("coordinator", "coordinator", 0.20),
    ("vrijwilliger", "volunteer", 0.20),
    ("beheerder", "org_admin", 0.10),
    ("onderzoeker", "researcher", 0.12),
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def bench_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{PG_PORT}/{DB_NAME}",
        REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-" + hashlib.sha256(b"netwerk load bench").hexdigest(),
        DJANGO_SECURE="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        NETWERK_STATIC_FROM_FINDERS="true",
        NETWERK_SITE_URL=f"http://127.0.0.1:{HTTP_PORT}",
        EMAIL_URL=f"smtp://127.0.0.1:{SMTP_PORT}",
        GUNICORN_BIND=f"127.0.0.1:{HTTP_PORT}",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.pop("CELERY_BROKER_URL", None)
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(extra)
    return env


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_for(predicate, timeout: float, what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.2)
    raise RuntimeError(f"timed out after {timeout:.0f} s waiting for {what}")


# --- SMTP sink ------------------------------------------------------------------------------


class SmtpSink:
    """A minimal SMTP server in a thread. An e-mail counts as accepted when the sink answers
    250 to its DATA while the client is still connected; `delay` holds that answer (a slow
    mail server), which opens the window in which a worker can be killed mid-send."""

    def __init__(self, port: int = SMTP_PORT, delay: float = 0.0):
        self.port = port
        self.delay = delay
        self.accepted: dict[str, int] = defaultdict(int)  # Message-ID -> count
        self.aborted = 0  # DATA received, client gone before the 250
        self.lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> SmtpSink:
        self._thread.start()
        self._ready.wait(5)
        return self

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def total(self) -> int:
        with self.lock:
            return sum(self.accepted.values())

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(
            asyncio.start_server(self._session, "127.0.0.1", self.port, reuse_address=True)
        )
        self._ready.set()
        try:
            self._loop.run_forever()
        finally:
            server.close()

    async def _session(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        async def say(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        try:
            await say("220 bench-sink ESMTP")
            while True:
                line = await asyncio.wait_for(reader.readline(), 60)
                if not line:
                    return
                verb = line.decode(errors="replace").strip().split(" ")[0].upper()
                if verb == "EHLO":
                    await say("250-bench-sink")
                    await say("250 8BITMIME")
                elif verb == "DATA":
                    await say("354 go ahead")
                    message_id = ""
                    while True:
                        data = await asyncio.wait_for(reader.readline(), 60)
                        if not data:
                            return
                        if data in (b".\r\n", b".\n"):
                            break
                        if data.lower().startswith(b"message-id:"):
                            message_id = data.split(b":", 1)[1].strip().decode()
                    if self.delay:
                        await asyncio.sleep(self.delay)
                    if writer.is_closing() or reader.at_eof():
                        with self.lock:
                            self.aborted += 1
                        return
                    with self.lock:
                        self.accepted[message_id or "<none>"] += 1
                    await say("250 accepted")
                elif verb == "QUIT":
                    await say("221 bye")
                    return
                else:  # HELO, MAIL, RCPT, RSET, NOOP
                    await say("250 ok")
        except (TimeoutError, ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()


# --- The stack ------------------------------------------------------------------------------


class Stack:
    """Starts what the bench needs and remembers what it started, to stop only that."""

    def __init__(self, workers: int = 4, celery_concurrency: int = 2, beat: bool = False):
        self.workers = workers
        self.celery_concurrency = celery_concurrency
        self.want_beat = beat
        self.env = bench_env(GUNICORN_WORKERS=str(workers))
        self.started_pg = False
        self.started_redis = False
        self.gunicorn: subprocess.Popen | None = None
        self.celery: subprocess.Popen | None = None
        self.beat: subprocess.Popen | None = None
        self.celery_generation = 0
        LOG_DIR.mkdir(parents=True, exist_ok=True)

    # PostgreSQL (own cluster, port 5433)

    def _as_postgres(self, args: list[str]) -> list[str]:
        return (["runuser", "-u", "postgres", "--", *args]) if os.geteuid() == 0 else args

    def pg_ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(PG_DIR / "data"), *args])
        return subprocess.run(cmd, capture_output=True, text=True, check=check, timeout=120)

    def pg_ready(self) -> bool:
        result = subprocess.run(
            [str(PG_BIN / "pg_isready"), "-h", "127.0.0.1", "-p", str(PG_PORT), "-t", "1"],
            capture_output=True,
        )
        return result.returncode == 0

    def start_postgres(self) -> None:
        if self.pg_ready():
            log(f"PostgreSQL on {PG_PORT} already running: reused")
            return
        if not (PG_DIR / "data" / "PG_VERSION").exists():
            PG_DIR.mkdir(parents=True, exist_ok=True)
            if os.geteuid() == 0:
                shutil.chown(PG_DIR, "postgres")
            subprocess.run(
                self._as_postgres(
                    [
                        str(PG_BIN / "initdb"),
                        "-D",
                        str(PG_DIR / "data"),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-E",
                        "UTF8",
                    ]
                ),
                check=True,
                capture_output=True,
                timeout=120,
            )
        self.pg_ctl(
            "-o",
            f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=100",
            "-l",
            str(PG_DIR / "postgres.log"),
            "-w",
            "start",
        )
        self.started_pg = True
        log(f"PostgreSQL started on 127.0.0.1:{PG_PORT} ({PG_DIR})")

    def stop_postgres(self) -> None:
        if self.started_pg:
            self.pg_ctl("-m", "fast", "-w", "stop", check=False)
            log("PostgreSQL stopped")

    # Redis (own server, port 6391)

    def redis_ping(self) -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True
        )
        return result.stdout.strip() == "PONG"

    def start_redis(self) -> None:
        if self.redis_ping():
            if not self.started_redis:
                log(f"Redis on {REDIS_PORT} already running: reused")
            return
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                f"/tmp/netwerk-bench-redis-{REDIS_PORT}.pid",
                "--logfile",
                str(LOG_DIR / "redis.log"),
            ],
            check=True,
            timeout=30,
        )
        wait_for(self.redis_ping, 10, "Redis")
        self.started_redis = True

    def stop_redis(self) -> None:
        subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"],
            capture_output=True,
            timeout=30,
        )
        wait_for(lambda: not port_open(REDIS_PORT), 10, "Redis to stop")

    # The application

    def manage(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare_database(self) -> None:
        exists = subprocess.run(
            [
                str(PG_BIN / "psql"),
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        if not exists:
            subprocess.run(
                [
                    str(PG_BIN / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(PG_PORT),
                    "-U",
                    "postgres",
                    DB_NAME,
                ],
                check=True,
            )
        started = time.monotonic()
        self.manage("migrate", "--no-input", "-v", "0")
        out = self.manage("seed_demo")
        out += self.manage("shell", stdin=BENCH_FIXTURE)
        log(
            f"database {DB_NAME} migrated and seeded in {time.monotonic() - started:.0f} s: "
            + " / ".join(line.strip() for line in out.splitlines() if line.strip())
        )

    def start_gunicorn(self) -> None:
        self.gunicorn = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=open(LOG_DIR / "gunicorn.log", "w"),
            stderr=subprocess.STDOUT,
        )

        def healthy() -> bool:
            try:
                return requests.get(BASE + "/health/", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        wait_for(healthy, 60, "gunicorn")
        log(f"gunicorn up on {BASE} ({self.workers} sync workers)")

    def start_celery(self) -> subprocess.Popen:
        self.celery_generation += 1
        self.celery = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "netwerk",
                "worker",
                "-l",
                "INFO",
                "-c",
                str(self.celery_concurrency),
                "-n",
                f"bench{self.celery_generation}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=open(LOG_DIR / f"celery-{self.celery_generation}.log", "w"),
            stderr=subprocess.STDOUT,
        )
        wait_for(
            lambda: "ready." in (LOG_DIR / f"celery-{self.celery_generation}.log").read_text(),
            60,
            "the Celery worker",
        )
        log(
            f"Celery worker {self.celery_generation} ready (pid {self.celery.pid}, "
            f"concurrency {self.celery_concurrency})"
        )
        return self.celery

    def start_beat(self) -> None:
        self.beat = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "netwerk",
                "beat",
                "-l",
                "INFO",
                "--schedule",
                str(LOG_DIR / "celerybeat-schedule"),
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=open(LOG_DIR / "beat.log", "w"),
            stderr=subprocess.STDOUT,
        )
        log(f"Celery beat started (pid {self.beat.pid})")

    @staticmethod
    def _stop(process: subprocess.Popen | None, name: str, timeout: float = 30) -> None:
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        log(f"{name} stopped")

    def start(self) -> None:
        self.start_postgres()
        self.start_redis()
        self.prepare_database()
        self.start_gunicorn()
        self.start_celery()
        if self.want_beat:
            self.start_beat()

    def stop(self) -> None:
        self._stop(self.beat, "Celery beat")
        self._stop(self.celery, "Celery worker")
        self._stop(self.gunicorn, "gunicorn")
        if self.started_redis:
            self.stop_redis()
            log("Redis stopped")
        self.stop_postgres()


# Bench fixture, run through `manage.py shell`: the demo has no buddy match, so the demo
# volunteer would have nothing to log. Pair them with a waiting request through the services
# (propose, plan the introduction, activate), as a coordinator would. Idempotent.
BENCH_FIXTURE = """
from django.utils import timezone
from accounts.models import Membership
from buddies.models import BuddyRequest, Match, Volunteer
from buddies.services import matches
vol = Volunteer.objects.get(user__email="vrijwilliger@netwerk.test")
if not Match.objects.filter(volunteer=vol, status=Match.Status.ACTIVE).exists():
    Volunteer.objects.filter(pk=vol.pk).update(status=Volunteer.Status.ACTIVE)
    vol.refresh_from_db()
    coord = Membership.objects.get(
        user__email="coordinator@netwerk.test", organisation=vol.organisation
    )
    for req in BuddyRequest.objects.filter(
        organisation=vol.organisation, status=BuddyRequest.Status.WAITING
    ).order_by("pk"):
        try:
            m = matches.match_propose(membership=coord, request=req, volunteer=vol)
        except Exception:
            continue
        m = matches.match_plan_intro(
            membership=coord, match=m, intro_at=timezone.now(), intro_place="Bench"
        )
        matches.match_activate(membership=coord, match=m)
        break
print("bench fixture: demo volunteer has",
      Match.objects.filter(volunteer=vol, status=Match.Status.ACTIVE).count(), "active match")
"""


# --- HTML helpers ---------------------------------------------------------------------------


class FormParser(html.parser.HTMLParser):
    """The fields of the first form whose action ends with `action_suffix`, with the values a
    browser would submit unchanged (checked boxes, selected options, else the first one)."""

    def __init__(self, action_re: str, page_path: str = ""):
        super().__init__()
        self.page_path = page_path
        self.action_re = re.compile(action_re)
        self.inside = False
        self.found = False
        self.action = ""
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        action = a.get("action")
        if action is None:  # posts to its own page
            action = self.page_path
        if tag == "form" and not self.found and self.action_re.search(action):
            self.inside = self.found = True
            self.action = action
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value") or "on"))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value") or "", "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = [v for v, sel in self._options if sel] or [v for v, _ in self._options[:1]]
            self.fields.append((self._select, chosen[0] if chosen else ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_form(text: str, action_re: str, page_path: str = "") -> FormParser | None:
    parser = FormParser(action_re, page_path)
    parser.feed(text)
    return parser if parser.found else None


def links(text: str, pattern: str) -> list[str]:
    return sorted(set(re.findall(r'href="(' + pattern + r')"', text)))


# --- Simulated users ------------------------------------------------------------------------


class SourceAddressAdapter(HTTPAdapter):
    """Connections from one loopback address (127.0.0.N): each user is its own client."""

    def __init__(self, source: str, **kwargs):
        self.source = source
        super().__init__(pool_connections=2, pool_maxsize=2, **kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


@dataclass
class Sample:
    page: str
    started: float  # time.time()
    seconds: float
    ok: bool
    detail: str = ""


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


class User:
    def __init__(self, index: int, handle: str, role: str, stats: Stats, think: tuple, seed: int):
        self.index = index
        self.handle = handle
        self.role = role
        self.stats = stats
        self.think = think
        self.rng = random.Random(seed * 1000 + index)
        self.source = f"127.0.0.{20 + index}"
        self.session = requests.Session()
        self.session.mount("http://", SourceAddressAdapter(self.source))
        self.session.headers["User-Agent"] = f"netwerk-bench/{role}"
        self.files: list[str] = []
        self.requests_ids: list[str] = []
        self.contacts: list[str] = []
        self.logged_follow_ups = 0  # interventions saved with a follow-up of today

    # One request, checked and timed.

    def call(
        self,
        page: str,
        method: str,
        path: str,
        *,
        expect=(200,),
        data=None,
        headers=None,
        check=None,
        allow_redirects=True,
    ) -> requests.Response | None:
        started_wall, started = time.time(), time.monotonic()
        try:
            response = self.session.request(
                method,
                BASE + path,
                data=data,
                headers=headers,
                timeout=CLIENT_TIMEOUT,
                allow_redirects=allow_redirects,
            )
        except requests.RequestException as error:
            kind = "timeout" if isinstance(error, requests.Timeout) else type(error).__name__
            self.stats.add(Sample(page, started_wall, time.monotonic() - started, False, kind))
            return None
        elapsed = time.monotonic() - started
        problem = ""
        if response.status_code not in expect:
            problem = f"HTTP {response.status_code}"
        elif "/accounts/login/" in response.url and not page.startswith("login"):
            problem = "bounced to log-in"
        elif check is not None:
            problem = check(response) or ""
        self.stats.add(Sample(page, started_wall, elapsed, not problem, problem))
        return None if problem else response

    def login(self) -> bool:
        page = self.call("login form", "GET", "/accounts/login/")
        if page is None:
            return False
        form = parse_form(page.text, r"/accounts/login/")
        data = dict(form.fields) if form else {}
        data.update(login=f"{self.handle}@netwerk.test", password=DEMO_PASSWORD)
        done = self.call(
            "login",
            "POST",
            "/accounts/login/",
            data=data,
            headers={"Referer": BASE + "/accounts/login/"},
        )
        if done is None or "/accounts/login/" in done.url:
            return False
        if self.role == "org_admin":
            # The demo org admin also coordinates a partner project; work as org admin.
            form = parse_form(done.text, r"/organisation/switch/")
            if form:
                switched = self.call(
                    "switch organisation",
                    "POST",
                    "/organisation/switch/",
                    data=dict(form.fields),
                    headers={"Referer": BASE + "/"},
                )
                if switched is None:
                    return False
        return True

    def csrf_headers(self, referer: str) -> dict[str, str]:
        return {
            "X-CSRFToken": self.session.cookies.get("csrftoken", ""),
            "HX-Request": "true",
            "HX-Current-URL": BASE + referer,
            "Referer": BASE + referer,
        }

    # What each role does, one "visit" at a time.

    def step(self) -> None:
        getattr(self, f"visit_{self.role}")()

    def pause(self) -> None:
        time.sleep(self.rng.uniform(*self.think))

    def visit_social_worker(self) -> None:
        caseload = self.call("caseload", "GET", "/participants/")
        if caseload is not None and not self.files:
            self.files = links(caseload.text, r"/participants/\d+/")
        if not self.files:
            return
        self.pause()
        path = self.rng.choice(self.files)
        detail = self.call("participant file", "GET", path)
        if detail is None or self.rng.random() < 0.4:
            return
        form = parse_form(detail.text, r"/participants/\d+/interventions/$")
        if form is None:  # a closed file: no quick form
            return
        self.pause()
        data = dict(form.fields)
        data["quick-summary"] = "Bench: telefonisch contact, afspraak gemaakt."
        data["quick-took_part"] = "participant"
        if not data.get("quick-work_model"):
            data["quick-work_model"] = "1"
        today = datetime.datetime.now(datetime.UTC).date().isoformat()
        data["quick-date"] = today
        follow_up = self.rng.random() < 0.33
        data["quick-follow_up_on"] = today if follow_up else ""
        saved = self.call(
            "intervention (htmx POST)",
            "POST",
            form.action,
            data=data,
            headers=self.csrf_headers(path),
            check=lambda r: "form error" if 'class="errorlist' in r.text else "",
        )
        if saved is not None and follow_up:
            self.logged_follow_ups += 1

    def visit_coordinator(self) -> None:
        waiting = self.call("waiting list", "GET", "/buddies/requests/")
        if waiting is not None and not self.requests_ids:
            self.requests_ids = links(waiting.text, r"/buddies/requests/\d+/suggestions/")
        self.pause()
        if self.requests_ids and self.rng.random() < 0.6:
            self.call("suggestions", "GET", self.rng.choice(self.requests_ids))
            self.pause()
        self.call("match board", "GET", "/buddies/matches/")

    def visit_volunteer(self) -> None:
        home = self.call("volunteer home", "GET", "/")
        if home is not None and not self.contacts:
            self.contacts = links(home.text, r"/buddies/my/contacts/\d+/")
        if not self.contacts:
            return
        self.pause()
        contact = self.rng.choice(self.contacts)
        if self.rng.random() < 0.5:
            self.call("volunteer contact", "GET", contact)
            return
        page = self.call("contact log form", "GET", contact + "log/")
        form = page is not None and parse_form(page.text, r"/log/$", contact + "log/")
        if not form:
            return
        self.pause()
        data = dict(form.fields)
        data["what_we_did"] = "Samen koffie gedronken."
        data.pop("worried", None)
        self.call(
            "contact log (POST)",
            "POST",
            form.action or contact + "log/",
            data=data,
            headers={"Referer": BASE + contact + "log/"},
            expect=(302,),
            allow_redirects=False,
        )

    def visit_org_admin(self) -> None:
        self.call("audit trail", "GET", "/organisation/audit/")
        self.pause()
        self.call("org admin home", "GET", "/")

    def visit_researcher(self) -> None:
        self.call("dashboard", "GET", "/findings/dashboard/")
        self.pause()
        self.call("findings", "GET", "/findings/")


def make_users(count: int, stats: Stats, think: tuple, seed: int = 1) -> list[User]:
    handles: list[tuple[str, str]] = []
    for handle, role, share in ROLE_MIX:
        handles += [(handle, role)] * max(1, round(share * count))
    # Trim or pad to exactly `count`, keeping every role.
    while len(handles) > count:
        biggest = max(set(handles), key=handles.count)
        handles.remove(biggest)
    while len(handles) < count:
        handles.append(ROLE_MIX[len(handles) % len(ROLE_MIX)][:2])
    return [User(i, h, r, stats, think, seed) for i, (h, r) in enumerate(handles)]


def login_all(users: list[User]) -> None:
    """Sequentially, before the clock: each from its own source address, once."""
    started = time.monotonic()
    failed = [u for u in users if not u.login()]
    if failed:
        raise RuntimeError(
            f"{len(failed)} simulated users could not log in (first: {failed[0].handle})"
        )
    log(f"{len(users)} users logged in in {time.monotonic() - started:.0f} s")


def run_users(users: list[User], duration: float, stop: threading.Event | None = None) -> float:
    """Every user loops over its visits until `duration` has passed; returns the wall time."""
    stop = stop or threading.Event()
    deadline = time.monotonic() + duration

    def loop(user: User) -> None:
        time.sleep(user.rng.uniform(0, min(2.0, duration / 10)))  # do not start in lockstep
        for _ in range(100_000):  # bounded; the deadline ends it long before
            if time.monotonic() >= deadline or stop.is_set():
                return
            user.step()
            user.pause()

    threads = [threading.Thread(target=loop, args=(u,), daemon=True) for u in users]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(duration + 3 * CLIENT_TIMEOUT + 30)
    return time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def report(samples: list[Sample], wall: float, title: str) -> int:
    by_page: dict[str, list[Sample]] = defaultdict(list)
    for sample in samples:
        by_page[sample.page].append(sample)
    errors = [s for s in samples if not s.ok]
    print(f"\n{title}")
    print(f"{'page':<28}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for page in sorted(by_page):
        rows = by_page[page]
        times = [s.seconds * 1000 for s in rows]
        print(
            f"{page:<28}{len(rows):>9}{sum(not s.ok for s in rows):>8}"
            f"{percentile(times, 50):>9.0f}{percentile(times, 95):>9.0f}{max(times):>9.0f}"
        )
    all_times = [s.seconds * 1000 for s in samples]
    print(
        f"{'ALL':<28}{len(samples):>9}{len(errors):>8}{percentile(all_times, 50):>9.0f}"
        f"{percentile(all_times, 95):>9.0f}{max(all_times, default=0):>9.0f}"
    )
    print(
        f"total requests: {len(samples)}   errors: {len(errors)}   "
        f"throughput: {len(samples) / wall:.1f} requests/s over {wall:.1f} s"
    )
    if errors:
        kinds: dict[str, int] = defaultdict(int)
        for e in errors:
            kinds[f"{e.page}: {e.detail}"] += 1
        for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:15]:
            print(f"  error  {n:>5} x {kind}")
    return len(errors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--think", default="0.5,2.0", help="think time range in seconds")
    parser.add_argument("--strict", action="store_true", help="exit 1 on any error")
    args = parser.parse_args()
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 900:
        parser.error("--users 1..200 and --duration 1..900 seconds")
    think = tuple(float(x) for x in args.think.split(","))

    stack = Stack(workers=args.workers)
    sink = SmtpSink().start()
    try:
        stack.start()
        stats = Stats()
        users = make_users(args.users, stats, think)
        mix = defaultdict(int)
        for u in users:
            mix[u.role] += 1
        log("users per role: " + ", ".join(f"{r} {n}" for r, n in sorted(mix.items())))
        login_all(users)
        stats.samples.clear()  # the log-ins are not part of the measured minute
        log(f"load: {len(users)} users for {args.duration:.0f} s, think time {think} s")
        load_avg = os.getloadavg()
        wall = run_users(users, args.duration)
        errors = report(
            stats.samples,
            wall,
            f"Load test: {len(users)} users, {args.duration:.0f} s, "
            f"gunicorn {args.workers} workers, {os.cpu_count()} CPUs",
        )
        print(f"load average before / after: {load_avg[0]:.2f} / {os.getloadavg()[0]:.2f}")
        # The reminders of the follow-ups logged today: delivered by the worker?
        follow_ups = sum(u.logged_follow_ups for u in users)
        try:
            wait_for(lambda: sink.total() >= follow_ups, 60, "reminder e-mails")
        except RuntimeError as error:
            print(f"reminders: {error}")
        doubled = sum(1 for n in sink.accepted.values() if n > 1)
        print(
            f"interventions with follow-up today: {follow_ups}; reminder e-mails accepted by "
            f"the SMTP sink: {sink.total()} ({len(sink.accepted)} distinct, {doubled} doubled)"
        )
        print("RESULT:", "PASS (0 errors)" if errors == 0 else f"FAIL ({errors} errors)")
        return 1 if (errors and args.strict) else 0
    finally:
        stack.stop()
        sink.stop()


if __name__ == "__main__":
    sys.exit(main())
