"""Word lists and name patterns shared by the attribution rules (cue phrases, speakers, names)."""

from __future__ import annotations

import re

_WINDOW = 160  # characters searched after a quote for its cue
_BEFORE_WINDOW = 100  # characters searched before a quote for its cue
_SPAN = 200  # characters read around a verb for its speaker
_MAX_CLAUSE = 1500  # longest reported clause of an indirect quote (characters)
_HISTORY = 50  # earlier speakers searched for a pronoun's antecedent
_MAX_SPEAKER_WORDS = 9


_PRONOUNS = {"he": "male", "she": "female", "they": "plural", "it": "neuter", "we": "plural",
             "i": "unknown"}
_DETERMINERS = {"the", "a", "an", "one", "two", "three", "several", "some", "many", "other",
                "another", "this", "that", "these", "those", "his", "her", "their", "its", "our",
                "both", "most", "top", "senior", "former", "chief", "deputy", "unnamed",
                "anonymous", "local", "foreign", "state", "federal", "national", "government",
                "administration", "of", "for", "and", "to", "with", "on", "in", "familiar", "matter",
                "military", "intelligence", "defense", "security", "trade", "high-ranking",
                "senior-level", "white", "house", "ministry", "department", "new"}
# role noun (singular or plural, lower case) -> role category
_ROLE_NOUNS = {
    "official": "official", "officials": "official", "officer": "official",
    "officers": "official", "authorities": "official", "administration": "official",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
    "spokespeople": "spokesperson", "speaker": "spokesperson", "representative": "spokesperson",
    "minister": "minister", "secretary": "minister", "diplomat": "diplomat",
    "diplomats": "diplomat", "ambassador": "diplomat", "envoy": "diplomat",
    "analyst": "analyst", "analysts": "analyst", "expert": "expert", "experts": "expert",
    "economist": "expert", "economists": "expert", "scholar": "expert", "researcher": "expert",
    "researchers": "expert", "professor": "expert", "source": "source", "sources": "source",
    "people": "source", "person": "source", "aide": "official", "aides": "official",
    "adviser": "official", "advisers": "official", "advisor": "official",
    "resident": "citizen", "residents": "citizen", "citizen": "citizen",
    "citizens": "citizen", "witness": "citizen", "witnesses": "citizen", "voter": "citizen",
    "voters": "citizen", "critic": "critic", "critics": "critic", "observer": "analyst",
    "observers": "analyst", "lawmaker": "lawmaker", "lawmakers": "lawmaker",
    "senator": "lawmaker", "congressman": "lawmaker", "congresswoman": "lawmaker",
    "leader": "leader", "leaders": "leader", "president": "head_of_state",
    "prosecutor": "official", "prosecutors": "official", "lawyer": "lawyer",
    "lawyers": "lawyer", "attorney": "lawyer", "police": "official", "statement": "statement",
    "report": "statement", "analysis": "statement", "study": "statement", "survey": "statement",
    "campaign": "organization", "group": "organization", "committee": "organization",
    "governor": "official", "mayor": "official", "sheriff": "official", "judge": "official",
    "chairman": "official", "chairwoman": "official",
}
_PLURAL_ROLES = {w for w in _ROLE_NOUNS if w.endswith(("s", "people")) and w not in
                 {"witness", "analysis", "campaign", "authorities"}} | {"people", "police", "authorities"}
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "president", "secretary", "minister", "senator", "sen",
           "rep", "gov", "governor", "gen", "general", "deputy", "foreign", "prime", "vice",
           "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman", "state", "of",
           "us", "u.s", "chinese", "russian", "ambassador", "director", "chief", "judge", "justice",
           "the", "former", "leader", "house", "speaker", "senate", "majority", "minority", "treasury"}
_ORG_WORDS = {"department", "ministry", "committee", "party", "council", "commission", "university",
              "institute", "agency", "bank", "company", "inc", "corp", "group", "foundation",
              "campaign", "office", "senate", "house", "congress", "court", "government",
              "administration", "army", "police", "union", "association", "embassy", "board",
              "center", "centre", "fund", "organization", "organisation", "coalition", "network",
              "service", "federation", "democrats", "republicans", "gop", "pentagon", "kremlin"}
_MEDIA_WORDS = {"times", "news", "post", "journal", "tribune", "press", "herald", "tv", "radio",
                "newspaper", "magazine", "gazette", "telegraph", "guardian", "reuters", "agency",
                "associated", "broadcasting", "daily", "cnn", "bbc", "nbc", "abc", "cbs", "fox"}
_DEMONYMS = {"us": "US", "u.s.": "US", "american": "US", "americans": "US", "chinese": "China",
             "russian": "Russia", "russians": "Russia", "ukrainian": "Ukraine",
             "ukrainians": "Ukraine", "european": "EU", "british": "UK", "taiwanese": "Taiwan",
             "japanese": "Japan", "western": "West", "israeli": "Israel", "palestinian": "Palestine",
             "iranian": "Iran", "indian": "India", "german": "Germany", "french": "France"}
_SENTENCE_ADVERBS = {"but", "and", "so", "then", "also", "still", "however", "yet", "now", "later",
                     "meanwhile", "instead", "earlier", "previously"}
_NOT_NAMES = frozenset("""The A An But And In On At It He She They This That These Those When After
    Before As If For While Asked Updated According Speaking Meanwhile However Still Earlier Later
    Last Next Then Also Now During Since Despite Although Though With Without Under Over From By
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June
    July August September October November December Democrats Republicans Democratic Republican
    House Senate White State States United New Read Watch Click Photo Video Related Of To Is Was
    Not No So Or We You I His Her Their Our My What Who Why How Where There Here Let Please Yes
    God Today Tonight First Last Both Many Some All Every""".split())
# capitalised word sequences (the first may be a title such as "Mr." or "Senator");
# starting with a character class lets the engine skip to the next capital quickly
# (possessive quantifiers: the same matches, since no run can give back a character the next
# element could use, but the engine does not try to)
_NAME = re.compile(r"[A-Z][a-z]++(?:[-'’][A-Z]?[a-z]++)?+\.?+(?:\s++(?:[A-Z]\.\s++)?+[A-Z][a-z]++"
                   r"(?:[-'’][A-Z]?[a-z]++)?+){0,3}")
_PLACE_WORDS = {  # heads of capitalised names that are no person (not "Hall", "Bill", "Park")
    "street", "avenue", "county", "city", "island", "islands", "river", "sea", "ocean", "mountain",
    "mountains", "valley", "bay", "square", "revolution", "war", "week", "month", "year", "hospital",
    "school", "college", "church", "airport", "station", "hotel"}
_SHORT_TITLES = {"Mr", "Mrs", "Ms", "Dr", "Sen", "Gov", "Rep", "Gen", "Prof", "Sgt", "Lt", "Col"}
_LONG_TITLES = {"President", "Senator", "Governor", "Secretary", "Sheriff", "Representative",
                "Speaker", "Mayor", "Judge", "Justice", "Chancellor", "Minister", "Ambassador",
                "Chairman", "Leader"}
_CONTINUE_LEMMAS = {"add", "continue", "reiterate", "repeat"}
_AUX_WORDS = {"has", "had", "have", "also", "later", "then", "previously", "once", "again", "would",
              "will", "recently", "further", "publicly", "repeatedly", "earlier", "long", "first",
              "often", "never", "not"}
_AUX = r"(?:(?:" + "|".join(sorted(_AUX_WORDS)) + r")\s+){0,2}"
_THAT = re.compile(r"((?:\s+[\w’'-]+){0,3}?)\s+that\s+")
_SUBJECT_PRONOUNS = {"He", "She", "They", "We", "he", "she", "they", "we"}
_AFTER_CONTINUED = re.compile(r"[\s,.;:—–-]{0,4}(?P<np>(?:[^\s“”\"«»,;:!?()]+\s+){0,3}?"
                              r"[^\s“”\"«»,;:!?()]+)\s+(?P<verb>continued|went\s+on)\s*[.,;]")
_OBJECT_VERBS = {"tell", "warn", "assure", "remind", "inform", "reassure", "promise", "caution",
                 "advise", "urge", "accuse"}

