"""Synthetic inputs for tests, benchmarks and demos: no personal data, ever.

requests_with / volunteers_with build small inputs in which every pair is feasible unless a test
says otherwise, so a test states only the column it is about. synthetic_population builds a
Flemish-looking waiting list and volunteer pool from a seed, for the benchmark.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np

from .bits import DAYS, PARTS
from .inputs import Requests, Vocabulary, Volunteers

GHENT = (51.0543, 3.7174)

_REQUEST_DEFAULTS: dict[str, Any] = {
    "languages": 1,
    "availability": (1 << 21) - 1,
    "interests": 0,
    "lat": GHENT[0],
    "lon": GHENT[1],
    "area": 9000,
    "gender_wish": 0,
    "min_age": np.nan,
    "max_age": np.nan,
    "wants_lived_experience": False,
    "waiting_days": 0,
}
_VOLUNTEER_DEFAULTS: dict[str, Any] = {
    "languages": 1,
    "availability": (1 << 21) - 1,
    "interests": 0,
    "lat": GHENT[0],
    "lon": GHENT[1],
    "area": 9000,
    "max_km": 10.0,
    "gender": 0,
    "birth_year": np.nan,
    "lived_experience": False,
    "eligible": True,
    "capacity": 1,
}


def _build(cls: Any, count: int, defaults: dict[str, Any], columns: dict[str, Any]) -> Any:
    unknown = set(columns) - set(defaults) - {"reference_year"}
    if unknown:
        raise TypeError(f"unknown columns: {sorted(unknown)}")
    values: dict[str, Any] = {}
    for spec in fields(cls):
        if spec.name not in defaults:
            continue
        raw = np.asarray(columns.get(spec.name, defaults[spec.name]), dtype=spec.metadata["dtype"])
        values[spec.name] = np.broadcast_to(raw, (count,))
    if "reference_year" in columns:
        values["reference_year"] = columns["reference_year"]
    return cls(**values)


def requests_with(count: int = 1, **columns: Any) -> Requests:
    """Requests that fit volunteers_with() defaults; a scalar column applies to every row."""
    return _build(Requests, count, _REQUEST_DEFAULTS, columns)  # type: ignore[no-any-return]


def volunteers_with(count: int = 1, **columns: Any) -> Volunteers:
    """Eligible volunteers with capacity 1 next to requests_with() defaults; override any column."""
    return _build(Volunteers, count, _VOLUNTEER_DEFAULTS, columns)  # type: ignore[no-any-return]


LANGUAGES = ("nl", "fr", "en", "ar", "tr", "pl", "ru", "uk", "ps", "ti")
INTERESTS = (
    "walking", "cooking", "football", "reading", "music", "gardening", "cycling", "crafts",
    "language_practice", "museums", "board_games", "swimming", "paperwork", "computers",
    "children_activities", "cinema", "fishing", "photography", "knitting", "dancing", "chess",
    "nature", "coffee", "markets",
)  # fmt: skip
# Towns within ~50 km of each other in East Flanders / Antwerp, with a postcode as area base.
_TOWNS = np.array(
    [
        # lat, lon, postcode, weight
        (51.0543, 3.7174, 9000, 0.30),  # Gent
        (51.2194, 4.4025, 2000, 0.25),  # Antwerpen
        (50.9378, 4.0410, 9300, 0.12),  # Aalst
        (51.1652, 4.1432, 9100, 0.10),  # Sint-Niklaas
        (51.0259, 4.4776, 2800, 0.13),  # Mechelen
        (51.0282, 4.1004, 9200, 0.10),  # Dendermonde
    ]
)
_REQUEST_LANGUAGE_SHARE = np.array([0.55, 0.06, 0.05, 0.10, 0.07, 0.05, 0.04, 0.04, 0.02, 0.02])
_VOLUNTEER_EXTRA_LANGUAGE = np.array([0.0, 0.35, 0.5, 0.06, 0.05, 0.02, 0.02, 0.02, 0.01, 0.005])


def _bits(chosen: np.ndarray) -> np.ndarray:
    """Bitmask per row from a boolean (rows, bits) array."""
    weights = np.left_shift(np.uint64(1), np.arange(chosen.shape[1], dtype=np.uint64))
    return (chosen.astype(np.uint64) * weights).sum(axis=1, dtype=np.uint64)


def _places(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    town = rng.choice(len(_TOWNS), size=count, p=_TOWNS[:, 3] / _TOWNS[:, 3].sum())
    km_north, km_east = rng.normal(0.0, 5.0, size=(2, count))
    lat = _TOWNS[town, 0] + km_north / 111.2
    lon = _TOWNS[town, 1] + km_east / (111.2 * np.cos(np.radians(_TOWNS[town, 0])))
    ring = np.minimum(np.hypot(km_north, km_east) // 3, 9).astype(np.int64)
    unknown = rng.random(count) < 0.05  # an address not geocoded yet
    lat[unknown] = lon[unknown] = np.nan
    return {"lat": lat, "lon": lon, "area": _TOWNS[town, 2].astype(np.int64) + 10 * ring}


def _availability(rng: np.random.Generator, count: int, daytime: np.ndarray) -> np.ndarray:
    weekday = np.arange(len(DAYS) * len(PARTS)) // len(PARTS) < 5
    evening = np.arange(len(DAYS) * len(PARTS)) % len(PARTS) == 2
    p = np.where(weekday & ~evening, 0.15, 0.4)[np.newaxis, :].repeat(count, axis=0)
    p[daytime] = 0.45
    slots = rng.random(p.shape) < p
    empty = np.flatnonzero(~slots.any(axis=1))
    slots[empty, rng.integers(0, slots.shape[1], size=len(empty))] = True
    return _bits(slots)


def _interests(rng: np.random.Generator, count: int) -> np.ndarray:
    popularity = np.linspace(2.0, 0.5, len(INTERESTS))
    return _bits(rng.random((count, len(INTERESTS))) < 0.1 * popularity)


def synthetic_population(
    seed: int, n_requests: int, n_volunteers: int, *, reference_year: int = 2025
) -> tuple[Requests, Volunteers, Vocabulary]:
    """A waiting list and a volunteer pool with realistic feasibility (about 1 pair in 8)."""
    rng = np.random.default_rng(seed)
    n_lang = len(LANGUAGES)

    primary = rng.choice(n_lang, size=n_requests, p=_REQUEST_LANGUAGE_SHARE)
    spoken = np.zeros((n_requests, n_lang), dtype=bool)
    spoken[np.arange(n_requests), primary] = True
    second = rng.random(n_requests) < 0.5
    spoken[second, rng.choice(3, size=second.sum())] = True  # nl, fr or en as a second language
    min_age = np.where(rng.random(n_requests) < 0.35, rng.integers(20, 50, n_requests), np.nan)
    max_age = min_age + rng.integers(15, 31, n_requests)
    requests = Requests(
        languages=_bits(spoken),
        availability=_availability(rng, n_requests, rng.random(n_requests) < 0.5),
        interests=_interests(rng, n_requests),
        gender_wish=rng.choice(3, size=n_requests, p=[0.70, 0.22, 0.08]),
        min_age=min_age,
        max_age=max_age,
        wants_lived_experience=rng.random(n_requests) < 0.2,
        waiting_days=np.minimum(rng.exponential(90.0, n_requests).round(), 720),
        **_places(rng, n_requests),
    )

    known = rng.random((n_volunteers, n_lang)) < _VOLUNTEER_EXTRA_LANGUAGE
    known[:, 0] = rng.random(n_volunteers) < 0.97
    known[~known.any(axis=1), 0] = True
    volunteers = Volunteers(
        languages=_bits(known),
        availability=_availability(rng, n_volunteers, rng.random(n_volunteers) < 0.3),
        interests=_interests(rng, n_volunteers),
        max_km=rng.choice([5.0, 10.0, 15.0, 20.0, 30.0], size=n_volunteers),
        gender=rng.choice(3, size=n_volunteers, p=[0.02, 0.65, 0.33]),
        birth_year=reference_year - rng.integers(19, 78, n_volunteers),
        lived_experience=rng.random(n_volunteers) < 0.15,
        eligible=rng.random(n_volunteers) < 0.88,
        capacity=rng.choice([1, 2], size=n_volunteers, p=[0.7, 0.3]),
        reference_year=reference_year,
        **_places(rng, n_volunteers),
    )
    return requests, volunteers, Vocabulary(languages=LANGUAGES, interests=INTERESTS)
