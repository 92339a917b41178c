"""The audit trail is append-only and holds ids, never personal data."""

import pytest

from accounts.audit import audit_record
from accounts.models import AuditEvent
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_an_audit_event_cannot_be_changed(social_worker):
    event = audit_record(
        actor=social_worker.user, organisation=social_worker.organisation, action="read"
    )
    event.action = "delete"
    with pytest.raises(PermissionError):
        event.save()


def test_an_audit_event_cannot_be_deleted(social_worker):
    event = audit_record(
        actor=social_worker.user, organisation=social_worker.organisation, action="read"
    )
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="update")
    assert AuditEvent.objects.filter(pk=event.pk, action="read").exists()


def test_reading_a_file_is_recorded_without_personal_data(social_worker, login):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Fatima",
        last_name="Uniekenaam",
    )
    login(social_worker).get(f"/participants/{participant.pk}/")
    event = AuditEvent.objects.get(action="read")
    stored = " ".join(str(value) for value in AuditEvent.objects.values().get(pk=event.pk).values())
    assert "Fatima" not in stored and "Uniekenaam" not in stored
    assert event.object_id == str(participant.pk)
    assert event.organisation == social_worker.organisation


def test_a_failed_login_is_recorded_without_the_address_tried(client):
    client.post("/accounts/login/", {"login": "someone@example.org", "password": "wrong-one-123"})
    event = AuditEvent.objects.get(action="login_failed")
    assert event.actor is None
    assert "someone" not in str(AuditEvent.objects.values().get(pk=event.pk))
