"""The API is throttled per caller and per address: 429 with Retry-After past the rate."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _token_client(membership, **extra) -> APIClient:
    client = APIClient(**extra)
    token, _ = Token.objects.get_or_create(user=membership.user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_caller_past_the_rate_gets_429_with_retry_after(settings, social_worker):
    settings.NETWERK_API_RATES = {"caller": "3/minute", "address": "100/minute"}
    client = _token_client(social_worker)
    assert [client.get("/api/me/").status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get("/api/me/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60


def test_the_caller_is_the_person_whatever_token_or_session_they_use(settings, social_worker):
    settings.NETWERK_API_RATES = {"caller": "2/minute", "address": "100/minute"}
    by_token = _token_client(social_worker)
    by_session = APIClient(REMOTE_ADDR="10.9.9.9")
    by_session.force_login(social_worker.user)
    assert by_token.get("/api/me/").status_code == 200
    assert by_session.get("/api/me/").status_code == 200
    assert by_token.get("/api/me/").status_code == 429


def test_another_person_is_not_held_back_by_someone_else_s_rate(settings, social_worker, colleague):
    settings.NETWERK_API_RATES = {"caller": "1/minute", "address": "100/minute"}
    assert _token_client(social_worker).get("/api/me/").status_code == 200
    assert _token_client(social_worker).get("/api/me/").status_code == 429
    assert _token_client(colleague).get("/api/me/").status_code == 200


def test_one_address_is_held_to_its_rate_whoever_calls(settings, social_worker, colleague):
    settings.NETWERK_API_RATES = {"caller": "100/minute", "address": "2/minute"}
    assert _token_client(social_worker).get("/api/me/").status_code == 200
    assert _token_client(colleague).get("/api/me/").status_code == 200
    assert _token_client(colleague).get("/api/me/").status_code == 429
    elsewhere = _token_client(colleague, REMOTE_ADDR="10.1.2.3")
    assert elsewhere.get("/api/me/").status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_address_rate(settings, social_worker):
    settings.NETWERK_API_RATES = {"caller": "100/minute", "address": "1/minute"}
    client = _token_client(social_worker)
    assert client.get("/api/me/").status_code == 200
    forged = client.get("/api/me/", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert forged.status_code == 429
