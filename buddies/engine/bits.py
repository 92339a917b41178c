"""Bitmask helpers: popcount over uint64 arrays and names for set bits.

Languages, interests and weekly availability travel as bitmasks so that "shares at least one"
and "how many in common" become one AND plus one popcount over a whole score matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS: tuple[str, ...] = ("morning", "afternoon", "evening")
SLOT_COUNT = len(DAYS) * len(PARTS)
ALL_SLOTS = (1 << SLOT_COUNT) - 1

_BYTE_COUNTS = np.array([i.bit_count() for i in range(256)], dtype=np.uint8)


def popcount_lut(values: ArrayLike) -> NDArray[np.uint8]:
    """Count set bits with a byte lookup table: the fallback for numpy < 2 (no bitwise_count)."""
    array = np.ascontiguousarray(values, dtype=np.uint64)
    per_byte = _BYTE_COUNTS[array.reshape(-1).view(np.uint8)]
    return per_byte.reshape((*array.shape, 8)).sum(axis=-1, dtype=np.uint8)


_bitwise_count: Callable[..., NDArray[np.uint8]] = getattr(np, "bitwise_count", popcount_lut)


def popcount(values: ArrayLike) -> NDArray[np.uint8]:
    """Number of set bits per element of a uint64 array (vectorised, any shape)."""
    return _bitwise_count(np.asarray(values, dtype=np.uint64))


def set_bits(mask: int) -> list[int]:
    """Positions of the set bits of one mask, lowest first."""
    mask, bits = int(mask), []
    while mask:  # one step per set bit, not per bit: masks are sparse
        lowest = mask & -mask
        bits.append(lowest.bit_length() - 1)
        mask ^= lowest
    return bits


def bit_names(mask: int, names: Sequence[str]) -> list[str | int]:
    """Caller's codes for the set bits; a bit without a code is reported by its number."""
    return [names[bit] if bit < len(names) else bit for bit in set_bits(mask)]


def slot_bit(day: str, part: str) -> int:
    """Bit of one weekly slot, numbered day-major: mon morning is bit 0, sun evening bit 20."""
    return 1 << (DAYS.index(day) * len(PARTS) + PARTS.index(part))


def slot_mask(slots: Iterable[tuple[str, str]]) -> int:
    """Availability mask for (day, part) pairs such as ("wed", "afternoon")."""
    mask = 0
    for day, part in slots:
        mask |= slot_bit(day, part)
    return mask


def slot_names(mask: int) -> list[tuple[str, str]]:
    """(day, part) pairs of an availability mask, in weekly order."""
    return [(DAYS[bit // len(PARTS)], PARTS[bit % len(PARTS)]) for bit in set_bits(mask)]
