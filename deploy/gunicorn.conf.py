"""Gunicorn settings for the Netwerk web container.

docker-compose.yml starts ``gunicorn --config deploy/gunicorn.conf.py netwerk.wsgi:application``.
Everything an operator may want to tune comes from an environment variable; the rest is fixed
here on purpose. See docs/operations.md.

The access log must never hold personal data. A request line (``%(r)s``) or a query string
(``%(q)s``) may carry search terms (names, addresses); a referer (``%(f)s``) is a full URL with
its query string; a client address (``%(h)s``) is personal data in itself. The format below
logs the method, the path without query string, the status, the size and the duration, and
the logger class blanks the dangerous atoms even if someone overrides the format with
GUNICORN_CMD_ARGS. Paths that carry a secret (an invitation token, a password-reset key) are
redacted as well.
"""

import os
import re

from gunicorn.glogging import Logger


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# --- Server ------------------------------------------------------------------------------

wsgi_app = "netwerk.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# Sync workers, one request each. Set GUNICORN_WORKERS (or the conventional WEB_CONCURRENCY)
# explicitly in production: a container sees every CPU of the host, so the fallback
# (2 x CPUs + 1) is capped at 8 to keep memory use predictable. Each worker holds one
# PostgreSQL connection (CONN_MAX_AGE), so workers x web replicas must stay below what
# PostgreSQL (or PgBouncer) accepts.
workers = _env_int(
    "GUNICORN_WORKERS", _env_int("WEB_CONCURRENCY", min(2 * _available_cpus() + 1, 8))
)
# More than one thread switches Gunicorn to the gthread worker; then each thread has its own
# database connection.
threads = _env_int("GUNICORN_THREADS", 1)

# A request that runs longer than this is killed (the client gets a 502 from the proxy).
# Pages are budgeted far below it; heavy work belongs in Celery.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (docker compose stop / a rolling update) running requests get this long to end.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _env_int("GUNICORN_KEEPALIVE", 5)

# Recycle workers now and then so that a slow leak never grows without bound.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The heartbeat file lives in memory, not on the container's overlay file system.
worker_tmp_dir = "/dev/shm"  # noqa: S108 - a tmpfs in every Docker container

# Gunicorn itself trusts X-Forwarded-Proto only from the loopback address (the container's
# own health check). Whether Django trusts the proxy's header is decided by
# DJANGO_BEHIND_TLS_PROXY alone; the FORWARDED_ALLOW_IPS variable is deliberately not read.
forwarded_allow_ips = "127.0.0.1,::1"

# Request size limits (Gunicorn's defaults, stated so that nobody has to look them up).
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# Gunicorn 25.1+ opens a control socket under $HOME, which the non-root user of the image
# cannot write; older versions ignore this setting.
control_socket_disable = True

# --- Logging --------------------------------------------------------------------------------

# Both logs go to the container's standard streams; Docker's logging driver takes it from
# there (docker compose logs web).
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# [time] "METHOD /path HTTP/1.1" status bytes duration
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'

# Path prefixes whose next segment is a secret: the invitation link and allauth's
# password-reset and e-mail confirmation links.
_SECRET_IN_PATH = re.compile(
    r"^(/invitation/|/accounts/password/reset/key/|/accounts/confirm-email/)[^/]+"
)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def redact_path(path: str) -> str:
    """The request path as it may appear in a log: secrets and control characters removed."""
    path = _SECRET_IN_PATH.sub(r"\1<redacted>", path or "")
    return _CONTROL_CHARACTERS.sub("?", path)


class NetwerkAccessLogger(Logger):
    """Gunicorn's logger, with every atom that could hold personal data blanked."""

    _BLANKED = ("r", "q", "f", "h", "a", "u")

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redact_path(atoms.get("U") or "")
        for key in self._BLANKED:
            atoms[key] = "-"
        # Request headers ({name}i) and the WSGI environ ({name}e) may carry cookies, the
        # referer or the query string; none of them may be logged.
        for key in [key for key in atoms if key.startswith("{")]:
            atoms[key] = "-"
        return atoms

    def access(self, resp, req, environ, request_time):
        # The container health check calls /health/ every few seconds; log only its failures.
        if environ.get("PATH_INFO") == "/health/" and str(resp.status).startswith("200"):
            return
        super().access(resp, req, environ, request_time)


logger_class = NetwerkAccessLogger
