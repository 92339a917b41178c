"""With Redis unreachable, people can still log in and work (PostgreSQL is the record)."""

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "netwerk.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@override_settings(CACHES=UNREACHABLE)
def test_the_cache_degrades_instead_of_failing():
    assert cache.get("anything", "fallback") == "fallback"
    cache.set("anything", 1)
    assert cache.add("lock", True) is True  # never leaves a lock-waiter spinning
    assert cache.get_many(["a", "b"]) == {}


@override_settings(CACHES=UNREACHABLE)
def test_logging_in_and_opening_pages_works_while_redis_is_down(social_worker):
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": social_worker.user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/participants/").status_code == 200
