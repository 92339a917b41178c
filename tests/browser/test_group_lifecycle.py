"""A facilitator records that a member stopped (confirmed, dated), undoes it, and sees what
deleting the group would take; on a phone and on a laptop. Axe checks every page."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from groups.models import GroupMember
from tests.groups.conftest import add_members, make_group, make_session

from .harness import DESKTOP, PHONE, login_as, screenshot

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], indirect=True)
def test_a_member_stops_with_a_confirmation_and_the_stop_is_undone(
    page, live_server, social_worker, viewport
):
    group = make_group(social_worker, name="Kookclub De Pot")  # the creator runs it
    member = add_members(social_worker, group, 2)[0]
    make_session(social_worker, group, days_ago=-7)  # planned, not held
    name = member.participant.preferred_name or member.participant.first_name
    login_as(page, live_server, social_worker)

    page.goto(f"{live_server.url}/groups/{group.pk}/")
    page.get_by_role("link", name=f"{name} is gestopt met de groep").click()
    expect(page.locator("h1")).to_have_text(f"{name} is gestopt met de groep")
    screenshot(page, f"groups/stop-confirm-{viewport.width}")
    page.get_by_role("button", name=f"Ja, {name} is gestopt").click()
    today = timezone.localdate()
    expect(page.locator("ul.group-members")).to_contain_text(
        f"gestopt op {today.day}-{today.month}-{today.year}"
    )
    screenshot(page, f"groups/detail-stopped-{viewport.width}")
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= viewport.width, f"the group page scrolls sideways ({width}px)"
    assert GroupMember.objects.get(pk=member.pk).left_on == today

    page.get_by_role("button", name=f"Ongedaan maken: {name} is niet gestopt").click()
    expect(page.locator(".messages")).to_contain_text("opnieuw lid")
    assert GroupMember.objects.get(pk=member.pk).left_on is None

    page.get_by_role("link", name="Groep verwijderen").click()
    expect(page.locator("main")).to_contain_text("2 leden")
    screenshot(page, f"groups/delete-confirm-{viewport.width}")
    page.get_by_role("button", name="Ja, verwijder de groep").click()
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/groups"))
    expect(page.locator(".messages")).to_contain_text("Kookclub De Pot")
    assert not GroupMember.objects.filter(group_id=group.pk).exists()
