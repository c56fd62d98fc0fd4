"""The side of a named speaker from how the article introduces them: party and state, or nationality.

A speaker whose name the article gives with the cues of US political reporting
("Sen. Ann Lee (R-Ore.)", "Texas Gov. Ann Lee", "Ann Lee, a Vermont Democrat")
speaks for the US; an office holder introduced with a nationality or a country
("North Korean Vice Foreign Minister Ann Lee", "Iran's foreign minister, Ann Lee")
speaks for that country. Used when the gazetteer and the speaker's own phrase say
nothing. Read by :func:`toolkit.attribution.speakers._resolve`.

Only the places where the speaker's name occurs are read (found with ``str.find``),
so an article costs a few microseconds per speaker without a side, not a scan.
"""

from __future__ import annotations

import re

from toolkit.attribution.words import _DEMONYMS, _US_STATES

#: a party tag, or a party in apposition, right after the name: "(R-Ore.)", "(D., N.Y.)",
#: ", R-Ore.,", ", a Vermont Democrat", ", the former Republican", ", a Democratic strategist"
_US_AFTER = re.compile(r"[^\S\n]*\((?:[DRI]|Dem|Rep|Ind)\.?(?:-|,[^\S\n]?)[A-Z]|,[^\S\n]+[DRI]-[A-Z]"
                       r"|,[^\S\n]+(?:a|the)[^\S\n]+(?P<where>(?:[\w-]+[^\S\n]+){0,3})(?:Republican|Democrat(?:ic)?|GOP)\b"
                       r"(?![^\S\n]+Unionist)")
#: US political offices ("Sen.", "Gov.", "Attorney General") ending the text before a name
_US_OFFICE = (r"(?:Sen\.|Senator|Rep\.|Representative|Congress(?:wo)?man|Lt\.[^\S\n]+Gov\.|Gov\.|Governor"
              r"|Attorney[^\S\n]+General|Assembly(?:wo)?man)")
#: congressional titles that may follow a party ("Republican House Speaker", "GOP Leader")
_HILL_TITLES = (r"(?:House|Senate|Majority|Minority|Leader|Whip|Speaker|Chair(?:man|woman)?|Conference|Caucus"
                r"|Committee|Judiciary|Intelligence|Oversight|Budget|Finance|Armed|Services|Foreign|Relations)")
#: a party (with up to three lower-case words or congressional titles, and an office) or a state or
#: "U.S." before an office, ending the text before a name: "Republican Sen. ", "Democratic presidential candidate ",
#: "Vermont Democrat ", "Texas Gov. ", "U.S. Rep. "
_US_BEFORE = re.compile(
    rf"(?:(?P<party>(?P<lead>\S+[^\S\n]+)?(?:Republican|Democratic|Democrat|GOP))"
    rf"(?:[^\S\n]+(?:[a-z]+|{_HILL_TITLES})){{0,3}}(?:[^\S\n]+{_US_OFFICE})?"
    rf"|(?P<place>(?:\S+[^\S\n]+)?\S+)[^\S\n]+{_US_OFFICE})[^\S\n]+$")
#: "Rep. Ann Lee of Georgia", "Sen. Tom Hale of North Dakota": an office before, a state after
_US_OFFICE_BEFORE = re.compile(rf"{_US_OFFICE}[^\S\n]+$")
_OF_STATE = re.compile(r"[^\S\n]+of[^\S\n]+(?P<state>[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+)?)")
_US_STATE_NAMES = frozenset(st for st in _US_STATES if st != "Middle East") | {"Virginia", "Georgia", "Washington"}
#: words before a party word that make it another country's ("Liberal Democrat", "Social Democrat")
_NOT_US_PARTY = frozenset({"Liberal", "Social", "Christian", "Free", "Sweden", "Swedish", "European"})
#: an office whose holder speaks for a country, ending the text before a name (with "of State" and
#: a comma: "Secretary of State ", "foreign minister, ")
_OFFICE_BEFORE = re.compile(
    r"(?:Minister|minister|President|Ambassador|ambassador|Chancellor|Premier|Secretary|[Ss]pokes(?:man|woman|person)"
    r"|[Ee]nvoy|Judge|judge|Attorney|Prosecutor|prosecutor|Commissioner|Director|Admiral|General|Chief)(?:[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?(?:State|Defen[cs]e|Foreign[^\S\n]+Affairs|Homeland"
    r"[^\S\n]+Security|Health|Education|Energy|Treasury|Interior|Commerce|Labou?r|Agriculture|Transportation"
    r"|Justice|Finance))?,?[^\S\n]+$")
#: the last words the patterns above can end on
_US_OFFICE_WORDS = frozenset({"Sen.", "Senator", "Rep.", "Representative", "Congressman", "Congresswoman", "Gov.",
                              "Governor", "General", "Assemblyman", "Assemblywoman"})
_OFFICE_LAST_WORDS = frozenset({"Minister", "minister", "President", "Ambassador", "ambassador", "Chancellor",
                                "Premier", "Secretary", "spokesman", "spokeswoman", "spokesperson", "Spokesman",
                                "Spokeswoman", "Spokesperson", "envoy", "Envoy", "State", "Defense", "Defence",
                                "Affairs", "Security", "Health", "Education", "Energy", "Treasury", "Interior",
                                "Commerce", "Labor", "Labour", "Agriculture", "Transportation", "Justice", "Finance",
                                "Judge", "Attorney", "Prosecutor", "Commissioner", "Director", "Admiral", "General",
                                "Chief", "judge", "prosecutor"})
#: words that may stand between a nationality and the office ("North Korean Vice Foreign Minister")
_OFFICE_WORDS = frozenset({"vice", "deputy", "foreign", "prime", "defense", "defence", "finance", "interior",
                           "trade", "economy", "environment", "health", "federal", "chief", "senior", "top",
                           "former", "first", "acting", "state", "press", "national", "security", "ministry",
                           "government", "military", "army", "special", "home", "justice", "energy", "oil",
                           "education", "agriculture", "labor", "labour", "culture", "general", "district",
                           "circuit", "court", "appeals", "supreme", "attorney", "police", "border", "patrol",
                           "intelligence", "navy", "air", "force", "marine", "joint", "staff", "of"})
#: nationality words of two words (the one-word ones are attribution's demonyms)
_TWO_WORD_DEMONYMS = {"north korean": "North Korea", "south korean": "South Korea",
                      "south african": "South Africa", "new zealand": "New Zealand"}
#: the countries that attribution's demonyms name ("Australia" for "Australian")
_COUNTRY_NAMES = frozenset(_DEMONYMS.values())
_MAX_OCCURRENCES = 60  # places read per name
#: any word the cues above need before a name (one quick search decides that a place has none)
_ANY_CUE = re.compile(r"Republican|Democrat|GOP|Sen\.|Senator|Rep\.|Representative|Congress|Gov\.|Governor|Attorney"
                      r"|Assembly|Minister|minister|President|Ambassador|ambassador|Chancellor|Premier|Secretary"
                      r"|[Ss]pokes|[Ee]nvoy|[Jj]udge|[Pp]rosecutor|Commissioner|Director|Admiral|General|Chief")


def _before_name_word(head: str) -> int:
    """Where a capitalised name word (or an initial) ending ``head`` starts ("Tom " in "... Tom "), or -1."""
    stripped = head.rstrip(" \t")
    if len(stripped) == len(head):
        return -1
    cut = max(stripped.rfind(" "), stripped.rfind("\t"), stripped.rfind("\n")) + 1
    word = stripped[cut:]
    if word[:1].isupper() and (word[1:].isalpha() and word[1:].islower() or len(word) == 2 and word[1] == "."):
        return cut
    return -1

def _us_after(after: str) -> bool:
    """Whether a party tag or a party in apposition follows a name ("(R-Ore.)", ", a Vermont Democrat")."""
    m = _US_AFTER.match(after)
    if m is None:
        return False
    where = [w for w in (m.group("where") or "").split() if w[:1].isupper()]  # "a Vermont", "the former"
    return not where or " ".join(where) in _US_STATE_NAMES or where[-1] in _US_STATE_NAMES


def _us_before(before: str) -> bool:
    """Whether the text before a name presents its bearer as a US politician.

    The cues follow US political reporting (the Associated Press Stylebook's
    party and state designations): a party, a state or "U.S." before a
    political office or the name ("Republican Sen. Ann Lee", "Texas Gov. Ann
    Lee", "Vermont Democrat Ann Lee", "U.S. Rep. Ann Lee"); the cues after the
    name are :func:`_us_after`'s.
    """
    before = before[-60:]
    last = before.rsplit(None, 1)[-1] if before.strip() else ""
    if not (last in _US_OFFICE_WORDS or "Republican" in before or "Democrat" in before or "GOP" in before):
        return False  # (the patterns below end in "$": a search tries every start, so only where one can hold)
    m = _US_BEFORE.search(before)
    if m is None:
        return False
    if m.group("party"):
        lead = (m.group("lead") or "").strip()
        return lead not in _NOT_US_PARTY
    place = m.group("place")
    return place.endswith(("U.S.", "US")) or place in _US_STATE_NAMES or place.split()[-1] in _US_STATE_NAMES


def _official_side(before: str, countries: dict[str, str], demonyms: dict[str, str],
                   bodies: dict[str, str] | None = None) -> str | None:
    """The side of an office holder introduced with it.

    A nationality or country ("Chinese Foreign Minister ", "Iran's foreign
    minister, ") or a body of the gazetteer ("White House Press Secretary ",
    "State Department spokesman ", "FBI Director ") before the office.
    """
    before = before[-70:]
    last = before.rsplit(None, 1)[-1].rstrip(",") if before.strip() else ""
    if last not in _OFFICE_LAST_WORDS:
        return None
    envoy = last.casefold() in {"ambassador", "envoy"}
    m = _OFFICE_BEFORE.search(before)
    if m is None:
        return None
    words = before[:m.start()].split()[-5:]
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        low = word.casefold()
        if word[:1].isupper() and not low.endswith(("'s", "’s")):
            # a body or a country of several words: "White House Press Secretary ", "Chinese Foreign Ministry
            # spokesman " (not before an envoy: "NATO Ambassador Ann Lee" is a country's envoy to NATO)
            for n in (3, 2, 1) if i else (1,):
                key = " ".join(words[max(0, i - n + 1):i + 1])
                side = countries.get(key) or (bodies.get(key) if bodies and not envoy else None)
                if side:
                    return side
        poss = low.endswith(("'s", "’s"))
        key = word[:-2] if poss else word
        two = f"{words[i - 1]} {key}" if i else ""
        if poss or word[:1].isupper() and (key in countries or key in _COUNTRY_NAMES):
            # "Iran's", "North Korea's", "Australia's"; "UK Foreign Secretary"
            side = countries.get(two) or countries.get(key) or (key if key in _COUNTRY_NAMES else None)
        else:
            side = _TWO_WORD_DEMONYMS.get(two.casefold()) or demonyms.get(low)
        if side or low not in _OFFICE_WORDS:
            return side
    return None


def side_in_context(text: str, name: str, countries: dict[str, str],
                    demonyms: dict[str, str] = _DEMONYMS, bodies: dict[str, str] | None = None,
                    us_politics: bool = False) -> str | None:
    """The side the article gives a person where it names them (see the module docstring), or None.

    Every place where ``name`` (a full name or a surname) occurs as whole words is
    read; a person the article gives two different sides has none. In an
    article about US politics (``us_politics``: it names a US party or
    Congress), a bare congressional or state title before the name is enough
    ("Sen. Ann Lee", "former Rep. Tom Hale", "Gov. Ann Lee"), unless a
    capitalised word qualifies it ("Australian Senator Ann Lee").

    Examples
    --------
    >>> side_in_context("Sen. Ann Lee (R-Ore.) spoke. Lee said no.", "Lee", {})
    'US'
    >>> side_in_context("Iran's foreign minister, Ann Lee, spoke.", "Ann Lee", {"Iran": "Iran"})
    'Iran'
    >>> side_in_context("FBI Director Ann Lee spoke.", "Ann Lee", {}, bodies={"FBI": "US"})
    'US'
    """
    side: str | None = None
    at = text.find(name)
    seen = 0
    while at >= 0 and seen < _MAX_OCCURRENCES:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            seen += 1
            before = text[max(0, at - 90):at]
            after = text[end:end + 40]
            if not (after[:1] in ("(", ",") or after[:2] == " (") and _ANY_CUE.search(before) is None:
                at = text.find(name, at + 1)
                continue  # most places: no cue at all near the name
            found = "US" if _us_after(after) else None
            if found is None and (state := _OF_STATE.match(after)) is not None and (
                    state.group("state") in _US_STATE_NAMES or state.group("state").split()[0] in _US_STATE_NAMES):
                head = before  # "Rep. Ann Lee of Georgia"
                while (cut := _before_name_word(head)) >= 0:
                    head = head[:cut]
                if _US_OFFICE_BEFORE.search(head[-40:]):
                    found = "US"
            cut = len(before)
            for _ in range(4):  # the office may stand before the first names: "Minister Tom " + "Hale"
                if found:
                    break
                head = before[:cut]
                if _us_before(head) or (us_politics and _bare_us_title(head)):
                    found = "US"
                else:
                    found = _official_side(head, countries, demonyms, bodies)
                cut = _before_name_word(head)
                if cut < 0:
                    break
            if found:
                if side is not None and side != found:
                    return None
                side = found
        at = text.find(name, at + 1)
    return side


#: a bare title of US politics ending the text before a name ("Sen. ", "Rep. ", "Gov. ")
_BARE_US_TITLE = re.compile(r"(?:^|(?P<prev>\S+)[^\S\n]+)(?:Sen\.|Senator|Rep\.|Congress(?:wo)?man|Gov\.|Governor)"
                            r"[^\S\n]+$")
#: words that may qualify such a title and keep it American
_TITLE_QUALIFIERS = frozenset({"former", "the", "then", "late", "retired", "veteran", "freshman", "incoming",
                               "outgoing", "longtime", "state", "u.s.", "us"})


def _bare_us_title(head: str) -> bool:
    """Whether ``head`` ends in a congressional or state title with no foreign qualifier ("former Sen. ")."""
    m = _BARE_US_TITLE.search(head[-40:])
    if m is None:
        return False
    prev = (m.group("prev") or "").strip("“\"(—–-")
    return (not prev or not prev[:1].isupper() or prev.casefold().rstrip(",") in _TITLE_QUALIFIERS
            or prev.endswith((".", ":", ";")))


#: words of an article about US politics
_US_POLITICS = re.compile(r"\b(?:Republicans?|Democrats?|Democratic(?! Republic)|GOP|Capitol Hill|(?<!People's )"
                          r"(?<!People’s )(?<!National )Congress(?:man|woman|ional)?)\b(?<!Christian Democrats)"
                          r"(?<!Social Democrats)(?<!Liberal Democrats)(?<!Christian Democrat)(?<!Social Democrat)"
                          r"(?<!Liberal Democrat)(?<!Christian Democratic)(?<!Social Democratic)")


class _ArticleSides:
    """Sides of an article's named speakers from their context (:func:`side_in_context`), memoised per name."""

    __slots__ = ("text", "countries", "demonyms", "bodies", "found", "us_politics")

    def __init__(self, text: str, countries: dict[str, str], demonyms: dict[str, str],
                 bodies: dict[str, str] | None = None) -> None:
        self.text = text
        self.countries = countries
        self.demonyms = demonyms
        self.bodies = bodies
        self.found: dict[str, str | None] = {}
        self.us_politics: bool | None = None

    def get(self, name: str) -> str | None:
        if name not in self.found:
            if self.us_politics is None:
                self.us_politics = _US_POLITICS.search(self.text) is not None
            self.found[name] = side_in_context(self.text, name, self.countries, self.demonyms, self.bodies,
                                               self.us_politics)
        return self.found[name]
