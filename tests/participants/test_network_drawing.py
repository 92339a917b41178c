"""The map drawn by hand: the geometry shared by the picture, the view and the editor's script;
a member's place stored with its ring and sector; ties drawn as lines; the editor's controls."""

import json
import math
import xml.etree.ElementTree as ET

import pytest

from participants.models import MemberTie, NetworkMember
from participants.models.network import Ring, Sector
from participants.network_geometry import (
    SCALE,
    from_picture,
    geometry_json,
    ring_and_sector_at,
    to_picture,
)
from participants.network_svg import layout, netwerkcirkel
from participants.services import network as svc
from participants.services import network_ties as tie_svc

SVG = "{http://www.w3.org/2000/svg}"


def url(participant, rest=""):
    return f"/participants/{participant.pk}/network/{rest}"


def people(membership, participant, *names):
    return [
        svc.network_member_create(
            membership=membership,
            participant=participant,
            data={"label": name, "sector": "friends", "ring": "close"},
        )
        for name in names
    ]


# --- Geometry ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "ring", "sector"),
    [
        (0, 0, "very_close", "household"),  # the participant's own circle: the closest ring
        (0, -0.2, "very_close", "household"),  # straight up: the first sector
        (0.5, 0, "close", "friends"),  # 90 degrees clockwise, 120 units out
        (0, 0.9, "services", "work_school"),  # straight down
        (-0.6, -0.3, "acquaintance", "professionals"),
        (0.99, 0.1, "services", "friends"),
        (-0.01, -0.99, "services", "clubs"),  # just left of straight up: the last sector
    ],
)
def test_a_place_falls_in_the_ring_band_and_sector_slice_the_picture_draws(x, y, ring, sector):
    assert ring_and_sector_at(x, y) == (ring, sector)


def test_every_cell_of_the_automatic_layout_maps_back_to_its_own_ring_and_sector():
    members = [
        NetworkMember(pk=n, label="X", sector=sector, ring=ring, support=[])
        for n, (sector, ring) in enumerate(
            (s, r) for s in Sector.values for r in Ring.values for _ in range(5)
        )
    ]
    for index, (x, y) in layout(members).items():
        assert ring_and_sector_at(*from_picture(x, y)) == (
            members[index].ring,
            members[index].sector,
        )


def test_the_script_gets_the_geometry_the_server_uses():
    geometry = json.loads(geometry_json())
    assert geometry["scale"] == SCALE
    assert geometry["rings"][-1][1] == 1
    assert len(geometry["sectors"]) == len(Sector.values)
    assert to_picture(0, 0) == (geometry["centre"], geometry["centre"])


# --- The picture -------------------------------------------------------------------------------


def _member(pk, label, **fields):
    return NetworkMember(pk=pk, label=label, sector="friends", ring="close", support=[], **fields)


def test_a_member_placed_by_hand_is_drawn_where_it_was_put_and_ties_are_lines_under_the_marks():
    rita = _member(1, "Rita", pos_x=0.5, pos_y=-0.25)
    jan, ali = _member(2, "Jan"), _member(3, "Ali")
    ties = [
        MemberTie(member_a_id=1, member_b_id=2, strength="strong", tension=""),
        MemberTie(member_a_id=1, member_b_id=3, strength="weak", tension="tense"),
        MemberTie(member_a_id=2, member_b_id=3, strength="weak", tension="broken"),
        MemberTie(member_a_id=2, member_b_id=99, strength="weak", tension=""),  # not drawn
    ]
    svg = netwerkcirkel(
        [rita, jan, ali], id_prefix="m", title="Kaart", centre_label="Mia", ties=ties
    )
    root = ET.fromstring(svg)  # noqa: S314
    marks = {g.get("data-member"): g for g in root.iter(f"{SVG}g") if g.get("data-member")}
    x, y = to_picture(0.5, -0.25)
    assert marks["1"].get("transform") == f"translate({x:g} {y:g})"
    links = [line for line in root.iter(f"{SVG}line") if "nw-link" in (line.get("class") or "")]
    assert [line.get("class") for line in links] == [
        "nw-link nw-link-strong",
        "nw-link nw-link-weak nw-link-tense",
        "nw-link nw-link-weak nw-link-broken",
    ]
    strong, tense, broken = links
    assert float(strong.get("stroke-width")) > float(tense.get("stroke-width"))
    assert tense.get("stroke-dasharray") and broken.get("stroke-dasharray")
    assert tense.get("stroke-dasharray") != broken.get("stroke-dasharray")
    assert (float(strong.get("x1")), float(strong.get("y1"))) == (x, y)
    order = [el for el in root.iter() if el.get("class") in ("nw-links", "nw-marks")]
    assert [el.get("class") for el in order] == ["nw-links", "nw-marks"]
    assert not any("style" in el.attrib for el in root.iter())


def test_names_near_the_bottom_edge_are_drawn_above_their_mark():
    low = _member(1, "Buurvrouw van beneden", pos_x=0, pos_y=0.97)
    root = ET.fromstring(  # noqa: S314
        netwerkcirkel([low], id_prefix="m", title="Kaart", centre_label="Mia")
    )
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "nw-label")
    assert float(label.get("y")) < 0
    assert next(label.iter(f"{SVG}tspan")).get("dy", "").startswith("-")


# --- Storing a place ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_place_is_stored_with_the_ring_and_sector_it_falls_in(social_worker, participant, login):
    (rita,) = people(social_worker, participant, "Rita")
    client = login(social_worker)
    response = client.post(
        url(participant, f"members/{rita.pk}/place/"), {"pos_x": "0.3", "pos_y": "-0.05"}
    )
    assert response.status_code == 204
    rita.refresh_from_db()
    assert (rita.pos_x, rita.pos_y, rita.ring, rita.sector) == (0.3, -0.05, "very_close", "friends")

    response = client.post(
        url(participant, f"members/{rita.pk}/place/"),
        {"pos_x": "-0.1", "pos_y": "0.7"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith('<section id="network-editor"')
    assert "Rita verplaatst naar Kennis, Werk, school of opleiding." in content
    rita.refresh_from_db()
    assert (rita.ring, rita.sector) == ("acquaintance", "work_school")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"pos_x": "0.5"},
        {"pos_x": "abc", "pos_y": "0"},
        {"pos_x": "2", "pos_y": "0"},
        {"pos_x": "0.9", "pos_y": "0.9"},
        {"pos_x": "nan", "pos_y": "0"},
    ],
)
def test_a_place_off_the_map_is_refused_with_a_message(social_worker, participant, login, data):
    (rita,) = people(social_worker, participant, "Rita")
    response = login(social_worker).post(url(participant, f"members/{rita.pk}/place/"), data)
    assert response.status_code == 400
    assert response.content.decode().strip()
    rita.refresh_from_db()
    assert rita.pos_x is None and rita.ring == "close"


@pytest.mark.django_db
def test_a_colleague_cannot_move_someone_on_a_map_they_cannot_change(
    social_worker, colleague, participant, login
):
    (rita,) = people(social_worker, participant, "Rita")
    response = login(colleague).post(
        url(participant, f"members/{rita.pk}/place/"), {"pos_x": "0", "pos_y": "0.5"}
    )
    assert response.status_code == 404
    rita.refresh_from_db()
    assert rita.pos_x is None


@pytest.mark.django_db
def test_the_editor_offers_the_drawing_tools_to_the_writer_only(
    social_worker, colleague, participant, login
):
    rita, jan = people(social_worker, participant, "Rita", "Jan")
    tie_svc.member_tie_create(
        membership=social_worker, participant=participant, data={"member_a": rita, "member_b": jan}
    )
    content = login(social_worker).get(url(participant)).content.decode()
    assert 'id="nw-draw"' in content and "js/network-editor.js" in content
    assert f'data-place-url="/participants/{participant.pk}/network/members/0/place/"' in content
    assert 'class="nw-link nw-link-weak"' in content
    assert "Dichtbij" in content and math.isfinite(SCALE)
