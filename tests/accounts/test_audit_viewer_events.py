"""The audit viewer shows every kind of event the application writes, in words."""

import re

import pytest
from django.apps import apps

from accounts.audit import audit_record
from accounts.audit_display import KINDS
from accounts.models import AuditEvent
from participants.exports import participants_export
from participants.selectors import CaseloadFilters
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

# Every object type the code writes: each model's label (services audit records by model)
# and the kinds that are not one model's record (exports, log-ins).
OBJECT_TYPES = sorted({m._meta.label_lower for m in apps.get_models()} | set(KINDS))


def test_the_trail_opens_after_a_caseload_export_was_audited(org_admin, social_worker, login):
    ParticipantFactory(organisation=social_worker.organisation, social_worker=social_worker.user)
    participants_export(membership=social_worker, filters=CaseloadFilters(), file_format="csv")
    response = login(org_admin).get("/organisation/audit/")
    assert response.status_code == 200
    assert "participants.participant" not in response.content.decode()


@pytest.mark.parametrize("action", AuditEvent.Action.values)
def test_the_trail_shows_every_action_on_every_kind_of_record_in_words(org_admin, action, login):
    organisation = org_admin.organisation
    for object_type in OBJECT_TYPES:
        for object_id in ("", "7"):
            audit_record(
                actor=org_admin.user,
                organisation=organisation,
                action=action,
                object_type=object_type,
                object_id=object_id,
                fields=["status"],
            )
        audit_record(
            actor=org_admin.user,
            organisation=organisation,
            action=action,
            object_type=object_type,
            object_ids=[3, 4, 12],
        )
    audit_record(actor=None, organisation=organisation, action=action)
    client = login(org_admin)
    pages = AuditEvent.objects.filter(organisation=organisation).count() // 50 + 1
    for number in range(1, pages + 1):
        response = client.get(f"/organisation/audit/?page={number}")
        assert response.status_code == 200
        cells = re.findall(r"<td>(.*?)</td>", response.content.decode(), re.S)
        for object_type in OBJECT_TYPES:
            assert not any(object_type in cell for cell in cells), object_type


def test_a_list_read_names_each_file_it_showed_with_a_link(org_admin, login):
    first, second = ParticipantFactory.create_batch(2, organisation=org_admin.organisation)
    audit_record(
        actor=org_admin.user,
        organisation=org_admin.organisation,
        action=AuditEvent.Action.READ,
        object_type="participants.participant",
        object_ids=[first.pk, second.pk],
        fields=["caseload"],
    )
    page = login(org_admin).get("/organisation/audit/").content.decode()
    assert "2 dossiers" in page
    assert f'href="/participants/{first.pk}/"' in page
    assert f'href="/participants/{second.pk}/"' in page


def test_the_participant_filter_finds_the_lists_that_showed_the_file(org_admin, login):
    shown, other = ParticipantFactory.create_batch(2, organisation=org_admin.organisation)
    audit_record(
        actor=org_admin.user,
        organisation=org_admin.organisation,
        action=AuditEvent.Action.READ,
        object_type="participants.participant",
        object_ids=[shown.pk, 999999],
    )
    client = login(org_admin)
    rows = client.get(f"/organisation/audit/?participant={shown.pk}").context["page"]
    assert len(rows.object_list) == 1
    assert not client.get(f"/organisation/audit/?participant={other.pk}").context["page"]
