"""Nobody sees another organisation's records, and roles see only what the table allows."""

import pytest
from django.test import Client

from accounts.models import AuditEvent, Role
from tests.factories import MembershipFactory, ParticipantFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def file_of(social_worker):
    """A participant on the social worker's own caseload."""
    return ParticipantFactory(
        organisation=social_worker.organisation, social_worker=social_worker.user
    )


def test_a_social_worker_opens_a_file_on_their_caseload(social_worker, file_of, login):
    response = login(social_worker).get(f"/participants/{file_of.pk}/")
    assert response.status_code == 200
    assert file_of.first_name in response.content.decode()


def test_a_user_of_another_organisation_gets_404_on_a_file(other_org_worker, file_of, login):
    assert login(other_org_worker).get(f"/participants/{file_of.pk}/").status_code == 404


def test_another_organisations_admin_gets_404_on_a_file(other_org_admin, file_of, login):
    assert login(other_org_admin).get(f"/participants/{file_of.pk}/").status_code == 404


def test_a_file_that_does_not_exist_also_answers_404(social_worker, login):
    assert login(social_worker).get("/participants/999999/").status_code == 404


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.VOLUNTEER, Role.RESEARCHER])
def test_roles_without_file_access_get_404_on_file_pages(organisation, file_of, role, login):
    client = login(MembershipFactory(organisation=organisation, role=role))
    assert client.get(f"/participants/{file_of.pk}/").status_code == 404
    assert client.get("/participants/").status_code == 404


def test_a_colleague_sees_a_file_only_with_team_access(organisation, colleague, file_of, login):
    client = login(colleague)
    assert client.get(f"/participants/{file_of.pk}/").status_code == 404
    organisation.team_access = True
    organisation.save()
    response = client.get(f"/participants/{file_of.pk}/")
    assert response.status_code == 200
    assert "alleen de toegewezen" in response.content.decode()  # read-only notice


def test_an_org_admin_reads_every_file_of_the_organisation_and_it_is_audited(
    org_admin, file_of, login
):
    assert login(org_admin).get(f"/participants/{file_of.pk}/").status_code == 200
    event = AuditEvent.objects.get(action="read", object_id=str(file_of.pk))
    assert event.actor == org_admin.user
    assert event.object_type == "participants.participant"


def test_the_participant_list_shows_only_the_organisations_files(
    social_worker, other_org_worker, login
):
    mine = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Amira",
    )
    ParticipantFactory(
        organisation=other_org_worker.organisation,
        social_worker=other_org_worker.user,
        first_name="Zeynep",
    )
    content = login(social_worker).get("/participants/").content.decode()
    assert mine.first_name in content
    assert "Zeynep" not in content


def test_switching_organisation_changes_what_is_visible(social_worker, other_organisation, login):
    user = social_worker.user
    MembershipFactory(user=user, organisation=other_organisation, role=Role.SOCIAL_WORKER)
    here = ParticipantFactory(organisation=social_worker.organisation, social_worker=user)
    there = ParticipantFactory(organisation=other_organisation, social_worker=user)
    client = login(social_worker)

    # The first organisation by name ("CAW Test") is the starting one.
    assert client.get(f"/participants/{here.pk}/").status_code == 200
    assert client.get(f"/participants/{there.pk}/").status_code == 404

    response = client.post("/organisation/switch/", {"organisation": other_organisation.pk})
    assert response.status_code == 302
    assert client.get(f"/participants/{here.pk}/").status_code == 404
    assert client.get(f"/participants/{there.pk}/").status_code == 200
    assert other_organisation.name in client.get("/").content.decode()


def test_switching_to_an_organisation_without_a_role_is_refused(
    social_worker, other_organisation, login
):
    client = login(social_worker)
    response = client.post("/organisation/switch/", {"organisation": other_organisation.pk})
    assert response.status_code == 404


def test_a_deactivated_membership_gives_no_access(social_worker, file_of, login):
    social_worker.is_active = False
    social_worker.save()
    client = login(social_worker)
    assert client.get(f"/participants/{file_of.pk}/").status_code == 404
    response = client.get("/")
    assert response.status_code == 403
    assert "geen rol" in response.content.decode()


def test_the_volunteer_pool_is_for_coordinators_and_org_admins_only(
    organisation, other_org_admin, login
):
    VolunteerFactory(organisation=organisation)
    for role, expected in [
        (Role.COORDINATOR, 200),
        (Role.ORG_ADMIN, 200),
        (Role.SOCIAL_WORKER, 404),
        (Role.VOLUNTEER, 404),
        (Role.RESEARCHER, 404),
    ]:
        client = login(MembershipFactory(organisation=organisation, role=role))
        assert client.get("/buddies/volunteers/").status_code == expected, role


def test_the_volunteer_pool_lists_only_the_organisations_volunteers(
    coordinator, other_organisation, login
):
    VolunteerFactory(organisation=coordinator.organisation, user__full_name="Wim Binnen")
    VolunteerFactory(organisation=other_organisation, user__full_name="Els Buiten")
    content = login(coordinator).get("/buddies/volunteers/").content.decode()
    assert "Wim Binnen" in content
    assert "Els Buiten" not in content


@pytest.mark.parametrize(
    "path",
    ["/organisation/people/", "/organisation/settings/", "/organisation/people/invite/"],
)
@pytest.mark.parametrize(
    "role", [Role.COORDINATOR, Role.SOCIAL_WORKER, Role.VOLUNTEER, Role.RESEARCHER]
)
def test_organisation_admin_pages_answer_404_to_other_roles(organisation, role, path, login):
    client = login(MembershipFactory(organisation=organisation, role=role))
    assert client.get(path).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page():
    for path in ["/", "/participants/", "/buddies/volunteers/", "/organisation/people/"]:
        response = Client().get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_an_org_admin_changes_the_organisation_settings_and_it_is_audited(org_admin, login):
    response = login(org_admin).post(
        "/organisation/settings/", {"require_mfa": "on", "team_access": "on"}
    )
    assert response.status_code == 302
    org_admin.organisation.refresh_from_db()
    assert org_admin.organisation.require_mfa and org_admin.organisation.team_access
    event = AuditEvent.objects.get(action="update", object_type="accounts.organisation")
    assert event.fields == ["require_mfa", "team_access"]
