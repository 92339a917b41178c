"""API fuzzing with schemathesis against the schema the application generates (/api/schema/).

Every operation, as each role (token authentication) on the first organisation's records (path
parameters filled from the world, the rest generated), a few derandomised examples each: no
500, responses conform to the schema. Without a token every operation answers 401 or 403.
Each call runs in a transaction that is rolled back, so the world stays the same.
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from .test_access_matrix import _kwargs
from .urls_walk import url_patterns
from .world import ROLES

pytestmark = pytest.mark.django_db

APP = get_wsgi_application()
SCHEMA_DICT = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(SCHEMA_DICT)
PATTERNS = url_patterns()
# By default the roles whose reach differs most; NETWERK_FUZZ_ALL_ROLES=1 adds the others (their
# GET/POST cells are in the access matrix either way). Keeps `make test` within minutes.
FUZZ_ROLES = (
    [r for r in ROLES if r != "anonymous"]
    if os.environ.get("NETWERK_FUZZ_ALL_ROLES")
    else ["social_worker", "coordinator", "volunteer", "other_org_worker"]
)
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


# Known application bugs this finds, listed in the issue note (issue 8): these operations'
# responses do not match their documented schema yet (role-dependent serializers documented as
# an ambiguous oneOf, and network endpoints whose output differs from the schema). They are
# marked expected failures one by one, so any other operation that breaks still fails the
# suite; remove an entry once its operation is fixed.
KNOWN_SCHEMA_MISMATCHES = {
    ("GET", "/api/buddies/matches/"),
    ("GET", "/api/buddies/matches/{id}/"),
    ("POST", "/api/buddies/matches/{id}/transitions/"),
    ("GET", "/api/buddies/requests/"),
    ("GET", "/api/buddies/requests/{id}/"),
    ("GET", "/api/buddies/requests/{id}/suggestions/"),
    ("GET", "/api/network-members/{id}/"),
    ("PATCH", "/api/network-members/{id}/"),
    ("GET", "/api/network-snapshots/{id}/"),
    ("GET", "/api/participants/{participant_id}/network-members/"),
    ("GET", "/api/participants/{participant_id}/network-snapshots/"),
    ("POST", "/api/participants/{participant_id}/network-snapshots/"),
}


@pytest.mark.parametrize("role", FUZZ_ROLES)
@schema.parametrize()
@settings(
    max_examples=1,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: report, don't minimise
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_or_breaks_its_schema(case, role, world, tokens):
    if case.path_parameters:
        case.path_parameters = _path_parameters(world, case.operation.path)
    if (case.method.upper(), case.operation.path) in KNOWN_SCHEMA_MISMATCHES:
        pytest.xfail("known schema mismatch (see KNOWN_SCHEMA_MISMATCHES)")
    with transaction.atomic():
        case.call_and_validate(
            app=APP, headers={"Authorization": f"Token {tokens[role]}"}, checks=CHECKS
        )
        transaction.set_rollback(True)


def test_without_a_token_every_operation_answers_401_or_403(world):
    from django.test import Client

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
