"""The "calendar in your phone" page and the API for one's own links: make (shown once),
replace, revoke with confirmation; another person's link is out of reach (404)."""

import pytest
from django.utils.html import escape
from rest_framework.test import APIClient

from calendars import services
from calendars.models import CalendarFeed

pytestmark = pytest.mark.django_db


def test_the_page_explains_and_makes_a_link_shown_once(login, volunteer):
    client = login(volunteer)
    page = client.get("/calendar/")
    assert page.status_code == 200
    assert "Agenda in je telefoon" in page.content.decode()
    assert "Mijn agenda-link maken" in page.content.decode()
    made = client.post("/calendar/new/")
    assert made.status_code == 200
    feed = CalendarFeed.objects.get(membership=volunteer)
    url = made.context["feed_url"]
    assert url.endswith(".ics") and "/calendar/feed/" in url
    assert escape(url) in made.content.decode()
    assert made.context["webcal_url"].startswith("webcal://")
    assert made["Cache-Control"].startswith("max-age=0") or "no-store" in made["Cache-Control"]
    again = client.get("/calendar/")
    assert url not in again.content.decode()  # never shown again
    assert "Je hebt een werkende link" in again.content.decode()
    assert feed.is_open


def test_a_new_link_from_the_page_stops_the_old_one(login, volunteer):
    client = login(volunteer)
    client.post("/calendar/new/")
    client.post("/calendar/new/")
    feeds = list(CalendarFeed.objects.filter(membership=volunteer).order_by("id"))
    assert [f.is_open for f in feeds] == [False, True]


def test_stopping_a_link_asks_first(login, volunteer):
    feed, _token = services.feed_create(membership=volunteer)
    client = login(volunteer)
    confirm = client.get(f"/calendar/{feed.pk}/revoke/")
    assert confirm.status_code == 200
    assert "Je agenda krijgt geen nieuwe afspraken meer" in confirm.content.decode()
    feed.refresh_from_db()
    assert feed.is_open
    done = client.post(f"/calendar/{feed.pk}/revoke/")
    assert done.status_code == 302
    feed.refresh_from_db()
    assert not feed.is_open
    assert client.get(f"/calendar/{feed.pk}/revoke/").status_code == 404


def test_someone_elses_link_is_out_of_reach(login, volunteer, social_worker, other_org_admin):
    feed, _token = services.feed_create(membership=volunteer)
    for other in (social_worker, other_org_admin):
        client = login(other)
        assert client.get(f"/calendar/{feed.pk}/revoke/").status_code == 404
        assert client.post(f"/calendar/{feed.pk}/revoke/").status_code == 404
    feed.refresh_from_db()
    assert feed.is_open


def test_a_researcher_has_no_calendar(login, researcher):
    assert login(researcher).get("/calendar/").status_code == 404
    assert login(researcher).post("/calendar/new/").status_code == 404


def api(membership) -> APIClient:
    client = APIClient()
    client.force_authenticate(membership.user)
    return client


def test_the_api_makes_lists_and_revokes_ones_own_links(social_worker):
    client = api(social_worker)
    made = client.post("/api/calendar-feeds/", {}, format="json")
    assert made.status_code == 201, made.content
    assert made.json()["url"].endswith(".ics") and made.json()["is_open"]
    listed = client.get("/api/calendar-feeds/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [made.json()["id"]]
    assert "url" not in rows[0]  # the link is shown in the answer that made it only
    refused = client.post("/api/calendar-feeds/", {}, format="json")
    assert refused.status_code == 400 and "replace" in refused.json()
    bad = client.post("/api/calendar-feeds/", {"replace": "perhaps"}, format="json")
    assert bad.status_code == 400 and "replace" in bad.json()
    replaced = client.post("/api/calendar-feeds/", {"replace": True}, format="json")
    assert replaced.status_code == 201
    revoked = client.post(f"/api/calendar-feeds/{replaced.json()['id']}/revoke/")
    assert revoked.status_code == 200 and revoked.json()["is_open"] is False


def test_the_api_answers_404_for_another_persons_link(social_worker, colleague, other_org_admin):
    feed, _token = services.feed_create(membership=social_worker)
    for other in (colleague, other_org_admin):
        assert api(other).post(f"/api/calendar-feeds/{feed.pk}/revoke/").status_code == 404
    feed.refresh_from_db()
    assert feed.is_open


def test_the_api_is_not_for_researchers_nor_anonymous(researcher):
    assert api(researcher).get("/api/calendar-feeds/").status_code == 404
    assert APIClient().get("/api/calendar-feeds/").status_code in (401, 403)
