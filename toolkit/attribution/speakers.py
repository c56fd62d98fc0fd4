"""Speaker resolution within an article: source kind, role, affiliation, pronouns, names.

A speaker phrase read alone is described by :mod:`toolkit.attribution.describe`; the side an
article gives a person where it names them, by :mod:`toolkit.attribution.politics`. Here:

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
from collections.abc import Container, Sequence
from functools import lru_cache

from toolkit.attribution.describe import (
    _MODIFIED_HEADS,
    _PARTY_MEMBERS,
    Speaker,
    _describe,
    _name_gender,
)
from toolkit.attribution.lexicon import QuoteVerbs
from toolkit.attribution.politics import _ArticleSides
from toolkit.attribution.quotes import Attribution, _inside
from toolkit.attribution.words import (
    _CONTINUE_LEMMAS,
    _DEMONYMS,
    _HISTORY,
    _LONG_TITLES,
    _NAME,
    _NOT_NAMES,
    _ORG_WORDS,
    _PRONOUNS,
    _ROLE_NOUNS,
    _SHORT_TITLES,
    _TITLES,
    _US_STATES,
    _Memo,
    _person_like,
)
from toolkit.gazetteer import Entity, Gazetteer

#: page furniture and function words that the cue patterns take for a speaker ("READ MORE:")
_JUNK_SPEAKERS = frozenset({"more", "read more", "privacy policy", "media", "this", "another", "here"})


def _resolve(atts: list[Attribution], text: str, gaz: Gazetteer,
             verbs: QuoteVerbs, titles: Sequence[tuple[int, int]] = ()) -> list[Speaker | None]:
    """Resolve each attribution's speaker within the article, in reading order.

    Names inside quotes, and inside quoted ``titles`` that are no quotes, are
    no antecedents of a pronoun.
    """
    history: list[tuple[int, Speaker]] = []  # (paragraph, speaker) of resolved attributions
    names: dict[str, str] = {}  # surname -> canonical full name
    out: list[Speaker | None] = []
    order = sorted(range(len(atts)), key=lambda i: (atts[i].cue_pos if atts[i].cue_pos >= 0
                                                    else atts[i].start, atts[i].start))
    resolved: dict[int, Speaker | None] = {}
    marked = sorted([(a.start - 1, a.end + 1) for a in atts if a.kind != "indirect"]
                    + [(start - 1, end + 1) for start, end in titles])
    memo = _cache_of(gaz)
    surnames = _Surnames(text)  # read when a pronoun first needs them
    sides = _ArticleSides(text, memo.countries, _DEMONYMS, memo.bodies)  # read when a named speaker has no affiliation
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

    __slots__ = ("gaz", "described", "mentioned", "aliases", "countries", "bodies")

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.described = _Memo(lambda surface: _describe(surface, gaz))
        self.mentioned = _Memo(lambda surface: bool(gaz.find(surface)))
        self.aliases = frozenset(a for e in gaz.entities if e.type == "person" for a in e.aliases)
        self.countries = {a: e.affiliation for e in gaz.entities if e.type == "country" and e.affiliation
                          for a in e.aliases}  # "Iran's foreign minister"
        self.bodies = {a: e.affiliation for e in gaz.entities if e.type == "organization" and e.affiliation
                       and e.affiliation != "media" for a in e.aliases}  # "FBI Director", "State Department spokesman"

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

