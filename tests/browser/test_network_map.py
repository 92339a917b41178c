"""In a real browser: a social worker builds a network map of 8 members, takes a baseline,
changes the map, takes a follow-up, records an LSNS-6 and a De Jong Gierveld measurement, and
sees the comparison and the charts. Every page and htmx swap passes axe (see harness.py).

Selectors use names and ids, not texts: the texts are translated."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import Instrument, Measurement, NetworkSnapshot, OrganisationInstrument
from tests.factories import ParticipantFactory
from tests.participants.factories import ConsentFactory

from .harness import login_as, screenshot

pytestmark = pytest.mark.browser

MEMBERS = [
    ("Zus Leen", "family", "very_close", ["emotional", "practical"]),
    ("Mama", "family", "close", ["emotional"]),
    ("Buurman Ahmed", "neighbours", "acquaintance", ["practical"]),
    ("Vriendin Sara", "friends", "close", ["companionship", "emotional"]),
    ("CAW-werker", "professionals", "services", ["informational"]),
    ("Huisarts", "professionals", "services", ["informational", "practical"]),
    ("Collega Tom", "work_school", "acquaintance", ["companionship"]),
    ("Praatgroep", "peers", "close", ["emotional", "informational"]),
]


def add_member(page, label, sector, ring, support):
    form = page.locator("#network-editor form.nw-member-form")
    form.locator("input[name='member-label']").fill(label)
    form.locator("select[name='member-sector']").select_option(sector)
    form.locator("select[name='member-ring']").select_option(ring)
    for code in support:
        form.locator(f"input[name='member-support'][value='{code}']").check()
    form.locator("select[name='member-frequency']").select_option("weekly")
    form.locator("button[type='submit']").click()
    expect(page.locator("#members-now tbody th[scope='row']", has_text=label)).to_be_visible()


def take_snapshot(page, taken_on, kind):
    form = page.locator("form[action$='/network/snapshots/']")
    form.locator("input[name='snapshot-taken_on']").fill(taken_on.isoformat())
    form.locator("select[name='snapshot-kind']").select_option(kind)
    form.locator("button[type='submit']").click()
    expect(page.locator("#snapshots-heading")).to_be_visible()


def test_a_social_worker_maps_a_network_and_sees_it_change(page, live_server, social_worker):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name="Mia",
    )
    ConsentFactory(participant=participant, given_on=timezone.localdate() - datetime.timedelta(60))
    lsns = Instrument.objects.get(code="lsns6")
    djg = Instrument.objects.get(code="djg6")
    for instrument in (lsns, djg):
        OrganisationInstrument.objects.create(
            organisation=social_worker.organisation, instrument=instrument
        )
    today = timezone.localdate()
    network_url = f"{live_server.url}/participants/{participant.pk}/network/"

    login_as(page, live_server, social_worker)
    page.goto(network_url)
    for member in MEMBERS:
        add_member(page, *member)  # htmx: the editor is swapped in place, no reload
    expect(page.locator("#network-editor svg.nw-map g.nw-member")).to_have_count(8)

    take_snapshot(page, today - datetime.timedelta(days=90), "baseline")

    # Change the map: remove one tie, move another closer, add a new one.
    # Removing asks first, on a page of its own, and offers to put them back.
    row = page.locator("#members-now tbody tr", has_text="Collega Tom")
    row.locator("a[href$='/delete/']").click()
    expect(page.locator("main")).to_contain_text("Collega Tom")
    page.locator("main form button[type='submit']").click()
    expect(page.locator("main form button[type='submit']")).to_contain_text("Collega Tom")
    page.locator("main a[href*='/network/']").last.click()
    expect(page.locator("#members-now tbody tr", has_text="Collega Tom")).to_have_count(0)
    row = page.locator("#members-now tbody tr", has_text="Buurman Ahmed")
    row.locator("a:not([href$='/delete/'])").click()
    edit = page.locator("#member-edit-slot form")
    edit.locator("select[name$='-ring']").select_option("close")
    edit.locator("button[type='submit']").click()
    expect(page.locator("#member-edit-slot form")).to_have_count(0)
    add_member(page, "Buddy Jan", "buddy_volunteers", "close", ["companionship"])
    take_snapshot(page, today, "follow_up")
    assert NetworkSnapshot.objects.filter(participant=participant).count() == 2

    page.locator(f"a[href$='/measurements/new/{lsns.pk}/']").click()
    for index, answer in enumerate(["two", "one", "one", "three_to_four", "two", "two"], 1):
        page.locator(f"input[name='item_lsns_{index}'][value='{answer}']").check()
    page.locator("main form button[type='submit']").click()
    expect(page.locator("#measurements-heading")).to_be_visible()

    page.locator(f"a[href$='/measurements/new/{djg.pk}/']").click()
    for index, answer in enumerate(["yes", "no", "more_or_less", "no", "yes", "no"], 1):
        page.locator(f"input[name='item_djg_{index}'][value='{answer}']").check()
    page.locator("main form button[type='submit']").click()
    expect(page.locator("#measurements-heading")).to_be_visible()
    assert sorted(Measurement.objects.values_list("total", flat=True)) == [3, 11]

    expect(page.locator("#charts svg.nw-chart")).to_have_count(7)
    expect(page.locator("#charts line.nw-threshold")).to_have_count(3)  # LSNS 12, DJG 2 and 5
    screenshot(page, "network-map-page")

    page.locator("form.nw-compare-form button[type='submit']").click()
    expect(page.locator("svg[aria-labelledby^='map-before'] g.nw-lost")).to_have_count(1)
    expect(page.locator("svg[aria-labelledby^='map-after'] g.nw-added")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Buddy Jan")
    screenshot(page, "network-map-comparison")
