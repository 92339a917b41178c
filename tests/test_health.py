"""GET /health/ for load balancers and the docker-compose health check."""

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_health_is_200_when_the_database_and_redis_answer(settings):
    assert settings.REDIS_URL, "the suite runs against a real Redis"
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "ok"},
        "failed": [],
    }


@override_settings(REDIS_URL="redis://127.0.0.1:1/0")
def test_health_is_503_and_names_redis_when_redis_is_unreachable():
    response = Client().get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["database"] == "ok"


def test_health_is_503_and_names_the_database_when_it_fails(monkeypatch):
    from netwerk import health

    monkeypatch.setattr(health, "_database_ok", lambda: False)
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]


@override_settings(REDIS_URL="")
def test_health_does_not_check_redis_when_none_is_configured():
    response = Client().get("/health/")
    assert response.status_code == 200
    assert "redis" not in response.json()["checks"]


def test_health_needs_no_login_and_is_never_cached():
    response = Client().get("/health/")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
