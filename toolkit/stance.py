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

Matching is one pass per sentence over all lexicons at once: the sentence is
tokenised, and a single phrase table (a dictionary keyed by token tuples, up
to the longest phrase) is probed at each token, longest phrase first. A
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

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit.metrics import Measurements, MetricSpec
from toolkit.text import ParsedDocument, counted_rows, tokenize

if TYPE_CHECKING:
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


def _scan(text: str, start: int, end: int) -> tuple[int, list[tuple[int, int, str, str]]]:
    """Words in ``text[start:end]`` and its matches ``(start, end, lexicon, entry)``, one pass."""
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

    matches: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(words):
        for n in starts.get(words[i], ()):
            if i + n > len(words):
                continue
            hit = table.get(tuple(words[i:i + n]))
            if hit and any(name_like(j) for j in range(i, i + n)):
                continue
            if hit:
                matches.extend((spans[i][0], spans[i + n - 1][1], key, entry) for key, entry in hit)
                i += n
                break
        else:
            i += 1
    return n_words, matches


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
    return _scan_docs(docs)[1]


def _scan_docs(docs: Sequence[ParsedDocument]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One pass over every sentence: the per-sentence counts and every matched marker."""
    import pandas as pd

    keys = [lex.key for lex in LEXICONS]
    gloss = {lex.key: lex.gloss for lex in LEXICONS}
    rows, markers = [], []
    for doc in docs:
        english = doc.language == "en"
        for sid, (s, e) in enumerate(doc.sentences):
            n_words, matches = _scan(doc.text, s, e)
            hits = {k: 0.0 for k in keys} if english else {k: float("nan") for k in keys}
            for ms, me, key, entry in (matches if english else []):
                hits[key] += 1
                markers.append((doc.doc_id, doc.outlet, sid, ms, me, doc.text[ms:me], entry, key, gloss[key]))
            row: dict[str, object] = {"doc_id": doc.doc_id, "sentence_id": sid,
                                      "stance_scored": english, "stance_words": n_words}
            for k in keys:
                row[f"{k}_hits"] = hits[k]
                row[f"{k}_x1000"] = 1000.0 * hits[k]
            rows.append(row)
    columns = ["doc_id", "sentence_id", "stance_scored", "stance_words",
               *(c for k in keys for c in (f"{k}_hits", f"{k}_x1000"))]
    return (pd.DataFrame(rows, columns=columns),
            pd.DataFrame(markers, columns=["doc_id", "outlet", "sentence_id", "start", "end", "match",
                                           "entry", "lexicon", "gloss"]))


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
    return _scan_docs(docs)[0]


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
    return _articles_from(docs, *_scan_docs(docs))


def _articles_from(docs: Sequence[ParsedDocument], sentences: pd.DataFrame, markers: pd.DataFrame
                   ) -> pd.DataFrame:
    import pandas as pd

    keys = [lex.key for lex in LEXICONS]
    kept = counted_rows(docs, sentences)
    sums = kept.groupby("doc_id", sort=False)[["stance_words", *(f"{k}_hits" for k in keys)]].sum(
        min_count=1)
    order = pd.Index([doc.doc_id for doc in docs], name="doc_id")
    out = sums.reindex(order)
    english = pd.Series([doc.language == "en" for doc in docs], index=order)
    for k in keys:
        out.loc[~english, f"{k}_hits"] = float("nan")
        words = out["stance_words"].where(out["stance_words"] > 0)
        out[f"{k}_per_1000w"] = 1000.0 * out[f"{k}_hits"] / words
    described = _describe_all(counted_rows(docs, markers))
    out["stance_matches"] = [described.get(d, "") for d in order]
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
    sentences, markers = _scan_docs(docs)
    epistemic = markers[markers["lexicon"].isin(MARKED_LEXICONS)]
    marks = epistemic.assign(kind="stance", label=epistemic["lexicon"] + ": " + epistemic["match"])
    return Measurements(sentences, _articles_from(docs, sentences, markers),
                        {"stance_markers": markers, "stance_marks": marks[["doc_id", "start", "end", "kind", "label"]]
                         .reset_index(drop=True)})
