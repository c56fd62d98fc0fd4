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

from toolkit.attribution.words import _SPAN

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

