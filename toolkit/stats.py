"""Statistics that still hold when only a handful of articles exist.

Per-outlet figures are ratio estimates over sentences,
``sum(value) / sum(weight)`` (a plain mean when there are no weights). Their
uncertainty comes from a seeded bootstrap that respects the nesting of
sentences in articles:

* with at least ``min_articles`` articles in a group, articles are resampled
  (cluster bootstrap), then sentences within each drawn article;
* with fewer, articles are kept fixed and only sentences are resampled within
  each article, so the interval describes *these articles*, not the outlet.

Differences between outlets are tested by permutation of the outlet labels
over the same units (articles when both outlets have enough of them, else
sentences).

References
----------
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
Chapman & Hall. (percentile intervals, ch. 13)
Davison, A. C. & Hinkley, D. V. (1997). Bootstrap Methods and their
Application. Cambridge University Press. (resampling clustered data, sec. 3.8)
Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses.
Springer. (two-sample permutation tests)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["bootstrap_ci", "permutation_test", "cohens_d", "Estimate", "MIN_ARTICLES"]

#: Fewest articles in a group for articles (not only sentences) to be resampled.
MIN_ARTICLES = 5


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its bootstrap interval and how it was made.

    ``n_units`` counts the units (sentences) with a value; ``weight_total`` is
    the sum of their weights, the denominator of the estimate (``n_units``
    when there are no weights).
    """

    estimate: float
    low: float
    high: float
    n_units: int
    n_articles: int
    level: str  # "articles and sentences" or "sentences within articles"
    weight_total: float = 0.0


def _ratio(values: np.ndarray, weights: np.ndarray) -> float:
    total = weights.sum()
    return float(values.sum() / total) if total > 0 else float("nan")


def bootstrap_ci(
    values: Sequence[float] | np.ndarray,
    *,
    weights: Sequence[float] | np.ndarray | None = None,
    groups: Sequence[object] | np.ndarray | None = None,
    n_resamples: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    min_articles: int = MIN_ARTICLES,
) -> Estimate:
    """Ratio estimate with a seeded percentile bootstrap interval.

    Parameters
    ----------
    values : array of float
        One value per unit (sentence). NaN units are dropped.
    weights : array of float, optional
        Denominator per unit; the estimate is ``sum(values) / sum(weights)``.
        Default: 1 per unit (the mean).
    groups : array, optional
        The article each unit belongs to. Default: every unit its own article.
    n_resamples : int, default=2000
    seed : int, default=0
    ci : float, default=0.95
    min_articles : int, default=MIN_ARTICLES
        Resample articles only when there are at least this many.

    Returns
    -------
    Estimate

    Examples
    --------
    >>> est = bootstrap_ci([1.0, 2.0, 3.0, 4.0], groups=["a", "a", "b", "b"], seed=0)
    >>> est.estimate, est.level
    (2.5, 'sentences within articles')
    >>> est.low <= 2.5 <= est.high
    True
    >>> est = bootstrap_ci([1.0, 0.0, 2.0], weights=[2.0, 0.0, 3.0])
    >>> est.estimate, est.n_units, est.weight_total
    (0.6, 3, 5.0)
    """
    v = np.asarray(values, dtype=float)
    w = np.ones_like(v) if weights is None else np.asarray(weights, dtype=float)
    g = np.arange(len(v)) if groups is None else np.asarray(groups, dtype=object)
    keep = ~(np.isnan(v) | np.isnan(w))
    v, w, g = v[keep], w[keep], g[keep]
    if len(v) == 0:
        return Estimate(float("nan"), float("nan"), float("nan"), 0, 0, "none", 0.0)
    _, codes = np.unique(g.astype(str), return_inverse=True)
    n_groups = int(codes.max()) + 1
    point = _ratio(v, w)
    rng = np.random.default_rng(seed)
    # per group, per resample: sums of values and weights of resampled sentences
    sums_v = np.empty((n_resamples, n_groups))
    sums_w = np.empty((n_resamples, n_groups))
    for k in range(n_groups):
        idx = np.flatnonzero(codes == k)
        draw = idx[rng.integers(0, len(idx), size=(n_resamples, len(idx)))]
        sums_v[:, k] = v[draw].sum(axis=1)
        sums_w[:, k] = w[draw].sum(axis=1)
    if n_groups >= min_articles:
        pick = rng.integers(0, n_groups, size=(n_resamples, n_groups))
        rows = np.arange(n_resamples)[:, None]
        tot_v, tot_w = sums_v[rows, pick].sum(axis=1), sums_w[rows, pick].sum(axis=1)
        level = "articles and sentences"
    else:
        tot_v, tot_w = sums_v.sum(axis=1), sums_w.sum(axis=1)
        level = "sentences within articles"
    with np.errstate(invalid="ignore", divide="ignore"):
        stats = tot_v / tot_w
    stats = stats[np.isfinite(stats)]
    alpha = (1 - ci) / 2
    low, high = (np.quantile(stats, [alpha, 1 - alpha]) if len(stats) else (np.nan, np.nan))
    return Estimate(point, float(low), float(high), len(v), n_groups, level, float(w.sum()))


def permutation_test(
    a: Sequence[float] | np.ndarray,
    b: Sequence[float] | np.ndarray,
    *,
    weights_a: Sequence[float] | np.ndarray | None = None,
    weights_b: Sequence[float] | np.ndarray | None = None,
    n_permutations: int = 2000,
    seed: int = 0,
) -> float:
    """Two-sided permutation p-value for a difference in ratio estimates.

    The units of ``a`` and ``b`` are pooled and relabelled at random;
    ``p = (1 + #{|diff*| >= |diff|}) / (1 + n_permutations)``.

    Examples
    --------
    >>> p = permutation_test([0.0] * 20, [1.0] * 20, seed=0)
    >>> p < 0.01
    True
    >>> permutation_test([1.0, 2.0], [1.0, 2.0], seed=0)
    1.0
    """
    va, vb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    wa = np.ones_like(va) if weights_a is None else np.asarray(weights_a, dtype=float)
    wb = np.ones_like(vb) if weights_b is None else np.asarray(weights_b, dtype=float)
    ka, kb = ~(np.isnan(va) | np.isnan(wa)), ~(np.isnan(vb) | np.isnan(wb))
    va, wa, vb, wb = va[ka], wa[ka], vb[kb], wb[kb]
    if len(va) == 0 or len(vb) == 0:
        return float("nan")
    observed = abs(_ratio(va, wa) - _ratio(vb, wb))
    values, weights = np.concatenate([va, vb]), np.concatenate([wa, wb])
    n_a = len(va)
    rng = np.random.default_rng(seed)
    order = np.argsort(rng.random((n_permutations, len(values))), axis=1)
    in_a = order < n_a  # a random subset of size n_a per permutation
    with np.errstate(invalid="ignore", divide="ignore"):
        ra = (in_a * values).sum(axis=1) / (in_a * weights).sum(axis=1)
        rb = (~in_a * values).sum(axis=1) / (~in_a * weights).sum(axis=1)
    diffs = np.abs(ra - rb)
    hits = int(np.sum(diffs >= observed - 1e-12))
    return (1 + hits) / (1 + n_permutations)


def cohens_d(a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray) -> float:
    """Cohen's d with the pooled standard deviation (NaN when undefined).

    References
    ----------
    Cohen, J. (1988). Statistical Power Analysis for the Behavioral Sciences
    (2nd ed.). Lawrence Erlbaum.

    Examples
    --------
    >>> round(cohens_d([1.0, 2.0, 3.0], [2.0, 3.0, 4.0]), 3)
    -1.0
    """
    va, vb = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    va, vb = va[~np.isnan(va)], vb[~np.isnan(vb)]
    if len(va) < 2 or len(vb) < 2:
        return float("nan")
    pooled = ((len(va) - 1) * va.var(ddof=1) + (len(vb) - 1) * vb.var(ddof=1)) / (len(va) + len(vb) - 2)
    return float((va.mean() - vb.mean()) / np.sqrt(pooled)) if pooled > 0 else float("nan")
