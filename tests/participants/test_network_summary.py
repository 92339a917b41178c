"""The summary of a map and the difference between two snapshots, on plain member objects."""

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from participants.models import NetworkMember, SnapshotMember
from participants.models.network import Direction, Frequency, Ring, Sector, Support
from participants.network_svg import ADDED, LOST, line_chart, netwerkcirkel
from participants.selectors.network import network_diff, network_summary

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """Parse our own output: raises if it is not well-formed XML."""
    return ET.fromstring(svg)  # noqa: S314


def member(pk, label, sector, ring, support=(), direction="", frequency="", critical=False):
    return NetworkMember(
        pk=pk,
        label=label,
        sector=sector,
        ring=ring,
        support=list(support),
        direction=direction,
        frequency=frequency,
        critical=critical,
    )


def frozen(live: NetworkMember, **changes) -> SnapshotMember:
    fields = {f: getattr(live, f) for f in ("label", "sector", "ring", "support", "direction")}
    fields |= {"frequency": live.frequency, "critical": live.critical, **changes}
    return SnapshotMember(member_id=live.pk, **fields)


SISTER = member(1, "Zus", "family", "very_close", ["emotional", "practical"], "mutual", "weekly")
NEIGHBOUR = member(2, "Buurman", "neighbours", "acquaintance", ["practical"], "from_them", "yearly")
CAW = member(3, "CAW", "professionals", "services", ["informational"], "from_them", "monthly")
FRIEND = member(4, "Vriendin", "friends", "close", ["companionship"], "mutual", "daily")


def test_the_summary_of_a_known_map():
    summary = network_summary([SISTER, NEIGHBOUR, CAW])
    assert (summary.size, summary.formal, summary.informal) == (3, 1, 2)
    assert summary.by_sector["family"] == 1 and summary.by_sector["friends"] == 0
    assert summary.by_ring == {"very_close": 1, "close": 0, "acquaintance": 1, "services": 1}
    assert summary.by_support == {
        "emotional": 1,
        "practical": 2,
        "informational": 1,
        "companionship": 0,
    }
    assert (summary.reciprocal, summary.very_close, summary.weekly_or_more) == (1, 1, 1)


def test_the_difference_between_two_snapshots_on_a_known_example():
    before = [frozen(SISTER), frozen(NEIGHBOUR), frozen(CAW)]
    after = [frozen(SISTER, ring="close", critical=True), frozen(CAW), frozen(FRIEND)]
    diff = network_diff(before, after)
    assert [m.label for m in diff.added] == ["Vriendin"]
    assert [m.label for m in diff.lost] == ["Buurman"]
    assert [(c.after.label, c.fields) for c in diff.changed] == [("Zus", ("ring", "critical"))]
    assert [m.label for m in diff.unchanged] == ["CAW"]
    assert diff.deltas["size"] == (3, 3, 0)
    assert diff.deltas["very_close"] == (1, 0, -1)
    assert diff.deltas["weekly_or_more"] == (1, 2, 1)
    assert diff.deltas["sector.neighbours"] == (1, 0, -1)
    assert diff.deltas["support.companionship"] == (0, 1, 1)
    assert diff.deltas["critical"] == (0, 1, 1)
    assert set(diff.deltas) == set(diff.before.figures())


members_strategy = st.lists(
    st.builds(
        lambda sector, ring, support, direction, frequency, critical: member(
            None, "x", sector, ring, support, direction, frequency, critical
        ),
        st.sampled_from(Sector.values),
        st.sampled_from(Ring.values),
        st.lists(st.sampled_from(Support.values), unique=True),
        st.sampled_from(["", *Direction.values]),
        st.sampled_from(["", *Frequency.values]),
        st.booleans(),
    ),
    max_size=40,
)


@given(members_strategy)
def test_the_summary_figures_always_add_up(members):
    summary = network_summary(members)
    assert summary.formal + summary.informal == summary.size == len(members)
    assert sum(summary.by_sector.values()) == summary.size
    assert sum(summary.by_ring.values()) == summary.size
    assert summary.very_close == summary.by_ring["very_close"]
    assert summary.formal == summary.by_sector["professionals"]
    for count in (*summary.by_support.values(), summary.reciprocal, summary.weekly_or_more):
        assert 0 <= count <= summary.size
    assert sum(summary.by_support.values()) == sum(len(m.support) for m in members)


# --- The picture ---------------------------------------------------------------------------


def _svg(members, **kwargs):
    return netwerkcirkel(members, id_prefix="map", title="Kaart", centre_label="Mia", **kwargs)


def test_the_map_is_valid_xml_with_one_mark_per_member_and_accessible_names():
    members = [SISTER, NEIGHBOUR, CAW, FRIEND]
    root = parse(_svg(members))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(f"{SVG}title").get("id") == "map-title"
    marks = [g for g in root.iter(f"{SVG}g") if "nw-member" in g.get("class", "")]
    assert len(marks) == len(members)
    titles = [g.find(f"{SVG}title").text for g in marks]
    assert titles[2].startswith("3. CAW: ")
    assert not any("style" in el.attrib for el in root.iter())
    assert not list(root.iter(f"{SVG}style"))


def test_formal_ties_are_squares_and_informal_ties_circles():
    root = parse(_svg([SISTER, CAW]))
    sister, caw = [g for g in root.iter(f"{SVG}g") if "nw-member" in g.get("class", "")]
    assert sister.find(f"{SVG}circle") is not None and sister.find(f"{SVG}rect") is None
    assert caw.find(f"{SVG}rect") is not None


def test_added_and_lost_ties_are_marked_by_shape_not_only_colour():
    root = parse(_svg([SISTER, NEIGHBOUR], states={1: ADDED, 2: LOST}))
    sister, neighbour = [g for g in root.iter(f"{SVG}g") if "nw-member" in g.get("class", "")]
    assert "nw-added" in sister.get("class")
    assert len(sister.findall(f"{SVG}circle")) == 2  # a second outline
    assert neighbour.find(f"{SVG}path") is not None  # crossed out
    assert (
        "nieuwe band" in sister.find(f"{SVG}title").text
        or "new tie" in sister.find(f"{SVG}title").text
    )


def test_labels_are_escaped():
    root = parse(_svg([member(9, "<Tom & Jerry>", "friends", "close")]))
    assert "<Tom & Jerry>" in "".join(root.itertext())


def test_an_empty_map_and_a_chart_are_valid_xml():
    parse(_svg([]))
    import datetime

    chart = line_chart(
        id_prefix="c",
        title="LSNS-6",
        points=[(datetime.date(2025, 1, 1), 10), (datetime.date(2025, 4, 1), 14)],
        thresholds=[(12, "at risk below")],
        y_max=30,
    )
    root = parse(chart)
    assert len([c for c in root.iter(f"{SVG}circle") if c.get("class") == "nw-point"]) == 2
    assert [line.get("class") for line in root.iter(f"{SVG}line")].count("nw-threshold") == 1
    parse(line_chart(id_prefix="e", title="Leeg", points=[]))
