"""The text layer: sentences and tokens with character offsets, parsed once.

Every metric family reads the same :class:`ParsedDocument`: sentence spans
and token spans are offsets into the *cleaned* text, so a result can always
be traced back to the exact characters it came from
(``text[start:end]``).

The sentence splitter is the toolkit's own rule-based splitter, chosen by
measurement against pysbd and syntok on the seed articles (see
``benchmarks/splitters.py`` and the README): paragraphs are always
boundaries; inside a paragraph a sentence ends at ``.``, ``!`` or ``?``
(optionally followed by closing quotes or brackets) when the next word starts
a new sentence, except after a known abbreviation ("U.S.", "Mr.", "Jan.") or a
single initial. It reads each character once, in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "ParsedDocument",
    "parse_document",
    "parse_corpus",
    "split_sentences",
    "tokenize",
    "sentence_table",
    "counted_rows",
    "guess_language",
    "LEDE_SENTENCES",
]

#: Number of counted sentences at the start of the body that form the lede.
LEDE_SENTENCES = 2

# Abbreviations after which a full stop does not end a sentence (lower case,
# without the final dot).
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt gen lt col sgt capt cmdr adm gov sen rep rev hon pres
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    no nos vol vols fig figs approx est inc corp ltd co bros dept univ assn vs etc al cf ie eg
    u.s u.k u.n e.u u.s.a d.c a.m p.m i.e e.g ph.d""".split()
)

# A candidate boundary: terminal punctuation, optional closing quotes/brackets,
# then whitespace. Bounded quantifiers keep it linear; a match starts only at the
# first mark of a run (the lookbehind, written after the first mark so that the
# pattern starts with a character set the regex engine can scan for quickly) and
# never gives marks back (``++``), so a long run of marks is read once, not once per mark.
_BOUNDARY = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*+[\"'”’»)\]]{0,3}(?=\s)")
_NEXT_START = re.compile(r"\s+([\"'“‘«(\[]{0,3})(\S)")
_WORD_BEFORE = re.compile(r"([\w.]{1,20})$")
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_EN_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for it on was with as be by at this are from or have an".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")
_ASCII = bytes(range(128))
# ASCII letters kept, every other byte (ASCII non-letters and the bytes of non-ASCII characters) a space
_ASCII_LETTERS_ONLY = bytes(c if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))
_EN_FUNCTION_WORDS_BYTES = frozenset(w.encode() for w in _EN_FUNCTION_WORDS)


_OPENERS = "\"“‘«(["
_CLOSERS = "\"'”’»)]"


def _ends_after_word(prev_word: str) -> bool:
    """A full stop after ``prev_word`` ends a sentence unless the word is an abbreviation or an initial."""
    stem = prev_word.casefold().strip(".")
    if stem in _ABBREVIATIONS:
        return False
    # single initials ("John F. Kennedy") and dotted acronyms ("U.N.")
    return not ((len(stem) == 1 and stem.isalpha()) or ("." in stem and len(stem) <= 5))


def _segment(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Sentence spans and the paragraph number of each: paragraphs are always boundaries."""
    spans: list[tuple[int, int]] = []
    paragraph: list[int] = []
    boundaries, next_start, word_before = _BOUNDARY.finditer, _NEXT_START.match, _WORD_BEFORE.search
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    breaks.append((len(text), len(text)))
    p_start = 0
    for number, (p_end, p_next) in enumerate(breaks):
        sent_start = p_start
        for match in boundaries(text, p_start, p_end):
            m_end = match.end()
            nxt = next_start(text, m_end, p_end)
            if nxt is None:
                continue
            c = nxt.group(2)
            if not (c.isupper() or c.isdigit() or c in _OPENERS):
                continue
            if match.group(0).rstrip(_CLOSERS).endswith("."):
                m_start = match.start()
                before = word_before(text, max(p_start, m_start - 20), m_start)
                if not _ends_after_word(before.group(1) if before else ""):
                    continue
            s, e = sent_start, m_end
            if text[s].isspace() or text[e - 1].isspace():
                s, e = _strip_span(text, s, e)
            if e > s:
                spans.append((s, e))
                paragraph.append(number)
            sent_start = nxt.start(1)
        if p_end > sent_start:
            s, e = sent_start, p_end
            if text[s].isspace() or text[e - 1].isspace():
                s, e = _strip_span(text, s, e)
            if e > s:
                spans.append((s, e))
                paragraph.append(number)
        p_start = p_next
    return spans, paragraph


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentences; return ``(start, end)`` offsets.

    Whitespace around sentences is excluded from the spans.

    Examples
    --------
    >>> text = "Mr. Blinken met Wang Yi. “We are clear,” he said. The U.S. side left."
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Mr. Blinken met Wang Yi.', '“We are clear,” he said.', 'The U.S. side left.']
    """
    return _segment(text)[0]


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word and punctuation tokens as ``(start, end)`` offsets.

    Examples
    --------
    >>> text = "China's “deep concerns”."
    >>> [text[s:e] for s, e in tokenize(text)]
    ["China's", '“', 'deep', 'concerns', '”', '.']
    """
    stop = len(text) if end is None else end
    return [m.span() for m in _TOKEN.finditer(text, start, stop)]


def guess_language(text: str) -> str:
    """``"en"`` when English function words are frequent enough, else ``"und"``.

    A deliberately simple check (share of the 25 most common English function
    words among word tokens >= 0.15) that flags non-English text so it is not
    scored with English lexicons.

    Examples
    --------
    >>> guess_language("The minister said that the talks were useful.")
    'en'
    >>> guess_language("Der Minister sagte, die Gespräche seien nützlich gewesen.")
    'und'
    """
    head = text[:20000].casefold()
    data = head.encode("utf-8", "surrogatepass")
    if any(_LETTERS.match(c) for c in set(data.translate(None, _ASCII).decode("utf-8", "surrogatepass"))):
        words = _LETTERS.findall(head)
        n_words, hits = len(words), sum(map(_EN_FUNCTION_WORDS.__contains__, words))
    else:
        # every character outside ASCII separates words, as punctuation does: count the ASCII
        # words on bytes (each is a run of a-z between spaces), the same count as the regex's
        words_ascii = data.translate(_ASCII_LETTERS_ONLY).split()
        n_words, hits = len(words_ascii), sum(map(_EN_FUNCTION_WORDS_BYTES.__contains__, words_ascii))
    if not n_words:
        return "und"
    return "en" if hits / n_words >= 0.15 else "und"


@dataclass(frozen=True)
class ParsedDocument:
    """One article, segmented once and shared by every metric family.

    Attributes
    ----------
    doc_id, outlet, text : str
        Identity and the cleaned text that all offsets point into.
    title : str
        The headline ("" when unknown); it is not part of ``text``.
    language : str
        ISO 639-1 code (``"en"``), or ``"und"`` when not recognised; English
        lexicons should not score a non-English document.
    sentences : list of (start, end)
        Sentence spans in ``text``.
    paragraph : list of int
        Paragraph number of each sentence.
    counted : list of bool
        False for sentences inside a key-points block that repeats the body.
    """

    doc_id: str
    outlet: str
    text: str
    title: str = ""
    language: str = "en"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    paragraph: list[int] = field(default_factory=list)
    counted: list[bool] = field(default_factory=list)
    _word_counts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def word_counts(self) -> list[int]:
        """Number of ``\\w+`` runs in each sentence, computed once per document and kept.

        Examples
        --------
        >>> parse_document("It's here. Two words.").word_counts()
        [3, 2]
        """
        if self._word_counts is None:
            from toolkit.lexmatch import word_run_counts

            object.__setattr__(self, "_word_counts", word_run_counts(self.text, self.sentences))
        return self._word_counts  # type: ignore[return-value]

    def sentence_texts(self) -> list[str]:
        """The sentences as strings."""
        return [self.text[s:e] for s, e in self.sentences]

    def position(self) -> list[str]:
        """``"lede"`` for the first counted sentences, ``"body"`` after, ``"summary"`` if not counted."""
        out, seen = [], 0
        for counted in self.counted:
            if not counted:
                out.append("summary")
                continue
            out.append("lede" if seen < LEDE_SENTENCES else "body")
            seen += 1
        return out


def parse_document(
    text: str,
    *,
    doc_id: str = "",
    outlet: str = "",
    title: str = "",
    language: str = "en",
    summary_spans: Sequence[Sequence[int]] = (),
) -> ParsedDocument:
    """Segment one cleaned text into sentences, with paragraph numbers.

    Examples
    --------
    >>> doc = parse_document("One. Two.\\n\\nThree.", doc_id="d1")
    >>> doc.sentence_texts(), doc.paragraph
    (['One.', 'Two.', 'Three.'], [0, 0, 1])
    """
    spans, paragraph = _segment(text)
    if summary_spans:
        counted = [not any(a <= s and e <= b for a, b in summary_spans) for s, e in spans]
    else:
        counted = [True] * len(spans)
    return ParsedDocument(doc_id, outlet, text, title or "", language, spans, paragraph, counted)


def parse_corpus(corpus: pd.DataFrame) -> list[ParsedDocument]:
    """Parse every article of a corpus (as returned by :func:`toolkit.load_corpus`)."""
    n = len(corpus)
    summaries = corpus["summary_spans"] if "summary_spans" in corpus else [()] * n
    languages = corpus["language"] if "language" in corpus else ["en"] * n
    titles = corpus["title"] if "title" in corpus else [""] * n
    return [
        parse_document(text, doc_id=str(doc_id), outlet=str(outlet),
                       title=title if isinstance(title, str) else "",
                       language=language if isinstance(language, str) else "und",
                       summary_spans=summary if summary is not None else ())
        for doc_id, outlet, title, language, text, summary in zip(
            corpus["doc_id"], corpus["outlet"], titles, languages, corpus["text"], summaries,
            strict=True,
        )
    ]


def sentence_keys(docs: Sequence[ParsedDocument]) -> tuple[np.ndarray, np.ndarray]:
    """``doc_id`` (object) and ``sentence_id`` (int64) of every sentence of ``docs``, in document order."""
    import numpy as np

    lengths = np.array([len(d.sentences) for d in docs], dtype=np.int64)
    ids = np.repeat(np.array([d.doc_id for d in docs], dtype=object), lengths)
    sid = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return ids, sid


def counted_rows(docs: Sequence[ParsedDocument], table: pd.DataFrame) -> pd.DataFrame:
    """The rows of a sentence-keyed table (``doc_id, sentence_id``) whose sentence is counted.

    Sentences of a key-points block that repeats the body are not counted;
    metric families aggregate per article over the counted rows only.
    """
    import numpy as np

    if table.empty:
        return table
    lengths = [len(d.sentences) for d in docs]
    if len(table) == sum(lengths) and len({d.doc_id for d in docs}) == len(docs):
        # the usual table: every sentence of every document, in document order (checked)
        ids, sid = sentence_keys(docs)
        if (table["sentence_id"].to_numpy() == sid).all() and (table["doc_id"].to_numpy() == ids).all():
            flags = np.zeros(len(table), dtype=bool)
            offset = 0
            for d, n in zip(docs, lengths, strict=True):
                m = min(n, len(d.counted))
                flags[offset:offset + m] = [bool(c) for c in d.counted[:m]]
                offset += n
            return table[flags]
    counted = {(d.doc_id, i) for d in docs for i, c in enumerate(d.counted) if c}
    return table[[(d, i) in counted for d, i in zip(table["doc_id"], table["sentence_id"], strict=True)]]


def sentence_table(docs: Sequence[ParsedDocument]) -> pd.DataFrame:
    """One row per sentence.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, start, end, paragraph, position, counted, sentence``
        where ``position`` is ``lede``, ``body`` or ``summary``.
    """
    import pandas as pd

    rows = []
    for doc in docs:
        for i, ((s, e), par, pos, counted) in enumerate(
            zip(doc.sentences, doc.paragraph, doc.position(), doc.counted, strict=True)
        ):
            rows.append((doc.doc_id, doc.outlet, i, s, e, par, pos, counted, doc.text[s:e]))
    return pd.DataFrame(
        rows,
        columns=["doc_id", "outlet", "sentence_id", "start", "end", "paragraph", "position",
                 "counted", "sentence"],
    )
