"""An org admin blocks a colleague (a neighbour of the participant) from a file in a real
browser; the colleague, who reads the team's files, then meets 404 on the file and its
sub-pages and does not find it in the caseload or the search. axe checks every page."""

import pytest
from playwright.sync_api import expect

from participants.models import AccessBlock
from tests.participants.factories import enable_team_access, file_for

from .harness import DESKTOP, allow_console_error, login_as, screenshot, visit

pytestmark = pytest.mark.browser


def test_a_blocked_colleague_meets_404_everywhere_the_file_could_appear(
    page, browser_session, live_server, org_admin, social_worker, colleague
):
    enable_team_access(social_worker)
    participant = file_for(social_worker, first_name="Zwaluwina", last_name="Blokkade")
    file_for(social_worker, first_name="Gewone", last_name="Buur")

    login_as(page, live_server, org_admin)
    visit(page, f"{live_server.url}/participants/{participant.pk}/")
    page.get_by_role("link", name="Toegang blokkeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegang tot dit dossier blokkeren")
    page.get_by_label("Wie mag dit dossier niet zien?").select_option(str(colleague.user_id))
    page.get_by_label("Reden").select_option("neighbour")
    page.get_by_role("button", name="Toegang blokkeren").click()
    expect(page.locator("table")).to_contain_text(str(colleague.user))
    screenshot(page, "access-block-on-the-file")
    visit(page, f"{live_server.url}/participants/access-blocks/")
    expect(page.locator("table")).to_contain_text("Zwaluwina")
    assert AccessBlock.objects.filter(participant=participant, user=colleague.user).exists()

    other = browser_session.new_page(DESKTOP)
    browser_session.watch_for(other)
    login_as(other, live_server, colleague)
    allow_console_error(other, "status of 404")
    for path in ("", "history/", "network/", "rights/"):
        visit(other, f"{live_server.url}/participants/{participant.pk}/{path}", status=404)
    visit(other, f"{live_server.url}/participants/?scope=team")
    expect(other.locator("#caseload-results")).to_contain_text("Gewone")
    expect(other.locator("#caseload-results")).not_to_contain_text("Zwaluwina")
    visit(other, f"{live_server.url}/participants/?scope=team&q=Zwaluwina")
    expect(other.locator("#caseload-results")).not_to_contain_text("Blokkade")
    screenshot(other, "access-block-search-finds-nothing")
