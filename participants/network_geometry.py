"""The geometry of the netwerkcirkel, shared by the picture (network_svg), the view that
stores a place drawn by hand, and the editor's script (which reads it from the picture's
``data-geometry`` attribute).

A place on the map is (pos_x, pos_y): the centre is (0, 0), the outer edge of the outer ring
is at distance 1, y grows downwards (as on screen). The rings are bands around the centre,
the sectors slices clockwise from straight up, in the order of `Sector`.
"""

import json
import math

from .models.network import Ring, Sector

SIZE = 560
CENTRE = SIZE / 2
CORE = 30  # the participant in the middle
# Outer radius of each ring of closeness, from the centre out (picture units).
RING_EDGES = {Ring.VERY_CLOSE: 85, Ring.CLOSE: 140, Ring.ACQUAINTANCE: 192, Ring.SERVICES: 240}
SCALE = RING_EDGES[Ring.SERVICES]  # picture units per unit of distance on the map
SLICE = 360 / len(Sector.values)


def to_picture(pos_x: float, pos_y: float) -> tuple[float, float]:
    """A place on the map in the picture's units."""
    return CENTRE + pos_x * SCALE, CENTRE + pos_y * SCALE


def from_picture(x: float, y: float) -> tuple[float, float]:
    return (x - CENTRE) / SCALE, (y - CENTRE) / SCALE


def ring_and_sector_at(pos_x: float, pos_y: float) -> tuple[str, str]:
    """The ring band and sector slice the picture draws at this place. The participant's own
    circle in the middle counts as the closest ring; beyond the outer ring, the outer ring."""
    distance = math.hypot(pos_x, pos_y) * SCALE
    ring = next((r for r, edge in RING_EDGES.items() if distance <= edge), Ring.SERVICES)
    angle = math.degrees(math.atan2(pos_x, -pos_y)) % 360  # 0 is straight up, clockwise
    sector = Sector.values[min(int(angle // SLICE), len(Sector.values) - 1)]
    return ring, sector


def geometry_json() -> str:
    """What the editor's script needs to turn a pointer into a place and back: the picture's
    centre and scale, the smallest and largest distance a mark may have, and the ring edges
    and sectors in order (codes and names, for what it announces while dragging)."""
    return json.dumps(
        {
            "centre": CENTRE,
            "scale": SCALE,
            "min": round((CORE + 10) / SCALE, 4),
            "max": 1,
            "slice": SLICE,
            "rings": [[str(r.label), round(edge / SCALE, 4)] for r, edge in _rings()],
            "sectors": [str(label) for _code, label in Sector.choices],
        },
        ensure_ascii=False,
    )


def _rings():
    for ring, edge in RING_EDGES.items():
        yield Ring(ring), edge
