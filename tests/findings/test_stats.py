import numpy as np

from findings.stats import birth_year_band, bootstrap_median_draws, median_ci


def test_the_interval_matches_a_brute_force_bootstrap_of_the_median():
    rng = np.random.default_rng(1)
    for n in (7, 8, 40, 41):
        values = np.sort(rng.integers(-5, 9, size=n).astype(float))
        brute = np.median(values[rng.integers(0, n, size=(20000, n))], axis=1)
        fast = bootstrap_median_draws(values, 20000, np.random.default_rng(2))
        for q in (2.5, 25, 50, 75, 97.5):
            assert abs(np.percentile(brute, q) - np.percentile(fast, q)) <= 0.51


def test_the_same_data_always_gives_the_same_interval():
    values = np.arange(30, dtype=float)
    assert median_ci(values) == median_ci(values)


def test_missing_values_are_left_out_and_small_cells_are_suppressed():
    result = median_ci(np.array([1.0, np.nan, 2.0, 3.0]))
    assert result.n == 3
    assert result.suppressed
    assert result.as_dict()["median"] is None


def test_birth_years_are_banded_in_five_years():
    assert birth_year_band(1983) == "1980-1984"
    assert birth_year_band(None) == ""


def test_ids_are_aligned_whether_dense_or_sparse():
    from findings.figures import _align

    ids = np.array([3, 5, 9], dtype=np.int64)
    for extra in (0, 10**9):
        position, found = _align(ids + extra, np.array([9, 4, 3, 12], dtype=np.int64) + extra)
        assert found.tolist() == [True, False, True, False]
        assert position[found].tolist() == [2, 0]
