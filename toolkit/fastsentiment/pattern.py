"""TextBlob's PatternAnalyzer (polarity, subjectivity), reimplemented with exact parity."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import chain, compress
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from toolkit.fastsentiment._common import _call_keywords, _module_constants, _package_dir, _TokenCache


class _PatternRules(NamedTuple):
    lexicon: dict[str, tuple[float, float, float, bool]]  # word -> (p, s, i, has an RB sense)
    negations: frozenset[str]
    leading: frozenset[str]  # punctuation split from the front of a token (no period)
    contractions: tuple[tuple[str, str], ...]
    protected: frozenset[str]  # tokens never split (the contraction keys)
    abbreviations: frozenset[str]
    emoticon_polarity: dict[str, float]  # lower-cased emoticon -> polarity (first set wins)
    punctuation: str
    eos: str
    glue: re.Pattern[str]  # finds a place where the sarcasm or emoticon regex may glue tokens
    glue_pairs: frozenset[tuple[str, str]]  # (a, b) for every "a b" that ``glue`` matches
    sarcasm: re.Pattern[str]
    emoticons: re.Pattern[str]


_ABBREVIATION_SHAPE = re.compile(r"(?:[A-Za-z]\.)+|[A-Z][bcdfghjklmnpqrstvwxz|]+.")
_RUN_END = frozenset({"'", '"', "”", "’", "...", ".", "!", "?", ")"})
_QUOTE_SPLIT = (("“", " “ "), ("”", " ” "), ("‘", " ‘ "), ("’", " ’ "), ("'", " ' "),
                ('"', ' " '))
_QUOTE_CHARS = frozenset(old for old, _ in _QUOTE_SPLIT)  # "'" also starts every contraction


def _space_quotes(text: str, rules: _PatternRules) -> str:
    """Pattern's first tokenizer steps: contractions split off, quote marks set apart by spaces."""
    if "'" in text:
        for old, new in rules.contractions:
            text = text.replace(old, new)
    for old, new in _QUOTE_SPLIT:
        if old in text:
            text = text.replace(old, new)
    return text
_LINEBREAKS = re.compile(r"\n{2,}")


def _mean_columns(rows: Iterable[Sequence[float]]) -> list[float]:
    return [sum(col) / float(len(col) or 1) for col in zip(*rows, strict=True)]


def _read_pattern_lexicon(path: Path) -> dict[str, tuple[float, float, float, bool]]:
    """en-sentiment.xml averaged as Pattern does: per part of speech, then over all of them."""
    from xml.etree import ElementTree

    senses: dict[str, dict[str | None, list[tuple[float, float, float]]]] = {}
    for el in ElementTree.parse(path).getroot().findall("word"):
        form = el.attrib.get("form")
        if not form:
            continue
        psi = (float(el.attrib.get("polarity", 0.0)), float(el.attrib.get("subjectivity", 0.0)),
               float(el.attrib.get("intensity", 1.0)))
        senses.setdefault(form, {}).setdefault(el.attrib.get("pos"), []).append(psi)
    by_pos: dict[str, dict[str | None, Sequence[float]]] = {}
    for form, per_pos in senses.items():
        means: dict[str | None, Sequence[float]] = {pos: _mean_columns(v) for pos, v in per_pos.items()}
        means[None] = _mean_columns(list(means.values()))
        by_pos[form] = means
    # textblob.en.Sentiment.load: every adjective also gives an adverb ("terrible" -> "terribly")
    # with the adjective's scores, which replace the adverb's own word-level scores.
    for form, means in list(by_pos.items()):
        if "JJ" in means:
            stem = form[:-1] + "i" if form.endswith("y") else form
            stem = stem[:-2] if stem.endswith("le") else stem
            adverb = by_pos.setdefault(stem + "ly", {})
            adverb["RB"] = adverb[None] = tuple(means["JJ"])
    return {form: (float(m[None][0]), float(m[None][1]), float(m[None][2]), "RB" in m)
            for form, m in by_pos.items()}


@lru_cache(maxsize=1)
def _pattern_rules() -> _PatternRules:
    root = _package_dir("textblob")
    consts = _module_constants(root / "_text.py", ("PUNCTUATION", "ABBREVIATIONS", "EMOTICONS",
                                                     "replacements", "EOS"))
    kwargs = _call_keywords(root / "en" / "__init__.py", "Sentiment")
    if kwargs.get("modifiers", ("RB",)) != ("RB",):
        raise ImportError("textblob's English modifiers are no longer ('RB',); update fastsentiment")
    punctuation: str = consts["PUNCTUATION"]
    replacements: dict[str, str] = consts["replacements"]
    for key, value in replacements.items():
        if re.escape(key) != key or "\\" in value or "'" not in key:
            raise ImportError("textblob contraction rules are no longer plain strings with "
                              "an apostrophe")
    polarity: dict[str, float] = {}
    alternatives = []
    pairs = {("(", "!"), ("!", ")")}
    for (_name, p), forms in consts["EMOTICONS"].items():
        for form in sorted(forms):
            polarity.setdefault(form.lower(), p)
            alternatives.append(" ?".join(re.escape(ch) for ch in form))
            pairs.update(zip(form, form[1:], strict=False))
    # "a b" for every pair of neighbouring characters of an emoticon or of "(!)": only where
    # such a pair straddles two tokens can Pattern's regexes glue tokens together
    seconds_after: dict[str, set[str]] = {}
    for a, b in pairs:
        seconds_after.setdefault(a, set()).add(b)
    glue = re.compile("|".join(re.escape(a) + " [" + "".join(re.escape(b) for b in sorted(bs)) + "]"
                               for a, bs in sorted(seconds_after.items())))
    return _PatternRules(
        lexicon=_read_pattern_lexicon(root / "en" / "en-sentiment.xml"),
        negations=frozenset(kwargs.get("negations", ("no", "not", "n't", "never"))),
        leading=frozenset(punctuation.replace(".", "")),
        contractions=tuple(replacements.items()),
        protected=frozenset(replacements),
        abbreviations=frozenset(consts["ABBREVIATIONS"]),
        emoticon_polarity=polarity,
        punctuation=punctuation,
        eos=consts["EOS"],
        glue=glue,
        glue_pairs=frozenset(pairs),
        sarcasm=re.compile(r"\( ?! ?\)"),
        emoticons=re.compile("(" + "|".join(alternatives) + r")($|\s)"),
    )


def _split_token(token: str, rules: _PatternRules) -> str:
    """One whitespace-separated token into Pattern's tokens, joined by single spaces."""
    leading, protected = rules.leading, rules.protected
    head: list[str] = []
    while token and token[0] in leading and token not in protected:
        head.append(token[0])
        token = token[1:]
    tail: list[str] = []
    while token and (token[-1] in leading or token[-1] == ".") and token not in protected:
        if token[-1] in leading:
            tail.append(token[-1])
            token = token[:-1]
        if token.endswith("..."):
            tail.append("...")
            token = token[:-3].rstrip(".")
        if token.endswith("."):
            if token in rules.abbreviations or _ABBREVIATION_SHAPE.fullmatch(token):
                break
            tail.append(".")
            token = token[:-1]
    if token:
        head.append(token)
    head.extend(reversed(tail))
    return " ".join(head)


def _glue_sentences(tokens: list[str], rules: _PatternRules) -> list[str]:
    """Pattern's sentence grouping, then the sarcasm and emoticon regexes per sentence."""
    sentences: list[list[str]] = []
    start = j = 0
    n = len(tokens)
    terminal = ("...", ".", "!", "?", rules.eos)
    while j < n:
        if tokens[j] in terminal:
            # the run of closing marks; a straight quote ends it (Pattern's quote balance is
            # counted on the sentence before it is filled, so it always reads as balanced)
            while j < n and (tokens[j] in _RUN_END or tokens[j] == rules.eos):
                if tokens[j] in ("'", '"'):
                    break
                j += 1
            sentences.append([t for t in tokens[start:j] if t != rules.eos])
            start = j
        j += 1
    sentences.append(tokens[start:j])
    out = []
    for sent in sentences:
        if sent:
            text = rules.sarcasm.sub("(!)", " ".join(sent))
            out.append(rules.emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), text))
    return " ".join(out).split()


_KNOWN, _OTHER = 0, 1


def _pattern_word(word: str, rules: _PatternRules) -> tuple[Any, ...] | None:
    """What the assessment loop needs to know about one word (any case).

    None for an idle word: unknown, no negation, no "!", no "(!)", no emoticon.
    Such a word can only end (or, if tiny, attach) a pending negation or
    modifier, so the loop looks at it only while one is pending (see
    :func:`_pattern_shape`).
    """
    w = word.lower()
    negation = w in rules.negations
    entry = rules.lexicon.get(w)
    if entry is not None:
        p, s, i, adverb = entry
        return (_KNOWN, p, s, i, adverb, w.endswith("ly"), negation)
    emoticon = None
    if not w.isalpha() and len(w) <= 5 and w not in rules.punctuation:
        emoticon = rules.emoticon_polarity.get(w)
    if not negation and w != "!" and w != "(!)" and emoticon is None:
        return None
    long_core, long_word = _pattern_shape(word)
    return (_OTHER, negation, long_core, long_word, w == "!", w == "(!)", emoticon)


def _pattern_shape(word: str) -> tuple[bool, bool]:
    """Whether the word is long enough to end a pending negation, and a pending modifier."""
    w = word.lower()
    return len(w.strip("'")) > 1, len(w) > 2


class _PatternScorer:
    def __init__(self) -> None:
        self.rules = _pattern_rules()
        rules = self.rules
        self.split = _TokenCache(lambda t: _split_token(t, rules))
        self.words = _TokenCache(lambda w: _pattern_word(w, rules))
        self.shapes = _TokenCache(_pattern_shape)
        self.pieces = _TokenCache(self._piece)

    def clear(self) -> None:
        self.pieces.clear()
        self.split.clear()
        self.words.clear()
        self.shapes.clear()

    def tokens(self, text: str) -> list[str]:
        """Pattern's tokens of a text, from cached tokens of each whitespace-separated piece.

        The contraction and quote rules only insert spaces inside a piece, so a
        piece's tokens do not depend on its neighbours unless there is a
        paragraph break, the end-of-sentence marker, or a place where the
        sarcasm or emoticon regexes may join tokens: those texts take the
        whole-text path.
        """
        rules = self.rules
        if rules.eos in text or ("\n" in text and "\n\n" in text.replace("\r\n", "\n")):
            return self._tokens_whole(text)
        tokens = list(chain.from_iterable(map(self.pieces.__getitem__, text.split())))
        if rules.glue.search(" ".join(tokens)):
            return self._tokens_whole(text)
        return tokens

    def _piece(self, piece: str) -> tuple[str, ...]:
        rules = self.rules
        if _QUOTE_CHARS.isdisjoint(piece):
            if (piece[0] not in rules.leading and piece[-1] not in rules.leading
                    and piece[-1] != "."):
                return (piece,)  # no punctuation to split off
            return tuple(_split_token(piece, rules).split(" "))
        piece = _space_quotes(piece, rules)
        return tuple(" ".join(_split_token(part, rules) for part in piece.split()).split(" "))

    def _tokens_whole(self, text: str) -> list[str]:
        rules = self.rules
        text = _space_quotes(text, rules)
        if "\n" in text:
            text = _LINEBREAKS.sub(f" {rules.eos} ", text.replace("\r\n", "\n"))
        joined = " ".join(map(self.split.__getitem__, text.split()))
        if rules.eos in joined or rules.glue.search(joined):
            return _glue_sentences(joined.split(), rules)
        return joined.split()

    def score(self, text: str) -> tuple[float, float]:
        return self.score_tokens(self.tokens(text))

    def score_tokens(self, tokens: list[str]) -> tuple[float, float]:
        """Polarity and subjectivity of a text given as its Pattern tokens."""
        words = self.words
        total_p = total_s = 0.0
        count = 0
        have = False  # an assessment is open (Pattern's a[-1]); only it can still change
        lp = ls = li = 0.0
        ln = 1
        mod = mod_ly = neg = False
        infos = list(map(words.__getitem__, tokens))
        previous = -1
        for k in chain(compress(range(len(infos)), infos), (len(infos),)):
            if (neg or mod) and k > previous + 1:
                # idle words came in between while a negation or modifier was pending
                for shape in map(self.shapes.__getitem__, tokens[previous + 1:k]):
                    if neg and shape[0]:
                        neg = False
                    if neg and mod and mod_ly:
                        ln = -1
                        neg = False
                    elif mod and shape[1]:
                        mod = False
                    if not (neg or mod):
                        break
            previous = k
            if k == len(infos):
                break
            info = infos[k]
            if info[0] == _KNOWN:
                _, p, s, i, adverb, ly, negation = info
                if not mod:
                    if have:
                        total_p += lp * -0.5 if ln < 0 else lp
                        total_s += ls
                        count += 1
                    lp, ls, li, ln, have = p, s, i, 1, True
                else:
                    lp = max(-1.0, min(p * li, 1.0))
                    ls = max(-1.0, min(s * li, 1.0))
                    li = i
                if neg:
                    li = 1.0 / li
                    ln = -1
                mod, mod_ly, neg = adverb, ly, negation
                continue
            _, negation, long_core, long_word, bang, irony, emoticon = info
            if negation:
                neg = True
            elif neg and long_core:
                neg = False
            if neg and mod and mod_ly:
                ln = -1
                neg = False
            elif mod and long_word:
                mod = False
            if bang and have:
                lp = max(-1.0, min(lp * 1.25, 1.0))
            for extra in ((0.0 if irony else None), emoticon):
                if extra is not None:
                    if have:
                        total_p += lp * -0.5 if ln < 0 else lp
                        total_s += ls
                        count += 1
                    lp, ls, li, ln, have = extra, 1.0, 1.0, 1, True
        if have:
            total_p += lp * -0.5 if ln < 0 else lp
            total_s += ls
            count += 1
        return total_p / float(count or 1), total_s / float(count or 1)


@lru_cache(maxsize=1)
def _pattern_scorer() -> _PatternScorer:
    return _PatternScorer()


def textblob_scores(sentences: Sequence[str]) -> np.ndarray:
    """TextBlob polarity and subjectivity of many texts, equal to ``TextBlob(text).sentiment``.

    A reimplementation of TextBlob's default ``PatternAnalyzer`` (Pattern's
    lexicon ``en-sentiment.xml``, read from the installed textblob package):
    the same tokenisation, negation (``not good`` scores ``-0.5`` times
    ``good``), modifiers (``very good``), ``!`` boost, emoticons, and the mean
    over the assessed words. On news sentences in batches of 1,000, about
    7 times the package's speed while its vocabulary fills and 14 times after
    (:func:`bench_sentiment`); :func:`parity_report` checks it against the
    package.

    Parameters
    ----------
    sentences : sequence of str
        Texts, usually one sentence each (a longer text is scored as a whole,
        as TextBlob does).

    Returns
    -------
    numpy.ndarray
        Shape ``(len(sentences), 2)``, float64: columns ``textblob_polarity``
        (-1..1) and ``textblob_subjectivity`` (0..1), see
        :data:`TEXTBLOB_COLUMNS`. A text with no lexicon word scores 0, 0.

    References
    ----------
    De Smedt & Daelemans (2012), Pattern for Python, JMLR 13; Loria, TextBlob.

    Examples
    --------
    >>> textblob_scores(["It is not good.", "A very good deal :)", ""]).round(4).tolist()
    [[-0.35, 0.6], [0.705, 0.89], [0.0, 0.0]]
    """
    from toolkit.fastsentiment.batch import batch_scores

    return batch_scores(sentences, vader=False)


# ---------------------------------------------------------------------------------------------
# VADER
# ---------------------------------------------------------------------------------------------
