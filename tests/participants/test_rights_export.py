"""The export of everything held: every kind of record, as a printable page and as JSON, for
the org admin and the assigned social worker only, after the password is asked again."""

import json

import pytest
from django.test import Client

from accounts.models import AuditEvent, Role
from participants.rights.export import export_data
from tests.factories import TEST_PASSWORD, MembershipFactory

from .test_rights_builders import EMAIL, PHONE, make_full_file

pytestmark = pytest.mark.django_db

SECTIONS = (
    "consents",
    "trajectories",
    "goals",
    "goal_notes",
    "interventions",
    "network_members",
    "network_snapshots",
    "network_snapshot_members",
    "network_member_ties",
    "network_snapshot_ties",
    "measurements",
    "family_plans",
    "family_plan_agreements",
    "buddy_requests",
    "buddy_matches",
    "buddy_contacts",
    "buddy_check_ins",
    "group_memberships",
    "group_attendance",
    "group_ties",
    "volunteer_placements",
)


@pytest.fixture
def full_file(social_worker):
    return make_full_file(social_worker)


def reauthenticated(membership) -> Client:
    """Logged in with the password, and the password given again (allauth)."""
    client = Client()
    client.post("/accounts/login/", {"login": membership.user.email, "password": TEST_PASSWORD})
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    return client


def test_the_export_holds_every_kind_of_record(full_file):
    data = export_data(full_file)
    assert data["participant"]["first_name"] == "Zyqfirstname"
    assert data["participant"]["phone"] == PHONE
    assert data["participant"]["health_remarks"] == "Zyqhealth remarks"
    assert [name for name in SECTIONS if not data.get(name)] == []
    assert data["goal_notes"][0]["text"] == "Zyqnote progress"
    assert data["measurements"][0]["scores"]
    assert data["measurements"][0]["answers"]["lsns_1"] == "two"
    assert data["buddy_contacts"][0]["worry_note"] in ("", "Zyqworry: no food at home")
    assert {tie["label"] for tie in data["group_ties"]} == {"Zyqtie Fatima"}
    (tie,) = data["network_member_ties"]
    assert (tie["strength"], tie["origin"], tie["origin_detail"]) == (
        "strong",
        "group",
        "Zyqcooking club",
    )
    assert tie["origin_work_model"]
    assert data["network_snapshot_ties"][0]["strength"] == "strong"
    neighbour = next(m for m in data["network_members"] if m["label"] == "Zyqneighbour")
    assert (neighbour["origin"], neighbour["origin_detail"]) == ("neighbourhood", "Zyqstreet party")
    json.dumps(data)  # nothing that JSON cannot carry


@pytest.mark.parametrize("who", ["org_admin", "social_worker"])
def test_the_page_and_the_json_are_there_for_the_admin_and_the_assigned_worker(
    who, request, full_file
):
    client = reauthenticated(request.getfixturevalue(who))
    page = client.get(f"/participants/{full_file.pk}/rights/")
    assert page.status_code == 200
    assert "Zyqsister Amina" in page.content.decode()
    assert "Zyqcheck-in notes" in page.content.decode()
    download = client.get(f"/participants/{full_file.pk}/rights/export.json")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/json"
    assert download["Content-Disposition"].startswith("attachment;")
    assert json.loads(download.content)["participant"]["email"] == EMAIL
    exports = AuditEvent.objects.filter(
        action="export", object_type="participants.participant", object_id=str(full_file.pk)
    )
    assert exports.count() == 2


def test_the_password_is_asked_again_first(org_admin, participant):
    client = Client()
    client.post("/accounts/login/", {"login": org_admin.user.email, "password": TEST_PASSWORD})
    for url in ("", "export.json"):
        response = client.get(f"/participants/{participant.pk}/rights/{url}")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/reauthenticate/")
    assert not AuditEvent.objects.filter(action="export").exists()
    client.post("/accounts/reauthenticate/", {"password": TEST_PASSWORD})
    assert client.get(f"/participants/{participant.pk}/rights/").status_code == 200


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER]
)
def test_everyone_else_gets_404(organisation, participant, role):
    organisation.team_access = True  # even a colleague who may read the file
    organisation.save()
    client = reauthenticated(MembershipFactory(organisation=organisation, role=role))
    for url in ("", "export.json", "anonymise/"):
        assert client.get(f"/participants/{participant.pk}/rights/{url}").status_code == 404


@pytest.mark.parametrize("who", ["other_org_admin", "other_org_worker"])
def test_another_organisation_gets_404(who, request, participant):
    client = reauthenticated(request.getfixturevalue(who))
    for url in ("", "export.json", "anonymise/"):
        assert client.get(f"/participants/{participant.pk}/rights/{url}").status_code == 404


def test_the_file_page_links_to_the_rights_pages(org_admin, social_worker, login, participant):
    admin_page = login(org_admin).get(f"/participants/{participant.pk}/").content.decode()
    assert f"/participants/{participant.pk}/rights/" in admin_page
    assert f"/participants/{participant.pk}/rights/anonymise/" in admin_page
    worker_page = login(social_worker).get(f"/participants/{participant.pk}/").content.decode()
    assert f"/participants/{participant.pk}/rights/export.json" in worker_page
    assert "/rights/anonymise/" not in worker_page
