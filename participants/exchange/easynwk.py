"""Reading an easyNWK file (the "easy NetWork Konstrukteur" of Pantuček et al., FH St. Pölten)
into an `ImportedMap`.

Two kinds of file are read, as the easyNWK web app itself reads them (fhstp/easynwk-web,
src/data/NWKRecord.ts):
- the JSON the web app saves: either one map `{"ego", "alteri", "connections"}` or a record
  of versions `{"versions": [{"id", "title", "date", "nwk": {…}}], "currentVersion"}`, of
  which the current version is imported (one file, one snapshot);
- the text file of the classic Java easyNWK (.nwk): lines separated by CRLF, fields by
  semicolons: `E;ego…` (the participant, not imported), `F;id;dd.mm.yyyy` (the date),
  `N;id;name;gender;role;note` (a person; a name starting with "+" has died),
  `P;…;id;x;y;edgeType` (their place, x and y from 0 to 1 with the centre at 0.5, 0.5) and
  `L;…;id1;id2` (two people who know each other).

easyNWK has no sector field: a person's sector is the quarter of the map they stand in, and
how close they are is their distance from the centre (100 at the outer horizon). Netwerk maps:
- top right Familie → family, top left Freund*innen / Bekannte → friends, bottom left
  Kolleg*innen → work, school or training, bottom right prof. Helfer*innen → professionals;
- inner third → very close, middle third → close, outer third and beyond → acquaintance.
Positions are not carried over (Netwerk's sectors are not easyNWK's quarters: the map places
the person in their sector). People without a place (deleted in easyNWK 1.5) or who have
died are left out with a warning, and so are their ties. Gender, age and notes are not read:
members are third parties and Netwerk keeps only a first name or a role.
"""

import datetime
import json
import math
from typing import Any

from django.utils.translation import gettext as _

from ..models.network import Ring, Sector
from .checks import ImportedMap, ImportedMember, ImportedTie, check

# easyNWK's quarters, counter-clockwise from the positive x axis (AlterCategories.ts).
QUARTERS = (
    ("Familie", Sector.FAMILY),
    ("Freund*innen / Bekannte", Sector.FRIENDS),
    ("Kolleg*innen", Sector.WORK_SCHOOL),
    ("prof. Helfer*innen", Sector.PROFESSIONALS),
)
HORIZONS = ((100 / 3, Ring.VERY_CLOSE, "1"), (200 / 3, Ring.CLOSE, "2"))
MAX_NODES = 1000


class NotEasyNWK(ValueError):
    """The file is not an easyNWK file; the message says why."""


def quarter(angle: float) -> int:
    """easyNWK's `sectorIndex`: 0 top right, 1 top left, 2 bottom left, 3 bottom right."""
    if angle < -90:
        return 2
    if angle < 0:
        return 3
    if angle < 90:
        return 0
    return 1


def ring_of(distance: float) -> tuple[str, str]:
    for limit, ring, circle in HORIZONS:
        if distance < limit:
            return ring, circle
    return Ring.ACQUAINTANCE, "3"


def read_easynwk(content: bytes) -> ImportedMap:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="strict")  # the Java version wrote Windows text
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return _from_json(stripped)
    if stripped[:2] in ("E;", "F;", "N;", "P;", "L;"):
        return _from_lines(stripped)
    raise NotEasyNWK(_("This is not an easyNWK file (neither its JSON nor its .nwk text)."))


def _from_json(text: str) -> ImportedMap:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise NotEasyNWK(_("This easyNWK file is not valid JSON.")) from error
    if not isinstance(data, dict):
        raise NotEasyNWK(_("This is not an easyNWK file (neither its JSON nor its .nwk text)."))
    imported = ImportedMap(file_format="easynwk")
    if isinstance(data.get("versions"), list):
        versions = [v for v in data["versions"] if isinstance(v, dict)]
        current = next((v for v in versions if v.get("id") == data.get("currentVersion")), None)
        current = current or (versions[-1] if versions else None)
        if current is None or not isinstance(current.get("nwk"), dict):
            raise NotEasyNWK(_("This easyNWK file holds no network map."))
        if len(versions) > 1:
            imported.warn(
                _("file"),
                _("The file holds %(count)s versions; only the current one is imported.")
                % {"count": len(versions)},
            )
        imported.taken_on = _iso(current.get("date"))
        data = current["nwk"]
    alteri, connections = data.get("alteri"), data.get("connections")
    if not isinstance(alteri, list) or not isinstance(connections, list):
        raise NotEasyNWK(_("This is not an easyNWK file: it has no people and connections."))
    if len(alteri) > MAX_NODES:
        raise NotEasyNWK(_("This easyNWK file holds too many people."))
    skipped: set[str] = set()
    for number, alter in enumerate(alteri, start=1):
        if not isinstance(alter, dict):
            imported.error(_("person %(n)s") % {"n": number}, _("This entry is not a person."))
            continue
        _add_alter(imported, skipped, alter, number)
    for number, connection in enumerate(connections, start=1):
        if not isinstance(connection, dict):
            imported.error(_("connection %(n)s") % {"n": number}, _("This is not a connection."))
            continue
        _add_tie(imported, skipped, connection.get("id1"), connection.get("id2"), number)
    return check(imported)


def _add_alter(imported, skipped, alter: dict[str, Any], number: int) -> None:
    key = str(alter.get("id", f"#{number}"))
    element = _("person %(key)s") % {"key": key}
    try:
        angle, distance = float(alter.get("angle", 0)), float(alter.get("distance", 0))
    except (TypeError, ValueError):
        imported.error(element, _("The place on the easyNWK map is not a number."))
        return
    if not (math.isfinite(angle) and math.isfinite(distance)) or distance > 1000:
        imported.error(element, _("The place on the easyNWK map is outside the map."))
        return
    label = str(alter.get("name") or "").strip() or str(alter.get("role") or "").strip()
    if distance <= 0:
        skipped.add(key)
        imported.warn(element, _("Not placed on the easyNWK map: left out."))
        return
    if alter.get("deceased"):
        skipped.add(key)
        imported.warn(element, _("Has died according to easyNWK: left out."))
        return
    name, sector = QUARTERS[quarter(angle)]
    ring, circle = ring_of(distance)
    if alter.get("edgeType") == 0:
        imported.warn(element, _("In easyNWK there is no contact with the participant now."))
    imported.members.append(
        ImportedMember(
            key=key,
            label=label,
            sector=sector,
            ring=ring,
            file_sector=name,
            file_ring=_("circle %(n)s") % {"n": circle},
        )
    )


def _add_tie(imported, skipped, first, second, number, element="") -> None:
    a, b = str(first), str(second)
    if a in skipped or b in skipped:
        return
    element = element or _("connection %(n)s (%(a)s-%(b)s)") % {"n": number, "a": a, "b": b}
    imported.ties.append(ImportedTie(a=a, b=b, element=element))


def _iso(value: Any) -> str:
    try:
        return datetime.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return ""


def _from_lines(text: str) -> ImportedMap:
    imported = ImportedMap(file_format="easynwk")
    people: dict[str, dict[str, Any]] = {}
    links: list[tuple[str, str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split(";")
        kind = parts[0]
        if kind == "F" and len(parts) > 2:
            imported.taken_on = _dotted(parts[2])
        elif kind == "N" and len(parts) > 2 and parts[2]:
            name = parts[2]
            people[parts[1]] = {
                "id": parts[1],
                "name": name.removeprefix("+"),
                "role": parts[4] if len(parts) > 4 else "",
                "deceased": name.startswith("+"),
                "line": number,
            }
        elif kind == "P" and len(parts) > 5:
            person = people.get(parts[2])
            try:
                x, y = float(parts[3]), float(parts[4])
            except ValueError:
                imported.error(_("line %(n)s") % {"n": number}, _("A place is not a number."))
                continue
            if person is not None:
                dx, dy = x - 0.5, 0.5 - y
                person["distance"] = math.hypot(dx, dy) * 200
                person["angle"] = math.degrees(math.atan2(dy, dx))
                person["edgeType"] = int(parts[5]) if parts[5].strip().isdigit() else 1
        elif kind == "L" and len(parts) > 3:
            links.append((parts[2], parts[3], number))
        elif kind not in ("E", "F", "N", "P", "L"):
            imported.warn(_("line %(n)s") % {"n": number}, _("This line is not read."))
    if len(people) > MAX_NODES:
        raise NotEasyNWK(_("This easyNWK file holds too many people."))
    skipped: set[str] = set()
    for number, person in enumerate(people.values(), start=1):
        _add_alter(imported, skipped, person, number)
    for a, b, number in links:
        _add_tie(imported, skipped, a, b, number, element=_("line %(n)s") % {"n": number})
    return check(imported)


def _dotted(value: str) -> str:
    try:
        day, month, year = (int(part) for part in value.strip().split("."))
        return datetime.date(year, month, day).isoformat()
    except (ValueError, TypeError):
        return ""
