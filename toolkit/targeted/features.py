"""Context features of a target mention (mention masked); see :mod:`toolkit.targeted`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError
from toolkit.text import tokenize

if TYPE_CHECKING:

    pass

_CLAUSE_PUNCT = frozenset(",;:()[]—–\"“”‘’«»")
_CLAUSE_WORDS = frozenset("but while although though whereas because however yet".split())
_QUOTES_OPEN = frozenset("“«\"")
_QUOTES_CLOSE = frozenset("”»\"")


def _lexicon_scores(prefix: str, text: str, out: dict[str, float]) -> None:
    """VADER and TextBlob scores of ``text``, through the exact-parity fast paths of :mod:`toolkit.fastsentiment`."""
    from toolkit.fastsentiment import textblob_scores, vader_scores

    if not text.strip():
        return
    compound, pos, _neu, neg = vader_scores([text])[0]
    polarity, subjectivity = textblob_scores([text])[0]
    out[f"{prefix}vader_compound"] = float(compound)
    out[f"{prefix}vader_pos"] = float(pos)
    out[f"{prefix}vader_neg"] = float(neg)
    out[f"{prefix}textblob_polarity"] = float(polarity)
    out[f"{prefix}textblob_subjectivity"] = float(subjectivity)


def mention_features(text: str, start: int, end: int, *, window: int = 6) -> dict[str, float]:
    """Features of one mention ``text[start:end]`` from its context, mention masked.

    Parameters
    ----------
    text : str
        The sentence (or any span) holding the mention.
    start, end : int
        Character offsets of the mention in ``text``.
    window : int, default=6
        Words on each side that form the window; a word at distance ``d``
        (1 = adjacent) weighs ``1 - (d - 1) / window``.

    Returns
    -------
    dict
        Sparse features: ``w:`` window words (distance-weighted), ``b:``
        window bigrams, ``c:`` words of the mention's clause, ``s:`` words of
        the sentence, ``l1:``/``r1:``/``r2:`` adjacent words, ``x:`` flags
        (mention opens the sentence, mention inside quotation marks), and
        VADER/TextBlob scores of the window (``win_``), clause (``cl_``) and
        sentence (``sen_``) with the mention replaced by a neutral placeholder.

    References
    ----------
    Jiang et al. (2011), Vo & Zhang (2015): target-dependent features from the
    left and right context; see the module docstring.

    Examples
    --------
    >>> f = mention_features("Critics slammed Beijing over its policy.", 16, 23)
    >>> f["l1:slammed"], "w:beijing" in f, f["win_vader_compound"] < 0
    (1.0, False, True)
    """
    if not 0 <= start < end <= len(text):
        raise InputError(f"mention offsets {start}:{end} lie outside a text of {len(text)} characters")
    spans = tokenize(text)
    words = [text[s:e].casefold() for s, e in spans]
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    first = inside[0] if inside else next((i for i, (s, _) in enumerate(spans) if s >= end), len(spans))
    last = inside[-1] if inside else first - 1
    feats: dict[str, float] = {}

    def add(key: str, value: float) -> None:
        feats[key] = feats.get(key, 0.0) + value

    window_idx: list[int] = []
    for i, word in enumerate(words):
        if first <= i <= last:
            continue
        add("s:" + word, 1.0)
        d = first - i if i < first else i - last
        if d <= window:
            add("w:" + word, 1.0 - (d - 1) / window)
            window_idx.append(i)
    for a, b in zip(window_idx, window_idx[1:], strict=False):
        if b == a + 1:
            add(f"b:{words[a]}_{words[b]}", 1.0)
    if first - 1 >= 0:
        add("l1:" + words[first - 1], 1.0)
    if last + 1 < len(words):
        add("r1:" + words[last + 1], 1.0)
    if last + 2 < len(words):
        add("r2:" + words[last + 2], 1.0)
    # clause: between the nearest clause boundaries around the mention
    lo = first - 1
    while lo >= 0 and words[lo] not in _CLAUSE_PUNCT and words[lo] not in _CLAUSE_WORDS:
        lo -= 1
    hi = last + 1
    while hi < len(words) and words[hi] not in _CLAUSE_PUNCT and words[hi] not in _CLAUSE_WORDS:
        hi += 1
    for i in [*range(lo + 1, first), *range(last + 1, hi)]:
        add("c:" + words[i], 1.0)
    if first == 0 or all(not w.isalnum() for w in words[:first]):
        feats["x:opens_sentence"] = 1.0
    opened = sum(w in _QUOTES_OPEN for w in words[:first]) - sum(
        w in _QUOTES_CLOSE and w != '"' for w in words[:first])
    if opened > 0:
        feats["x:in_quote"] = 1.0

    def masked(i: int, j: int) -> str:
        """Text of tokens i..j-1 with the mention replaced by a neutral word."""
        if i >= j:
            return ""
        s0, e0 = spans[i][0], spans[j - 1][1]
        if inside:
            return text[s0:spans[first][0]] + "someone" + text[spans[last][1]:e0]
        return text[s0:e0]

    _lexicon_scores("win_", masked(max(0, first - window), min(len(spans), last + 1 + window)), feats)
    _lexicon_scores("cl_", masked(lo + 1, hi), feats)
    _lexicon_scores("sen_", masked(0, len(spans)), feats)
    return feats


def _as_triples(X: Any) -> list[tuple[str, int, int]]:
    """Accept a DataFrame (``sentence, start, end``) or a sequence of triples."""
    if hasattr(X, "columns"):
        missing = [c for c in ("sentence", "start", "end") if c not in X.columns]
        if missing:
            raise InputError(f"mention table lacks column(s) {', '.join(missing)}")
        return [(str(t), int(s), int(e)) for t, s, e in zip(X["sentence"], X["start"], X["end"],
                                                            strict=True)]
    out = []
    for i, item in enumerate(X):
        try:
            t, s, e = item
            out.append((str(t), int(s), int(e)))
        except (TypeError, ValueError):
            raise InputError(f"mention #{i + 1} is not a (sentence, start, end) triple") from None
    return out
