"""Make sure the PostgreSQL and Redis that the test suite uses are reachable.

When a server on this machine is down, start it with the documented command and wait for it;
when that is not possible, stop with a message that says what is missing. The suite never
falls back to SQLite or skips the tests that need a server.
"""

import glob
import os
import subprocess
import sys
import time
from urllib.parse import urlparse

import psycopg2
import redis

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}
WAIT_SECONDS = 30


def postgres_ok(url: str) -> bool:
    parts = urlparse(url)
    try:
        psycopg2.connect(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname="postgres",
            connect_timeout=3,
        ).close()
        return True
    except psycopg2.OperationalError:
        return False


def redis_ok(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


def start_postgres() -> None:
    versions = sorted(os.path.basename(p) for p in glob.glob("/etc/postgresql/*"))
    if not versions:
        raise FileNotFoundError("no PostgreSQL cluster in /etc/postgresql")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
        check=True,
    )


def start_redis() -> None:
    os.makedirs("/var/lib/redis", exist_ok=True)
    os.makedirs("/var/log/redis", exist_ok=True)
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "-::1",
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            "/var/lib/redis",
            "--logfile",
            "/var/log/redis/ci.log",
        ],
        check=True,
    )


def ensure(name: str, url: str, is_ok, start) -> str | None:
    if is_ok(url):
        return None
    host = urlparse(url).hostname or ""
    if host not in LOCAL_HOSTS:
        return f"{name} at {host} is not reachable (from {name.upper()}_URL)."
    print(f"{name} is not running on this machine; starting it.")
    try:
        start()
    except (OSError, subprocess.CalledProcessError) as error:
        return f"{name} is not running and could not be started: {error}"
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if is_ok(url):
            print(f"{name} is up.")
            return None
        time.sleep(0.5)
    return f"{name} was started but did not answer within {WAIT_SECONDS} s."


def main() -> int:
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")) or not redis_url:
        print("make test needs DATABASE_URL (PostgreSQL) and REDIS_URL.", file=sys.stderr)
        return 1
    problems = [
        problem
        for problem in (
            ensure("PostgreSQL", database_url, postgres_ok, start_postgres),
            ensure("Redis", redis_url, redis_ok, start_redis),
        )
        if problem
    ]
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    if problems:
        print(
            "The test suite runs against real PostgreSQL and Redis; it does not skip them.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
