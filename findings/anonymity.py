"""k-anonymity for the research export (plain Python and numpy, no Django).

Before a row leaves the organisation, the quasi-identifiers (what an acquaintance could know
of someone: birth year, gender, household, place, migration background, digital access and
comfort) are generalised until every combination in the file is shared by at least K people,
so that no row can be singled out ("the only man born 1965-69 living alone").

Each quasi-identifier has a ladder of ever coarser values; the top rung is `HIDDEN` (the
value is not given). Every combination of rungs is tried (a full-domain generalisation: one
rung per quasi-identifier for everyone, so the file stays consistent), and for each the people
whose combination is still shared by fewer than K lose all their quasi-identifiers (they get
`HIDDEN` everywhere). If those fully hidden people are themselves fewer than K, they are left
out of the file. The combination of rungs kept is the one that loses the least information:
the sum over people and quasi-identifiers of how far up the ladder the value went (a hidden
value costs 1, a left-out person one more). Ties go to the first in a fixed order, so the same
data give the same file.
"""

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

K = 5
HIDDEN = "*"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class QuasiIdentifier:
    """A column and its ladder: rung 0 is the value as recorded (already a category), each
    next rung a coarser one; the last rung always gives HIDDEN."""

    column: str
    rungs: tuple[Callable[[str], str], ...]

    @property
    def top(self) -> int:
        return len(self.rungs) - 1


def _keep(value: str) -> str:
    return value


def _hide(_value: str) -> str:
    return HIDDEN


def _band(width: int) -> Callable[[str], str]:
    """A five-year band ("1980-1984") widened to `width` years ("1980-1989")."""

    def widen(value: str) -> str:
        start = value.split("-", 1)[0]
        if not start.isdigit():
            return value
        low = int(start) - int(start) % width
        return f"{low}-{low + width - 1}"

    return widen


def _gender(value: str) -> str:
    return value if value in ("woman", "man") else "other_or_unknown"


def _household(value: str) -> str:
    if value == "alone":
        return "alone"
    if value in ("partner", "single_parent", "with_children", "shared"):
        return "with_others"
    return "other_or_unknown"


# Belgian postcodes by their first digits: the province (Brussels as its own region).
_PROVINCES = (
    (1000, 1299, "Brussels"),
    (1300, 1499, "Walloon Brabant"),
    (1500, 1999, "Flemish Brabant"),
    (2000, 2999, "Antwerp"),
    (3000, 3499, "Flemish Brabant"),
    (3500, 3999, "Limburg"),
    (4000, 4999, "Liège"),
    (5000, 5999, "Namur"),
    (6000, 6599, "Hainaut"),
    (6600, 6999, "Luxembourg"),
    (7000, 7999, "Hainaut"),
    (8000, 8999, "West Flanders"),
    (9000, 9999, "East Flanders"),
)


def province(postcode: str) -> str:
    code = (postcode or "").strip()
    if len(code) == 4 and code.isdigit():
        number = int(code)
        for low, high, name in _PROVINCES:
            if low <= number <= high:
                return name
    return UNKNOWN


def _place_to_province(value: str) -> str:
    # The place is recorded as "municipality|postcode": the province comes from the postcode.
    return province(value.rsplit("|", 1)[-1])


def _place_as_municipality(value: str) -> str:
    return value.rsplit("|", 1)[0]


QUASI_IDENTIFIERS = (
    QuasiIdentifier("birth_year_band", (_keep, _band(10), _band(20), _hide)),
    QuasiIdentifier("gender", (_keep, _gender, _hide)),
    QuasiIdentifier("household", (_keep, _household, _hide)),
    QuasiIdentifier("municipality", (_place_as_municipality, _place_to_province, _hide)),
    QuasiIdentifier("migration_background", (_keep, _hide)),
    QuasiIdentifier("digital_access", (_keep, _hide)),
    QuasiIdentifier("digital_comfort", (_keep, _hide)),
)


@dataclass(frozen=True)
class Result:
    rungs: dict[str, int]  # per column: how far up its ladder the file went (0: as recorded)
    values: list[tuple[str, ...] | None]  # per person: the generalised values, None: left out
    hidden_people: int  # people whose quasi-identifiers were all hidden (kept in the file)
    left_out: int  # people left out of the file altogether
    people: int  # people in the file


def anonymise(
    people: Sequence[Sequence[str]],
    *,
    k: int = K,
    quasi_identifiers: Sequence[QuasiIdentifier] = QUASI_IDENTIFIERS,
) -> Result:
    """`people`: per person, the rung-0 value of each quasi-identifier, in order."""
    count = len(people)
    columns = len(quasi_identifiers)
    # Per quasi-identifier and rung: the generalised text of everyone, and as integer codes.
    texts: list[list[list[str]]] = []
    codes: list[list[np.ndarray]] = []
    for index, qi in enumerate(quasi_identifiers):
        per_rung_texts, per_rung_codes = [], []
        for rung in qi.rungs:
            column = [rung(person[index]) for person in people]
            _uniques, inverse = np.unique(np.array(column, dtype=object), return_inverse=True)
            per_rung_texts.append(column)
            per_rung_codes.append(inverse.astype(np.int64).reshape(-1))
        texts.append(per_rung_texts)
        codes.append(per_rung_codes)

    best: tuple[float, tuple[int, ...], np.ndarray] | None = None
    for choice in itertools.product(*(range(len(qi.rungs)) for qi in quasi_identifiers)):
        if count == 0:
            best = (0.0, choice, np.zeros(0, dtype=bool))
            break
        key = np.zeros(count, dtype=np.int64)
        for index, rung in enumerate(choice):
            column = codes[index][rung]
            key = key * (int(column.max()) + 1) + column
        _keys, inverse, sizes = np.unique(key, return_inverse=True, return_counts=True)
        small = sizes[inverse.reshape(-1)] < k
        loss = count * sum(
            rung / qi.top for rung, qi in zip(choice, quasi_identifiers, strict=True)
        )
        # The people of small groups lose every quasi-identifier (cost 1 each), instead of
        # the share they had lost already.
        share = sum(rung / qi.top for rung, qi in zip(choice, quasi_identifiers, strict=True))
        loss += int(small.sum()) * (columns - share)
        if _left_out(choice, small, quasi_identifiers, k):
            loss += int(small.sum()) + int(_already_hidden(choice, small, quasi_identifiers))
        if best is None or loss < best[0] - 1e-9:
            best = (loss, choice, small)
    assert best is not None
    _loss, choice, small = best
    left_out = _left_out(choice, small, quasi_identifiers, k)
    values: list[tuple[str, ...] | None] = []
    for person in range(count):
        if small[person]:
            values.append(None if left_out else (HIDDEN,) * columns)
        else:
            values.append(tuple(texts[i][rung][person] for i, rung in enumerate(choice)))
    hidden_people = int(small.sum())
    if left_out:
        # Those whose values the choice hides altogether join the left-out group.
        all_hidden = [
            person
            for person, value in enumerate(values)
            if value is not None and all(v == HIDDEN for v in value)
        ]
        for person in all_hidden:
            values[person] = None
    dropped = sum(value is None for value in values)
    return Result(
        rungs={qi.column: rung for qi, rung in zip(quasi_identifiers, choice, strict=True)},
        values=values,
        hidden_people=0 if left_out else hidden_people,
        left_out=dropped,
        people=count - dropped,
    )


def _already_hidden(choice, small, quasi_identifiers) -> int:
    """People outside the small groups whose every value this choice hides already."""
    if all(rung == qi.top for rung, qi in zip(choice, quasi_identifiers, strict=True)):
        return int((~small).sum())
    return 0


def _left_out(choice, small, quasi_identifiers, k: int) -> bool:
    """Whether the fully hidden people are too few to share their (empty) combination."""
    hidden = int(small.sum()) + _already_hidden(choice, small, quasi_identifiers)
    return 0 < hidden < k and bool(small.any())


def is_k_anonymous(rows: Sequence[Sequence[str]], people: Sequence[str], k: int = K) -> bool:
    """Every combination of quasi-identifier values is shared by at least k distinct people
    (`people`: the pseudonym of each row)."""
    groups: dict[tuple[str, ...], set[str]] = {}
    for row, person in zip(rows, people, strict=True):
        groups.setdefault(tuple(row), set()).add(person)
    return all(len(members) >= k for members in groups.values())


def information_kept(result: Result, quasi_identifiers=QUASI_IDENTIFIERS) -> float:
    """Share of the quasi-identifiers' detail kept (1: as recorded), for reports and tests."""
    total = sum(1 - result.rungs[qi.column] / qi.top for qi in quasi_identifiers)
    return 0.0 if math.isclose(total, 0.0) else total / len(quasi_identifiers)
