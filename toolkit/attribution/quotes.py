"""Quotation marks: pairing marks within a paragraph, quote kinds, titles and labels, positions inside quotes.

Quotation marks are paired with a small state machine (curly, straight,
guillemets and single curly quotes; straight marks may close curly ones; two
apostrophes, straight or curly, close a double quote as in some wire copy:
``"...,'' said X``; an opening mark left open is closed at the paragraph
boundary, so an unbalanced quote never swallows the next paragraph).

A quoted span that names or mentions something rather than reporting speech is
no quote (:func:`_is_title`): a title after an outlet's possessive or next to a
noun such as book or bill, a short title-case name with no reporting verb next
to it ("the “Weekend of Resistance”", "“Black Lives Matter” grew ..."), and a
span mentioned as words or as a label ("the word “donor”", "so-called
“experts”", "the slogan “...”", "known as “...”"): quotation marks used to
mention an expression, not to report its use by a source. These are the
project's own heuristics, no published method: they were set on two manual
reviews of unseen articles (docs/reviews/attribution-2026-12-06b and -c), where
partial quotes had the lowest precision and such labels were their most frequent
error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from toolkit.attribution.lexicon import load_quote_verbs
from toolkit.attribution.words import _MEDIA_WORDS, _SPAN

# quotation marks; a right single quote before a letter or digit is an apostrophe ("don’t",
# "China’s") that the pairing below never reads, so it is not returned; of two straight
# apostrophes used as a closing double quote ("...,'' said X") the first is returned
_QMARK = re.compile(r"[“”\"«»‘’'](?<!’(?=[^\W_]))(?<!'(?!'))")
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
            if ch in "’'":
                if nxt == ch and not prev.isspace():  # "...,’’ said X": a doubled single closes
                    if nested:
                        nested = False
                    else:
                        out.append((open_end, pos + 1, True))
                        opener = ""
            elif ch == "“":
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
    """``text[start:end]`` without the spaces around it, a trailing comma and the first half of a
    doubled closing mark ("...,’’ said X")."""
    if start < end < len(text) and text[end - 1] in "’'" and text[end] == text[end - 1]:
        end -= 1
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


#: nouns right before a quote that mention it as words ("the word “donor”", "a term, “...”"); with
#: a determiner only, since "in his words, “...”" introduces speech
_MENTION_NOUNS = frozenset({"word", "words", "term", "terms", "phrase", "phrases", "expression"})
_MENTION_DETERMINERS = frozenset({"the", "a", "an", "that", "this", "these", "those", "another", "its"})
#: words right before a quote that make it a label whatever precedes them ("so-called “experts”",
#: "the slogan “...”", "a report titled “...”", "a practice known as “...”")
#: verbs of uttering outside the reporting lexicon, before "the word(s)/phrase" ("choking out the words")
_UTTER = frozenset({"utter", "utters", "uttered", "uttering", "out", "repeat", "repeats", "repeated",
                    "repeating", "chanted", "chanting", "shouted", "shouting", "yelled", "yelling"})
_LABEL_WORDS = frozenset({
    "so-called", "slogan", "slogans", "motto", "hashtag", "headline", "headlines", "headlined", "titled",
    "entitled", "catchphrase", "buzzword", "moniker", "nickname", "acronym", "euphemism", "mantra"})
#: verbs that name with a speaker's own label ("dubbed him “Little Marco”"): a title-case quote
#: after one of them may be speech, as may one next to a reporting verb (the shipped lexicon)
_NAMING_WORDS = frozenset({"dub", "dubs", "dubbed", "dubbing", "label", "labels", "labeled", "labelled",
                           "labeling", "labelling", "brand", "brands", "branded", "branding", "nicknamed",
                           "deride", "derides", "derided", "deriding", "mocked", "mocking", "chanted",
                           "chanting", "chant", "chants", "shouted", "shouting", "yelled", "yelling"})
#: words that open another clause after a quote: a verb past them reports no speech of the quote
_CLAUSE_WORDS = frozenset({"where", "which", "who", "whom", "whose", "that", "when", "because", "while",
                           "and", "but", "in", "after", "before", "to"})
#: the end of a sentence inside a short window (not "U.S. ", "Mr. ", "Sen. ")
_SENTENCE_BREAK = re.compile(r"(?<=[a-z]{3}[.!?])\s|(?<=[.!?][\"”’])\s|\n")
_SUBJECTS = frozenset({"he", "she", "it", "they", "i", "we", "you"})
_SENTENCE_END = re.compile(r"[.!?…]['’\"”)]*(?:\s|$)")
_EDGE = "“”\"‘’'()[],.:;!?—–-"


def _is_mention(text: str, open_mark: int, quote: str) -> bool:
    """Whether ``quote``, opening at ``open_mark``, is mentioned rather than reported.

    A quote of up to ten words right after "so-called", a label noun ("the
    slogan “...”", "a report titled “...”"), "known as", or a noun that
    mentions words with a determiner before it ("the word “donor”", "the
    phrase, “...”") is a label or a word used as a word; not after a verb of
    saying ("saying the word “...”", "choking out the words “...”") nor after
    a colon before more than two words ("used the phrase: “...”").
    """
    before = text[max(0, open_mark - 40):open_mark].rsplit(None, 2)[-2:]
    if not before:
        return False
    last = before[-1].casefold().rstrip(",:").replace("–", "-")
    prev = before[0].casefold() if len(before) > 1 else ""
    if last in _MENTION_NOUNS and prev in _MENTION_DETERMINERS:
        # "saying the word “...”", "choking out the words “...”", "uttered the phrase “...”": speech
        verb = text[max(0, open_mark - 60):open_mark].rsplit(None, 3)[-3:-2]
        if verb and (verb[0].casefold() in load_quote_verbs().forms or verb[0].casefold() in _UTTER):
            return False
        if before[-1].endswith(":") and len(quote.split(None, 3)) > 2:
            return False  # "X used the phrase: “This is not our first ...”": a colon brings speech
    elif not (last in _LABEL_WORDS or (last, prev) in (("as", "known"), ("called", "so"))):
        return False
    return len(quote.split(None, 10)) <= 10


def _is_name(text: str, quote: str, open_mark: int, close_mark: int) -> bool:
    """Whether a title-case ``quote`` is the name of something, not speech ("the “Weekend of
    Resistance”", "her “Douglass Plan”", "“Black Lives Matter” grew ...").

    Two to eight capitalised words (``_title_case``, also past a leading number
    or a "&") with no sentence end inside name a plan, an event, a group, a
    work or a movement, unless a reporting verb of the shipped lexicon or a
    naming verb stands earlier in the sentence (up to 100 characters before
    the opening mark: "He tweeted Monday that schools “MUST OPEN”", "Trump
    dubbed him “Little Marco”") or among the five words after the closing
    mark before another clause opens ("“Health Silk Road,” Mr. Xi was quoted
    as telling"), or a pronoun follows a comma-closed quote ("“Dear Friends,”
    it began"). Spoken title case (a chant, a tweet in capitals) nearly always
    has such a cue; a name nearly never does. In the manual reviews of unseen
    articles (docs/reviews/attribution-2026-12-06b and -c) every quote this
    reads as a name had been judged not speech.
    """
    words = [w for w in quote.split() if w != "&"]  # "Law & Order"
    if not 2 <= len(words) <= 8 or _SENTENCE_END.search(quote) or not (
            _title_case(" ".join(words)) or (words[0].isdigit() and _title_case(" ".join(words[1:])))):
        return False
    forms = load_quote_verbs().forms
    before = text[max(0, open_mark - 100):open_mark]
    cut = 0
    for m in _SENTENCE_BREAK.finditer(before):
        cut = m.end()
    for w in before[cut:].split():  # the sentence so far: "He tweeted Monday that schools “MUST OPEN”"
        low = w.strip(_EDGE).casefold()
        if low in forms or low in _NAMING_WORDS:
            return False
    after = text[close_mark + 1:close_mark + 60].split()[:5] if close_mark >= 0 else []
    if after and after[0].casefold() in _SUBJECTS and (quote.endswith(",") or text[close_mark - 1] == ","):
        return False  # "“Dear Friends,” it began."
    for w in after:
        low = w.strip(_EDGE).casefold()
        if low in _CLAUSE_WORDS:
            break  # "“Hands Up Sabbath,” where clergy were asked to ...": another clause's verb
        if low in forms or low in _NAMING_WORDS:
            return False
    return True


def _is_title(text: str, q_start: int, q_end: int, open_mark: int, close_mark: int) -> bool:
    """Whether the quote ``text[q_start:q_end]`` is a title, a name or a label, not speech.

    A short title-case quote right after a media outlet's possessive ("CNN’s
    “New Day”", "CBS’ “Face the Nation”"), right after a noun that introduces
    a work or a show ("a tell-all book, “A Higher Loyalty”", "said on “New Day”", "author of “North Korea
    Demystified”") or right before a noun that names one ("his “Audit the
    Fed” bill", "the “Tax Reform 2.0” package"); a title-case name with no
    reporting verb next to it (:func:`_is_name`); a quote mentioned as words
    or as a label (:func:`_is_mention`).
    """
    if q_end - q_start > 120:
        return False
    quote = text[q_start:q_end]
    if _is_mention(text, open_mark, quote):
        return True
    if not _title_case(quote):  # "Law & Order", "10 Most Wanted": title case past a "&" or a number
        return ("&" in quote or quote[:1].isdigit()) and _is_name(text, quote, open_mark, close_mark)
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
    return _is_name(text, quote, open_mark, close_mark)


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

