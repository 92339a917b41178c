"""Error pages: an incident id on the page, the detail in the log, no query strings in logs."""

import logging
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from netwerk.errors import StripQueryStringFilter

pytestmark = pytest.mark.django_db


@override_settings(ROOT_URLCONF="tests.security.failing_urls")
def test_a_server_error_shows_an_incident_id_that_the_log_holds_with_the_detail(caplog):
    client = Client(raise_request_exception=False)
    with (
        caplog.at_level(logging.ERROR, logger="netwerk.errors"),
        CaptureQueriesContext(connection) as queries,
    ):
        response = client.get("/boom/?q=Mira+Janssens", {"name": "Mira"})
    assert response.status_code == 500
    page = response.content.decode()
    incident = re.search(r"<strong>([0-9a-f]{12})</strong>", page).group(1)
    assert "secret detail" not in page and "Traceback" not in page
    assert not queries.captured_queries  # the page does not touch the database
    records = [r for r in caplog.records if r.name == "netwerk.errors"]
    assert len(records) == 1
    record = records[0]
    assert incident in record.getMessage() and record.incident_id == incident
    assert "/boom/" in record.getMessage()
    assert "secret detail" in str(record.exc_info[1])
    logged = record.getMessage() + caplog.text
    assert "Mira" not in logged and "Janssens" not in logged


def test_a_missing_page_uses_the_site_layout(social_worker, login):
    response = login(social_worker).get("/participants/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Netwerk" in page and "<nav" in page


def test_django_request_logs_carry_no_query_string(social_worker, login, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        login(social_worker).get("/participants/999999/?q=Mira+Janssens")
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert messages and all("/participants/999999/" in m for m in messages)
    assert not any("Mira" in m or "?" in m for m in messages)


def test_the_filter_strips_query_strings_from_the_server_request_line():
    record = logging.LogRecord(
        "django.server",
        logging.WARNING,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /participants/?q=Mira HTTP/1.1", "404", "12"),
        None,
    )
    StripQueryStringFilter().filter(record)
    assert record.getMessage() == '"GET /participants/ HTTP/1.1" 404 12'
