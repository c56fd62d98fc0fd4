"""Targets in parsed documents and per-outlet sentiment toward them; see :mod:`toolkit.targeted`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.errors import InputError
from toolkit.targeted.model import LABELS, TargetedSentimentClassifier, _softmax, load_targeted_model
from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.gazetteer import Gazetteer

_TARGET_COLUMNS = ["doc_id", "outlet", "sentence_id", "position", "mention", "target_id", "target",
                   "target_type", "start", "end", "score", "label", "p_negative", "p_neutral",
                   "p_positive", "scored", "sentence"]


def extract_targets(
    docs: Sequence[ParsedDocument],
    *,
    gazetteer: Gazetteer | None = None,
    model: TargetedSentimentClassifier | None = None,
) -> pd.DataFrame:
    """One row per target mention, with the sentiment toward it from its context.

    Mentions are the gazetteer's aliases, matched longest first, so "US
    Secretary of State Antony Blinken" is one mention of Blinken, not of the
    US. Documents whose language is not English are listed but not scored
    (``scored`` False, score and label missing): the model and lexicons are
    English.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    gazetteer : Gazetteer, optional
        Default: the shipped one (:func:`toolkit.gazetteer.load_gazetteer`); pass
        ``load_gazetteer(extra="my_targets.yaml")`` to add targets.
    model : TargetedSentimentClassifier, optional
        Default: the shipped model (:func:`load_targeted_model`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, position, mention, target_id, target,
        target_type, start, end, score, label, p_negative, p_neutral,
        p_positive, scored, sentence``. ``start``/``end`` are offsets in the
        document text; ``score`` = P(positive) - P(negative) in [-1, 1];
        ``label`` is negative / neutral / positive.

    References
    ----------
    Hamborg & Donnay (2021) (training data); see the module docstring.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Critics slammed Beijing. The US envoy smiled.", doc_id="d1", outlet="x")
    >>> table = extract_targets([doc])
    >>> table[["mention", "target_id", "sentence_id"]].values.tolist()
    [['Beijing', 'china', 0], ['US', 'us', 1]]
    >>> bool(table["score"].between(-1, 1).all())
    True
    """
    import pandas as pd

    from toolkit.gazetteer import load_gazetteer
    from toolkit.metrics import check_docs

    docs = check_docs(docs, caller="toolkit.extract_targets", unique=False)
    gaz = load_gazetteer() if gazetteer is None else gazetteer
    rows: list[dict[str, Any]] = []
    triples: list[tuple[str, int, int]] = []
    for doc in docs:
        english = doc.language == "en"
        for sid, ((s, e), position) in enumerate(zip(doc.sentences, doc.position(), strict=True)):
            sentence = doc.text[s:e]
            for m in gaz.find(doc.text, s, e):
                rows.append({"doc_id": doc.doc_id, "outlet": doc.outlet, "sentence_id": sid,
                             "position": position, "mention": doc.text[m.start:m.end],
                             "target_id": m.entity.id, "target": m.entity.name,
                             "target_type": m.entity.type, "start": m.start, "end": m.end,
                             "scored": english, "sentence": sentence})
                if english:
                    triples.append((sentence, m.start - s, m.end - s))
    table = pd.DataFrame(rows, columns=[c for c in _TARGET_COLUMNS
                                        if c not in ("score", "label", "p_negative", "p_neutral",
                                                     "p_positive")])
    for col in ("score", "p_negative", "p_neutral", "p_positive"):
        table[col] = np.nan
    table["label"] = pd.Series([None] * len(table), dtype=object)
    if triples:
        clf = load_targeted_model() if model is None else model
        proba = _softmax(clf.decision_function(triples))
        scored = table["scored"].to_numpy(dtype=bool)
        classes = list(clf.classes_)
        table.loc[scored, "score"] = clf._score_from_proba(proba)
        table.loc[scored, "label"] = np.asarray(classes)[proba.argmax(axis=1)]
        for label in LABELS:
            if label in classes:
                table.loc[scored, f"p_{label}"] = proba[:, classes.index(label)]
    return table[_TARGET_COLUMNS]


def target_sentiment_by_outlet(
    targets_df: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Mean sentiment toward each target per outlet, with a bootstrap interval.

    The interval comes from :func:`toolkit.stats.bootstrap_ci` over the
    scored mentions, grouped by article (articles are resampled only when an
    outlet has enough of them; otherwise mentions are resampled within
    articles and the interval describes these articles, not the outlet).
    A mean toward a target is not a measure of bias: it also reflects the
    events reported.

    Parameters
    ----------
    targets_df : pandas.DataFrame
        As returned by :func:`extract_targets` (``outlet, target_id, target,
        doc_id, score, label``).
    n_resamples : int, default=2000
    seed : int, default=0
    ci : float, default=0.95

    Returns
    -------
    pandas.DataFrame
        ``outlet, target_id, target, n_mentions, n_articles, mean_score, low,
        high, share_negative, share_neutral, share_positive, interval``
        (``interval`` says what was resampled). Unscored mentions are left out,
        and so are mentions in a key-points block that repeats the body
        (``position == "summary"``), which would be counted twice; with a
        single mention the interval is NaN (nothing to resample).

    References
    ----------
    Efron & Tibshirani (1993), percentile bootstrap.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["a", "a", "a"], "doc_id": ["d", "d", "d"],
    ...                   "target_id": ["china"] * 3, "target": ["China"] * 3,
    ...                   "score": [-0.5, 0.1, -0.2], "label": ["negative", "neutral", "negative"]})
    >>> row = target_sentiment_by_outlet(t, n_resamples=200).iloc[0]
    >>> round(float(row["mean_score"]), 3), int(row["n_mentions"]), bool(row["low"] <= row["high"])
    (-0.2, 3, True)
    """
    import pandas as pd

    from toolkit.metrics import check_kind
    from toolkit.stats import bootstrap_ci

    check_kind(targets_df, ["columns"], caller="toolkit.target_sentiment_by_outlet",
               expected="a targets DataFrame from toolkit.extract_targets(docs)")

    columns = ["outlet", "target_id", "target", "n_mentions", "n_articles", "mean_score", "low",
               "high", "share_negative", "share_neutral", "share_positive", "interval"]
    missing = [c for c in ("outlet", "target_id", "target", "doc_id", "score", "label")
               if c not in targets_df.columns]
    if missing:
        raise InputError(f"targets table lacks column(s) {', '.join(missing)}")
    scored = targets_df[targets_df["score"].notna()]
    if "position" in scored.columns:
        scored = scored[scored["position"] != "summary"]
    rows = []
    for (outlet, target_id), group in scored.groupby(["outlet", "target_id"], sort=True):
        est = bootstrap_ci(group["score"].to_numpy(dtype=float), groups=group["doc_id"].to_numpy(),
                           n_resamples=n_resamples, seed=seed, ci=ci)
        shares = group["label"].value_counts(normalize=True)
        low, high = (est.low, est.high) if est.n_units >= 2 else (float("nan"), float("nan"))
        rows.append((outlet, target_id, group["target"].iloc[0], est.n_units, est.n_articles,
                     est.estimate, low, high,
                     *(float(shares.get(label, 0.0)) for label in LABELS), est.level))
    return pd.DataFrame(rows, columns=columns)
