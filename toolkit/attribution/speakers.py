"""Speaker resolution within an article: source kind, role, affiliation, pronouns, names.

Pronouns resolve to the nearest compatible speaker, definite descriptions
(``the official``) to the earlier indefinite one with the same role, names to
the gazetteer entity or to the longest earlier name with the same surname. A
pronoun's candidate antecedents are person-like names only ("the National
Security Agency" is none), and a lone surname counts as a name when the
article names that person in full somewhere. A lone quantifier ("Others", "Some") is an
anonymous source, an acronym ("the CBO") or "the" + one capitalised word ("the Fed") an
organisation; a place after a role noun ("a U.S. official in Iraq") sets the affiliation only,
and a nationality word ending a name ("Howard French") none. "Sen. Ann Lee of North Dakota" is
Ann Lee; a US state or a name after "in" ("a nurse in South Carolina") is no pronoun's antecedent.
A known person who only modifies the head ("the Trump campaign", "a Biden spokesman") lends the
phrase their side, not their name; a namesake ("Melania Trump", "Mrs. Obama") is not the known
person; "the Iowa Republican" is the person named before it; a named speaker the article
presents with US party or state cues speaks for the US (:mod:`toolkit.attribution.politics`).
In the pronoun's own sentence a name in subject position is preferred to one in object
position, and a name that modifies a noun ("the Ann Lee administration") is no antecedent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container
from functools import lru_cache
from typing import NamedTuple

from toolkit.attribution.lexicon import QuoteVerbs
from toolkit.attribution.politics import _ArticleSides
from toolkit.attribution.quotes import Attribution, _inside
from toolkit.attribution.words import (
    _CONTINUE_LEMMAS,
    _DEMONYMS,
    _DETERMINERS,
    _FEMALE_NAMES,
    _HISTORY,
    _LONG_TITLES,
    _MALE_NAMES,
    _MEDIA_WORDS,
    _NAME,
    _NAME_PARTICLES,
    _NOT_NAMES,
    _ORG_WORDS,
    _PLACE_WORDS,
    _PLURAL_ROLES,
    _PRONOUNS,
    _ROLE_NOUNS,
    _SHORT_TITLES,
    _TITLES,
    _US_STATES,
    _Memo,
    _person_like,
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
#: page furniture and function words that the cue patterns take for a speaker ("READ MORE:")
_JUNK_SPEAKERS = frozenset({"more", "read more", "privacy policy", "media", "this", "another", "here"})
#: what may follow a person's name in a speaker phrase when the speaker is someone else: a role
#: noun ("Trump's lawyer", "a Biden spokesman"), a body ("the Trump campaign"), a titled name
#: "a spokesman for X", "allies of X", "someone close to X": a source tied to a known person
_TIE_WORDS = frozenset({"for", "to", "of", "with"})
_CLOSE_WORDS = frozenset({"close", "familiar", "someone", "somebody", "friend", "friends", "ally", "allies",
                          "associate", "associates", "confidant", "loyalist", "loyalists"})
_STAFF_WORDS = frozenset({"chief", "director", "deputy", "senior", "press", "chair", "campaign", "communications"})
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


def _resolve(atts: list[Attribution], text: str, gaz: Gazetteer,
             verbs: QuoteVerbs) -> list[Speaker | None]:
    """Resolve each attribution's speaker within the article, in reading order."""
    history: list[tuple[int, Speaker]] = []  # (paragraph, speaker) of resolved attributions
    names: dict[str, str] = {}  # surname -> canonical full name
    out: list[Speaker | None] = []
    order = sorted(range(len(atts)), key=lambda i: (atts[i].cue_pos if atts[i].cue_pos >= 0
                                                    else atts[i].start, atts[i].start))
    resolved: dict[int, Speaker | None] = {}
    marked = sorted((a.start - 1, a.end + 1) for a in atts if a.kind != "indirect")
    memo = _cache_of(gaz)
    surnames = _Surnames(text)  # read when a pronoun first needs them
    sides = _ArticleSides(text, memo.countries, _DEMONYMS)  # read when a named speaker has no affiliation
    for i in order:
        att = atts[i]
        surface = att.speaker
        if not surface:
            resolved[i] = None
            continue
        low = surface.casefold()
        if low in _JUNK_SPEAKERS:
            resolved[i] = None
            continue
        sp: Speaker | None
        if low in _PRONOUNS:
            sp = _resolve_pronoun(low, att, history, text, gaz, verbs, marked, names, surnames)
            if sp is not None:
                sp = sp._replace(surface=surface)
        else:
            sp = memo.describe(surface)
            words = surface.split()
            titled = _titled_antecedent(words, att, text, marked, gaz, names)
            if titled is not None:
                sp = titled
            elif (sp.source_kind == "anonymous" and sp.affiliation == "US" and words[0].casefold() == "the"
                  and words[-1].casefold() in _PARTY_MEMBERS):
                # "the Texas Republican": the person last quoted (a journalist's second reference)
                ante = next((s for _, s in reversed(history[-_HISTORY:]) if s.source_kind == "named_person"
                             and s.affiliation in (None, "US")), None)
                if ante is not None:
                    sp = ante._replace(surface=surface, affiliation="US")
            elif sp.source_kind == "anonymous" and words[0].casefold() in {"the", "this", "that"}:
                ante = next((s for _, s in reversed(history[-_HISTORY:]) if s.source_kind == "anonymous"
                             and s.role == sp.role and s.plural == sp.plural), None)
                if ante is not None:
                    sp = ante._replace(surface=surface,
                                      affiliation=ante.affiliation or sp.affiliation)
            elif sp.source_kind == "named_person" and not memo.mentions_entity(surface):
                surname = sp.canonical.split()[-1]
                if surname in names and len(names[surname]) >= len(sp.canonical):
                    sp = sp._replace(canonical=names[surname], affiliation=sp.affiliation if len(words) > 1
                                     else memo.describe(names[surname]).affiliation)  # "French": no France
                else:
                    names[surname] = sp.canonical
            elif sp.source_kind == "named_person":  # a gazetteer person
                surname = sp.canonical.split()[-1]
                known = names.get(surname, "")
                if len(words) == 1 and known and known != sp.canonical and " " in known:
                    # a lone surname after an earlier full name of another person ("Melania Trump ...
                    # Trump said"): that person, as for names the gazetteer does not know
                    sp = memo.describe(known)._replace(surface=surface)
                elif len(known) < len(sp.canonical):
                    names[surname] = sp.canonical  # a later lone surname is this person
            if sp.source_kind == "named_person" and sp.gender is None:
                sp = sp._replace(gender=_name_gender(sp.canonical))
        if sp is not None and sp.affiliation is None and sp.source_kind == "named_person":
            side = sides.get(sp.canonical) or sides.get(sp.canonical.split()[-1])
            if side:
                sp = sp._replace(affiliation=side)
        resolved[i] = sp
        if sp is not None:
            history.append((att.paragraph, sp))
    # one person, one side in an article: "French prosecutor Ann Lee said" gives France to every
    # later (and earlier) "Lee said" (a person given two sides keeps each row's own)
    side_of: dict[str, str] = {}
    for done in resolved.values():
        if done is not None and done.affiliation and done.source_kind == "named_person":
            name = done.canonical
            side_of[name] = done.affiliation if side_of.get(name, done.affiliation) == done.affiliation else ""
    for i in range(len(atts)):
        row = resolved[i]
        if row is not None and not row.affiliation and row.source_kind == "named_person" and side_of.get(row.canonical):
            row = row._replace(affiliation=side_of[row.canonical])
        out.append(row)
    return out


class _GazetteerCache:
    """Per-gazetteer memo of pure lookups: speaker descriptions, mentions, person aliases."""

    __slots__ = ("gaz", "described", "mentioned", "aliases", "countries")

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.described = _Memo(lambda surface: _describe(surface, gaz))
        self.mentioned = _Memo(lambda surface: bool(gaz.find(surface)))
        self.aliases = frozenset(a for e in gaz.entities if e.type == "person" for a in e.aliases)
        self.countries = {a: e.affiliation for e in gaz.entities if e.type == "country" and e.affiliation
                          for a in e.aliases}  # "Iran's foreign minister"

    def describe(self, surface: str) -> Speaker:
        return self.described[surface]  # type: ignore[no-any-return]

    def mentions_entity(self, surface: str) -> bool:
        return bool(self.mentioned[surface])


_GAZ_CACHE: dict[int, _GazetteerCache] = {}


def _cache_of(gaz: Gazetteer) -> _GazetteerCache:
    """The memo of ``gaz`` (keyed by identity: hashing a gazetteer is slow)."""
    hit = _GAZ_CACHE.get(id(gaz))
    if hit is None or hit.gaz is not gaz:
        if len(_GAZ_CACHE) > 8:
            _GAZ_CACHE.clear()
        hit = _GAZ_CACHE[id(gaz)] = _GazetteerCache(gaz)
    return hit


def _person_aliases(gaz: Gazetteer) -> frozenset[str]:
    """Aliases of the gazetteer's people."""
    return _cache_of(gaz).aliases


class _Surnames:
    """The article's surnames (:func:`_article_surnames`), found on the first question only."""

    __slots__ = ("text", "found")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.found is None:
            self.found = _article_surnames(self.text)
        return word in self.found


def _article_surnames(text: str) -> frozenset[str]:
    """Last words of the two- and three-word person-like names of an article.

    A later lone "Kent" then reads as the person first named "Paula Kent"
    (surname coreference), not as a capitalised sentence start.
    """
    out = set()
    for found in set(_NAME.findall(text)):
        surname = _SURNAME_MEMO[found]
        if surname:
            out.add(surname)
    return frozenset(out)




def _surname_of(found: str) -> str:
    """The surname of a :data:`_NAME` match that names a person in two or three words, else ""."""
    parts = found.split()
    if parts[0].endswith("."):
        parts = parts[1:]
    elif parts[0] in _LONG_TITLES:
        parts = parts[1:]
    if 2 <= len(parts) <= 3 and not any(p in _NOT_NAMES or p in _LONG_TITLES
                                        or p in _SHORT_TITLES for p in parts) \
            and _person_like(parts):
        last = parts[-1]
        return last[:-2] if last.endswith(("'s", "’s")) else last.rstrip(".")
    return ""


_SURNAME_MEMO = _Memo(_surname_of)  # name -> its surname, "" when it names no person


def _name_speaker(m: re.Match[str], marked: list[tuple[int, int]], gaz: Gazetteer,
                  gaz_names: frozenset[str], names: dict[str, str],
                  surnames: Container[str]) -> Speaker | None:
    """The person a match of :data:`_NAME` outside quotes names, or None.

    A lone capitalised word counts when it is a known speaker's surname, a
    gazetteer alias or one of the article's ``surnames``.
    """
    words = m.group().split()
    if len(words) >= 2 and words[0] in _OPENING_WORDS:  # "For Ann Roe, a nurse": Ann Roe; "While Lee ...": Lee
        words = words[1:]
    first = words[0]
    title = ""
    if first.endswith("."):
        if first[:-1] not in _SHORT_TITLES or len(words) == 1:
            return None
        title = first[:-1]
    elif first in _LONG_TITLES and len(words) > 1:
        title = first
    name = " ".join(words[1:] if title else words)
    if name.endswith("."):
        name = name[:-1]
    titled = bool(title)
    if not titled and len(words) == 1 and name in _NOT_NAMES and name not in gaz_names:
        return None  # a sentence start ("The", "But"): skipped below too, only sooner
    if not titled and len(words) == 1 and name not in names and name not in gaz_names and (
            name not in surnames):
        return None  # a lone capitalised word: a sentence start, a place, not a person
    if _inside(marked, m.start()):
        return None
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    elif not titled and (name in _US_STATES or _after_place_preposition(m)):
        return None  # "a single mom in South Carolina", "a campaign in Iowa": a place, no antecedent
    parts = name.split()
    entity = gaz.lookup(name)
    if entity is not None and entity.type == "person":
        return _entity_speaker(entity)
    if entity is not None or any(p in _NOT_NAMES or p in _SHORT_TITLES for p in parts) or (
            not _person_like(parts)):
        return None
    if not (titled or len(parts) >= 2 or parts[-1] in names or parts[-1] in surnames):
        return None
    canonical = names.get(parts[-1], name)
    if len(name) > len(canonical):
        canonical = name
    gender = "male" if title == "Mr" else "female" if title in ("Mrs", "Ms") else _name_gender(canonical)
    return Speaker(m.group(0), canonical, "named_person", None, None, gender)


#: sentence-opening function words a capitalised run may start with ("For Ann Roe, a nurse")
_OPENING_WORDS = frozenset({"For", "But", "And", "Or", "So", "Then", "When", "After", "Before", "As", "If",
                            "While", "With", "Like", "Unlike", "Since", "Because", "Although", "Though"})


def _after_place_preposition(m: re.Match[str]) -> bool:
    """Whether the name matched stands after "in", "near", ... (and "the"): a place ("in the Marche")."""
    before = m.string[max(0, m.start() - 14):m.start()].split()
    if before and before[-1] == "the":
        before = before[:-1]
    return bool(before) and before[-1] in _PLACE_ONLY_PREPOSITIONS


_PLACE_ONLY_PREPOSITIONS = frozenset({"in", "near", "across", "into", "throughout", "outside", "inside"})


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


#: title nouns of definite descriptions ("the senator") -> the title before a name ("Sen. Ann Lee")
_TITLE_BEFORE_NAME = {
    "president": r"(?<!Vice )President", "senator": r"(?:Sen\.|Senator)",
    "governor": r"(?:Gov\.|Governor)", "congressman": r"(?:Rep\.|Representative|Congressman)",
    "congresswoman": r"(?:Rep\.|Representative|Congresswoman)", "mayor": r"Mayor",
    "sheriff": r"Sheriff", "secretary": r"Secretary(?:\s+of\s+[A-Z][a-z]+)?",
    "ambassador": r"Ambassador", "judge": r"Judge", "chairman": r"Chairman",
    "chairwoman": r"Chairwoman", "minister": r"Minister", "speaker": r"Speaker",
}
#: nationality words before a title that make it a foreign one ("Russian President Vladimir Putin")
_FOREIGN_QUALIFIERS = frozenset(w for w, a in _DEMONYMS.items() if a != "US") | {
    "afghan", "iraqi", "syrian", "turkish", "egyptian", "mexican", "brazilian", "venezuelan", "cuban",
    "korean", "philippine", "pakistani", "saudi", "italian", "spanish", "polish", "belarusian", "kenyan",
    "nigerian", "south", "african", "colombian", "argentine", "argentinian", "peruvian", "chilean"}
_TITLE_GENDER = {"congressman": "male", "congresswoman": "female", "chairman": "male",
                 "chairwoman": "female"}
_PERSON_NAME = (r"\s+(?P<name>[A-Z](?:['’][A-Z])?[a-z]+(?:[-'’][A-Z]?[a-z]+)?"  # "O’Rourke"
                r"(?:\s+(?:[A-Z]\.\s+)?[A-Z](?:['’][A-Z])?[a-z]+(?:[-'’][A-Z]?[a-z]+)?){0,2})")


@lru_cache(maxsize=32)
def _titled_name_pattern(noun: str) -> re.Pattern[str]:
    return re.compile(rf"\b{_TITLE_BEFORE_NAME[noun]}{_PERSON_NAME}")


def _titled_antecedent(words: list[str], att: Attribution, text: str,
                       marked: list[tuple[int, int]], gaz: Gazetteer,
                       names: dict[str, str]) -> Speaker | None:
    """The person a definite title refers to: "the senator" -> the last "Sen. Ann Lee" before it.

    Only "the <title>" and "the former <title>"; the title must have stood
    before a name earlier in the article, outside quotes.
    """
    if not 2 <= len(words) <= 3 or words[0].casefold() != "the" or (
            len(words) == 3 and words[1].casefold() != "former" and not (
                words[1][:1].isupper() and words[1].isalpha())):  # "the Texas congressman"
        return None
    noun = words[-1].casefold()
    if not _TITLE_BEFORE_NAME.get(noun):
        return None
    cue = att.cue_pos if att.cue_pos >= 0 else att.start
    found = qualified = None
    for m in _titled_name_pattern(noun).finditer(text, max(0, cue - 5000), cue):
        if not _inside(marked, m.start()):
            # "Russian President Vladimir Putin": a foreign title is the antecedent only when no
            # unqualified "President X" stands before "the president"
            before = text[max(0, m.start() - 12):m.start()].split()
            if before and before[-1][:1].isupper() and before[-1].casefold() in _FOREIGN_QUALIFIERS:
                qualified = m
            else:
                found = m
    found = found or qualified
    if found is None:
        return None
    name = found.group("name")
    if name.endswith(("'s", "’s")):
        name = name[:-2]
    entity = gaz.lookup(name)
    if entity is not None and entity.type == "person":
        return _entity_speaker(entity)._replace(surface=" ".join(words))
    if entity is not None or any(p in _NOT_NAMES for p in name.split()):
        return None
    canonical = names.get(name.split()[-1], name)
    if len(name) > len(canonical):
        canonical = name
    return Speaker(" ".join(words), canonical, "named_person", _ROLE_NOUNS.get(noun), None,
                   _TITLE_GENDER.get(noun))


#: lower-case words after which a name is still a subject ("and Ann Lee said", "said Ann Lee")
_SUBJECT_LEADS = frozenset({"and", "but", "or", "as", "while", "when", "because", "although", "though", "said",
                            "says", "told", "added", "according", "to", "if", "since", "after", "before"})


def _object_name(text: str, m: re.Match[str]) -> bool:
    """Whether the name matched follows a lower-case word other than a conjunction: an object ("hammered Ann")."""
    before = text[max(0, m.start() - 20):m.start()].split()
    if not before:
        return False
    word = before[-1]
    return word.isalpha() and word.islower() and word not in _SUBJECT_LEADS


def _modifier_name(text: str, m: re.Match[str]) -> bool:
    """Whether the name matched modifies the noun after it ("the Ann Lee administration", "Ann Lee's campaign")."""
    after = text[m.end():m.end() + 30].split()
    if not after:
        return False
    word = after[0].casefold()
    possessive = m.group().endswith(("'s", "’s")) or word in ("'s", "’s")
    if word in ("'s", "’s"):
        word = after[1].casefold() if len(after) > 1 else ""
    word = word.strip(".,;:")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    # "the Ann Lee administration", "Ann Lee's campaign", "an Ann Lee aide" (not "Ann Lee's official website")
    return word in _MODIFIED_HEADS or not possessive and word in _ROLE_NOUNS


def _compatible(sp: Speaker, low: str) -> bool:
    if low == "i":
        return sp.source_kind in ("named_person", "anonymous")
    return (sp.source_kind in ("named_person", "anonymous") and not sp.plural
            and sp.gender in (None, _PRONOUNS[low]))


def _resolve_pronoun(low: str, att: Attribution, history: list[tuple[int, Speaker]], text: str,
                     gaz: Gazetteer, verbs: QuoteVerbs, marked: list[tuple[int, int]],
                     names: dict[str, str], surnames: Container[str] = frozenset()
                     ) -> Speaker | None:
    """Antecedent of a pronoun speaker.

    In order: the previous speaker of the paragraph when the verb continues
    ("he added"); a person named earlier in the same sentence; the last
    compatible speaker of this or the previous paragraph; the nearest person
    named in the preceding text; any earlier compatible speaker.
    """
    if history and att.verb and verbs.lemma(att.verb) in _CONTINUE_LEMMAS and (
            history[-1][0] == att.paragraph) and low in ("he", "she"):
        return history[-1][1]
    cue = att.cue_pos if att.cue_pos >= 0 else att.start
    if low in ("he", "she", "i"):
        # the names of the window are read from the last backwards, and only
        # as far as needed: first those of the same sentence, the earlier ones only when no
        # recent speaker fits (the same answer as reading them all)
        raw = list(_NAME.finditer(text, max(0, cue - 800), cue))
        # the pronoun's sentence starts before the quote it attributes ("“A. B.,” he said")
        anchor = min(cue, att.start - 1) if att.kind != "indirect" and att.start > 0 else cue
        sentence_start = max(text.rfind(". ", 0, anchor), text.rfind("\n", 0, anchor))
        raw_starts = [m.start() for m in raw]
        split = bisect_right(raw_starts, sentence_start)
        gaz_names = _person_aliases(gaz)

        def last_named(matches: list[re.Match[str]], subjects: bool = False) -> Speaker | None:
            # (a name that only modifies a noun, "the Tom Hale administration", is no antecedent;
            # with ``subjects``, the last name in subject position goes first, else the last name)
            fallback = None
            for m in reversed(matches):
                sp = _name_speaker(m, marked, gaz, gaz_names, names, surnames)
                if sp is not None and _compatible(sp, low) and not _modifier_name(text, m):
                    if not subjects or not _object_name(text, m):
                        return sp
                    fallback = fallback or sp
            return fallback

        # in the pronoun's own sentence a name in subject position goes first: "Ann Lee hammered Tom
        # Hale for what he called ..." is Ann Lee (Grosz, Joshi & Weinstein 1995: centering)
        named = last_named(raw[split:], subjects=True)
        if named is not None:
            return named
        head_end = max(0, sentence_start)
        while head_end > 0 and text[head_end - 1].isspace():
            head_end -= 1
        prev_start = max(text.rfind(". ", 0, head_end), text.rfind("\n", 0, head_end))
        split_prev = bisect_right(raw_starts, prev_start)
        # the name that opens the previous sentence ("Arkansas Gov. Ann Lee, who ..., spoke. He
        # said ...") goes before earlier speakers (centering: Grosz, Joshi & Weinstein 1995)
        for first in raw[split_prev:min(split, split_prev + 3)]:
            lead = text[max(prev_start, 0):first.start()].split()
            if len(lead) > 5 or any(w[:1].islower() and w not in ("of", "the", "and") for w in lead):
                break  # the name does not open the sentence ("He said Ann Lee ...")
            words = first.group().split()
            if words[0].casefold() in _PRONOUNS or words[0] in ("The", "A", "An", "This", "That", "These", "Those"):
                break  # "He", "The": the sentence opens with no name
            if words[0] in _NOT_NAMES and len(words) <= 2:
                continue  # "In March, Ann Lee said": read on
            sp = _name_speaker(first, marked, gaz, gaz_names, names, surnames)
            if sp is None or any(w in _LONG_TITLES or w.casefold().strip(".") in _TITLES
                                 or w.casefold() in _ORG_WORDS or w in ("One", "Acting", "Co", "Co.") for w in words):
                continue  # a title ("Acting Secretary"), a body ("Boeing Co"): read on to the name
            if _compatible(sp, low) and not _modifier_name(text, first) and not _object_name(text, first):
                return sp
            break
        recent = [sp for par, sp in history[-_HISTORY:] if par >= att.paragraph - 1
                  and _compatible(sp, low)]
        if recent:
            return recent[-1]
        # the previous sentence is read from its start (its subject first: Hobbs 1978), the
        # sentences before it from the last name backwards
        named = last_named(raw[split_prev:split][::-1]) or last_named(raw[:split_prev], subjects=True)
        if named is not None:
            return named
        for _, sp in reversed(history[-_HISTORY:]):
            if _compatible(sp, low):
                return sp
        return None
    if low in ("it", "they", "we"):
        if low == "they":
            for _, sp in reversed(history[-2:]):
                if sp.plural:
                    return sp
        window = text[max(0, cue - 400):max(0, cue)]
        found = [m.entity for m in gaz.find(window) if m.entity.type in ("country", "organization")]
        if found:
            return _entity_speaker(found[-1])
        if history and history[-1][1].source_kind in ("organization", "media"):
            return history[-1][1]
    return None


def _entity_speaker(e: Entity) -> Speaker:
    kind = {"person": "named_person", "media": "media"}.get(e.type, "organization")
    return Speaker(e.name, e.name, kind, e.role if e.type != "country" else None, e.affiliation,
                   e.gender)

