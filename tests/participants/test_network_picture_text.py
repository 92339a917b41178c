"""The names in the network picture are legible and whole (issue 13, defect 12: labels of
about 6 px on screen, cut off after 18 characters: "kaartclub café De")."""

from participants.network_charts_svg import THRESHOLD_SIZE, line_chart, text_box
from participants.network_svg import LABEL_SIZE, SECTOR_SIZE, netwerkcirkel, wrap_label

from .test_network_summary import SVG, member, parse


def _label_lines(root) -> list[list[str]]:
    return [
        [span.text for span in text.iter(f"{SVG}tspan")]
        for text in root.iter(f"{SVG}text")
        if text.get("class") == "nw-label"
    ]


def test_a_long_name_is_drawn_whole_over_two_lines():
    club = member(5, "kaartclub café De Zwaan", "associations", "acquaintance")
    root = parse(netwerkcirkel([club], id_prefix="m", title="Kaart", centre_label="Mia"))
    assert _label_lines(root) == [["kaartclub café", "De Zwaan"]]


def test_names_and_sectors_are_drawn_large_enough_to_read():
    # The picture is at most 780 px wide on screen for 780 units: a unit is about a pixel.
    assert LABEL_SIZE >= 14
    assert SECTOR_SIZE >= 13
    root = parse(
        netwerkcirkel(
            [member(1, "Zus", "family", "close")], id_prefix="m", title="Kaart", centre_label="Mia"
        )
    )
    sizes = {int(text.get("font-size")) for text in root.iter(f"{SVG}text")}
    assert min(sizes) >= 12
    width = float(root.get("viewBox").split()[2])
    assert width <= 780


def test_wrapping_breaks_between_words_and_says_when_it_leaves_something_out():
    assert wrap_label("Zus", 15) == ["Zus"]
    assert wrap_label("Sociaal restaurant De Kombuis van Gent", 15) == ["Sociaal", "restaurant De…"]
    assert wrap_label("a" * 40, 15) == ["a" * 15, "a" * 14 + "…"]


def _threshold_label_and_points(svg: str):
    root = parse(svg)
    label = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "nw-threshold-label")
    points = [
        (float(c.get("cx")), float(c.get("cy")))
        for c in root.iter(f"{SVG}circle")
        if c.get("class") == "nw-point"
    ]
    return label, points


def test_a_threshold_label_never_covers_a_point_of_the_chart():
    # Issue 13, defect 15: one measurement at the threshold, drawn in the middle, under the
    # label "geen verhoogd risico op sociaal isolement".
    import datetime

    text = "geen verhoogd risico op sociaal isolement"
    for value in (12, 14, 10, 30, 0):
        svg = line_chart(
            id_prefix="c",
            title="LSNS-6",
            points=[(datetime.date(2026, 12, 1), value)],
            thresholds=[(12, text)],
            y_max=30,
        )
        label, points = _threshold_label_and_points(svg)
        assert label.text == text
        left, top, right, bottom = text_box(
            text,
            float(label.get("x")),
            float(label.get("y")),
            THRESHOLD_SIZE,
            label.get("text-anchor"),
        )
        for x, y in points:
            assert not (left - 3.5 <= x <= right + 3.5 and top - 3.5 <= y <= bottom + 3.5), value
