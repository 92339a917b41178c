"""Belgian postcodes as points on the map, from the table shipped in `netwerk/data/`.

A postcode stands for the place a person lives: nobody knows their latitude and longitude, and
Netwerk asks for neither. The matching of buddies counts kilometres between the points of two
postcodes. The table (1,145 postcodes, ODbL v1.0, source and licence in
`netwerk/data/README.md`) is read once per process; no service is asked at run time.
"""

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TABLE = Path(__file__).resolve().parent / "data" / "be_postcodes.csv"


@dataclass(frozen=True, slots=True)
class Place:
    postcode: str
    name: str
    latitude: float
    longitude: float


@cache
def _places() -> dict[str, Place]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {
            row["postcode"]: Place(
                row["postcode"], row["place"], float(row["latitude"]), float(row["longitude"])
            )
            for row in csv.DictReader(handle)
        }


def normalise(postcode: str | None) -> str:
    """ "B-9000", " 9000 " and "9000" are the same postcode; anything else is kept as typed."""
    text = (postcode or "").strip().upper()
    for prefix in ("B-", "BE-", "B ", "BE "):
        if text.startswith(prefix):
            text = text[len(prefix) :].strip()
    return text


def place_for(postcode: str | None) -> Place | None:
    """The point of a Belgian postcode, or None when the table does not know it."""
    return _places().get(normalise(postcode))


def coordinates_for(postcode: str | None) -> tuple[float | None, float | None]:
    """(latitude, longitude) of a postcode, (None, None) when unknown."""
    place = place_for(postcode)
    if place is None:
        return None, None
    return place.latitude, place.longitude


def is_known(postcode: str | None) -> bool:
    return place_for(postcode) is not None


def check_postcode(postcode: str | None, *, field: str = "postcode") -> None:
    """Refuse a postcode the table does not know (empty is allowed: "not known yet")."""
    text = normalise(postcode)
    if text and not is_known(text):
        raise ValidationError(
            {
                field: _(
                    "We do not know the postcode %(postcode)s. Give a Belgian postcode of four "
                    "digits, for example 9000."
                )
                % {"postcode": text}
            },
            code="unknown_postcode",
        )


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@cache
def _place_names() -> dict[str, str]:
    return {_folded(place.name): place.name for place in _places().values()}


def municipality_name(value: str | None) -> str:
    """One spelling for a municipality, so that counts per municipality add up: a postcode
    the table knows becomes its place ("9000" → "Gent"), a place the table knows gets the
    table's spelling ("GENT", "gent " → "Gent"), anything else is kept with its spaces
    tidied. Empty stays empty."""
    text = " ".join((value or "").split())
    if not text:
        return ""
    place = place_for(text)
    if place is not None:
        return place.name
    return _place_names().get(_folded(text), text)
