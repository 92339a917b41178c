"""Medians with bootstrap intervals, in plain numpy (no Django).

The percentile bootstrap of a median needs no resampling loop. A resample of n values from the
sorted data x is x[floor(U_i * n)] for n independent uniforms U_i, and that map is monotone,
so the resample's k-th smallest value is x[floor(U_(k) * n)], where U_(k), the k-th smallest
of n uniforms, follows Beta(k, n - k + 1); the next one is U_(k) + (1 - U_(k)) * Beta(1, n - k).
Drawing those two order statistics B times gives exactly the bootstrap distribution of the
median, at a cost that does not grow with n: every cell of the dashboard in milliseconds.
"""

from dataclasses import dataclass

import numpy as np

BOOTSTRAP_DRAWS = 2000
SEED = 20180301  # fixed: the same data always gives the same interval
MIN_CELL = 5  # cells with fewer participants are suppressed


@dataclass(frozen=True)
class MedianCI:
    n: int
    median: float | None
    low: float | None
    high: float | None

    @property
    def suppressed(self) -> bool:
        return self.n < MIN_CELL

    def as_dict(self) -> dict:
        if self.suppressed:
            return {"n": None, "median": None, "low": None, "high": None, "suppressed": True}
        return {
            "n": self.n,
            "median": self.median,
            "low": self.low,
            "high": self.high,
            "suppressed": False,
        }


def bootstrap_median_draws(
    sorted_values: np.ndarray, draws: int, rng: np.random.Generator
) -> np.ndarray:
    """`draws` bootstrap medians of the (sorted) values, without resampling them."""
    n = len(sorted_values)
    if n == 1:
        return np.repeat(float(sorted_values[0]), draws)
    k = (n + 1) // 2 if n % 2 else n // 2
    lower = rng.beta(k, n - k + 1, size=draws)
    first = sorted_values[np.minimum((lower * n).astype(np.int64), n - 1)]
    if n % 2:
        return first.astype(float)
    upper = lower + (1.0 - lower) * rng.beta(1, n - k, size=draws)
    second = sorted_values[np.minimum((upper * n).astype(np.int64), n - 1)]
    return (first + second) / 2.0


def median_ci(
    values: np.ndarray, *, draws: int = BOOTSTRAP_DRAWS, seed: int | tuple = SEED
) -> MedianCI:
    """The median and its 95 % percentile-bootstrap interval (fixed seed)."""
    values = np.asarray(values, dtype=float)
    values = values[~np.isnan(values)]
    n = len(values)
    if n == 0:
        return MedianCI(0, None, None, None)
    ordered = np.sort(values)
    rng = np.random.default_rng(seed)
    medians = bootstrap_median_draws(ordered, draws, rng)
    low, high = np.percentile(medians, [2.5, 97.5])
    return MedianCI(n, float(np.median(ordered)), float(low), float(high))


def age_bands(birth_years: np.ndarray, year: int) -> np.ndarray:
    """Birth years (0 = unknown) as age-band codes."""
    age = np.where(birth_years > 0, year - birth_years, -1)
    bands = np.full(len(age), "unknown", dtype=object)
    for code, low, high in AGE_BANDS:
        bands[(age >= low) & (age <= high)] = code
    return bands


AGE_BANDS = (
    ("under_25", 0, 24),
    ("25_39", 25, 39),
    ("40_54", 40, 54),
    ("55_64", 55, 64),
    ("65_plus", 65, 200),
)


def birth_year_band(birth_year: int | None) -> str:
    """A birth year as a five-year band ("1980-1984"), or empty."""
    if not birth_year:
        return ""
    start = birth_year - birth_year % 5
    return f"{start}-{start + 4}"
