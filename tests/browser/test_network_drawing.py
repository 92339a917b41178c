"""In a real browser: a social worker draws the network map by hand (issue 17), once on a
820 px tablet with touch (drag with a finger, tap to link) and once with the keyboard only
(Tab, Enter, arrow keys, L). Places and ties are stored; axe checks the editor after every
swap (harness.py). Screenshots at 390, 820 and 1280 px show the names whole and legible.

Selectors use names, ids and data attributes, not texts: the texts are translated."""

import datetime
import math
import re

import networkx as nx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participants.models import MemberTie, NetworkMember
from participants.network_geometry import ring_and_sector_at
from participants.services import network as svc
from participants.services import network_ties as tie_svc
from tests.factories import ParticipantFactory
from tests.participants.factories import ConsentFactory

from .harness import (
    ARTIFACTS_DIR,
    DESKTOP,
    PHONE,
    TABLET,
    TEST_PASSWORD,
    check_a11y,
    login_as,
    screenshot,
)

pytestmark = pytest.mark.browser

# Name, sector and ring in the form, and where the social worker then drags them (a place on
# the map: centre 0,0, outer edge 1) with the ring and sector that place is in.
PEOPLE = [
    ("Rita", "family", "acquaintance", (0.55, -0.3)),
    ("Jan", "family", "acquaintance", (0.2, -0.25)),
    ("Buurvrouw Anja", "neighbours", "services", (0.4, 0.45)),
    ("Huisarts", "professionals", "services", (-0.85, -0.35)),
    ("Zus Leen", "family", "close", (0.25, 0.3)),
]
TIES = [("Rita", "Jan"), ("Rita", "Buurvrouw Anja"), ("Jan", "Zus Leen"), ("Zus Leen", "Huisarts")]


def map_with_people(social_worker, *, first_name, with_members):
    participant = ParticipantFactory(
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        first_name=first_name,
    )
    ConsentFactory(participant=participant, given_on=timezone.localdate() - datetime.timedelta(60))
    if with_members:
        for label, sector, ring, _place in PEOPLE:
            svc.network_member_create(
                membership=social_worker,
                participant=participant,
                data={"label": label, "sector": sector, "ring": ring, "support": []},
            )
    return participant


def add_member(page, label, sector, ring):
    form = page.locator("#network-editor form.nw-member-form")
    form.locator("input[name='member-label']").fill(label)
    form.locator("select[name='member-sector']").select_option(sector)
    form.locator("select[name='member-ring']").select_option(ring)
    form.locator("button[type='submit']").click()
    expect(page.locator("#members-now tbody th[scope='row']", has_text=label)).to_be_visible()


def mark(page, label):
    return page.locator(f"#network-editor svg.nw-map g.nw-member[data-label='{label}']")


def centre_of(page, label):
    """The middle of a person's mark on the screen (scrolled into view first)."""
    mark(page, label).scroll_into_view_if_needed()
    box = mark(page, label).locator(".nw-shape").bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def screen_point(page, place):
    """Where a place on the map is on the screen (the picture's own geometry)."""
    return page.evaluate(
        """([x, y]) => {
          const svg = document.querySelector('#network-editor svg.nw-map');
          const g = JSON.parse(svg.getAttribute('data-geometry'));
          const m = svg.getScreenCTM();
          const px = g.centre + x * g.scale, py = g.centre + y * g.scale;
          return [m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f];
        }""",
        list(place),
    )


def wait_for_place(page, member_pk, place):
    """The place is stored, and the editor came back from the server."""
    for _ in range(100):
        member = NetworkMember.objects.get(pk=member_pk)
        if member.pos_x is not None and math.dist((member.pos_x, member.pos_y), place) < 0.03:
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError(
            f"{member.label} was not stored at {place}: {member.pos_x, member.pos_y}"
        )
    expect(page.locator("#nw-draw-live")).to_have_attribute("data-busy", "false")


def touch_drag(page, cdp, start, end, steps=8):
    def touch(kind, x, y):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", *start)
    for step in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * step / steps
        y = start[1] + (end[1] - start[1]) * step / steps
        touch("touchMove", x, y)
    touch("touchEnd", *end)


def assert_stored(participant):
    members = {m.label: m for m in NetworkMember.objects.filter(participant=participant)}
    for label, _sector, _ring, (x, y) in PEOPLE:
        member = members[label]
        assert math.isclose(member.pos_x, x, abs_tol=0.03), label
        assert math.isclose(member.pos_y, y, abs_tol=0.03), label
        assert (member.ring, member.sector) == ring_and_sector_at(member.pos_x, member.pos_y)
    pairs = {
        frozenset((tie.member_a.label, tie.member_b.label))
        for tie in MemberTie.objects.filter(participant=participant).select_related(
            "member_a", "member_b"
        )
    }
    assert pairs == {frozenset(pair) for pair in TIES}


def link_count(page):
    return page.locator("#network-editor svg.nw-map line.nw-link")


def test_a_social_worker_draws_the_map_with_the_keyboard_only(page, live_server, social_worker):
    participant = map_with_people(social_worker, first_name="Noor", with_members=True)
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/{participant.pk}/network/")
    members = {m.label: m for m in NetworkMember.objects.filter(participant=participant)}
    live = page.locator("#nw-draw-live")

    for label, _sector, _ring, place in PEOPLE:
        focus_mark(page, label)
        page.keyboard.press("Enter")
        expect(mark(page, label)).to_have_attribute("aria-pressed", "true")
        expect(live).to_contain_text(label)
        move_with_arrows(page, label, place)
        wait_for_place(page, members[label].pk, place)
        expect(live).to_contain_text(label)
        expect(mark(page, label)).to_be_focused()  # focus comes back after the swap
        page.keyboard.press("Escape")

    for count, (a, b) in enumerate(TIES, 1):
        focus_mark(page, a)
        page.keyboard.press("l")
        expect(mark(page, a)).to_have_attribute("aria-pressed", "true")
        focus_mark(page, b)
        page.keyboard.press("Enter")
        expect(link_count(page)).to_have_count(count)
        expect(live).to_contain_text(b)

    for label, _sector, _ring, (x, y) in PEOPLE:  # the keyboard moves in steps of 0.03
        member = NetworkMember.objects.get(pk=members[label].pk)
        assert math.isclose(member.pos_x, x, abs_tol=0.03), label
        assert math.isclose(member.pos_y, y, abs_tol=0.03), label
    assert_stored(participant)
    check_a11y(page)
    screenshot(page, "network-drawing-1280-keyboard")


def focus_mark(page, label):
    """Tab to a person on the map, as a keyboard user does, from the first person on it (the
    test starts there instead of tabbing through the whole page every time)."""
    page.locator("#network-editor svg.nw-map g.nw-member").first.focus()
    for _ in range(len(PEOPLE)):
        if page.evaluate("() => document.activeElement?.getAttribute('data-label')") == label:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {label}")


def place_of(page, label):
    return page.evaluate(
        """(label) => {
          const svg = document.querySelector('#network-editor svg.nw-map');
          const g = JSON.parse(svg.getAttribute('data-geometry'));
          const m = /translate\\(([-\\d.]+) ([-\\d.]+)\\)/.exec(
            svg.querySelector(`g.nw-member[data-label="${label}"]`).getAttribute('transform'));
          return [(m[1] - g.centre) / g.scale, (m[2] - g.centre) / g.scale];
        }""",
        label,
    )


def move_with_arrows(page, label, place):
    """Arrow keys towards the place, the farther axis first: big steps (Shift), then small."""
    keys = (("ArrowLeft", "ArrowRight"), ("ArrowUp", "ArrowDown"))
    for _ in range(80):
        now = place_of(page, label)
        diffs = [place[axis] - now[axis] for axis in (0, 1)]
        axis = 0 if abs(diffs[0]) >= abs(diffs[1]) else 1
        if abs(diffs[axis]) <= 0.015:
            return
        key = keys[axis][diffs[axis] > 0]
        page.keyboard.press(f"Shift+{key}" if abs(diffs[axis]) > 0.12 else key)
    raise AssertionError(f"{label} never reached {place}")


@pytest.mark.parametrize("viewport", [PHONE, TABLET, DESKTOP], indirect=True)
def test_names_on_the_map_are_whole_and_legible_at_every_width(
    page, live_server, social_worker, viewport
):
    participant = map_with_people(social_worker, first_name="Sam", with_members=True)
    members = {m.label: m for m in NetworkMember.objects.filter(participant=participant)}
    for label, _sector, _ring, (x, y) in PEOPLE:
        ring, sector = ring_and_sector_at(x, y)
        svc_place(social_worker, members[label], x, y, ring, sector)
    for a, b in TIES:
        tie_svc.member_tie_create(
            membership=social_worker,
            participant=participant,
            data={"member_a": members[a], "member_b": members[b], "strength": "strong"},
        )
    login_as(page, live_server, social_worker)
    page.goto(f"{live_server.url}/participants/{participant.pk}/network/")
    svg = page.locator("#network-editor svg.nw-map")
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(
              '#network-editor svg.nw-map .nw-label, #network-editor svg.nw-map .nw-sector')]
            .map(t => {
              const r = t.getBoundingClientRect();
              const lines = t.querySelectorAll('tspan').length || 1;
              return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                      height: r.height / lines, text: t.textContent};
            })"""
    )
    for text in sizes:
        assert text["left"] >= box["x"] - 1 and text["right"] <= box["x"] + box["width"] + 1, text
        assert text["top"] >= box["y"] - 1 and text["bottom"] <= box["y"] + box["height"] + 1, text
        assert text["height"] >= 9.5, text  # about 10 px or more on screen
    screenshot(page, f"network-drawing-{viewport.width}")
    page.locator("#network-editor figure").screenshot(
        path=str(ARTIFACTS_DIR / f"network-drawing-{viewport.width}-map.png")
    )


def svc_place(membership, member, x, y, ring, sector):
    tie_svc.network_member_place(
        membership=membership, member=member, pos_x=x, pos_y=y, ring=ring, sector=sector
    )


# The issue's whole flow on a 820 px tablet with a finger: add five people, drag them into
# place, link four ties; snapshot, remove a tie, snapshot again, read what changed and the bridge
# person in plain words, and open the GraphML export in networkx. (The keyboard-only drawing is
# the test above.)
def test_the_full_flow_of_issue_17(browser_session, live_server, social_worker):
    participant = map_with_people(social_worker, first_name="Mia", with_members=False)
    page = browser_session.new_page(TABLET, has_touch=True, is_mobile=True)
    login_as(page, live_server, social_worker)
    network_url = f"{live_server.url}/participants/{participant.pk}/network/"
    page.goto(network_url)
    for label, sector, ring, _place in PEOPLE:
        add_member(page, label, sector, ring)
    expect(page.locator("#nw-draw")).to_be_visible()
    cdp = page.context.new_cdp_session(page)
    ids = dict(NetworkMember.objects.filter(participant=participant).values_list("label", "pk"))
    for label, _sector, _ring, place in PEOPLE:
        touch_drag(page, cdp, centre_of(page, label), screen_point(page, place))
        wait_for_place(page, ids[label], place)
    for count, (a, b) in enumerate(TIES, 1):
        page.touchscreen.tap(*centre_of(page, a))
        expect(mark(page, a)).to_have_attribute("aria-pressed", "true")
        page.locator("#nw-draw [data-draw='link']").tap()
        page.touchscreen.tap(*centre_of(page, b))
        expect(link_count(page)).to_have_count(count)
    assert_stored(participant)
    expect(page.locator("#network-ties")).to_contain_text("Buurvrouw Anja")
    check_a11y(page)
    screenshot(page, "network-drawing-820-touch")

    def take_snapshot(taken_on, kind):
        form = page.locator("form[action$='/network/snapshots/']")
        form.locator("input[name='snapshot-taken_on']").fill(taken_on.isoformat())
        form.locator("select[name='snapshot-kind']").select_option(kind)
        form.locator("button[type='submit']").click()
        expect(page.locator("#snapshots-heading")).to_be_visible()

    today = timezone.localdate()
    take_snapshot(today - datetime.timedelta(days=30), "baseline")
    # Remove the tie Jan - Zus Leen (the list beside the picture, confirmation page).
    row = page.locator("#network-ties tbody tr", has_text="Zus Leen").filter(has_text="Jan")
    row.locator("a[href$='/delete/']").click()
    page.locator("main form button[type='submit']").click()
    page.goto(network_url)
    expect(link_count(page)).to_have_count(3)
    take_snapshot(today, "follow_up")

    page.locator("form.nw-compare-form button[type='submit']").click()
    main = page.locator("main")
    # Ties gained and lost between the snapshots, and the analysis's changes, in plain words.
    expect(main).to_contain_text("1 band tussen leden verloren")
    expect(main).to_contain_text("Jan en Zus Leen")
    check_a11y(page)
    # On today's map: Rita is now the only link between Jan and Buurvrouw Anja.
    page.goto(network_url)
    expect(page.locator("#network-editor .nw-analysis")).to_contain_text("Rita is de enige die")
    check_a11y(page)

    # The second snapshot as GraphML: the same people and the three ties left.
    page.locator("#snapshots ul a").first.click()
    # A download asks for the password again (like every export of personal data).
    page.locator("#exchange a[href*='graphml']").first.click()
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    with page.expect_download() as download:
        page.locator("main form button[type='submit']").click()
    graph = nx.read_graphml(download.value.path())
    labels = {data["label"] for _node, data in graph.nodes(data=True)}
    assert labels == {label for label, *_rest in PEOPLE}
    by_node = {node: data["label"] for node, data in graph.nodes(data=True)}
    edges = {frozenset((by_node[a], by_node[b])) for a, b in graph.edges()}
    assert edges == {frozenset(pair) for pair in TIES} - {frozenset(("Jan", "Zus Leen"))}
