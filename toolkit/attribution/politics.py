"""The side of a named speaker from how the article introduces them: party and state, or nationality.

A speaker whose name the article gives with the cues of US political reporting
("Sen. Ann Lee (R-Ore.)", "Texas Gov. Ann Lee", "Ann Lee, a Vermont Democrat")
speaks for the US; an office holder introduced with a nationality or a country
("North Korean Vice Foreign Minister Ann Lee", "Iran's foreign minister, Ann Lee")
speaks for that country. Used when the gazetteer and the speaker's own phrase say
nothing. Read by :func:`toolkit.attribution.speakers._resolve`.
"""

from __future__ import annotations

import re

from toolkit.attribution.words import (
    _DEMONYMS,
    _LONG_TITLES,
    _NOT_NAMES,
    _ORG_WORDS,
    _SHORT_TITLES,
    _US_STATES,
    _person_like,
)

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
    out: set[str] = set()
    for full in found:
        out.update(_name_and_surname(full))
    return frozenset(out)


def _name_and_surname(found: str) -> tuple[str, ...]:
    """The person's name in a capitalised run and its surname, or () when the run names no person."""
    parts = found.split()
    # the name starts after any title or body word ("National Committee Chairman Ann Lee")
    cut = max((i + 1 for i, p in enumerate(parts) if p.rstrip(".") in _SHORT_TITLES or p in _LONG_TITLES
               or p.casefold() in _ORG_WORDS or p in _NOT_NAMES), default=0)
    parts = parts[cut:]
    if parts and parts[-1].endswith(("'s", "’s")):
        parts[-1] = parts[-1][:-2]
    if 1 <= len(parts) <= 3 and _person_like(parts):
        return " ".join(parts), parts[-1]
    return ()


#: offices whose holder speaks for a country, found literally first ("Foreign Minister", "Ambassador")
_OFFICE_CUES = re.compile(r"Minister|minister|President|Ambassador|ambassador|Chancellor|Premier|Secretary"
                          r"|[Ss]pokes(?:man|woman|person)|[Ee]nvoy")
#: words that may stand between a nationality and the office ("North Korean Vice Foreign Minister")
_OFFICE_WORDS = frozenset({"vice", "deputy", "foreign", "prime", "defense", "defence", "finance", "interior",
                           "trade", "economy", "environment", "health", "federal", "chief", "senior", "top",
                           "former", "first", "acting", "state", "press", "national", "security", "ministry",
                           "foreign-ministry", "government", "military", "army", "special", "home", "justice",
                           "energy", "oil", "education", "agriculture", "labor", "labour", "culture", "general"})
_OF_DEPARTMENT = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:State|Defen[cs]e|Foreign[^\S\n]+Affairs|Homeland"
                            r"[^\S\n]+Security|Health|Education|Energy|Treasury|Interior|Commerce|Labou?r"
                            r"|Agriculture|Transportation|Justice|Finance)")
#: the countries that attribution's demonyms name ("Australia" for "Australian")
_COUNTRY_NAMES = frozenset(_DEMONYMS.values())
#: nationality words of two words (the one-word ones are attribution's demonyms)
_TWO_WORD_DEMONYMS = {"north korean": "North Korea", "south korean": "South Korea",
                      "south african": "South Africa", "new zealand": "New Zealand"}


def _official_sides(text: str, countries: dict[str, str], demonyms: dict[str, str]) -> list[tuple[str, str]]:
    """``(name, side)`` of the officials an article introduces with their country.

    "Chinese Foreign Minister Wang Yi", "North Korean Vice Foreign Minister
    Kim Kye Gwan", "Australia's Federal Environment Minister Sussan Ley",
    "Iran's foreign minister, Ann Lee": an office holder named after a
    nationality or a country's possessive speaks for that country.
    """
    out: list[tuple[str, str]] = []
    for m in _OFFICE_CUES.finditer(text):
        start, end = m.start(), m.end()
        if start and text[start - 1].isalpha():
            continue
        while end < len(text) and text[end].isalpha():  # "Spokeswoman"; a plural ("Ministers") names no one
            end += 1
        if text[end - 1] == "s" and not text[start:end].endswith(("spokesperson", "Spokesperson")):
            continue
        words = text[max(0, start - 60):start].split()[-5:]
        side = None
        for i in range(len(words) - 1, -1, -1):
            low = words[i].casefold()
            poss = low.endswith(("'s", "’s"))
            key = words[i][:-2] if poss else words[i]
            two = f"{words[i - 1]} {key}" if i else ""
            if poss or words[i][:1].isupper() and (key in countries or key in _COUNTRY_NAMES):
                # "Iran's", "North Korea's", "Australia's"; "UK Foreign Secretary"
                side = countries.get(two) or countries.get(key) or (key if key in _COUNTRY_NAMES else None)
            else:
                side = _TWO_WORD_DEMONYMS.get(two.casefold()) or demonyms.get(low)
            if side or low not in _OFFICE_WORDS:
                break
        if not side:
            continue
        dept = _OF_DEPARTMENT.match(text, end)  # "Secretary of State Ann Lee"
        pos = dept.end() if dept else end
        while pos < len(text) and text[pos] in " \t,":
            pos += 1
        after = _FULL_NAME.match(text, pos)
        if after is not None:
            out.extend((name, side) for name in _name_and_surname(after.group()))
    return out


class _ArticleSides:
    """Sides of the people an article introduces as US politicians or as a country's officials.

    Computed on the first question only (most speakers have a side from the gazetteer or their
    own phrase); a name that the article gives two sides has none.
    """

    __slots__ = ("text", "countries", "demonyms", "found")

    def __init__(self, text: str, countries: dict[str, str], demonyms: dict[str, str]) -> None:
        self.text = text
        self.countries = countries
        self.demonyms = demonyms
        self.found: dict[str, str | None] | None = None

    def get(self, name: str) -> str | None:
        if self.found is None:
            found: dict[str, str | None] = {}
            pairs = [(n, "US") for n in _us_politicians(self.text)]
            pairs += _official_sides(self.text, self.countries, self.demonyms)
            for n, side in pairs:
                found[n] = side if found.get(n, side) == side else None
            self.found = found
        return self.found.get(name)
