"""Both scorers over a batch of sentences, sharing one split and one look-up per word.

The sentences are split on whitespace once (in Arrow); each distinct piece
gets an integer id in a bounded vocabulary that stores, once, what both
scorers need to know about it (:class:`_Vocabulary`). The per-word work of a
batch is then a few NumPy operations over the id array. Only the sentences
and words that a context rule can touch go through the word-by-word rules of
:mod:`toolkit.fastsentiment.pattern` and :mod:`toolkit.fastsentiment.vader`:

* TextBlob: a sentence scores the plain mean of its lexicon words' polarity
  and subjectivity, summed in word order as Pattern sums them, unless it
  holds ``!``, ``(!)``, an emoticon, a negation or modifier (a lexicon word
  with an adverb sense) still pending when a later word could take it (one
  not ended first by the sentence's end or a word long enough to end it), a
  line break, Pattern's end-of-sentence marker, or a place where Pattern's
  sarcasm or emoticon regexes match.
* VADER: a word with a valence that no booster, negation, idiom or other cue
  can reach scores its lexicon valence, raised by the ALL-CAPS increment
  when the sentence mixes capitals and lower case, as vaderSentiment does.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. ICWSM-14.
De Smedt, T. & Daelemans, W. (2012). Pattern for Python. JMLR 13, 2063-2067.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np

from toolkit.fastsentiment import _common
from toolkit.fastsentiment.pattern import (
    _ABBREVIATION_SHAPE,
    _KNOWN,
    _QUOTE_CHARS,
    _pattern_scorer,
    _pattern_shape,
    _pattern_word,
    _PatternScorer,
)
from toolkit.fastsentiment.vader import (
    _COMPENSATED_SUM,
    _but_rule,
    _vader_kind,
    _vader_scorer,
    _vader_summary,
    _vader_token,
    _VaderScorer,
)

_REACH_OFFSETS = tuple(range(-2, 4))  # every offset a VADER cue can act on (see vader._vader_reach)
_IDLE, _PLAIN, _PENDING, _COMPLEX = 0, 1, 2, 3  # piece classes for Pattern (see _Vocabulary._pattern_class)
#: (first bit, width) of the fields packed into one integer per piece, read with one gather per batch
_PACKED = {"p_class": (0, 2), "p_known": (2, 1), "p_pure": (3, 1), "p_clear_core": (4, 1), "p_clear_word": (5, 1),
           "p_glue_inside": (6, 1), "v_scored": (7, 1), "v_but": (8, 1), "v_upper": (9, 1), "v_reach": (10, 6),
           "p_glue_last": (16, 8), "p_glue_first": (24, 8)}


class _Vocabulary(dict[str, int]):
    """Whitespace-separated pieces -> ids, with what each scorer needs to know per id.

    Emptied (ids restart) before a batch when it holds ``_CACHE_LIMIT`` pieces
    or more, so it holds at most that many plus one batch's distinct pieces.
    """

    _FIELDS = (("p_class", np.int8), ("p_need", np.int8), ("p_known", bool), ("p_pol", float),
               ("p_subj", float), ("p_pure", bool), ("p_clear_core", bool), ("p_clear_word", bool),
               ("p_glue_last", np.int16), ("p_glue_first", np.int16), ("p_glue_inside", bool),
               ("v_scored", bool), ("v_valence", float), ("v_reach", np.uint8), ("v_but", bool),
               ("v_upper", bool))

    def __init__(self, pattern: _PatternScorer, vader: _VaderScorer) -> None:
        super().__init__()
        self.pattern = pattern
        self.vader = vader
        pairs = pattern.rules.glue_pairs
        alphabet = sorted({ch for pair in pairs for ch in pair})
        self._glue_code = {ch: k + 1 for k, ch in enumerate(alphabet)}  # 0: no glue character
        #: glue_table[a, b]: Pattern's regexes may join a token ending in a to the next starting in b
        if len(alphabet) >= 1 << _PACKED["p_glue_last"][1]:
            raise ImportError("textblob's emoticons use more characters than fastsentiment packs; update it")
        self.glue_table = np.zeros((len(alphabet) + 1, len(alphabet) + 1), dtype=bool)
        for a, b in pairs:
            self.glue_table[self._glue_code[a], self._glue_code[b]] = True
        rules = vader.rules
        self._vader_words = frozenset(rules.scored) | frozenset(rules.reach) | {"but"}  # all else is inert
        # a piece that starts and ends with none of these and holds no quote mark is one Pattern
        # token and VADER's word as it stands; lower-cased, if it is none of the words that
        # follow, both scorers pass over it
        self._edges = frozenset(pattern.rules.punctuation) | frozenset(string.punctuation)
        self._known_words = (self._vader_words | frozenset(pattern.rules.lexicon) | pattern.rules.negations
                             | frozenset(pattern.rules.emoticon_polarity))
        # marks that Pattern splits off the end of a word (a period only after a non-abbreviation)
        # and that are idle tokens to it; VADER strips them all
        self._trail = frozenset(mark for mark in ",:;?)." if _pattern_word(mark, pattern.rules) is None
                                and (mark in pattern.rules.leading or mark == ".") and mark in string.punctuation)
        self.rows: list[tuple[object, ...]] = []  # fields of the pieces added since the last sync()
        self.pieces: list[str] = []  # the pieces, by id
        self.pattern_tokens: list[tuple[str, ...]] = []  # Pattern's tokens of each piece, by id
        self.arrays: dict[str, np.ndarray] = {name: np.zeros(0, dtype=t) for name, t in self._FIELDS
                                              if name not in _PACKED}
        self.flags = np.zeros(0, dtype=np.uint32)  # the small fields of each id, packed (see _PACKED)

    def clear(self) -> None:
        super().clear()
        self.rows = []
        self.pieces = []
        self.pattern_tokens = []
        self.flags = np.zeros(0, dtype=np.uint32)
        self.arrays = {name: np.zeros(0, dtype=t) for name, t in self._FIELDS if name not in _PACKED}

    def __missing__(self, piece: str) -> int:
        k = self[piece] = len(self.pieces)
        self.pieces.append(piece)
        self.rows.append(self._describe(piece))
        return k

    def make_room(self) -> None:
        """Empty the vocabulary if it is full (before a batch, so that a batch's ids stay valid)."""
        if len(self) >= _common._CACHE_LIMIT:
            self.clear()

    def sync(self) -> None:
        """Bring the per-id arrays up to date with the pieces added since the last call."""
        if self.rows:
            table = np.array(self.rows, dtype=[(name, kind) for name, kind in self._FIELDS])
            self.rows = []
            packed = np.zeros(len(table), dtype=np.uint32)
            for name, _ in self._FIELDS:
                if name in _PACKED:
                    packed |= table[name].astype(np.uint32) << np.uint32(_PACKED[name][0])
                else:
                    self.arrays[name] = np.concatenate([self.arrays[name], table[name]])
            self.flags = np.concatenate([self.flags, packed])

    def _pattern_class(self, tokens: tuple[str, ...], infos: list[Any]) -> tuple[int, int]:
        """(class, need) of a piece for Pattern's assessment loop.

        Class 0: only idle tokens. 1: one lexicon word that starts no negation
        or modifier. 2: one negation or modifier (and nothing else active) still
        pending at the piece's end: harmless when the sentence ends or the next
        piece ends it (``need`` 1: a token long enough to end a negation, 2: a
        modifier). 3: anything else; the sentence goes through the full loop.
        """
        if not all(tokens):
            return _COMPLEX, 0
        active = [k for k, info in enumerate(infos) if info is not None]
        if not active:
            return _IDLE, 0
        if len(active) > 1:
            return _COMPLEX, 0
        info = infos[active[0]]
        if info[0] == _KNOWN:
            adverb, negation = info[4], info[6]
        else:
            _, negation, _, _, bang, irony, emoticon = info
            adverb = False
            if bang or irony or emoticon is not None or not negation:
                return _COMPLEX, 0
        if not (adverb or negation):
            return _PLAIN, 0
        if adverb and negation:
            return _COMPLEX, 0
        need = 0 if negation else 1  # index into _pattern_shape's (ends a negation, ends a modifier)
        if any(_pattern_shape(t)[need] for t in tokens[active[0] + 1:]):
            return (_PLAIN if info[0] == _KNOWN else _IDLE), 0
        return _PENDING, need + 1

    def _describe(self, piece: str) -> tuple[object, ...]:
        pattern = self.pattern
        if piece[0] not in self._edges and piece[-1] not in self._edges and _QUOTE_CHARS.isdisjoint(piece):
            # most pieces: nothing to split off or strip, and a word that neither scorer knows
            # (a shortcut to what the general case below finds for them)
            lower = piece.lower()
            if lower not in self._known_words:
                self.pattern_tokens.append((piece,))
                return (_IDLE, 0, False, 0.0, 0.0, True, len(lower) > 1, len(lower) > 2,
                        self._glue_code.get(piece[-1], 0), self._glue_code.get(piece[0], 0), False,
                        False, 0.0, 0, False, piece.isupper())
        last = piece[-1]
        if last in self._trail and len(piece) > 1:
            # the next commonest: such a word with one mark after it ("said," "said."), which
            # Pattern splits off (unless the word and its period are an abbreviation) and VADER strips
            core = piece[:-1]
            if (core[0] not in self._edges and core[-1] not in self._edges and _QUOTE_CHARS.isdisjoint(core)
                    and core.lower() not in self._known_words
                    and (last != "." or not (piece in pattern.rules.abbreviations
                                             or _ABBREVIATION_SHAPE.fullmatch(piece)))):
                word = core if len(core) > 2 else piece
                if word.lower() not in self._vader_words:
                    self.pattern_tokens.append((core, last))
                    lower = core.lower()
                    glue_end = self._glue_code.get(last, 0)
                    return (_IDLE, 0, False, 0.0, 0.0, True, len(lower) > 1, len(lower) > 2,
                            glue_end, self._glue_code.get(core[0], 0),
                            bool(self.glue_table[self._glue_code.get(core[-1], 0), glue_end]),
                            False, 0.0, 0, False, word.isupper())
        tokens = pattern._piece(piece)
        self.pattern_tokens.append(tokens)
        infos = [pattern.words[t] for t in tokens]
        pure = not any(infos)
        if pure and all(tokens):
            cls, need, known, p_pol, p_subj = _IDLE, 0, False, 0.0, 0.0
            # only a piece of idle tokens can end a pending negation or modifier without side effects
            shapes = [_pattern_shape(t) for t in tokens]
            clear_core = any(shape[0] for shape in shapes)
            clear_word = any(shape[1] for shape in shapes)
        else:
            cls, need = self._pattern_class(tokens, infos)
            scored = [info for info in infos if info is not None and info[0] == _KNOWN]
            known = bool(scored) and cls != _COMPLEX
            p_pol, p_subj = (scored[0][1], scored[0][2]) if known else (0.0, 0.0)
            clear_core = clear_word = False
        glue_last = self._glue_code.get(tokens[-1][-1:], 0)
        glue_first = self._glue_code.get(tokens[0][:1], 0)
        glue_inside = len(tokens) > 1 and pattern.rules.glue.search(" ".join(tokens)) is not None
        word, upper = _vader_token(piece)
        lower = word.lower()
        if lower not in self._vader_words and "n't" not in lower:
            v_scored, v_valence, v_reach, v_but = False, 0.0, 0, False  # what _vader_kind says
        else:
            kind = _vader_kind(piece, self.vader.rules)
            if kind is None:
                v_scored, v_valence, v_reach, v_but = False, 0.0, 0, False
            else:
                _, v_scored, reach, _, v_valence, v_but = kind
                v_reach = sum(1 << _REACH_OFFSETS.index(offset) for offset in reach)
        return (cls, need, known, p_pol, p_subj, pure, clear_core, clear_word, glue_last, glue_first,
                glue_inside, v_scored, v_valence, v_reach, v_but, upper)


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    return _Vocabulary(_pattern_scorer(), _vader_scorer())


def _sequential_sums(segment: np.ndarray, n: int, *columns: np.ndarray) -> list[np.ndarray]:
    """Per-segment sums of each column, added one element at a time in order (as Python's ``+=``).

    ``segment`` is non-decreasing. NumPy's own reductions add in pairs, which
    can differ in the last bit; here round r adds the r-th element of every
    segment at once.
    """
    outs = [np.zeros(n) for _ in columns]
    m = len(segment)
    if m == 0:
        return outs
    rank = np.arange(m) - np.searchsorted(segment, segment, "left")
    order = np.argsort(rank, kind="stable")
    bounds = np.searchsorted(rank[order], np.arange(int(rank.max()) + 2), "left")
    for r in range(len(bounds) - 1):
        sel = order[bounds[r]:bounds[r + 1]]
        who = segment[sel]
        for out, column in zip(outs, columns, strict=True):
            out[who] += column[sel]
    return outs


class _Batch:
    """The sentences of one call, split once, with their piece ids.

    Splitting and finding each distinct piece run in Arrow (its whitespace is
    Python's ``str.split()`` whitespace, character for character; a test
    checks every code point), so only the batch's distinct pieces become
    Python strings. Sentence ``k`` holds the words ``starts[k]:starts[k] +
    counts[k]``. Texts Arrow cannot hold (lone surrogates) are split in Python.
    """

    def __init__(self, texts: list[str], vocabulary: _Vocabulary) -> None:
        import pyarrow as pa
        import pyarrow.compute as pc

        self.texts = texts
        n = len(texts)
        vocabulary.make_room()
        self.arrow: Any = None
        try:
            self.arrow = pa.array(texts, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):
            parts = list(map(str.split, texts))
            self.counts = np.fromiter(map(len, parts), dtype=np.int64, count=n)
            words = list(chain.from_iterable(parts))
            self.ids = np.fromiter(map(vocabulary.__getitem__, words), dtype=np.int64, count=len(words))
        else:
            # Arrow splits at every whitespace character (and keeps the empty strings between
            # neighbouring ones, and at the ends): the non-empty pieces are str.split()'s
            lists = pc.utf8_split_whitespace(self.arrow)
            flat = lists.flatten()
            nonempty = pc.greater(pc.binary_length(flat), 0).to_numpy(zero_copy_only=False)
            before = np.concatenate([[0], np.cumsum(nonempty)])
            offsets = lists.offsets.to_numpy()
            self.counts = before[offsets[1:]] - before[offsets[:-1]]
            encoded = flat.filter(nonempty).dictionary_encode()
            distinct = encoded.dictionary.to_pylist()
            known = np.fromiter(map(vocabulary.__getitem__, distinct), dtype=np.int64, count=len(distinct))
            self.ids = known[encoded.indices.to_numpy(zero_copy_only=False)]
        vocabulary.sync()
        self.arrays = vocabulary.arrays
        self.flags = vocabulary.flags[self.ids]
        self.pieces = vocabulary.pieces
        self.starts = np.cumsum(self.counts) - self.counts
        self.sentence_of = np.repeat(np.arange(n), self.counts)

    def field(self, name: str) -> np.ndarray:
        """A packed field of every word: bool for one bit, else an integer."""
        shift, width = _PACKED[name]
        if width == 1:
            return (self.flags & np.uint32(1 << shift)) != 0
        return (self.flags >> np.uint32(shift)) & np.uint32((1 << width) - 1)

    def words(self, k: int) -> list[str]:
        """The whitespace-separated pieces of sentence ``k``."""
        begin = int(self.starts[k])
        return list(map(self.pieces.__getitem__, self.ids[begin:begin + int(self.counts[k])].tolist()))

    def rows_with(self, substrings: Sequence[str] = (), screen: tuple[re.Pattern[str], str] | None = None) -> list[int]:
        """The sentences holding one of ``substrings``, or matching ``screen`` (Python and RE2 forms)."""
        if self.arrow is not None:
            import pyarrow.compute as pc

            found = np.zeros(len(self.texts), dtype=bool)
            if substrings:
                data = self.arrow.buffers()[2]
                everything = data.to_pybytes() if data is not None else b""
                # one fast scan of all the texts' bytes first; most batches hold none of them
                substrings = [sub for sub in substrings if sub.encode("utf-8") in everything]
            for sub in substrings:
                found |= pc.match_substring(self.arrow, sub).to_numpy(zero_copy_only=False)
            if screen is not None:
                found |= pc.match_substring_regex(self.arrow, screen[1]).to_numpy(zero_copy_only=False)
            return np.flatnonzero(found).tolist()
        return [k for k, t in enumerate(self.texts)
                if any(sub in t for sub in substrings) or (screen is not None and screen[0].search(t))]


@lru_cache(maxsize=1)
def _emoji_screen() -> tuple[re.Pattern[str], str]:
    """VADER's emoji screen, in Python's and in RE2's syntax (Arrow): the same characters."""
    rules = _vader_scorer().rules
    bmp = sorted(ch for ch in rules.emoji_chars if ord(ch) < 0x10000)
    re2 = "[" + "".join(f"\\x{{{ord(ch):x}}}" for ch in bmp) + "\\x{10000}-\\x{10ffff}]"
    return rules.emoji_screen, re2


def _textblob(batch: _Batch, scorer: _PatternScorer, vocabulary: _Vocabulary) -> np.ndarray:
    texts = batch.texts
    n = len(texts)
    out = np.zeros((n, 2), dtype=np.float64)
    sentence_of = batch.sentence_of
    # texts that Pattern tokenises as a whole: a line break, its end-of-sentence marker, or a
    # place where its emoticon or sarcasm regexes may join tokens
    rules = scorer.rules
    pieces = vocabulary.pattern_tokens
    starts, counts, all_ids = batch.starts.tolist(), batch.counts.tolist(), batch.ids

    def tokens_of(k: int) -> list[str]:  # Pattern's tokens of a sentence without line breaks
        begin = starts[k]
        return list(chain.from_iterable(map(pieces.__getitem__, all_ids[begin:begin + counts[k]].tolist())))

    whole = np.zeros(n, dtype=bool)
    whole[batch.rows_with(("\n", rules.eos))] = True
    maybe = np.zeros(n, dtype=bool)
    maybe[sentence_of[batch.field("p_glue_inside")]] = True
    glue = np.flatnonzero(vocabulary.glue_table[batch.field("p_glue_last")[:-1],
                                                batch.field("p_glue_first")[1:]])
    maybe[sentence_of[glue]] = True
    for k in np.flatnonzero(maybe & ~whole).tolist():
        # only where the sarcasm or emoticon regex really matches does the whole-text path differ
        joined = " ".join(tokens_of(k))
        if rules.sarcasm.search(joined) or rules.emoticons.search(joined):
            whole[k] = True
    cls = batch.field("p_class")
    complex_ = whole.copy()
    complex_[sentence_of[cls == _COMPLEX]] = True
    # a negation or modifier left pending must meet the sentence's end, or a piece that ends it
    # after nothing but idle pieces too short to end it
    pending = np.flatnonzero(cls == _PENDING)
    if len(pending):
        ends = (batch.starts + batch.counts)[sentence_of[pending]]
        need = batch.arrays["p_need"][batch.ids[pending]]
        pure = batch.field("p_pure")
        ended = np.zeros(len(pending), dtype=bool)
        for code, name in ((1, "p_clear_core"), (2, "p_clear_word")):
            clears = batch.field(name)
            # the first piece after each pending one that is not an idle piece passing the state on
            stops = np.append(np.flatnonzero(~pure | clears), len(cls))
            stop = stops[np.searchsorted(stops, pending + 1)]
            at = np.minimum(stop, len(cls) - 1)
            ended |= (need == code) & ((stop >= ends) | clears[at])
        complex_[sentence_of[pending[~ended]]] = True
    known = np.flatnonzero(batch.field("p_known"))
    known = known[~complex_[sentence_of[known]]]
    ids = batch.ids[known]
    segment = sentence_of[known]
    total_p, total_s = _sequential_sums(segment, n, batch.arrays["p_pol"][ids], batch.arrays["p_subj"][ids])
    count = np.maximum(np.bincount(segment, minlength=n), 1).astype(np.float64)
    out[:, 0] = total_p / count
    out[:, 1] = total_s / count
    for k in np.flatnonzero(whole).tolist():
        out[k] = scorer.score(texts[k])
    # the others: Pattern's tokens are those of each piece, in order
    for k in np.flatnonzero(complex_ & ~whole).tolist():
        out[k] = scorer.score_tokens(tokens_of(k))
    return out


def _vader(batch: _Batch, scorer: _VaderScorer) -> np.ndarray:
    texts = batch.texts
    n = len(texts)
    counts = batch.counts
    out = np.zeros((n, 4), dtype=np.float64)
    out[:, 2] = counts > 0  # words but no valence: neu = 1
    scored = np.flatnonzero(batch.field("v_scored"))
    if not len(scored):
        return out
    rules = scorer.rules
    sentence_of = batch.sentence_of
    starts = batch.starts
    # positions within reach of a word that can steer a score (possibly across sentences: harmless)
    reach = batch.field("v_reach")
    cues = np.flatnonzero(reach)
    near = np.zeros(len(batch.ids) + len(_REACH_OFFSETS), dtype=bool)
    for bit, offset in enumerate(_REACH_OFFSETS):
        near[cues[(reach[cues] >> bit) & 1 == 1] + offset + 2] = True
    near_scored = near[scored + 2]
    upper = batch.field("v_upper")
    caps_total = np.concatenate([[0], np.cumsum(upper)])
    caps = caps_total[starts + counts] - caps_total[starts]
    cap_diff = (caps > 0) & (caps < counts)
    sentence = sentence_of[scored]
    values = batch.arrays["v_valence"][batch.ids[scored]]
    c_incr = rules.c_incr
    raised = ~near_scored & upper[scored] & cap_diff[sentence]
    values = np.where(raised, np.where(values > 0, values + c_incr, values - c_incr), values)
    # words near a cue go through the full rules, one by one (in order, so sentence by sentence)
    lowers = scorer.lowers
    current = -1
    raw: list[str] = []
    lows: list[str] = []
    memo: list[bool] = []
    for j in np.flatnonzero(near_scored).tolist():
        k = int(sentence[j])
        if k != current:
            current, raw, memo = k, batch.words(k), []
            lows = [""] * len(raw)
        at = int(scored[j]) - int(starts[k])
        # the rules read at most three words back and two ahead
        low, high = max(at - 3, 0), at + 3
        lows[low:high] = map(lowers.__getitem__, raw[low:high])
        if lows[at] == "kind" and at < len(raw) - 1 and lows[at + 1] == "of":
            values[j] = 0.0  # "kind of": a dampener, no valence of its own
        else:
            values[j] = scorer._valence(at, raw, lows, memo)
    # a word whose valence came out 0 counts as neutral, like a word without one
    nonzero = values != 0
    values = values[nonzero]
    if not len(values):
        return out
    places = scored[nonzero]
    sentence = sentence[nonzero]
    buts = np.flatnonzero(batch.field("v_but"))
    if len(buts):
        but_sentence, first = np.unique(sentence_of[buts], return_index=True)
        has_values = np.isin(but_sentence, sentence)
        for k, at in zip(but_sentence[has_values].tolist(), buts[first[has_values]].tolist(), strict=True):
            a = int(np.searchsorted(sentence, k, "left"))
            b = int(np.searchsorted(sentence, k, "right"))
            part = values[a:b].tolist()
            _but_rule(part, places[a:b].tolist(), at)
            values[a:b] = part
    plus = np.where(values > 0, values + 1, 0.0)
    minus = np.where(values < 0, values - 1, 0.0)
    totals, positives, negatives = _sequential_sums(sentence, n, values, plus, minus)
    sizes = np.bincount(sentence, minlength=n)
    if _COMPENSATED_SUM:
        # Python 3.12+ sum() compensates rounding: use it for texts with 3+ valences
        begins = np.searchsorted(sentence, np.arange(n), "left")
        for row in np.flatnonzero(sizes >= 3).tolist():
            a = int(begins[row])
            totals[row] = float(sum(values[a:a + int(sizes[row])].tolist()))
    rows = np.flatnonzero(sizes)
    out[rows] = _vader_summary([texts[k] for k in rows.tolist()], totals[rows], positives[rows],
                               negatives[rows], (counts - sizes)[rows])
    return out


def batch_scores(sentences: Sequence[str], *, textblob: bool = True, vader: bool = True) -> np.ndarray:
    """TextBlob polarity and subjectivity, then VADER compound, pos, neu, neg, of many texts.

    The same numbers as :func:`toolkit.fastsentiment.textblob_scores` and
    :func:`toolkit.fastsentiment.vader_scores` (which call this), computed
    from one split and one look-up per word for both scorers.

    Parameters
    ----------
    sentences : sequence of str
    textblob, vader : bool, default=True
        Which scorers' columns to compute (in that order).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(sentences), 2 * textblob + 4 * vader)``, float64.

    References
    ----------
    Hutto & Gilbert (2014); De Smedt & Daelemans (2012); Loria, TextBlob.

    Examples
    --------
    >>> batch_scores(["It is not good.", "Good!"]).round(4).tolist()
    [[-0.35, 0.6, -0.3412, 0.0, 0.555, 0.445], [0.875, 0.6, 0.4926, 1.0, 0.0, 0.0]]
    """
    texts = list(sentences)
    blocks = []
    vocabulary = _vocabulary()
    batch = _Batch(texts, vocabulary)
    if textblob:
        blocks.append(_textblob(batch, _pattern_scorer(), vocabulary))
    if vader:
        scorer = _vader_scorer()
        scores = _vader(batch, scorer)
        rules = scorer.rules
        # vaderSentiment first replaces emoji by their descriptions, which changes the words
        emoji_chars = rules.emoji_chars
        rows = [k for k in batch.rows_with(screen=_emoji_screen()) if not emoji_chars.isdisjoint(texts[k])]
        if rows:
            described = [scorer._describe_emojis(texts[k]) for k in rows]
            scores[rows] = _vader(_Batch(described, vocabulary), scorer)
        blocks.append(scores)
    if not blocks:
        return np.zeros((len(texts), 0))
    return np.hstack(blocks) if len(blocks) > 1 else blocks[0]
