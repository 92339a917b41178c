"""Closing a match keeps its story: a confirmation before it starts closing (with a way back),
the closing date and both evaluations on the match, earlier buddies and worries on the file's
buddy card and timeline."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape

from buddies import selectors, services
from buddies.models import ContactLog, Match
from tests.factories import MembershipFactory

from .conftest import make_participant

pytestmark = pytest.mark.django_db
S = Match.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def active(coordinator, buddy, buddy_request):
    match = services.match_propose(membership=coordinator, request=buddy_request, volunteer=buddy)
    match = services.match_plan_intro(
        membership=coordinator,
        match=match,
        intro_at=timezone.now() - 20 * DAY,
        intro_place="De Krook",
    )
    return services.match_activate(
        membership=coordinator, match=match, started_on=timezone.localdate() - 19 * DAY
    )


def _close(coordinator, match):
    services.match_start_closing(membership=coordinator, match=match)
    return services.match_close(
        membership=coordinator,
        match=match,
        data={
            "close_reason": Match.CloseReason.COMPLETED,
            "evaluation_volunteer": "Het was fijn om samen te wandelen.",
            "evaluation_participant": "Ik durf nu alleen naar de markt.",
        },
    )


def test_starting_to_close_first_shows_what_will_happen(login, coordinator, active):
    client = login(coordinator)
    detail = client.get(f"/buddies/matches/{active.pk}/").content.decode()
    assert f"/buddies/matches/{active.pk}/start-closing/" in detail
    assert f'action="/buddies/matches/{active.pk}/start_closing/"' not in detail  # no one click
    page = client.get(f"/buddies/matches/{active.pk}/start-closing/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Wat er gebeurt" in text
    assert f'action="/buddies/matches/{active.pk}/start_closing/"' in text
    active.refresh_from_db()
    assert active.status == S.ACTIVE  # opening the confirmation changes nothing


def test_confirming_starts_closing_with_the_reason_in_the_history_and_it_can_be_undone(
    login, coordinator, active
):
    client = login(coordinator)
    response = client.post(
        f"/buddies/matches/{active.pk}/start_closing/",
        {"start_closing-note": "Verhuist naar Antwerpen"},
    )
    assert response.status_code == 302
    active.refresh_from_db()
    assert active.status == S.CLOSING
    assert active.events.last().note == "Verhuist naar Antwerpen"
    assert "/resume/" in client.get(f"/buddies/matches/{active.pk}/").content.decode()
    client.post(f"/buddies/matches/{active.pk}/resume/", {})
    active.refresh_from_db()
    assert active.status == S.ACTIVE
    assert list(active.events.values_list("to_status", flat=True))[-2:] == [S.CLOSING, S.ACTIVE]


def test_the_confirmation_is_only_for_running_matches_and_for_coordinators(
    request, login, coordinator, active
):
    url = f"/buddies/matches/{active.pk}/start-closing/"
    for role in ("social_worker", "volunteer", "researcher", "other_org_admin"):
        assert login(request.getfixturevalue(role)).get(url).status_code == 404, role
    services.match_start_closing(membership=coordinator, match=active)
    response = login(coordinator).get(url)
    assert response.status_code == 302 and response["Location"] == f"/buddies/matches/{active.pk}/"


def test_a_closed_match_shows_its_closing_date_and_both_evaluations(login, coordinator, active):
    _close(coordinator, active)
    text = login(coordinator).get(f"/buddies/matches/{active.pk}/").content.decode()
    assert "Hoe de koppeling eindigde" in text
    assert timezone.localdate().strftime("%-d-%-m-%Y") in text
    assert "Het was fijn om samen te wandelen." in text
    assert "Ik durf nu alleen naar de markt." in text
    assert "na 19 dagen" in text


def test_a_match_cannot_close_in_the_future(coordinator, active):
    services.match_start_closing(membership=coordinator, match=active)
    with pytest.raises(Exception) as error:
        services.match_close(
            membership=coordinator,
            match=active,
            data={
                "closed_on": timezone.localdate() + DAY,
                "close_reason": "completed",
                "evaluation_volunteer": "x",
                "evaluation_participant": "y",
            },
        )
    assert "closed_on" in error.value.message_dict


def test_earlier_buddies_stay_on_the_participants_buddy_card(
    login, coordinator, social_worker, active, buddy
):
    _close(coordinator, active)
    card = login(social_worker).get(f"/buddies/participants/{active.participant_id}/")
    text = card.content.decode()
    assert "Vroegere buddy" in text
    assert escape(buddy.full_name) in text
    assert "Doelen bereikt" in text


def test_the_files_timeline_shows_when_the_buddy_match_started_and_ended(
    login, coordinator, social_worker, active
):
    _close(coordinator, active)
    text = login(social_worker).get(f"/participants/{active.participant_id}/").content.decode()
    assert "Een buddykoppeling startte" in text
    assert "Een buddykoppeling eindigde" in text


def test_a_worry_reaches_the_participants_social_worker_and_no_one_else(
    login, organisation, coordinator, social_worker, volunteer, active
):
    services.contact_log_create(
        membership=volunteer, match=active, data={"worried": True, "worry_note": "Eet slecht"}
    )
    services.contact_log_create(
        membership=volunteer, match=active, data={"what_we_did": "Koffie gedronken"}
    )
    seen = selectors.contact_logs_visible_to(social_worker)
    assert [log.worry_note for log in seen] == ["Eet slecht"]  # not the other logs
    card = login(social_worker).get(f"/buddies/participants/{active.participant_id}/")
    assert "Eet slecht" in card.content.decode()
    colleague = MembershipFactory(organisation=organisation, role=social_worker.role)
    assert not selectors.contact_logs_visible_to(colleague).exists()
    other_caseload = make_participant(colleague)
    assert not selectors.participant_worries(colleague, other_caseload.pk).exists()
    assert ContactLog.objects.count() == 2


def test_the_api_starts_closing_with_a_note_and_resumes(login, coordinator, active):
    client = login(coordinator)
    url = f"/api/buddies/matches/{active.pk}/transitions/"
    response = client.post(
        url, {"action": "start_closing", "note": "Verhuist"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["status"] == "closing"
    assert active.events.last().note == "Verhuist"
    response = client.post(url, {"action": "resume"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "active"
    response = client.post(url, {"action": "resume"}, content_type="application/json")
    assert response.status_code == 400  # only a closing match goes on
