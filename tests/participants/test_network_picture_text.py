"""The names in the network picture are legible and whole (issue 13, defect 12: labels of
about 6 px on screen, cut off after 18 characters: "kaartclub café De")."""

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
