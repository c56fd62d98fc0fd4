"""Reporting-verb cues: the compiled cue patterns, verb occurrences and indirect speech.

Indirect speech is found by three patterns: ``X <verb> that ...``,
``according to X, ...`` and ``..., X <verb>.``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from toolkit.attribution.lexicon import QuoteVerbs, load_quote_verbs
from toolkit.attribution.phrases import (
    _described_name,
    _finite_subject,
    _is_speaker,
    _nonfinite_subject,
    _prefix_speaker,
)
from toolkit.attribution.quotes import Attribution, _inside, _overlaps, _trim
from toolkit.attribution.words import (
    _AUX,
    _AUX_WORDS,
    _MAX_CLAUSE,
    _MAX_SPEAKER_WORDS,
    _NOT_NAMES,
    _OBJECT_VERBS,
    _PARTY_TAG,
    _THAT,
)

#: verbs whose complement is a clause even without "that" ("Ann Lee said/added/insisted the plan ...")
#: (not verbs that often take a noun object: "explained the rules", "admitted the mistake",
#: "maintained a policy", "believe the reports")
_CLAUSE_VERBS = frozenset({"say", "add", "claim", "insist", "argue", "contend", "concede", "assert"})
#: the object of "told" (reporters, a name, "the Times") and the subject word opening the reported clause
_OBJECT_THEN_CLAUSE = re.compile(
    r"\s+(?:reporters|journalists|lawmakers|supporters|him|her|them|us|me|(?:the|a|an)\s+[\w’'-]+"
    r"(?:\s+[A-Z][\w’'-]*){0,2}|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+"
    r"(?P<start>(?:he|she|they|it|we|I|there|the|this|his|her|its|their|our)\s)")  # not "a": "told them a story"
_NEXT_WORD = re.compile(r"([A-Za-z][\w’'-]*)\s")
#: words that open the reported clause of "X said CLAUSE" (a subject)
_CLAUSE_STARTS = frozenset({"he", "she", "they", "it", "we", "i", "there", "the", "a", "an", "this", "these",
                            "those", "his", "her", "its", "their", "our", "no", "some", "many", "most", "both",
                            "everyone", "everybody", "nobody", "neither"})
#: verbs that often take a noun object ("admitted the mistake", "noted the date") but report a clause
#: that opens with a personal pronoun or "there" ("admits he is", "acknowledged there were"); not "believe",
#: which reports a thought more often than speech
_PRONOUN_CLAUSE_VERBS = frozenset({"acknowledge", "admit", "note", "explain", "recall", "announce",
                                   "predict", "complain", "suggest", "confirm", "deny", "estimate",
                                   "maintain", "testify", "write", "tweet", "report", "reveal", "warn", "tell"})
_PRONOUN_STARTS = frozenset({"he", "she", "they", "we", "i", "there"})
#: words opening the object of a non-speech "add" ("added an average of 155,000 jobs", "add some muscle")
_QUANTITY_OBJECTS = frozenset({"a", "an", "some", "many", "most", "no", "both"})
_AFTER_VERB = re.compile(r"\s+([^“”\"«»,;:!?()]{1,80})")
_TAIL = 60  # longest reporting-verb form, with room for the spaces of "according  to"


@dataclass
class _Spec:
    """Compiled patterns that depend on the verb lexicon."""

    verbs: QuoteVerbs
    after_sv: re.Pattern[str]
    after_app: re.Pattern[str]
    after_vs: re.Pattern[str]
    before: re.Pattern[str]
    verb_any: re.Pattern[str]
    verb_space: re.Pattern[str]
    verb_other: re.Pattern[str]
    according: re.Pattern[str]
    cut: re.Pattern[str]
    #: per verb form: whether it is finite, and its lemma (the forms are those of the lexicon)
    form_info: dict[str, tuple[bool, str | None]] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _spec(verbs: QuoteVerbs | None = None) -> _Spec:
    verbs = verbs or load_quote_verbs()
    v = r"(?P<verb>" + verbs.pattern + r")"
    word = r"[^\s“”\"«»,;:!?()]+"
    np = rf"(?P<np>(?:{word}\s+){{0,{_MAX_SPEAKER_WORDS - 1}}}?{word})"
    return _Spec(
        verbs=verbs,
        # (a party tag may stand between name and verb: "Sen. Ann Lee (R-Ore.) said", or follow
        # the name between commas: "Ann Lee, D-Md., pledged")
        after_sv=re.compile(rf"[\s,.;:—–-]{{0,4}}{np}(?:\s+{_PARTY_TAG}|,[^\S\n]+[DRI]-[A-Z][A-Za-z.]{{1,12}},)?"
                            rf"\s+{_AUX}{v}\b"),
        # "“...,” Mr. Hale, a Virginia Republican, said": a name, an apposition, the verb (the
        # apposition may be capitalised: "Mr. Hale, Virginia Republican, said", "Ann Lee, R-Ore., said";
        # a party tag may follow the name: "Sen. Ann Lee (R., Ore.), a critic, said")
        after_app=re.compile(rf"[\s,.;:—–-]{{0,4}}(?P<np>(?:{word}\s+){{0,4}}?{word})(?:\s+{_PARTY_TAG})?,\s+"
                             rf"(?:(?:a|an|the|who|whose|one|now|then|also|[a-z][a-z-]+)\s"
                             rf"[^“”\"«»,;:!?()]{{1,80}}|[A-Z][^“”\"«»,;:!?()]{{1,60}}),\s+{_AUX}{v}\b"
                             rf"|[\s,.;:—–-]{{0,4}}(?P<np2>(?:{word}\s+){{1,3}}?{word}),\s+\d{{1,3}},\s+{_AUX}"
                             rf"(?P<verb2>{verbs.pattern})\b"),  # "“...,” Ann Lee, 74, said"
        after_vs=re.compile(rf"[\s,.;:—–-]{{0,4}}{v}\s+(?P<rest>[^“”\"«»,;:!?()]{{1,80}})"),
        before=re.compile(rf"{v}\b(?P<tail>[^“”\"«».!?]{{0,60}}?)[:,]?\s*$"),
        verb_any=re.compile(rf"\b{v}\b"),
        # the same matches as verb_any over a whole text (every form starts with a lower-case
        # letter, so \b before it means "after a non-word character"), in two scans: after a
        # space (a literal first character, which the engine finds fastest) and after any other
        # non-word character (approximated by ranges, which the engine tests faster than the
        # \W category: every character but a space, an ASCII letter, digit or underscore; a
        # non-ASCII letter before the verb is dropped afterwards)
        verb_space=re.compile(rf" {v}\b"),
        verb_other=re.compile(rf"[\x00-\x1f!-/:-@\[-\^`{{-\U0010ffff]{v}\b"),
        according=re.compile(r"\b[Aa]ccording to\s+(?P<np>[^,.;:!?“”\"«»]{1,80})"),
        cut=re.compile(rf"[.!?,]\s+(?P<cue>{np}\s+{_AUX}{v}\b[^.!?“”\"]{{0,40}}[.!?]?)\s*$"),
    )


def _verb_hits(spec: _Spec, text: str) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` of every reporting-verb form in ``text`` (as ``spec.verb_any.finditer``).

    The two scans' matches are merged in order; one that starts inside the
    previous match is dropped, as a single left-to-right scan would skip it.
    """
    first = spec.verb_any.match(text)
    pos = first.end() if first is not None else 0
    found = [m.span("verb") for m in spec.verb_space.finditer(text, pos)]
    other = [m.span("verb") for m in spec.verb_other.finditer(text, pos)
             if not (text[m.start()].isalnum() or text[m.start()] == "_")]
    if other:
        found.extend(other)
        found.sort()
    if first is not None:
        found.insert(0, first.span("verb"))
    out = []
    last_end = -1
    for vs, ve in found:
        if vs - 1 < last_end:  # the non-word character before the verb belongs to the previous match
            continue
        form = text[vs:ve]
        out.append((vs, ve, form if form.isalpha() else " ".join(form.split())))
        last_end = ve
    return out


def _finite(form: str) -> bool:
    return not form.casefold().endswith("ing")


def _window_verbs(spec: _Spec, text: str, start: int, end: int, hits: list[tuple[int, int, str]],
                  hit_starts: list[int]) -> list[tuple[int, str]]:
    """``(start, raw form)`` of ``spec.verb_any.finditer(text, start, end)``, read from the article's ``hits``.

    A hit that ends before ``end`` is found the same in the window; only a
    match that ends exactly at ``end`` can differ (the window cuts a word:
    "says" read as "say"), so the window's last few characters are scanned.
    """
    out = [(vs, text[vs:ve]) for vs, ve, _ in hits[bisect_left(hit_starts, start):bisect_left(hit_starts, end)]
           if ve < end]
    if end > start and text[end - 1].isalnum():  # a form ends with a letter
        for m in spec.verb_any.finditer(text, max(start, end - _TAIL), end):
            if m.end() == end:
                out.append((m.start(), m.group("verb")))
    return out


def _nearest_verb_speaker(spec: _Spec, text: str, s_start: int, s_end: int, pos: int,
                          quotes: list[tuple[int, int]], hits: list[tuple[int, int, str]],
                          hit_starts: list[int]) -> tuple[str, str | None, int]:
    """Speaker from the reporting verb of the sentence nearest to ``pos`` (outside quotes)."""
    found = _window_verbs(spec, text, max(s_start, pos - 200), min(s_end, pos + 200), hits, hit_starts)
    # nearest first (the earlier of two at the same distance): the first with a speaker wins
    found.sort(key=lambda h: abs(h[0] - pos))
    for vs, form in found:
        if _inside(quotes, vs):
            continue
        if form.casefold() == "according to":
            continue
        if _finite(form):
            who = _finite_subject(text, s_start, vs, quotes)
        else:
            who = _nonfinite_subject(text, s_start, vs, quotes)
        if who:
            return who, form, vs
    return "", None, -1


def _according_speaker(spec: _Spec, text: str, s_start: int, s_end: int, pos: int,
                       quotes: list[tuple[int, int]]) -> tuple[str, int]:
    """X of the "according to X" nearest to ``pos`` in its sentence (outside quotes), and its position.

    "According to the report, most groups “did not respond”": the partial quote is the report's.
    """
    best, best_pos = "", -1
    for m in spec.according.finditer(text, max(s_start, pos - 400), min(s_end, pos + 400)):
        if quotes and _inside(quotes, m.start()):
            continue
        words = m.group("np").split()
        if _is_speaker(words) and (best_pos < 0 or abs(m.start() - pos) < abs(best_pos - pos)):
            best, best_pos = " ".join(words), m.start()
    return best, best_pos


#: verbs that name, label or judge rather than report ("referred to the plan as a “disaster”", "dubbed
#: it “Obamacare”", "likened the charges to “a witch hunt”", "dismissed them as “cheap lies”"): the
#: speaker of a quoted label that follows them in the sentence is their subject
_NAMING = re.compile(r"\b(?:refer(?:s|red|ring)?\s+to|dub(?:s|bed|bing)|label(?:s|l?ed|l?ing)|"
                     r"brand(?:s|ed|ing)|term(?:s|ed|ing)|liken(?:s|ed|ing)|dismiss(?:es|ed|ing)|"
                     r"decr(?:y|ies|ied|ying)|prais(?:e|es|ed|ing)|hail(?:s|ed|ing)|slam(?:s|med|ming)|"
                     r"blast(?:s|ed|ing)|mock(?:s|ed|ing)|condemn(?:s|ed|ing)|denounc(?:e|es|ed|ing)|"
                     r"derid(?:e|es|ed|ing)|lambast(?:e|es|ed|ing)|describ(?:e|es|ed|ing)|express(?:es|ed|ing)|"
                     r"characteri[sz](?:e|es|ed|ing))\b(?=[^“”\"«».!?]{0,80}$)")


def _naming_speaker(text: str, s_start: int, mark: int, quotes: list[tuple[int, int]]) -> tuple[str, int]:
    """Subject of a naming verb in the sentence before a quoted label, and the verb's position."""
    start = max(s_start, mark - 120)
    found = None
    for m in _NAMING.finditer(text[start:mark]):
        found = m
    if found is None:
        return "", -1
    vs = start + found.start()
    if _inside(quotes, vs):
        return "", -1
    word = found.group()
    who = (_nonfinite_subject(text, s_start, vs, quotes) if word.endswith("ing")
           else _finite_subject(text, s_start, vs, quotes))
    return who, vs


def _indirect(spec: _Spec, text: str, p_start: int, p_end: int, starts: list[int],
              ends: list[int], quotes: list[tuple[int, int]], p_index: int,
              hits: list[tuple[int, int, str]], has_according: bool = True) -> list[Attribution]:
    out: list[Attribution] = []
    lemma_of = spec.verbs.lemma
    form_info = spec.form_info
    for vs, ve, form in hits:
        if (quotes and _inside(quotes, vs)) or form == "according to":
            continue
        info = form_info.get(form)
        if info is None:
            info = form_info[form] = (_finite(form), lemma_of(form))
        finite, lemma = info
        limit = min(p_end, ve + 60)
        that = _THAT.match(text, ve, limit) if text.find("that", ve, limit) >= 0 else None
        if that is not None:
            # X <verb> (object) that CLAUSE; X <verb> (adjunct) that CLAUSE ("said Thursday that",
            # "said earlier that", "said in a statement that")
            if that.group(1) and lemma not in _OBJECT_VERBS and not _adjunct(that.group(1)):
                continue
            s, e = _sentence(starts, ends, p_start, p_end, vs)
            if finite:
                who = _finite_subject(text, s, vs, quotes)
            else:
                who = _nonfinite_subject(text, s, vs, quotes)
            c_start, c_end = that.end(), _content_end(text, e)
            if not who or not 3 <= c_end - c_start <= _MAX_CLAUSE or _inside(quotes, c_start):
                continue
            out.append(Attribution("indirect", c_start, c_end, vs, who, form, p_index, "indirect"))
            continue
        # X said CLAUSE (no "that"): "Ann Lee said the plan would fail.", "X insisted it was"
        clause_verb = lemma in _CLAUSE_VERBS
        infinitive = text[max(0, vs - 3):vs] == "to " and (vs < 4 or not text[vs - 4].isalnum())
        # "wants to add his measure", "refused to acknowledge he owed": no report (but "emerged to say she
        # was stunned", "went so far as to claim he could")
        if finite and (clause_verb or lemma in _PRONOUN_CLAUSE_VERBS) and text.startswith(" ", ve) and not (
                infinitive and (lemma == "add" or not clause_verb)):
            nxt = _NEXT_WORD.match(text, ve + 1, min(p_end, ve + 40))
            first = nxt.group(1) if nxt is not None else ""
            if nxt is not None and (first.casefold() in _PRONOUN_STARTS or clause_verb and (
                    first.casefold() in _CLAUSE_STARTS or (first[:1].isupper() and first not in _NOT_NAMES))) and not (
                    lemma == "add" and first.casefold() in _QUANTITY_OBJECTS):
                s, e = _sentence(starts, ends, p_start, p_end, vs)
                who = _finite_subject(text, s, vs, quotes)
                c_start, c_end = ve + 1, _content_end(text, e)
                if who and 3 <= c_end - c_start <= _MAX_CLAUSE and not _inside(quotes, c_start) and len(
                        text[c_start:c_end].split(None, 3)) >= 3:
                    out.append(Attribution("indirect", c_start, c_end, vs, who, form, p_index, "indirect"))
                    continue
        # X told reporters CLAUSE (no "that"): "Ann Lee told reporters the plan would fail."
        if finite and lemma in _OBJECT_VERBS and text.startswith(" ", ve):
            obj = _OBJECT_THEN_CLAUSE.match(text, ve, min(p_end, ve + 80))
            if obj is not None:
                s, e = _sentence(starts, ends, p_start, p_end, vs)
                who = _finite_subject(text, s, vs, quotes)
                c_start, c_end = obj.start("start"), _content_end(text, e)
                if who and 3 <= c_end - c_start <= _MAX_CLAUSE and not _inside(quotes, c_start) and len(
                        text[c_start:c_end].split(None, 3)) >= 3:
                    out.append(Attribution("indirect", c_start, c_end, vs, who, form, p_index, "indirect"))
                    continue
        # CLAUSE, X <verb>.
        if ve < p_end and text[ve] not in " ,.;":
            continue
        seg_start = max(p_start, vs - 100)
        comma = text.rfind(",", seg_start, vs)
        if comma < 0:
            continue
        s, e = _sentence(starts, ends, p_start, p_end, vs)
        c_start, c_end = s, comma
        if not 0 < c_end - c_start <= _MAX_CLAUSE or _overlaps(quotes, s, c_end):
            continue  # tested first: cheaper than the speaker test, and usually true ("“...,” X said")
        words = text[comma + 1:vs].split()
        if not words and ve < p_end and lemma == "say":  # CLAUSE, says X, a historian.
            # only when the speaker ends the clause ("says Ann Lee." or "says Ann Lee, a ..."): in
            # "X, a consultant, told the Times that ..." the words after the verb are its object
            rest = _AFTER_VERB.match(text, ve, min(p_end, ve + 80))
            phrase = rest.group(1).rstrip() if rest and text[rest.end():rest.end() + 1] in (",", ";") else (
                rest.group(1).rstrip()[:-1] if rest and rest.group(1).rstrip().endswith(".") else "")
            who = _prefix_speaker(phrase) or _described_name(phrase, at_end=True) if phrase else ""
            words = who.split() if who and len(who.split()) == len(phrase.split()) or (
                who and phrase.endswith(who)) else []
        elif ve < e and text[ve] == " " and lemma not in _OBJECT_VERBS:
            # "..., X said on Monday." but not "In his speech, X praised the plan": the verb ends the
            # sentence or an adjunct follows it, else the words before the comma are no reported clause
            nxt = _WORD_AFTER.match(text, ve, min(e, ve + 40))
            if nxt is None:
                if text[ve + 1:ve + 2] in _QUOTE_CHARS:  # "..., X said “I think so.”"
                    continue
            elif not _adjunct(nxt.group(1)):
                continue
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
        if text[ve:ve + 1] != "," and _fronted_lead(lead):  # "In his speech Monday, X said.": no clause
            continue  # (not a cue inside the sentence: "In states like Ohio, X said, one in six ...")
        c_start, c_end = _trim(text, c_start, c_end)
        while c_start < c_end and text[c_start] in "•-–— ":
            c_start += 1
        if c_end - c_start < 10 or len(text[c_start:c_end].split()) < 3:
            continue
        out.append(Attribution("indirect", c_start, c_end, vs, " ".join(words), form, p_index,
                               "indirect"))
    # according to X, CLAUSE / CLAUSE, according to X.
    for m in spec.according.finditer(text, p_start, p_end) if has_according else ():
        if quotes and _inside(quotes, m.start()):
            continue
        s, e = _sentence(starts, ends, p_start, p_end, m.start())
        who = m.group("np").strip()
        if not who or len(who.split()) > _MAX_SPEAKER_WORDS:
            continue
        lead = text[s:m.start()].strip(" •-–—,")
        if lead:
            c_start, c_end = max(s, m.start() - _MAX_CLAUSE), m.start()
            while c_end > c_start and text[c_end - 1] in " ,":
                c_end -= 1
        else:
            c_start, c_end = m.end("np") + 1, _content_end(text, min(e, m.end() + _MAX_CLAUSE))
        c_start, c_end = _trim(text, c_start, c_end)
        while c_start < c_end and text[c_start] in "•-–— ":
            c_start += 1
        if c_end - c_start < 3 or _overlaps(quotes, c_start, c_end) or _inside(quotes, c_start):
            continue
        out.append(Attribution("indirect", c_start, c_end, m.start(), who, "according to", p_index,
                               "indirect"))
    return out



#: words that may follow the verb of "CLAUSE, X <verb> ...": an adjunct, not an object
_ADJUNCT_STARTS = frozenset("""on in at during after before while when as last this earlier later yesterday today
    tonight recently again also previously publicly privately repeatedly then monday tuesday wednesday thursday
    friday saturday sunday according from via by through with without of about outside inside afterward
    afterwards shortly now late early""".split())
_QUOTE_CHARS = frozenset("“”\"«»‘")
_WORD_AFTER = re.compile(r"\s*([A-Za-z][\w’'-]*)")
#: words that open a fronted phrase or clause rather than a reported clause
_FRONTED = frozenset("""in on at during after before back when whenever while as if although though because since
    once until unless whether with without for from by under over amid despite asked referring speaking
    upon within throughout following""".split())
_INDEFINITE = frozenset({"nothing", "something", "everything", "anything"})


def _adjunct(words: str) -> bool:
    """Whether the words between a reporting verb and "that" are an adjunct of time or manner.

    "Thursday", "earlier", "on Monday", "in a statement", "publicly": not an
    object ("said the plan that ..." is no report), so the that-clause is still
    the verb's.
    """
    first = words.split(None, 1)[0].casefold()
    return first in _ADJUNCT_STARTS or (first.endswith("ly") and len(first) > 4)


def _fronted_lead(lead: str) -> bool:
    """Whether ``lead`` is one fronted phrase or clause ("In his speech Monday", "When the bill came up").

    A lead that opens with a preposition, a subordinator or a participle and
    holds no comma (no main clause follows the fronted part).
    """
    first = lead.lstrip(" •-–—“\"").split(None, 1)[:1]
    if not first or "," in lead:
        return False
    word = first[0].casefold()
    return word in _FRONTED or (word.endswith("ing") and len(word) > 5 and word not in _INDEFINITE
                                and first[0][:1].isupper())


def _sentence(starts: list[int], ends: list[int], p_start: int, p_end: int, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``, clipped to the paragraph (``starts`` and ``ends`` are parallel)."""
    i = bisect_right(starts, pos) - 1
    if i < 0:
        i = 0
    s, e = starts[i], ends[i]
    return (s if s > p_start else p_start), (e if e < p_end else p_end)


def _content_end(text: str, s_end: int) -> int:
    """``s_end`` moved back over the sentence's closing punctuation and spaces."""
    e = s_end
    while e > 0 and text[e - 1] in ".!?; ":
        e -= 1
    return e
