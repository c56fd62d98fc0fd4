"""Transparent lexicon framing: which cue words evoke which frame, where.

Every score traces back to the exact words that produced it: a cue hit is a
``(start, end)`` span in the document's cleaned text (or in its headline),
the frame it evokes and the cue that matched. Sentences are the unit: a
sentence *evokes* a frame when it holds at least one of the frame's cues.
Each word evokes at most one frame (the longest cue wins, so "carbon tax"
counts for resolution and not also "tax" for economic).

Only documents whose ``language`` is English are scored; others get no cues
(``scored = 0``) rather than English-lexicon noise.

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content
analysis of press and television news. Journal of Communication 50(2), 93-109.

Card, D., Boydstun, A. E., Gross, J. H., Resnik, P. & Smith, N. A. (2015). The
Media Frames Corpus: Annotations of frames across issues. ACL 2015.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from toolkit.framing.scheme import FrameScheme, load_scheme
from toolkit.metrics import Measurements, MetricSpec
from toolkit.text import ParsedDocument, counted_rows

if TYPE_CHECKING:
    import os

    import pandas as pd

    SchemeArg = str | os.PathLike[str] | FrameScheme

__all__ = [
    "CueHit",
    "find_cues",
    "frame_cues",
    "sentence_metrics",
    "article_metrics",
    "emphasis_frames",
    "frame_evidence",
    "top_frame_sentences",
    "measure",
    "METRICS",
    "NO_FRAME",
]

#: Label used when a text holds no cue of any frame.
NO_FRAME = "none"


class CueHit(NamedTuple):
    """One cue found in a text: ``text[start:end] == word``."""

    start: int
    end: int
    frame: str
    cue: str
    word: str


_WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class _Matcher:
    # first token of a cue -> [(tokens, last-token-is-a-stem, frame, cue)], longest first
    by_first: dict[str, list[tuple[tuple[str, ...], bool, str, str]]]
    # one-token stem cues: stem -> (frame, cue)
    stems: dict[str, tuple[str, str]]
    stem_lengths: tuple[int, ...]
    residual: tuple[str, ...]


@lru_cache(maxsize=32)
def _matcher(scheme: FrameScheme) -> _Matcher:
    by_first: dict[str, list[tuple[tuple[str, ...], bool, str, str]]] = {}
    stems: dict[str, tuple[str, str]] = {}
    for frame in scheme.frames:
        for cue in frame.cues:
            is_stem = cue.endswith("*")
            tokens = tuple(_WORD.findall(cue.rstrip("*")))
            if is_stem and len(tokens) == 1:
                stems[tokens[0]] = (frame.name, cue)
            else:
                by_first.setdefault(tokens[0], []).append((tokens, is_stem, frame.name, cue))
    for entries in by_first.values():
        entries.sort(key=lambda e: (-len(e[0]), -len("".join(e[0]))))
    residual = tuple(f.name for f in scheme.frames if f.residual)
    return _Matcher(by_first, stems, tuple(sorted({len(k) for k in stems}, reverse=True)), residual)


def _hits(text: str, m: _Matcher, start: int = 0, end: int | None = None) -> list[CueHit]:
    stop = len(text) if end is None else end
    spans = [(t.start(), t.end()) for t in _WORD.finditer(text, start, stop)]
    toks = [text[a:b].casefold() for a, b in spans]
    out = []
    i, n = 0, len(toks)
    while i < n:
        found: tuple[int, str, str] | None = None
        for tokens, is_stem, frame, cue in m.by_first.get(toks[i], ()):
            k = len(tokens)
            if i + k > n:
                continue
            head_ok = all(toks[i + j] == tokens[j] for j in range(k - 1))
            last = toks[i + k - 1]
            if head_ok and (last.startswith(tokens[-1]) if is_stem else last == tokens[-1]):
                found = (k, frame, cue)
                break
        if found is None:
            tok = toks[i]
            for length in m.stem_lengths:
                if length <= len(tok) and tok[:length] in m.stems:
                    frame, cue = m.stems[tok[:length]]
                    found = (1, frame, cue)
                    break
        if found is None:
            i += 1
            continue
        k, frame, cue = found
        a, b = spans[i][0], spans[i + k - 1][1]
        out.append(CueHit(a, b, frame, cue, text[a:b]))
        i += k
    return out


def find_cues(text: str, *, scheme: SchemeArg = "generic") -> list[CueHit]:
    """Find the frame cues in a text.

    Parameters
    ----------
    text : str
        Any text (a sentence, a headline).
    scheme : str, path or FrameScheme, default="generic"
        The frame scheme (see :func:`toolkit.framing.load_scheme`).

    Returns
    -------
    list of CueHit
        ``(start, end, frame, cue, word)`` in text order; ``text[start:end] == word``.

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> [(h.word, h.frame) for h in find_cues("Critics say the carbon tax will cost jobs.")]
    [('Critics', 'conflict'), ('carbon tax', 'resolution'), ('cost', 'economic'), ('jobs', 'economic')]
    """
    return _hits(text, _matcher(load_scheme(scheme)))


def _scored(doc: ParsedDocument) -> bool:
    return doc.language.casefold().startswith("en")


#: Within one :func:`measure` call, each document's cue hits are found once and reused by
#: every table built from them (keyed by object identity of document and scheme).
_HITS_MEMO: ContextVar[dict[tuple[int, int], list[list[CueHit]]] | None] = ContextVar("_HITS_MEMO",
                                                                                      default=None)


def _doc_hits(doc: ParsedDocument, m: _Matcher, sch: FrameScheme | None = None) -> list[list[CueHit]]:
    memo = _HITS_MEMO.get()
    key = (id(doc), id(sch))
    if memo is not None and sch is not None and key in memo:
        return memo[key]
    hits = [_hits(doc.text, m, s, e) for s, e in doc.sentences] if _scored(doc) else [[] for _ in doc.sentences]
    if memo is not None and sch is not None:
        memo[key] = hits
    return hits


def frame_cues(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Every cue found in the headlines and sentences of the documents.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, position, frame, cue, word, start, end``;
        ``position`` is ``headline`` (``sentence_id`` -1, offsets into the
        title), ``lede``, ``body`` or ``summary`` (offsets into the text).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Rivals clash over costs.", doc_id="d", title="A family's loss")
    >>> frame_cues([doc])[["sentence_id", "position", "frame", "word", "start"]]
       sentence_id  position           frame    word  start
    0           -1  headline  human_interest  family      2
    1           -1  headline        economic    loss     11
    2            0      lede        conflict  Rivals      0
    3            0      lede        conflict   clash      7
    4            0      lede        economic   costs     18
    """
    import pandas as pd

    sch = load_scheme(scheme)
    m = _matcher(sch)
    rows = []
    for doc in docs:
        if _scored(doc):
            for h in _hits(doc.title, m):
                rows.append((doc.doc_id, doc.outlet, -1, "headline", h.frame, h.cue, h.word, h.start, h.end))
        for i, (pos, hits) in enumerate(zip(doc.position(), _doc_hits(doc, m, sch), strict=True)):
            for h in hits:
                rows.append((doc.doc_id, doc.outlet, i, pos, h.frame, h.cue, h.word, h.start, h.end))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "sentence_id", "position", "frame", "cue",
                                       "word", "start", "end"])


def sentence_metrics(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Frame cues of every sentence, one row per sentence.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentence_id, scored, n_cues, no_frame``, then for each frame
        ``cues_<frame>`` (number of cue words) and ``frame_<frame>`` (1 if the
        sentence evokes the frame, else 0). ``no_frame`` is 1 for a sentence
        without any cue; a residual frame ("other") is evoked exactly then.

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Critics attack the plan. It rained.", doc_id="d")
    >>> sentence_metrics([doc])[["sentence_id", "n_cues", "frame_conflict", "frame_resolution", "no_frame"]]
       sentence_id  n_cues  frame_conflict  frame_resolution  no_frame
    0            0       3               1                 1         0
    1            1       0               0                 0         1
    """
    import pandas as pd

    sch = load_scheme(scheme)
    m = _matcher(sch)
    names = sch.frame_names()
    rows = []
    for doc in docs:
        scored = int(_scored(doc))
        for i, hits in enumerate(_doc_hits(doc, m, sch)):
            counts = dict.fromkeys(names, 0)
            for h in hits:
                counts[h.frame] += 1
            none = int(not hits)
            for r in m.residual:
                counts[r] = none
            rows.append([doc.doc_id, i, scored, len(hits), none,
                         *(counts[n] for n in names), *(int(counts[n] > 0) for n in names)])
    columns = ["doc_id", "sentence_id", "scored", "n_cues", "no_frame",
               *(f"cues_{n}" for n in names), *(f"frame_{n}" for n in names)]
    return pd.DataFrame(rows, columns=columns)


#: Per-outlet comparison: share of sentences that evoke each generic frame.
METRICS = tuple(
    MetricSpec(f"frame_{f.name}", f"{f.label} (share of sentences)", "framing", f"frame_{f.name}",
               None, "share")
    for f in load_scheme("generic").frames
)


def article_metrics(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Frame shares of every article (counted sentences; headline excluded).

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, n_sentences, n_cues, no_frame``, then for each frame
        ``share_<frame>`` (its cue words / all cue words) and
        ``sentences_<frame>`` (share of sentences that evoke it). An article
        with no cue at all has ``no_frame`` 1 and NaN cue shares: no frame
        found, no division by zero. A residual frame's cue share is 1 then.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> docs = [parse_document("Rivals clash over costs.", doc_id="a"),
    ...         parse_document("It rained.", doc_id="b")]
    >>> article_metrics(docs)[["doc_id", "n_cues", "no_frame", "share_conflict", "share_economic"]]
      doc_id  n_cues  no_frame  share_conflict  share_economic
    0      a       3         0        0.666667        0.333333
    1      b       0         1             NaN             NaN
    """
    import numpy as np
    import pandas as pd

    sch = load_scheme(scheme)
    names = sch.frame_names()
    residual = {f.name for f in sch.frames if f.residual}
    sent = sentence_metrics(docs, scheme=sch)
    sent = counted_rows(docs, sent)
    order = pd.Index([d.doc_id for d in docs], name="doc_id")
    grouped = sent.groupby("doc_id", sort=False)
    sums = grouped[["n_cues", *(f"cues_{n}" for n in names)]].sum().reindex(order).fillna(0)
    means = grouped[[f"frame_{n}" for n in names]].mean().reindex(order)
    n_sent = grouped.size().reindex(order).fillna(0).astype(int)
    n_cues = sums["n_cues"].astype(int)
    out = pd.DataFrame({"n_sentences": n_sent, "n_cues": n_cues, "no_frame": (n_cues == 0).astype(int)},
                       index=order)
    denominator = n_cues.where(n_cues > 0, np.nan).astype(float)
    for n in names:
        if n in residual:
            out[f"share_{n}"] = (n_cues == 0).astype(float)
        else:
            out[f"share_{n}"] = sums[f"cues_{n}"] / denominator
    for n in names:
        out[f"sentences_{n}"] = means[f"frame_{n}"]
    return out.reset_index()


def _dominant(counts: dict[str, int]) -> str:
    best = max(counts.values(), default=0)
    if best == 0:
        return NO_FRAME
    return "+".join(n for n, c in counts.items() if c == best)


def emphasis_frames(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """The dominant frame of the headline, the lede and the body, separately.

    Emphasis framing: what the reader meets first may differ from what the
    article spends most words on. The dominant frame of a part is the frame
    with most cue words there; ties are joined with ``+``; a part without cues
    is ``"none"``.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, headline_frame, lede_frame, body_frame, article_frame``
        (``article_frame`` over lede and body).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Taxes rise. Costs too. Rivals clash. Critics attack. Foes fight.",
    ...                      doc_id="d", title="A family mourns")
    >>> emphasis_frames([doc]).iloc[0].tolist()
    ['d', '', 'human_interest', 'economic', 'conflict', 'conflict']
    """
    import pandas as pd

    sch = load_scheme(scheme)
    names = [f.name for f in sch.frames if not f.residual]
    cues = frame_cues(docs, scheme=sch)
    from collections import Counter

    counts: dict[tuple[str, str], Counter[str]] = {}
    for doc_id, position, frame in zip(cues["doc_id"], cues["position"], cues["frame"], strict=True):
        counts.setdefault((doc_id, position), Counter())[frame] += 1
    empty: Counter[str] = Counter()
    rows = []
    for doc in docs:
        out = [doc.doc_id, doc.outlet]
        for positions in (("headline",), ("lede",), ("body",), ("lede", "body")):
            total = sum((counts.get((doc.doc_id, p), empty) for p in positions), Counter())
            out.append(_dominant({n: total[n] for n in names}))
        rows.append(out)
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "headline_frame", "lede_frame", "body_frame",
                                       "article_frame"])


def frame_evidence(doc: ParsedDocument, *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Why an article is framed as it is: each frame with the sentences and words that evoke it.

    Parameters
    ----------
    doc : ParsedDocument
        One parsed article.
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        One row per (frame, sentence) that evokes it: ``frame, label,
        frame_cues`` (cue words of the frame in the article), ``frame_share``
        (of all cue words), ``sentence_id`` (-1 for the headline),
        ``position, n_cues`` (cue words of the frame in this sentence),
        ``words`` (the words, comma-separated), ``spans`` (their offsets) and
        ``sentence``. Frames by decreasing ``frame_cues``, sentences by
        decreasing ``n_cues``. An article without any cue gives a single row
        with ``frame`` "none" and ``label`` "no frame found".

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("It rained. Rivals clash over costs and rivals sue.", doc_id="d")
    >>> frame_evidence(doc)[["frame", "frame_cues", "sentence_id", "words"]]
          frame  frame_cues  sentence_id                 words
    0  conflict           4            1  Rivals, clash, rivals, sue
    1  economic           1            1                costs
    >>> frame_evidence(parse_document("It rained.", doc_id="e"))[["frame", "label", "frame_cues"]]
      frame           label  frame_cues
    0  none  no frame found           0
    """
    import pandas as pd

    sch = load_scheme(scheme)
    labels = {f.name: f.label for f in sch.frames}
    cues = frame_cues([doc], scheme=sch)
    columns = ["frame", "label", "frame_cues", "frame_share", "sentence_id", "position", "n_cues",
               "words", "spans", "sentence"]
    if cues.empty:
        return pd.DataFrame([[NO_FRAME, "no frame found", 0, float("nan"), -1, "", 0, "", [], ""]],
                            columns=columns)
    total = len(cues)
    per_frame = cues["frame"].value_counts()
    order = {n: i for i, n in enumerate(sch.frame_names())}
    rows = []
    for (frame, sid), grp in cues.groupby(["frame", "sentence_id"], sort=False):
        sentence = doc.title if sid == -1 else doc.text[doc.sentences[sid][0]:doc.sentences[sid][1]]
        rows.append([frame, labels[frame], int(per_frame[frame]), per_frame[frame] / total, int(sid),
                     grp["position"].iloc[0], len(grp), ", ".join(grp["word"]),
                     list(zip(grp["start"], grp["end"], strict=True)), sentence])
    out = pd.DataFrame(rows, columns=columns)
    out["_order"] = out["frame"].map(order)
    out = out.sort_values(["frame_cues", "_order", "n_cues", "sentence_id"],
                          ascending=[False, True, False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def top_frame_sentences(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic",
                        n: int = 3) -> pd.DataFrame:
    """The ``n`` sentences of each outlet that evoke each frame most strongly.

    Strength is the number of the frame's cue words in the sentence; ties go
    to the earlier sentence. Headlines are included (``sentence_id`` -1).

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"
    n : int, default=3

    Returns
    -------
    pandas.DataFrame
        ``outlet, frame, rank, doc_id, sentence_id, position, n_cues, words, sentence``.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Rivals clash. Critics attack and rivals sue.", doc_id="d", outlet="X")
    >>> top_frame_sentences([doc], n=1)[["outlet", "frame", "rank", "sentence_id", "n_cues"]]
      outlet     frame  rank  sentence_id  n_cues
    0      X  conflict     1            1       4
    """
    import pandas as pd

    sch = load_scheme(scheme)
    columns = ["outlet", "frame", "rank", "doc_id", "sentence_id", "position", "n_cues", "words", "sentence"]
    parts = []
    for doc in docs:
        ev = frame_evidence(doc, scheme=sch)
        ev = ev[ev["frame"] != NO_FRAME]
        if not ev.empty:
            parts.append(ev.assign(outlet=doc.outlet, doc_id=doc.doc_id))
    if not parts:
        return pd.DataFrame(columns=columns)
    ev = pd.concat(parts, ignore_index=True)
    order = {name: i for i, name in enumerate(sch.frame_names())}
    ev["_order"] = ev["frame"].map(order)
    ev = ev.sort_values(["outlet", "_order", "n_cues", "doc_id", "sentence_id"],
                        ascending=[True, True, False, True, True], kind="stable")
    ev["rank"] = ev.groupby(["outlet", "frame"]).cumcount() + 1
    ev = ev[ev["rank"] <= n]
    return ev[columns].reset_index(drop=True)


def measure(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> Measurements:
    """Everything the framing family measures, in the family contract's form.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    toolkit.metrics.Measurements
        ``sentences`` (:func:`sentence_metrics`), ``articles``
        (:func:`article_metrics`), ``tables["frame_marks"]`` (the body's cues as
        ``doc_id, start, end, kind, label`` for the side-by-side view), and ``tables["frame_cues"]``
        (:func:`frame_cues`) and ``tables["emphasis_frames"]`` (:func:`emphasis_frames`).

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> m = measure([parse_document("Rivals clash.", doc_id="d")])
    >>> int(m.sentences["frame_conflict"].sum()), sorted(m.tables)
    (1, ['emphasis_frames', 'frame_cues', 'frame_marks'])
    """
    sch = load_scheme(scheme)
    token = _HITS_MEMO.set({})
    try:
        cues = frame_cues(docs, scheme=sch)
        return Measurements(sentence_metrics(docs, scheme=sch), article_metrics(docs, scheme=sch),
                            {"frame_cues": cues, "emphasis_frames": emphasis_frames(docs, scheme=sch),
                             "frame_marks": cues[cues["sentence_id"] >= 0].assign(kind="frame")
                             .rename(columns={"frame": "label"})[["doc_id", "start", "end", "kind", "label"]]
                             .reset_index(drop=True)})
    finally:
        _HITS_MEMO.reset(token)
