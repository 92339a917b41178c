"""Server-rendered SVG: the netwerkcirkel and small change-over-time line charts.

Pure functions from data to an SVG string. The CSP blocks inline styles, so nothing here uses a
style attribute or element: only presentation attributes (fill, stroke, ...) and classes that
netwerk.css styles. Everything reads in black and white: formal and informal ties differ in
shape (square, circle), support in ticks around the mark, a critical tie in a dashed outline,
added and lost ties in an extra outline and a cross, never in colour alone.
"""

import math
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from .models.network import Formality, Ring, Sector, Support
from .models.network_parts import TieStrength, TieTension
from .network_charts_svg import line_chart
from .network_geometry import CENTRE, CORE, RING_EDGES, SIZE, SLICE, geometry_json, to_picture
from .svg import attrs as _attrs
from .svg import fmt as _fmt

__all__ = ["ADDED", "LOST", "line_chart", "netwerkcirkel"]

MARK = 9
LABEL_ROOM = 110  # extra width left and right, so the sector names are not cut off
# Text sizes in the picture's units: the picture is drawn at most 780 px wide (netwerk.css), so
# these are about the sizes on screen at a laptop's and a tablet's width. Where the picture is
# drawn smaller, netwerk.css enlarges the marks with their names (up to MARK_ZOOM times) and
# the sector names (up to SECTOR_SIZE_SMALL): the room kept free below is for those sizes.
LABEL_SIZE = 15
NUMBER_SIZE = 12
SECTOR_SIZE = 14
MARK_ZOOM = 1.6
SECTOR_SIZE_SMALL = 22
CHAR_WIDTH = 0.5  # average width of a character, in font sizes
LABEL_LINE = 15  # characters per line of a member's name (two lines at most)
SECTOR_RADIUS = RING_EDGES[Ring.SERVICES] + 8
# Where each kind of support puts its tick on the mark: up, right, down, left.
SUPPORT_TICKS = {
    Support.EMOTIONAL: (0, -1),
    Support.PRACTICAL: (1, 0),
    Support.INFORMATIONAL: (0, 1),
    Support.COMPANIONSHIP: (-1, 0),
}
LABELS_UP_TO = 24  # beyond this many members only the numbers are drawn, names are in the table
# Ties between members: a strong tie is a thick line, a weak one thin; a tense tie is dashed,
# a broken one dotted (readable in black and white).
LINK_WIDTH = {TieStrength.STRONG: "3.5", TieStrength.WEAK: "1.5"}
LINK_DASH = {TieTension.TENSE: "8 5", TieTension.BROKEN: "0.1 6"}

ADDED = "added"
LOST = "lost"


def _point(angle_deg: float, radius: float) -> tuple[float, float]:
    angle = math.radians(angle_deg - 90)  # 0 degrees is straight up
    return CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)


def _ring_band(ring: str) -> tuple[float, float]:
    rings = list(RING_EDGES)
    index = rings.index(ring)
    inner = CORE if index == 0 else RING_EDGES[rings[index - 1]]
    return inner, RING_EDGES[ring]


def layout(members: Sequence[Any]) -> dict[int, tuple[float, float]]:
    """Position per member (by index in `members`): where it was placed by hand, else its
    sector's slice and its ring's band, spread evenly within that cell; a crowded cell
    alternates between two radii."""
    cells: dict[tuple[str, str], list[int]] = {}
    positions = {}
    for index, member in enumerate(members):
        if getattr(member, "pos_x", None) is not None and member.pos_y is not None:
            positions[index] = to_picture(member.pos_x, member.pos_y)
        else:
            cells.setdefault((member.sector, member.ring), []).append(index)
    for (sector, ring), indexes in cells.items():
        start = Sector.values.index(sector) * SLICE if sector in Sector.values else 0
        inner, outer = _ring_band(ring if ring in RING_EDGES else Ring.SERVICES)
        middle, offset = (inner + outer) / 2, (outer - inner) / 4
        count = len(indexes)
        for n, index in enumerate(indexes):
            angle = start + SLICE * (n + 1) / (count + 1)
            radius = middle if count <= 3 else middle + (offset if n % 2 else -offset)
            positions[index] = _point(angle, radius)
    return positions


def wrap_label(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters, broken between words
    (a word longer than a line is cut); what does not fit ends in an ellipsis."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        if len(line) > width:
            words.insert(0, line[width:])
            line = line[:width]
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        last = out[-1]
        out[-1] = (last if len(last) < width else last[: width - 1]) + "…"
    return out


def _text_lines(
    x: float, y: float, lines: Sequence[str], size: int, *, up: bool = False, **attrs: Any
) -> str:
    """A <text> of several lines (tspans), the first on ``y``; with ``up`` the last is on
    ``y`` and the lines grow upwards. Line steps are in em, so they follow the font size
    netwerk.css gives where the picture is small."""
    first = f"-{1.15 * (len(lines) - 1):.2f}em" if up and len(lines) > 1 else None
    spans = "".join(
        f"<tspan{_attrs(x=_fmt(x), dy=first if n == 0 else '1.15em')}>{escape(line)}</tspan>"
        for n, line in enumerate(lines)
    )
    return f"<text{_attrs(x=_fmt(x), y=_fmt(y), font_size=size, **attrs)}>{spans}</text>"


def _label(member: Any, y: float) -> str:
    """The member's name under its mark, or above it where the bottom edge would cut it."""
    lines = wrap_label(member.label, LABEL_LINE)
    below = MARK + 2 + len(lines) * LABEL_SIZE * 1.15
    up = y + below * MARK_ZOOM > SIZE
    return _text_lines(
        0,
        -(MARK + 6) if up else MARK + LABEL_SIZE,
        lines,
        LABEL_SIZE,
        up=up,
        text_anchor="middle",
        fill="#000",
        # A white outline keeps the name legible where it crosses a ring or a line.
        stroke="#fff",
        stroke_width="3",
        paint_order="stroke",
        class_="nw-label",
    )


def _name(member: Any, x: float, y: float) -> str:
    """The member's name, in a layer above all marks (a mark never covers a name); the
    editor's script moves it with the mark."""
    return (
        f'<g class="nw-name"{_attrs(data_member=_member_key(member))}'
        f"{_attrs(transform=f'translate({_fmt(x)} {_fmt(y)})')}>{_label(member, y)}</g>"
    )


def _mark(number: int, member: Any, x: float, y: float, state: str) -> str:
    """The member's mark, drawn around (0, 0) and moved to its place: the editor's script
    moves it by changing the group's transform only."""
    formal = member.formality == Formality.FORMAL
    dash = "3 2" if member.critical else None
    parts = []
    if state == ADDED:  # a second outline around the mark
        if formal:
            side, half = 2 * MARK + 8, MARK + 4
            parts.append(
                f"<rect{_attrs(x=-half, y=-half, width=side, height=side)}"
                ' fill="none" stroke="#000" stroke-width="2"/>'
            )
        else:
            parts.append(
                f'<circle cx="0" cy="0"{_attrs(r=MARK + 4)} fill="none" stroke="#000"'
                ' stroke-width="2"/>'
            )
    fill = "#d9d9d9" if formal else "#ffffff"
    stroke = "#8a8a8a" if state == LOST else "#000"
    shape_attrs = {"fill": fill, "stroke": stroke, "stroke_width": "1.5", "stroke_dasharray": dash}
    if formal:
        parts.append(
            f"<rect{_attrs(x=-MARK, y=-MARK, width=2 * MARK, height=2 * MARK)}"
            f'{_attrs(**shape_attrs)} class="nw-shape"/>'
        )
    else:
        parts.append(
            f'<circle cx="0" cy="0"{_attrs(r=MARK)}{_attrs(**shape_attrs)} class="nw-shape"/>'
        )
    for code in member.support:
        if code in SUPPORT_TICKS:
            dx, dy = SUPPORT_TICKS[code]
            x1, y1, x2, y2 = dx * MARK, dy * MARK, dx * (MARK + 6), dy * (MARK + 6)
            parts.append(
                f'<line{_attrs(x1=x1, y1=y1, x2=x2, y2=y2)} stroke="#000" stroke-width="2"/>'
            )
    parts.append(
        f'<text x="0"{_attrs(y=_fmt(NUMBER_SIZE * 0.35))} text-anchor="middle"'
        f' font-size="{NUMBER_SIZE}" fill="#000">{number}</text>'
    )
    if state == LOST:  # crossed out
        d = MARK + 3
        parts.append(f'<path{_attrs(d=f"M{-d} {-d}L{d} {d}")} stroke="#000" stroke-width="2"/>')
    title = mark_title(number, member, state)
    return (
        f'<g class="nw-member{" nw-" + state if state else ""}"'
        f"{_attrs(data_member=_member_key(member), data_label=member.label)}"
        f"{_attrs(transform=f'translate({_fmt(x)} {_fmt(y)})')}>"
        f"<title>{escape(title)}</title>" + "".join(parts) + "</g>"
    )


def _spoke(member: Any, x: float, y: float) -> str:
    """The line from the participant to a member: dashed for a critical tie."""
    dash = "3 2" if member.critical else None
    return (
        f"<line{_attrs(x1=_fmt(CENTRE), y1=_fmt(CENTRE), x2=_fmt(x), y2=_fmt(y))}"
        f' class="nw-tie" stroke="#8a8a8a" stroke-width="1"'
        f"{_attrs(stroke_dasharray=dash, data_member=_member_key(member))}/>"
    )


def link_title(label_a: str, label_b: str, tie: Any) -> str:
    details = [str(tie.get_strength_display())]
    if tie.tension:
        details.append(str(tie.get_tension_display()))
    return f"{label_a} {_('and')} {label_b}: " + ", ".join(details)


def _links(members: Sequence[Any], positions: Mapping[int, tuple[float, float]], ties) -> str:
    """The ties between members, as lines from mark to mark (drawn under the marks)."""
    where = {_member_key(m): (positions[i], m.label) for i, m in enumerate(members)}
    out = []
    for tie in ties:
        a, b = where.get(tie.member_a_id), where.get(tie.member_b_id)
        if a is None or b is None:
            continue
        (x1, y1), label_a = a
        (x2, y2), label_b = b
        classes = f"nw-link nw-link-{tie.strength}" + (
            f" nw-link-{tie.tension}" if tie.tension else ""
        )
        dash = LINK_DASH.get(tie.tension)
        out.append(
            f"<line{_attrs(x1=_fmt(x1), y1=_fmt(y1), x2=_fmt(x2), y2=_fmt(y2))}"
            f"{_attrs(class_=classes, data_a=tie.member_a_id, data_b=tie.member_b_id)}"
            f' stroke="#333"{_attrs(stroke_width=LINK_WIDTH.get(tie.strength, "1.5"))}'
            f"{_attrs(stroke_dasharray=dash)}"
            f"{_attrs(stroke_linecap='round' if tie.tension == TieTension.BROKEN else None)}>"
            f"<title>{escape(link_title(label_a, label_b, tie))}</title></line>"
        )
    return '<g class="nw-links">' + "".join(out) + "</g>"


def _member_key(member: Any) -> int:
    return getattr(member, "member_id", None) or member.pk


def mark_title(number: int, member: Any, state: str = "") -> str:
    details = [
        str(member.get_sector_display()),
        str(member.get_ring_display()),
        str(member.get_formality_display()),
    ]
    details += [str(label) for label in member.support_labels()]
    if member.critical:
        details.append(_("critical or conflictual"))
    if state == ADDED:
        details.append(_("new tie"))
    elif state == LOST:
        details.append(_("lost tie"))
    return f"{number}. {member.label}: " + ", ".join(details)


def _sector_label(index: int, label: str) -> str:
    """A sector's name outside the circle, wrapped to the room between it and the picture's
    edge at the largest size netwerk.css draws it."""
    lx, ly = _point((index + 0.5) * SLICE, SECTOR_RADIUS)
    left, right = -LABEL_ROOM, SIZE + LABEL_ROOM
    if abs(lx - CENTRE) < 40:
        anchor, room = "middle", 2 * min(lx - left, right - lx)
    elif lx > CENTRE:
        anchor, room = "start", right - lx
    else:
        anchor, room = "end", lx - left
    width = max(8, min(24, int(room / (SECTOR_SIZE_SMALL * CHAR_WIDTH))))
    lines = wrap_label(label, width, lines=3)
    return _text_lines(
        lx,
        ly + 4,
        lines,
        SECTOR_SIZE,
        up=ly < CENTRE,  # above the middle: the lines grow upwards, away from the circle
        text_anchor=anchor,
        fill="#333",
        class_="nw-sector",
    )


def netwerkcirkel(
    members: Sequence[Any],
    *,
    id_prefix: str,
    title: str,
    centre_label: str,
    states: Mapping[int, str] | None = None,
    ties: Sequence[Any] = (),
) -> str:
    """The netwerkcirkel of these members, numbered in the given order (the table's order).

    `states` maps a member key (the member id, also for snapshot copies) to ADDED or LOST.
    `ties` are the ties between members (MemberTie or SnapshotTie: `member_a_id`,
    `member_b_id` are member keys), drawn as lines between the marks. A member placed by hand
    (pos_x, pos_y) is drawn there, the others in their sector and ring.
    """
    states = states or {}
    positions = layout(members)
    ties = list(ties)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="{-LABEL_ROOM} 0 {SIZE + 2 * LABEL_ROOM} {SIZE}"'
        ' class="nw-map"'
        f' role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc"'
        f"{_attrs(data_geometry=geometry_json())}>",
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">'
        + escape(
            _(
                "%(count)s members. Rings from the centre: very close, close, acquaintance, "
                "services. Slices: sectors. The table beside the picture lists every member."
            )
            % {"count": len(members)}
        )
        + (
            " "
            + escape(
                _("Lines between members: %(count)s ties between people who know each other.")
                % {"count": len(ties)}
            )
            if ties
            else ""
        )
        + "</desc>",
    ]
    for ring in reversed(list(RING_EDGES)):
        shade = "#f4f4f4" if list(RING_EDGES).index(ring) % 2 else "#ffffff"
        out.append(
            f"<circle{_attrs(cx=_fmt(CENTRE), cy=_fmt(CENTRE), r=RING_EDGES[ring])}"
            f' fill="{shade}" stroke="#6b6b6b" stroke-width="1" class="nw-ring"/>'
        )
    for index, (code, label) in enumerate(Sector.choices):
        x1, y1 = _point(index * SLICE, CORE)
        x2, y2 = _point(index * SLICE, RING_EDGES[Ring.SERVICES])
        out.append(
            f"<line{_attrs(x1=_fmt(x1), y1=_fmt(y1), x2=_fmt(x2), y2=_fmt(y2))}"
            ' stroke="#b5b5b5" stroke-width="1" stroke-dasharray="4 3"/>'
        )
        out.append(
            _sector_label(index, str(label)).replace("<text", f'<text data-sector="{code}"', 1)
        )
    out.append(
        '<g class="nw-spokes">'
        + "".join(_spoke(m, *positions[i]) for i, m in enumerate(members))
        + "</g>"
    )
    out.append(_links(members, positions, ties))
    out.append(
        f"<circle{_attrs(cx=_fmt(CENTRE), cy=_fmt(CENTRE), r=CORE)}"
        ' fill="#ffffff" stroke="#000" stroke-width="2"/>'
    )
    out.append(
        f'<text{_attrs(x=_fmt(CENTRE), y=_fmt(CENTRE + 4))} text-anchor="middle"'
        ' font-size="12" font-weight="bold" fill="#000" class="nw-centre">'
        f"{escape(centre_label[:8])}</text>"
    )
    out.append('<g class="nw-marks">')
    for index, member in enumerate(members):
        x, y = positions[index]
        state = states.get(_member_key(member), "")
        out.append(_mark(index + 1, member, x, y, state))
    out.append("</g>")
    if len(members) <= LABELS_UP_TO:
        out.append('<g class="nw-names">')
        out.extend(_name(m, *positions[i]) for i, m in enumerate(members))
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)
