"""Group work on a tablet: a facilitator (a social worker) creates a peer group, adds members,
takes attendance with one tap per person and two extra attendees, adds a "met here" tie, and
the participant's file shows the attendance. Every page on the way passes axe (harness.py)."""

import pytest
from playwright.sync_api import expect

from groups.models import Attendance, GroupSession, MetHereTie
from tests.groups.conftest import make_participant

from .harness import TABLET, login_as, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.viewport(*TABLET)]


def test_a_facilitator_runs_a_peer_group_session_on_a_tablet(page, live_server, social_worker):
    amira = make_participant(social_worker, first_name="Amira", last_name="Ouali")
    bert = make_participant(social_worker, first_name="Bert", last_name="Claes")
    login_as(page, live_server, social_worker)

    # Create the peer group.
    page.goto(f"{live_server.url}/groups/new/")
    page.locator("input[name='name']").fill("Praatgroep De Brug")
    page.locator("select[name='kind']").select_option("peer_group")
    page.locator("select[name='work_model']").select_option(label="Lotgenotennetwerken")
    page.locator("input[name='place']").fill("Buurthuis Ledeberg")
    screenshot(page, "groups/01-new-group-tablet")
    page.locator("form.group-form button[type='submit']").click()
    page.wait_for_url(lambda url: url.rstrip("/").split("/")[-1].isdigit())
    expect(page.locator("h1")).to_have_text("Praatgroep De Brug")

    # Add two members from the caseload.
    for participant in (amira, bert):
        page.locator("select[name='member-participant']").select_option(str(participant.pk))
        page.locator("form.member-add button[type='submit']").click()
        expect(page.locator("ul.group-members")).to_contain_text(participant.first_name)
    expect(page.locator("ul.group-members")).not_to_contain_text("Ouali")

    # Plan today's session: it opens the attendance page.
    page.locator("input[name='session-topic']").fill("Kennismaking")
    page.locator("form.session-add button[type='submit']").click()
    page.wait_for_url(lambda url: "/groups/sessions/" in url)
    session = GroupSession.objects.get()
    amira_member = session.group.members.get(participant=amira)

    # One tap for Amira (saved at once by htmx); Bert is absent; two people without a file.
    with page.expect_response(lambda response: "/toggle/" in response.url):
        page.locator(f"label#member-{amira_member.pk}").click()
    expect(page.locator(f"#present-{amira_member.pk}")).to_be_checked()
    assert Attendance.objects.filter(member=amira_member).exists()
    page.locator("input[name='extra_attendees']").fill("2")
    screenshot(page, "groups/02-attendance-tablet")
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= TABLET.width, f"the attendance page scrolls sideways ({width}px)"
    page.locator("form.attendance-form button[type='submit']").click()
    expect(page.locator(".messages")).to_be_visible()
    session.refresh_from_db()
    assert session.attendance_taken and session.extra_attendees == 2
    assert list(Attendance.objects.values_list("member_id", flat=True)) == [amira_member.pk]

    # A "met here" tie: as Amira's own social worker it goes onto her map at once.
    page.locator(f"a[href='/groups/sessions/{session.pk}/ties/']").click()
    page.wait_for_url(lambda url: url.endswith("/ties/"))
    page.locator("select[name='member']").select_option(str(amira_member.pk))
    page.locator("input[name='label']").fill("Fatima uit de groep")
    page.locator("form.tie-form button[type='submit']").click()
    expect(page.locator(".messages")).to_be_visible()
    assert MetHereTie.objects.get().status == MetHereTie.Status.CONFIRMED
    assert amira.network_members.filter(label="Fatima uit de groep").exists()

    # Amira's file shows the attendance, in the timeline and in the groups card.
    page.goto(f"{live_server.url}/participants/{amira.pk}/")
    timeline = page.locator("#timeline")
    expect(timeline.locator(".timeline-group_work").first).to_contain_text("Praatgroep De Brug")
    card = page.locator("#groups-card")
    expect(card.locator("ul.file-groups")).to_contain_text("Praatgroep De Brug")
    expect(card.locator("ul.file-groups")).to_contain_text("1")
    screenshot(page, "groups/03-file-with-attendance-tablet")
