import datetime

import pytest
from django.utils.html import escape

from accounts.models import AuditEvent
from signalling.models import Signal, SignalSharing, quarter_of
from tests.buddies.conftest import make_participant

from .conftest import TODAY, record, theme

pytestmark = pytest.mark.django_db


def _form(organisation, **data):
    return {
        "theme": theme(organisation).pk,
        "occurred_on": (TODAY() - datetime.timedelta(days=2)).isoformat(),
        "municipality": "9000",
        "work_model": "",
        "initiative": "",
        "story": "Het inschrijven voor de opvang kan alleen nog online.",
        "participant_counted": "true",
        **data,
    }


def test_a_social_worker_records_a_signal_from_a_file_with_the_files_municipality(
    login, social_worker
):
    participant = make_participant(social_worker, municipality="Antwerpen")
    client = login(social_worker)
    url = f"/signals/new/file/{participant.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="Antwerpen"' in page.content.decode()
    response = client.post(url, _form(social_worker.organisation))
    signal = Signal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/signals/{signal.pk}/"
    assert signal.participant == participant and signal.source_type == "file"
    assert signal.municipality == "Gent" and signal.participant_counted is True


def test_a_story_with_a_name_comes_back_with_the_names_and_the_text_kept(login, social_worker):
    make_participant(social_worker, first_name="Rosalie", last_name="Claeys")
    client = login(social_worker)
    story = "Rosalie moest drie keer terugkomen voor één attest."
    response = client.post("/signals/new/", _form(social_worker.organisation, story=story))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Rosalie" in body and escape(story) in body
    assert not Signal.objects.exists()


def test_the_list_filters_and_records_the_read(login, social_worker, coordinator):
    transport = record(social_worker, municipality="Gent")
    costs = record(social_worker, code="costs", municipality="Aalst")
    client = login(coordinator)
    body = client.get("/signals/").content.decode()
    assert f"/signals/{transport.pk}/" in body and f"/signals/{costs.pk}/" in body
    body = client.get("/signals/", {"municipality": "aalst"}).content.decode()
    assert f"/signals/{costs.pk}/" in body and f"/signals/{transport.pk}/" not in body
    body = client.get("/signals/", {"theme": transport.theme_id}).content.decode()
    assert f"/signals/{transport.pk}/" in body and f"/signals/{costs.pk}/" not in body
    year_ago = quarter_of(TODAY() - datetime.timedelta(days=370))
    body = client.get("/signals/", {"quarter": year_ago}).content.decode()
    assert f"/signals/{transport.pk}/" not in body
    assert AuditEvent.objects.filter(action="read", object_type="signalling.signal").exists()


def test_the_list_costs_the_same_queries_for_many_signals(
    login, social_worker, django_assert_max_num_queries
):
    client = login(social_worker)
    record(social_worker)
    record(social_worker)
    with django_assert_max_num_queries(40) as few:
        client.get("/signals/")
    for _ in range(15):
        record(social_worker, code="costs")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/signals/").status_code == 200


def test_a_volunteer_sees_only_their_own_signals_and_records_from_their_match(
    login, volunteer, social_worker
):
    from buddies.models import Match
    from tests.buddies.conftest import make_request, make_volunteer

    theirs = record(social_worker)
    buddy = make_volunteer(volunteer.organisation, membership=volunteer)
    request = make_request(social_worker)
    match = Match.objects.create(
        organisation=volunteer.organisation,
        request=request,
        participant=request.participant,
        volunteer=buddy,
        status=Match.Status.ACTIVE,
        proposed_by=social_worker.user,
    )
    client = login(volunteer)
    assert client.get("/signals/new/").status_code == 404
    response = client.post(f"/signals/new/match/{match.pk}/", _form(volunteer.organisation))
    own = Signal.objects.get(reported_by=volunteer.user)
    assert response.status_code == 302 and own.match == match and own.source_type == "match"
    body = client.get("/signals/").content.decode()
    assert f"/signals/{own.pk}/" in body and f"/signals/{theirs.pk}/" not in body
    assert client.get(f"/signals/{theirs.pk}/").status_code == 404


def test_other_organisations_and_researchers_reach_nothing(
    login, social_worker, other_org_admin, researcher
):
    signal = record(social_worker)
    for member in (other_org_admin, researcher):
        client = login(member)
        assert client.get(f"/signals/{signal.pk}/").status_code == 404
        assert client.get(f"/signals/{signal.pk}/edit/").status_code == 404
    assert login(researcher).get("/signals/").status_code == 404


def test_a_colleague_reads_but_does_not_change_anothers_signal(login, social_worker, colleague):
    signal = record(social_worker)
    client = login(colleague)
    assert client.get(f"/signals/{signal.pk}/").status_code == 200
    assert client.get(f"/signals/{signal.pk}/edit/").status_code == 403
    assert client.post(f"/signals/{signal.pk}/withdraw/").status_code == 403
    assert client.post(f"/signals/{signal.pk}/release/").status_code == 403


def test_withdraw_asks_first_then_withdraws(login, social_worker):
    signal = record(social_worker)
    client = login(social_worker)
    assert (
        "Ja, het signaal intrekken"
        in client.get(f"/signals/{signal.pk}/withdraw/").content.decode()
    )
    assert client.post(f"/signals/{signal.pk}/withdraw/").status_code == 302
    signal.refresh_from_db()
    assert signal.withdrawn_at is not None


def test_an_org_admin_releases_a_story_after_the_check_and_can_end_it(
    login, social_worker, org_admin
):
    signal = record(social_worker)
    client = login(org_admin)
    assert (
        "Ja, dit verhaal vrijgeven" in client.get(f"/signals/{signal.pk}/release/").content.decode()
    )
    client.post(f"/signals/{signal.pk}/release/")
    signal.refresh_from_db()
    assert signal.story_released
    client.post(f"/signals/{signal.pk}/unrelease/")
    signal.refresh_from_db()
    assert not signal.story_released


def test_the_release_page_names_the_names_and_refuses(login, social_worker, org_admin):
    signal = record(social_worker, story="Het loket van Quinten was dicht.")
    make_participant(social_worker, first_name="Quinten")
    client = login(org_admin)
    page = client.get(f"/signals/{signal.pk}/release/").content.decode()
    assert "Quinten" in page and "Ja, dit verhaal vrijgeven" not in page
    assert client.post(f"/signals/{signal.pk}/release/").status_code == 400
    signal.refresh_from_db()
    assert not signal.story_released


def test_sharing_takes_a_confirmation_and_explains_what_is_shared(login, org_admin):
    client = login(org_admin)
    page = client.get("/signals/sharing/").content.decode()
    assert "Wat nooit gedeeld wordt" in page
    assert client.post("/signals/sharing/", {"opted_in": "yes"}).status_code == 400
    assert not SignalSharing.objects.filter(opted_in=True).exists()
    client.post("/signals/sharing/", {"opted_in": "yes", "confirm": "on"})
    assert SignalSharing.objects.get().opted_in
    client.post("/signals/sharing/", {"opted_in": "no", "confirm": "on"})
    assert not SignalSharing.objects.get().opted_in


def test_theme_pages_add_and_rename(login, org_admin, social_worker):
    client = login(org_admin)
    assert client.get("/signals/themes/").status_code == 200
    client.post("/signals/themes/", {"name": "Energie", "order": 5, "active": "on"})
    assert org_admin.organisation.signal_themes.filter(name="Energie", code="").exists()
    transport = theme(org_admin.organisation)
    client.post(f"/signals/themes/{transport.pk}/", {"name": "Mobiliteit", "order": 1})
    transport.refresh_from_db()
    assert transport.name == "Mobiliteit" and not transport.active
    assert login(social_worker).get("/signals/themes/").status_code == 404


def test_the_overview_counts_per_theme_and_quarter(login, social_worker, org_admin):
    record(social_worker, days_ago=0)
    record(social_worker, days_ago=0)
    record(social_worker, code="costs", days_ago=0, participant_counted=False)
    withdrawn = record(social_worker, days_ago=0)
    from signalling import services

    services.signal_withdraw(membership=social_worker, signal=withdrawn)
    response = login(org_admin).get("/signals/overview/")
    rows = {theme.code: values for theme, values, _total in response.context["overview"].rows}
    assert rows["transport"][0][1] == 2 and rows["costs"][0][1] == 1
    assert response.context["overview"].total == 3
