"""The attribution metric family: quote tables, per-sentence and per-article measures.

Each attribution is counted in the sentence where its quote starts. Voice
balance is the share of attributions whose speaker stands on each side
(gazetteer affiliation); the anonymous-source rate is the share of
attributions to unnamed sources (Sundar 1998 on source attribution and
credibility; Pareti 2016 for the attribution relation itself).

References
----------
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
Sundar, S. S. (1998). Effect of source attribution on perception of online
news stories. Journalism & Mass Communication Quarterly 75(1), 55-68.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

from toolkit.attribution.extract import QUOTE_COLUMNS, SOURCE_KINDS, quote_rows
from toolkit.attribution.lexicon import VERB_CLASSES
from toolkit.gazetteer import Gazetteer
from toolkit.metrics import Measurements, MetricSpec, check_docs
from toolkit.text import ParsedDocument, counted_rows, sentence_keys

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract_quotes", "sentence_metrics", "article_metrics", "attribution_metrics", "measure",
           "METRICS", "AFFILIATIONS"]

#: Sides reported as separate voice-balance columns; others count as ``other``.
AFFILIATIONS = ("US", "China", "Russia", "Ukraine", "EU", "UK")

_WORD = re.compile(r"\w+")
_KINDS = ("direct", "partial", "indirect")
_AFF_COLUMNS = [f"aff_{a.casefold()}" for a in AFFILIATIONS] + ["aff_other", "aff_unknown"]
_COUNT_COLUMNS = (["words", "quoted_words", "direct_x1000", "n_attributions"]
                  + [f"n_{k}" for k in _KINDS] + [f"n_{k}" for k in SOURCE_KINDS]
                  + _AFF_COLUMNS + ["n_verb"] + [f"verb_{c}" for c in VERB_CLASSES])

METRICS = (
    MetricSpec("quoted_word_share", "Share of words inside quotation marks", "attribution",
               "quoted_words", "words", "share"),
    MetricSpec("direct_quotes_per_1000", "Direct quotes per 1,000 words", "attribution",
               "direct_x1000", "words", "per 1,000 words"),
    MetricSpec("anonymous_rate", "Anonymous-source rate", "attribution", "n_anonymous",
               "n_attributions", "share"),
    MetricSpec("named_person_share", "Attributions to named people", "attribution",
               "n_named_person", "n_attributions", "share"),
    MetricSpec("organization_share", "Attributions to organizations", "attribution",
               "n_organization", "n_attributions", "share"),
    MetricSpec("media_share", "Attributions to other media", "attribution", "n_media",
               "n_attributions", "share"),
    MetricSpec("unattributed_share", "Unattributed quotes", "attribution", "n_unattributed",
               "n_attributions", "share"),
    *(MetricSpec(f"voice_{a.casefold()}", f"Voice balance: {a}", "attribution",
                 f"aff_{a.casefold()}", "n_attributions", "share") for a in AFFILIATIONS[:3]),
    *(MetricSpec(f"verb_{c}_share", f"Reporting verbs: {c}", "attribution", f"verb_{c}",
                 "n_verb", "share") for c in VERB_CLASSES),
)


def extract_quotes(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None
                   ) -> pd.DataFrame:
    """Every direct, partial and indirect quote with its speaker and reporting verb.

    Quotes inside quotation marks (“ ” " " ‘ ’ « ») are paired within a
    paragraph; speakers are taken from cues after or before the quote, and
    resolved within the article (pronouns, "the official", surnames).

    Parameters
    ----------
    docs : sequence of ParsedDocument
        Parsed articles (:func:`toolkit.text.parse_corpus`).
    gazetteer : Gazetteer, optional
        Entities that give speakers their type and affiliation
        (default: :func:`toolkit.gazetteer.load_gazetteer`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, quote_id, kind, quote, speaker, speaker_canonical,
        source_kind, role, affiliation, verb, verb_class, start, end, counted``
        with ``kind`` in {direct, partial, indirect}, ``source_kind`` in
        {named_person, anonymous, organization, media, unattributed}, ``verb``
        the lemma of the reporting verb, ``quote == text[start:end]`` and
        ``counted`` False when the quote starts in a sentence the metrics leave
        out (a key-points block that repeats the body, ``summary_spans`` of the
        corpus) or lies inside another counted quote of the same speaker (a
        partial quote within an indirect one: the same words, reported once),
        True otherwise: the per-outlet measures count only these rows.

    References
    ----------
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
    Asr, F. T. et al. (2021). The Gender Gap Tracker. PLoS ONE 16(1): e0245533.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("“We are clear,” Wang Yi said. He added: “Stop it.”", doc_id="d")
    >>> extract_quotes([doc])[["kind", "quote", "speaker_canonical", "affiliation", "verb"]]
         kind          quote speaker_canonical affiliation verb
    0  direct  We are clear           Wang Yi       China  say
    1  direct       Stop it.           Wang Yi       China  add
    """
    return _quote_table(check_docs(docs, caller="toolkit.extract_quotes", unique=False), gazetteer)[0]


def _quote_table(docs: Sequence[ParsedDocument], gazetteer: Gazetteer | None) -> tuple[pd.DataFrame, list[int]]:
    """The table of :func:`extract_quotes` and the ``sentence_id`` where each quote starts."""
    import pandas as pd

    frame = pd.DataFrame(quote_rows(docs, gazetteer=gazetteer), columns=QUOTE_COLUMNS)
    frame = frame.astype({"start": "int64", "end": "int64"})
    located = _locate(docs, frame)
    in_counted = [counted for _, counted in located]
    nested = _nested(frame, in_counted)
    frame["counted"] = [c and not n for c, n in zip(in_counted, nested, strict=True)]
    return frame, [k for k, _ in located]


def _nested(quotes: pd.DataFrame, in_counted: Sequence[bool]) -> list[bool]:
    """For each row of ``quotes``: does it lie inside another counted row of the same speaker?

    A partial quote inside an indirect quote of the same speaker ("X warned
    that ... a "grave mistake" ...") reports the same words once: the outer row
    is counted, the inner one is kept in the table but not counted. Rows are
    compared within an article and speaker (``speaker_canonical``, else
    ``speaker``); rows without a speaker are never nested. ``in_counted`` says
    whether each row starts in a counted sentence; only such rows can hold
    another. Of two rows with the same span, the first holds the second.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"doc_id": ["d"] * 3, "speaker_canonical": ["A", "A", "B"],
    ...                   "speaker": ["A", "A", "B"], "start": [0, 10, 12], "end": [50, 20, 18]})
    >>> _nested(q, [True, True, True])
    [False, True, False]
    """
    n = len(quotes)
    nested = [False] * n
    if n < 2:
        return nested
    canonical = quotes["speaker_canonical"].tolist()
    raw = quotes["speaker"].tolist() if "speaker" in quotes.columns else [None] * n
    groups: dict[tuple[object, str], list[int]] = {}
    for r, (doc_id, name, alt) in enumerate(zip(quotes["doc_id"].tolist(), canonical, raw, strict=True)):
        who = name if isinstance(name, str) and name else alt
        if isinstance(who, str) and who:
            groups.setdefault((doc_id, who), []).append(r)
    starts, ends = quotes["start"].tolist(), quotes["end"].tolist()
    for rows in groups.values():
        if len(rows) < 2:
            continue
        reach = -1  # the furthest end of a counted row that starts at or before this one
        for r in sorted(rows, key=lambda i: (starts[i], -ends[i], i)):
            if ends[r] <= reach:
                nested[r] = True
            elif in_counted[r]:
                reach = max(reach, ends[r])
    return nested


def _locate(docs: Sequence[ParsedDocument], quotes: pd.DataFrame) -> list[tuple[int, bool]]:
    """``(sentence_id, counted)`` of the sentence where each quote of ``quotes`` starts."""
    by_id = {doc.doc_id: doc for doc in docs}
    located = []
    last_id = None
    starts: list[int] = []
    counted: list[bool] = []
    for doc_id, start in zip(quotes["doc_id"].tolist(), quotes["start"].tolist(), strict=True):
        if doc_id != last_id:  # the rows come document by document
            doc = by_id[doc_id]
            starts, counted, last_id = [s for s, _ in doc.sentences], doc.counted, doc_id
        k = max(bisect_right(starts, start) - 1, 0)
        located.append((k, bool(counted[k]) if counted else True))
    return located


def _sentence_frame(docs: Sequence[ParsedDocument], quotes: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, sentence_id, *_COUNT_COLUMNS``, one row per sentence of ``docs``, in document order.

    A word is quoted when it starts inside the last direct or partial quote
    that starts at or before it. Sentences that no such quote reaches only
    count their words (:func:`_quoted_words` counts the others). The table is
    built column-wise: most sentences hold no attribution and are only a word count.
    """
    import numpy as np
    import pandas as pd

    columns = ["doc_id", "sentence_id", *_COUNT_COLUMNS]
    lengths = [len(doc.sentences) for doc in docs]
    total = sum(lengths)
    if total == 0:
        return pd.DataFrame([], columns=columns)
    cols = {c: quotes[c].tolist() for c in ("doc_id", "start", "end", "kind", "source_kind", "affiliation",
                                            "verb_class")}
    by_doc: dict[str, list[int]] = {}
    for r, doc_id in enumerate(cols["doc_id"]):
        by_doc.setdefault(str(doc_id), []).append(r)
    # a row inside another counted row of its speaker is not counted again (its words stay quoted): in a
    # counted sentence, the rows that _quote_table marked not counted
    not_counted = ([not c for c in quotes["counted"].tolist()] if "counted" in quotes.columns
                   else _nested(quotes, [c for _, c in _locate(docs, quotes)]))
    at = {c: i for i, c in enumerate(_COUNT_COLUMNS)}
    words_at, quoted_at = at["words"], at["quoted_words"]
    zeros = [0] * len(_COUNT_COLUMNS)
    table = np.zeros((total, len(_COUNT_COLUMNS)), dtype=np.int64)
    # doc.word_counts() is len(_WORD.findall(text, s, e)) of every sentence
    table[:, words_at] = np.fromiter(chain.from_iterable(doc.word_counts() for doc in docs), dtype=np.int64,
                                     count=total)
    offset = 0
    for doc, n_sentences in zip(docs, lengths, strict=True):
        rows = by_doc.get(doc.doc_id)
        if not rows or not n_sentences:
            offset += n_sentences
            continue
        starts = [s for s, _ in doc.sentences]
        counts: dict[int, list[int]] = {}  # only the sentences that hold an attribution
        marked: list[tuple[int, int]] = []
        for r in rows:
            start = int(cols["start"][r])
            i = max(0, bisect_right(starts, start) - 1)
            c = counts.get(i)
            if c is None:
                c = counts[i] = zeros.copy()
            kind = str(cols["kind"][r])
            if not_counted[r] and (not doc.counted or doc.counted[i]):
                if kind != "indirect":
                    marked.append((start, int(cols["end"][r])))
                continue
            c[at["n_attributions"]] += 1
            c[at[f"n_{kind}"]] += 1
            c[at[f"n_{cols['source_kind'][r]}"]] += 1
            aff = cols["affiliation"][r]
            if aff is None or aff != aff:
                c[at["aff_unknown"]] += 1
            elif aff in AFFILIATIONS:
                c[at[f"aff_{str(aff).casefold()}"]] += 1
            else:
                c[at["aff_other"]] += 1
            vclass = cols["verb_class"][r]
            if isinstance(vclass, str):
                c[at["n_verb"]] += 1
                c[at[f"verb_{vclass}"]] += 1
            if kind != "indirect":
                marked.append((start, int(cols["end"][r])))
                if kind == "direct":
                    c[at["direct_x1000"]] += 1000
        if marked:
            marked.sort()
            _quoted_words(doc, marked, counts, zeros, quoted_at)
        words = doc.word_counts()
        for i, c in counts.items():
            c[words_at] = words[i]
            table[offset + i] = c
        offset += n_sentences
    ids, sentence_ids = sentence_keys(docs)
    data: dict[str, object] = {"doc_id": ids, "sentence_id": sentence_ids}
    data.update({c: table[:, j] for j, c in enumerate(_COUNT_COLUMNS)})
    return pd.DataFrame(data, columns=columns)


def _quoted_words(doc: ParsedDocument, marked: list[tuple[int, int]], counts: dict[int, list[int]],
                  zeros: list[int], quoted_at: int) -> None:
    """Add the quoted words of every sentence of ``doc`` that a quote of ``marked`` (sorted) reaches.

    A word is quoted when it starts inside the last quote that starts at or
    before it: between the starts of quotes ``j`` and ``j + 1``, the words that
    start before the end of quote ``j``.
    """
    text, sentences = doc.text, doc.sentences
    starts = [s for s, _ in sentences]
    ends = [e for _, e in sentences]
    marked_starts = [m[0] for m in marked]
    reached: set[int] = set()  # sentences that a quote overlaps (sentence spans are in order)
    for m0, m1 in marked:
        reached.update(range(bisect_right(ends, m0), bisect_left(starts, m1)))
    n_marked = len(marked)
    for i in sorted(reached):
        s, e = sentences[i]
        n_quoted = 0
        for j in range(max(bisect_right(marked_starts, s) - 1, 0), bisect_left(marked_starts, e)):
            a = marked[j][0] if marked[j][0] > s else s
            b = min(e, marked[j][1], marked[j + 1][0] if j + 1 < n_marked else e)
            if b > a:
                # the words that start in [a, b): a run cut at ``a`` starts before it
                n_quoted += len(_WORD.findall(text, a, b))
                if a > s and _WORD.match(text, a - 1, a) and _WORD.match(text, a, a + 1):
                    n_quoted -= 1
        c = counts.get(i)
        if c is None:
            c = counts[i] = zeros.copy()
        c[quoted_at] += n_quoted

def sentence_metrics(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None
                     ) -> pd.DataFrame:
    """Attribution counts of every sentence (the per-outlet estimates are built on these).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentence_id, words, quoted_words, direct_x1000,
        n_attributions, n_direct, n_partial, n_indirect, n_<source_kind>``
        (five), ``aff_us, aff_china, aff_russia, aff_ukraine, aff_eu, aff_uk,
        aff_other, aff_unknown, n_verb, verb_<class>`` (one per class of the
        verb lexicon). ``direct_x1000`` is 1000 x ``n_direct``, so that
        ``sum(direct_x1000) / sum(words)`` is direct quotes per 1,000 words.

    References
    ----------
    Sundar, S. S. (1998). Effect of source attribution on perception of
    online news stories. Journalism & Mass Communication Quarterly 75(1).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Talks began. “We disagree,” Mao Ning said.", doc_id="d")
    >>> sentence_metrics([doc])[["sentence_id", "words", "quoted_words", "n_direct", "aff_china"]]
       sentence_id  words  quoted_words  n_direct  aff_china
    0            0      2             0         0          0
    1            1      5             2         1          1
    """
    return _sentence_frame(docs, extract_quotes(docs, gazetteer=gazetteer))


def article_metrics(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None
                    ) -> pd.DataFrame:
    """Attribution measures per article, over its counted sentences.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, the sums of every :func:`sentence_metrics` column, and
        the ratios ``quoted_word_share``, ``anonymous_rate``,
        ``<source_kind>_share``, ``voice_<side>`` (share of attributions per
        affiliation) and ``verb_<class>_share``; a ratio with a zero
        denominator is NaN.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("“No,” a US official said. Wang Yi warned that it was wrong.",
    ...                      doc_id="d")
    >>> article_metrics([doc])[["n_attributions", "anonymous_rate", "voice_us", "voice_china"]]
       n_attributions  anonymous_rate  voice_us  voice_china
    0               2             0.5       0.5          0.5
    """
    return _articles_from(docs, sentence_metrics(docs, gazetteer=gazetteer))


def _articles_from(docs: Sequence[ParsedDocument], sentences: pd.DataFrame) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    kept = counted_rows(docs, sentences)
    sums = kept.groupby("doc_id", sort=False)[_COUNT_COLUMNS].sum()
    order = pd.Index([doc.doc_id for doc in docs], name="doc_id")
    sums = sums.reindex(order).fillna(0).astype("int64")
    out = sums.copy().astype("float64")

    def ratio(num: str, den: str) -> pd.Series:
        d = sums[den].astype("float64")
        return (sums[num] / d.where(d > 0, np.nan)).astype("float64")

    out["quoted_word_share"] = ratio("quoted_words", "words")
    out["anonymous_rate"] = ratio("n_anonymous", "n_attributions")
    for kind in SOURCE_KINDS:
        out[f"{kind}_share"] = ratio(f"n_{kind}", "n_attributions")
    for aff in AFFILIATIONS:
        out[f"voice_{aff.casefold()}"] = ratio(f"aff_{aff.casefold()}", "n_attributions")
    for vclass in VERB_CLASSES:
        out[f"verb_{vclass}_share"] = ratio(f"verb_{vclass}", "n_verb")
    out[_COUNT_COLUMNS] = sums[_COUNT_COLUMNS]
    return out.reset_index()


def attribution_metrics(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None
                        ) -> pd.DataFrame:
    """:func:`article_metrics` with the ``outlet`` of each article, for reading and grouping.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("“Yes,” Blinken said.", doc_id="d", outlet="X")
    >>> attribution_metrics([doc])[["doc_id", "outlet", "n_direct", "voice_us"]]
      doc_id outlet  n_direct  voice_us
    0      d      X         1       1.0
    """
    table = article_metrics(docs, gazetteer=gazetteer)
    table.insert(1, "outlet", [doc.outlet for doc in docs])
    return table


def measure(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None) -> Measurements:
    """Quotes extracted once; sentence and article measures built from them (the family contract).

    Returns
    -------
    toolkit.metrics.Measurements
        ``sentences`` (:func:`sentence_metrics`), ``articles``
        (:func:`article_metrics`) and ``tables["quotes"]`` (:func:`extract_quotes`,
        whose ``counted`` is False inside a key-points block that repeats the
        body, plus ``sentence_id`` of the sentence where each quote starts).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> m = measure([parse_document("Talks began. “We disagree,” Mao Ning said.", doc_id="d")])
    >>> m.tables["quotes"][["speaker_canonical", "affiliation"]].values.tolist()
    [['Mao Ning', 'China']]
    """
    docs = check_docs(docs, caller="toolkit.attribution.measure")
    quotes, sentence_ids = _quote_table(docs, gazetteer)
    sentences = _sentence_frame(docs, quotes)
    quotes = quotes.assign(sentence_id=sentence_ids)
    return Measurements(sentences, _articles_from(docs, sentences), {"quotes": quotes})
