"""The stance metric family: marker tables, rates per sentence, article and outlet.

Every table comes from one pass over the documents (:func:`_scan_docs`):
counts per sentence, every matched marker, and the matched words per
article.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from typing import TYPE_CHECKING, NamedTuple

from toolkit.metrics import Measurements, MetricSpec, check_docs
from toolkit.stance.lexicons import LEXICONS
from toolkit.stance.matching import (
    _ALNUM,
    _WORD_TOKEN,
    APPROXIMATOR_PAIRS,
    Hit,
    _approximating,
    _fast_matcher,
    _match_document,
    _scan,
)
from toolkit.text import ParsedDocument, counted_rows

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = ["METRICS", "MARKED_LEXICONS", "find_stance_markers", "sentence_metrics", "article_metrics",
           "stance_by_outlet", "measure"]

METRICS = tuple(
    MetricSpec(f"stance_{lex.key}", f"{lex.label} per 1,000 words", "stance",
               f"{lex.key}_x1000", weight="stance_words", unit="per 1,000 words")
    for lex in LEXICONS
)


def find_stance_markers(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Every matched marker, so a reader can see why a rate is what it is.

    Parameters
    ----------
    docs : sequence of ParsedDocument
        Documents not in English are skipped.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, start, end, match, entry, lexicon, gloss``
        (``start``/``end`` offsets in the document text; ``entry`` is the
        lexicon's lemma or phrase). A form in several lexicons gives one row
        per lexicon.

    References
    ----------
    Recasens et al. (2013); Hooper (1975); Karttunen (1971); Hyland (2005);
    Quirk et al. (1985).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Officials pointed out that it could fail.", doc_id="d")
    >>> find_stance_markers([doc])[["match", "lexicon"]].values.tolist()
    [['pointed out', 'assertives'], ['pointed out', 'report_verbs'], ['could', 'hedges'], ['fail', 'implicatives']]
    """
    return _scan_docs(check_docs(docs, caller="toolkit.find_stance_markers", unique=False)).markers


class _Scanned(NamedTuple):
    sentences: pd.DataFrame
    markers: pd.DataFrame
    #: per doc_id, the matched words of its counted sentences (``"factives: revealed x2"``)
    described: dict[str, str]
    #: which rows of ``sentences`` and ``markers`` are in counted sentences (None: use counted_rows)
    sentence_counted: np.ndarray | None
    marker_counted: np.ndarray | None


def _drop_prepositions(docs: Sequence[ParsedDocument], first_row: list[int], hits: list[Hit],
                       hit_index: dict[Hit, int], matched: tuple[list[int], list[int], list[int], list[int]]) -> None:
    """Apply :func:`~toolkit.stance.matching._approximating` to the one-pass matcher's matches.

    Works in place on the ``(row, start, end, hit index)`` columns: a match
    keeps its other lexicons, a match left with none is removed, as in the
    reference matcher :func:`~toolkit.stance.matching._scan`.
    """
    approx = {i for i, h in enumerate(hits) if APPROXIMATOR_PAIRS.intersection(h)}
    rows, starts, ends, ids = matched
    if not approx or approx.isdisjoint(ids):
        return
    keep = [True] * len(rows)
    doc_i = 0
    # only the matches of an approximator are looked at, found without a Python loop over all matches
    for j in list(compress(range(len(ids)), map(approx.__contains__, ids))):
        row = rows[j]
        while doc_i + 1 < len(first_row) and first_row[doc_i + 1] <= row:
            doc_i += 1
        doc = docs[doc_i]
        rest = _approximating(hits[ids[j]], doc.text, ends[j], doc.sentences[row - first_row[doc_i]][1])
        if rest is None:
            keep[j] = False
            continue
        ids[j] = hit_index.setdefault(rest, len(hit_index))
        if len(hits) < len(hit_index):
            hits.append(rest)
    if not all(keep):
        for column in matched:
            column[:] = compress(column, keep)


def _scan_docs(docs: Sequence[ParsedDocument], *, describe: bool = False) -> _Scanned:
    """One pass over every document: the per-sentence counts and every matched marker.

    Documents where the one-pass matcher is exact (almost all; see
    :mod:`toolkit.lexmatch`) are matched with it and their words counted for all
    of them at once; the others sentence by sentence with :func:`_scan`.
    """
    import numpy as np
    import pandas as pd

    from toolkit.lexmatch import fold_aligned, string_column, text_layout

    keys = [lex.key for lex in LEXICONS]
    key_index = {k: i for i, k in enumerate(keys)}
    fast = _fast_matcher()
    hits: list[Hit] = list(fast.hits) if fast else []
    hit_index = {hit: i for i, hit in enumerate(hits)}
    unique_ids = len({doc.doc_id for doc in docs}) == len(docs)
    separated, layout_counts = text_layout([doc.text for doc in docs], [doc.sentences for doc in docs])
    words: list[int] = []
    english: list[bool] = []
    counted: list[bool] = []
    first_row: list[int] = []
    matched: tuple[list[int], list[int], list[int], list[int]] = ([], [], [], [])
    match_rows, match_starts, match_ends, match_hits = matched
    for doc, ok, doc_counts in zip(docs, separated, layout_counts, strict=True):
        row = len(words)
        n = len(doc.sentences)
        first_row.append(row)
        english.extend([doc.language == "en"] * n)
        flags = [bool(c) for c in doc.counted[:n]]
        flags.extend([False] * (n - len(flags)))
        counted.extend(flags)
        text = doc.text
        if fast is not None and ok and fold_aligned(text):
            words.extend(doc_counts)
            if "_" in text:  # a token of underscores (and joiners) only is not a word
                for sid, (s, e) in enumerate(doc.sentences):
                    if "_" in text[s:e]:
                        words[row + sid] = sum(bool(_ALNUM.search(t)) for t in _WORD_TOKEN.findall(text, s, e))
            if doc.language == "en" and n:
                _match_document(text, doc.sentences, fast, row, matched)
            continue
        for sid, (s, e) in enumerate(doc.sentences):
            n_words, found = _scan(text, s, e)
            words.append(n_words)
            for ms, me, hit in found if doc.language == "en" else ():
                match_rows.append(row + sid)
                match_starts.append(ms)
                match_ends.append(me)
                match_hits.append(hit_index.setdefault(hit, len(hit_index)))
                if len(hits) < len(hit_index):
                    hits.append(hit)

    _drop_prepositions(docs, first_row, hits, hit_index, matched)

    # one row per (match, lexicon) pair of the matched form
    n_rows = len(words)
    hit_len = np.array([len(h) for h in hits] or [0], dtype=np.int64)
    hit_offset = np.cumsum(hit_len) - hit_len
    pair_key = np.array([key_index[k] for h in hits for k, _ in h], dtype=np.int64)
    ids = np.array(match_hits, dtype=np.int64)
    reps = hit_len[ids]
    per_match = np.repeat(np.arange(len(ids)), reps)
    pair = hit_offset[ids][per_match] + np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    match_row = np.array(match_rows, dtype=np.int64)
    rows = match_row[per_match]
    lexicon = pair_key[pair]
    hit_counts = np.bincount(rows * len(keys) + lexicon, minlength=n_rows * len(keys)).reshape(
        n_rows, len(keys)).astype(float)
    is_english = np.array(english, dtype=bool)
    hit_counts[~is_english] = np.nan
    doc_of_row = np.repeat(np.arange(len(docs)), [len(doc.sentences) for doc in docs])
    doc_ids = [doc.doc_id for doc in docs]

    columns = ["doc_id", "sentence_id", "stance_scored", "stance_words",
               *(c for k in keys for c in (f"{k}_hits", f"{k}_x1000"))]
    if n_rows:
        data: dict[str, object] = {
            "doc_id": string_column(doc_ids, doc_of_row),
            "sentence_id": np.arange(n_rows) - np.array(first_row, dtype=np.int64)[doc_of_row],
            "stance_scored": is_english,
            "stance_words": np.array(words, dtype=np.int64),
        }
        for i, k in enumerate(keys):
            data[f"{k}_hits"] = hit_counts[:, i]
            data[f"{k}_x1000"] = 1000.0 * hit_counts[:, i]
        sentences = pd.DataFrame(data, columns=columns)
    else:
        sentences = pd.DataFrame([], columns=columns)

    marker_columns = ["doc_id", "outlet", "sentence_id", "start", "end", "match", "entry", "lexicon", "gloss"]
    match_doc = doc_of_row[match_row] if match_rows else np.zeros(0, dtype=np.int64)
    texts = [doc.text for doc in docs]
    # texts[d][a:b] of every match, sliced by map (no Python loop over the matches)
    surfaces = list(map(str.__getitem__, map(texts.__getitem__, match_doc.tolist()),
                        map(slice, match_starts, match_ends)))
    if len(pair):
        doc_of = match_doc[per_match]
        markers = pd.DataFrame({
            "doc_id": string_column(doc_ids, doc_of),
            "outlet": string_column([doc.outlet for doc in docs], doc_of),
            "sentence_id": rows - np.array(first_row, dtype=np.int64)[doc_of],
            "start": np.array(match_starts, dtype=np.int64)[per_match],
            "end": np.array(match_ends, dtype=np.int64)[per_match],
            "match": string_column(surfaces, per_match),
            "entry": string_column([e for h in hits for _, e in h], pair),
            "lexicon": string_column(keys, lexicon),
            "gloss": string_column([lex.gloss for lex in LEXICONS], lexicon),
        }, columns=marker_columns)
    else:
        markers = pd.DataFrame([], columns=marker_columns)
    if not unique_ids:  # a sentence is counted when it is counted in any document of that id
        return _Scanned(sentences, markers, _describe_all(counted_rows(docs, markers)) if describe else {},
                        None, None)
    is_counted = np.array(counted, dtype=bool)
    described: dict[str, str] = {}
    if describe and match_rows:
        keep = is_counted[match_row]
        described = _describe_many(doc_ids, surfaces, match_doc[per_match], keep[per_match], per_match, lexicon)
    return _Scanned(sentences, markers, described, is_counted, is_counted[rows])


def _describe_many(doc_ids: list[str], surfaces: list[str], pair_doc: np.ndarray, pair_counted: np.ndarray,
                   per_match: np.ndarray, lexicon: np.ndarray, *, top: int = 8) -> dict[str, str]:
    """Per document, its matched forms by lexicon, most frequent first (``"factives: revealed x2"``).

    The same text as :func:`_describe_all` gives for the markers of counted sentences:
    forms compared case-folded, at most ``top`` per lexicon, most frequent first and in
    order of first occurrence among equals. Counted and ranked with array operations;
    only the listed forms are formatted one by one.

    Parameters
    ----------
    doc_ids, surfaces : list of str
        The documents' ids; the matched text of each match.
    pair_doc, pair_counted, per_match, lexicon : ndarray
        For each (match, lexicon) row of the markers: document number, whether its
        sentence is counted, match number and lexicon number.
    """
    import numpy as np

    kept = np.flatnonzero(pair_counted)
    if not len(kept):
        return {}
    # each distinct surface's number, in order of first occurrence
    code_of = {s: i for i, s in enumerate(dict.fromkeys(surfaces))}
    match_code = np.fromiter(map(code_of.__getitem__, surfaces), dtype=np.int64, count=len(surfaces))
    folded_of: dict[str, int] = {}
    folded_code = np.array([folded_of.setdefault(s.casefold(), len(folded_of)) for s in code_of], dtype=np.int64)
    forms = list(folded_of)
    n_forms, n_keys = len(forms), len(LEXICONS)
    key = (pair_doc[kept] * n_keys + lexicon[kept]) * n_forms + folded_code[match_code[per_match[kept]]]
    unique, first, count = np.unique(key, return_index=True, return_counts=True)
    group = unique // n_forms  # document * n_keys + lexicon
    order = np.lexsort((first, -count, group))
    group, form, count = group[order], (unique % n_forms)[order], count[order]
    starts = np.flatnonzero(np.concatenate([[True], group[1:] != group[:-1]]))
    rank = np.arange(len(group)) - np.repeat(starts, np.diff(np.concatenate([starts, [len(group)]])))
    chosen = rank < top
    group, form, count = group[chosen], form[chosen], count[chosen]
    items = [forms[f] + (f" x{n}" if n > 1 else "") for f, n in zip(form.tolist(), count.tolist(), strict=True)]
    bounds = np.flatnonzero(np.concatenate([[True], group[1:] != group[:-1], [True]])).tolist()
    parts: dict[int, list[str]] = {}
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        d, k = divmod(int(group[a]), n_keys)
        parts.setdefault(d, []).append(f"{LEXICONS[k].key}: " + ", ".join(items[a:b]))
    return {doc_ids[d]: "; ".join(p) for d, p in parts.items()}


def sentence_metrics(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Marker hits per sentence (the metric-family contract of :mod:`toolkit.metrics`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentence_id, stance_scored, stance_words``, and for each
        lexicon ``<key>_hits`` and ``<key>_x1000`` (1000 x hits, so that
        ``sum(<key>_x1000) / sum(stance_words)`` is hits per 1,000 words).
        NaN counts for a document that is not English.

    References
    ----------
    Recasens et al. (2013); see :mod:`toolkit.stance`.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> t = sentence_metrics([parse_document("It may rain. Officials revealed the plan.", doc_id="d")])
    >>> t[["hedges_hits", "factives_hits"]].values.tolist(), t["stance_words"].tolist()
    ([[1.0, 0.0], [0.0, 1.0]], [3, 4])
    """
    return _scan_docs(docs).sentences


def article_metrics(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Marker rates per article over counted sentences, with the matched words.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, stance_words``, for each lexicon ``<key>_hits`` and
        ``<key>_per_1000w``, and ``stance_matches`` (text: the matched forms
        by lexicon, most frequent first, e.g. ``"factives: revealed x2"``).
        NaN rates when a document is not English or has no words.

    References
    ----------
    Recasens et al. (2013); see :mod:`toolkit.stance`.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> t = article_metrics([parse_document("It may rain. Officials revealed the plan.", doc_id="d")])
    >>> float(t["hedges_per_1000w"].iloc[0]), t["stance_matches"].iloc[0]
    (142.857..., 'hedges: may; factives: revealed; report_verbs: revealed; bias: revealed, plan')
    """
    return _articles_from(docs, _scan_docs(docs, describe=True))


def _articles_from(docs: Sequence[ParsedDocument], scan: _Scanned) -> pd.DataFrame:
    import pandas as pd

    keys = [lex.key for lex in LEXICONS]
    sentences = scan.sentences
    kept = counted_rows(docs, sentences) if scan.sentence_counted is None else sentences[scan.sentence_counted]
    sums = kept.groupby("doc_id", sort=False)[["stance_words", *(f"{k}_hits" for k in keys)]].sum(
        min_count=1)
    order = pd.Index([doc.doc_id for doc in docs], name="doc_id")
    out = sums.reindex(order)
    english = pd.Series([doc.language == "en" for doc in docs], index=order)
    for k in keys:
        out.loc[~english, f"{k}_hits"] = float("nan")
        words = out["stance_words"].where(out["stance_words"] > 0)
        out[f"{k}_per_1000w"] = 1000.0 * out[f"{k}_hits"] / words
    out["stance_matches"] = [scan.described.get(d, "") for d in order]
    out["stance_words"] = out["stance_words"].fillna(0).astype(int)
    columns = ["stance_words", *(c for k in keys for c in (f"{k}_hits", f"{k}_per_1000w")),
               "stance_matches"]
    return out[columns].reset_index()


def _describe_all(markers: pd.DataFrame, *, top: int = 8) -> dict[str, str]:
    """Per document: the matched forms by lexicon, most frequent first (``"factives: revealed x2"``)."""
    from collections import Counter

    counts: dict[str, dict[str, Counter[str]]] = {}
    for doc_id, lexicon, match in zip(markers["doc_id"].tolist(), markers["lexicon"].tolist(),
                                      markers["match"].tolist(), strict=True):
        counts.setdefault(doc_id, {}).setdefault(lexicon, Counter())[match.casefold()] += 1
    out = {}
    for doc_id, by_lexicon in counts.items():
        parts = []
        for lex in LEXICONS:
            if lex.key in by_lexicon:
                items = [f"{form} x{n}" if n > 1 else form for form, n in by_lexicon[lex.key].most_common(top)]
                parts.append(f"{lex.key}: " + ", ".join(items))
        out[doc_id] = "; ".join(parts)
    return out


def stance_by_outlet(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """Marker rates per outlet and lexicon, with the most frequent matched forms.

    The rate is total hits over total words of the outlet's counted sentences,
    per 1,000 words; the comparison in :mod:`toolkit.compare` adds bootstrap
    intervals from :data:`METRICS`.

    Returns
    -------
    pandas.DataFrame
        ``outlet, lexicon, hits, words, per_1000w, top_matches``.

    References
    ----------
    Recasens et al. (2013); see :mod:`toolkit.stance`.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> docs = [parse_document("It may rain.", doc_id="a", outlet="X")]
    >>> stance_by_outlet(docs).query("lexicon == 'hedges'")[["hits", "per_1000w", "top_matches"]].values.tolist()
    [[1, 333.333..., 'may']]
    """
    import pandas as pd

    by_doc = article_metrics(docs)
    by_doc["outlet"] = [doc.outlet for doc in docs]
    markers = find_stance_markers(docs)
    rows = []
    for outlet, group in by_doc.groupby("outlet", sort=True):
        words = int(group["stance_words"].sum())
        for lex in LEXICONS:
            hits = group[f"{lex.key}_hits"].sum(min_count=1)
            m = markers[(markers["outlet"] == outlet) & (markers["lexicon"] == lex.key)]
            forms = m["match"].str.casefold().value_counts().head(6) if not m.empty else {}
            top = ", ".join(f"{f} x{n}" if n > 1 else f for f, n in dict(forms).items())
            rate = 1000.0 * hits / words if words and pd.notna(hits) else float("nan")
            rows.append((outlet, lex.key, int(hits) if pd.notna(hits) else 0, words, rate, top))
    return pd.DataFrame(rows, columns=["outlet", "lexicon", "hits", "words", "per_1000w",
                                       "top_matches"])


#: Lexicons whose words the side-by-side view marks.
MARKED_LEXICONS = ("hedges", "factives", "assertives", "implicatives", "intensifiers")


def measure(docs: Sequence[ParsedDocument]) -> Measurements:
    """Stance markers from one pass over the sentences (the family contract).

    Returns
    -------
    toolkit.metrics.Measurements
        ``sentences`` (:func:`sentence_metrics`), ``articles``
        (:func:`article_metrics`), ``tables["stance_markers"]``
        (:func:`find_stance_markers`) and ``tables["stance_marks"]`` (the
        markers of :data:`MARKED_LEXICONS` as ``doc_id, start, end, kind,
        label`` for the side-by-side view: report verbs are shown with the
        quotes, and the bias lexicon is too broad to mark word by word).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> m = measure([parse_document("Officials pointed out that it could fail.", doc_id="d")])
    >>> m.tables["stance_marks"]["label"].tolist()
    ['assertives: pointed out', 'hedges: could', 'implicatives: fail']
    """
    docs = check_docs(docs, caller="toolkit.stance.measure")
    scan = _scan_docs(docs, describe=True)
    markers = scan.markers
    epistemic = markers[markers["lexicon"].isin(MARKED_LEXICONS)]
    marks = epistemic.assign(kind="stance", label=epistemic["lexicon"] + ": " + epistemic["match"])
    return Measurements(scan.sentences, _articles_from(docs, scan),
                        {"stance_markers": markers, "stance_marks": marks[["doc_id", "start", "end", "kind", "label"]]
                         .reset_index(drop=True)})
