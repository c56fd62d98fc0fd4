"""One pass per article over all lexicons: the fast path shared by the stance and framing families.

A lexicon family's reference algorithm tokenises each sentence, case-folds
every token and probes a phrase table at each token. That is exact but reads
every token in Python. The fast path gets the same answer with one compiled
regular expression per lexicon set, run once over the case-folded article:
the expression is an alternation of every word that can start a match (built
as a character trie, so shared prefixes are tried once), anchored on token
boundaries. It finds every token that *can* start a match, in text order and
in C; the family then applies its reference rules (longest phrase first,
names, stems) to those few tokens only, and finds their sentence by bisection
on the sentence starts.

The fast path is exact only when case folding keeps the text aligned with the
original and keeps every character's token class, and when sentences are
separated by whitespace (so that tokenising the whole text gives the same
tokens as tokenising each sentence). :func:`fold_aligned` and
:func:`sentences_separated` check these conditions; a family falls back to its
reference algorithm for a document that fails them. The families' tests compare
both paths on texts built to break them.

Two helpers keep the rest of a family's work out of per-token Python:
:func:`text_layout` checks the sentence separation and counts the word tokens
of every sentence of many articles with array operations, and
:func:`string_column` builds a string column of a result table in Arrow.

References
----------
Aho, A. V. & Corasick, M. J. (1975). Efficient string matching: an aid to
bibliographic search. Communications of the ACM 18(6), 333-340 (matching all
dictionary entries in one pass over the text; here with a trie-shaped regular
expression instead of an automaton).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import chain
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

__all__ = ["fold_aligned", "sentences_separated", "trie_pattern", "text_layout", "string_column"]

#: Characters that join word pieces into one token ("U.S", "couldn't", "anti-war").
JOINERS = "-'’."


def _token_class(ch: str) -> tuple[bool, bool, bool]:
    """What the tokenisers look at: word character (``\\w``), whitespace, joiner."""
    return (ch.isalnum() or ch == "_", ch.isspace(), ch in JOINERS)


@lru_cache(maxsize=1)
def _misfolding() -> re.Pattern[str]:
    """Characters whose case folding is not one character of the same token class."""
    bad = []
    for block in range(0x80, 0x110000, 256):
        chars = "".join(map(chr, range(block, min(block + 256, 0x110000))))
        if chars.casefold() == chars:  # no character of the block changes
            continue
        for ch in chars:
            folded = ch.casefold()
            if folded != ch and (len(folded) != 1 or _token_class(folded) != _token_class(ch)):
                bad.append(ch)
    return re.compile("[" + "".join(re.escape(ch) for ch in bad) + "]")


def fold_aligned(text: str) -> bool:
    """True when ``text.casefold()`` has one character per character of ``text``, of the same token class.

    Then ``text.casefold()[a:b] == text[a:b].casefold()`` for every span, and
    word boundaries fall in the same places in both, so a pattern run over the
    folded text finds exactly the tokens whose folded form it spells.

    Examples
    --------
    >>> fold_aligned("Officials said “no”."), fold_aligned("Die Straße")
    (True, False)
    """
    return text.isascii() or _misfolding().search(text) is None


def sentences_separated(text: str, sentences: Sequence[tuple[int, int]]) -> bool:
    """True when the sentence spans are in order, inside the text, and everything between them is whitespace.

    Then no token (of either family's tokeniser) crosses a sentence boundary,
    tokenising the whole text gives each sentence's tokens, and every token of
    the text is inside a sentence.

    Examples
    --------
    >>> sentences_separated("One. Two.", [(0, 4), (5, 9)]), sentences_separated("One.Two.", [(0, 4), (4, 8)])
    (True, False)
    """
    last = -1
    for s, e in sentences:
        gap = text[max(last, 0):s]
        if e < s or s <= last or e > len(text) or (gap and not gap.isspace()):
            return False
        last = e
    rest = text[max(last, 0):]
    return not rest or rest.isspace()


def trie_pattern(words: Mapping[str, str]) -> str:
    """A regular expression matching any of ``words``, each followed by its own tail pattern.

    Parameters
    ----------
    words : mapping of str to str
        Literal word (already case-folded) -> regular expression that must
        match right after it (a token-end assertion, a lookahead for the next
        word of a phrase, ``\\w*`` for a stem). An apostrophe in a word also
        matches a right single quotation mark.

    Returns
    -------
    str
        The alternation, shaped as a character trie.

    Examples
    --------
    >>> p = re.compile(trie_pattern({"may": r"\\b", "maybe": r"\\b", "can't": r"\\b"}))
    >>> [m.group() for m in p.finditer("maybe we can’t, may we")]
    ['maybe', 'can’t', 'may']
    """
    trie: dict[str, Any] = {}  # character -> subtree; "" -> the tails of a word ending here
    for word, tail in words.items():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append(tail)

    def emit(node: dict[str, Any]) -> str:
        alternatives = []
        for ch in sorted(k for k in node if k):
            literal = "['’]" if ch == "'" else re.escape(ch)
            alternatives.append(literal + emit(node[ch]))
        tails = node.get("", [])
        if tails:
            alternatives.append(tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    return emit(trie) if trie else "(?!)"


@lru_cache(maxsize=1)
def _word_characters() -> np.ndarray:
    """For every code point of the Basic Multilingual Plane: is it a word character (``\\w``)."""
    import numpy as np

    plane = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    marked = re.sub(r"\W", "\x00", plane)
    return np.frombuffer(marked.encode("utf-32-le", "surrogatepass"), dtype=np.uint32) != 0


def text_layout(texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
                ) -> tuple[list[bool], list[list[int]]]:
    """For many texts at once: which satisfy :func:`sentences_separated`, and the word tokens in each span.

    A word token is a token of :func:`toolkit.text.tokenize` made of word
    characters, one run or several joined by one of ``-'’.`` ("U.S",
    "couldn't"). Both are computed with array operations over all the texts
    together, not token by token; a text's counts are meaningful only when it
    is separated.

    Examples
    --------
    >>> text_layout(["It's the U.S.-led plan, so-so.", "", "One.Two."], [[(0, 30)], [], [(0, 4), (4, 8)]])
    ([True, True, False], [[6], [], [1, 0]])
    """
    separated: list[bool] = []
    counts: list[list[int]] = []
    batch: list[int] = []
    size = 0
    for i, text in enumerate(texts):  # about a million characters at a time: bounded memory
        batch.append(i)
        size += len(text) + 1
        if size >= 1 << 20 or i == len(texts) - 1:
            ok, n = _layout_batch([texts[j] for j in batch], [spans[j] for j in batch])
            separated.extend(ok)
            counts.extend(n)
            batch, size = [], 0
    return separated, counts


@lru_cache(maxsize=1)
def _classes() -> np.ndarray:
    """Token class of every code point of the Basic Multilingual Plane: 1 word, 2 joiner, 3 whitespace, 0 other."""
    import numpy as np

    classes = _word_characters().astype(np.uint8)
    classes[[ord(ch) for ch in JOINERS]] = 2
    plane = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    classes[[m.start() for m in re.finditer(r"\s", plane)]] = 3
    return classes


def _layout_batch(texts: list[str], spans: list[Sequence[tuple[int, int]]]) -> tuple[list[bool], list[list[int]]]:
    import numpy as np

    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _classes()[np.where(codes > 0xFFFF, 0, codes)]
    for i in np.flatnonzero(codes > 0xFFFF).tolist():  # rare (emoji, historic scripts): class each one
        classes[i] = joined[i].isalnum()
    is_word = classes == 1
    starts = is_word.copy()
    starts[1:] &= ~is_word[:-1]
    starts[2:] &= ~((classes[1:-1] == 2) & is_word[:-2])  # "U.S": the "S" continues the token
    words = np.zeros(len(codes) + 1, dtype=np.int32)
    np.cumsum(starts, out=words[1:])
    marks = np.zeros(len(codes) + 1, dtype=np.int32)  # characters that are not whitespace
    np.cumsum(classes != 3, out=marks[1:])

    lengths = [len(doc) for doc in spans]
    doc_of = np.repeat(np.arange(len(texts)), lengths)
    size = np.array([len(t) for t in texts], dtype=np.int64)
    base = np.cumsum(np.concatenate([[0], size[:-1] + 1]))
    bounds = np.fromiter(chain.from_iterable(chain.from_iterable(spans)), dtype=np.int64,
                         count=2 * sum(lengths)).reshape(-1, 2)
    s, e = bounds[:, 0], bounds[:, 1]
    # in order, disjoint, with a gap before each but the first, inside the text ...
    previous_end = np.concatenate([[-1], e[:-1]])
    first = np.concatenate([[True], doc_of[1:] != doc_of[:-1]]) if len(doc_of) else np.zeros(0, dtype=bool)
    bad = (s < 0) | (e < s) | (e > size[doc_of]) | (~first & (s <= previous_end))
    s, e = np.clip(s, 0, size[doc_of]) + base[doc_of], np.clip(e, 0, size[doc_of]) + base[doc_of]
    # ... and every non-whitespace character of the text inside a sentence
    inside = np.bincount(doc_of, weights=marks[e] - marks[s], minlength=len(texts))
    everything = marks[base + size] - marks[base]
    separated = (inside == everything) & (np.bincount(doc_of, weights=bad, minlength=len(texts)) == 0)
    counts = (words[e] - words[s]).tolist()
    out, i = [], 0
    for n in lengths:
        out.append(counts[i:i + n])
        i += n
    return separated.tolist(), out


def string_column(values: Sequence[str], take: np.ndarray) -> Any:
    """``values[take]`` as the string column pandas would infer, built in Arrow rather than from Python objects.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> pd.Series(string_column(["a", "b"], np.array([1, 1, 0]))).tolist()
    ['b', 'b', 'a']
    """
    import numpy as np
    import pandas as pd

    dtype = pd.Series(["x"]).dtype
    if getattr(dtype, "storage", None) != "pyarrow":  # pandas without Arrow strings: object column
        return np.array(values, dtype=object)[take]
    import pyarrow as pa

    # 32-bit positions: Arrow's take is several times faster with them than with 64-bit ones
    return pd.array(pa.array(values, type=pa.large_string()).take(pa.array(take, type=pa.int32())), dtype=dtype)


def word_run_counts(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """``len(re.findall(r"\\w+", text, s, e))`` for every span ``(s, e)``, from one array pass over ``text``.

    A run of word characters starts at ``p`` when ``text[p]`` is a word
    character and ``p`` is the span's start or ``text[p - 1]`` is not one
    (the span's bounds cut runs as ``findall``'s ``pos``/``endpos`` do).
    Texts with characters beyond the Basic Multilingual Plane are counted
    with the regular expression itself.

    Examples
    --------
    >>> word_run_counts("It's U.S.-led, so-so.", [(0, 21), (2, 12), (3, 3)])
    [7, 4, 0]
    """
    import numpy as np

    if not spans:
        return []
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if len(codes) and int(codes.max()) >= 0x10000:
        return [len(_WORD_RUN.findall(text, s, e)) for s, e in spans]
    word = _word_characters()[codes]
    first = word.copy()
    first[1:] &= ~word[:-1]
    before = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(first, out=before[1:])
    bounds = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    s, e = bounds[:, 0], bounds[:, 1]
    n = before[e] - before[s]
    # a run that the span's start cuts in two still starts a match at the span's start
    inside = (s > 0) & (s < e)
    cut = np.zeros(len(s), dtype=bool)
    cut[inside] = word[s[inside]] & word[s[inside] - 1]
    return (n + cut).tolist()  # type: ignore[no-any-return]


_WORD_RUN = re.compile(r"\w+")
