"""Stance and certainty markers: hedges, factives, assertives, implicatives, report verbs,
intensifiers and the bias lexicon, per sentence, article and outlet.

How a writer frames a claim shows in small words. A factive verb presents its
complement as true ("officials *pointed out* that ..." is, in Hooper's list,
an assertive; "*revealed* that ..." is factive); a hedge lowers the writer's
commitment ("*could*", "*apparently*"); a report verb attributes a statement
and can colour it ("*claimed*", "*slammed*"); an intensifier amplifies
("*deeply* concerned"). Counting them per 1,000 words gives rates that can be
compared across outlets, and :func:`find_stance_markers` lists every matched
word so a reader can check why a rate is high. A marker rate is a
description of wording, not a measure of bias on its own: a hedge may be
honest caution, a report verb may be the only accurate one.

Matching is one pass per article over all lexicons at once: a single
pattern (every word that can start a marker, see :mod:`toolkit.lexmatch`)
finds the candidate tokens of the case-folded text, and a single phrase table
(a dictionary keyed by token tuples, up to the longest phrase) is probed at
each candidate, longest phrase first; the result equals probing every token of
every sentence, which is what the reference matcher does and what documents
the pass cannot handle exactly fall back to. A
phrase listed in several lexicons ("claim": hedge, assertive, report verb)
counts once in each. Lemma lists (factives, assertives, implicatives, report
verbs, bias lexicon) are expanded to inflected forms by rule (-s, -ed, -ing,
with a short table of irregular verbs; the first word of a phrase is
inflected: "points out", "pointed out"); Hyland's hedges and the intensifiers
are matched as listed. A capitalised word inside a sentence (not after an
opening quotation mark or colon) is taken as part of a name and not matched,
so "Secretary of State", "United States", the month "May" and "China" (an
entry of the bias lexicon) do not count; the first word of a sentence is
matched whatever its case. Documents that are not English are not scored.

References
----------
Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic
models for analyzing and detecting biased language. ACL 2013 (the bias
lexicon, the report verbs, and the use of these lists).
Hooper, J. B. (1975). On assertive predicates. Syntax and Semantics 4
(assertives, factives).
Karttunen, L. (1971). Implicative verbs. Language 47(2) (implicatives).
Hyland, K. (2005). Metadiscourse: Exploring Interaction in Writing.
Continuum (hedges).
Quirk, R., Greenbaum, S., Leech, G. & Svartvik, J. (1985). A Comprehensive
Grammar of the English Language. Longman, 8.104-8.113 (amplifiers; the
toolkit's intensifier list).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from toolkit.metrics import Measurements, MetricSpec
from toolkit.text import ParsedDocument, counted_rows, tokenize

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "LEXICONS",
    "StanceLexicon",
    "load_stance_lexicons",
    "find_stance_markers",
    "sentence_metrics",
    "article_metrics",
    "stance_by_outlet",
    "METRICS",
]


@dataclass(frozen=True)
class StanceLexicon:
    """One marker list: its key, file, what a match means, and whether to inflect it."""

    key: str
    label: str
    file: str
    gloss: str
    inflect: bool


#: The lexicons, in reporting order.
LEXICONS: tuple[StanceLexicon, ...] = (
    StanceLexicon("hedges", "Hedges", "stance/hedges.txt",
                  "hedge: lowers the writer's commitment to the claim (Hyland 2005)", False),
    StanceLexicon("factives", "Factives", "stance/factives.txt",
                  "factive: presents the complement as true (Hooper 1975)", True),
    StanceLexicon("assertives", "Assertives", "stance/assertives.txt",
                  "assertive: asserts the complement with some commitment (Hooper 1975)", True),
    StanceLexicon("implicatives", "Implicatives", "stance/implicatives.txt",
                  "implicative: implies the truth or falsity of its complement (Karttunen 1971)",
                  True),
    StanceLexicon("report_verbs", "Report verbs", "stance/report_verbs.txt",
                  "report verb: attributes a statement, and may colour it (Recasens et al. 2013)",
                  True),
    StanceLexicon("intensifiers", "Intensifiers", "stance/intensifiers.txt",
                  "intensifier: amplifies what it modifies (Quirk et al. 1985)", False),
    StanceLexicon("bias", "Bias lexicon", "stance/bias_lexicon.txt",
                  "bias lexicon: a word often removed by NPOV edits (Recasens et al. 2013)", True),
)

METRICS = tuple(
    MetricSpec(f"stance_{lex.key}", f"{lex.label} per 1,000 words", "stance",
               f"{lex.key}_x1000", weight="stance_words", unit="per 1,000 words")
    for lex in LEXICONS
)

_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "know": ["knew", "known"], "find": ["found"],
    "see": ["saw", "seen"], "forget": ["forgot", "forgotten"], "learn": ["learnt"],
    "feel": ["felt"], "think": ["thought"], "write": ["wrote", "written"], "hear": ["heard"],
    "mean": ["meant"], "teach": ["taught"], "swear": ["swore", "sworn"],
    "show": ["shown"], "get": ["got", "gotten"], "keep": ["kept"], "choose": ["chose", "chosen"],
    "forbid": ["forbade", "forbidden"], "foretell": ["foretold"], "sing": ["sang", "sung"],
    "make": ["made"], "take": ["took", "taken"], "give": ["gave", "given"],
    "speak": ["spoke", "spoken"], "understand": ["understood"], "withdraw": ["withdrew", "withdrawn"],
    "fight": ["fought"], "lead": ["led"], "bring": ["brought"], "seek": ["sought"],
    "lose": ["lost"], "win": ["won"], "hold": ["held"], "rise": ["rose", "risen"],
    "fall": ["fell", "fallen"], "strike": ["struck"], "begin": ["began", "begun"],
}
_VOWELS = set("aeiou")
_OPENERS = frozenset(['"', "“", "‘", "'", "«", ":", "—", "–", "(", "["])


def _inflections(word: str) -> set[str]:
    """Regular -s, -ed and -ing forms of a lemma, plus known irregular forms."""
    forms = {word, *_IRREGULAR.get(word, [])}
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        # consonant doubling for short consonant-vowel-consonant words: "admit" -> "admitted"
        if (word[-1] not in _VOWELS | set("wxy") and word[-2] in _VOWELS
                and word[-3] not in _VOWELS and len(word) <= 6):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


def _entries(text: str) -> list[str]:
    return [line.strip().casefold() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=65536)
def _norm(token: str) -> str:
    return token.casefold().replace("’", "'")


@lru_cache(maxsize=1)
def load_stance_lexicons() -> dict[str, dict[tuple[str, ...], str]]:
    """The shipped lexicons: lexicon key -> {token tuple of a surface form: lexicon entry}.

    Returns
    -------
    dict
        For each key of :data:`LEXICONS`, a mapping from a matched form (as a
        tuple of lower-case tokens, inflected where the lexicon is a lemma
        list) to the entry it comes from.

    References
    ----------
    Recasens et al. (2013); Hooper (1975); Karttunen (1971); Hyland (2005).

    Examples
    --------
    >>> lex = load_stance_lexicons()
    >>> lex["factives"][("revealed",)], lex["assertives"][("pointed", "out")]
    ('reveal', 'point out')
    """
    from toolkit.resources import read_data_text

    out: dict[str, dict[tuple[str, ...], str]] = {}
    for lex in LEXICONS:
        forms: dict[tuple[str, ...], str] = {}
        for entry in _entries(read_data_text(lex.file)):
            tokens = [_norm(entry[s:e]) for s, e in tokenize(entry)]
            if not tokens:
                continue
            heads = _inflections(tokens[0]) if lex.inflect else {tokens[0]}
            for head in sorted(heads):
                forms.setdefault((head, *tokens[1:]), entry)
        out[lex.key] = forms
    return out


@lru_cache(maxsize=1)
def _phrase_table() -> tuple[dict[tuple[str, ...], tuple[tuple[str, str], ...]], dict[str, tuple[int, ...]]]:
    """One table for all lexicons: form -> ((lexicon key, entry), ...), and for each first
    word the lengths of the forms that start with it, longest first."""
    table: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for key, forms in load_stance_lexicons().items():
        for form, entry in forms.items():
            table.setdefault(form, []).append((key, entry))
    lengths: dict[str, set[int]] = {}
    for form in table:
        lengths.setdefault(form[0], set()).add(len(form))
    return ({f: tuple(v) for f, v in table.items()},
            {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})


def _scan(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int, tuple[tuple[str, str], ...]]]]:
    """The reference matcher: words in ``text[start:end]`` and its matches ``(start, end, hit)``.

    ``hit`` is the phrase table's ``((lexicon, entry), ...)`` for the matched form. It reads
    every token; :func:`_scan_document` gets the same answer faster and falls back to this.
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
    heads = {w: _TOKEN_END if (w,) in table else
             _TOKEN_END + r"(?=\s+" + trie_pattern(dict.fromkeys(following[w], _TOKEN_END)) + ")"
             for w in starts}
    # the non-word character before the token is part of the match (run over the text with a
    # space in front), so the engine only tries the alternation after non-word characters
    pattern = re.compile(r"\W(?<!\w[-'’.])" + trie_pattern(heads))
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
    return _scan_docs(docs).markers


class _Scanned(NamedTuple):
    sentences: pd.DataFrame
    markers: pd.DataFrame
    #: per doc_id, the matched words of its counted sentences (``"factives: revealed x2"``)
    described: dict[str, str]
    #: which rows of ``sentences`` and ``markers`` are in counted sentences (None: use counted_rows)
    sentence_counted: np.ndarray | None
    marker_counted: np.ndarray | None


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

    # one row per (match, lexicon) pair of the matched form
    n_rows = len(words)
    hit_len = np.array([len(h) for h in hits] or [0], dtype=np.int64)
    hit_offset = np.cumsum(hit_len) - hit_len
    pair_key = np.array([key_index[k] for h in hits for k, _ in h], dtype=np.int64)
    ids = np.array(match_hits, dtype=np.int64)
    reps = hit_len[ids]
    per_match = np.repeat(np.arange(len(ids)), reps)
    pair = hit_offset[ids][per_match] + np.arange(int(reps.sum())) - np.repeat(np.cumsum(reps) - reps, reps)
    rows = np.array(match_rows, dtype=np.int64)[per_match]
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
    match_doc = doc_of_row[np.array(match_rows, dtype=np.int64)] if match_rows else np.zeros(0, dtype=np.int64)
    texts = [doc.text for doc in docs]
    surfaces = [texts[d][a:b] for d, a, b in zip(match_doc.tolist(), match_starts, match_ends, strict=True)]
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
        keep = is_counted[np.array(match_rows, dtype=np.int64)]
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
    code_of: dict[str, int] = {}
    match_code = np.array([code_of.setdefault(s, len(code_of)) for s in surfaces], dtype=np.int64)
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
    Recasens et al. (2013); see the module docstring.

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
    Recasens et al. (2013); see the module docstring.

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
    Recasens et al. (2013); see the module docstring.

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
    scan = _scan_docs(docs, describe=True)
    markers = scan.markers
    epistemic = markers[markers["lexicon"].isin(MARKED_LEXICONS)]
    marks = epistemic.assign(kind="stance", label=epistemic["lexicon"] + ": " + epistemic["match"])
    return Measurements(scan.sentences, _articles_from(docs, scan),
                        {"stance_markers": markers, "stance_marks": marks[["doc_id", "start", "end", "kind", "label"]]
                         .reset_index(drop=True)})
