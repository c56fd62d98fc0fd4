"""Bootstrap, permutation test and effect size: hand-checkable cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from toolkit.stats import bootstrap_ci, cohens_d, permutation_test


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    values = np.arange(20, dtype=float)
    one = bootstrap_ci(values, seed=1)
    two = bootstrap_ci(values, seed=1)
    assert one == two
    assert one.estimate == pytest.approx(9.5)
    assert one.low < 9.5 < one.high
    assert one.level == "articles and sentences"  # 20 singleton groups >= 5


def test_ratio_estimate_uses_weights():
    est = bootstrap_ci([2.0, 0.0, 4.0], weights=[10, 10, 20], groups=["a", "a", "b"])
    assert est.estimate == pytest.approx(6 / 40)
    assert est.level == "sentences within articles"
    assert est.n_articles == 2 and est.n_units == 3


def test_constant_values_give_a_degenerate_interval():
    est = bootstrap_ci([0.5] * 8, groups=["a"] * 8)
    assert est.low == est.high == est.estimate == 0.5


def test_empty_input_is_nan_not_an_error():
    est = bootstrap_ci([])
    assert math.isnan(est.estimate) and est.n_units == 0


def test_permutation_test_detects_a_clear_difference():
    assert permutation_test(np.zeros(30), np.ones(30), n_permutations=500) < 0.01
    assert permutation_test([1.0, 2.0, 3.0], [1.0, 2.0, 3.0]) == 1.0
    assert math.isnan(permutation_test([], [1.0]))


def test_cohens_d():
    assert cohens_d([1.0, 2.0, 3.0], [2.0, 3.0, 4.0]) == pytest.approx(-1.0)
    assert math.isnan(cohens_d([1.0], [2.0, 3.0]))
