"""Frame profile per outlet: share of sentences evoking each frame, with bootstrap intervals.

The estimate for an outlet is the share of its counted sentences that evoke
the frame (a sentence can evoke several frames). The percentile bootstrap
resamples the outlet's articles, then sentences within each resampled
article, so both sources of variation widen the interval; with one article
per outlet it resamples sentences only and speaks for that article, not the
outlet's coverage in general.

References
----------
Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap.
Chapman & Hall (percentile intervals; ch. 13).

Davison, A. C. & Hinkley, D. V. (1997). Bootstrap Methods and their
Application. Cambridge University Press (two-stage resampling of clustered
data; section 3.8).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from toolkit.framing.lexicon import sentence_metrics
from toolkit.framing.scheme import FrameScheme, load_scheme
from toolkit.metrics import check_docs
from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import os

    import pandas as pd

__all__ = ["frame_shares_by_outlet"]


def frame_shares_by_outlet(docs: Sequence[ParsedDocument], *,
                           scheme: str | os.PathLike[str] | FrameScheme = "generic",
                           n_boot: int = 2000, level: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Share of each outlet's sentences that evoke each frame, with a bootstrap interval.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"
    n_boot : int, default=2000
        Bootstrap replicates.
    level : float, default=0.95
        Coverage of the percentile interval.
    seed : int, default=0

    Returns
    -------
    pandas.DataFrame
        ``outlet, frame, label, share, ci_low, ci_high, n_articles, n_sentences``;
        one row per outlet and frame, frames in scheme order. An outlet with
        no counted sentence gets NaN shares.

    References
    ----------
    Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Rivals clash. Costs rise. It rained. Critics attack.", doc_id="d",
    ...                      outlet="X")
    >>> out = frame_shares_by_outlet([doc], n_boot=200)
    >>> out[out["frame"] == "conflict"][["outlet", "share", "n_sentences"]]
      outlet  share  n_sentences
    2      X    0.5            4
    """
    import pandas as pd

    docs = check_docs(docs, caller="toolkit.frame_shares_by_outlet", unique=False)
    if n_boot < 1 or not 0 < level < 1:
        from toolkit.errors import InputError

        raise InputError("n_boot must be >= 1 and level between 0 and 1")
    sch = load_scheme(scheme)
    names = sch.frame_names()
    sent = sentence_metrics(docs, scheme=sch)
    counted = [c for d in docs for c in d.counted]
    sent = sent[np.asarray(counted, dtype=bool)] if len(sent) else sent
    outlet_of = {d.doc_id: d.outlet for d in docs}
    rng = np.random.default_rng(seed)
    alpha = (1 - level) / 2
    rows = []
    for outlet in dict.fromkeys(d.outlet for d in docs):
        part = sent[sent["doc_id"].map(outlet_of) == outlet]
        articles = [g[[f"frame_{n}" for n in names]].to_numpy(dtype=float)
                    for _, g in part.groupby("doc_id", sort=False)]
        n_sent = sum(len(a) for a in articles)
        if n_sent == 0:
            for f in sch.frames:
                rows.append([outlet, f.name, f.label, np.nan, np.nan, np.nan, len(articles), 0])
            continue
        share = np.vstack(articles).mean(axis=0)
        boot = np.empty((n_boot, len(names)))
        for b in range(n_boot):
            picks = rng.integers(0, len(articles), len(articles))
            sums = np.zeros(len(names))
            count = 0
            for a in picks:
                arr = articles[a]
                idx = rng.integers(0, len(arr), len(arr))
                sums += arr[idx].sum(axis=0)
                count += len(arr)
            boot[b] = sums / count
        low, high = np.quantile(boot, [alpha, 1 - alpha], axis=0)
        for j, f in enumerate(sch.frames):
            rows.append([outlet, f.name, f.label, float(share[j]), float(low[j]), float(high[j]),
                         len(articles), n_sent])
    return pd.DataFrame(rows, columns=["outlet", "frame", "label", "share", "ci_low", "ci_high",
                                       "n_articles", "n_sentences"])
