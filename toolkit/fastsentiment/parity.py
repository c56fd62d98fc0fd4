"""Parity against the reference packages, and the speed benchmark."""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from toolkit.fastsentiment._common import TEXTBLOB_COLUMNS, VADER_COLUMNS
from toolkit.fastsentiment.batch import _vocabulary, batch_scores
from toolkit.fastsentiment.pattern import _pattern_scorer, textblob_scores
from toolkit.fastsentiment.vader import _vader_scorer, vader_scores


def _reference_textblob(sentences: Sequence[str]) -> np.ndarray:
    from textblob import TextBlob

    out = np.zeros((len(sentences), 2), dtype=np.float64)
    for k, text in enumerate(sentences):
        out[k] = TextBlob(text).sentiment
    return out


@lru_cache(maxsize=1)
def _reference_vader_analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _reference_vader(sentences: Sequence[str]) -> np.ndarray:
    analyzer = _reference_vader_analyzer()
    out = np.zeros((len(sentences), 4), dtype=np.float64)
    for k, text in enumerate(sentences):
        d = analyzer.polarity_scores(text)
        out[k] = (d["compound"], d["pos"], d["neu"], d["neg"])
    return out


def parity_report(sentences: Sequence[str], *, tolerance: float = 1e-9) -> dict[str, Any]:
    """Largest absolute difference between the fast scorers and the reference packages.

    Scores every sentence with ``TextBlob(s).sentiment``, vaderSentiment's
    ``polarity_scores``, :func:`textblob_scores` and :func:`vader_scores`.

    Parameters
    ----------
    sentences : sequence of str
    tolerance : float, default=1e-9
        A sentence whose difference on a score exceeds this counts as a mismatch.

    Returns
    -------
    dict
        ``n_sentences``; ``max_abs_diff`` and ``n_mismatch`` (dicts keyed by
        the six score columns); ``worst`` (column -> the sentence with the
        largest difference, only for columns with a mismatch); ``parity``
        (True when no sentence exceeds the tolerance on any score).

    References
    ----------
    Hutto & Gilbert (2014); De Smedt & Daelemans (2012); Loria, TextBlob.

    Examples
    --------
    >>> report = parity_report(["Not bad at all!", "The talks were very productive :)"])
    >>> report["n_sentences"], report["parity"], report["max_abs_diff"]["vader_compound"]
    (2, True, 0.0)
    """
    sentences = list(sentences)
    fast = np.hstack([textblob_scores(sentences), vader_scores(sentences)])
    ref = np.hstack([_reference_textblob(sentences), _reference_vader(sentences)])
    diff = np.abs(fast - ref)
    columns = TEXTBLOB_COLUMNS + VADER_COLUMNS
    report: dict[str, Any] = {"n_sentences": len(sentences), "max_abs_diff": {}, "n_mismatch": {},
                              "worst": {}}
    for c, name in enumerate(columns):
        col = diff[:, c]
        report["max_abs_diff"][name] = float(col.max()) if len(col) else 0.0
        report["n_mismatch"][name] = int((col > tolerance).sum())
        if report["n_mismatch"][name]:
            report["worst"][name] = sentences[int(col.argmax())]
    report["parity"] = not any(report["n_mismatch"].values())
    return report


def bench_sentiment(texts: Sequence[str], *, split: bool = False, chunk: int = 1000) -> dict[str, Any]:
    """Sentences per second of the reference packages and of the fast scorers, in one run.

    Lexicons are loaded before timing. The fast scorers start with empty
    per-token caches. Chunk by chunk, the reference scores the sentences,
    then the fast scorer (``fast``: with the caches as earlier chunks left
    them, so the figure includes filling them), then the fast scorer again
    (``warm``: this chunk's words are cached, as in a long run over a large
    corpus). Taking turns makes a change in the machine's load hit all three
    alike. Rates are wall-clock; the ``cpu`` speed-up uses the process's CPU
    time instead, which other jobs on a shared machine disturb less.

    Parameters
    ----------
    texts : sequence of str
        Sentences, or articles when ``split`` is True.
    split : bool, default=False
        Split each text into sentences with :func:`toolkit.text.split_sentences` first.
    chunk : int, default=1000
        Sentences per turn.

    Returns
    -------
    dict
        ``n_sentences``; for ``textblob``, ``vader`` and ``both`` (the two
        references one after the other, against :func:`batch_scores` as
        :mod:`toolkit.sentiment` calls it): ``{name}_reference_per_s``,
        ``{name}_fast_per_s``, ``{name}_speedup`` (fast over reference),
        ``{name}_cpu_speedup``, ``{name}_fast_warm_per_s`` and ``{name}_warm_speedup``.

    References
    ----------
    Hutto & Gilbert (2014); De Smedt & Daelemans (2012); Loria, TextBlob.

    Examples
    --------
    >>> result = bench_sentiment(["A good start. Then it went badly!"], split=True)
    >>> result["n_sentences"], result["vader_speedup"] > 0, result["textblob_warm_speedup"] > 0
    (2, True, True)
    """
    if split:
        from toolkit.text import split_sentences

        sentences = [text[s:e] for text in texts for s, e in split_sentences(text)]
    else:
        sentences = list(texts)
    _reference_textblob(["warm up"])
    _reference_vader(["warm up"])
    result: dict[str, Any] = {"n_sentences": len(sentences)}

    def rate(seconds: float) -> float:
        return len(sentences) / seconds if seconds > 0 else float("inf")

    def reference_both(part: Sequence[str]) -> None:
        _reference_textblob(part)
        _reference_vader(part)

    for name, reference, fast in (("textblob", _reference_textblob, textblob_scores),
                                  ("vader", _reference_vader, vader_scores),
                                  ("both", reference_both, batch_scores)):
        _pattern_scorer().clear()
        _vader_scorer().clear()
        _vocabulary().clear()
        wall = [0.0, 0.0, 0.0]
        cpu = [0.0, 0.0, 0.0]
        for start in range(0, len(sentences), chunk):
            part = sentences[start:start + chunk]
            # reference, fast as the chunk comes, fast again with the chunk's words cached
            for k, func in enumerate((reference, fast, fast)):
                began, began_cpu = time.perf_counter(), time.process_time()
                func(part)
                wall[k] += time.perf_counter() - began
                cpu[k] += time.process_time() - began_cpu
        result[f"{name}_reference_per_s"] = rate(wall[0])
        result[f"{name}_fast_per_s"] = rate(wall[1])
        result[f"{name}_speedup"] = wall[0] / wall[1] if wall[1] > 0 else float("inf")
        result[f"{name}_cpu_speedup"] = cpu[0] / cpu[1] if cpu[1] > 0 else float("inf")
        result[f"{name}_fast_warm_per_s"] = rate(wall[2])
        result[f"{name}_warm_speedup"] = wall[0] / wall[2] if wall[2] > 0 else float("inf")
    return result
