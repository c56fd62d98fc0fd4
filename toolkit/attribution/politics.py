"""US politicians in an article, from the cues of US political reporting (party tags, party and state).

A speaker whose name the article gives with such a cue ("Sen. Ann Lee (R-Ore.)",
"Texas Gov. Ann Lee", "Ann Lee, a Vermont Democrat") speaks for the US when the
gazetteer does not say otherwise. Read by :func:`toolkit.attribution.speakers._resolve`.
"""

from __future__ import annotations

import re

from toolkit.attribution.words import _LONG_TITLES, _NOT_NAMES, _ORG_WORDS, _SHORT_TITLES, _US_STATES, _person_like

_NAME_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)?"
_FULL_NAME = re.compile(rf"{_NAME_WORD}(?:[^\S\n]+(?:[A-Z]\.[^\S\n]+)?{_NAME_WORD}){{0,4}}")
_NAME_BEFORE = re.compile(rf"(?P<name>{_FULL_NAME.pattern})[^\S\n]*$")
#: the words that US political reporting puts around a politician's name (found literally first:
#: a scan with a leading \b or a list of states is several times slower)
_US_CUES = re.compile(r"Republican|Democrat|GOP|Sen\.|Senator|Rep\.|Representative|Congress(?:wo)?man|Gov\."
                      r"|Governor|Attorney General|Assembly(?:wo)?man|\((?:[DRI]|Dem|Rep|Ind)\.?(?:-|, ?)[A-Z]"
                      r"|, [DRI]-[A-Z]")
_PARTY_WORDS = ("Republican", "Democrat", "GOP")
_US_STATE_NAMES = frozenset(st for st in _US_STATES if st != "Middle East") | {"Virginia", "Georgia", "Washington"}
#: lower-case words between a party and the name ("Democratic presidential candidate Ann Lee")
_LOWER_RUN = re.compile(r"(?:[^\S\n]+[a-z]+){0,2}[^\S\n]+")
_OFFICE_AFTER = re.compile(r"(?:Sen\.|Senator|Rep\.|Representative|Congress(?:wo)?man|Gov\.|Governor"
                           r"|Attorney General|Assembly(?:wo)?man)[^\S\n]+")
#: words before a party word that make it another country's ("Liberal Democrat", "Social Democrat")
_NOT_US_PARTY_BEFORE = ("Liberal", "Social", "Christian", "Free", "Sweden", "Swedish", "European")


def _us_politicians(text: str) -> frozenset[str]:
    """Full names and surnames that the article presents as US politicians.

    The cues are those of US political reporting (Associated Press
    Stylebook conventions for party and state designations): a party tag after
    the name ("Sen. Ann Lee (R-Ore.)", "Ann Lee, R-Ore.,"), a party or state
    before a political title or the name ("Republican Sen. Ann Lee", "Texas Gov.
    Ann Lee", "Vermont Democrat Ann Lee", "U.S. Rep. Ann Lee"), or "Ann Lee, a
    Vermont Democrat". Such a speaker's affiliation is US when the gazetteer has none.
    """
    found: list[str] = []
    for m in _US_CUES.finditer(text):
        start, cue = m.start(), m.group()
        before = text[max(0, start - 30):start]
        if cue[0] in "(,":  # a party tag after the name
            name = _NAME_BEFORE.search(before)
            if name is not None:
                found.append(name.group("name"))
            continue
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        party = cue.startswith(_PARTY_WORDS)
        if party and before.rstrip().endswith(_NOT_US_PARTY_BEFORE):
            continue
        head = before.rstrip()
        last_two = head.split()[-2:]
        qualified = party or head.endswith(("U.S.", " US", "Republican", "Democratic", "Democrat")) or bool(
            last_two) and (last_two[-1] in _US_STATE_NAMES or " ".join(last_two) in _US_STATE_NAMES)
        if not qualified:
            continue
        if party and head.endswith((", a", ", the")) or party and head.split()[-2:-1] in (["a"], ["the"]) and (
                "," in head[-25:]):
            # "Ann Lee, a Vermont Democrat": the name before the comma
            comma = head.rfind(",")
            name = _NAME_BEFORE.search(head, 0, comma)
            if name is not None:
                found.append(name.group("name"))
            continue
        pos = m.end()
        if party:
            while pos < len(text) and text[pos].isalpha():  # "Democratic", "Republicans"
                pos += 1
            if text[pos - 1:pos] == "s":
                continue  # "Democrats", "Republicans": a group
            run = _LOWER_RUN.match(text, pos)
            pos = run.end() if run else pos
            office = _OFFICE_AFTER.match(text, pos)
            pos = office.end() if office else pos
        else:
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        after = _FULL_NAME.match(text, pos)
        if after is not None:
            found.append(after.group())
    out = set()
    for full in found:
        parts = full.split()
        # the name starts after any title or body word ("National Committee Chairman Ann Lee")
        cut = max((i + 1 for i, p in enumerate(parts) if p.rstrip(".") in _SHORT_TITLES or p in _LONG_TITLES
                   or p.casefold() in _ORG_WORDS or p in _NOT_NAMES), default=0)
        parts = parts[cut:]
        if parts and parts[-1].endswith(("'s", "’s")):
            parts[-1] = parts[-1][:-2]
        if 1 <= len(parts) <= 3 and _person_like(parts):
            out.add(" ".join(parts))
            out.add(parts[-1])
    return frozenset(out)


class _UsPoliticians:
    """The article's US politicians (:func:`_us_politicians`), found on the first question only."""

    __slots__ = ("text", "found")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: frozenset[str] | None = None

    def __contains__(self, name: object) -> bool:
        if self.found is None:
            self.found = _us_politicians(self.text)
        return name in self.found
