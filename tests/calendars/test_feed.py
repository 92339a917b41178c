"""The feed a calendar app reads: the right events per role, stable UIDs, cancelled shown as
such, nothing but first names and group names, only one's own organisation, a revoked or
unknown link 404, no session, no caching, a constant number of queries, audited."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AuditEvent
from buddies.models import Match
from calendars import services
from calendars.models import CalendarFeed
from calendars.selectors import hash_token
from groups.models import GroupSession
from participants.services.access_blocks import access_block_create

from .conftest import ADDRESS, DAY, NOTE, SURNAME, events, fetch, make_match, read_feed, today

pytestmark = pytest.mark.django_db


def test_the_volunteer_sees_introductions_meetings_and_the_sessions_they_lead(world, volunteer):
    calendar, _body = read_feed(volunteer)
    found = events(calendar)
    assert set(found) == {
        "Kennismaking met Rita",
        "Kennismaking met Bram",
        "Kennismaking met Cas",
        "Afspraak met Bram",
        "Groepssessie Kookclub",
    }
    intro = found["Kennismaking met Rita"]
    assert intro.decoded("dtstart") == world["rita"].intro_at
    assert str(intro["status"]) == "CONFIRMED"
    assert str(intro["uid"]).startswith(f"match-intro-{world['rita'].pk}@")
    assert str(found["Kennismaking met Cas"]["status"]) == "CANCELLED"
    meeting = found["Afspraak met Bram"]
    assert meeting.decoded("dtstart") == today() + 7 * DAY  # an all-day event
    session = found["Groepssessie Kookclub"]
    start = session.decoded("dtstart")
    assert timezone.localtime(start).time() == datetime.time(14)
    assert session.decoded("dtend") - start == datetime.timedelta(hours=2)


def test_the_social_worker_sees_follow_ups_and_sessions(world, social_worker):
    found = events(read_feed(social_worker)[0])
    assert set(found) == {"Opvolging met Bram", "Groepssessie Kookclub"}
    follow_up = found["Opvolging met Bram"]
    assert follow_up.decoded("dtstart") == today() + 10 * DAY
    assert f"/participants/{world['bram'].participant_id}/" in str(follow_up["url"])


def test_the_coordinator_sees_introductions_and_check_ins_of_their_matches(world, coordinator):
    found = events(read_feed(coordinator)[0])
    assert "Kennismaking met Rita" in found
    check_in = found["Check-in op de match met Bram"]
    # Intro 20 days ago: the 6-week check-in (default 14, 42, 91 days; 14 not yet done shows too)
    days = sorted(
        e.decoded("dtstart")
        for e in events_all(read_feed(coordinator)[0])
        if str(e["summary"]) == "Check-in op de match met Bram"
    )
    intro_day = timezone.localdate(world["bram"].intro_at)
    assert days[:3] == [intro_day + d * DAY for d in (14, 42, 91)]
    assert check_in is not None


def events_all(calendar):
    return list(calendar.walk("VEVENT"))


def test_no_surname_address_or_note_ever_appears(world, volunteer, social_worker, coordinator):
    for membership in (volunteer, social_worker, coordinator):
        _calendar, body = read_feed(membership)
        text = body.decode()
        unfolded = text.replace("\r\n ", "")
        for secret in (SURNAME, ADDRESS, "Kouter", NOTE, "schulden"):
            assert secret not in unfolded, (membership.role, secret)
        assert "LOCATION" not in text


def test_the_feed_is_in_the_persons_language(world, volunteer):
    volunteer.user.preferred_language = "en"
    volunteer.user.save()
    found = events(read_feed(volunteer)[0])
    assert "Introduction with Rita" in found and "Group session Kookclub" in found


def test_uids_stay_the_same_so_calendars_update_instead_of_duplicating(world, volunteer):
    _feed, token = services.feed_create(membership=volunteer)
    first = {str(e["uid"]) for e in events_all(fetch(token)[0])}
    Match.objects.filter(pk=world["rita"].pk).update(intro_at=world["rita"].intro_at + DAY)
    second = events(fetch(token)[0])
    assert first == {str(e["uid"]) for e in second.values()}
    assert second["Kennismaking met Rita"].decoded("dtstart") == world["rita"].intro_at + DAY


def test_a_deleted_session_drops_out_and_events_outside_the_window_stay_out(world, volunteer):
    GroupSession.objects.filter(pk=world["session"].pk).delete()
    GroupSession.objects.create(
        group=world["group"], date=today() - 40 * DAY, created_by=world["group"].created_by
    )
    found = events(read_feed(volunteer)[0])
    assert "Groepssessie Kookclub" not in found


def test_another_organisations_records_never_appear(
    world, volunteer, other_org_worker, other_org_admin
):
    # Someone in the other organisation with the same user gets only that organisation's feed.
    from tests.factories import MembershipFactory

    elsewhere = MembershipFactory(
        user=volunteer.user, organisation=other_org_worker.organisation, role="volunteer"
    )
    calendar, body = read_feed(elsewhere)
    assert events(calendar) == {}
    for name in ("Rita", "Bram", "Kookclub"):
        assert name not in body.decode()


def test_a_revoked_an_unknown_or_a_stopped_membership_link_answers_404(world, volunteer):
    feed, token = services.feed_create(membership=volunteer)
    client = Client()
    url = f"/calendar/feed/{token}.ics"
    assert client.get(url).status_code == 200
    assert client.get(f"/calendar/feed/{token[:-2]}xx.ics").status_code == 404
    services.feed_revoke(membership=volunteer, feed=feed)
    assert client.get(url).status_code == 404
    _feed, token = services.feed_create(membership=volunteer)
    volunteer.is_active = False
    volunteer.save()
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


def test_a_new_link_revokes_the_old_one(volunteer):
    old, old_token = services.feed_create(membership=volunteer)
    new, new_token = services.feed_create(membership=volunteer)
    old.refresh_from_db()
    assert old.revoked_at is not None and new.revoked_at is None
    assert Client().get(f"/calendar/feed/{old_token}.ics").status_code == 404
    assert Client().get(f"/calendar/feed/{new_token}.ics").status_code == 200


def test_only_a_hash_of_the_token_is_stored(volunteer):
    feed, token = services.feed_create(membership=volunteer)
    stored = CalendarFeed.objects.filter(pk=feed.pk).values()[0]
    assert token not in str(stored)
    assert stored["token_hash"] == hash_token(token)


def test_the_feed_needs_no_session_sets_none_and_is_never_cached(world, volunteer):
    _feed, token = services.feed_create(membership=volunteer)
    client = Client()
    response = client.get(f"/calendar/feed/{token}.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert client.post(f"/calendar/feed/{token}.ics").status_code == 405


def test_reading_the_feed_is_audited_with_ids_only_and_notes_its_use(world, volunteer):
    feed, token = services.feed_create(membership=volunteer)
    fetch(token)
    event = AuditEvent.objects.filter(action=AuditEvent.Action.READ).latest("id")
    assert event.actor == volunteer.user
    assert event.object_type == "participants.participant"
    named = set(event.objects_named.values_list("object_id", flat=True)) | {event.object_id}
    expected = {str(world[key].participant_id) for key in ("rita", "bram", "cas")}
    assert expected <= named
    feed.refresh_from_db()
    assert feed.last_used_at is not None


def test_the_feed_costs_the_same_queries_whatever_the_number_of_events(
    world, volunteer, social_worker, coordinator
):
    def count(membership):
        _feed, token = services.feed_create(membership=membership)
        with CaptureQueriesContext(connection) as queries:
            fetch(token)
        return len(queries)

    buddy = world["rita"].volunteer

    def add(count_of):
        for index in range(count_of):
            match = make_match(
                social_worker,
                coordinator,
                volunteer,
                f"Extra{index}",
                buddy=buddy,
                intro_at=timezone.now() + (index + 1) * DAY,
                next_meeting_on=today() + 9 * DAY,
            )
            world["intervention"].pk = None
            world["intervention"].participant = match.participant
            world["intervention"].save()
            GroupSession.objects.create(
                group=world["group"],
                date=today() + (index + 3) * DAY,
                created_by=world["group"].created_by,
            )

    add(1)  # every kind of event at least twice: the audit names several files
    before = {m.role: count(m) for m in (volunteer, social_worker, coordinator)}
    add(6)
    after = {m.role: count(m) for m in (volunteer, social_worker, coordinator)}
    assert after == before
    assert max(after.values()) <= 12


def test_too_many_reads_of_one_link_answer_429(world, volunteer, settings):
    settings.NETWERK_CALENDAR_FEED_RATE = "2/hour"
    _feed, token = services.feed_create(membership=volunteer)
    client = Client()
    url = f"/calendar/feed/{token}.ics"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


def test_a_file_blocked_from_the_person_leaves_their_feed(world, volunteer, coordinator, org_admin):
    """An access block hides the file everywhere, calendars included (issue 18)."""
    rita = world["rita"].participant
    for person in (volunteer, coordinator):
        access_block_create(
            membership=org_admin, participant=rita, user=person.user, reason="neighbour"
        )
    assert "Kennismaking met Rita" not in events(read_feed(volunteer)[0])
    assert "Kennismaking met Rita" not in events(read_feed(coordinator)[0])
    assert "Kennismaking met Bram" in events(read_feed(coordinator)[0])
