"""Finding stance markers in text: the reference matcher and the one-pass matcher.

:func:`_scan` reads every token of a sentence; :func:`_match_document` runs one
candidate pattern over a whole document (see :mod:`toolkit.lexmatch`) and
gives the same matches. Both skip capitalised words taken as part of a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from toolkit.stance.lexicons import _norm, _phrase_table
from toolkit.text import tokenize

_OPENERS = frozenset(['"', "“", "‘", "'", "«", ":", "—", "–", "(", "["])


#: Hyland's approximators that in news are far more often prepositions ("concerns about the
#: plan", "around the world"): a hedge only before a quantity ("about 40 people", "around a dozen")
APPROXIMATORS = frozenset({"about", "around"})
APPROXIMATOR_PAIRS = frozenset(("hedges", a) for a in APPROXIMATORS)
_QUANTITY = re.compile(
    r"\s+(?:[$£€]\s?)?(?:\d|(?:(?:a|an|some)\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|"
    r"millions?|billions?|trillions?|dozens?|half|third|quarter|score)\b)",
    re.IGNORECASE)


def _approximating(hit: Hit, text: str, end: int, sentence_end: int) -> Hit | None:
    """``hit`` without the hedge reading of "about" / "around" when no quantity follows ``end``.

    Hyland (2005) lists "about" and "around" as approximators ("about 40
    people"); as prepositions ("concerns about the plan") they hedge nothing.
    None when no lexicon is left.
    """
    if not APPROXIMATOR_PAIRS.intersection(hit) or _QUANTITY.match(text, end, sentence_end):
        return hit
    rest = tuple(p for p in hit if p not in APPROXIMATOR_PAIRS)
    return rest or None


def _scan(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int, tuple[tuple[str, str], ...]]]]:
    """The reference matcher: words in ``text[start:end]`` and its matches ``(start, end, hit)``.

    ``hit`` is the phrase table's ``((lexicon, entry), ...)`` for the matched form. It reads
    every token; :func:`~toolkit.stance.measures._scan_docs` gets the same answer faster and
    falls back to this.
    """
    table, starts = _phrase_table()
    spans = [(s, e) for s, e in tokenize(text, start, end)]
    raw = [text[s:e] for s, e in spans]
    words = [_norm(w) for w in raw]
    wordlike = [w[0].isalnum() or any(ch.isalnum() for ch in w[1:]) for w in raw]
    n_words = sum(wordlike)
    # a capitalised word inside the sentence is taken as (part of) a name: "Secretary of
    # State", "United States", "May 5", "China"; it is not matched
    first_word = wordlike.index(True) if n_words else 0

    def name_like(j: int) -> bool:
        return j > first_word and raw[j][:1].isupper() and words[j - 1] not in _OPENERS

    matches: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
    i = 0
    while i < len(words):
        for n in starts.get(words[i], ()):
            if i + n > len(words):
                continue
            hit = table.get(tuple(words[i:i + n]))
            if hit and any(name_like(j) for j in range(i, i + n)):
                continue
            if hit:
                hit = _approximating(hit, text, spans[i + n - 1][1], end)
                if hit:
                    matches.append((spans[i][0], spans[i + n - 1][1], hit))
                i += n
                break
        else:
            i += 1
    return n_words, matches


# Token grammar of toolkit.text.tokenize: where a word token ends, a word token, an alphanumeric
# character (a token holding one is a word), any token.
_TOKEN_END = r"(?!\w|[-'’.]\w)"
_WORD_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*")
_ALNUM = re.compile(r"[^\W_]")
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")

Hit = tuple[tuple[str, str], ...]


class _FastMatcher(NamedTuple):
    #: every token that can start a marker, with the character before it, over a space and the case-folded text
    pattern: re.Pattern[str]
    #: the distinct hits ``((lexicon, entry), ...)`` and the index of each form's hit
    hits: list[Hit]
    form_hit: dict[tuple[str, ...], int]
    #: folded word (with ' or ’) that starts no longer form -> index of its hit
    single: dict[str, int]


@lru_cache(maxsize=1)
def _fast_matcher() -> _FastMatcher | None:
    """The one-pass matcher over all lexicons (see :mod:`toolkit.lexmatch`).

    A word that starts only phrases ("in" for "in my view") is a candidate only
    when the next word can continue one of them. None when a form is not made of
    word tokens (then the reference matcher :func:`_scan` is used).
    """
    from toolkit.lexmatch import trie_pattern

    table, starts = _phrase_table()
    if not all(_WORD_TOKEN.fullmatch(token) and _ALNUM.search(token) for form in table for token in form):
        return None
    hit_index: dict[Hit, int] = {}
    form_hit = {form: hit_index.setdefault(hit, len(hit_index)) for form, hit in table.items()}
    single = {}
    for word, lengths in starts.items():
        if lengths == (1,):
            single[word] = single[word.replace("'", "’")] = form_hit[(word,)]
    following: dict[str, set[str]] = {}
    for form in table:
        if len(form) > 1:
            following.setdefault(form[0], set()).add(form[1])
    # the token end is asserted once after the alternation, not after each of its thousands of
    # words: the same matches (the engine backtracks into the alternation in the same order), and
    # a pattern a quarter as long that compiles in a tenth of the time (0.04 s instead of 0.4 s)
    heads = {w: "" if (w,) in table else
             r"(?=\s+" + trie_pattern(dict.fromkeys(following[w], "")) + _TOKEN_END + ")"
             for w in starts}
    # the non-word character before the token is part of the match (run over the text with a
    # space in front), so the engine only tries the alternation after non-word characters
    pattern = re.compile(r"\W(?<!\w[-'’.])(?:" + trie_pattern(heads) + ")" + _TOKEN_END)
    return _FastMatcher(pattern, list(hit_index), form_hit, single)


def _match_document(text: str, sentences: list[tuple[int, int]], fast: _FastMatcher, row: int,
                    out: tuple[list[int], list[int], list[int], list[int]]) -> None:
    """Append the matches of one document as ``(row + sentence_id, start, end, hit index)`` columns.

    One pass of the candidate pattern over the case-folded text; the reference rules of
    :func:`_scan` (longest form first, names) are applied to the candidates only. The
    caller checks that the fast path is exact for the document (:mod:`toolkit.lexmatch`).
    """
    rows, starts, ends, hits = out
    folded = text.casefold()
    sentence_ends = [e for _, e in sentences]
    single = fast.single
    sid = 0
    done = 0
    for m in fast.pattern.finditer(" " + folded):
        p, q = m.span()  # in the text: one earlier (the space), and the match begins with a non-word character
        q -= 1
        if p < done:  # inside the phrase matched before
            continue
        while p >= sentence_ends[sid]:
            sid += 1
        h = single.get(folded[p:q])
        if h is None:
            found = _phrase_at(text, folded, sentences[sid], p, q, fast)
            if found is None:
                continue
            q, h = found
            done = q
        elif text[p].isupper() and _name_like(text, sentences[sid][0], [(p, q)]):
            continue
        rows.append(row + sid)
        starts.append(p)
        ends.append(q)
        hits.append(h)


def _phrase_at(text: str, folded: str, sentence: tuple[int, int], p: int, q: int,
               fast: _FastMatcher) -> tuple[int, int] | None:
    """The longest form starting with the token ``p:q`` that is not part of a name: (end, hit index)."""
    _, starts = _phrase_table()
    s, e = sentence
    head = folded[p:q].replace("’", "'")
    rest: list[tuple[int, int]] | None = None
    for n in starts.get(head, ()):
        spans = [(p, q)]
        if n > 1:
            if rest is None:
                rest = []
                for t in _TOKEN.finditer(folded, q, e):
                    rest.append(t.span())
                    if len(rest) >= n - 1:
                        break
            if len(rest) < n - 1:
                continue
            spans.extend(rest[:n - 1])
        h = fast.form_hit.get(tuple(folded[a:b].replace("’", "'") for a, b in spans))
        if h is None:
            continue
        if any(text[a].isupper() for a, _ in spans) and _name_like(text, s, spans):
            continue
        return spans[-1][1], h
    return None


def _name_like(text: str, start: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a capitalised token of the phrase ``spans`` is taken as part of a name (see :func:`_scan`)."""
    for j, (a, _) in enumerate(spans):
        if not text[a].isupper():
            continue
        if j == 0:
            if not _ALNUM.search(text, start, a):  # the sentence's first word
                continue
            k = a - 1  # the previous token ends at the previous non-space character
            while text[k].isspace():
                k -= 1
            previous = text[k]  # a word there is never an opener, a mark is a token of its own
        else:
            previous = text[spans[j - 1][0]:spans[j - 1][1]]
        if _norm(previous) not in _OPENERS:
            return True
    return False
