"""Quote and speaker extraction: rules over quotation marks and reporting verbs.

The extractor reads each paragraph once. Quotation marks are paired with a
small state machine (curly, straight, guillemets and single curly quotes;
straight marks may close curly ones; an opening mark left open is closed at
the paragraph boundary, so an unbalanced quote never swallows the next
paragraph). Each quote then looks for its cue: after the closing mark
(``"...," the official said``; ``said Blinken``), before the opening mark
(``He added: "..."``), or elsewhere in its sentence (a reporting verb, "according to X",
"as X put it"); a quote opening a paragraph after one that ends in a colon takes the
subject of that colon sentence's reporting verb ("X tweeted that:" ¶ "..."). A quote with no cue
continues the previous speaker when it follows a quote of the same or the
previous paragraph (never a possessive: "WXYZ's “daily panic”" names no speaker). A short
title-case quote after an outlet's possessive or "on", or next to a noun such as bill, book or
show ("CNN's “New Day”", "his “Audit the Fed” bill") is a title, not a quote, and is dropped.
When no speaker words stand right before a verb, its subject is looked for
past an auxiliary ("he had said"), a coordinated predicate ("X stood up and
said") or an apposition ("X, a spokeswoman for Y, wrote"). Indirect speech is found by three patterns: ``X <verb>
that ...``, ``according to X, ...`` and ``..., X <verb>.`` (the verb ends the sentence or an
adjunct follows it, and the clause is no lone fronted phrase: "In his speech Monday, X praised
..." reports nothing). Speakers are
resolved within the article: pronouns to the nearest compatible speaker,
definite descriptions (``the official``) to the earlier indefinite one with
the same role, names to the gazetteer entity or to the longest earlier name
with the same surname. A pronoun's candidate antecedents are person-like
names only ("the National Security Agency" is none), and a lone surname counts
as a name when the article names that person in full somewhere.

The rules live in :mod:`~toolkit.attribution.quotes` (quotation marks),
:mod:`~toolkit.attribution.cues` (reporting-verb cues, indirect speech),
:mod:`~toolkit.attribution.phrases` (speaker phrases and verb subjects),
:mod:`~toolkit.attribution.speakers` (resolution within the article) and
:mod:`~toolkit.attribution.words` (shared word lists); this module runs them
over a document.

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
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from toolkit.attribution.cues import (
    _according_speaker,
    _finite,
    _indirect,
    _naming_speaker,
    _nearest_verb_speaker,
    _spec,
    _verb_hits,
)
from toolkit.attribution.lexicon import QuoteVerbs, load_quote_verbs
from toolkit.attribution.phrases import (
    _clause_subject,
    _described_name,
    _finite_subject,
    _is_speaker,
    _nonfinite_subject,
    _prefix_speaker,
    _suffix_speaker,
)
from toolkit.attribution.quotes import (
    _QMARK,
    _WORDS,
    Attribution,
    _is_title,
    _kind,
    _mark_spans,
    _outside_quotes,
    _paragraph_spans,
    _sentence_of,
    _trim,
)
from toolkit.attribution.speakers import Speaker, _resolve
from toolkit.attribution.words import _AFTER_CONTINUED, _BEFORE_WINDOW, _SPAN, _WINDOW
from toolkit.gazetteer import Gazetteer, load_gazetteer
from toolkit.text import ParsedDocument

__all__ = ["Attribution", "Speaker", "find_attributions", "resolve_document", "quote_rows", "QUOTE_COLUMNS",
           "SOURCE_KINDS"]

QUOTE_COLUMNS = ["doc_id", "outlet", "quote_id", "kind", "quote", "speaker", "speaker_canonical",
                 "source_kind", "role", "affiliation", "verb", "verb_class", "start", "end"]
SOURCE_KINDS = ("named_person", "anonymous", "organization", "media", "unattributed")


def find_attributions(doc: ParsedDocument, *, verbs: QuoteVerbs | None = None,
                      titles: list[tuple[int, int]] | None = None) -> list[Attribution]:
    """Quotes (direct, partial, indirect) of one document with their raw speaker cue.

    ``titles``, when given, receives the spans of quoted titles and labels that
    are no quote ("“Access Hollywood”"), so that names inside them are no
    antecedents for a pronoun.

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
    according = _occurrences(text, "ccording to")
    put_it = "put" in text and _PUT_IT_ANY.search(text) is not None  # most articles have no "as X put it"
    paragraphs = _paragraph_spans(text)
    # only paragraphs with a quotation mark, a reporting verb or "according to" hold attributions
    # (a paragraph's separator is blank, so every position found lies inside its paragraph)
    p_starts = [s for s, _ in paragraphs]
    active = sorted({bisect_right(p_starts, pos) - 1 for pos in (*all_marks, *hit_starts, *according)})
    last_index = -2
    for p_index in active:
        p_start, p_end = paragraphs[p_index]
        if p_index != last_index + 1:
            prev_para_speaker = ""  # the paragraph before had nothing to attribute
        last_index = p_index
        marks = all_marks[bisect_left(all_marks, p_start):bisect_left(all_marks, p_end)]
        opening = _LEAD.match(text, p_start, p_end)  # a quote whose mark is at or before its end opens the paragraph
        lead_end = opening.end() if opening is not None else p_start
        hits = all_hits[bisect_left(hit_starts, p_start):bisect_right(hit_starts, p_end)]
        spans = _mark_spans(text, p_start, p_end, marks) if marks else []
        para_quotes = [(a - 1, b + 1) for a, b, _ in spans]
        has_according = bisect_left(according, p_start) < bisect_left(according, p_end)
        indirect = (_indirect(spec, text, p_start, p_end, starts, ends, para_quotes, p_index, hits,
                              has_according)
                    if hits or has_according else [])
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
            if _is_title(text, q_start, q_end, open_end - 1, close_start if closed else -1):
                if titles is not None:
                    titles.append((q_start, q_end))
                continue  # "CNN’s “New Day”", "his “Audit the Fed” bill": a title, no quote
            speaker, verb, cue, cue_pos = "", None, "none", -1
            # 1. after the closing mark
            window_end = min(p_end, after_pos + _WINDOW)
            verb_after = _may_hold_verb(text, hit_starts, after_pos, window_end)
            m = spec.after_sv.match(text, after_pos, window_end) if verb_after else None
            if m and _is_speaker(m.group("np").split()):
                speaker, verb, cue, cue_pos = m.group("np"), m.group("verb"), "after", m.start("verb")
            elif m and (who := _described_name(m.group("np"), at_end=True)):
                # "“...,” co-worker Ann Lee said"
                speaker, verb, cue, cue_pos = who, m.group("verb"), "after", m.start("verb")
            elif verb_after:
                m = spec.after_vs.match(text, after_pos, window_end)
                if m:
                    # "“...,” said Ann Lee" or "“...,” said entrepreneur Ann Lee"
                    who = _prefix_speaker(m.group("rest")) or _described_name(m.group("rest"), at_end=False)
                    if who:
                        speaker, verb, cue, cue_pos = who, m.group("verb"), "after", m.start("verb")
            if not speaker and verb_after and text.find(",", after_pos + 1, window_end) >= 0:
                m = spec.after_app.match(text, after_pos, window_end)
                np_group, verb_group = ("np", "verb") if m and m.group("np") else ("np2", "verb2")
                if m and _is_speaker(m.group(np_group).split()):
                    speaker, verb, cue = m.group(np_group), m.group(verb_group), "after"
                    cue_pos = m.start(verb_group)
                elif m and kind == "direct" and (who := _described_name(m.group(np_group), at_end=True)):
                    # "“...,” video editor Ann Lee, 27, says" (not after a partial quote: there the
                    # words may run into the next sentence)
                    speaker, verb, cue, cue_pos = who, m.group(verb_group), "after", m.start(verb_group)
            if not speaker:  # "“...” Jane Roe continued." ("continued to" is no cue, so only here)
                m = (_AFTER_CONTINUED.match(text, after_pos, window_end)
                     if text.find("continued", after_pos, window_end) >= 0
                     or text.find("went", after_pos, window_end) >= 0 else None)
                if m and _is_speaker(m.group("np").split()):
                    speaker, cue, cue_pos = m.group("np"), "after", m.start("verb")
            # 1b. a byline after a dash ending the paragraph: “...” — Ann Lee, Washington Post
            # (only a quote that opens its paragraph: after a cue in the paragraph, the quote is that
            # speaker's and the dash signs the writer of the item)
            if not speaker and kind == "direct" and closed and open_end - 1 <= lead_end:
                m = _DASH_BYLINE.match(text, after_pos, p_end)
                if m and m.end() == p_end:
                    np_text = m.group("np").split(" to ")[0].strip()  # "Ann Lee to the Associated Press"
                    who = _prefix_speaker(np_text)
                    if who and who == np_text:
                        speaker, cue, cue_pos = who, "after", m.start("np")
            # 1c. a byline paragraph after the quote's paragraphs: “...” ¶ “...” ¶ Ann Lee, The Washington Post
            # (not when the quote may continue the previous paragraph's speaker)
            if not speaker and kind == "direct" and not prev_para_speaker and not last_in_para and (
                    open_end - 1 <= lead_end):
                who, pos = _byline_below(text, paragraphs, p_index)
                if who:
                    speaker, cue, cue_pos = who, "after", pos
            # 2. before the opening mark
            if not speaker:
                b_start = max(p_start, s_start, open_end - 1 - _BEFORE_WINDOW)
                before = text[b_start:open_end - 1]
                mb = None
                stripped = before.rstrip()
                tail_end = stripped[-1:]
                if (tail_end in (":", ",") or tail_end.isalpha()) and _may_hold_verb(
                        text, hit_starts, b_start, open_end - 1, cut_start=True):
                    # the cue verb nearest the mark: the last verb where the pattern holds
                    for vm in reversed(list(spec.verb_any.finditer(before))):
                        mb = spec.before.match(before, vm.start())
                        if mb:
                            break
                if mb and tail_end not in (":", ",") and mb.group("tail").strip():
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
            # 2c. a quote opening its paragraph after one that ends in a colon, with a reporting verb
            # in its last sentence: "X tweeted that:" ¶ "..."
            if not speaker and kind == "direct" and p_index > 0 and not prefix and (
                    open_end - 1 <= lead_end):
                who, form, pos = _colon_paragraph_speaker(text, paragraphs[p_index - 1], starts, all_hits,
                                                          hit_starts)
                if who:
                    speaker, verb, cue, cue_pos = who, form, "before", pos
            # 2d. "as X put it": “...,” as X put it / As X put it on Twitter, “...”
            if not speaker and put_it and kind != "indirect":
                who, pos = _put_it_speaker(text, max(s_start, open_end - 1 - _BEFORE_WINDOW), open_end - 1,
                                           after_pos, window_end)
                if who:
                    speaker, verb, cue, cue_pos = who, None, "before" if pos < open_end else "after", pos
            # 3. possessive: Washington's "deep concerns"
            if not speaker and kind == "partial":
                lead = text[max(s_start, open_end - 60):open_end - 1].rstrip()
                if lead.endswith(("’s", "'s")) and lead[:-2].rsplit(None, 1)[-1:] != [] and (
                        lead[:-2].rsplit(None, 1)[-1].casefold() not in _CONTRACTED):
                    who = _suffix_speaker(lead[:-2])
                    if who:
                        speaker, cue, cue_pos = who, "possessive", open_end - 1
            # 4. a reporting verb elsewhere in the sentence
            if not speaker and kind == "partial":
                s_end = ends[s_index] if s_index < len(ends) else p_end
                who, form, pos = _nearest_verb_speaker(spec, text, s_start, min(s_end, p_end),
                                                       open_end, para_quotes, all_hits, hit_starts)
                if who:
                    speaker, verb, cue, cue_pos = who, form, "sentence", pos
            # 4b. a naming verb before the quote: X referred to Y as a “...”; X dubbed it “...”
            if not speaker and kind == "partial":
                who, pos = _naming_speaker(text, s_start, open_end - 1, para_quotes)
                if who:
                    speaker, cue, cue_pos = who, "sentence", pos
            # 4c. "according to X" elsewhere in the sentence: "According to X, most groups “did not respond”"
            s_end = min(ends[s_index] if s_index < len(ends) else p_end, p_end)
            if not speaker and kind == "partial" and has_according and (
                    bisect_left(according, s_start) < bisect_left(according, s_end)):
                who, pos = _according_speaker(spec, text, s_start, s_end, open_end, para_quotes)
                if who:
                    speaker, verb, cue, cue_pos = who, "according to", "sentence", pos
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
        # the speaker of the paragraph's last attribution with one (the first of equal starts)
        prev_para_speaker, last_start = "", -1
        for a in para_out:
            if a.start > last_start and a.speaker and a.cue != "possessive":
                prev_para_speaker, last_start = a.speaker, a.start
        out.extend(para_out)
    out.sort(key=lambda a: (a.start, a.end))
    return out


#: bullets, dashes and spaces that may open a paragraph before its first quotation mark
_LEAD = re.compile(r"[ •\-–—\t]*")
#: a dash, then a speaker's name and an optional affiliation after a comma, up to the end of
#: the paragraph: the byline of a quoted opinion ("“...” — Ann Lee, The Washington Post")
_DASH_BYLINE = re.compile(r"[^\S\n]*[—–][^\S\n]*(?P<np>[A-Z][^,\n—–“”\"]{1,60}?)(?:,[^\n“”\"]{1,80})?[^\S\n]*$")


#: a byline paragraph: a name of two to four words, a comma and an outlet ("Ann Lee, The Washington Post")
#: (not a list of names: "Ann Lee, Tom Hale and Bill Roe")
_BYLINE_PARAGRAPH = re.compile(r"(?P<np>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}), (?![^\n]* and )"
                               r"[A-Z][^\n.!?“”\"]{1,60}")
_QUOTE_OPENERS = "“\"«‘"


def _byline_below(text: str, paragraphs: list[tuple[int, int]], p_index: int) -> tuple[str, int]:
    """The name of a byline paragraph that follows the quote paragraphs from ``p_index`` on, and its position.

    A roundup of opinion quotes sets each writer's name in its own paragraph
    after the quoted paragraphs ("“...” ¶ “...” ¶ Ann Lee, The Washington Post").
    Up to three more quote paragraphs may stand between.
    """
    for j in range(p_index + 1, min(len(paragraphs), p_index + 5)):
        b_start, b_end = paragraphs[j]
        if text[b_start:b_start + 1] in _QUOTE_OPENERS:
            continue
        if b_end - b_start > 80:
            return "", -1
        m = _BYLINE_PARAGRAPH.fullmatch(text, b_start, b_end)
        if m is None:
            return "", -1
        who = _prefix_speaker(m.group("np"))
        return (who, m.start("np")) if who and who == m.group("np") else ("", -1)
    return "", -1


#: words whose "'s" is "is" or "has", not a possessive ("it’s “over”", "he’s “not sure”")
_CONTRACTED = frozenset({"it", "he", "she", "that", "there", "what", "who", "here", "where", "let", "this"})


#: "as X put it" (X: up to eight words without punctuation)
_PUT_IT_ANY = re.compile(r"puts?\s+it\b")  # a superset of _PUT_IT; no leading \b, so the engine scans for "put" fast
_PUT_IT = re.compile(r"\b[Aa]s\s+(?P<np>(?:[^\s,;:“”\"«»]+\s+){0,8}?)(?:put|puts)\s+it\b")


def _put_it_speaker(text: str, b_start: int, mark: int, after: int, after_end: int) -> tuple[str, int]:
    """X of an "as X put it" right after the quote, or before it with no other quote in between."""
    start = after
    while start < min(after + 4, after_end) and text[start] in " ,—–-":
        start += 1
    m = _PUT_IT.match(text, start, after_end)
    if m is None:
        found = list(_PUT_IT.finditer(text, b_start, mark))
        m = found[-1] if found and not _QMARK.search(text, found[-1].end(), mark) else None
    if m is None:
        return "", -1
    words = m.group("np").split()
    if _is_speaker(words) or (2 <= len(words) <= 5 and words[0].casefold() in {"one", "a", "an", "the", "another"}
                              and all(w.isalpha() and w.islower() for w in words[1:])):  # "one engineer"
        return " ".join(words), m.start()
    return "", -1


def _colon_paragraph_speaker(text: str, para: tuple[int, int], starts: list[int],
                             hits: list[tuple[int, int, str]], hit_starts: list[int]) -> tuple[str, str | None, int]:
    """Subject of the last reporting verb of a paragraph's last sentence, when it ends in a colon."""
    pp_start, pp_end = para
    colon = pp_end - 1
    while colon > pp_start and text[colon].isspace():
        colon -= 1
    if colon <= pp_start or text[colon] != ":":
        return "", None, -1
    s = max(pp_start, starts[_sentence_of(starts, colon)], colon - _SPAN)
    found = hits[bisect_left(hit_starts, s):bisect_left(hit_starts, colon)]
    if not found or _QMARK.search(text, s, colon):
        return "", None, -1
    vs, _, form = found[-1]
    who = _finite_subject(text, s, vs, []) if _finite(form) else _nonfinite_subject(text, s, vs, [])
    if not who or who.endswith(("'s", "’s")):  # "X, KitchenAid's director, ... saying:": no possessive
        return "", None, -1
    return who, form, vs


def _may_hold_verb(text: str, hit_starts: list[int], start: int, end: int, *, cut_start: bool = False) -> bool:
    """Whether a verb pattern can match in ``text[start:end]``, from the article's verb hits.

    False only when no hit starts in the window and the window cuts no word at
    its end (a pattern bounded there reads "address" as "add"), nor at its
    start with ``cut_start`` (a slice reads "unsaid" as "said").
    """
    if bisect_left(hit_starts, start) < bisect_left(hit_starts, end):
        return True
    if end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        return True
    return cut_start and 0 < start < len(text) and text[start].isalnum() and text[start - 1].isalnum()


def _occurrences(text: str, needle: str) -> list[int]:
    """Start of every occurrence of ``needle`` in ``text``."""
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def resolve_document(doc: ParsedDocument, *, gazetteer: Gazetteer | None = None,
                     verbs: QuoteVerbs | None = None) -> list[tuple[Attribution, Speaker | None]]:
    """Attributions of one document, each with its resolved speaker (None: unattributed).

    A quoted word or two inside the reporter's sentence with no speaker and no
    cue is a term or a scare quote ("the so-called “deal”"), not reported speech,
    and is left out: in two manual reviews of unseen articles (docs/reviews/,
    2026-12-06b and -c) 76 of 91 such rows were not speech, and the other 15
    had no speaker anyway.
    """
    verbs = verbs or load_quote_verbs()
    gaz = gazetteer or load_gazetteer()
    titles: list[tuple[int, int]] = []
    atts = find_attributions(doc, verbs=verbs, titles=titles)
    text = doc.text
    return [(att, sp) for att, sp in zip(atts, _resolve(atts, text, gaz, verbs, titles), strict=True)
            if not (sp is None and att.kind == "partial" and not att.speaker and att.verb is None
                    and len(text[att.start:att.end].split()) <= 2)]


def quote_rows(docs: Sequence[ParsedDocument], *, gazetteer: Gazetteer | None = None,
               verbs: QuoteVerbs | None = None) -> list[tuple[object, ...]]:
    """Rows of the quotes table (see :data:`QUOTE_COLUMNS`)."""
    verbs = verbs or load_quote_verbs()
    gaz = gazetteer or load_gazetteer()
    rows: list[tuple[object, ...]] = []
    verb_info: dict[str | None, tuple[str | None, str | None]] = {None: (None, None)}
    for doc in docs:
        doc_id, outlet, text = doc.doc_id, doc.outlet, doc.text
        for n, (att, sp) in enumerate(resolve_document(doc, gazetteer=gaz, verbs=verbs)):
            info = verb_info.get(att.verb)
            if info is None:
                verb = " ".join(att.verb.split()) if att.verb else None
                lemma = verbs.lemma(verb) if verb else None
                info = verb_info[att.verb] = (lemma, verbs.classes.get(lemma) if lemma else None)
            lemma, vclass = info
            if sp is None:
                rows.append((doc_id, outlet, f"{doc_id}:q{n}", att.kind, text[att.start:att.end],
                             att.speaker or None, None, "unattributed", None, None, lemma, vclass,
                             att.start, att.end))
            else:
                rows.append((doc_id, outlet, f"{doc_id}:q{n}", att.kind, text[att.start:att.end],
                             att.speaker, sp.canonical, sp.source_kind, sp.role, sp.affiliation, lemma,
                             vclass, att.start, att.end))
    return rows
