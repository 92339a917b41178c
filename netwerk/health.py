"""GET /health/: is the database reachable, and Redis when it is configured?"""

import logging

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.warning("health: database check failed", exc_info=True)
        return False


def _redis_ok() -> bool:
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return bool(client.ping())
    except redis.RedisError:
        logger.warning("health: redis check failed")
        return False


@login_not_required  # the load balancer's probe: no data
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": "ok" if _database_ok() else "failed"}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if _redis_ok() else "failed"
    healthy = all(value == "ok" for value in checks.values())
    failed = sorted(name for name, value in checks.items() if value != "ok")
    return JsonResponse(
        {"status": "ok" if healthy else "failed", "checks": checks, "failed": failed},
        status=200 if healthy else 503,
    )
