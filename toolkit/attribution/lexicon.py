"""The reporting-verb lexicon: inflected forms, lemma and connotation class.

The shipped list (``toolkit/data/quote_verbs.tsv``, card beside it) joins the
GenderGapTracker quote-verb allow-list (MIT) with the report verbs of
Recasens et al. (2013), grouped by lemma and given a connotation class by hand.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.errors import InputError

__all__ = ["QuoteVerbs", "load_quote_verbs", "VERB_CLASSES", "words_regex"]

#: Connotation classes, in the order the metrics report them.
VERB_CLASSES = ("neutral", "endorsing", "distancing", "alarm", "denial", "criticism", "concession",
                "emphasis", "appeal", "commitment", "hedging", "praise")


def words_regex(words: list[str]) -> str:
    """A regular expression (no groups) matching any of ``words``, built as a prefix tree.

    A flat alternation of hundreds of words is tried word by word at every
    position; the tree shares prefixes, so a position is rejected after a
    character or two.

    Examples
    --------
    >>> pattern = re.compile(r"\\b(?:" + words_regex(["said", "says", "say", "told"]) + r")\\b")
    >>> [m.group(0) for m in pattern.finditer("He says, she said, they told, I sayed")]
    ['says', 'said', 'told']
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True, eq=False)
class QuoteVerbs:
    """Reporting verbs: every inflected form maps to its lemma and class.

    Examples
    --------
    >>> verbs = load_quote_verbs()
    >>> verbs.lemma("warned"), verbs.verb_class("warned")
    ('warn', 'alarm')
    >>> verbs.lemma("pointed out"), verbs.verb_class("pointed out")
    ('point out', 'endorsing')
    """

    forms: dict[str, str]
    classes: dict[str, str]
    version: str = ""
    pattern: str = field(default="", repr=False)

    def lemma(self, form: str) -> str | None:
        """The lemma of an inflected form (case-insensitive), or None."""
        return self.forms.get(" ".join(form.casefold().split()))

    def verb_class(self, form: str) -> str | None:
        """The connotation class of an inflected form, or None."""
        lemma = self.lemma(form)
        return None if lemma is None else self.classes[lemma]


def parse_quote_verbs(text: str, source: str = "quote_verbs.tsv") -> QuoteVerbs:
    """Read a lexicon in the shipped TSV shape (``lemma, forms, class, source``).

    Raises
    ------
    toolkit.errors.InputError
        A missing column, an unknown class, or a form listed under two lemmas.
    """
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    needed = {"lemma", "forms", "class"}
    if reader.fieldnames is None or not needed <= set(reader.fieldnames):
        raise InputError("a quote-verb lexicon needs the columns lemma, forms, class", path=source)
    forms: dict[str, str] = {}
    classes: dict[str, str] = {}
    for line, row in enumerate(reader, 2):
        lemma = (row["lemma"] or "").strip()
        cls = (row["class"] or "").strip()
        if not lemma or cls not in VERB_CLASSES:
            raise InputError(f"bad lemma or class {cls!r}", path=source, line=line)
        classes[lemma] = cls
        for form in (row["forms"] or "").split(","):
            form = " ".join(form.casefold().split())
            if not form:
                continue
            if forms.get(form, lemma) != lemma:
                raise InputError(f"form {form!r} listed under {forms[form]!r} and {lemma!r}",
                                 path=source, line=line)
            forms[form] = lemma
    if not forms:
        raise InputError("the quote-verb lexicon is empty", path=source)
    alternatives = sorted(forms, key=len, reverse=True)
    pattern = words_regex([f.replace(" ", "\0") for f in alternatives]).replace("\\\x00", r"\s+")
    pattern = pattern.replace("\x00", r"\s+")
    return QuoteVerbs(forms, classes, "", pattern)


@lru_cache(maxsize=1)
def load_quote_verbs() -> QuoteVerbs:
    """The shipped reporting-verb lexicon (``toolkit/data/quote_verbs.tsv``).

    References
    ----------
    Asr, F. T., Mazraeh, M., Lopes, A., Gautam, V., Gonzales, J., Rao, P. &
    Taboada, M. (2021). The Gender Gap Tracker: Using natural language
    processing to measure gender bias in media. PLoS ONE 16(1): e0245533.
    Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013).
    Linguistic models for analyzing and detecting biased language. ACL.

    Examples
    --------
    >>> load_quote_verbs().verb_class("denied")
    'denial'
    """
    from toolkit.resources import checksum, data_path, read_data_text

    verbs = parse_quote_verbs(read_data_text("quote_verbs.tsv"))
    return QuoteVerbs(verbs.forms, verbs.classes, checksum(data_path("quote_verbs.tsv"))[:12],
                      verbs.pattern)
