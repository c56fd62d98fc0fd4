"""Finding frame cues in text: the compiled matchers, the reference matcher and the one-pass scan.

Holds :func:`find_cues` and what every table of :mod:`toolkit.framing.lexicon`
is built from: the scheme's cues compiled once (``_matcher``, cached), the
reference matcher ``_hits`` that reads every token, the one-pass matcher (one
pattern per scheme, see :mod:`toolkit.lexmatch`) that gives the same answer
faster, and ``_scan_cues``, the headline and sentence cues of every scored
document as columns.

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content
analysis of press and television news. Journal of Communication 50(2), 93-109.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from toolkit.framing.scheme import FrameScheme, load_scheme
from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import os

    import numpy as np

    SchemeArg = str | os.PathLike[str] | FrameScheme

__all__ = ["CueHit", "find_cues"]


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
