"""Server-rendered SVG: the small change-over-time line charts of the network page and the file.

Like network_svg.py: presentation attributes only (the CSP blocks inline styles), readable in
black and white, thresholds dashed and labelled where they cover no point.
"""

from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .svg import attrs as _attrs
from .svg import fmt as _fmt

# --- Line charts ----------------------------------------------------------------------------

CHART_W, CHART_H = 320, 150
PAD_L, PAD_R, PAD_T, PAD_B = 34, 12, 14, 28
THRESHOLD_SIZE = 9
POINT_R = 3.5


def text_box(text: str, x: float, baseline: float, size: float, anchor: str):
    """The box (left, top, right, bottom) a line of text takes, estimated from its length."""
    width = len(text) * size * 0.55
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return left, baseline - size, left + width, baseline + size * 0.25


def threshold_label_place(text: str, line_y: float, points, inner_w: float):
    """Where a threshold's label goes: just above its line on the right, else below it, else
    on the left: the first place that covers no point of the chart."""
    size = THRESHOLD_SIZE
    right, left = PAD_L + inner_w, PAD_L + 3
    above, below = line_y - 3, line_y + size + 1
    # Further from the line: clear of a point that lies on it.
    far_above, far_below = line_y - 3 - 2 * POINT_R, line_y + size + 1 + 2 * POINT_R
    places = [
        (right, above, "end"),
        (right, below, "end"),
        (left, above, "start"),
        (left, below, "start"),
        (right, far_above, "end"),
        (right, far_below, "end"),
    ]

    def fits(place) -> bool:
        box_left, top, box_right, bottom = text_box(text, place[0], place[1], size, place[2])
        inside = top >= 0 and bottom <= CHART_H - PAD_B
        return inside and not any(
            box_left - POINT_R <= px <= box_right + POINT_R
            and top - POINT_R <= py <= bottom + POINT_R
            for px, py in points
        )

    return next((place for place in places if fits(place)), places[0])


def line_chart(
    *,
    id_prefix: str,
    title: str,
    points: Sequence[tuple[Any, float]],
    thresholds: Iterable[tuple[float, str]] = (),
    y_min: float = 0,
    y_max: float = 10,
) -> str:
    """A small chart of values over dates, with threshold lines drawn dashed and labelled."""
    thresholds = list(thresholds)
    y_max = max([y_max, *(value for _, value in points)]) if points else y_max
    span = (y_max - y_min) or 1
    inner_w, inner_h = CHART_W - PAD_L - PAD_R, CHART_H - PAD_T - PAD_B

    def y_of(value: float) -> float:
        return PAD_T + inner_h * (1 - (value - y_min) / span)

    days = [day.toordinal() for day, _ in points]
    first, last = (min(days), max(days)) if days else (0, 0)

    def x_of(day) -> float:
        if last == first:
            return PAD_L + inner_w / 2
        return PAD_L + inner_w * (day.toordinal() - first) / (last - first)

    values = "; ".join(
        f"{date_format(day, 'SHORT_DATE_FORMAT')}: {_fmt(value)}" for day, value in points
    )
    desc = values or _("No values yet.")
    if thresholds:
        desc += ". " + _("Thresholds: %(list)s") % {
            "list": ", ".join(f"{_fmt(v)} ({label})" for v, label in thresholds)
        }
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {CHART_H}"'
        f' class="nw-chart" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>',
        f'<line{_attrs(x1=PAD_L, y1=PAD_T, x2=PAD_L, y2=PAD_T + inner_h)} stroke="#000"/>',
        f"<line{_attrs(x1=PAD_L, y1=PAD_T + inner_h, x2=PAD_L + inner_w, y2=PAD_T + inner_h)}"
        ' stroke="#000"/>',
    ]
    for value in sorted({y_min, y_max}):
        out.append(
            f'<text{_attrs(x=PAD_L - 4, y=_fmt(y_of(value) + 3))} text-anchor="end"'
            f' font-size="9" fill="#000">{_fmt(value)}</text>'
        )
    for value, _label in thresholds:
        y = _fmt(y_of(value))
        out.append(
            f"<line{_attrs(x1=PAD_L, y1=y, x2=PAD_L + inner_w, y2=y)}"
            ' stroke="#000" stroke-width="1" stroke-dasharray="5 3" class="nw-threshold"/>'
        )
        out.append(
            f'<text{_attrs(x=PAD_L - 4, y=_fmt(y_of(value) + 3))} text-anchor="end"'
            f' font-size="9" fill="#000">{_fmt(value)}</text>'
        )
    coords = [(x_of(day), y_of(value)) for day, value in points]
    for value, label in thresholds:
        text = label[:48]
        x, y, anchor = threshold_label_place(text, y_of(value), coords, inner_w)
        out.append(
            f'<text{_attrs(x=_fmt(x), y=_fmt(y))} text-anchor="{anchor}"'
            f' font-size="{THRESHOLD_SIZE}" fill="#333" class="nw-threshold-label">'
            f"{escape(text)}</text>"
        )
    if len(coords) > 1:
        path = "M" + "L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in coords)
        out.append(f'<path{_attrs(d=path)} fill="none" stroke="#000" stroke-width="2"/>')
    for (day, value), (x, y) in zip(points, coords, strict=True):
        out.append(
            f'<circle{_attrs(cx=_fmt(x), cy=_fmt(y), r=POINT_R)} fill="#000" class="nw-point">'
            f"<title>{escape(date_format(day, 'SHORT_DATE_FORMAT'))}: {_fmt(value)}</title>"
            "</circle>"
        )
    if points:
        for day, anchor, x in (
            (points[0][0], "start", PAD_L),
            (points[-1][0], "end", PAD_L + inner_w),
        ):
            out.append(
                f'<text{_attrs(x=x, y=CHART_H - 8)} text-anchor="{anchor}" font-size="9"'
                f' fill="#000">{escape(date_format(day, "SHORT_DATE_FORMAT"))}</text>'
            )
    out.append("</svg>")
    return "".join(out)
