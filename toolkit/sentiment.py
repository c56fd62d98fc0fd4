"""Sentence and article sentiment: TextBlob and VADER, per sentence.

Lexicon sentiment measures the tone of the words in a sentence, not the
sentiment toward any person or country, and not bias.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. ICWSM.
Loria, S. TextBlob: simplified text processing (pattern-based lexicon of
De Smedt & Daelemans 2012, "Pattern for Python", JMLR 13).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from toolkit.metrics import MetricSpec
from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["score_sentiment", "sentence_metrics", "article_metrics", "METRICS"]

METRICS = (
    MetricSpec("textblob_polarity", "TextBlob polarity", "sentiment", "textblob_polarity"),
    MetricSpec("textblob_subjectivity", "TextBlob subjectivity", "sentiment", "textblob_subjectivity"),
    MetricSpec("vader_compound", "VADER compound", "sentiment", "vader_compound"),
)


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_sentiment(sentence: str) -> dict[str, float]:
    """TextBlob polarity and subjectivity, VADER compound for one sentence.

    Examples
    --------
    >>> scores = score_sentiment("This is a great and welcome step.")
    >>> scores["textblob_polarity"] > 0, scores["vader_compound"] > 0
    (True, True)
    """
    from textblob import TextBlob

    blob = TextBlob(sentence).sentiment
    return {
        "textblob_polarity": float(blob.polarity),
        "textblob_subjectivity": float(blob.subjectivity),
        "vader_compound": float(_vader().polarity_scores(sentence)["compound"]),
    }


def sentence_metrics(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Sentiment of every sentence.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentence_id, textblob_polarity, textblob_subjectivity, vader_compound``.
    """
    import pandas as pd

    rows = [
        {"doc_id": doc.doc_id, "sentence_id": i, **score_sentiment(sentence)}
        for doc in docs
        for i, sentence in enumerate(doc.sentence_texts())
    ]
    columns = ["doc_id", "sentence_id", *(m.column for m in METRICS)]
    return pd.DataFrame(rows, columns=columns)


def article_metrics(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Mean sentence sentiment per article, over counted sentences.

    Returns
    -------
    pandas.DataFrame
        ``doc_id`` and the mean of each sentence score.
    """
    import pandas as pd

    scores = sentence_metrics(docs)
    counted = pd.DataFrame(
        [(doc.doc_id, i) for doc in docs for i, c in enumerate(doc.counted) if c],
        columns=["doc_id", "sentence_id"],
    )
    kept = scores.merge(counted, on=["doc_id", "sentence_id"])
    means = kept.groupby("doc_id", sort=False)[[m.column for m in METRICS]].mean()
    order = pd.Index([doc.doc_id for doc in docs], name="doc_id")
    return means.reindex(order).reset_index()
