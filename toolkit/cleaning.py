"""Cleaning that can be audited: page furniture out, every removal recorded.

Scraped news pages carry text that is not the article: buttons ("close",
"Back to top button"), comment-form boilerplate ("Leave a Reply"), link lists
("Related Articles"), and the site's name glued to the headline
("... — RT World News"). :func:`clean_text` removes these, normalises Unicode
(NFC), whitespace and newlines, and returns the cleaned text together with a
record of every removal, so a reader can check that nothing of the article was
lost. Curly and straight quotation marks are left as they are: attribution
needs to tell them apart.

Some sites inline a link card after a politician's name: The Hill prints the
full legal name glued to the headlines of related stories and closes with
"MORE" ("Sen. Ann Lee Ann Marie LeeSenate passes bill ... MORE (R-Ore.) said").
The card is taken out, leaving "Sen. Ann Lee (R-Ore.) said".

A bulleted key-points block at the top that repeats the body is kept in the
text but marked (``summary_spans``), so that metrics can leave it out instead
of counting the same sentences twice.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["CleanedText", "Removal", "clean_text", "normalize_text", "KNOWN_SITE_NAMES"]

#: Whole lines that are page furniture, compared case-insensitively after
#: whitespace is folded. A line of article text never consists of exactly one
#: of these.
FURNITURE_LINES = frozenset(
    s.casefold()
    for s in (
        "close",
        "source link",
        "related articles",
        "related",
        "leave a reply",
        "leave a comment",
        "cancel reply",
        "back to top button",
        "back to top",
        "your email address will not be published. required fields are marked *",
        "advertisement",
        "skip to content",
        "share this article",
        "share",
        "read more",
        "print",
    )
)

#: lines that open with a photo caption's button: NPR's "toggle caption Ann Lee/AP" (a photo credit)
#: and CNN's "Hide Caption 3 of 25 Photos: ..." (a gallery caption), never the article's text
_CAPTION_LINE = re.compile(r"(?:toggle caption|hide caption \d+ of \d+)\b", re.IGNORECASE)

# casefolding never shortens a string, so a longer line is no furniture line
_FURNITURE_MAX = max(map(len, FURNITURE_LINES))

#: Site names that scrapers glue to headlines ("Headline — RT World News").
KNOWN_SITE_NAMES = frozenset(
    s.casefold()
    for s in (
        "RT World News",
        "RT",
        "RT International",
        "NBC Chicago",
        "NBC News",
        "NBC New York",
        "CNBC",
        "CNN",
        "CNN Politics",
        "Fox News",
        "Reuters",
        "AP News",
        "BBC News",
        "The Guardian",
        "The New York Times",
        "HuffPost",
        "Al Jazeera",
        "Global Times",
        "Xinhua",
        "TASS",
        "The Washington Post",
        "Politico",
    )
)

_SITE_SUFFIX = re.compile(r"^(?P<title>.{8,}?)\s+[—–|\-]\s+(?P<site>[^—–|]{2,60})$")
_BULLET = re.compile(r"^[•·▪●◦‣∙*\-–]\s+")
_HSPACE = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")
_NEWLINE_CHARS = "\r\u2028\u2029\x85\x0b\x0c"
_NEWLINES = re.compile(f"\r\n|[{_NEWLINE_CHARS}]")
#: Whitespace (``str.isspace``) other than the space and the newline.
_OTHER_SPACES = ("\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                 "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_WORD = re.compile(r"\w+")
#: a link card: a name, the same person's legal name (up to five words: names, initials, a nickname in
#: parentheses) ending in the same surname glued to the next word, a headline or two, then "MORE"
_CARD_NAME = re.compile(r"(?<![\w'’-])(?P<last>[A-Z][a-z][\w'’-]*) (?P<legal>(?:[A-Z][a-z]*\.? |\([A-Z][a-z]+\) ){1,5})"
                        r"(?P=last)(?=[A-Z0-9'‘“\"]| MORE\b)")
_CARD_END = re.compile(r" MORE\b")
_CARD_SPAN = 700  # longest card seen: two headlines


@dataclass(frozen=True)
class Removal:
    """One piece of text that cleaning took out.

    ``kind`` is ``furniture``, ``site_name``, ``headline``, ``link_card`` (a
    name's link card with related headlines, inside a line) or ``invisible``
    (zero-width characters, soft hyphens and byte-order marks inside a line).

    ``start`` and ``end`` are offsets into the *normalised* raw text (NFC,
    newlines as ``\\n``), so ``normalize_text(raw)[start:end] == text``.
    """

    kind: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class CleanedText:
    """Result of :func:`clean_text`."""

    text: str
    title: str | None
    removals: tuple[Removal, ...] = field(default_factory=tuple)
    summary_spans: tuple[tuple[int, int], ...] = field(default_factory=tuple)


def normalize_text(raw: str) -> str:
    """Unicode NFC, and every newline convention turned into ``\\n``.

    Examples
    --------
    >>> normalize_text("Cafe\\u0301\\r\\nnext")
    'Café\\nnext'
    """
    text = unicodedata.normalize("NFC", raw)
    # a substring test per character is much quicker than a regex scan, and most texts have none of them
    if any(c in text for c in _NEWLINE_CHARS):
        return _NEWLINES.sub("\n", text)
    return text


def _invisible(line: str, start: int) -> list[Removal]:
    """Zero-width characters, soft hyphens and byte-order marks in a kept line, as removals."""
    return [Removal("invisible", m.group(0), start + m.start(), start + m.end()) for m in _INVISIBLE.finditer(line)]


def _fold(line: str) -> str:
    # NFC again: taking out a zero-width character can bring a letter and its
    # combining mark together ("e\u200b\u0301"), and cleaning must be idempotent
    return " ".join(unicodedata.normalize("NFC", _INVISIBLE.sub("", line)).split())


def _split_site(line: str, outlet: str | None) -> tuple[str, str] | None:
    match = _SITE_SUFFIX.match(line)
    if not match:
        return None
    site = match["site"].strip()
    key = site.casefold()
    if key in KNOWN_SITE_NAMES or (outlet and outlet.casefold() in key):
        return match["title"].strip(), site
    return None


def _link_cards(folded: str, line: str, start: int) -> tuple[str, list[Removal]]:
    """``folded`` without its link cards, and their removals (offsets found in the raw ``line``).

    A card whose text cannot be found verbatim in the raw line (its spacing
    was folded) is kept, so that every removal's offsets hold.
    """
    removals: list[Removal] = []
    pieces: list[str] = []
    pos = line_pos = 0
    for m in _CARD_NAME.finditer(folded):
        if m.start() < pos:
            continue
        end = _CARD_END.search(folded, m.end(), m.end() + _CARD_SPAN)
        if end is None:
            continue
        cut_start, cut_end = m.start("legal") - 1, end.end()
        card = folded[cut_start:cut_end]
        at = line.find(card, line_pos)
        if at < 0:
            continue
        line_pos = at + len(card)
        removals.append(Removal("link_card", card, start + at, start + at + len(card)))
        pieces.append(folded[pos:cut_start])
        pos = cut_end
    if not removals:
        return folded, removals
    pieces.append(folded[pos:])
    return "".join(pieces), removals


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _repeats_body(bullets: list[str], body: str) -> bool:
    """True when the bullets restate the body (most of their words recur in it)."""
    body_words = _words(body)
    if not body_words:
        return False
    hits = 0
    for bullet in bullets:
        words = _words(bullet)
        if words and len(words & body_words) / len(words) >= 0.8:
            hits += 1
    return hits * 2 >= len(bullets)


def clean_text(raw: str, *, title: str | None = None, outlet: str | None = None) -> CleanedText:
    """Remove page furniture from a scraped article and record each removal.

    Parameters
    ----------
    raw : str
        The text as scraped.
    title : str, optional
        The headline, when metadata gives it. A first line equal to it (with or
        without a site name glued on) is taken out of the body.
    outlet : str, optional
        The outlet's name, used to recognise it when glued to the headline.

    Returns
    -------
    CleanedText
        ``text`` (paragraphs separated by one blank line), ``title`` (from the
        metadata, else a headline recognised by a site-name suffix),
        ``removals`` (kind, text and offsets into the normalised raw text) and
        ``summary_spans`` (offsets into ``text`` of a key-points block that
        repeats the body).

    Examples
    --------
    >>> cleaned = clean_text("close\\nHeadline here today — RT World News\\n\\nBody text.\\n\\nSource link")
    >>> cleaned.title, cleaned.text
    ('Headline here today', 'Body text.')
    >>> [r.kind for r in cleaned.removals]
    ['furniture', 'site_name', 'headline', 'furniture']
    """
    norm = normalize_text(raw)
    removals: list[Removal] = []
    paragraphs: list[str] = []
    bullets: list[int] = []  # indices into paragraphs of leading bullet lines
    seen_content = False
    found_title = title
    taken: str | None = None  # the headline taken out; copies of it right after go too
    offset = 0
    # most articles hold no zero-width character: then a line is folded by its whitespace alone (each line of
    # an NFC text is NFC, as a newline composes with nothing) and nothing invisible is recorded
    invisible = any(c in norm for c in _INVISIBLE_CHARS)
    # and most hold no whitespace but spaces and newlines: then a line without a double, leading or
    # trailing space is already folded
    plain = not invisible and not any(c in norm for c in _OTHER_SPACES)
    for line in norm.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if invisible:
            folded = _fold(line)
        elif plain and "  " not in line and line[:1] != " " and line[-1:] != " ":
            folded = line
        else:
            folded = " ".join(line.split())
        if not folded:
            if invisible:
                removals.extend(_invisible(line, start))
            continue
        if (len(folded) <= _FURNITURE_MAX and folded.casefold() in FURNITURE_LINES) or (
                folded[:1] in "tThH" and _CAPTION_LINE.match(folded)):
            removals.append(Removal("furniture", line, start, start + len(line)))
            continue
        if not seen_content or (taken is not None and not paragraphs):
            first, seen_content = not seen_content, True
            split = _split_site(folded, outlet)
            headline = split[0] if split else folded
            if (headline == taken) or (first and ((title is not None and _fold(title) == headline)
                                                  or (title is None and split))):
                if split:
                    at = start + line.rfind(split[1])
                    removals.append(Removal("site_name", split[1], at, at + len(split[1])))
                found_title = title if title is not None else headline
                taken = headline
                removals.append(Removal("headline", line, start, start + len(line)))
                continue
        if invisible:
            removals.extend(_invisible(line, start))
        if "MORE" in folded:
            folded, cards = _link_cards(folded, line, start)
            removals.extend(cards)
        if _BULLET.match(folded) and len(bullets) == len(paragraphs):
            bullets.append(len(paragraphs))
            folded = "• " + _BULLET.sub("", folded)
        paragraphs.append(folded)

    summary: tuple[tuple[int, int], ...] = ()
    if bullets:
        rest = "\n\n".join(paragraphs[len(bullets):])
        if _repeats_body([paragraphs[i] for i in bullets], rest):
            end = sum(len(paragraphs[i]) + 2 for i in bullets) - 2
            summary = ((0, end),)
    return CleanedText(
        text="\n\n".join(paragraphs),
        title=found_title,
        removals=tuple(removals),
        summary_spans=summary,
    )
