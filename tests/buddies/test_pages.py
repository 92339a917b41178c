"""The buddy pages: who reaches which page (404 otherwise), and what each role sees."""

import datetime

import pytest
from django.utils import timezone

from buddies import selectors, services
from buddies.models import BuddyRequest, ContactLog, Match
from participants.models import Consent

from .conftest import make_participant, make_request, make_volunteer

pytestmark = pytest.mark.django_db

ROLES = ["org_admin", "coordinator", "social_worker", "volunteer", "researcher", "other_org_admin"]


@pytest.fixture
def match(coordinator, buddy, buddy_request):
    return services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)


def _pages(match, buddy_request, buddy):
    """(url, roles that get 200)."""
    managers = {"org_admin", "coordinator"}
    return [
        ("/buddies/volunteers/", managers),
        ("/buddies/volunteers/new/", managers),
        (f"/buddies/volunteers/{buddy.pk}/", managers),
        ("/buddies/interests/", managers),
        ("/buddies/settings/", {"org_admin"}),
        ("/buddies/requests/", managers),
        ("/buddies/batch/", managers),
        ("/buddies/matches/", managers),
        ("/buddies/matches/figures/", managers),
        (f"/buddies/matches/{match.pk}/", managers),
        (f"/buddies/requests/new/?participant={buddy_request.participant_id}", {"social_worker"}),
        (f"/buddies/my/contacts/{match.pk}/", {"volunteer"}),
        (f"/buddies/my/contacts/{match.pk}/log/", {"volunteer"}),
        ("/buddies/my/profile/", {"volunteer"}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_each_page_answers_its_roles_and_404_to_everyone_else(
    request, role, login, match, buddy_request, buddy
):
    # Distinctive names, so a leak check cannot trip over a random name that is also a word.
    buddy.user.full_name = "Zyqbuddy Proef"
    buddy.user.save(update_fields=["full_name"])
    type(buddy_request.participant).objects.filter(pk=buddy_request.participant_id).update(
        first_name="Zyqdeelnemer"
    )
    buddy_request.participant.refresh_from_db()
    client = login(request.getfixturevalue(role))
    for url, allowed in _pages(match, buddy_request, buddy):
        # Another organisation's admin has their own (empty) lists, never our records.
        names_a_record = any(ch.isdigit() for ch in url)
        if role == "other_org_admin" and not names_a_record:
            allowed = allowed | {"other_org_admin"} if "org_admin" in allowed else allowed
        expected = 200 if role in allowed else 404
        response = client.get(url)
        assert response.status_code == expected, (role, url)
        if role == "other_org_admin" and expected == 200:
            assert buddy.user.get_short_name() not in response.content.decode()
            assert buddy_request.participant.first_name not in response.content.decode()


def test_suggestions_page_shows_the_reasons_in_words(login, coordinator, buddy, buddy_request):
    coordinator.user.preferred_language = "en"
    coordinator.user.save()
    response = login(coordinator).get(f"/buddies/requests/{buddy_request.pk}/suggestions/")
    assert response.status_code == 200
    text = response.content.decode()
    assert buddy.user.get_short_name() in text
    for words in (
        "speaks Dutch and Arabic",
        "km away",
        "both free on Wednesday afternoon",
        "waiting 45 days",
    ):
        assert words in text, words


def test_the_coordinator_approves_a_suggestion(login, coordinator, buddy, buddy_request):
    client = login(coordinator)
    response = client.post(
        f"/buddies/requests/{buddy_request.pk}/propose/", {"volunteer": buddy.pk}
    )
    match = Match.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/buddies/matches/{match.pk}/"
    assert match.status == Match.Status.PROPOSED


def test_approving_an_unavailable_volunteer_shows_a_clear_error(
    login, coordinator, buddy, buddy_request
):
    buddy.status = "pausing"
    buddy.save()
    client = login(coordinator)
    response = client.post(
        f"/buddies/requests/{buddy_request.pk}/propose/", {"volunteer": buddy.pk}, follow=True
    )
    assert "kan niet meer gekoppeld worden" in response.content.decode()
    assert not Match.objects.exists()


def test_a_coordinator_cannot_reach_another_organisations_records(
    login, other_org_admin, match, buddy, buddy_request
):
    client = login(other_org_admin)
    assert client.get(f"/buddies/matches/{match.pk}/").status_code == 404
    assert client.get(f"/buddies/volunteers/{buddy.pk}/").status_code == 404
    assert client.get(f"/buddies/requests/{buddy_request.pk}/suggestions/").status_code == 404
    assert (
        client.post(f"/buddies/requests/{buddy_request.pk}/propose/", {"volunteer": buddy.pk})
    ).status_code == 404


def test_the_lifecycle_through_the_pages(login, coordinator, match):
    client = login(coordinator)
    url = f"/buddies/matches/{match.pk}/"
    when = (timezone.now() - datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url + "start_closing/")
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.status == Match.Status.PROPOSED  # refused, nothing changed
    bad = client.post(url + "plan_intro/", {"plan_intro-intro_at": when})
    assert bad.status_code == 400
    client.post(
        url + "plan_intro/", {"plan_intro-intro_at": when, "plan_intro-intro_place": "Krook"}
    )
    client.post(url + "activate/", {})
    match.refresh_from_db()
    assert match.status == Match.Status.ACTIVE
    response = client.post(
        url + "check-ins/",
        {
            "check_in-date": timezone.localdate(),
            "check_in-volunteer_side": "good",
            "check_in-participant_side": "ok",
        },
    )
    assert response.status_code == 302 and match.check_ins.count() == 1
    assert client.post(url + "nonsense/").status_code == 404


def test_the_volunteer_sees_their_contact_and_logs_a_worry(login, volunteer, coordinator, match):
    client = login(volunteer)
    home = client.get("/").content.decode()
    assert match.participant.first_name in home
    assert "0499 11 22 33" in home
    response = client.post(
        f"/buddies/my/contacts/{match.pk}/log/",
        {
            "date": timezone.localdate(),
            "duration_minutes": 60,
            "how_it_went": "difficult",
            "worried": "on",
            "worry_note": "Geen eten in huis",
        },
    )
    assert response.status_code == 302
    log = ContactLog.objects.get()
    assert log.worried and log.worry_note == "Geen eten in huis"
    board = login(coordinator).get("/buddies/matches/").content.decode()
    assert "Geen eten in huis" in board
    assert "Geen eten in huis" in login(coordinator).get("/").content.decode()


def test_withdrawing_buddy_consent_hides_contact_details_at_once(
    login, volunteer, social_worker, match
):
    client = login(volunteer)
    assert "0499 11 22 33" in client.get(f"/buddies/my/contacts/{match.pk}/").content.decode()
    Consent.objects.filter(purpose=Consent.Purpose.BUDDY_SHARING).update(
        withdrawn_on=timezone.localdate(), withdrawal_recorded_by=social_worker.user
    )
    for url in ("/", f"/buddies/my/contacts/{match.pk}/"):
        text = client.get(url).content.decode()
        assert "0499 11 22 33" not in text
        assert "niet gedeeld" in text


def test_a_volunteer_cannot_reach_another_volunteers_contact_or_a_file(
    login, organisation, social_worker, coordinator, volunteer, buddy, match
):
    other = make_volunteer(organisation)
    other_request = make_request(social_worker)
    other_match = services.match_propose(
        membership=coordinator, request=other_request, volunteer=other
    )
    client = login(volunteer)
    for url in (
        f"/buddies/my/contacts/{other_match.pk}/",
        f"/buddies/my/contacts/{other_match.pk}/log/",
        f"/participants/{match.participant_id}/",
        f"/buddies/matches/{match.pk}/",
        "/buddies/requests/",
        "/participants/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/buddies/my/contacts/{other_match.pk}/log/", {"date": "2025-01-01"})
    assert response.status_code == 404
    assert not ContactLog.objects.exists()


def test_the_social_worker_asks_for_a_buddy(login, social_worker):
    participant = make_participant(social_worker)
    client = login(social_worker)
    url = f"/buddies/requests/new/?participant={participant.pk}"
    response = client.post(
        url, {"languages": ["nl", "ar"], "availability": ["wed_afternoon", "sat_morning"]}
    )
    assert response.status_code == 302
    request = BuddyRequest.objects.get()
    assert request.availability == (1 << 7) | (1 << 15)


def test_a_request_without_buddy_consent_is_refused_with_an_explanation(login, social_worker):
    participant = make_participant(social_worker, consent=False)
    response = login(social_worker).post(
        f"/buddies/requests/new/?participant={participant.pk}",
        {"languages": ["nl"], "availability": ["wed_afternoon"]},
    )
    assert response.status_code == 400
    assert "gaf geen toestemming om contactgegevens te delen" in response.content.decode()


def test_duplicate_slots_are_refused(login, volunteer, buddy):
    response = login(volunteer).post(
        "/buddies/my/profile/", {"availability": ["wed_afternoon", "wed_afternoon"], "max_km": 5}
    )
    assert response.status_code == 400
    buddy.refresh_from_db()
    assert buddy.max_km == 10


def test_the_volunteer_pool_marks_expired_screening_in_words(login, coordinator, organisation):
    make_volunteer(
        organisation, screening_issued_on=timezone.localdate() - datetime.timedelta(days=4 * 365)
    )
    text = login(coordinator).get("/buddies/volunteers/").content.decode()
    assert "Vervallen op" in text and "⚠" in text


def test_the_org_admin_changes_the_matching_rules(login, org_admin):
    response = login(org_admin).post(
        "/buddies/settings/",
        {
            "screening_valid_months": 24,
            "training_sessions_required": 2,
            "weight_interests": 2,
            "weight_availability": 1,
            "weight_distance": 1,
            "weight_age": 0,
            "weight_lived_experience": 0.5,
            "weight_waiting": 1,
        },
    )
    assert response.status_code == 302
    assert selectors.buddy_settings_for(org_admin.organisation_id).weight_interests == 2


def test_the_coordinator_creates_a_volunteer_profile(login, coordinator, volunteer):
    response = login(coordinator).post(
        "/buddies/volunteers/new/",
        {
            "user": volunteer.user_id,
            "status": "active",
            "languages": ["nl"],
            "max_km": 5,
            "capacity": 1,
            "training_sessions": 1,
            "availability": ["mon_morning", "fri_evening"],
            "screening_issued_on": "2025-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = volunteer.user.volunteer_profiles.get()
    assert profile.screening_valid_until == datetime.date(2028, 3, 1)


def test_the_participant_file_partial_shows_the_buddy(social_worker, match):
    from django.template.loader import render_to_string

    from buddies.selectors import participant_buddy_matches

    html = render_to_string(
        "buddies/_participant_buddy.html",
        {
            "buddy_matches": participant_buddy_matches(social_worker, match.participant_id),
            "participant": match.participant,
        },
    )
    assert match.volunteer.phone in html
