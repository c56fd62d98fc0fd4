"""Quotation marks: pairing marks within a paragraph, quote kinds, positions inside quotes.

Quotation marks are paired with a small state machine (curly, straight,
guillemets and single curly quotes; straight marks may close curly ones; an
opening mark left open is closed at the paragraph boundary, so an unbalanced
quote never swallows the next paragraph).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from toolkit.attribution.words import _MEDIA_WORDS, _SPAN

# quotation marks; a right single quote before a letter or digit is an apostrophe ("don’t",
# "China’s") that the pairing below never reads, so it is not returned
_QMARK = re.compile(r"[“”\"«»‘’](?<!’(?=[^\W_]))")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORDS = re.compile(r"\w+")


class Attribution(NamedTuple):
    """One quote and who it is attributed to; ``text[start:end]`` is the quote."""

    kind: str
    start: int
    end: int
    cue_pos: int
    speaker: str
    verb: str | None
    paragraph: int
    cue: str  # "after", "before", "sentence", "continuation", "possessive", "indirect", "none"



def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans



def _mark_spans(text: str, start: int, end: int, marks: Sequence[int]) -> list[tuple[int, int, bool]]:
    """Quote content spans ``(open_end, close_start, closed)`` in one paragraph.

    ``marks`` are the positions of the quotation marks in ``text[start:end]``,
    in order. An opening mark never pairs across the paragraph end: a quote
    still open there ends at the paragraph boundary (``closed`` False).
    """
    out: list[tuple[int, int, bool]] = []
    opener = ""  # "" | "d" (double curly or straight) | "g" (guillemet) | "s" (single curly)
    open_end = 0
    nested = False
    for pos in marks:
        ch = text[pos]
        prev = text[pos - 1] if pos > start else " "
        nxt = text[pos + 1] if pos + 1 < end else " "
        if not opener:
            if ch == "“" or (ch == '"' and not nxt.isspace()):
                opener, open_end, nested = "d", pos + 1, False
            elif ch == "«":
                opener, open_end = "g", pos + 1
            elif ch == "‘" and not prev.isalnum():
                opener, open_end = "s", pos + 1
            continue
        if opener == "d":
            if ch == "“":
                if prev.isspace() and not nested and pos - open_end > 0 and text[pos - 2] in ".!?,:":
                    out.append((open_end, pos, False))  # unclosed quote restarts
                    open_end = pos + 1
                elif prev.isspace() and not nested:
                    nested = True  # a quote inside the quote
            elif ch == "”":
                if nested:
                    nested = False
                else:
                    out.append((open_end, pos, True))
                    opener = ""
            elif ch == '"':
                if prev.isspace() and not nested and not nxt.isspace():
                    nested = True
                elif nested:
                    nested = False
                else:
                    out.append((open_end, pos, True))
                    opener = ""
        elif opener == "g":
            if ch == "»":
                out.append((open_end, pos, True))
                opener = ""
        elif opener == "s":
            if ch == "’" and not nxt.isalnum():
                out.append((open_end, pos, True))
                opener = ""
            elif ch == "“":
                opener, open_end, nested = "d", pos + 1, False
    if opener:
        out.append((open_end, end, False))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _kind(text: str, q_start: int, q_end: int, prefix: str) -> str:
    if not prefix or prefix.endswith(":"):
        return "direct"
    first = text[q_start:q_start + 1]
    if prefix.endswith(","):
        return "direct" if first.isupper() else "partial"
    if first.isupper() and (text[q_end - 1:q_end] in ".?!" or text.find(". ", q_start, q_end) >= 0) and (
            len(text[q_start:q_end].split(None, 4)) >= 4):
        return "direct"
    return "partial"



#: nouns that name a work, a measure or an event, right after a quoted title ("his “Audit the Fed”
#: bill", "the “Tax Reform 2.0” package", "NBC’s “Today” show")
_TITLE_NOUNS_AFTER = frozenset({
    "bill", "bills", "act", "amendment", "law", "package", "plan", "program", "programme", "initiative",
    "operation", "book", "books", "show", "shows", "film", "movie", "song", "album", "series",
    "podcast", "documentary", "segment", "column", "novel", "memoir", "play", "musical", "tour", "scandal",
    "scandals", "incident", "spirit", "analogy", "model", "t-shirts", "shirts", "slogan", "doctrine"})
#: words right before a quoted title ("a tell-all book, “A Higher Loyalty,”", "the paper, “Shopping
#: for Water”", "under the heading, “AWKWARD”")
_TITLE_NOUNS_BEFORE = frozenset({
    "book", "film", "movie", "show", "song", "album", "novel", "memoir", "paper", "essay", "article",
    "column", "documentary", "series", "podcast", "play", "program", "programme", "titled", "entitled",
    "heading", "headline", "on", "told"})
#: "author of “North Korea Demystified”"
_TITLE_OF = frozenset({"author", "authors", "co-author", "title", "host", "creator", "director"})
_TITLE_SMALL = frozenset({"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with",
                          "from", "vs", "vs.", "as", "is"})


def _title_case(quote: str) -> bool:
    """Whether ``quote`` is a short run of capitalised words ("Meet the Press", "A Higher Loyalty")."""
    words = quote.split()
    if not words or len(words) > 10:
        return False
    for i, w in enumerate(words):
        core = w.strip("“”\"‘’'([,.:;!?-—–")
        if not core:
            continue
        if not (core[0].isupper() or core[0].isdigit() or (i and core.casefold() in _TITLE_SMALL)):
            return False
    return words[0].strip("“”\"‘’'([")[:1].isupper()


def _is_title(text: str, q_start: int, q_end: int, open_mark: int, close_mark: int) -> bool:
    """Whether the quote ``text[q_start:q_end]`` is a title or a name, not speech.

    A short title-case quote right after a media outlet's possessive ("CNN’s
    “New Day”", "CBS’ “Face the Nation”"), right after a noun that introduces
    a work or a show ("a tell-all book, “A Higher Loyalty”", "said on “New Day”", "author of “North Korea
    Demystified”") or right before a noun that names one ("his “Audit the
    Fed” bill", "the “Tax Reform 2.0” package").
    """
    if q_end - q_start > 120 or not _title_case(text[q_start:q_end]):
        return False
    before = text[max(0, open_mark - 40):open_mark].rstrip().rstrip(",").split()
    if before:
        last = before[-1]
        low = last.casefold().strip("(")
        stem = ""
        if low.endswith(("’s", "'s")):
            stem = last[:-2]
        elif low.endswith(("s’", "s'")):
            stem = last[:-1]
        if stem and ((stem.isupper() and 2 <= len(stem) <= 6) or stem.casefold() in _MEDIA_WORDS):
            return True
        if low in _TITLE_NOUNS_BEFORE or (low == "of" and len(before) > 1 and before[-2].casefold() in _TITLE_OF):
            return True
    if close_mark >= 0 and text[close_mark - 1:close_mark] not in (",", ".", "!", "?", ";", ":"):
        after = text[close_mark + 1:close_mark + 30].split(None, 1)
        if after and after[0].casefold().rstrip(",.;:") in _TITLE_NOUNS_AFTER:
            return True
    return False


def _sentence_of(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)



def _inside(quotes: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of the sorted, disjoint ``quotes``."""
    i = bisect_right(quotes, (pos, 1 << 62)) - 1
    return i >= 0 and quotes[i][0] <= pos < quotes[i][1]


def _overlaps(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a quote of the sorted, disjoint ``quotes`` starts in ``[start, end)``."""
    i = bisect_right(quotes, (start, -1))
    return i < len(quotes) and quotes[i][0] < end


def _outside_quotes(text: str, start: int, end: int, quotes: list[tuple[int, int]]) -> str:
    """The last ``_SPAN`` characters of ``text[start:end]``, cut after the last quote ending inside."""
    start = max(start, end - _SPAN)
    i = bisect_right(quotes, (end, 1 << 62)) - 1
    while i >= 0 and quotes[i][1] + 1 > end:
        i -= 1
    if i >= 0 and quotes[i][1] + 1 >= start:
        start = quotes[i][1] + 1
    return text[start:end]

