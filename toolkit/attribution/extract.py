"""Quote and speaker extraction: rules over quotation marks and reporting verbs.

The extractor reads each paragraph once. Quotation marks are paired with a
small state machine (curly, straight, guillemets and single curly quotes;
straight marks may close curly ones; an opening mark left open is closed at
the paragraph boundary, so an unbalanced quote never swallows the next
paragraph). Each quote then looks for its cue: after the closing mark
(``"...," the official said``; ``said Blinken``), before the opening mark
(``He added: "..."``), or elsewhere in its sentence. A quote with no cue
continues the previous speaker when it follows a quote of the same or the
previous paragraph (never a possessive: "WXYZ's “Morning Hour”" names no speaker).
When no speaker words stand right before a verb, its subject is looked for
past an auxiliary ("he had said"), a coordinated predicate ("X stood up and
said") or an apposition ("X, a spokeswoman for Y, wrote"). Indirect speech is found by three patterns: ``X <verb>
that ...``, ``according to X, ...`` and ``..., X <verb>.``. Speakers are
resolved within the article: pronouns to the nearest compatible speaker,
definite descriptions (``the official``) to the earlier indefinite one with
the same role, names to the gazetteer entity or to the longest earlier name
with the same surname. A pronoun's candidate antecedents are person-like
names only ("the National Security Agency" is none), and a lone surname counts
as a name when the article names that person in full somewhere.

Every regular expression works on a bounded window or has no nested
unbounded repetition, so the run time is linear in the length of the text.

References
----------
Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
Asr, F. T. et al. (2021). The Gender Gap Tracker: Using natural language
processing to measure gender bias in media. PLoS ONE 16(1): e0245533
(the syntactic and heuristic quote rules this design follows in spirit).
Krestel, R., Bergler, S. & Witte, R. (2008). Minding the source: automatic
tagging of reported speech in newspaper articles. LREC.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from toolkit.attribution.lexicon import QuoteVerbs, load_quote_verbs
from toolkit.gazetteer import Entity, Gazetteer, load_gazetteer
from toolkit.text import ParsedDocument

__all__ = ["Attribution", "find_attributions", "QUOTE_COLUMNS", "SOURCE_KINDS"]

QUOTE_COLUMNS = ["doc_id", "outlet", "quote_id", "kind", "quote", "speaker", "speaker_canonical",
                 "source_kind", "role", "affiliation", "verb", "verb_class", "start", "end"]
SOURCE_KINDS = ("named_person", "anonymous", "organization", "media", "unattributed")

_WINDOW = 160  # characters searched before and after a quote for its cue
_SPAN = 200  # characters read around a verb for its speaker
_MAX_CLAUSE = 1500  # longest reported clause of an indirect quote (characters)
_HISTORY = 50  # earlier speakers searched for a pronoun's antecedent
_MAX_SPEAKER_WORDS = 9

_QMARK = re.compile(r"[“”\"«»‘’]")
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORDS = re.compile(r"\w+")

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


class Speaker(NamedTuple):
    """A resolved speaker (a named tuple: built tens of thousands of times per corpus)."""

    surface: str
    canonical: str
    source_kind: str
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    plural: bool = False


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


@dataclass
class _Spec:
    """Compiled patterns that depend on the verb lexicon."""

    verbs: QuoteVerbs
    after_sv: re.Pattern[str]
    after_vs: re.Pattern[str]
    before: re.Pattern[str]
    verb_any: re.Pattern[str]
    verb_scan: re.Pattern[str]
    according: re.Pattern[str]
    cut: re.Pattern[str]


@lru_cache(maxsize=4)
def _spec(verbs: QuoteVerbs | None = None) -> _Spec:
    verbs = verbs or load_quote_verbs()
    v = r"(?P<verb>" + verbs.pattern + r")"
    word = r"[^\s“”\"«»,;:!?()]+"
    np = rf"(?P<np>(?:{word}\s+){{0,{_MAX_SPEAKER_WORDS - 1}}}?{word})"
    return _Spec(
        verbs=verbs,
        after_sv=re.compile(rf"[\s,.;:—–-]{{0,4}}{np}\s+{_AUX}{v}\b"),
        after_vs=re.compile(rf"[\s,.;:—–-]{{0,4}}{v}\s+(?P<rest>[^“”\"«»,;:!?()]{{1,80}})"),
        before=re.compile(rf"{v}\b(?P<tail>[^“”\"«».!?]{{0,60}}?)[:,]?\s*$"),
        verb_any=re.compile(rf"\b{v}\b"),
        # the same matches as verb_any over a whole text (every form starts with a lower-case
        # letter, so \b before it means "after a non-word character"), but starting with a
        # character class lets the engine skip to candidates instead of trying every position
        verb_scan=re.compile(rf"\W{v}\b"),
        according=re.compile(r"\b[Aa]ccording to\s+(?P<np>[^,.;:!?“”\"«»]{1,80})"),
        cut=re.compile(rf"[.!?,]\s+(?P<cue>{np}\s+{_AUX}{v}\b[^.!?“”\"]{{0,40}}[.!?]?)\s*$"),
    )


# ---------------------------------------------------------------- quote marks

def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _verb_hits(spec: _Spec, text: str) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every reporting-verb form in ``text`` (as ``spec.verb_any.finditer``)."""
    out = []
    first = spec.verb_any.match(text)
    if first is not None:
        out.append((0, first.end(), " ".join(first.group("verb").split())))
    for m in spec.verb_scan.finditer(text, first.end() if first is not None else 0):
        form = m.group("verb")
        vs, ve = m.span("verb")
        out.append((vs, ve, form if form.isalpha() else " ".join(form.split())))
    return out


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


# ---------------------------------------------------------------- speaker phrases

def _speaker_word_ok(word: str) -> bool:
    core = word.strip("’'")
    if not core:
        return False
    low = core.casefold()
    if core[0].isupper() or core[0].isdigit():
        return low not in _SENTENCE_ADVERBS
    return low in _DETERMINERS or low in _ROLE_NOUNS or low in _PRONOUNS


_SPEAKER_MEMO: dict[tuple[str, ...], bool] = {}


def _is_speaker(words: list[str]) -> bool:
    """Whether ``words`` can name a speaker (memoised: the same phrases recur in every article)."""
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    key = tuple(words)
    hit = _SPEAKER_MEMO.get(key)
    if hit is None:
        if len(_SPEAKER_MEMO) > 200_000:
            _SPEAKER_MEMO.clear()
        hit = _SPEAKER_MEMO[key] = _is_speaker_words(words)
    return hit


def _is_speaker_words(words: list[str]) -> bool:
    if any(len(w) >= 6 and w.isupper() for w in words):  # datelines: "WASHINGTON —"
        return False
    if len(words) == 1 and words[0].casefold() in _PRONOUNS:
        return True
    if not all(_speaker_word_ok(w) for w in words):
        return False
    if any(w.casefold() in _PRONOUNS for w in words):
        return False
    head = words[-1]
    return head[0].isupper() or head.casefold() in _ROLE_NOUNS or any(
        w.casefold() in _ROLE_NOUNS for w in words)


def _suffix_speaker(text: str) -> str:
    """The longest run of speaker words that ends ``text`` ("just last week China" -> "China")."""
    words = text.split()
    if words and words[-1].endswith(","):
        return ""
    while len(words) > 1 and words[-1].casefold() in _AUX_WORDS:  # "He had said", "China has warned"
        words.pop()
    best: list[str] = []
    for i in range(len(words) - 1, max(-1, len(words) - 1 - _MAX_SPEAKER_WORDS), -1):
        w = words[i]
        if w.endswith((",", ";", ":", ".")) and i != len(words) - 1 and not _abbrev(w):
            break
        if not (_speaker_word_ok(w) or (i == len(words) - 1 and w.casefold() in _PRONOUNS)):
            break
        best = words[i:]
    while best and best[0].casefold() in {"of", "and", "for", "to", "with", "on", "in"}:
        best = best[1:]
    return " ".join(best) if _is_speaker(best) else ""


def _prefix_speaker(text: str) -> str:
    """The longest run of speaker words at the start of ``text`` ("the official ahead ..." -> "the official")."""
    words: list[str] = []
    for w in text.split()[:_MAX_SPEAKER_WORDS + 1]:
        if not words and w.endswith(":"):
            continue
        stop = w.endswith((",", ";", ":")) or (w.endswith(".") and not _abbrev(w))
        w = w.rstrip(",;:") if not _abbrev(w) else w
        if w.endswith(".") and not _abbrev(w):
            w = w[:-1]
        if not words and w in _NOT_NAMES:
            break
        if not _speaker_word_ok(w) or w.casefold() in _PRONOUNS:
            break
        words.append(w)
        if stop:
            break
    while words and (words[-1].casefold() in _DETERMINERS and words[-1].casefold() not in _ROLE_NOUNS):
        words.pop()
    return " ".join(words) if _is_speaker(words) else ""


def _clause_subject(text: str, *, pronoun: bool = False) -> str:
    """Subject of the last clause of ``text`` that starts with a speaker ("X did Y, saying").

    With ``pronoun``, a clause may also start with a personal pronoun ("He
    nodded, saying"), resolved later like any pronoun speaker.
    """
    clauses = text.split(",")
    for clause in reversed(clauses[-4:]):
        clause = clause.lstrip("•-–— ")
        who = _prefix_speaker(clause)
        if who:
            return who
        if pronoun:
            first = clause.split(None, 1)[:1]
            if first and first[0] in _SUBJECT_PRONOUNS:
                return first[0]
    return ""


def _opening_subject(text: str, s: int, vs: int, quotes: list[tuple[int, int]]) -> str:
    """The noun phrase that opens the sentence, when it stands alone before a comma.

    The subject of a verb separated from it by an apposition or a relative
    clause: "Mary Stone, a spokeswoman for the board, wrote" -> "Mary Stone".
    """
    if _overlaps(quotes, s, vs):
        return ""
    head = text[s:min(vs, s + _SPAN)]
    comma = head.find(",")
    if comma < 0:
        return ""
    first = head[:comma].strip(" •-–—\t")
    who = _prefix_speaker(first)
    return who if who and len(who.split()) == len(first.split()) else ""


def _finite_subject(text: str, s: int, vs: int, quotes: list[tuple[int, int]]) -> str:
    """Subject of the finite reporting verb at ``vs`` in the sentence starting at ``s``.

    The speaker words just before the verb ("the official said"); else, for a
    coordinated predicate ("Tom Hale stood up, turned and said"), the subject
    of the last clause that starts with one; else, after an apposition or a
    relative clause ("X, who chairs the panel, said"), the sentence's opening
    noun phrase.
    """
    seg = _outside_quotes(text, s, vs, quotes)
    who = _suffix_speaker(seg)
    if who:
        return who
    words = seg.split()
    if not words:
        return ""
    if words[-1].casefold() == "and" and len(words) > 1:
        return _clause_subject(seg.rstrip()[:-3])
    if words[-1] == "to" and len(words) > 1:  # "She went on to say", "he was quick to add"
        return _clause_subject(seg.rstrip()[:-2], pronoun=True)
    if words[-1].endswith((",", ")")):
        return _opening_subject(text, s, vs, quotes)
    return ""


def _nonfinite_subject(text: str, s: int, vs: int, quotes: list[tuple[int, int]]) -> str:
    """Subject of a participle reporting verb ("X did Y, saying"), or the sentence's opening noun phrase."""
    return (_clause_subject(text[max(s, vs - _SPAN):vs], pronoun=True)
            or _opening_subject(text, s, vs, quotes))


def _abbrev(word: str) -> bool:
    return word.rstrip(".").casefold() in {"mr", "mrs", "ms", "dr", "u.s", "gen", "sen", "rep", "gov",
                                           "prof", "st", "jr", "u.n", "u.k"}


# ---------------------------------------------------------------- per-document extraction

def _sentence_of(starts: list[int], pos: int) -> int:
    return max(0, bisect_right(starts, pos) - 1)


def _finite(form: str) -> bool:
    return not form.casefold().endswith("ing")


def _nearest_verb_speaker(spec: _Spec, text: str, s_start: int, s_end: int, pos: int,
                          quotes: list[tuple[int, int]]) -> tuple[str, str | None, int]:
    """Speaker from the reporting verb of the sentence nearest to ``pos`` (outside quotes)."""
    found = list(spec.verb_any.finditer(text, max(s_start, pos - 200), min(s_end, pos + 200)))
    # nearest first (the earlier of two at the same distance): the first with a speaker wins
    found.sort(key=lambda m: abs(m.start() - pos))
    for m in found:
        if _inside(quotes, m.start()):
            continue
        form = m.group("verb")
        if form.casefold() == "according to":
            continue
        if _finite(form):
            who = _finite_subject(text, s_start, m.start(), quotes)
        else:
            who = _nonfinite_subject(text, s_start, m.start(), quotes)
        if who:
            return who, form, m.start()
    return "", None, -1


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


def find_attributions(doc: ParsedDocument, *, verbs: QuoteVerbs | None = None) -> list[Attribution]:
    """Quotes (direct, partial, indirect) of one document with their raw speaker cue.

    References
    ----------
    Pareti, S. (2016). PARC 3.0: A corpus of attribution relations. LREC.
    Krestel, R., Bergler, S. & Witte, R. (2008). Minding the source: automatic
    tagging of reported speech in newspaper articles. LREC.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("“We are ready,” the official said. Blinken warned that talks were hard.")
    >>> [(a.kind, doc.text[a.start:a.end], a.speaker) for a in find_attributions(doc)]
    [('direct', 'We are ready', 'the official'), ('indirect', 'talks were hard', 'Blinken')]
    """
    spec = _spec(verbs)
    text = doc.text
    starts = [s for s, _ in doc.sentences] or [0]
    ends = [e for _, e in doc.sentences] or [len(text)]
    out: list[Attribution] = []
    prev_para_speaker = ""  # last speaker of the previous paragraph, if it had an attribution
    all_hits = _verb_hits(spec, text)
    hit_starts = [h[0] for h in all_hits]
    all_marks = [m.start() for m in _QMARK.finditer(text)]
    for p_index, (p_start, p_end) in enumerate(_paragraph_spans(text)):
        marks = all_marks[bisect_right(all_marks, p_start - 1):bisect_right(all_marks, p_end - 1)]
        hits = all_hits[bisect_right(hit_starts, p_start - 1):bisect_right(hit_starts, p_end)]
        if not marks and not hits and text.find("ccording to", p_start, p_end) < 0:
            prev_para_speaker = ""  # nothing to attribute in this paragraph
            continue
        spans = _mark_spans(text, p_start, p_end, marks) if marks else []
        para_quotes = [(a - 1, b + 1) for a, b, _ in spans]
        indirect = (_indirect(spec, text, p_start, p_end, starts, ends, para_quotes, p_index, hits)
                    if hits or text.find("ccording to", p_start, p_end) >= 0 else [])
        indirect.sort(key=lambda a: a.start)
        para_out: list[Attribution] = list(indirect)
        ind_i, last_in_para = 0, ""
        for open_end, close_start, closed in spans:
            q_start, q_end = _trim(text, open_end, close_start)
            if q_end <= q_start or not _WORDS.search(text, q_start, q_end):
                continue
            after_pos = close_start + 1 if closed else close_start
            cue_text = ""
            if not closed:
                tail = spec.cut.search(text, max(q_start, q_end - 120), q_end)
                if tail and _is_speaker(tail.group("np").split()):
                    cue_text = tail.group("cue")
                    q_end = tail.start() + 1
                    after_pos = tail.start("cue")
            s_index = _sentence_of(starts, open_end - 1)
            s_start = starts[s_index] if s_index < len(starts) else p_start
            s_start = max(s_start, p_start)
            prefix = text[max(s_start, open_end - 1 - _SPAN):open_end - 1].strip(" •-–—\t")
            kind = _kind(text, q_start, q_end, prefix)
            speaker, verb, cue, cue_pos = "", None, "none", -1
            # 1. after the closing mark
            window_end = min(p_end, after_pos + _WINDOW)
            m = spec.after_sv.match(text, after_pos, window_end)
            if m and _is_speaker(m.group("np").split()):
                speaker, verb, cue, cue_pos = m.group("np"), m.group("verb"), "after", m.start("verb")
            else:
                m = spec.after_vs.match(text, after_pos, window_end)
                if m:
                    who = _prefix_speaker(m.group("rest"))
                    if who:
                        speaker, verb, cue, cue_pos = who, m.group("verb"), "after", m.start("verb")
            if not speaker:  # "“...” Jane Roe continued." ("continued to" is no cue, so only here)
                m = (_AFTER_CONTINUED.match(text, after_pos, window_end)
                     if text.find("continued", after_pos, window_end) >= 0
                     or text.find("went", after_pos, window_end) >= 0 else None)
                if m and _is_speaker(m.group("np").split()):
                    speaker, cue, cue_pos = m.group("np"), "after", m.start("verb")
            # 2. before the opening mark
            if not speaker:
                b_start = max(p_start, s_start, open_end - 1 - _WINDOW)
                before = text[b_start:open_end - 1]
                b_start = max(b_start, open_end - 1 - 100)
                before = text[b_start:open_end - 1]
                mb = None
                tail_end = before.rstrip()[-1:]
                if tail_end in (":", ",") or tail_end.isalpha():
                    # the cue verb nearest the mark: the last verb where the pattern holds
                    for vm in reversed(list(spec.verb_any.finditer(before))):
                        mb = spec.before.match(before, vm.start())
                        if mb:
                            break
                if mb and not before.rstrip().endswith((":", ",")) and mb.group("tail").strip():
                    mb = None  # without a colon or comma, only a verb right before the mark
                if mb:
                    form = mb.group("verb")
                    vpos = b_start + mb.start("verb")
                    if _finite(form):
                        who = (_suffix_speaker(_outside_quotes(text, b_start, vpos, para_quotes))
                               or _finite_subject(text, s_start, vpos, para_quotes))
                    else:
                        who = _nonfinite_subject(text, s_start, vpos, para_quotes)
                    if who:
                        speaker, verb, cue, cue_pos = who, form, "before", b_start + mb.start("verb")
            # 2b. "X was quick to retort: “...”": the subject of a sentence ending in a colon
            if not speaker and kind == "direct" and prefix.endswith(":"):
                who = _clause_subject(prefix[:-1])
                if who:
                    speaker, cue, cue_pos = who, "before", open_end - 1
            # 3. possessive: Washington's "deep concerns"
            if not speaker and kind == "partial":
                lead = text[max(s_start, open_end - 60):open_end - 1].rstrip()
                if lead.endswith(("’s", "'s")):
                    who = _suffix_speaker(lead[:-2])
                    if who:
                        speaker, cue, cue_pos = who, "possessive", open_end - 1
            # 4. a reporting verb elsewhere in the sentence
            if not speaker and kind == "partial":
                s_end = ends[s_index] if s_index < len(ends) else p_end
                who, form, pos = _nearest_verb_speaker(spec, text, s_start, min(s_end, p_end),
                                                       open_end, para_quotes)
                if who:
                    speaker, verb, cue, cue_pos = who, form, "sentence", pos
            # 5. continuation of the previous speaker (same or previous paragraph)
            if not speaker and kind == "direct":
                while ind_i < len(indirect) and indirect[ind_i].start < q_start:
                    if indirect[ind_i].speaker:
                        last_in_para = indirect[ind_i].speaker
                    ind_i += 1
                last = last_in_para or prev_para_speaker
                if last:
                    speaker, cue = last, "continuation"
            if cue_text and not speaker:
                speaker = cue_text
            para_out.append(Attribution(kind, q_start, q_end, cue_pos, speaker, verb, p_index, cue))
            if speaker and cue != "possessive":  # "WXYZ's “Morning Hour”" names no speaker
                last_in_para = speaker
        with_speaker = [a for a in para_out if a.speaker and a.cue != "possessive"]
        prev_para_speaker = max(with_speaker, key=lambda a: a.start).speaker if with_speaker else ""
        out.extend(para_out)
    out.sort(key=lambda a: (a.start, a.end))
    return out


def _kind(text: str, q_start: int, q_end: int, prefix: str) -> str:
    content = text[q_start:q_end]
    n_words = len(content.split())
    if not prefix or prefix.endswith(":"):
        return "direct"
    if prefix.endswith(","):
        return "direct" if content[:1].isupper() else "partial"
    if content[:1].isupper() and n_words >= 4 and (content[-1:] in ".?!" or ". " in content):
        return "direct"
    return "partial"


def _indirect(spec: _Spec, text: str, p_start: int, p_end: int, starts: list[int],
              ends: list[int], quotes: list[tuple[int, int]], p_index: int,
              hits: list[tuple[int, int, str]]) -> list[Attribution]:
    out: list[Attribution] = []

    def inside(pos: int) -> bool:
        return _inside(quotes, pos)

    def sentence(pos: int) -> tuple[int, int]:
        i = _sentence_of(starts, pos)
        s = max(starts[i], p_start) if i < len(starts) else p_start
        e = min(ends[i], p_end) if i < len(ends) else p_end
        return s, e

    def content_end(s_end: int) -> int:
        e = s_end
        while e > 0 and text[e - 1] in ".!?; ":
            e -= 1
        return e

    for vs, ve, form in hits:
        if inside(vs) or form == "according to":
            continue
        that = _THAT.match(text, ve, min(p_end, ve + 60))
        if that is not None:
            # X <verb> (object) that CLAUSE
            if that.group(1) and spec.verbs.lemma(form) not in _OBJECT_VERBS:
                continue
            s, e = sentence(vs)
            if _finite(form):
                who = _finite_subject(text, s, vs, quotes)
            else:
                who = _nonfinite_subject(text, s, vs, quotes)
            c_start, c_end = that.end(), content_end(e)
            if not who or not 3 <= c_end - c_start <= _MAX_CLAUSE or inside(c_start):
                continue
            out.append(Attribution("indirect", c_start, c_end, vs, who, form, p_index, "indirect"))
            continue
        # CLAUSE, X <verb>.
        if ve < p_end and text[ve] not in " ,.;":
            continue
        seg_start = max(p_start, vs - 100)
        comma = text.rfind(",", seg_start, vs)
        if comma < 0:
            continue
        s, e = sentence(vs)
        c_start, c_end = s, comma
        if not 0 < c_end - c_start <= _MAX_CLAUSE or _overlaps(quotes, s, c_end):
            continue  # tested first: cheaper than the speaker test, and usually true ("“...,” X said")
        words = text[comma + 1:vs].split()
        while words and words[-1].casefold() in _AUX_WORDS:
            words.pop()
        if not _is_speaker(words) or words[0].casefold() in {"which", "who", "that", "as"}:
            continue
        lead = text[c_start:c_end]
        for sep in (", but ", "; ", ", while ", ", and "):
            cut = lead.rfind(sep)
            if cut >= 0:
                c_start = c_start + cut + len(sep)
                lead = text[c_start:c_end]
        c_start, c_end = _trim(text, c_start, c_end)
        while c_start < c_end and text[c_start] in "•-–— ":
            c_start += 1
        if c_end - c_start < 10 or len(text[c_start:c_end].split()) < 3:
            continue
        out.append(Attribution("indirect", c_start, c_end, vs, " ".join(words), form, p_index,
                               "indirect"))
    # according to X, CLAUSE / CLAUSE, according to X.
    for m in spec.according.finditer(text, p_start, p_end):
        if inside(m.start()):
            continue
        s, e = sentence(m.start())
        who = m.group("np").strip()
        if not who or len(who.split()) > _MAX_SPEAKER_WORDS:
            continue
        lead = text[s:m.start()].strip(" •-–—,")
        if lead:
            c_start, c_end = max(s, m.start() - _MAX_CLAUSE), m.start()
            while c_end > c_start and text[c_end - 1] in " ,":
                c_end -= 1
        else:
            c_start, c_end = m.end("np") + 1, content_end(min(e, m.end() + _MAX_CLAUSE))
        c_start, c_end = _trim(text, c_start, c_end)
        while c_start < c_end and text[c_start] in "•-–— ":
            c_start += 1
        if c_end - c_start < 3 or _overlaps(quotes, c_start, c_end) or inside(c_start):
            continue
        out.append(Attribution("indirect", c_start, c_end, m.start(), who, "according to", p_index,
                               "indirect"))
    return out


# ---------------------------------------------------------------- speaker resolution

def _describe(surface: str, gaz: Gazetteer) -> Speaker:
    """Source kind, role and affiliation of a speaker phrase, without context."""
    words = surface.split()
    lows = [w.casefold().strip(".,’'") for w in words]
    mentions = gaz.find(surface)
    persons = [mm.entity for mm in mentions if mm.entity.type == "person"]
    role = next((_ROLE_NOUNS[w] for w in reversed(lows) if w in _ROLE_NOUNS), None)
    plural = lows[-1] in _PLURAL_ROLES if lows else False
    if persons:
        e = persons[-1]
        return Speaker(surface, e.name, "named_person", role or e.role, e.affiliation, e.gender)
    media = [mm.entity for mm in mentions if mm.entity.type == "media"]
    affiliation = next((mm.entity.affiliation for mm in mentions if mm.entity.affiliation), None)
    if affiliation is None:
        affiliation = next((_DEMONYMS[w] for w in lows if w in _DEMONYMS), None)
    det = bool(lows) and lows[0] in _DETERMINERS and not words[0][0].isupper() or (
        bool(lows) and lows[0] in {"a", "an", "the", "one", "two", "some", "several", "many"})
    anonymous_head = lows[-1] in _ROLE_NOUNS and _ROLE_NOUNS[lows[-1]] not in {
        "statement", "organization"}
    if media and not anonymous_head:
        return Speaker(surface, media[-1].name, "media", None, media[-1].affiliation)
    if anonymous_head:
        if role == "head_of_state" and len(words) > 1 and words[-1][0].isupper():
            pass
        else:
            return Speaker(surface, _strip_det(surface), "anonymous", role, affiliation,
                           plural=plural)
    orgs = [mm.entity for mm in mentions if mm.entity.type in ("organization", "country")]
    if orgs and (len(mentions) == 1 or not any(w[0].isupper() and w.casefold() not in _TITLES
                                               and gaz.lookup(w) is None for w in words)):
        e = orgs[-1]
        return Speaker(surface, e.name, "organization", e.role if e.type == "organization" else None,
                       e.affiliation, plural=False)
    if any(w in _MEDIA_WORDS for w in lows) and any(w[:1].isupper() for w in words):
        return Speaker(surface, _strip_det(surface), "media", None, affiliation)
    if any(w in _ORG_WORDS for w in lows) or (det and lows and lows[-1] in _ROLE_NOUNS):
        return Speaker(surface, _strip_det(surface), "organization", None, affiliation)
    name = [w for w in words if w.casefold().strip(".") not in _TITLES and w[:1].isupper()]
    if name:
        return Speaker(surface, " ".join(name), "named_person", role, affiliation)
    return Speaker(surface, _strip_det(surface), "anonymous", role, affiliation, plural=plural)


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
    for i in order:
        att = atts[i]
        surface = att.speaker
        if not surface:
            resolved[i] = None
            continue
        low = surface.casefold()
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
            elif sp.source_kind == "anonymous" and words[0].casefold() in {"the", "this", "that"}:
                ante = next((s for _, s in reversed(history[-_HISTORY:]) if s.source_kind == "anonymous"
                             and s.role == sp.role and s.plural == sp.plural), None)
                if ante is not None:
                    sp = ante._replace(surface=surface,
                                      affiliation=ante.affiliation or sp.affiliation)
            elif sp.source_kind == "named_person" and not memo.mentions_entity(surface):
                surname = sp.canonical.split()[-1]
                if surname in names and len(names[surname]) >= len(sp.canonical):
                    sp = sp._replace(canonical=names[surname])
                else:
                    names[surname] = sp.canonical
        resolved[i] = sp
        if sp is not None:
            history.append((att.paragraph, sp))
    for i in range(len(atts)):
        out.append(resolved[i])
    return out


class _GazetteerCache:
    """Per-gazetteer memo of pure lookups: speaker descriptions, mentions, person aliases."""

    __slots__ = ("gaz", "described", "mentioned", "aliases")

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.described: dict[str, Speaker] = {}
        self.mentioned: dict[str, bool] = {}
        self.aliases = frozenset(a for e in gaz.entities if e.type == "person" for a in e.aliases)

    def describe(self, surface: str) -> Speaker:
        sp = self.described.get(surface)
        if sp is None:
            if len(self.described) > 100_000:
                self.described.clear()
            sp = self.described[surface] = _describe(surface, self.gaz)
        return sp

    def mentions_entity(self, surface: str) -> bool:
        hit = self.mentioned.get(surface)
        if hit is None:
            if len(self.mentioned) > 100_000:
                self.mentioned.clear()
            hit = self.mentioned[surface] = bool(self.gaz.find(surface))
        return hit


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


def _person_like(parts: list[str]) -> bool:
    """Whether capitalised words can name a person ("National Security Agency", "American Revolution" cannot)."""
    for p in parts:
        low = p.casefold()
        if low in _ORG_WORDS or low in _MEDIA_WORDS or low in _DEMONYMS or low in _PLACE_WORDS:
            return False
    return True


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
        parts = found.split()
        if parts[0].endswith("."):
            parts = parts[1:]
        elif parts[0] in _LONG_TITLES:
            parts = parts[1:]
        if 2 <= len(parts) <= 3 and not any(p in _NOT_NAMES or p in _LONG_TITLES
                                            or p in _SHORT_TITLES for p in parts) \
                and _person_like(parts):
            last = parts[-1]
            out.add(last[:-2] if last.endswith(("'s", "’s")) else last.rstrip("."))
    return frozenset(out)


def _name_speaker(m: re.Match[str], marked: list[tuple[int, int]], gaz: Gazetteer,
                  gaz_names: frozenset[str], names: dict[str, str],
                  surnames: Container[str]) -> Speaker | None:
    """The person a match of :data:`_NAME` outside quotes names, or None.

    A lone capitalised word counts when it is a known speaker's surname, a
    gazetteer alias or one of the article's ``surnames``.
    """
    words = m.group().split()
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
    gender = "male" if title == "Mr" else "female" if title in ("Mrs", "Ms") else None
    return Speaker(m.group(0), canonical, "named_person", None, None, gender)


#: title nouns of definite descriptions ("the senator") -> the title before a name ("Sen. Ann Lee")
_TITLE_BEFORE_NAME = {
    "president": r"(?<!Vice )President", "senator": r"(?:Sen\.|Senator)",
    "governor": r"(?:Gov\.|Governor)", "congressman": r"(?:Rep\.|Representative|Congressman)",
    "congresswoman": r"(?:Rep\.|Representative|Congresswoman)", "mayor": r"Mayor",
    "sheriff": r"Sheriff", "secretary": r"Secretary(?:\s+of\s+[A-Z][a-z]+)?",
    "ambassador": r"Ambassador", "judge": r"Judge", "chairman": r"Chairman",
    "chairwoman": r"Chairwoman", "minister": r"Minister",
}
_TITLE_GENDER = {"congressman": "male", "congresswoman": "female", "chairman": "male",
                 "chairwoman": "female"}
_PERSON_NAME = (r"\s+(?P<name>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
                r"(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?){0,2})")


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
            len(words) == 3 and words[1].casefold() != "former"):
        return None
    noun = words[-1].casefold()
    if not _TITLE_BEFORE_NAME.get(noun):
        return None
    cue = att.cue_pos if att.cue_pos >= 0 else att.start
    found = None
    for m in _titled_name_pattern(noun).finditer(text, max(0, cue - 5000), cue):
        if not _inside(marked, m.start()):
            found = m
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
        sentence_start = max(text.rfind(". ", 0, cue), text.rfind("\n", 0, cue))
        split = bisect_right([m.start() for m in raw], sentence_start)
        gaz_names = _person_aliases(gaz)

        def last_named(matches: list[re.Match[str]]) -> Speaker | None:
            for m in reversed(matches):
                sp = _name_speaker(m, marked, gaz, gaz_names, names, surnames)
                if sp is not None and _compatible(sp, low):
                    return sp
            return None

        named = last_named(raw[split:])
        if named is not None:
            return named
        recent = [sp for par, sp in history[-_HISTORY:] if par >= att.paragraph - 1
                  and _compatible(sp, low)]
        if recent:
            return recent[-1]
        named = last_named(raw[:split])
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


def resolve_document(doc: ParsedDocument, *, gazetteer: Gazetteer | None = None,
                     verbs: QuoteVerbs | None = None) -> list[tuple[Attribution, Speaker | None]]:
    """Attributions of one document, each with its resolved speaker (None: unattributed)."""
    verbs = verbs or load_quote_verbs()
    gaz = gazetteer or load_gazetteer()
    atts = find_attributions(doc, verbs=verbs)
    return list(zip(atts, _resolve(atts, doc.text, gaz, verbs), strict=True))


def quote_rows(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None,
               verbs: QuoteVerbs | None = None) -> list[tuple[object, ...]]:
    """Rows of the quotes table (see :data:`QUOTE_COLUMNS`)."""
    verbs = verbs or load_quote_verbs()
    gaz = gazetteer or load_gazetteer()
    rows: list[tuple[object, ...]] = []
    for doc in docs:
        for n, (att, sp) in enumerate(resolve_document(doc, gazetteer=gaz, verbs=verbs)):
            verb = " ".join(att.verb.split()) if att.verb else None
            lemma = verbs.lemma(verb) if verb else None
            vclass = verbs.classes.get(lemma) if lemma else None
            if sp is None:
                rows.append((doc.doc_id, doc.outlet, f"{doc.doc_id}:q{n}", att.kind,
                             doc.text[att.start:att.end], att.speaker or None, None, "unattributed",
                             None, None, lemma, vclass, att.start, att.end))
            else:
                rows.append((doc.doc_id, doc.outlet, f"{doc.doc_id}:q{n}", att.kind,
                             doc.text[att.start:att.end], att.speaker, sp.canonical, sp.source_kind,
                             sp.role, sp.affiliation, lemma, vclass, att.start, att.end))
    return rows
