"""The org admin's audit viewer: filters, organisation scope, re-authenticated export."""

import pytest
from django.test import Client

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from tests.factories import TEST_PASSWORD, MembershipFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(social_worker, colleague, other_org_worker):
    mine = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    other = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=colleague.user
    )
    audit_record(
        actor=social_worker.user, organisation=social_worker.organisation, action="read", obj=mine
    )
    audit_record(
        actor=colleague.user, organisation=colleague.organisation, action="update", obj=other
    )
    audit_record(
        actor=other_org_worker.user,
        organisation=other_org_worker.organisation,
        action="read",
        object_type="participants.participant",
        object_id=999,
    )
    return {"mine": mine, "other": other}


def _rows(client, query=""):
    return list(client.get("/organisation/audit/?" + query).context["page"].object_list)


def test_the_viewer_shows_only_the_organisations_trail(org_admin, trail, login):
    rows = _rows(login(org_admin))
    assert {row.object_id for row in rows} >= {str(trail["mine"].pk), str(trail["other"].pk)}
    assert "999" not in {row.object_id for row in rows}


def test_the_viewer_filters_by_person_participant_and_action(
    org_admin, social_worker, trail, login
):
    client = login(org_admin)
    assert {r.actor_id for r in _rows(client, f"actor={social_worker.user_id}")} == {
        social_worker.user_id
    }
    rows = _rows(client, f"participant={trail['other'].pk}")
    assert [r.action for r in rows] == ["update"]
    assert all(r.action == "read" for r in _rows(client, "action=read"))
    assert client.get("/organisation/audit/?date_from=gisteren").status_code == 200


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER]
)
def test_only_org_admins_see_the_trail(organisation, role, login):
    client = login(MembershipFactory(organisation=organisation, role=role))
    assert client.get("/organisation/audit/").status_code == 404
    assert client.post("/organisation/audit/export/").status_code == 404


def test_exporting_asks_for_the_password_again_and_is_audited(org_admin, trail):
    client = Client()
    client.post("/accounts/login/", {"login": org_admin.user.email, "password": TEST_PASSWORD})
    response = client.post("/organisation/audit/export/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    client.post(response.url, {"password": TEST_PASSWORD})
    response = client.post("/organisation/audit/export/")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    assert str(trail["mine"].pk) in content
    assert AuditEvent.objects.filter(action="export", object_type="accounts.auditevent").exists()


@pytest.mark.parametrize("rows", [5, 200])
def test_the_viewer_uses_a_fixed_number_of_queries(
    rows, org_admin, social_worker, login, django_assert_max_num_queries
):
    for _ in range(rows):
        audit_record(
            actor=social_worker.user, organisation=social_worker.organisation, action="read"
        )
    client = login(org_admin)
    with django_assert_max_num_queries(12):
        assert client.get("/organisation/audit/").status_code == 200


def test_the_viewer_names_records_and_fields_in_words(org_admin, social_worker, login):
    participant = ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )
    audit_record(
        actor=social_worker.user,
        organisation=social_worker.organisation,
        action="read",
        obj=participant,
        fields=["network_print"],
    )
    audit_record(
        actor=social_worker.user,
        organisation=social_worker.organisation,
        action="update",
        object_type="participants.familyplan",
        object_id=7,
        fields=["held_on", "evaluation_on"],
    )
    page = login(org_admin).get("/organisation/audit/").content.decode()
    assert "netwerkkaart om af te drukken" in page
    assert "Familiegroepsplan 7" in page
    for code in ("network_print", "participants.familyplan", "held_on", "evaluation_on"):
        assert code not in page
