"""Transparent lexicon framing: which cue words evoke which frame, where.

Every score traces back to the exact words that produced it: a cue hit is a
``(start, end)`` span in the document's cleaned text (or in its headline),
the frame it evokes and the cue that matched. Sentences are the unit: a
sentence *evokes* a frame when it holds at least one of the frame's cues.
Each word evokes at most one frame (the longest cue wins, so "carbon tax"
counts for resolution and not also "tax" for economic).

Only documents whose ``language`` is English are scored; others get no cues
(``scored = 0``) rather than English-lexicon noise.

Matching is one pass per article over all frames: a single pattern (every
cue's first word and every stem, see :mod:`toolkit.lexmatch`) finds the
candidate tokens of the case-folded text, and the cue rules are applied to
those only; the result equals reading every token of every sentence, which is
what the reference matcher does and what a document the pass cannot handle
exactly falls back to. All tables of :func:`measure` are built from that one
pass.

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content
analysis of press and television news. Journal of Communication 50(2), 93-109.

Card, D., Boydstun, A. E., Gross, J. H., Resnik, P. & Smith, N. A. (2015). The
Media Frames Corpus: Annotations of frames across issues. ACL 2015.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from toolkit.framing.scheme import FrameScheme, load_scheme
from toolkit.metrics import Measurements, MetricSpec
from toolkit.text import ParsedDocument, counted_rows

if TYPE_CHECKING:
    import os

    import numpy as np
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


def _hits(text: str, m: _Matcher, start: int = 0, end: int | None = None, *,
          first_only: bool = False) -> list[CueHit]:
    """The reference matcher: the cues of ``text[start:end]``, reading every token.

    :func:`_fast_hits` gets the same answer faster; ``first_only`` stops after the first token.
    """
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
            if first_only:
                break
            i += 1
            continue
        k, frame, cue = found
        a, b = spans[i][0], spans[i + k - 1][1]
        out.append(CueHit(a, b, frame, cue, text[a:b]))
        if first_only:
            break
        i += k
    return out


class _FastMatcher(NamedTuple):
    #: every word that can start a cue, with the character before it, over a space and the case-folded text
    pattern: re.Pattern[str]
    #: cues' first tokens that are marks ("$"): found with str.find
    marks: tuple[str, ...]
    #: folded token -> what it matches when that does not depend on the next tokens:
    #: (frame, cue), or None for no cue; tokens that start a longer cue are absent
    single: dict[str, tuple[str, str] | None]
    #: first tokens of cues longer than one token, and the most tokens of a cue
    phrase_heads: frozenset[str]
    longest: int


@lru_cache(maxsize=32)
def _fast_matcher(scheme: FrameScheme) -> _FastMatcher:
    """The one-pass matcher of a scheme (see :mod:`toolkit.lexmatch`): a pattern finding every
    token that is a cue's first word or starts with a stem, in one pass over the text."""
    from toolkit.lexmatch import trie_pattern

    m = _matcher(scheme)
    words: dict[str, str] = {}
    marks = set()
    for first in m.by_first:
        if _WORD_TOKEN.fullmatch(first):
            words[first] = r"(?!\w)"
        else:
            marks.add(first)  # a mark is a token of its own: "$"
    for stem in m.stems:
        words[stem] = r"\w*" if stem not in words else r"(?:\w*)"
    # the non-word character before the word is part of the match (run over the text with a
    # space in front), so the engine only tries the alternation after non-word characters
    pattern = re.compile(r"\W" + trie_pattern(words) if words else "(?!)")
    heads = frozenset(first for first, entries in m.by_first.items() if any(len(e[0]) > 1 for e in entries))
    longest = max((len(e[0]) for entries in m.by_first.values() for e in entries), default=1)
    return _FastMatcher(pattern, tuple(sorted(marks)), {}, heads, longest)


_WORD_TOKEN = re.compile(r"\w+")


def _token_hit(token: str, m: _Matcher) -> tuple[str, str] | None:
    """What the single token ``token`` (case-folded) matches on its own, as :func:`_hits` decides it."""
    for tokens, is_stem, frame, cue in m.by_first.get(token, ()):
        if len(tokens) == 1 and (token.startswith(tokens[0]) if is_stem else token == tokens[0]):
            return frame, cue
    for length in m.stem_lengths:
        if length <= len(token) and token[:length] in m.stems:
            return m.stems[token[:length]]
    return None


def _phrase_hit(text: str, start: int, end: int, m: _Matcher, longest: int) -> tuple[int, str, str] | None:
    """What :func:`_hits` finds at the token starting at ``start``, reading at most ``longest`` tokens:
    (end, frame, cue), or None."""
    spans = []
    for t in _WORD.finditer(text, start, end):
        spans.append(t.span())
        if len(spans) >= longest:
            break
    toks = [text[a:b].casefold() for a, b in spans]
    for tokens, is_stem, frame, cue in m.by_first.get(toks[0], ()):
        k = len(tokens)
        if k > len(toks) or any(toks[j] != tokens[j] for j in range(k - 1)):
            continue
        if toks[k - 1].startswith(tokens[-1]) if is_stem else toks[k - 1] == tokens[-1]:
            return spans[k - 1][1], frame, cue
    for length in m.stem_lengths:  # then the one-word stems
        if length <= len(toks[0]) and toks[0][:length] in m.stems:
            frame, cue = m.stems[toks[0][:length]]
            return spans[0][1], frame, cue
    return None


def _fast_hits(text: str, folded: str, spans: Sequence[tuple[int, int]], m: _Matcher, fast: _FastMatcher,
               out: list[tuple[int, int, int, str, str]]) -> None:
    """Append the cue hits of the spans of one text as ``(span number, start, end, frame, cue)``.

    One pass of the scheme's pattern over the case-folded text; :func:`_hits`'s rules
    (longest cue first, then stems) are applied to the candidate tokens only. The caller
    checks that this is exact for the text (:mod:`toolkit.lexmatch`).
    """
    single, heads = fast.single, fast.phrase_heads
    ends = [e for _, e in spans]
    sid = 0
    done = 0
    candidates: Iterable[tuple[int, int]] = ((m.start(), m.end() - 1) for m in fast.pattern.finditer(" " + folded))
    if any(mark in folded for mark in fast.marks):
        found_marks = []
        for mark in fast.marks:
            i = folded.find(mark)
            while i >= 0:
                found_marks.append((i, i + 1))
                i = folded.find(mark, i + 1)
        candidates = sorted([*candidates, *found_marks])
    for p, q in candidates:
        if p < done:  # inside the cue matched before
            continue
        while p >= ends[sid]:
            sid += 1
        token = folded[p:q]
        if token in heads:
            found = _phrase_hit(text, p, ends[sid], m, fast.longest)
            if found is None:
                continue
            q, frame, cue = found
            done = q
        else:
            if token not in single:
                single[token] = _token_hit(token, m)
            hit = single[token]
            if hit is None:
                continue
            frame, cue = hit
        out.append((sid, p, q, frame, cue))


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
    sch = load_scheme(scheme)
    found = _text_cues(text, [(0, len(text))], _matcher(sch), _fast_matcher(sch))
    return [CueHit(a, b, frame, cue, text[a:b]) for _, a, b, frame, cue in found]


def _text_cues(text: str, spans: Sequence[tuple[int, int]], m: _Matcher, fast: _FastMatcher
               ) -> list[tuple[int, int, int, str, str]]:
    """The cues of each span of ``text`` as ``(span number, start, end, frame, cue)``, in text order."""
    from toolkit.lexmatch import fold_aligned, sentences_separated

    out: list[tuple[int, int, int, str, str]] = []
    if fold_aligned(text) and sentences_separated(text, spans):
        if spans:
            _fast_hits(text, text.casefold(), spans, m, fast, out)
        return out
    for i, (s, e) in enumerate(spans):
        out.extend((i, h.start, h.end, h.frame, h.cue) for h in _hits(text, m, s, e))
    return out


def _scored(doc: ParsedDocument) -> bool:
    return doc.language.casefold().startswith("en")


class _CueScan(NamedTuple):
    """Every cue of a set of documents, in the order of :func:`frame_cues`, as columns."""

    doc: np.ndarray          # document number of each cue
    sentence: np.ndarray     # sentence_id, -1 for the headline
    start: np.ndarray
    end: np.ndarray
    frame: list[str]
    cue: list[str]
    word: list[str]
    first_row: np.ndarray    # row of each document's first sentence in the sentence table
    n_rows: int


def _scan_cues(docs: Sequence[ParsedDocument], sch: FrameScheme) -> _CueScan:
    """Headline and sentence cues of every scored document, one pass over each text."""
    import numpy as np

    columns: tuple[list[int], list[int], list[int], list[int], list[str], list[str], list[str]] = (
        [], [], [], [], [], [], [])
    cue_doc, cue_sentence, cue_start, cue_end, cue_frame, cue_name, cue_word = columns
    first_row, row = [], 0
    m, fast = _matcher(sch), _fast_matcher(sch)
    for d, doc in enumerate(docs):
        first_row.append(row)
        row += len(doc.sentences)
        if not _scored(doc):
            continue
        for text, spans, headline in ((doc.title, [(0, len(doc.title))], True), (doc.text, doc.sentences, False)):
            found = _text_cues(text, spans, m, fast)
            if not found:
                continue
            cue_doc.extend([d] * len(found))
            for sid, a, b, frame, cue in found:
                cue_sentence.append(-1 if headline else sid)
                cue_start.append(a)
                cue_end.append(b)
                cue_frame.append(frame)
                cue_name.append(cue)
                cue_word.append(text[a:b])
    return _CueScan(np.array(cue_doc, dtype=np.int64), np.array(cue_sentence, dtype=np.int64),
                    np.array(cue_start, dtype=np.int64), np.array(cue_end, dtype=np.int64),
                    cue_frame, cue_name, cue_word, np.array(first_row, dtype=np.int64), row)


_POSITIONS = ("headline", "lede", "body", "summary")


def _positions(docs: Sequence[ParsedDocument]) -> np.ndarray:
    """Position code (index in :data:`_POSITIONS`) of every sentence of the documents."""
    import numpy as np

    code = {name: i for i, name in enumerate(_POSITIONS)}
    return np.array([code[p] for doc in docs for p in doc.position()], dtype=np.int64)


def _cue_positions(scan: _CueScan, positions: np.ndarray) -> np.ndarray:
    """Position code of every cue: 0 (headline) for a headline cue, else its sentence's."""
    import numpy as np

    headline = scan.sentence < 0
    if headline.all():
        return np.zeros(len(headline), dtype=np.int64)
    return np.where(headline, 0, positions[np.where(headline, 0, scan.first_row[scan.doc] + scan.sentence)])


def _cue_table(docs: Sequence[ParsedDocument], scan: _CueScan, positions: np.ndarray) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from toolkit.lexmatch import string_column

    columns = ["doc_id", "outlet", "sentence_id", "position", "frame", "cue", "word", "start", "end"]
    if not len(scan.doc):
        return pd.DataFrame([], columns=columns)
    where = _cue_positions(scan, positions)
    everything = np.arange(len(scan.doc))
    return pd.DataFrame({
        "doc_id": string_column([d.doc_id for d in docs], scan.doc),
        "outlet": string_column([d.outlet for d in docs], scan.doc),
        "sentence_id": scan.sentence,
        "position": string_column(list(_POSITIONS), where),
        "frame": string_column(scan.frame, everything),
        "cue": string_column(scan.cue, everything),
        "word": string_column(scan.word, everything),
        "start": scan.start,
        "end": scan.end,
    }, columns=columns)


def _sentence_table(docs: Sequence[ParsedDocument], sch: FrameScheme, scan: _CueScan) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from toolkit.lexmatch import string_column

    names = sch.frame_names()
    columns = ["doc_id", "sentence_id", "scored", "n_cues", "no_frame",
               *(f"cues_{n}" for n in names), *(f"frame_{n}" for n in names)]
    if not scan.n_rows:
        return pd.DataFrame([], columns=columns)
    index = {n: i for i, n in enumerate(names)}
    body = scan.sentence >= 0
    rows = (scan.first_row[scan.doc] + scan.sentence)[body]
    frames = np.array([index[f] for f in scan.frame], dtype=np.int64)[body]
    counts = np.bincount(rows * len(names) + frames, minlength=scan.n_rows * len(names)).reshape(
        scan.n_rows, len(names)).astype(np.int64)
    n_cues = counts.sum(axis=1)
    none = (n_cues == 0).astype(np.int64)
    for f in sch.frames:
        if f.residual:
            counts[:, index[f.name]] = none
    lengths = [len(d.sentences) for d in docs]
    doc_of_row = np.repeat(np.arange(len(docs)), lengths)
    data: dict[str, object] = {
        "doc_id": string_column([d.doc_id for d in docs], doc_of_row),
        "sentence_id": np.arange(scan.n_rows) - scan.first_row[doc_of_row],
        "scored": np.repeat(np.array([int(_scored(d)) for d in docs], dtype=np.int64), lengths),
        "n_cues": n_cues,
        "no_frame": none,
    }
    for i, n in enumerate(names):
        data[f"cues_{n}"] = counts[:, i]
    for i, n in enumerate(names):
        data[f"frame_{n}"] = (counts[:, i] > 0).astype(np.int64)
    return pd.DataFrame(data, columns=columns)


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
    sch = load_scheme(scheme)
    return _cue_table(docs, _scan_cues(docs, sch), _positions(docs))


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
    sch = load_scheme(scheme)
    return _sentence_table(docs, sch, _scan_cues(docs, sch))


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
    sch = load_scheme(scheme)
    return _article_table(docs, sch, sentence_metrics(docs, scheme=sch))


def _article_table(docs: Sequence[ParsedDocument], sch: FrameScheme, sent: pd.DataFrame) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    names = sch.frame_names()
    residual = {f.name for f in sch.frames if f.residual}
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
    sch = load_scheme(scheme)
    scan, positions = _scan_cues(docs, sch), _positions(docs)
    return _emphasis_table(docs, sch, scan, positions, _cue_table(docs, scan, positions))


def _emphasis_table(docs: Sequence[ParsedDocument], sch: FrameScheme, scan: _CueScan, positions: np.ndarray,
                    cues: pd.DataFrame) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    names = [f.name for f in sch.frames if not f.residual]
    columns = ["doc_id", "outlet", "headline_frame", "lede_frame", "body_frame", "article_frame"]
    if len({d.doc_id for d in docs}) == len(docs):  # counts per document, with arrays
        index = {n: i for i, n in enumerate(names)}
        frames = np.array([index[f] for f in scan.frame], dtype=np.int64)
        where = _cue_positions(scan, positions)
        per_part = np.bincount((scan.doc * 4 + where) * len(names) + frames,
                               minlength=len(docs) * 4 * len(names)).reshape(len(docs), 4, len(names))
        per_part[:, 3] = per_part[:, 1] + per_part[:, 2]  # the article: lede and body ("summary" is not used)
        dominant: dict[tuple[int, ...], str] = {}
        table = []
        for doc, doc_parts in zip(docs, per_part.tolist(), strict=True):
            row = [doc.doc_id, doc.outlet]
            for part in doc_parts:
                key = tuple(part)
                if key not in dominant:
                    dominant[key] = _dominant(dict(zip(names, part, strict=True)))
                row.append(dominant[key])
            table.append(row)
        return pd.DataFrame(table, columns=columns)
    from collections import Counter

    counts: dict[tuple[str, str], Counter[str]] = {}
    for doc_id, position, frame in zip(cues["doc_id"], cues["position"], cues["frame"], strict=True):
        counts.setdefault((doc_id, position), Counter())[frame] += 1
    empty: Counter[str] = Counter()
    rows = []
    for doc in docs:
        out = [doc.doc_id, doc.outlet]
        for parts in (("headline",), ("lede",), ("body",), ("lede", "body")):
            total = sum((counts.get((doc.doc_id, p), empty) for p in parts), Counter())
            out.append(_dominant({n: total[n] for n in names}))
        rows.append(out)
    return pd.DataFrame(rows, columns=columns)


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
    scan, positions = _scan_cues(docs, sch), _positions(docs)
    cues = _cue_table(docs, scan, positions)
    sentences = _sentence_table(docs, sch, scan)
    return Measurements(sentences, _article_table(docs, sch, sentences),
                        {"frame_cues": cues, "emphasis_frames": _emphasis_table(docs, sch, scan, positions, cues),
                         "frame_marks": cues[cues["sentence_id"] >= 0].assign(kind="frame")
                         .rename(columns={"frame": "label"})[["doc_id", "start", "end", "kind", "label"]]
                         .reset_index(drop=True)})
