"""A coordinator adds a volunteer on their own: a name and contact details are enough (many
volunteers never use the app); an invitation to log in may follow, and accepting it links the
account to the profile. Everything built on volunteers keeps working without an account."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts import services as account_services
from accounts.models import Invitation, Role
from buddies import selectors, services
from buddies.models import ContactLog, Match, Volunteer
from buddies.rights import buddy_sections
from buddies.selectors.proposals import suggestions_for
from tests.factories import MembershipFactory, OrganisationFactory

from .conftest import make_request, make_volunteer

pytestmark = pytest.mark.django_db

PROFILE = {"first_name": "Vera", "last_name": "Peeters", "email": "Vera@Example.org"}


def _without_log_in(organisation, **fields) -> Volunteer:
    volunteer = make_volunteer(organisation, **fields)
    Volunteer.objects.filter(pk=volunteer.pk).update(
        user=None, first_name="Vera", last_name="Peeters", email="vera@example.org"
    )
    volunteer.refresh_from_db()
    return volunteer


def test_a_coordinator_adds_a_volunteer_with_a_name_only(coordinator):
    volunteer = services.volunteer_create(
        membership=coordinator, data={**PROFILE, "phone": "0470 12 34 56"}
    )
    assert volunteer.user is None and not volunteer.has_account
    assert (volunteer.full_name, volunteer.short_name) == ("Vera Peeters", "Vera")
    assert volunteer.contact_email == "vera@example.org"  # kept in lower case


def test_a_volunteer_without_a_log_in_needs_a_first_name(coordinator):
    with pytest.raises(ValidationError) as error:
        services.volunteer_create(membership=coordinator, data={"last_name": "Peeters"})
    assert "first_name" in error.value.message_dict
    assert not Volunteer.objects.exists()


def test_only_coordinators_and_org_admins_add_volunteers(social_worker, volunteer, researcher):
    for membership in (social_worker, volunteer, researcher):
        with pytest.raises(PermissionDenied):
            services.volunteer_create(membership=membership, data=PROFILE)
    assert not Volunteer.objects.exists()


def test_the_new_volunteer_page_adds_a_volunteer_without_a_log_in(login, coordinator, mailoutbox):
    response = login(coordinator).post(
        "/buddies/volunteers/new/",
        {**PROFILE, "max_km": 10, "capacity": 1, "status": "candidate", "training_sessions": 0},
    )
    volunteer = Volunteer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/buddies/volunteers/{volunteer.pk}/"
    assert volunteer.user is None and volunteer.first_name == "Vera"
    assert not Invitation.objects.exists() and not mailoutbox


def test_the_new_volunteer_page_can_send_an_invitation_at_once(
    login, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = login(coordinator).post(
            "/buddies/volunteers/new/",
            {
                **PROFILE,
                "max_km": 10,
                "capacity": 1,
                "status": "candidate",
                "training_sessions": 0,
                "invite": "on",
            },
        )
    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("vera@example.org", Role.VOLUNTEER)
    assert volunteer.invitation == invitation
    assert [message.to for message in mailoutbox] == [["vera@example.org"]]


def test_an_invitation_without_an_e_mail_address_is_refused_and_nothing_is_lost(login, coordinator):
    response = login(coordinator).post(
        "/buddies/volunteers/new/",
        {
            "first_name": "Vera",
            "phone": "0470 12 34 56",
            "max_km": 10,
            "capacity": 1,
            "invite": "on",
        },
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "e-mailadres" in text
    assert 'value="0470 12 34 56"' in text  # the form keeps what was typed
    assert not Volunteer.objects.exists() and not Invitation.objects.exists()


def test_the_edit_page_says_there_is_no_log_in_and_offers_an_invitation(login, coordinator):
    volunteer = _without_log_in(coordinator.organisation)
    text = login(coordinator).get(f"/buddies/volunteers/{volunteer.pk}/").content.decode()
    assert "Geen login" in text
    assert f"/buddies/volunteers/{volunteer.pk}/invite/" in text


def test_accepting_the_invitation_links_the_account_to_the_profile(coordinator):
    volunteer = _without_log_in(coordinator.organisation)
    services.volunteer_invite(membership=coordinator, volunteer=volunteer)
    invitation = Invitation.objects.get()
    user = account_services.invitation_accept_new_user(
        invitation=invitation, full_name="Vera Peeters", password="een-lang-wachtwoord-42"
    )
    volunteer.refresh_from_db()
    assert volunteer.user == user
    membership = user.memberships.get()
    assert selectors.own_volunteer_profile(membership) == volunteer


def test_an_invitation_by_an_org_admin_to_the_same_address_links_the_profile_too(
    organisation, org_admin
):
    volunteer = _without_log_in(organisation)
    invitation, _token = account_services.invitation_create(
        organisation=organisation,
        email="VERA@example.org",
        role=Role.VOLUNTEER,
        invited_by=org_admin.user,
    )
    user = account_services.invitation_accept_new_user(
        invitation=invitation, full_name="Vera", password="een-lang-wachtwoord-42"
    )
    volunteer.refresh_from_db()
    assert volunteer.user == user


def test_accepting_an_invitation_for_another_role_links_nothing(organisation, org_admin):
    volunteer = _without_log_in(organisation)
    invitation, _token = account_services.invitation_create(
        organisation=organisation,
        email="vera@example.org",
        role=Role.SOCIAL_WORKER,
        invited_by=org_admin.user,
    )
    account_services.invitation_accept_new_user(
        invitation=invitation, full_name="Vera", password="een-lang-wachtwoord-42"
    )
    volunteer.refresh_from_db()
    assert volunteer.user is None


def test_inviting_someone_who_already_has_the_volunteer_role_links_them_at_once(
    organisation, coordinator
):
    existing = MembershipFactory(
        organisation=organisation, role=Role.VOLUNTEER, user__email="vera@example.org"
    )
    volunteer = _without_log_in(organisation)
    services.volunteer_invite(membership=coordinator, volunteer=volunteer)
    volunteer.refresh_from_db()
    assert volunteer.user == existing.user
    assert not Invitation.objects.exists()


def test_an_address_of_a_colleague_with_another_role_is_refused(organisation, coordinator):
    MembershipFactory(
        organisation=organisation, role=Role.SOCIAL_WORKER, user__email="vera@example.org"
    )
    volunteer = _without_log_in(organisation)
    with pytest.raises(ValidationError) as error:
        services.volunteer_invite(membership=coordinator, volunteer=volunteer)
    assert "email" in error.value.message_dict
    volunteer.refresh_from_db()
    assert volunteer.user is None


def test_the_invite_action_is_for_coordinators_of_the_volunteers_organisation_only(
    request, login, organisation
):
    volunteer = _without_log_in(organisation)
    url = f"/buddies/volunteers/{volunteer.pk}/invite/"
    for role in ("social_worker", "volunteer", "researcher", "other_org_admin"):
        response = login(request.getfixturevalue(role)).post(url)
        assert response.status_code == 404, role
    assert not Invitation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.volunteer_invite(
            membership=request.getfixturevalue("other_org_admin"), volunteer=volunteer
        )


def test_a_volunteer_without_a_log_in_is_suggested_proposed_and_shown_by_name(
    login, coordinator, social_worker, buddy_request
):
    volunteer = _without_log_in(coordinator.organisation)
    assert [p.volunteer.pk for p in suggestions_for(buddy_request)] == [volunteer.pk]
    match = services.match_propose(
        membership=coordinator, request=buddy_request, volunteer=volunteer
    )
    assert "Vera" in login(coordinator).get(f"/buddies/matches/{match.pk}/").content.decode()
    card = login(social_worker).get(f"/buddies/participants/{match.participant_id}/")
    assert "Vera Peeters" in card.content.decode()
    assert "vera@example.org" in card.content.decode()


def test_the_api_adds_a_volunteer_without_a_log_in_with_field_errors_when_unnamed(
    login, coordinator
):
    client = login(coordinator)
    response = client.post(
        "/api/buddies/volunteers/", {"last_name": "Peeters"}, content_type="application/json"
    )
    assert response.status_code == 400 and "first_name" in response.json()
    response = client.post("/api/buddies/volunteers/", PROFILE, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["user"], body["has_account"], body["first_name"], body["email"]) == (
        None,
        False,
        "Vera",
        "vera@example.org",
    )


def test_the_coordinator_logs_contacts_for_a_volunteer_without_a_log_in_only(
    login, coordinator, buddy, buddy_request, social_worker
):
    volunteer = _without_log_in(coordinator.organisation)
    match = services.match_propose(
        membership=coordinator, request=buddy_request, volunteer=volunteer
    )
    Match.objects.filter(pk=match.pk).update(status=Match.Status.ACTIVE)
    client = login(coordinator)
    response = client.post(
        f"/buddies/matches/{match.pk}/contacts/",
        {"contact-date": "", "contact-duration_minutes": 60, "contact-how_it_went": "good"},
    )
    assert response.status_code == 400  # the date is needed; nothing saved
    assert not ContactLog.objects.exists()
    today = timezone.localdate().isoformat()
    response = client.post(
        f"/buddies/matches/{match.pk}/contacts/",
        {"contact-date": today, "contact-duration_minutes": 60, "contact-how_it_went": "good"},
    )
    assert response.status_code == 302
    assert ContactLog.objects.get().logged_by == coordinator.user
    # A volunteer with a log-in logs their own contacts: the coordinator is refused.
    other_request = make_request(social_worker)
    own = Match.objects.create(
        organisation=coordinator.organisation,
        request=other_request,
        participant=other_request.participant,
        volunteer=buddy,
        status=Match.Status.ACTIVE,
        proposed_by=coordinator.user,
    )
    response = client.post(
        f"/buddies/matches/{own.pk}/contacts/",
        {"contact-date": today, "contact-duration_minutes": 60, "contact-how_it_went": "good"},
    )
    assert response.status_code == 403
    assert ContactLog.objects.count() == 1


def test_the_rights_export_and_the_match_board_work_for_a_volunteer_without_a_log_in(
    coordinator, buddy_request
):
    volunteer = _without_log_in(coordinator.organisation)
    match = services.match_propose(
        membership=coordinator, request=buddy_request, volunteer=volunteer
    )
    sections = {section.key: section for section in buddy_sections(match.participant)}
    assert len(sections["buddy_matches"].records) == 1
    assert [m.volunteer.short_name for m in selectors.match_board(coordinator)] == ["Vera"]


def test_existing_profiles_get_their_name_from_their_account():
    migration = importlib.import_module("buddies.migrations.0004_volunteer_names_from_accounts")
    organisation = OrganisationFactory()
    volunteer = make_volunteer(organisation)
    volunteer.user.full_name = "Karel De Smet"
    volunteer.user.save()
    Volunteer.objects.filter(pk=volunteer.pk).update(first_name="", last_name="")
    migration.copy_names(django_apps, None)
    volunteer.refresh_from_db()
    assert (volunteer.first_name, volunteer.last_name) == ("Karel", "De Smet")
