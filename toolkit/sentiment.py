"""Sentence and article sentiment: TextBlob and VADER, per sentence, along the article.

Lexicon sentiment measures the tone of the words in a sentence. It is not
sentiment toward any person or country, and it is not bias: a sober report of
a war is negative in tone. Measured on NewsMTSC devtest_rw (1,146 target
mentions), giving each target its whole sentence's label reaches macro-F1
0.51 with VADER and 0.42 with TextBlob, against 0.18 for always answering
train's majority class (0.19 with the test split's own majority) and 0.65
for the toolkit's targeted model; the published neural GRU-TSC reaches 0.83.
These figures come from ``toolkit validate sentiment``, which recomputes them;
for sentiment toward a target use :mod:`toolkit.targeted`.

Each sentence carries its position in the article (``lede`` for the first
counted sentences, ``body`` after, ``summary`` for a key-points block), so
notebooks can plot tone along the article. Documents not recognised as
English (``ParsedDocument.language != "en"``) are not scored with these
English lexicons: their scores are NaN and ``sentiment_scored`` is False.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. ICWSM.
Loria, S. TextBlob: simplified text processing (pattern-based lexicon of
De Smedt & Daelemans 2012, "Pattern for Python", JMLR 13).
Hamborg, F. & Donnay, K. (2021). NewsMTSC: A dataset for (multi-)target-
dependent sentiment classification in political news articles. EACL 2021.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

from toolkit.metrics import Measurements, MetricSpec, check_docs
from toolkit.text import ParsedDocument, counted_rows

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["score_sentiment", "sentence_sentiment", "sentence_metrics", "article_metrics", "measure", "METRICS",
           "SCORE_COLUMNS"]

METRICS = (
    MetricSpec("textblob_polarity", "TextBlob polarity", "sentiment", "textblob_polarity"),
    MetricSpec("textblob_subjectivity", "TextBlob subjectivity", "sentiment", "textblob_subjectivity"),
    MetricSpec("vader_compound", "VADER compound", "sentiment", "vader_compound"),
    MetricSpec("vader_pos", "VADER positive share", "sentiment", "vader_pos", unit="share"),
    MetricSpec("vader_neu", "VADER neutral share", "sentiment", "vader_neu", unit="share"),
    MetricSpec("vader_neg", "VADER negative share", "sentiment", "vader_neg", unit="share"),
)

#: Score columns of :func:`score_sentiment`, in order.
SCORE_COLUMNS = tuple(m.column for m in METRICS)


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score_sentiment(sentence: str) -> dict[str, float]:
    """TextBlob polarity and subjectivity, VADER compound and pos/neu/neg of one text.

    An empty or blank text scores 0 on every polarity and VADER's neutral share
    of 0 (nothing to score). This is the tone of the words, not sentiment toward
    anyone and not bias (see the module docstring for the measured figures).

    Parameters
    ----------
    sentence : str

    Returns
    -------
    dict
        ``textblob_polarity`` (-1..1), ``textblob_subjectivity`` (0..1),
        ``vader_compound`` (-1..1), ``vader_pos``, ``vader_neu``, ``vader_neg``
        (shares of the text, summing to 1 when there are words).

    References
    ----------
    Hutto & Gilbert (2014); Loria, TextBlob (De Smedt & Daelemans 2012).

    Examples
    --------
    >>> scores = score_sentiment("This is a great and welcome step.")
    >>> scores["textblob_polarity"] > 0, scores["vader_compound"] > 0, scores["vader_neg"]
    (True, True, 0.0)
    """
    from textblob import TextBlob

    blob = TextBlob(sentence).sentiment
    vader = _vader().polarity_scores(sentence)
    return {
        "textblob_polarity": float(blob.polarity),
        "textblob_subjectivity": float(blob.subjectivity),
        "vader_compound": float(vader["compound"]),
        "vader_pos": float(vader["pos"]),
        "vader_neu": float(vader["neu"]),
        "vader_neg": float(vader["neg"]),
    }


def sentence_sentiment(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Sentiment of every sentence, with its position in the article, for reading and plotting.

    Parameters
    ----------
    docs : sequence of ParsedDocument

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, position, relative_position,
        sentiment_scored, textblob_polarity, textblob_subjectivity,
        vader_compound, vader_pos, vader_neu, vader_neg, sentence``.
        ``position`` is lede / body / summary; ``relative_position`` is the
        sentence's index over the number of sentences (0 = first). Scores are
        NaN and ``sentiment_scored`` False for a document that is not English.

    References
    ----------
    Hutto & Gilbert (2014); Loria, TextBlob.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("A terrible loss. Talks went on. A good end.", doc_id="d")
    >>> t = sentence_sentiment([doc])
    >>> t["position"].tolist(), bool(t["vader_compound"].iloc[0] < 0)
    (['lede', 'lede', 'body'], True)
    >>> german = parse_document("Die Gespräche waren gut und wichtig.", doc_id="g", language="und")
    >>> bool(sentence_sentiment([german])["vader_compound"].isna().all())
    True
    """
    return _sentence_table(docs)[0]


def _sentence_table(docs: Sequence[ParsedDocument]) -> tuple[pd.DataFrame, np.ndarray | None]:
    """:func:`sentence_sentiment`'s table, and whether each row is a counted sentence.

    The mask is None when it cannot be read off the documents alone (two
    documents share a ``doc_id``, or a document's ``counted`` list does not
    match its sentences); :func:`toolkit.text.counted_rows` decides then.
    """
    import numpy as np
    import pandas as pd

    from toolkit.fastsentiment.batch import batch_scores
    from toolkit.text import LEDE_SENTENCES

    n_docs = len(docs)
    counts = np.fromiter((len(doc.sentences) for doc in docs), dtype=np.int64, count=n_docs)
    english = np.fromiter((doc.language == "en" for doc in docs), dtype=bool, count=n_docs)
    total = int(counts.sum())
    starts = np.cumsum(counts) - counts
    sentence_ids = np.arange(total, dtype=np.int64) - np.repeat(starts, counts)
    texts = [doc.text[s:e] for doc in docs for s, e in doc.sentences]
    counted_lists = [doc.counted for doc in docs]
    counted = np.fromiter(chain.from_iterable(counted_lists), dtype=bool)
    if len(counted) == total and all(len(c) == k for c, k in zip(counted_lists, counts.tolist(), strict=True)):
        # Position: "summary" when not counted, "lede" for the first counted sentences, "body" after
        seen = np.concatenate([[0], np.cumsum(counted)])
        before = seen[:-1] - np.repeat(seen[starts], counts)
        positions = np.where(counted, np.where(before < LEDE_SENTENCES, "lede", "body"), "summary").tolist()
        unique_ids = len({doc.doc_id for doc in docs}) == n_docs
    else:
        positions = [p for doc in docs for p in doc.position()]
        unique_ids = False
    scored = np.repeat(english, counts)
    scores = np.full((total, len(SCORE_COLUMNS)), np.nan)
    if english.all():
        scores[:] = batch_scores(texts)
    elif english.any():
        english_rows = np.flatnonzero(scored)
        # the fast paths equal TextBlob and vaderSentiment to 1e-9 (toolkit.fastsentiment.parity_report)
        scores[english_rows] = batch_scores([texts[i] for i in english_rows.tolist()])
    per_doc = np.empty(n_docs, dtype=object)
    per_doc[:] = [doc.doc_id for doc in docs]
    ids = np.repeat(per_doc, counts)
    per_doc[:] = [doc.outlet for doc in docs]
    outlets = np.repeat(per_doc, counts)
    columns: dict[str, Any] = {
        "doc_id": pd.Series(ids, dtype=object), "outlet": pd.Series(outlets, dtype=object),
        "sentence_id": pd.Series(sentence_ids, dtype="int64"),
        "position": pd.Series(positions, dtype=object),
        "relative_position": pd.Series(sentence_ids / np.repeat(counts, counts), dtype=float),
        "sentiment_scored": pd.Series(scored, dtype=bool)}
    for k, column in enumerate(SCORE_COLUMNS):
        columns[column] = scores[:, k]
    columns["sentence"] = texts
    table = pd.DataFrame(columns)
    return table, (counted if unique_ids else None)


def sentence_metrics(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Sentiment of every sentence (the metric-family contract of :mod:`toolkit.metrics`).

    The sentence's ``position`` (lede / body / summary) is already in the
    analysis sentence table; :func:`sentence_sentiment` returns it beside
    the scores.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentence_id, relative_position, sentiment_scored,
        textblob_polarity, textblob_subjectivity, vader_compound, vader_pos,
        vader_neu, vader_neg``.

    References
    ----------
    Hutto & Gilbert (2014); Loria, TextBlob.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> list(sentence_metrics([parse_document("Fine.", doc_id="d")]).columns)[:4]
    ['doc_id', 'sentence_id', 'relative_position', 'sentiment_scored']
    """
    table = sentence_sentiment(docs)
    return table.drop(columns=["outlet", "position", "sentence"])


def article_metrics(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Mean sentence sentiment per article over counted sentences, overall and in the lede.

    Parameters
    ----------
    docs : sequence of ParsedDocument

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentiment_scored``, the mean of each sentence score over the
        counted sentences, and ``lede_vader_compound``,
        ``lede_textblob_polarity`` (mean over the lede sentences). NaN for a
        document that is not English or has no counted sentence.

    References
    ----------
    Hutto & Gilbert (2014); Loria, TextBlob.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> docs = [parse_document("Good news. Fine.", doc_id="a"), parse_document("", doc_id="b")]
    >>> t = article_metrics(docs)
    >>> t["doc_id"].tolist(), bool(t["vader_compound"].iloc[0] > 0), bool(t["vader_compound"].isna().iloc[1])
    (['a', 'b'], True, True)
    """
    docs = check_docs(docs, caller="toolkit.sentiment.article_metrics")
    return _articles_from(docs, *_sentence_table(docs))


def _articles_from(docs: Sequence[ParsedDocument], scores: pd.DataFrame, counted: np.ndarray | None) -> pd.DataFrame:
    import pandas as pd

    kept = counted_rows(docs, scores) if counted is None else scores[counted]
    means = kept.groupby("doc_id", sort=False)[list(SCORE_COLUMNS)].mean()
    lede = (kept[kept["position"] == "lede"].groupby("doc_id", sort=False)
            [["vader_compound", "textblob_polarity"]].mean().add_prefix("lede_"))
    order = pd.Index([doc.doc_id for doc in docs], name="doc_id")
    out = means.reindex(order).join(lede.reindex(order)).reset_index()
    out.insert(1, "sentiment_scored", [doc.language == "en" for doc in docs])
    return out


def measure(docs: Sequence[ParsedDocument]) -> Measurements:
    """Sentence and article sentiment from one scoring pass (the family contract).

    Returns
    -------
    toolkit.metrics.Measurements
        ``sentences`` as :func:`sentence_metrics`, ``articles`` as
        :func:`article_metrics`, and ``tables["sentence_sentiment"]`` as
        :func:`sentence_sentiment`.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> m = measure([parse_document("Good news. Fine.", doc_id="a")])
    >>> len(m.sentences), len(m.articles), sorted(m.tables)
    (2, 1, ['sentence_sentiment'])
    """
    docs = check_docs(docs, caller="toolkit.sentiment.measure")
    scores, counted = _sentence_table(docs)
    return Measurements(scores.drop(columns=["outlet", "position", "sentence"]), _articles_from(docs, scores, counted),
                        {"sentence_sentiment": scores})
