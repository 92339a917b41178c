"""The policy analyst: who can give the role, where they land, what they reach."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts import services
from accounts.middleware import must_set_up_mfa
from accounts.models import Membership, Organisation, Role
from netwerk.forms import INVALID_FORM_STATUS
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _admin_of(kind: str) -> Membership:
    return MembershipFactory(organisation=OrganisationFactory(kind=kind), role=Role.ORG_ADMIN)


@pytest.mark.parametrize("kind", [Organisation.Kind.MUNICIPALITY, Organisation.Kind.LOCAL_SERVICES])
def test_a_municipality_invites_a_policy_analyst(kind, django_capture_on_commit_callbacks):
    admin = _admin_of(kind)
    client = Client()
    client.force_login(admin.user)
    assert "policy_analyst" in client.get("/organisation/people/invite/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/organisation/people/invite/",
            {"email": "beleid@example.org", "role": Role.POLICY_ANALYST},
        )
    assert answer.status_code == 302


def test_a_welfare_organisation_cannot_give_the_role():
    admin = _admin_of(Organisation.Kind.CAW)
    client = Client()
    client.force_login(admin.user)
    assert "policy_analyst" not in client.get("/organisation/people/invite/").content.decode()
    answer = client.post(
        "/organisation/people/invite/", {"email": "x@example.org", "role": Role.POLICY_ANALYST}
    )
    assert answer.status_code == INVALID_FORM_STATUS
    with pytest.raises(ValidationError):
        services.invitation_create(
            organisation=admin.organisation,
            email="x@example.org",
            role=Role.POLICY_ANALYST,
            invited_by=admin.user,
        )
    colleague = MembershipFactory(organisation=admin.organisation, role=Role.SOCIAL_WORKER)
    with pytest.raises(ValidationError):
        services.membership_update(
            membership=colleague, actor=admin.user, role=Role.POLICY_ANALYST, is_active=True
        )


def test_an_analyst_needs_no_second_factor_even_where_staff_do():
    organisation = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY, require_mfa=True)
    analyst = MembershipFactory(organisation=organisation, role=Role.POLICY_ANALYST)
    assert not must_set_up_mfa(analyst.user, analyst)


def test_the_analyst_lands_on_the_report_and_reaches_nothing_else():
    organisation = OrganisationFactory(kind=Organisation.Kind.MUNICIPALITY)
    analyst = MembershipFactory(organisation=organisation, role=Role.POLICY_ANALYST)
    client = Client()
    client.force_login(analyst.user)
    assert client.get("/").url == "/signals-report/"
    page = client.get("/signals-report/").content.decode()
    assert 'href="/work-models/"' not in page and 'href="/signals/"' not in page
    for url in ("/work-models/", "/work-models/directory/", "/findings/", "/signals/"):
        assert client.get(url).status_code == 404, url
    for url in ("/api/work-models/", "/api/findings/", "/api/signals/"):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert answer["Content-Type"] == "application/json", url
    assert client.get("/api/me/").status_code == 200
