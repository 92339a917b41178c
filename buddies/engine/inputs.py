"""Inputs of the matching engine: column-oriented arrays and the organisation's weights.

A Django selector turns buddy requests and volunteer profiles into these columns once; every
computation after that is numpy broadcasting over whole columns, which is what keeps a
2,000 x 2,000 batch in the same order of time as the assignment solver itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from .bits import ALL_SLOTS, popcount

CRITERIA: tuple[str, ...] = (
    "interests",
    "availability",
    "distance",
    "age",
    "lived_experience",
    "waiting",
)


@dataclass(frozen=True)
class Weights:
    """How much each soft criterion counts, set per organisation.

    Totals are divided by the sum of the weights, so only the ratios matter and every total stays
    in [0, 1] whatever an organisation picks.
    """

    interests: float = 1.0
    availability: float = 1.0
    distance: float = 1.0
    age: float = 0.5
    lived_experience: float = 0.5
    waiting: float = 1.0

    def __post_init__(self) -> None:
        for name in CRITERIA:
            value = float(getattr(self, name))
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {name!r} must be a finite number >= 0, got {value!r}")
            object.__setattr__(self, name, value)
        if self.total == 0:
            raise ValueError("at least one weight must be above 0")

    @property
    def total(self) -> float:
        return sum(getattr(self, name) for name in CRITERIA)

    def items(self) -> tuple[tuple[str, float], ...]:
        """(criterion, weight) pairs in the canonical criterion order."""
        return tuple((name, getattr(self, name)) for name in CRITERIA)


DEFAULT_WEIGHTS = Weights()


# Column dtypes live in field metadata, so one routine can coerce and check every column.
_BITS = {"dtype": np.uint64}
_FLOAT = {"dtype": np.float64}
_INT = {"dtype": np.int64}
_BOOL = {"dtype": np.bool_}


def _normalise_columns(instance: object) -> int:
    """Copy every column into a read-only 1-D array of its dtype and check the lengths agree.

    Copying (rather than viewing the caller's arrays) is what makes the frozen dataclass really
    immutable; the cost is negligible next to any score computation.
    """
    length: int | None = None
    for spec in fields(instance):  # type: ignore[arg-type]
        dtype = spec.metadata.get("dtype")
        if dtype is None:
            continue
        raw = np.asarray(getattr(instance, spec.name))
        if np.issubdtype(dtype, np.unsignedinteger) and raw.dtype.kind in "iu" and (raw < 0).any():
            raise ValueError(f"{spec.name}: bitmasks cannot be negative")
        array = np.array(raw, dtype=dtype, copy=True)
        if array.ndim != 1:
            raise ValueError(f"{spec.name}: expected one value per row, got shape {array.shape}")
        if length is None:
            length = len(array)
        elif len(array) != length:
            raise ValueError(f"{spec.name}: {len(array)} rows, expected {length}")
        array.flags.writeable = False
        object.__setattr__(instance, spec.name, array)
    return length or 0


def _check(condition: NDArray[np.bool_] | bool, message: str) -> None:
    if not np.all(condition):
        raise ValueError(message)


def _unit_vectors(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.float64]:
    """Points on the unit sphere, shape (3, n); the zero vector where a coordinate is unknown.

    Zeros rather than NaN because a BLAS matrix product is not promised to propagate NaN; the
    scoring marks unknown locations explicitly instead (see `located`).
    """
    phi, lam = np.radians(lat), np.radians(lon)
    xyz = np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    return np.nan_to_num(xyz, nan=0.0)


def _located(lat: NDArray[np.float64], lon: NDArray[np.float64]) -> NDArray[np.bool_]:
    return np.isfinite(lat) & np.isfinite(lon)


@dataclass(frozen=True, eq=False)
class Requests:
    """Waiting buddy requests, one row each (the participant side).

    languages, interests: bitmasks whose bit meaning the caller decides (see Vocabulary).
    availability: 21-bit mask of weekly slots (see bits.slot_bit).
    lat, lon: degrees, NaN when unknown. area: area id such as a postcode, 0 when unknown.
    gender_wish: 0 for no preference, else the gender code a volunteer must have.
    min_age, max_age: wished age band of the volunteer, NaN for an open end.
    """

    languages: NDArray[np.uint64] = field(metadata=_BITS)
    availability: NDArray[np.uint64] = field(metadata=_BITS)
    interests: NDArray[np.uint64] = field(metadata=_BITS)
    lat: NDArray[np.float64] = field(metadata=_FLOAT)
    lon: NDArray[np.float64] = field(metadata=_FLOAT)
    area: NDArray[np.int64] = field(metadata=_INT)
    gender_wish: NDArray[np.int64] = field(metadata=_INT)
    min_age: NDArray[np.float64] = field(metadata=_FLOAT)
    max_age: NDArray[np.float64] = field(metadata=_FLOAT)
    wants_lived_experience: NDArray[np.bool_] = field(metadata=_BOOL)
    waiting_days: NDArray[np.float64] = field(metadata=_FLOAT)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_length", _normalise_columns(self))
        _check(self.availability <= ALL_SLOTS, "availability: only 21 weekly slots exist")
        _check(self.gender_wish >= 0, "gender_wish: codes are >= 0 (0 = no preference)")
        _check(
            np.isfinite(self.waiting_days) & (self.waiting_days >= 0),
            "waiting_days: must be finite and >= 0",
        )
        _check(~(self.min_age > self.max_age), "min_age must not exceed max_age")

    def __len__(self) -> int:
        return self._length  # type: ignore[attr-defined,no-any-return]

    # Per-row values derived once and reused by every score computation on these rows.
    @cached_property
    def unit_xyz(self) -> NDArray[np.float64]:
        return _unit_vectors(self.lat, self.lon)

    @cached_property
    def located(self) -> NDArray[np.bool_]:
        return _located(self.lat, self.lon)

    @cached_property
    def slot_count(self) -> NDArray[np.uint8]:
        return popcount(self.availability)

    @cached_property
    def interest_count(self) -> NDArray[np.uint8]:
        return popcount(self.interests)

    @cached_property
    def has_age_band(self) -> NDArray[np.bool_]:
        return np.isfinite(self.min_age) | np.isfinite(self.max_age)

    @cached_property
    def age_low(self) -> NDArray[np.float64]:
        """min_age with an open end as -inf, so band arithmetic needs no NaN handling."""
        return np.where(np.isnan(self.min_age), -np.inf, self.min_age)

    @cached_property
    def age_high(self) -> NDArray[np.float64]:
        return np.where(np.isnan(self.max_age), np.inf, self.max_age)


@dataclass(frozen=True, eq=False)
class Volunteers:
    """Volunteers who could be proposed, one row each.

    eligible: active, screened with an unexpired extract, trained and agreement signed; the
    caller decides, so the rules about extracts stay in the Django layer.
    capacity: how many more participants the volunteer can take (>= 0).
    max_km: how far the volunteer is willing to travel.
    gender: code, 0 when unknown (never satisfies a gender wish).
    birth_year: NaN when unknown; ages are counted against reference_year so results do not
    depend on the clock.
    """

    languages: NDArray[np.uint64] = field(metadata=_BITS)
    availability: NDArray[np.uint64] = field(metadata=_BITS)
    interests: NDArray[np.uint64] = field(metadata=_BITS)
    lat: NDArray[np.float64] = field(metadata=_FLOAT)
    lon: NDArray[np.float64] = field(metadata=_FLOAT)
    area: NDArray[np.int64] = field(metadata=_INT)
    max_km: NDArray[np.float64] = field(metadata=_FLOAT)
    gender: NDArray[np.int64] = field(metadata=_INT)
    birth_year: NDArray[np.float64] = field(metadata=_FLOAT)
    lived_experience: NDArray[np.bool_] = field(metadata=_BOOL)
    eligible: NDArray[np.bool_] = field(metadata=_BOOL)
    capacity: NDArray[np.int64] = field(metadata=_INT)
    reference_year: int = 2025

    def __post_init__(self) -> None:
        object.__setattr__(self, "_length", _normalise_columns(self))
        object.__setattr__(self, "reference_year", int(self.reference_year))
        _check(self.availability <= ALL_SLOTS, "availability: only 21 weekly slots exist")
        _check(self.capacity >= 0, "capacity: must be >= 0")
        _check(np.isfinite(self.max_km) & (self.max_km >= 0), "max_km: must be finite and >= 0")
        _check(self.gender >= 0, "gender: codes are >= 0 (0 = unknown)")

    def __len__(self) -> int:
        return self._length  # type: ignore[attr-defined,no-any-return]

    @cached_property
    def unit_xyz(self) -> NDArray[np.float64]:
        return _unit_vectors(self.lat, self.lon)

    @cached_property
    def located(self) -> NDArray[np.bool_]:
        return _located(self.lat, self.lon)

    @cached_property
    def interest_count(self) -> NDArray[np.uint8]:
        return popcount(self.interests)

    @cached_property
    def age(self) -> NDArray[np.float64]:
        """Age in reference_year, NaN when the birth year is unknown."""
        return self.reference_year - self.birth_year


@dataclass(frozen=True)
class Vocabulary:
    """Codes per bit, so explanations can say {"languages": ["ar", "nl"]} instead of bit numbers.

    languages[i] is the code of language bit i, interests[i] the tag of interest bit i.
    """

    languages: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in ("languages", "interests"):
            codes = tuple(getattr(self, name))
            if len(codes) > 64:
                raise ValueError(f"{name}: a uint64 bitmask holds at most 64 codes")
            object.__setattr__(self, name, codes)
