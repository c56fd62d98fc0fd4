"""Sentence alignment across outlets, and what each outlet alone reports.

For articles on the same story (see :func:`toolkit.pairing.pair_stories`),
every counted sentence of every article is compared with every counted
sentence of the articles from the *other* outlets. The similarity of two
sentences is the mean of two TF-IDF cosines, fitted on the sentences being
aligned:

* a word cosine over content words (lower-cased, English stop words removed,
  a final plural "s" dropped), which rewards the same facts and names, and
* a character cosine over 3- to 5-grams inside word boundaries, which also
  credits inflected and re-spelt forms ("warn" / "warning", "Chinese" /
  "China"), the usual surface of a paraphrase or a re-translated quote.

Each sentence takes its most similar counterpart and a label:

``shared``
    similarity >= ``shared_threshold`` (default 0.6): the same sentence,
    lightly edited (wire copy, the same quote).
``paraphrased``
    ``paraphrase_threshold`` <= similarity < ``shared_threshold`` (default
    0.25): the same content in other words.
``unique``
    below ``paraphrase_threshold``: no other outlet says this.

Both thresholds were set by reading the aligned sentence pairs of the two
seed articles (RT and NBC Chicago on Blinken's April 2024 China trip); there
is no annotated sentence-alignment data to validate them on, so they are
documented parameters and a reader should check the labels on their own
corpus. Lexical similarity misses paraphrases that share few words, and can
pair sentences that share names but not facts. On the seed articles, for
example, NBC's "China sharing machine tools, semiconductors and other
dual-use items" and RT's "China's exports of machine tools,
microelectronics, optics" score about 0.19 and are both labelled unique,
while the two outlets' translations of the same official's warning to
companies score 0.38 (paraphrased): ``unique`` over-states what is missing
elsewhere and should be read as "not said in similar words elsewhere".

A "sentence" longer than ``MAX_SENTENCE_CHARS`` characters (a text without
sentence ends, such as a scraped page on one line) is compared on its first
``MAX_SENTENCE_CHARS`` characters, so that one such line cannot take
gigabytes of character n-grams; the sentence itself is reported whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.metrics import check_docs, check_kind
from toolkit.text import ParsedDocument

__all__ = [
    "SHARED_THRESHOLD",
    "PARAPHRASE_THRESHOLD",
    "LABELS",
    "MAX_SENTENCE_CHARS",
    "sentence_similarity",
    "align_sentences",
    "omission_report",
    "omission_summary",
]

#: Similarity at or above which two sentences are the same sentence.
SHARED_THRESHOLD = 0.6
#: Similarity at or above which two sentences carry the same content.
PARAPHRASE_THRESHOLD = 0.25
#: The alignment labels, from most to least shared.
LABELS = ("shared", "paraphrased", "unique")
#: Characters of a sentence that the similarity reads (real sentences are far shorter).
MAX_SENTENCE_CHARS = 5000

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTE_MARKS = re.compile(r"[“”\"«»]")
_ALIGNMENT_COLUMNS = [
    "doc_id", "outlet", "sentence_id", "start", "end", "sentence", "label",
    "match_doc_id", "match_outlet", "match_sentence_id", "match_sentence", "similarity",
    "outlets_matching",
]


def _word_analyzer(stop_words: frozenset[str]):  # type: ignore[no-untyped-def]
    def analyze(text: str) -> list[str]:
        out = []
        for word in _WORD.findall(text.casefold()):
            word = re.sub(r"['’]s$", "", word)
            if len(word) < 2 or word in stop_words or word.isdigit() and len(word) < 3:
                continue
            if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                word = word[:-1]
            out.append(word)
        return out
    return analyze


def sentence_similarity(left: Sequence[str], right: Sequence[str]) -> np.ndarray:
    """Similarity of every sentence in ``left`` to every sentence in ``right``.

    The mean of a content-word TF-IDF cosine and a character 3-5-gram TF-IDF
    cosine, with IDF fitted on both lists together.

    Parameters
    ----------
    left, right : sequence of str
        Sentences.

    Returns
    -------
    numpy.ndarray
        ``len(left) x len(right)`` array of similarities in [0, 1].

    References
    ----------
    Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic
    text retrieval. Information Processing & Management 24(5), 513-523.
    Metzler, D., Bernstein, Y., Croft, W. B., Moffat, A. & Zobel, J. (2005).
    Similarity measures for tracking information flow. CIKM '05, 517-524
    (sentence-level lexical similarity for re-used and reworded news text).

    Examples
    --------
    >>> sim = sentence_similarity(["Blinken will warn China."],
    ...                           ["Blinken is warning China.", "Floods hit Spain."])
    >>> bool(sim[0, 0] > 0.5 > sim[0, 1])
    True
    """
    if not left or not right:
        return np.zeros((len(left), len(right)))
    n = len(left)
    return _similarity(list(left) + list(right))[:n, n:]


def _similarity(texts: list[str]) -> np.ndarray:
    """Square similarity matrix of ``texts`` (each cut to ``MAX_SENTENCE_CHARS``), IDF fitted on them."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    texts = [t[:MAX_SENTENCE_CHARS] for t in texts]
    sims = []
    vectorizers = (
        TfidfVectorizer(analyzer=_word_analyzer(frozenset(ENGLISH_STOP_WORDS)), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
    )
    for vectorizer in vectorizers:
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # empty vocabulary: nothing to compare
            sims.append(np.zeros((len(texts), len(texts))))
            continue
        sims.append((matrix @ matrix.T).toarray())
    return np.clip((sims[0] + sims[1]) / 2.0, 0.0, 1.0)


def _label(similarity: float, shared: float, paraphrase: float) -> str:
    if similarity >= shared:
        return "shared"
    if similarity >= paraphrase:
        return "paraphrased"
    return "unique"


def align_sentences(
    docs: Sequence[ParsedDocument],
    *,
    shared_threshold: float = SHARED_THRESHOLD,
    paraphrase_threshold: float = PARAPHRASE_THRESHOLD,
) -> pd.DataFrame:
    """Label each counted sentence as shared, paraphrased or unique to its outlet.

    Every counted sentence (not a key-points block that repeats the body) is
    compared with the counted sentences of all articles from *other* outlets;
    its best counterpart and label are recorded (see the module
    documentation for the similarity and the thresholds).

    Parameters
    ----------
    docs : sequence of ParsedDocument
        Articles on the same story, from at least two outlets. An outlet may
        contribute several articles; an article may have no sentences.
    shared_threshold : float, default=SHARED_THRESHOLD
        Similarity at or above which a sentence is ``shared``.
    paraphrase_threshold : float, default=PARAPHRASE_THRESHOLD
        Similarity at or above which a sentence is at least ``paraphrased``.

    Returns
    -------
    pandas.DataFrame
        One row per counted sentence: ``doc_id, outlet, sentence_id`` (its
        index in ``doc.sentences``, as in :func:`toolkit.text.sentence_table`),
        ``start, end, sentence, label`` (``shared``, ``paraphrased`` or
        ``unique``), ``match_doc_id, match_outlet, match_sentence_id,
        match_sentence`` (the most similar sentence in another outlet; empty
        when the other outlets have no sentence at all), ``similarity`` (to
        that sentence, 0 when there is none) and ``outlets_matching`` (how
        many other outlets have a sentence at or above the paraphrase
        threshold).

    Raises
    ------
    toolkit.errors.InputError
        Fewer than two outlets, duplicate doc_ids, or thresholds out of order.

    References
    ----------
    Metzler, D., Bernstein, Y., Croft, W. B., Moffat, A. & Zobel, J. (2005).
    Similarity measures for tracking information flow. CIKM '05, 517-524.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> a = parse_document("Blinken will visit Beijing on Wednesday. He will meet Wang Yi.",
    ...                    doc_id="a", outlet="A")
    >>> b = parse_document("Blinken will visit Beijing on Wednesday. Floods hit Spain.",
    ...                    doc_id="b", outlet="B")
    >>> align_sentences([a, b])[["doc_id", "sentence_id", "label"]].values.tolist()
    [['a', 0, 'shared'], ['a', 1, 'unique'], ['b', 0, 'shared'], ['b', 1, 'unique']]
    """
    if not 0.0 <= paraphrase_threshold <= shared_threshold <= 1.0:
        raise InputError("thresholds must satisfy 0 <= paraphrase_threshold <= shared_threshold"
                         f" <= 1, got {paraphrase_threshold} and {shared_threshold}")
    docs = list(check_docs(docs, caller="toolkit.align_sentences", unique=False))  # doc_ids are checked below
    ids = [d.doc_id for d in docs]
    if len(set(ids)) != len(ids):
        raise InputError("doc_ids must be unique to align sentences")
    outlets = sorted({d.outlet for d in docs})
    if len(outlets) < 2:
        found = outlets[0] if outlets else "none"
        raise InputError("sentence alignment compares outlets and needs articles from at least "
                         f"two; got {len(outlets)} ({found})")

    sentences: list[tuple[str, str, int, int, int, str]] = []
    for doc in docs:
        for i, ((s, e), counted) in enumerate(zip(doc.sentences, doc.counted, strict=True)):
            if counted:
                sentences.append((doc.doc_id, doc.outlet, i, s, e, doc.text[s:e]))
    if not sentences:
        return pd.DataFrame({c: [] for c in _ALIGNMENT_COLUMNS})
    texts = [row[5] for row in sentences]
    sim = _similarity(texts)
    outlet_of = np.array([row[1] for row in sentences])

    rows: list[dict[str, Any]] = []
    for k, (doc_id, outlet, sid, s, e, text) in enumerate(sentences):
        other = outlet_of != outlet
        row: dict[str, Any] = {"doc_id": doc_id, "outlet": outlet, "sentence_id": sid,
                               "start": s, "end": e, "sentence": text}
        if other.any():
            candidates = np.flatnonzero(other)
            best = int(candidates[np.argmax(sim[k, candidates])])
            similarity = float(sim[k, best])
            matching = {o for o, v in zip(outlet_of[candidates], sim[k, candidates], strict=True)
                        if v >= paraphrase_threshold}
            row.update(label=_label(similarity, shared_threshold, paraphrase_threshold),
                       match_doc_id=sentences[best][0], match_outlet=sentences[best][1],
                       match_sentence_id=sentences[best][2], match_sentence=sentences[best][5],
                       similarity=round(similarity, 4), outlets_matching=len(matching))
        else:  # the other outlets' articles have no counted sentence
            row.update(label="unique", match_doc_id=None, match_outlet=None,
                       match_sentence_id=None, match_sentence=None, similarity=0.0,
                       outlets_matching=0)
        rows.append(row)
    table = pd.DataFrame(rows, columns=_ALIGNMENT_COLUMNS)
    table["match_sentence_id"] = table["match_sentence_id"].astype("Int64")
    return table


# ---------------------------------------------------------------- omissions

_REPORT_COLUMNS = [
    "outlet", "rank", "doc_id", "sentence_id", "sentence", "similarity", "actors",
    "actors_only_here", "countries", "quotes", "speakers", "speakers_only_here", "source_kinds",
    "direct_quote_marks", "importance",
]
_QUOTE_COLUMNS = {"doc_id", "quote_id", "kind", "quote", "speaker_canonical", "source_kind",
                  "affiliation", "start", "end"}


def _join(values: Sequence[str]) -> str:
    return "; ".join(dict.fromkeys(v for v in values if v))


def omission_report(
    alignment: pd.DataFrame,
    *,
    quotes: pd.DataFrame | None = None,
    gazetteer: Any = None,
) -> pd.DataFrame:
    """What each outlet alone includes: its unique sentences, ranked.

    For every sentence that :func:`align_sentences` labelled ``unique``, the
    report lists the named actors in it (gazetteer mentions of people,
    organisations and media; countries separately), the actors that *no other
    outlet* mentions anywhere in its aligned sentences, and, when an
    attribution table is given, the quotes that overlap the sentence, their
    speakers and source kinds, and the speakers no other outlet quotes.

    Sentences are ranked within each outlet by ``importance``: 3 points per
    speaker no other outlet quotes, 2 per actor no other outlet names, 1 per
    quote, 1 per other named actor, and 1 for direct quotation marks when no
    attribution table was given; ties keep the order of the article.

    Parameters
    ----------
    alignment : pandas.DataFrame
        The output of :func:`align_sentences`.
    quotes : pandas.DataFrame or None, default=None
        An attribution table with columns ``doc_id, quote_id, kind, quote,
        speaker_canonical, source_kind, affiliation, start, end`` (offsets
        into the document text, as the alignment's ``start, end``).
    gazetteer : toolkit.gazetteer.Gazetteer or None, default=None
        Names to look for; the shipped one (:func:`toolkit.gazetteer.load_gazetteer`)
        when None.

    Returns
    -------
    pandas.DataFrame
        One row per unique sentence: ``outlet, rank`` (1 = most important in
        its outlet), ``doc_id, sentence_id, sentence, similarity`` (to the
        closest sentence elsewhere), ``actors, actors_only_here, countries,
        quotes, speakers, speakers_only_here, source_kinds`` ("; "-joined
        text, "" when none), ``direct_quote_marks`` (bool) and ``importance``.
        Sorted by outlet, then rank. Empty (with these columns) when no
        sentence is unique, as for two identical articles.

    Raises
    ------
    toolkit.errors.InputError
        ``alignment`` or ``quotes`` lacks required columns.

    References
    ----------
    Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R. & Wang, L.
    (2019). In Plain Sight: Media Bias Through the Lens of Factual Reporting.
    EMNLP-IJCNLP (informational bias: what an outlet chooses to include).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> a = parse_document("Blinken will visit Beijing. Mao Ning criticised the trip.",
    ...                    doc_id="a", outlet="A")
    >>> b = parse_document("Blinken will visit Beijing.", doc_id="b", outlet="B")
    >>> report = omission_report(align_sentences([a, b]))
    >>> report[["outlet", "sentence", "actors_only_here"]].values.tolist()
    [['A', 'Mao Ning criticised the trip.', 'Mao Ning']]
    """
    check_kind(alignment, ["columns"], caller="toolkit.omission_report",
               expected="an alignment DataFrame from toolkit.align_sentences(docs)")
    if quotes is not None:
        check_kind(quotes, ["columns"], caller="toolkit.omission_report(quotes=...)",
                   expected="a quotes DataFrame from toolkit.extract_quotes(docs) or None")
    needed = {"doc_id", "outlet", "sentence_id", "start", "end", "sentence", "label", "similarity"}
    missing = needed - set(alignment.columns)
    if missing:
        raise InputError(f"alignment lacks column(s) {', '.join(sorted(missing))}; "
                         "pass the output of align_sentences")
    if quotes is not None:
        missing = _QUOTE_COLUMNS - set(quotes.columns)
        if missing:
            raise InputError(f"quotes table lacks column(s) {', '.join(sorted(missing))}")
    if gazetteer is None:
        from toolkit.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()

    actors: list[list[str]] = []
    countries: list[list[str]] = []
    for text in alignment["sentence"]:
        found = gazetteer.find(text)
        actors.append([m.entity.name for m in found if m.entity.type != "country"])
        countries.append([m.entity.name for m in found if m.entity.type == "country"])
    outlets = alignment["outlet"].tolist()
    actors_by_outlet: dict[str, set[str]] = {}
    for outlet, names in zip(outlets, actors, strict=True):
        actors_by_outlet.setdefault(outlet, set()).update(names)

    sentence_quotes: list[list[dict[str, Any]]] = [[] for _ in range(len(alignment))]
    speakers_by_outlet: dict[str, set[str]] = {}
    if quotes is not None and len(quotes):
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for raw in quotes.to_dict("records"):
            by_doc.setdefault(str(raw["doc_id"]), []).append(
                {str(key): value for key, value in raw.items()})
        # each quote is given to the aligned sentences it overlaps (found by bisection; sentences
        # of a document are in order), so the cost follows the quotes, not sentences x quotes
        rows_of: dict[str, list[tuple[int, int, int]]] = {}
        for k, (doc_id, s, e) in enumerate(zip(alignment["doc_id"], alignment["start"], alignment["end"],
                                               strict=True)):
            rows_of.setdefault(str(doc_id), []).append((int(s), int(e), k))
        for doc_id, records in by_doc.items():
            spans = sorted(rows_of.get(doc_id, []))
            starts, ends = [a for a, _, _ in spans], [b for _, b, _ in spans]
            for record in records:
                a, b = int(record["start"]), int(record["end"])
                for s, e, k in spans[bisect_right(ends, a):bisect_left(starts, b)]:
                    if not (a < e and b > s):
                        continue
                    outlet = outlets[k]
                    sentence_quotes[k].append(record)
                    speaker = record["speaker_canonical"]
                    if isinstance(speaker, str) and speaker:
                        speakers_by_outlet.setdefault(outlet, set()).add(speaker)

    rows = []
    for k, row in enumerate(alignment.itertuples(index=False)):
        if row.label != "unique":
            continue
        elsewhere_actors = set().union(*(v for o, v in actors_by_outlet.items() if o != row.outlet))
        elsewhere_speakers = set().union(
            *(v for o, v in speakers_by_outlet.items() if o != row.outlet))
        found_quotes = sentence_quotes[k]
        speakers = [str(q["speaker_canonical"]) for q in found_quotes
                    if isinstance(q["speaker_canonical"], str)]
        only_actors = [a for a in dict.fromkeys(actors[k]) if a not in elsewhere_actors]
        only_speakers = [s for s in dict.fromkeys(speakers) if s and s not in elsewhere_speakers]
        marks = bool(_QUOTE_MARKS.search(str(row.sentence)))
        importance = (3 * len(only_speakers) + 2 * len(only_actors) + len(found_quotes)
                      + len(set(actors[k])) - len(only_actors)
                      + (1 if quotes is None and marks else 0))
        rows.append({
            "outlet": row.outlet, "doc_id": row.doc_id, "sentence_id": row.sentence_id,
            "sentence": row.sentence, "similarity": row.similarity,
            "actors": _join(actors[k]), "actors_only_here": _join(only_actors),
            "countries": _join(countries[k]),
            "quotes": _join([str(q["quote"]) for q in found_quotes]),
            "speakers": _join(speakers), "speakers_only_here": _join(only_speakers),
            "source_kinds": _join([str(q["source_kind"]) for q in found_quotes
                                   if isinstance(q["source_kind"], str)]),
            "direct_quote_marks": marks, "importance": importance,
        })
    if not rows:
        return pd.DataFrame({c: [] for c in _REPORT_COLUMNS})
    report = pd.DataFrame(rows)
    report["_order"] = range(len(report))
    report = report.sort_values(["outlet", "importance", "_order"],
                                ascending=[True, False, True], kind="stable")
    report["rank"] = report.groupby("outlet").cumcount() + 1
    return report[_REPORT_COLUMNS].reset_index(drop=True)


def omission_summary(alignment: pd.DataFrame, report: pd.DataFrame) -> pd.DataFrame:
    """One line per outlet: how much of it is unique, and whose voices only it carries.

    Parameters
    ----------
    alignment : pandas.DataFrame
        The output of :func:`align_sentences`.
    report : pandas.DataFrame
        The output of :func:`omission_report` on that alignment.

    Returns
    -------
    pandas.DataFrame
        ``outlet, sentences, shared, paraphrased, unique, unique_share,
        actors_only_here, speakers_only_here, top_unique_sentence``: counts of
        counted sentences by label, the share labelled unique, the
        "; "-joined actors and speakers that only this outlet carries (in
        report order), and its highest-ranked unique sentence ("" if none).

    References
    ----------
    Fan, L. et al. (2019). In Plain Sight: Media Bias Through the Lens of
    Factual Reporting. EMNLP-IJCNLP (informational bias).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> a = parse_document("Blinken will visit Beijing. Mao Ning criticised the trip.",
    ...                    doc_id="a", outlet="A")
    >>> b = parse_document("Blinken will visit Beijing.", doc_id="b", outlet="B")
    >>> alignment = align_sentences([a, b])
    >>> summary = omission_summary(alignment, omission_report(alignment))
    >>> summary[["outlet", "sentences", "unique", "actors_only_here"]].values.tolist()
    [['A', 2, 1, 'Mao Ning'], ['B', 1, 0, '']]
    """
    for name, frame, needed in (("alignment", alignment, {"outlet", "label"}),
                                ("report", report, {"outlet", "rank", "sentence",
                                                    "actors_only_here", "speakers_only_here"})):
        missing = needed - set(frame.columns)
        if missing:
            raise InputError(f"{name} lacks column(s) {', '.join(sorted(missing))}")
    rows = []
    for outlet, group in alignment.groupby("outlet", sort=True):
        labels = group["label"].value_counts()
        own = report[report["outlet"] == outlet].sort_values("rank")

        def joined(column: str, own: pd.DataFrame = own) -> str:
            return _join([name for cell in own[column] for name in str(cell).split("; ")])

        rows.append({
            "outlet": outlet, "sentences": len(group),
            **{label: int(labels.get(label, 0)) for label in LABELS},
            "unique_share": float(labels.get("unique", 0)) / len(group) if len(group) else 0.0,
            "actors_only_here": joined("actors_only_here"),
            "speakers_only_here": joined("speakers_only_here"),
            "top_unique_sentence": str(own["sentence"].iloc[0]) if len(own) else "",
        })
    return pd.DataFrame(rows, columns=["outlet", "sentences", *LABELS, "unique_share",
                                       "actors_only_here", "speakers_only_here",
                                       "top_unique_sentence"])
