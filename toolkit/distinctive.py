"""Distinctive language: the words (or any categorical feature) each outlet favours.

The measure is the weighted log-odds ratio with an informative Dirichlet
prior of Monroe, Colaresi & Quinn (2008, section 3.5). For a term ``w`` with
count ``y_a`` in group *a* (``n_a`` tokens in all), ``y_b`` in group *b*, and
prior pseudo-counts ``alpha_w`` summing to ``alpha0``::

    delta_w = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
    var(delta_w) ~= 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
    z_w = delta_w / sqrt(var(delta_w))

The prior shrinks the estimates of rare terms toward the background rate,
so a term seen twice in one outlet and never in the other does not top the
list by chance; ``z`` accounts for how much evidence there is, and is what
to rank by. ``|z| > 1.96`` is the paper's rough guide, not a test corrected
for the many terms compared.

The features need not be words: :func:`distinctive_terms` takes any table
with a group column and a feature column (reporting verbs, source kinds,
frames), so "which reporting verbs does RT favour" is the same computation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.metrics import check_docs
from toolkit.text import ParsedDocument

__all__ = ["log_odds_dirichlet", "term_table", "distinctive_terms"]

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

Counts: TypeAlias = "Mapping[str, float] | pd.Series[float]"


def _as_counts(counts: Counts, name: str) -> pd.Series:
    series = pd.Series(counts, dtype=float) if not isinstance(counts, pd.Series) else counts
    series = series.astype(float)
    series.index = series.index.map(str)
    if series.index.has_duplicates:
        series = series.groupby(level=0).sum()
    if (series < 0).any() or not np.isfinite(series.to_numpy()).all():
        raise InputError(f"{name} must be finite, non-negative counts")
    return series


def log_odds_dirichlet(
    counts_a: Counts,
    counts_b: Counts,
    *,
    prior: Counts | None = None,
    alpha0: float | None = None,
    prior_smoothing: float = 0.5,
) -> pd.DataFrame:
    """Log-odds ratio of each term between two groups, with an informative Dirichlet prior.

    Parameters
    ----------
    counts_a, counts_b : mapping or pandas.Series of term -> count
        Term counts in the two groups.
    prior : mapping or pandas.Series of term -> count, or None, default=None
        Background counts that set the prior's shape: a large reference
        corpus, or None for the pooled counts of both groups (``counts_a +
        counts_b``). Terms of either group missing from the background get
        count 0 before smoothing.
    alpha0 : float or None, default=None
        Total prior pseudo-count (its strength). None uses the background's
        own total, as in Monroe et al.'s informative prior: the pooled prior
        then weighs as much as the data. Smaller values shrink less.
    prior_smoothing : float, default=0.5
        Added to every background count before normalising, so no term has
        a zero prior (which would make its log-odds undefined).

    Returns
    -------
    pandas.DataFrame
        One row per term seen in either group: ``term, count_a, count_b,
        alpha`` (the term's prior pseudo-count), ``log_odds`` (delta, > 0
        when group *a* uses the term more), ``se`` (its standard error) and
        ``z``; sorted by ``z`` descending, then term.

    Raises
    ------
    toolkit.errors.InputError
        Negative or non-finite counts, or a non-positive ``alpha0``.

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' Words:
    Lexical Feature Selection and Evaluation for Identifying the Content of
    Political Conflict. Political Analysis 16(4), 372-403.
    https://doi.org/10.1093/pan/mpn018

    Examples
    --------
    >>> table = log_odds_dirichlet({"regime": 8, "said": 10, "the": 40},
    ...                            {"government": 8, "said": 10, "the": 40})
    >>> table[["term", "count_a", "count_b"]].values.tolist()[0]
    ['regime', 8.0, 0.0]
    >>> bool(table.set_index("term").loc["the", "z"] == 0.0)
    True
    """
    if alpha0 is not None and not alpha0 > 0:
        raise InputError(f"alpha0 must be positive, got {alpha0}")
    if prior_smoothing < 0:
        raise InputError(f"prior_smoothing must be >= 0, got {prior_smoothing}")
    a = _as_counts(counts_a, "counts_a")
    b = _as_counts(counts_b, "counts_b")
    terms = a.index.union(b.index)
    a = a.reindex(terms, fill_value=0.0)
    b = b.reindex(terms, fill_value=0.0)
    background = a + b if prior is None else _as_counts(prior, "prior")
    vocabulary = terms.union(background.index)
    background = background.reindex(vocabulary, fill_value=0.0) + prior_smoothing
    total = float(background.sum())
    if total <= 0:
        return pd.DataFrame({c: [] for c in ("term", "count_a", "count_b", "alpha", "log_odds",
                                             "se", "z")})
    strength = total if alpha0 is None else alpha0
    alpha = background * (strength / total)
    a0 = float(alpha.sum())
    alpha_t = alpha.reindex(terms).to_numpy()
    ya, yb = a.to_numpy(), b.to_numpy()
    na, nb = float(ya.sum()), float(yb.sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((ya + alpha_t) / (na + a0 - ya - alpha_t))
                 - np.log((yb + alpha_t) / (nb + a0 - yb - alpha_t)))
    # a term that is the whole vocabulary of both groups has no odds against the rest: no difference
    delta = np.where(np.isfinite(delta), delta, 0.0)
    se = np.sqrt(1.0 / (ya + alpha_t) + 1.0 / (yb + alpha_t))
    table = pd.DataFrame({"term": terms.astype(str), "count_a": ya, "count_b": yb,
                          "alpha": alpha_t, "log_odds": delta, "se": se, "z": delta / se})
    return table.sort_values(["z", "term"], ascending=[False, True],
                             kind="stable").reset_index(drop=True)


def term_table(
    docs: Sequence[ParsedDocument],
    *,
    stop_words: Literal["english"] | None = "english",
    lowercase: bool = True,
) -> pd.DataFrame:
    """Word tokens of the counted sentences, one row per token.

    Parameters
    ----------
    docs : sequence of ParsedDocument
        Parsed articles; sentences of a key-points block that repeats the
        body (``counted`` False) are skipped.
    stop_words : "english" or None, default="english"
        Drop scikit-learn's English stop-word list, or keep every word.
    lowercase : bool, default=True
        Case-fold the words.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, term``; a possessive "'s" is dropped
        ("Russia's" counts as "russia").

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("The regime’s envoy said no.", doc_id="d", outlet="A")
    >>> term_table([doc])["term"].tolist()
    ['regime', 'envoy', 'said']
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    stops = ENGLISH_STOP_WORDS if stop_words == "english" else frozenset()
    rows = []
    for doc in docs:
        for i, ((s, e), counted) in enumerate(zip(doc.sentences, doc.counted, strict=True)):
            if not counted:
                continue
            for word in _WORD.findall(doc.text, s, e):
                term = word.casefold() if lowercase else word
                term = re.sub(r"'s$", "", term.replace("’", "'"))
                if term.casefold() not in stops:
                    rows.append((doc.doc_id, doc.outlet, i, term))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sentence_id", "term"])


def distinctive_terms(
    data: Sequence[ParsedDocument] | pd.DataFrame,
    *,
    group_col: str = "outlet",
    feature_col: str = "term",
    count_col: str | None = None,
    prior: Literal["pooled"] | Counts = "pooled",
    alpha0: float | None = None,
    min_count: int = 1,
    stop_words: Literal["english"] | None = "english",
) -> pd.DataFrame:
    """Terms (or any categorical feature) each group uses more than the others.

    Each group is compared with all the other groups pooled, with
    :func:`log_odds_dirichlet`.

    Parameters
    ----------
    data : sequence of ParsedDocument, or pandas.DataFrame
        Parsed articles (their words are counted, see :func:`term_table`), or
        a table with one row per observation (a reporting verb, a source
        kind, a token) holding ``group_col`` and ``feature_col``.
    group_col : str, default="outlet"
        Column naming the group; also the name of the group column returned.
    feature_col : str, default="term"
        Column holding the feature (only for a table).
    count_col : str or None, default=None
        Column holding a count per row (only for a table); None counts rows.
    prior : "pooled" or mapping / pandas.Series of term -> count, default="pooled"
        The prior's background: the pooled counts of all groups, or counts
        from a background corpus.
    alpha0 : float or None, default=None
        Strength of the prior (see :func:`log_odds_dirichlet`).
    min_count : int, default=1
        Report a term for a group only if the group uses it at least this
        often (the statistics still use every term).
    stop_words : "english" or None, default="english"
        For parsed articles: drop English stop words before counting.

    Returns
    -------
    pandas.DataFrame
        ``<group_col>, term, count, count_rest, log_odds, se, z, rank``: per
        group, every term it uses at least ``min_count`` times, sorted by
        ``z`` descending (``rank`` 1 = most distinctive of the group).

    Raises
    ------
    toolkit.errors.InputError
        Fewer than two groups, missing columns, or bad prior parameters.

    References
    ----------
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' Words:
    Lexical Feature Selection and Evaluation for Identifying the Content of
    Political Conflict. Political Analysis 16(4), 372-403.
    https://doi.org/10.1093/pan/mpn018

    Examples
    --------
    >>> verbs = pd.DataFrame({"outlet": ["A"] * 6 + ["B"] * 6,
    ...                       "verb": ["claimed"] * 4 + ["said"] * 2 + ["said"] * 6})
    >>> table = distinctive_terms(verbs, feature_col="verb")
    >>> table[table["rank"] == 1][["outlet", "term", "count"]].values.tolist()
    [['A', 'claimed', 4], ['B', 'said', 6]]
    """
    if min_count < 1:
        raise InputError(f"min_count must be >= 1, got {min_count}")
    if isinstance(data, pd.DataFrame):
        needed = {group_col, feature_col} | ({count_col} if count_col else set())
        missing = needed - set(data.columns)
        if missing:
            raise InputError(f"table lacks column(s) {', '.join(sorted(missing))}")
        frame = pd.DataFrame({
            "group": data[group_col].astype(str).to_numpy(),
            "term": data[feature_col].astype(str).to_numpy(),
            "n": data[count_col].to_numpy(dtype=float) if count_col else 1.0,
        })
        frame = frame[data[feature_col].notna().to_numpy()]
    else:
        data = check_docs(data, caller="toolkit.distinctive_terms", unique=False,
                          expected="a list of ParsedDocument or a DataFrame with the group and feature columns")
        if group_col != "outlet":
            raise InputError("parsed documents are grouped by outlet; pass a table to group "
                             f"by {group_col!r}")
        tokens = term_table(data, stop_words=stop_words)
        frame = pd.DataFrame({"group": tokens["outlet"], "term": tokens["term"], "n": 1.0})
    groups = sorted(frame["group"].unique()) if len(frame) else []
    if isinstance(data, pd.DataFrame):
        all_groups = sorted(data[group_col].dropna().astype(str).unique())
    else:
        all_groups = sorted({d.outlet for d in data})
    if len(all_groups) < 2:
        raise InputError(f"distinctive terms compare groups and need at least two "
                         f"{group_col} values; got {len(all_groups)}")
    counts = frame.groupby(["group", "term"])["n"].sum()
    background: Counts | None
    if isinstance(prior, str):
        if prior != "pooled":
            raise InputError(f"prior must be 'pooled' or background counts, got {prior!r}")
        background = frame.groupby("term")["n"].sum()
    else:
        background = prior

    columns = [group_col, "term", "count", "count_rest", "log_odds", "se", "z", "rank"]
    parts = []
    for group in groups:
        own = counts.loc[group]
        rest = frame[frame["group"] != group].groupby("term")["n"].sum()
        table = log_odds_dirichlet(own, rest, prior=background, alpha0=alpha0)
        table = table[table["count_a"] >= min_count].copy()
        table.insert(0, group_col, group)
        table["rank"] = range(1, len(table) + 1)
        table = table.rename(columns={"count_a": "count", "count_b": "count_rest"})
        parts.append(table[columns])
    if not parts:
        return pd.DataFrame({c: [] for c in columns})
    result = pd.concat(parts, ignore_index=True)
    if (result["count"] == result["count"].round()).all():
        result["count"] = result["count"].astype(int)
        result["count_rest"] = result["count_rest"].astype(int)
    return result
