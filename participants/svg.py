"""Small helpers for the server-rendered SVG of participants (network_svg, network_charts_svg)."""

from typing import Any
from xml.sax.saxutils import quoteattr


def attrs(**attrs: Any) -> str:
    """SVG attributes from keywords: ``stroke_width="2"`` is ``stroke-width="2"``, a trailing
    underscore is dropped (``class_``), None leaves the attribute out."""
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in attrs.items()
        if value is not None
    )


def fmt(value: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
