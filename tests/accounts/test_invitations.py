"""An org admin invites people by e-mail; the link lets them set a password and start."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, Membership, Role, User
from netwerk.forms import INVALID_FORM_STATUS
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-private-passphrase"


def _invite(capture, client: Client, email: str, role: str = Role.SOCIAL_WORKER) -> str:
    """Invite through the page; the e-mail leaves after the commit, so run those callbacks."""
    with capture(execute=True):
        response = client.post("/organisation/people/invite/", {"email": email, "role": role})
    assert response.status_code == 302, response.content.decode()
    body = mail.outbox[-1].body
    return re.search(r"/invitation/[\w-]+/", body).group(0)


def test_an_org_admin_invites_a_person_who_sets_a_password_and_starts(
    org_admin, login, django_capture_on_commit_callbacks
):
    link = _invite(django_capture_on_commit_callbacks, login(org_admin), "nieuw@example.org")
    assert mail.outbox[-1].to == ["nieuw@example.org"]
    assert "uitgenodigd" in mail.outbox[-1].subject  # Dutch, the inviter's language

    client = Client()
    page = client.get(link)
    assert page.status_code == 200
    assert "nieuw@example.org" in page.content.decode()
    response = client.post(
        link,
        {"full_name": "Nieuwe Collega", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@example.org")
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user).role == Role.SOCIAL_WORKER
    assert client.get("/").status_code == 200  # logged in
    # The link works once.
    assert Client().get(link).status_code == 404


def test_a_short_password_is_refused_and_the_name_is_kept(
    org_admin, login, django_capture_on_commit_callbacks
):
    link = _invite(django_capture_on_commit_callbacks, login(org_admin), "kort@example.org")
    response = Client().post(
        link, {"full_name": "Kort Wachtwoord", "password1": "kort", "password2": "kort"}
    )
    assert response.status_code == INVALID_FORM_STATUS
    content = response.content.decode()
    assert "12 tekens" in content
    assert 'value="Kort Wachtwoord"' in content
    assert not User.objects.filter(email="kort@example.org").exists()


def test_an_existing_user_accepts_after_logging_in_and_gets_a_second_organisation(
    org_admin, other_org_worker, django_capture_on_commit_callbacks
):
    admin_client = Client()
    admin_client.force_login(org_admin.user)
    link = _invite(
        django_capture_on_commit_callbacks,
        admin_client,
        other_org_worker.user.email,
        Role.VOLUNTEER,
    )

    anonymous = Client()
    assert "Meld je eerst aan" in anonymous.get(link).content.decode()

    client = Client()
    client.force_login(other_org_worker.user)
    assert client.post(link).status_code == 302
    roles = set(
        Membership.objects.filter(user=other_org_worker.user).values_list("role", flat=True)
    )
    assert roles == {Role.SOCIAL_WORKER, Role.VOLUNTEER}


def test_an_expired_or_revoked_invitation_no_longer_works(org_admin):
    invitation, token = services.invitation_create(
        organisation=org_admin.organisation,
        email="laat@example.org",
        role=Role.VOLUNTEER,
        invited_by=org_admin.user,
    )
    invitation.expires_at = timezone.now() - timedelta(minutes=1)
    invitation.save()
    assert Client().get(f"/invitation/{token}/").status_code == 404

    invitation, token = services.invitation_create(
        organisation=org_admin.organisation,
        email="laat@example.org",
        role=Role.VOLUNTEER,
        invited_by=org_admin.user,
    )
    services.invitation_revoke(invitation=invitation, actor=org_admin.user)
    assert Client().get(f"/invitation/{token}/").status_code == 404


def test_a_made_up_token_is_refused():
    assert Client().get("/invitation/not-a-real-token/").status_code == 404


def test_the_token_is_not_stored_in_clear(org_admin):
    invitation, token = services.invitation_create(
        organisation=org_admin.organisation,
        email="hash@example.org",
        role=Role.VOLUNTEER,
        invited_by=org_admin.user,
    )
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


@pytest.mark.parametrize(
    "role", [Role.COORDINATOR, Role.SOCIAL_WORKER, Role.VOLUNTEER, Role.RESEARCHER]
)
def test_only_an_org_admin_can_invite(organisation, role, login):
    client = login(MembershipFactory(organisation=organisation, role=role))
    response = client.post(
        "/organisation/people/invite/", {"email": "x@example.org", "role": Role.ORG_ADMIN}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_inviting_someone_who_already_has_a_role_is_refused_on_the_form(
    org_admin, social_worker, login
):
    response = login(org_admin).post(
        "/organisation/people/invite/",
        {"email": social_worker.user.email, "role": Role.VOLUNTEER},
    )
    assert response.status_code == INVALID_FORM_STATUS
    assert "heeft al een rol" in response.content.decode()


def test_an_org_admin_cannot_revoke_another_organisations_invitation(
    org_admin, other_org_admin, login
):
    invitation, _token = services.invitation_create(
        organisation=other_org_admin.organisation,
        email="elders@example.org",
        role=Role.VOLUNTEER,
        invited_by=other_org_admin.user,
    )
    response = login(org_admin).post(f"/organisation/invitations/{invitation.pk}/revoke/")
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_an_org_admin_changes_a_role_but_never_removes_the_last_admin(
    org_admin, social_worker, login
):
    client = login(org_admin)
    response = client.post(
        f"/organisation/people/{social_worker.pk}/", {"role": Role.COORDINATOR, "is_active": "on"}
    )
    assert response.status_code == 302
    social_worker.refresh_from_db()
    assert social_worker.role == Role.COORDINATOR

    response = client.post(f"/organisation/people/{org_admin.pk}/", {"role": Role.VOLUNTEER})
    assert response.status_code == INVALID_FORM_STATUS
    assert "minstens één" in response.content.decode()
    org_admin.refresh_from_db()
    assert org_admin.role == Role.ORG_ADMIN and org_admin.is_active


def test_an_org_admin_cannot_edit_a_membership_of_another_organisation(
    org_admin, other_org_worker, login
):
    response = login(org_admin).post(
        f"/organisation/people/{other_org_worker.pk}/", {"role": Role.ORG_ADMIN, "is_active": "on"}
    )
    assert response.status_code == 404
    other_org_worker.refresh_from_db()
    assert other_org_worker.role == Role.SOCIAL_WORKER


def test_the_invitation_form_logs_in_with_the_new_password_later(org_admin):
    _invitation, token = services.invitation_create(
        organisation=org_admin.organisation,
        email="later@example.org",
        role=Role.RESEARCHER,
        invited_by=org_admin.user,
    )
    Client().post(
        f"/invitation/{token}/",
        {"full_name": "Later", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    client = Client()
    response = client.post(
        "/accounts/login/", {"login": "later@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
