"""The anonymise page: org admin only, password asked again, the reference typed to confirm."""

import pytest
from django.test import Client

from accounts.models import AuditEvent
from netwerk.forms import INVALID_FORM_STATUS
from tests.factories import TEST_PASSWORD

from .test_rights_export import reauthenticated

pytestmark = pytest.mark.django_db


def test_the_password_is_asked_again_before_the_form(org_admin, participant):
    client = Client()
    client.post("/accounts/login/", {"login": org_admin.user.email, "password": TEST_PASSWORD})
    url = f"/participants/{participant.pk}/rights/anonymise/"
    for response in (client.get(url), client.post(url, {"reference_code": "x"})):
        assert response.status_code == 302
        assert response.url.startswith("/accounts/reauthenticate/")
    participant.refresh_from_db()
    assert participant.anonymised_on is None


def test_a_wrong_reference_changes_nothing(org_admin, participant):
    client = reauthenticated(org_admin)
    url = f"/participants/{participant.pk}/rights/anonymise/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reference_code": "P-WRONG123"})
    assert response.status_code == INVALID_FORM_STATUS
    participant.refresh_from_db()
    assert participant.anonymised_on is None


def test_the_right_reference_anonymises_the_file(org_admin, participant):
    client = reauthenticated(org_admin)
    url = f"/participants/{participant.pk}/rights/anonymise/"
    code = participant.reference_code.lower()
    response = client.post(url, {"reference_code": f" {code} "})
    assert response.status_code == 302
    assert response.url == f"/participants/{participant.pk}/"
    participant.refresh_from_db()
    assert participant.anonymised_on is not None
    assert AuditEvent.objects.filter(
        action="update", fields=["anonymised"], actor=org_admin.user
    ).exists()


def test_the_assigned_worker_cannot_anonymise(social_worker, participant):
    client = reauthenticated(social_worker)
    url = f"/participants/{participant.pk}/rights/anonymise/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"reference_code": participant.reference_code}).status_code == 404
    participant.refresh_from_db()
    assert participant.anonymised_on is None
