"""API fuzzing with schemathesis against the schema the application generates (/api/schema/).

Every operation on the first organisation's records (path parameters filled from the world, the
rest generated), a derandomised example each, sent as every role (token authentication): no
500, responses conform to the schema, whatever shape the role gets. Without a token every
operation answers 401 or 403. Each call runs in a transaction that is rolled back, so the world
stays the same.

Schemathesis sends dozens of examples per operation (its coverage phase: boundaries, missing
and wrong fields; then generated ones). Each example is generated once and sent as every role
in turn. A role the operation refuses whatever the input (403/404/405 to a body no serializer
accepts: access is checked before input, test_api_write_order.py) gets one example, not all:
the others would take the same path to the same answer. NETWERK_FUZZ_EXAMPLES raises the
number of generated examples per operation.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)
from werkzeug.test import Client as WSGIClient

from .test_access_matrix import _kwargs
from .urls_walk import url_patterns
from .world import ROLES

pytestmark = pytest.mark.django_db

APP = get_wsgi_application()
SCHEMA_DICT = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(SCHEMA_DICT)
PATTERNS = url_patterns()
FUZZ_ROLES = [role for role in ROLES if role != "anonymous"]
EXAMPLES = int(os.environ.get("NETWERK_FUZZ_EXAMPLES", "1"))
REFUSALS = {401, 403, 404, 405}
# (method, path template, role) -> refused whatever the input; and those sent once already.
_refused_before_input: dict[tuple[str, str, str], bool] = {}
_sent_once: set[tuple[str, str, str]] = set()
# No 500, and what is answered is what the schema says. Not checked here: undocumented status
# codes (drf-spectacular documents no 400/403/404) and schemathesis' "ignored auth" (the test
# below asks every operation without a token instead).
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
METHODS = {"get", "post", "put", "patch", "delete"}


def _path_parameters(world, template: str) -> dict:
    """The world's records for the operation's path parameters."""
    names = [part.split("}", 1)[0] for part in template.split("{")[1:]]
    probe = template
    for name in names:
        probe = probe.replace("{" + name + "}", "1")
    match = resolve(probe)
    kwargs = _kwargs(world, match.view_name, PATTERNS[match.view_name])
    # drf-spectacular names <pk> "id"; the order of the parameters is the route's.
    return dict(zip(names, kwargs.values(), strict=True))


@pytest.fixture(scope="module", autouse=True)
def _keep_the_test_connection():
    # Like Django's test client: the WSGI handler would close the connection (and with it the
    # test's transaction) at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def tokens(world, django_db_blocker):
    with django_db_blocker.unblock():
        return {
            role: Token.objects.get_or_create(user=membership.user)[0].key
            for role, membership in world.members.items()
        }


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: report, don't minimise
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_breaks_its_schema(case, world, tokens):
    if case.path_parameters:
        case.path_parameters = _path_parameters(world, case.operation.path)
    for role in FUZZ_ROLES:
        key = (case.method.upper(), case.operation.path, role)
        if _is_refused_before_input(key, case, tokens[role]):
            if key in _sent_once:
                continue
            _sent_once.add(key)
        with transaction.atomic():
            try:
                case.call_and_validate(
                    app=APP, headers={"Authorization": f"Token {tokens[role]}"}, checks=CHECKS
                )
            except BaseException as failure:
                failure.add_note(f"... as {role}")
                raise
            finally:
                transaction.set_rollback(True)


def _is_refused_before_input(key, case, token) -> bool:
    """Does this role get a refusal even for a body no serializer accepts (and no query)?"""
    if key not in _refused_before_input:
        url = case.operation.path
        for name, value in (case.path_parameters or {}).items():
            url = url.replace("{" + name + "}", str(value))
        with transaction.atomic():
            # Through the same WSGI application as the examples (Django's test client would
            # reconnect the signal that closes the test's connection).
            response = WSGIClient(APP).open(
                url,
                method=key[0],
                data="[]",
                content_type="application/json",
                headers={"Authorization": f"Token {token}"},
            )
            transaction.set_rollback(True)
        _refused_before_input[key] = response.status_code in REFUSALS
    return _refused_before_input[key]


def test_without_a_token_every_operation_answers_401_or_403(world):
    client = Client()
    checked = 0
    for path, operations in SCHEMA_DICT["paths"].items():
        for method in set(operations) & METHODS:
            url = path
            for name, value in _path_parameters(world, path).items():
                url = url.replace("{" + name + "}", str(value))
            with transaction.atomic():
                response = getattr(client, method)(url)
                transaction.set_rollback(True)
            assert response.status_code in (401, 403), (method, path, response.status_code)
            checked += 1
    assert checked > 40
