"""The findings API: on the shared base, with a typed schema, and the dashboard's roles from
one place (`findings.selectors`), so the page, the API and the menu let in the same people."""

import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from drf_spectacular.generators import SchemaGenerator

from accounts.models import Role
from findings import dashboard
from findings.selectors import DASHBOARD_ROLES, can_see_dashboard
from tests.factories import MembershipFactory, UserFactory

from .data import person_in_model

pytestmark = pytest.mark.django_db


def _schema_of(path: str) -> dict:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return schema["paths"][path]["get"]["responses"]


def test_the_figures_have_a_typed_schema_not_a_free_form_object():
    ok = _schema_of("/api/what-works-for-whom/")["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/FiguresOutput"}
    assert "404" in _schema_of("/api/what-works-for-whom/")


def test_the_findings_list_has_a_typed_schema():
    ok = _schema_of("/api/findings/")["200"]["content"]["application/json"]["schema"]
    assert ok["type"] == "array"
    assert ok["items"] == {"$ref": "#/components/schemas/FindingOutput"}


def test_the_api_answers_exactly_the_figures_the_dashboard_computes(
    organisation, coordinator, login
):
    user = UserFactory()
    for index in range(6):
        person_in_model(organisation, "buddy", before=2, after=4 + index % 2, user=user)
    person_in_model(organisation, "peer", before=2, after=3, user=user)  # a hidden cell

    answer = login(coordinator).get("/api/what-works-for-whom/")

    assert answer.status_code == 200
    computed = json.loads(json.dumps(dashboard.figures(organisation.pk), cls=DjangoJSONEncoder))
    assert answer.json() == computed
    peer = next(row for row in answer.json()["models"] if row["code"] == "peer")
    assert peer["suppressed"] is True and peer["metrics"] == {}


@pytest.mark.parametrize("role", Role.values)
def test_the_page_and_the_api_let_in_the_same_roles(role, organisation, login):
    client = login(MembershipFactory(organisation=organisation, role=role))
    page = client.get("/findings/dashboard/").status_code
    api = client.get("/api/what-works-for-whom/").status_code
    expected = 200 if role in DASHBOARD_ROLES else 404
    assert (page, api) == (expected, expected)
    menu = client.get("/", follow=True).content.decode()
    assert ('href="/findings/dashboard/"' in menu) == (role in DASHBOARD_ROLES)


def test_an_inactive_membership_sees_no_dashboard(coordinator):
    coordinator.is_active = False
    assert not can_see_dashboard(coordinator)
    coordinator.is_active = True
    assert can_see_dashboard(coordinator)
