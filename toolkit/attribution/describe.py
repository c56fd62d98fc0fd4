"""A speaker phrase, read alone: its source kind, role, side and canonical name (:func:`_describe`).

"Chinese Foreign Ministry spokesman Mao Ning" is the named person Mao Ning, on China's side;
"a senior US official" an anonymous official of the US; "the State Department" an
organisation; "the Trump campaign" an organisation and "a spokesman for Pelosi" an anonymous
source, both on the side of the person they name; "Melania Trump" is not Donald Trump.
Context (pronouns, earlier names, the article's own cues) is added by
:mod:`toolkit.attribution.speakers`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from toolkit.attribution.words import (
    _DEMONYMS,
    _DETERMINERS,
    _FEMALE_NAMES,
    _LONG_TITLES,
    _MALE_NAMES,
    _MEDIA_WORDS,
    _NAME_PARTICLES,
    _NOT_NAMES,
    _ORG_WORDS,
    _PLACE_WORDS,
    _PLURAL_ROLES,
    _ROLE_NOUNS,
    _TITLES,
)
from toolkit.gazetteer import Entity, Gazetteer, Mention

_PLACE_PREPOSITIONS = frozenset({"in", "at", "from", "for", "to"})
_HONORIFICS = frozenset({"pope", "pontiff", "king", "queen", "prince", "princess", "emperor", "premier",
                         "chancellor", "archbishop", "cardinal", "bishop", "dalai", "ayatollah"})
#: more words that stand before a name as its title ("Senate Majority Whip", "CNN correspondent")
_NAME_TITLES = frozenset({"whip", "leader", "speaker", "chair", "chairperson", "correspondent", "editor",
                          "columnist", "anchor", "host", "strategist", "pollster", "commissioner"})
_QUANTIFIERS = frozenset({"others", "some", "many", "most", "few", "several", "all", "both"})
_ACRONYM = re.compile(r"[A-Z]{2,6}")  # "CBO", "KCNA": a body's initials, never a person's name here


class Speaker(NamedTuple):
    """A resolved speaker (a named tuple: built tens of thousands of times per corpus)."""

    surface: str
    canonical: str
    source_kind: str
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    plural: bool = False



def _possessed_name(surface: str, mention: Mention) -> str:
    """The name after an outlet's or a body's possessive ending ``surface`` ("MSNBC's Rachel Maddow"), or ""."""
    rest = surface[mention.end:]
    if not rest.startswith(("'s ", "’s ")):
        return ""
    name = rest[3:].split()
    if 2 <= len(name) <= 4 and all(w[:1].isupper() and (w[1:].islower() or len(w) == 2 and w[1] == ".")
                                   for w in name):
        return " ".join(name)
    return ""


def _describe(surface: str, gaz: Gazetteer) -> Speaker:
    """Source kind, role and affiliation of a speaker phrase, without context."""
    words = surface.split()
    lows = [w.casefold().strip(".,’'") for w in words]
    mentions = gaz.find(surface)
    if mentions and " New " in f" {surface} ":  # "the New Mexico governor" is no Mexican
        mentions = [mm for mm in mentions if surface[max(0, mm.start - 4):mm.start] != "New "]
    persons = [mm.entity for mm in mentions if mm.entity.type == "person"]
    role = next((_ROLE_NOUNS[w] for w in reversed(lows) if w in _ROLE_NOUNS), None)
    plural = lows[-1] in _PLURAL_ROLES if lows else False
    if persons:
        e = persons[-1]
        modified = _person_as_modifier(surface, words, lows, mentions, e, role)
        if modified is not None:
            return modified
        title = next((w for w in lows if w in ("mr", "mrs", "ms")), None)
        if title is not None and e.gender is not None and (title == "mr") != (e.gender == "male"):
            # "Mrs. Obama" is not Barack Obama
            surname = surface[mentions[-1].start:mentions[-1].end].split()[-1]
            return Speaker(surface, f"{title.capitalize()}. {surname}", "named_person", role, None,
                           "male" if title == "mr" else "female")
        other = _namesake(surface, mentions, e)
        if other:  # "Melania Trump" is not Donald Trump
            return Speaker(surface, other, "named_person", role, None, _name_gender(other))
        return Speaker(surface, e.name, "named_person", role or e.role, e.affiliation, e.gender)
    if lows and lows[-1] in _PARTY_MEMBERS and not any(w in _NON_US_PARTY for w in lows):
        # "the New Hampshire Democrat", "a Republican", "Senate Republicans": a US party's member(s);
        # "the ..." is resolved to the person named before it (:func:`_resolve`)
        if lows[-1] in _PARTY_GROUPS or lows[-1] == "gop":
            return Speaker(surface, _strip_det(surface), "organization", None, "US")
        return Speaker(surface, _strip_det(surface), "anonymous", None, "US")
    tie = _tie(words, lows)
    if tie:  # "A source close to Ann Lee", "A person familiar with the matter": an anonymous source
        side = next((mm.entity.affiliation for mm in mentions if mm.entity.affiliation), None)
        return Speaker(surface, _strip_det(surface), "anonymous", _ROLE_NOUNS.get(lows[tie - 1], "source"), side,
                       plural=any(w in _PLURAL_ROLES or w in {"allies", "friends", "associates"} for w in lows[:tie]))
    media = [mm.entity for mm in mentions if mm.entity.type == "media"]
    affiliation = next((mm.entity.affiliation for mm in mentions if mm.entity.affiliation), None)
    if affiliation is None:
        affiliation = next((_DEMONYMS[w] for i, w in enumerate(lows) if w in _DEMONYMS and not (
            i == len(lows) - 1 and i > 0 and words[i - 1][:1].isupper() and lows[i - 1] not in _TITLES
            and lows[i - 1] not in _DEMONYMS and lows[i - 1] not in _DETERMINERS
            and lows[i - 1] not in _QUANTIFIERS)), None)  # "Howard French" is no Frenchman
    det = bool(lows) and lows[0] in _DETERMINERS and not words[0][0].isupper() or (
        bool(lows) and lows[0] in {"a", "an", "the", "one", "two", "some", "several", "many"})
    anonymous_head = lows[-1] in _ROLE_NOUNS and _ROLE_NOUNS[lows[-1]] not in {
        "statement", "organization"}
    if media and not anonymous_head:
        journalist = _titled_name(words, lows) if any(
            w in _ROLE_NOUNS or w in _TITLES or w in _NAME_TITLES for w in lows[1:]) else ""
        if not journalist:  # "MSNBC's Rachel Maddow": the outlet's person
            journalist = _possessed_name(surface, mentions[-1])
        if journalist and gaz.lookup(journalist) is None:  # "CNN Polling Director Tom Hale"
            return Speaker(surface, journalist, "named_person", role, media[-1].affiliation,
                           _name_gender(journalist))
        return Speaker(surface, media[-1].name, "media", None, media[-1].affiliation)
    if not anonymous_head and not persons and not media:  # "A U.S. official in Iraq": the place sets
        prep = next((i for i in range(1, len(lows) - 1) if lows[i] in _PLACE_PREPOSITIONS), 0)
        anonymous_head = prep > 1 and lows[prep - 1] in _ROLE_NOUNS and _ROLE_NOUNS[lows[prep - 1]] not in {
            "statement", "organization"} and lows[0] in _DETERMINERS  # the affiliation only
    if anonymous_head:
        if role == "head_of_state" and len(words) > 1 and words[-1][0].isupper():
            pass
        else:
            return Speaker(surface, _strip_det(surface), "anonymous", role, affiliation,
                           plural=plural)
    if "of" in lows[1:] and not persons:  # "Sen. Ann Lee of North Dakota": the person, not the state
        of_at = lows.index("of", 1)
        j = max((k for k in range(of_at) if lows[k] in _TITLES or lows[k] in _ROLE_NOUNS
                 or lows[k] in {"whip", "leader", "speaker"}), default=-1)
        tail = words[j + 1:of_at]
        if j >= 0 and 2 <= len(tail) <= 4 and all(
                (w[:1].isupper() and w.casefold().strip(".") not in _TITLES and w.casefold() not in _ORG_WORDS
                 and w.casefold() not in _MEDIA_WORDS and w.casefold() not in _PLACE_WORDS)
                or (0 < i < len(tail) - 1 and w in _NAME_PARTICLES) for i, w in enumerate(tail)):
            who = " ".join(tail)
            return Speaker(surface, who, "named_person", role, affiliation, _name_gender(who))
    orgs = [mm.entity for mm in mentions if mm.entity.type in ("organization", "country")]
    titled = None  # found when first needed
    # "White House spokesman Tom Hale": the person, not the White House
    if orgs and any(w in _ROLE_NOUNS or w in _TITLES or w in _NAME_TITLES
                    for w in lows[1:]):  # "Former FBI Director Ann Lee", "DNC Chair Tom Hale"
        titled = _titled_name(words, lows)
        if titled and gaz.lookup(titled) is None:
            return Speaker(surface, titled, "named_person", role, affiliation, _name_gender(titled))
    if len(mentions) == 1 and orgs and mentions[0].start > 0 and " " not in surface[mentions[0].start:]:
        first = surface[:mentions[0].start].split()[-1]
        if first in _MALE_NAMES or first in _FEMALE_NAMES:  # "Rep. Steve Israel": a person
            who = f"{first} {surface[mentions[0].start:]}"
            return Speaker(surface, who, "named_person", role, None, _name_gender(who))
    if orgs and (len(mentions) == 1 or not any(w[0].isupper() and w.casefold() not in _TITLES
                                               and gaz.lookup(w) is None for w in words)):
        e = orgs[-1]
        return Speaker(surface, e.name, "organization", e.role if e.type == "organization" else None,
                       e.affiliation, plural=False)
    if "of" in lows[2:] and not persons:  # "Ann Lee of the Acme Institute": the person, not the institute
        head = words[:lows.index("of", 2)]
        if all(w[:1].isupper() for w in head):
            who = _titled_name(head, lows[:len(head)]) or (
                " ".join(head) if len(head) <= 3 and not any(w.casefold().strip(".") in _TITLES
                                                            or w.casefold() in _ORG_WORDS for w in head) else "")
            if who:
                return Speaker(surface, who, "named_person", role, affiliation, _name_gender(who))
    if titled is None:
        titled = _titled_name(words, lows)
    if titled:  # "House Speaker Ann Lee", "Senate Majority Leader Tom Hale": a person, not the House
        return Speaker(surface, titled, "named_person", role, affiliation, _name_gender(titled))
    if any(w in _MEDIA_WORDS for w in lows) and any(w[:1].isupper() for w in words):
        return Speaker(surface, _strip_det(surface), "media", None, affiliation)
    if any(w in _ORG_WORDS for w in lows) or (det and lows and lows[-1] in _ROLE_NOUNS):
        return Speaker(surface, _strip_det(surface), "organization", None, affiliation)
    if len(words) == 1 and lows[0] in _QUANTIFIERS:  # "Others argued", "Some suggest"
        return Speaker(surface, surface, "anonymous", None, affiliation, plural=True)
    if lows[-1] in _DEMONYM_GROUPS and (len(words) == 1 or len(words) == 2 and (
            lows[0] in _DETERMINERS or lows[0] in _QUANTIFIERS)):  # "Americans", "many Iranians"
        return Speaker(surface, _strip_det(surface), "anonymous", "citizen", affiliation, plural=True)
    # "The CBO", "KCNA", "TPC analysis" (a bare word of five or six capitals is rather a name in a
    # transcript: "TRUMP"), "The Fed" (but not "the Pope", "the President-elect")
    caps = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words if w[:1].isupper()]
    if caps and all(_ACRONYM.fullmatch(w) for w in caps) and (det or len(words) > 1 or len(caps[0]) <= 4):
        return Speaker(surface, " ".join(caps), "organization", None, affiliation)
    if len(words) == 2 and lows[0] == "the" and words[1][:1].isupper() and not (
            lows[1].split("-")[0] in _TITLES or lows[1] in _ROLE_NOUNS or lows[1] in _HONORIFICS):
        return Speaker(surface, _strip_det(surface), "organization", None, affiliation)
    name = [w for i, w in enumerate(words) if (w.casefold().strip(".") not in _TITLES and w[:1].isupper()) or (
        w in _NAME_PARTICLES and 0 < i < len(words) - 1 and words[i + 1][:1].isupper())]  # "Ann van Dam"
    if name:
        return Speaker(surface, " ".join(name), "named_person", role, affiliation)
    return Speaker(surface, _strip_det(surface), "anonymous", role, affiliation, plural=plural)


#: a US party's member(s) as a speaker's head noun ("the Texas Republican", "House Democrats")
_PARTY_GROUPS = frozenset({"democrats", "republicans"})
_PARTY_MEMBERS = frozenset({"democrat", "republican", "gop"}) | _PARTY_GROUPS
#: words that make "Democrat(s)" another country's party ("Liberal Democrats", "Sweden Democrats")
_NON_US_PARTY = frozenset({"liberal", "social", "christian", "sweden", "swedish", "free", "european"})
#: plural nationality nouns: a speaker of that word alone is a group of citizens ("Americans")
_DEMONYM_GROUPS = frozenset(w for w in _DEMONYMS if w.endswith("s") and w not in {"us", "u.s."})
#: "a spokesman for X", "allies of X", "someone close to X": a source tied to a known person
_TIE_WORDS = frozenset({"for", "to", "of", "with"})
_CLOSE_WORDS = frozenset({"close", "familiar", "someone", "somebody", "friend", "friends", "ally", "allies",
                          "associate", "associates", "confidant", "loyalist", "loyalists"})
#: words that open a titled name after a known person ("Pelosi press secretary Ann Lee")
_STAFF_WORDS = frozenset({"chief", "director", "deputy", "senior", "press", "chair", "campaign", "communications"})
#: what may follow a person's name in a speaker phrase when the speaker is someone else: a role
#: noun ("Trump's lawyer", "a Biden spokesman"), a body ("the Trump campaign"), a titled name
_MODIFIED_HEADS = frozenset({"campaign", "team", "allies", "ally", "aides", "camp", "family", "office",
                             "administration", "lawyers", "attorneys", "supporters", "spokesman"})


#: role nouns that head a source tied to someone ("a spokesman for", "lawyers for", "an aide to"), not
#: a title ("envoy to Ukraine Ann Lee", "Secretary of State Ann Lee")
_TIED_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser", "advisers",
                         "advisor", "lawyer", "lawyers", "attorney", "source", "sources", "people", "person",
                         "official", "officials"})


def _tie(words: list[str], lows: list[str]) -> int:
    """Index of "close to", "familiar with", "a spokesman for" ... in a speaker phrase headed by it, else 0."""
    for k in range(1, len(lows) - 1):
        if lows[k] in _TIE_WORDS and (lows[k - 1] in _CLOSE_WORDS or lows[k - 1] in _TIED_ROLES) and (
                words[k - 1].islower() or k == 1 and lows[k - 1] in _CLOSE_WORDS) and all(
                w in _DETERMINERS or w in _QUANTIFIERS or w in _TIED_ROLES or w in _CLOSE_WORDS
                or w in ("a", "an", "the", "someone") for w in lows[:k - 1]):
            return k
    return 0


def _person_as_modifier(surface: str, words: list[str], lows: list[str], mentions: list[Mention],
                        e: Entity, role: str | None) -> Speaker | None:
    """The speaker of a phrase where a known person only modifies the head, or None.

    "the Trump campaign" is an organisation, "Trump's lawyer" and "a Biden
    spokesman" are anonymous sources, "Pelosi spokesman Drew Hammill" is
    Drew Hammill: each keeps the person's affiliation (the side they speak for).
    """
    last = next(mm for mm in reversed(mentions) if mm.entity is e)
    lead = surface[:last.start].split()
    for k in range(len(lead) - 1, 0, -1):  # "a spokesman for Pelosi", "someone close to Trump"
        head = lead[k - 1].casefold()
        if lead[k] in _TIE_WORDS and (head in _CLOSE_WORDS or lead[k - 1].islower() and head in _ROLE_NOUNS):
            return Speaker(surface, _strip_det(surface), "anonymous", _ROLE_NOUNS.get(head, "source"),
                           e.affiliation, plural=head in _PLURAL_ROLES or head in {"allies", "friends", "associates"})
        low = lead[k].casefold().rstrip(".")
        if not (low in _TITLES or low in _NAME_TITLES or lead[k] in _LONG_TITLES or low == "the"):
            break  # only titles stand between the tie and the name ("a spokesman for House Speaker X")
    rest = surface[last.end:].split()
    if rest and rest[0] in ("'s", "’s"):
        rest = rest[1:]
    elif surface[last.end:last.end + 2] in ("'s", "’s"):
        rest = surface[last.end + 2:].split()
    if not rest or rest[0].startswith("("):
        return None
    if rest[0].rstrip(".,") in ("Jr", "Sr", "II", "III"):  # "Donald Trump Jr.": another person
        return Speaker(surface, f"{e.name} {rest[0].rstrip(',')}", "named_person", role, e.affiliation, e.gender)
    tail = [w.casefold().strip(".,’'") for w in rest]
    titled = _titled_name(words, lows) if len(rest) >= 3 and (
        tail[0] in _ROLE_NOUNS or tail[0] in _STAFF_WORDS) else ""
    if titled:
        return Speaker(surface, titled, "named_person", role, e.affiliation, _name_gender(titled))
    head = tail[-1]
    if head in _ROLE_NOUNS and _ROLE_NOUNS[head] not in {"statement", "organization"}:
        return Speaker(surface, _strip_det(surface), "anonymous", _ROLE_NOUNS[head], e.affiliation,
                       plural=head in _PLURAL_ROLES)
    if head in _MODIFIED_HEADS or head in _ORG_WORDS:
        return Speaker(surface, _strip_det(surface), "organization", None, e.affiliation)
    return None


def _namesake(surface: str, mentions: list[Mention], e: Entity) -> str:
    """Another person's full name when a known person's lone surname follows a first name, else ""."""
    last = next(mm for mm in reversed(mentions) if mm.entity is e)
    if " " in surface[last.start:last.end]:
        return ""
    before = surface[:last.start].split()
    if not before:
        return ""
    first = before[-1]
    if (first[:1].isupper() and first.isalpha() and first not in _NOT_NAMES and first not in _LONG_TITLES
            and first.casefold() not in _TITLES and first.casefold() not in _ROLE_NOUNS
            and first.casefold() not in _DEMONYMS and first.casefold() not in _ORG_WORDS):
        return f"{first} {surface[last.start:last.end]}"
    return ""


def _titled_name(words: list[str], lows: list[str]) -> str:
    """The name after the last title word, when two or three capitalised words end the phrase."""
    for j in range(len(words) - 1, -1, -1):
        if lows[j] in _TITLES or lows[j] in _ROLE_NOUNS or lows[j] in _NAME_TITLES:
            tail = words[j + 1:]
            if 2 <= len(tail) <= 4 and all(
                    (w[:1].isupper() and w.casefold().strip(".") not in _TITLES and w.casefold() not in _ORG_WORDS)
                    or (0 < i < len(tail) - 1 and w in _NAME_PARTICLES)  # "Dennis van Roekel"
                    for i, w in enumerate(tail)) and j > 0 and len(tail) - sum(
                        w in _NAME_PARTICLES for w in tail) <= 3:
                return " ".join(tail)
            return ""
    return ""


def _strip_det(surface: str) -> str:
    words = surface.split()
    while words and words[0].casefold() in {"a", "an", "the", "one"}:
        words = words[1:]
    return " ".join(words)


def _name_gender(name: str) -> str | None:
    """"male" or "female" when ``name`` is a first name of one sex and a surname, else None.

    A lone word is a surname ("Warren", "Clinton"), whatever first name it
    shares its spelling with.
    """
    parts = name.split()
    if len(parts) < 2:
        return None
    first = parts[0]
    return "male" if first in _MALE_NAMES else "female" if first in _FEMALE_NAMES else None
