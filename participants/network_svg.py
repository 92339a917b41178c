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
from .network_charts_svg import line_chart
from .svg import attrs as _attrs
from .svg import fmt as _fmt

__all__ = ["ADDED", "LOST", "line_chart", "netwerkcirkel"]

SIZE = 560
CENTRE = SIZE / 2
CORE = 30  # the participant in the middle
# Outer radius of each ring of closeness, from the centre out.
RING_EDGES = {Ring.VERY_CLOSE: 85, Ring.CLOSE: 140, Ring.ACQUAINTANCE: 192, Ring.SERVICES: 240}
SLICE = 360 / len(Sector.values)
MARK = 9
LABEL_ROOM = 110  # extra width left and right, so the sector names are not cut off
# Text sizes in the picture's units: the picture is drawn at most 780 px wide (netwerk.css), so
# these are about the sizes on screen at a laptop's and a tablet's width.
LABEL_SIZE = 15
NUMBER_SIZE = 12
SECTOR_SIZE = 14
LABEL_LINE = 15  # characters per line of a member's name (two lines at most)
SECTOR_LINE = 16
# Where each kind of support puts its tick on the mark: up, right, down, left.
SUPPORT_TICKS = {
    Support.EMOTIONAL: (0, -1),
    Support.PRACTICAL: (1, 0),
    Support.INFORMATIONAL: (0, 1),
    Support.COMPANIONSHIP: (-1, 0),
}
LABELS_UP_TO = 24  # beyond this many members only the numbers are drawn, names are in the table

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
    """Position per member (by index in `members`): its sector's slice, its ring's band,
    spread evenly within that cell; a crowded cell alternates between two radii."""
    cells: dict[tuple[str, str], list[int]] = {}
    for index, member in enumerate(members):
        cells.setdefault((member.sector, member.ring), []).append(index)
    positions = {}
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


def _text_lines(x: float, y: float, lines: Sequence[str], size: int, **attrs: Any) -> str:
    """A <text> of several lines (tspans), the first on ``y``."""
    spans = "".join(
        f"<tspan{_attrs(x=_fmt(x), dy=None if n == 0 else f'{size * 1.15:.1f}')}>"
        f"{escape(line)}</tspan>"
        for n, line in enumerate(lines)
    )
    return f"<text{_attrs(x=_fmt(x), y=_fmt(y), font_size=size, **attrs)}>{spans}</text>"


def _mark(number: int, member: Any, x: float, y: float, state: str, with_label: bool) -> str:
    formal = member.formality == Formality.FORMAL
    dash = "3 2" if member.critical else None
    parts = [
        f"<line{_attrs(x1=_fmt(CENTRE), y1=_fmt(CENTRE), x2=_fmt(x), y2=_fmt(y))}"
        f' class="nw-tie" stroke="#8a8a8a" stroke-width="1"'
        f"{_attrs(stroke_dasharray=dash)}/>"
    ]
    if state == ADDED:  # a second outline around the mark
        if formal:
            side, half = 2 * MARK + 8, MARK + 4
            parts.append(
                f"<rect{_attrs(x=_fmt(x - half), y=_fmt(y - half), width=side, height=side)}"
                ' fill="none" stroke="#000" stroke-width="2"/>'
            )
        else:
            parts.append(
                f"<circle{_attrs(cx=_fmt(x), cy=_fmt(y), r=MARK + 4)}"
                ' fill="none" stroke="#000" stroke-width="2"/>'
            )
    fill = "#d9d9d9" if formal else "#ffffff"
    stroke = "#8a8a8a" if state == LOST else "#000"
    shape_attrs = {"fill": fill, "stroke": stroke, "stroke_width": "1.5", "stroke_dasharray": dash}
    if formal:
        parts.append(
            f"<rect{_attrs(x=_fmt(x - MARK), y=_fmt(y - MARK), width=2 * MARK, height=2 * MARK)}"
            f"{_attrs(**shape_attrs)}/>"
        )
    else:
        parts.append(f"<circle{_attrs(cx=_fmt(x), cy=_fmt(y), r=MARK)}{_attrs(**shape_attrs)}/>")
    for code in member.support:
        if code in SUPPORT_TICKS:
            dx, dy = SUPPORT_TICKS[code]
            x1, y1 = x + dx * MARK, y + dy * MARK
            x2, y2 = x + dx * (MARK + 6), y + dy * (MARK + 6)
            parts.append(
                f"<line{_attrs(x1=_fmt(x1), y1=_fmt(y1), x2=_fmt(x2), y2=_fmt(y2))}"
                ' stroke="#000" stroke-width="2"/>'
            )
    parts.append(
        f'<text{_attrs(x=_fmt(x), y=_fmt(y + NUMBER_SIZE * 0.35))} text-anchor="middle"'
        f' font-size="{NUMBER_SIZE}" fill="#000">{number}</text>'
    )
    if state == LOST:  # crossed out
        d = MARK + 3
        parts.append(
            f"<path{_attrs(d=f'M{_fmt(x - d)} {_fmt(y - d)}L{_fmt(x + d)} {_fmt(y + d)}')}"
            ' stroke="#000" stroke-width="2"/>'
        )
    if with_label:
        parts.append(
            _text_lines(
                x,
                y + MARK + LABEL_SIZE + 2,
                wrap_label(member.label, LABEL_LINE),
                LABEL_SIZE,
                text_anchor="middle",
                fill="#000",
                # A white outline keeps the name legible where it crosses a ring or a line.
                stroke="#fff",
                stroke_width="3",
                paint_order="stroke",
                class_="nw-label",
            )
        )
    title = mark_title(number, member, state)
    return (
        f'<g class="nw-member{" nw-" + state if state else ""}"'
        f"{_attrs(data_member=_member_key(member))}><title>{escape(title)}</title>"
        + "".join(parts)
        + "</g>"
    )


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
    `member_b_id` are member keys).
    """
    states = states or {}
    positions = layout(members)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="{-LABEL_ROOM} 0 {SIZE + 2 * LABEL_ROOM} {SIZE}"'
        ' class="nw-map"'
        f' role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">'
        + escape(
            _(
                "%(count)s members. Rings from the centre: very close, close, acquaintance, "
                "services. Slices: sectors. The table beside the picture lists every member."
            )
            % {"count": len(members)}
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
        lx, ly = _point((index + 0.5) * SLICE, RING_EDGES[Ring.SERVICES] + 16)
        anchor = "middle" if abs(lx - CENTRE) < 40 else ("start" if lx > CENTRE else "end")
        lines = wrap_label(str(label), SECTOR_LINE, lines=3)
        if ly < CENTRE:  # above the middle: the lines grow upwards, away from the circle
            ly -= (len(lines) - 1) * SECTOR_SIZE * 1.15
        out.append(
            _text_lines(
                lx,
                ly + 4,
                lines,
                SECTOR_SIZE,
                text_anchor=anchor,
                fill="#333",
                class_="nw-sector",
                data_sector=code,
            )
        )
    out.append(
        f"<circle{_attrs(cx=_fmt(CENTRE), cy=_fmt(CENTRE), r=CORE)}"
        ' fill="#ffffff" stroke="#000" stroke-width="2"/>'
    )
    out.append(
        f'<text{_attrs(x=_fmt(CENTRE), y=_fmt(CENTRE + 4))} text-anchor="middle"'
        f' font-size="12" font-weight="bold" fill="#000">{escape(centre_label[:8])}</text>'
    )
    with_labels = len(members) <= LABELS_UP_TO
    for index, member in enumerate(members):
        x, y = positions[index]
        state = states.get(_member_key(member), "")
        out.append(_mark(index + 1, member, x, y, state, with_labels))
    out.append("</svg>")
    return "".join(out)
