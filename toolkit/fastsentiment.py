"""Fast lexicon sentiment with exact parity: TextBlob polarity/subjectivity and VADER scores.

:mod:`toolkit.sentiment` scores one sentence at a time through the reference
packages (``TextBlob(s).sentiment`` and vaderSentiment's
``SentimentIntensityAnalyzer.polarity_scores``): about 140 to 270 µs and 50
to 120 µs per news sentence on one core, depending on the machine's load.
This module reimplements both scorers for batches of sentences and returns
the same numbers: :func:`parity_report` measures the largest absolute
difference against the reference packages. On every sentence of NewsMTSC
(9,546) and of the first 2,000 Article-Bias-Prediction articles (89,863)
it is 0.0 for all six scores.

Speed, measured by :func:`bench_sentiment` on those 89,863 sentences in one
run (reference and fast scorer taking turns): TextBlob about 6.5 times the
reference while the per-token caches fill and 9 times once the words are
cached; VADER about 3 and 4.6 times. VADER's reference is already cheap per
word, and the floor here (splitting, one dict lookup per word, building the
arrays) is a large share of what remains.

What is reimplemented, following the installed sources:

* TextBlob / Pattern (``textblob/_text.py``, ``textblob/en/__init__.py``):
  Pattern's tokenizer (contractions, quote marks, punctuation split with the
  abbreviation rules, sentence grouping, the ``(!)`` sarcasm mark and
  emoticons glued back together), the lexicon ``en-sentiment.xml`` averaged
  per word sense and part of speech, the extra ``-ly`` adverbs derived from
  adjectives, negation (``not good`` is ``-0.5 * good``), modifiers
  (``very good``), the ``!`` boost, emoticons, and the mean over the
  assessed words.
* VADER (``vaderSentiment/vaderSentiment.py``, version 3.3.2): emoji
  descriptions, punctuation stripping, boosters and dampeners, ALL-CAPS
  emphasis, negation within three words, ``no``, ``least``, ``kind of``,
  ``without doubt``, special idioms, the ``but`` rule (including its habit
  of re-weighting the first equal score), ``!`` and ``?`` emphasis, the
  normalised compound and the rounded pos/neu/neg shares.

The lexicons and the small rule tables (emoticons, abbreviations, negation
and booster words, idioms) are read at run time from the installed textblob
and vaderSentiment packages, so nothing is duplicated here and the module
works offline. Per-token work is cached, so repeated words cost one dict
lookup; the caches are bounded.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. Eighth International AAAI
Conference on Weblogs and Social Media (ICWSM-14).
De Smedt, T. & Daelemans, W. (2012). Pattern for Python. Journal of Machine
Learning Research 13, 2063-2067.
Loria, S. TextBlob: simplified text processing (PatternAnalyzer, lexicon
``en-sentiment.xml``), https://textblob.readthedocs.io.
"""

from __future__ import annotations

import ast
import importlib.util
import operator
import re
import string
import time
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

__all__ = ["textblob_scores", "vader_scores", "parity_report", "bench_sentiment",
           "TEXTBLOB_COLUMNS", "VADER_COLUMNS"]

#: Columns of :func:`textblob_scores`, in order.
TEXTBLOB_COLUMNS = ("textblob_polarity", "textblob_subjectivity")
#: Columns of :func:`vader_scores`, in order.
VADER_COLUMNS = ("vader_compound", "vader_pos", "vader_neu", "vader_neg")

_CACHE_LIMIT = 400_000  # entries per token cache before it is emptied


def _package_dir(name: str) -> Path:
    """Directory of an installed package, found without importing it (textblob imports nltk)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the {name} package is needed for its lexicon; it is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


_LITERAL_NODES = (ast.Constant, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Call, ast.Load,
                  ast.UnaryOp, ast.UAdd, ast.USub)


def _module_constants(path: Path, names: Iterable[str]) -> dict[str, Any]:
    """Values of top-level constant assignments in a Python source file, without running it.

    Only expressions made of literals and ``set(...)`` are evaluated.
    """
    wanted = set(names)
    found: dict[str, Any] = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        targets = {t.id for t in node.targets if isinstance(t, ast.Name)} & wanted
        if targets:
            for part in ast.walk(node.value):
                if not (isinstance(part, _LITERAL_NODES)
                        or (isinstance(part, ast.Name) and part.id == "set")):
                    raise ImportError(f"{path}: {sorted(targets)} is no longer a plain constant")
            code = compile(ast.Expression(node.value), str(path), "eval")
            value = eval(code, {"__builtins__": {}, "set": set})  # noqa: S307 - literals and set() only
            for name in targets:
                found[name] = value
    missing = wanted - set(found)
    if missing:
        raise ImportError(f"{path} no longer defines {sorted(missing)}; textblob changed")
    return found


def _call_keywords(path: Path, func: str) -> dict[str, Any]:
    """Literal keyword arguments of the module-level call ``func(...)`` in a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id == func):
            out: dict[str, Any] = {}
            for kw in node.value.keywords:
                if kw.arg is None:
                    continue
                try:
                    out[kw.arg] = ast.literal_eval(kw.value)
                except ValueError:
                    continue
            return out
    raise ImportError(f"{path} has no module-level {func}(...) call; textblob changed")


# ---------------------------------------------------------------------------------------------
# TextBlob / Pattern
# ---------------------------------------------------------------------------------------------

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
    sarcasm: re.Pattern[str]
    emoticons: re.Pattern[str]


_ABBREVIATION_SHAPE = re.compile(r"(?:[A-Za-z]\.)+|[A-Z][bcdfghjklmnpqrstvwxz|]+.")
_RUN_END = frozenset({"'", '"', "”", "’", "...", ".", "!", "?", ")"})
_QUOTE_SPLIT = (("“", " “ "), ("”", " ” "), ("‘", " ‘ "), ("’", " ’ "), ("'", " ' "),
                ('"', ' " '))
_QUOTE_CHARS = frozenset(old for old, _ in _QUOTE_SPLIT)  # "'" also starts every contraction
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


class _TokenCache(dict[str, Any]):
    """A dict that fills itself with ``make(key)``; emptied when it grows past a bound."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> Any:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        value = self[key] = self._make(key)
        return value


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
        if "'" in piece:
            for old, new in rules.contractions:
                piece = piece.replace(old, new)
        for old, new in _QUOTE_SPLIT:
            if old in piece:
                piece = piece.replace(old, new)
        return tuple(" ".join(_split_token(part, rules) for part in piece.split()).split(" "))

    def _tokens_whole(self, text: str) -> list[str]:
        rules = self.rules
        if "'" in text:
            for old, new in rules.contractions:
                text = text.replace(old, new)
        for old, new in _QUOTE_SPLIT:
            if old in text:
                text = text.replace(old, new)
        if "\n" in text:
            text = _LINEBREAKS.sub(f" {rules.eos} ", text.replace("\r\n", "\n"))
        joined = " ".join(map(self.split.__getitem__, text.split()))
        if rules.eos in joined or rules.glue.search(joined):
            return _glue_sentences(joined.split(), rules)
        return joined.split()

    def score(self, text: str) -> tuple[float, float]:
        words = self.words
        total_p = total_s = 0.0
        count = 0
        have = False  # an assessment is open (Pattern's a[-1]); only it can still change
        lp = ls = li = 0.0
        ln = 1
        mod = mod_ly = neg = False
        tokens = self.tokens(text)
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
    over the assessed words. About 6 to 10 times faster per sentence;
    :func:`parity_report` checks it against the package.

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
    score = _pattern_scorer().score
    return np.array([score(text) for text in sentences], dtype=np.float64).reshape(-1, 2)


# ---------------------------------------------------------------------------------------------
# VADER
# ---------------------------------------------------------------------------------------------

class _VaderRules(NamedTuple):
    lexicon: dict[str, float]
    scored: frozenset[str]  # lexicon words that are not boosters: the only non-zero scores
    boosters: dict[str, float]
    negate: frozenset[str]
    special: dict[str, float]
    idiom_words: frozenset[str]  # at least one of them is in every multi-word idiom or booster
    reach: dict[str, tuple[int, ...]]  # cue word -> offsets of the words it can act on
    c_incr: float
    n_scalar: float
    emojis: dict[str, str]
    emoji_chars: frozenset[str]  # the single-character keys, the only ones VADER can match
    emoji_screen: re.Pattern[str]  # matches them and possibly other characters


def _read_tab_file(path: Path) -> list[tuple[str, str]]:
    """First two tab-separated fields per line, as vaderSentiment reads its files."""
    text = path.read_bytes().decode("utf-8")
    rows = []
    for line in text.rstrip("\n").split("\n"):
        if line:
            fields = line.strip().split("\t")[0:2]
            rows.append((fields[0], fields[1]))
    return rows


def _screen(chars: Iterable[str]) -> re.Pattern[str]:
    """A character class holding ``chars`` that regex compiles to a fast table lookup.

    The class lists the characters of the Basic Multilingual Plane one by one and
    takes every character beyond it (most emoji) as one range.
    """
    bmp = sorted(ch for ch in chars if ord(ch) < 0x10000)
    return re.compile("[" + "".join(re.escape(ch) for ch in bmp) + "\U00010000-\U0010FFFF]")


def _vader_reach(lower: str, rules: _VaderRules) -> tuple[int, ...]:
    """Offsets from this word to the words whose valence it can change (empty if none)."""
    reach: set[int] = set()
    if lower in rules.idiom_words:
        reach.update(range(-2, 4))  # idioms span three words before to two after a word
    if lower in rules.boosters or lower in rules.negate or "n't" in lower or lower == "no":
        reach.update((1, 2, 3))  # boosters, negations and "no" act on the next three words
    if lower in ("no", "kind"):
        reach.add(0)  # "no" before a lexicon word, "kind" before "of": the word itself
    if lower in ("so", "this", "least"):
        reach.add(1)  # "so"/"this" right before a word raise it, "least" negates it
    return tuple(sorted(reach))


_VADER_CUES = ("no", "kind", "so", "this", "least")


@lru_cache(maxsize=1)
def _vader_rules() -> _VaderRules:
    from vaderSentiment import vaderSentiment as vs

    root = Path(vs.__file__).resolve().parent
    lexicon = {word: float(measure) for word, measure in _read_tab_file(root / "vader_lexicon.txt")}
    emojis = dict(_read_tab_file(root / "emoji_utf8_lexicon.txt"))
    boosters = dict(vs.BOOSTER_DICT)
    special = dict(vs.SPECIAL_CASES)
    # Every word pair inside a multi-word special case or booster ("kiss of death", "kind of")
    # holds one of these words, so without one nearby no idiom can match. The commonest
    # function words are left out when the pair's other word is listed.
    common = {"the", "of", "to", "for", "a", "in", "on"}
    idiom_words: set[str] = set()
    for key in (*special, *boosters):
        words = key.split(" ")
        for a, b in zip(words, words[1:], strict=False):
            idiom_words.update({a, b} - common or {a, b})
    rules = _VaderRules(
        lexicon=lexicon,
        scored=frozenset(lexicon) - frozenset(boosters),
        boosters=boosters,
        negate=frozenset(vs.NEGATE),
        special=special,
        idiom_words=frozenset(idiom_words),
        reach={},
        c_incr=float(vs.C_INCR),
        n_scalar=float(vs.N_SCALAR),
        emojis=emojis,
        emoji_chars=frozenset(ch for ch in emojis if len(ch) == 1),
        emoji_screen=_screen(ch for ch in emojis if len(ch) == 1),
    )
    # every word that can act on a neighbour, except the open-ended "...n't" words
    for word in (*rules.idiom_words, *rules.boosters, *rules.negate, *_VADER_CUES):
        rules.reach[word] = _vader_reach(word, rules)
    return rules


def _vader_token(token: str) -> tuple[str, bool]:
    stripped = token.strip(string.punctuation)
    word = token if len(stripped) <= 2 else stripped
    return word, word.isupper()


def _vader_lower(token: str) -> str:
    stripped = token.strip(string.punctuation)
    return (token if len(stripped) <= 2 else stripped).lower()


def _vader_kind(token: str, rules: _VaderRules) -> tuple[str, bool, tuple[int, ...], bool, float,
                                                          bool] | None:
    """What VADER needs to know about a token, or None if it is inert.

    (lower-cased word, has a valence, offsets of the neighbours whose valence
    it can change, ALL CAPS, lexicon valence or 0, is "but").
    """
    stripped = token.strip(string.punctuation)
    word = token if len(stripped) <= 2 else stripped
    lower = word.lower()
    scored = lower in rules.scored
    reach = rules.reach.get(lower, ())
    if not reach and "n't" in lower:
        reach = _vader_reach(lower, rules)
    if scored or reach or lower == "but":
        upper = word.isupper()
        return lower, scored, reach, upper, rules.lexicon.get(lower, 0.0), lower == "but"
    return None


_SCORED, _UPPER, _VALENCE, _BUT = itemgetter(1), itemgetter(3), itemgetter(4), itemgetter(5)
#: Whether ``sum()`` of floats compensates rounding (Python 3.12+), unlike plain addition.
_COMPENSATED_SUM = sum([1.0, 1e100, 1.0, -1e100]) != 0.0


def _but_rule(values: list[float], places: list[int], but_at: int) -> None:
    """Halve the scores before "but", raise those after by half, in place.

    As vaderSentiment does it: for each score it re-weights the *first* score
    equal to it (``list.index``), which is not always the same word.
    """
    for k in range(len(values)):
        v = values[k]
        first = values.index(v)
        if places[first] < but_at:
            values[first] = v * 0.5
        elif places[first] > but_at:
            values[first] = v * 1.5


def _vader_summary(texts: list[str], sums: Any, positives: Any, negatives: Any,
                   neutrals: Any) -> np.ndarray:
    """Compound, pos, neu, neg rows from each text's valence sums, as vaderSentiment rounds them.

    The arithmetic is element-wise IEEE double, as in Python, so the values are
    the same bit for bit; rounding uses Python's ``round``.
    """
    bangs = np.minimum(np.fromiter(map(str.count, texts, repeat("!")), dtype=np.int64,
                                   count=len(texts)), 4)
    questions = np.fromiter(map(str.count, texts, repeat("?")), dtype=np.int64, count=len(texts))
    emphasis = bangs * 0.292 + np.where(questions <= 1, 0.0,
                                        np.where(questions <= 3, questions * 0.18, 0.96))
    total = np.asarray(sums, dtype=np.float64)
    total = np.where(total > 0, total + emphasis, np.where(total < 0, total - emphasis, total))
    compound = np.clip(total / np.sqrt((total * total) + 15.0), -1.0, 1.0)
    pos = np.asarray(positives, dtype=np.float64)
    neg = np.asarray(negatives, dtype=np.float64)
    neu = np.asarray(neutrals, dtype=np.float64)
    pos_new = np.where(pos > np.fabs(neg), pos + emphasis, pos)
    neg = np.where(pos < np.fabs(neg), neg - emphasis, neg)
    pos = pos_new
    denominator = pos + np.fabs(neg) + neu
    columns = (compound, np.fabs(pos / denominator), np.fabs(neu / denominator),
               np.fabs(neg / denominator))
    return np.column_stack([_round_like_python(col, digits)
                            for col, digits in zip(columns, (4, 3, 3, 3), strict=True)])


def _round_like_python(x: np.ndarray, digits: int) -> np.ndarray:
    """``round(v, digits)`` for every v, as Python rounds (the exact binary value, half to even).

    ``rint(v * 10**digits) / 10**digits`` gives the same double unless
    ``v * 10**digits`` lies within rounding error of a half: those few values
    go through Python's ``round``.
    """
    scale = 10.0 ** digits
    scaled = x * scale
    out = np.rint(scaled) / scale
    near_half = np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) < 1e-6
    for k in np.flatnonzero(near_half).tolist():
        out[k] = round(float(x[k]), digits)
    return out


class _VaderScorer:
    def __init__(self) -> None:
        self.rules = _vader_rules()
        self.tokens = _TokenCache(_vader_token)
        self.lowers = _TokenCache(_vader_lower)
        rules = self.rules
        self.kinds = _TokenCache(lambda t: _vader_kind(t, rules))

    def clear(self) -> None:
        self.tokens.clear()
        self.lowers.clear()
        self.kinds.clear()

    def _describe_emojis(self, text: str) -> str:
        emojis = self.rules.emojis
        out = []
        after_space = True
        for ch in text:
            description = emojis.get(ch)
            if description is not None:
                if not after_space:
                    out.append(" ")
                out.append(description)
                after_space = False
            else:
                out.append(ch)
                after_space = ch == " "
        return "".join(out)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Scores of many texts: the per-word work runs once over all their words."""
        rules = self.rules
        texts = list(texts)
        if rules.emoji_screen.search("\n".join(texts)):
            emoji_chars = rules.emoji_chars
            texts = [self._describe_emojis(t) if not emoji_chars.isdisjoint(t) else t
                     for t in texts]
        # vaderSentiment strips each text first; split() ignores the ends anyway
        parts = list(map(str.split, texts))
        counts = list(map(len, parts))
        words = list(chain.from_iterable(parts))
        kinds = list(map(self.kinds.__getitem__, words))
        out = np.zeros((len(texts), 4), dtype=np.float64)
        out[:, 2] = np.asarray(counts) > 0  # words but no valence: neu = 1
        marked = list(compress(range(len(words)), kinds))  # words that score, steer, or "but"
        marked_kinds = list(map(kinds.__getitem__, marked))
        scored = list(compress(marked, map(_SCORED, marked_kinds)))
        near_cue: set[int] = set()  # positions within reach of a word that can steer a score
        for i, kind in zip(marked, marked_kinds, strict=True):
            if kind[2]:
                near_cue.update([i + offset for offset in kind[2]])
        buts = list(compress(marked, map(_BUT, marked_kinds)))
        if not scored:
            return out
        sentence_of = np.repeat(np.arange(len(texts)), counts)
        first_but: dict[int, int] = {}
        for i, k in zip(buts, sentence_of[buts].tolist(), strict=True):
            first_but.setdefault(k, i)
        ends = list(accumulate(counts))
        c_incr = rules.c_incr
        scored_kinds = list(map(kinds.__getitem__, scored))
        values = list(map(_VALENCE, scored_kinds))
        sentence = sentence_of[scored]
        sentence_list = sentence.tolist()
        # words near a cue or in capitals go through the full rules, one by one
        memos: dict[int, list[bool]] = {}
        lows_of: dict[int, list[str]] = {}
        for j in compress(range(len(scored)), map(operator.or_, map(_UPPER, scored_kinds),
                                                  map(near_cue.__contains__, scored))):
            i, k = scored[j], sentence_list[j]
            end = ends[k]
            begin = end - counts[k]
            memo = memos.setdefault(k, [])
            if i in near_cue:
                raw = words[begin:end]
                at = i - begin
                lows = lows_of.get(k)
                if lows is None:
                    lows = lows_of[k] = [""] * (end - begin)
                # the rules read at most three words back and two ahead
                low, high = max(at - 3, 0), at + 3
                lows[low:high] = map(self.lowers.__getitem__, raw[low:high])
                if lows[at] == "kind" and at < end - begin - 1 and lows[at + 1] == "of":
                    values[j] = 0.0  # "kind of": a dampener, no valence of its own
                else:
                    values[j] = self._valence(at, raw, lows, memo)
            elif self._is_cap_diff(words[begin:end], memo):
                v = values[j]
                values[j] = v + c_incr if v > 0 else v - c_incr
        # a word whose valence came out 0 counts as neutral, like a word without one
        nonzero = [v != 0 for v in values]
        values = list(compress(values, nonzero))
        if not values:
            return out
        places = list(compress(scored, nonzero))
        sentence = sentence[np.fromiter(nonzero, dtype=bool, count=len(nonzero))]
        rows_arr, starts, sizes = np.unique(sentence, return_index=True, return_counts=True)
        for k in first_but.keys() & set(rows_arr.tolist()):
            a = int(np.searchsorted(sentence, k, "left"))
            b = int(np.searchsorted(sentence, k, "right"))
            part = values[a:b]
            _but_rule(part, places[a:b], first_but[k])
            values[a:b] = part
        vals = np.array(values, dtype=np.float64)
        n_rows = len(rows_arr)
        row_of = np.repeat(np.arange(n_rows), sizes)
        rank = np.arange(len(vals)) - np.repeat(starts, sizes)
        totals = np.zeros(n_rows)
        positives = np.zeros(n_rows)
        negatives = np.zeros(n_rows)
        plus = np.where(vals > 0, vals + 1, 0.0)
        minus = np.where(vals < 0, vals - 1, 0.0)
        # word by word within each text, in order, as Python adds them
        for r in range(int(sizes.max())):
            at = np.flatnonzero(rank == r)
            who = row_of[at]
            totals[who] += vals[at]
            positives[who] += plus[at]
            negatives[who] += minus[at]
        if _COMPENSATED_SUM:
            # Python 3.12+ sum() compensates rounding: use it for texts with 3+ valences
            for row in np.flatnonzero(sizes >= 3).tolist():
                a = int(starts[row])
                totals[row] = float(sum(values[a:a + int(sizes[row])]))
        rows = rows_arr.tolist()
        neutrals = np.asarray(counts)[rows_arr] - sizes
        out[rows] = _vader_summary([texts[k] for k in rows], totals, positives, negatives,
                                   neutrals)
        return out

    def _is_cap_diff(self, raw: list[str], memo: list[bool]) -> bool:
        if not memo:
            tokens = self.tokens
            caps = sum(1 for t in raw if tokens[t][1])
            memo.append(0 < len(raw) - caps < len(raw))
        return memo[0]

    def _valence(self, i: int, raw: list[str], lows: list[str], memo: list[bool]) -> float:
        rules = self.rules
        lexicon = rules.lexicon
        n = len(lows)
        word = lows[i]
        v = lexicon[word]
        if word == "no" and i != n - 1 and lows[i + 1] in lexicon:
            v = 0.0
        if ((i > 0 and lows[i - 1] == "no") or (i > 1 and lows[i - 2] == "no")
                or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in ("or", "nor"))):
            v = lexicon[word] * rules.n_scalar
        if self.tokens[raw[i]][1] and self._is_cap_diff(raw, memo):
            v = v + rules.c_incr if v > 0 else v - rules.c_incr
        for back in (1, 2, 3):
            j = i - back
            if j < 0:
                break
            before = lows[j]
            if before in lexicon:
                continue
            boost = rules.boosters.get(before)
            if boost is not None:
                s = boost * -1 if v < 0 else boost
                if self.tokens[raw[j]][1] and self._is_cap_diff(raw, memo):
                    s = s + rules.c_incr if v > 0 else s - rules.c_incr
                if back == 2 and s != 0:
                    s = s * 0.95
                elif back == 3 and s != 0:
                    s = s * 0.9
                v = v + s
            v = self._negation(v, lows, back, i)
            if back == 3:
                v = self._idioms(v, lows, i)
        before = lows[i - 1] if i > 0 else ""
        if i > 0 and before == "least" and before not in lexicon:
            if i == 1 or lows[i - 2] not in ("at", "very"):
                v = v * rules.n_scalar
        return v

    def _negated(self, word: str) -> bool:
        return word in self.rules.negate or "n't" in word

    def _negation(self, v: float, lows: list[str], back: int, i: int) -> float:
        n_scalar = self.rules.n_scalar
        if back == 1:
            if self._negated(lows[i - 1]):
                v = v * n_scalar
        elif back == 2:
            if lows[i - 2] == "never" and lows[i - 1] in ("so", "this"):
                v = v * 1.25
            elif lows[i - 2] == "without" and lows[i - 1] == "doubt":
                pass
            elif self._negated(lows[i - 2]):
                v = v * n_scalar
        else:
            if ((lows[i - 3] == "never" and lows[i - 2] in ("so", "this"))
                    or lows[i - 1] in ("so", "this")):
                v = v * 1.25
            elif lows[i - 3] == "without" and "doubt" in (lows[i - 2], lows[i - 1]):
                pass
            elif self._negated(lows[i - 3]):
                v = v * n_scalar
        return v

    def _idioms(self, v: float, lows: list[str], i: int) -> float:
        rules = self.rules
        window = lows[i - 3:i + 3]
        if not any(w in rules.idiom_words for w in window):
            return v
        special, boosters = rules.special, rules.boosters
        w3, w2, w1, w0 = lows[i - 3], lows[i - 2], lows[i - 1], lows[i]
        for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"):
            if seq in special:
                v = special[seq]
                break
        n = len(lows)
        if n - 1 > i and f"{w0} {lows[i + 1]}" in special:
            v = special[f"{w0} {lows[i + 1]}"]
        if n - 1 > i + 1 and f"{w0} {lows[i + 1]} {lows[i + 2]}" in special:
            v = special[f"{w0} {lows[i + 1]} {lows[i + 2]}"]
        for gram in (f"{w3} {w2} {w1}", f"{w3} {w2}", f"{w2} {w1}"):
            if gram in boosters:
                v = v + boosters[gram]
        return v


@lru_cache(maxsize=1)
def _vader_scorer() -> _VaderScorer:
    return _VaderScorer()


def vader_scores(sentences: Sequence[str]) -> np.ndarray:
    """VADER compound, pos, neu and neg of many texts, equal to ``polarity_scores``.

    A reimplementation of vaderSentiment's ``SentimentIntensityAnalyzer``
    (lexicon ``vader_lexicon.txt`` and the emoji descriptions, read from the
    installed vaderSentiment package), rounded as it rounds: compound to 4
    decimals, the shares to 3. About 3 to 5.5 times faster per sentence;
    :func:`parity_report` checks it against the package.

    Parameters
    ----------
    sentences : sequence of str
        Texts, usually one sentence each.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(sentences), 4)``, float64: columns ``vader_compound``
        (-1..1), ``vader_pos``, ``vader_neu``, ``vader_neg`` (shares summing
        to about 1), see :data:`VADER_COLUMNS`. An empty or blank text scores
        0 everywhere, as in vaderSentiment.

    References
    ----------
    Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model
    for sentiment analysis of social media text. ICWSM-14.

    Examples
    --------
    >>> vader_scores(["The plan is not good.", "VERY GOOD!!!", "", "Talks resumed."]).tolist()
    [[-0.3412, 0.0, 0.624, 0.376], [0.6211, 0.803, 0.197, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]]
    """
    return _vader_scorer().scores(sentences)


# ---------------------------------------------------------------------------------------------
# Reference, parity and speed
# ---------------------------------------------------------------------------------------------

def _reference_textblob(sentences: Sequence[str]) -> np.ndarray:
    from textblob import TextBlob

    out = np.zeros((len(sentences), 2), dtype=np.float64)
    for k, text in enumerate(sentences):
        out[k] = TextBlob(text).sentiment
    return out


@lru_cache(maxsize=1)
def _reference_vader_analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _reference_vader(sentences: Sequence[str]) -> np.ndarray:
    analyzer = _reference_vader_analyzer()
    out = np.zeros((len(sentences), 4), dtype=np.float64)
    for k, text in enumerate(sentences):
        d = analyzer.polarity_scores(text)
        out[k] = (d["compound"], d["pos"], d["neu"], d["neg"])
    return out


def parity_report(sentences: Sequence[str], *, tolerance: float = 1e-9) -> dict[str, Any]:
    """Largest absolute difference between the fast scorers and the reference packages.

    Scores every sentence with ``TextBlob(s).sentiment``, vaderSentiment's
    ``polarity_scores``, :func:`textblob_scores` and :func:`vader_scores`.

    Parameters
    ----------
    sentences : sequence of str
    tolerance : float, default=1e-9
        A sentence whose difference on a score exceeds this counts as a mismatch.

    Returns
    -------
    dict
        ``n_sentences``; ``max_abs_diff`` and ``n_mismatch`` (dicts keyed by
        the six score columns); ``worst`` (column -> the sentence with the
        largest difference, only for columns with a mismatch); ``parity``
        (True when no sentence exceeds the tolerance on any score).

    References
    ----------
    Hutto & Gilbert (2014); De Smedt & Daelemans (2012); Loria, TextBlob.

    Examples
    --------
    >>> report = parity_report(["Not bad at all!", "The talks were very productive :)"])
    >>> report["n_sentences"], report["parity"], report["max_abs_diff"]["vader_compound"]
    (2, True, 0.0)
    """
    sentences = list(sentences)
    fast = np.hstack([textblob_scores(sentences), vader_scores(sentences)])
    ref = np.hstack([_reference_textblob(sentences), _reference_vader(sentences)])
    diff = np.abs(fast - ref)
    columns = TEXTBLOB_COLUMNS + VADER_COLUMNS
    report: dict[str, Any] = {"n_sentences": len(sentences), "max_abs_diff": {}, "n_mismatch": {},
                              "worst": {}}
    for c, name in enumerate(columns):
        col = diff[:, c]
        report["max_abs_diff"][name] = float(col.max()) if len(col) else 0.0
        report["n_mismatch"][name] = int((col > tolerance).sum())
        if report["n_mismatch"][name]:
            report["worst"][name] = sentences[int(col.argmax())]
    report["parity"] = not any(report["n_mismatch"].values())
    return report


def bench_sentiment(texts: Sequence[str], *, split: bool = False, chunk: int = 1000) -> dict[str, Any]:
    """Sentences per second of the reference packages and of the fast scorers, in one run.

    Lexicons are loaded before timing. The fast scorers start with empty
    per-token caches. Chunk by chunk, the reference scores the sentences,
    then the fast scorer (``fast``: with the caches as earlier chunks left
    them, so the figure includes filling them), then the fast scorer again
    (``warm``: this chunk's words are cached, as in a long run over a large
    corpus). Taking turns makes a change in the machine's load hit all three
    alike. Rates are wall-clock; the ``cpu`` speed-up uses the process's CPU
    time instead, which other jobs on a shared machine disturb less.

    Parameters
    ----------
    texts : sequence of str
        Sentences, or articles when ``split`` is True.
    split : bool, default=False
        Split each text into sentences with :func:`toolkit.text.split_sentences` first.
    chunk : int, default=1000
        Sentences per turn.

    Returns
    -------
    dict
        ``n_sentences``; for ``textblob`` and ``vader``: ``{name}_reference_per_s``,
        ``{name}_fast_per_s``, ``{name}_speedup`` (fast over reference),
        ``{name}_cpu_speedup``, ``{name}_fast_warm_per_s`` and ``{name}_warm_speedup``.

    References
    ----------
    Hutto & Gilbert (2014); De Smedt & Daelemans (2012); Loria, TextBlob.

    Examples
    --------
    >>> result = bench_sentiment(["A good start. Then it went badly!"], split=True)
    >>> result["n_sentences"], result["vader_speedup"] > 0, result["textblob_warm_speedup"] > 0
    (2, True, True)
    """
    if split:
        from toolkit.text import split_sentences

        sentences = [text[s:e] for text in texts for s, e in split_sentences(text)]
    else:
        sentences = list(texts)
    _reference_textblob(["warm up"])
    _reference_vader(["warm up"])
    result: dict[str, Any] = {"n_sentences": len(sentences)}

    def rate(seconds: float) -> float:
        return len(sentences) / seconds if seconds > 0 else float("inf")

    for name, reference, fast, scorer in (
            ("textblob", _reference_textblob, textblob_scores, _pattern_scorer()),
            ("vader", _reference_vader, vader_scores, _vader_scorer())):
        scorer.clear()
        wall = [0.0, 0.0, 0.0]
        cpu = [0.0, 0.0, 0.0]
        for start in range(0, len(sentences), chunk):
            part = sentences[start:start + chunk]
            # reference, fast as the chunk comes, fast again with the chunk's words cached
            for k, func in enumerate((reference, fast, fast)):
                began, began_cpu = time.perf_counter(), time.process_time()
                func(part)
                wall[k] += time.perf_counter() - began
                cpu[k] += time.process_time() - began_cpu
        result[f"{name}_reference_per_s"] = rate(wall[0])
        result[f"{name}_fast_per_s"] = rate(wall[1])
        result[f"{name}_speedup"] = wall[0] / wall[1] if wall[1] > 0 else float("inf")
        result[f"{name}_cpu_speedup"] = cpu[0] / cpu[1] if cpu[1] > 0 else float("inf")
        result[f"{name}_fast_warm_per_s"] = rate(wall[2])
        result[f"{name}_warm_speedup"] = wall[0] / wall[2] if wall[2] > 0 else float("inf")
    return result
