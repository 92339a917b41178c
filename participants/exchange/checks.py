"""What every import of a network map is checked against, whatever the file format.

A parser (`graphml`, `easynwk`) reads its file into an `ImportedMap` of members and ties with
the file's own values; `check` then maps sectors and rings (a code, or its English or Dutch
name), and reports every problem with the element it is about. One problem anywhere and
nothing is written: the preview lists them all.
"""

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ..models.network import Direction, Frequency, KnownFor, Ring, Sector, Support
from ..models.network_parts import Origin, TieStrength, TieTension

MAX_BYTES = 2 * 1024 * 1024
MAX_MEMBERS = 500
MAX_TIES = 5000
MAX_LABEL = 100
MAX_DETAIL = 100


@dataclass
class Problem:
    element: str  # the element of the file it is about ("node n3", "edge n1-n4", "line 7")
    message: str


@dataclass
class ImportedMember:
    key: str  # the element's id in the file
    label: str = ""
    sector: str = ""
    ring: str = ""
    support: list[str] = field(default_factory=list)
    direction: str = ""
    frequency: str = ""
    known_for: str = ""
    critical: bool = False
    pos_x: float | None = None
    pos_y: float | None = None
    origin: str = ""
    origin_detail: str = ""
    origin_work_model: str = ""
    # What the file said, shown beside what it became ("Familie" → Family).
    file_sector: str = ""
    file_ring: str = ""


@dataclass
class ImportedTie:
    a: str
    b: str
    element: str = ""
    strength: str = TieStrength.WEAK
    tension: str = ""
    origin: str = ""
    origin_detail: str = ""
    origin_work_model: str = ""


@dataclass
class ImportedMap:
    file_format: str
    members: list[ImportedMember] = field(default_factory=list)
    ties: list[ImportedTie] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    taken_on: str = ""  # ISO date the file gives, if any

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, element: str, message: str) -> None:
        self.errors.append(Problem(element, message))

    def warn(self, element: str, message: str) -> None:
        self.warnings.append(Problem(element, message))

    def as_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "ImportedMap":
        return cls(
            file_format=data["file_format"],
            members=[ImportedMember(**m) for m in data["members"]],
            ties=[ImportedTie(**t) for t in data["ties"]],
            errors=[Problem(**p) for p in data["errors"]],
            warnings=[Problem(**p) for p in data["warnings"]],
            taken_on=data.get("taken_on", ""),
        )


def _names(choices) -> dict[str, str]:
    """Every way a file may name a choice: its code, its English and its Dutch label."""
    found = {}
    for code, label in choices.choices:
        found[code.lower()] = code
        for language in ("en", "nl"):
            with translation.override(language):
                found[str(label).strip().lower()] = code
    return found


def _choice(imported, element, name, value, choices, *, required=False) -> str:
    text = str(value or "").strip()
    if not text:
        if required:
            imported.error(element, _("The %(field)s is missing.") % {"field": name})
        return ""
    code = _names(choices).get(text.lower())
    if code is None:
        imported.error(
            element,
            _("Unknown %(field)s “%(value)s”: use a code or a name from the list.")
            % {"field": name, "value": text[:40]},
        )
        return ""
    return code


def check(imported: ImportedMap) -> ImportedMap:
    """Map and check every member and tie in place; returns the same map with its problems."""
    if len(imported.members) > MAX_MEMBERS:
        imported.error(
            _("file"), _("More than %(count)s people: split the map.") % {"count": MAX_MEMBERS}
        )
        return imported
    if len(imported.ties) > MAX_TIES:
        imported.error(_("file"), _("More than %(count)s ties.") % {"count": MAX_TIES})
        return imported
    keys: set[str] = set()
    labels: dict[str, str] = {}
    for member in imported.members:
        _check_member(imported, member, keys, labels)
    seen: dict[tuple[str, str], str] = {}
    for tie in imported.ties:
        _check_tie(imported, tie, keys, seen)
    return imported


def _check_member(imported, member, keys, labels) -> None:
    element = _("node %(key)s") % {"key": member.key}
    if member.key in keys:
        imported.error(element, _("This id is used for more than one person."))
    keys.add(member.key)
    member.label = " ".join(str(member.label or "").split())
    if not member.label:
        imported.error(element, _("This person has no label (a first name or a role)."))
    elif len(member.label) > MAX_LABEL:
        imported.error(element, _("The label is longer than %(n)s characters.") % {"n": MAX_LABEL})
    else:
        other = labels.get(member.label.lower())
        if other is not None:
            imported.error(
                element,
                _("“%(label)s” is also the label of node %(other)s: give each person their own.")
                % {"label": member.label, "other": other},
            )
        labels[member.label.lower()] = member.key
        if _looks_like_full_name(member.label):
            imported.warn(
                element,
                _(
                    "“%(label)s” may be a full name. Netwerk keeps only a first name or a role:"
                    " change it on the map after the import."
                )
                % {"label": member.label},
            )
    member.file_sector = member.file_sector or str(member.sector or "")
    member.file_ring = member.file_ring or str(member.ring or "")
    member.sector = _choice(imported, element, _("sector"), member.sector, Sector, required=True)
    member.ring = _choice(imported, element, _("ring"), member.ring, Ring, required=True)
    support = member.support
    if isinstance(support, str):
        support = [part for part in support.replace(";", ",").split(",") if part.strip()]
    member.support = [
        code
        for code in (_choice(imported, element, _("support"), s, Support) for s in support)
        if code
    ]
    member.direction = _choice(imported, element, _("direction"), member.direction, Direction)
    member.frequency = _choice(imported, element, _("frequency"), member.frequency, Frequency)
    member.known_for = _choice(imported, element, _("known for"), member.known_for, KnownFor)
    member.origin = _choice(imported, element, _("origin"), member.origin, Origin)
    member.origin_detail = str(member.origin_detail or "").strip()[:MAX_DETAIL]
    _check_position(imported, element, member)


def _looks_like_full_name(label: str) -> bool:
    """Two or more words that all start with a capital ("Rita Peeters"), a hint only."""
    words = label.split()
    return len(words) >= 2 and all(word[:1].isupper() and word.isalpha() for word in words)


def _check_position(imported, element, member) -> None:
    x, y = member.pos_x, member.pos_y
    if x is None and y is None:
        return
    try:
        x, y = float(x), float(y)
    except (TypeError, ValueError):
        imported.error(element, _("A position needs both numbers, across and down."))
        return
    if not (math.isfinite(x) and math.isfinite(y)) or x * x + y * y > 1.0001:
        imported.error(
            element,
            _("The position (%(x)s, %(y)s) is outside the map (at most 1 from the centre).")
            % {"x": f"{x:g}", "y": f"{y:g}"},
        )
        return
    member.pos_x, member.pos_y = x, y


def _check_tie(imported, tie, keys, seen) -> None:
    element = tie.element or _("edge %(a)s-%(b)s") % {"a": tie.a, "b": tie.b}
    for end in (tie.a, tie.b):
        if end not in keys:
            imported.error(
                element,
                _("This tie goes to node %(key)s, which is not in the file.") % {"key": end},
            )
            return
    if tie.a == tie.b:
        imported.error(element, _("A tie joins two different people."))
        return
    pair = tuple(sorted((tie.a, tie.b)))
    if pair in seen:
        imported.error(element, _("The same tie is also %(other)s.") % {"other": seen[pair]})
        return
    seen[pair] = element
    tie.strength = (
        _choice(imported, element, _("strength"), tie.strength or TieStrength.WEAK, TieStrength)
        or TieStrength.WEAK
    )
    tie.tension = _choice(imported, element, _("tension"), tie.tension, TieTension)
    tie.origin = _choice(imported, element, _("origin"), tie.origin, Origin)
    tie.origin_detail = str(tie.origin_detail or "").strip()[:MAX_DETAIL]
