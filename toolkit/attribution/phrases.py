"""Speaker phrases: which words can name a speaker, and the subject of a reporting verb."""

from __future__ import annotations

import re
from collections.abc import Sequence

from toolkit.attribution.quotes import _outside_quotes, _overlaps
from toolkit.attribution.words import (
    _AUX_WORDS,
    _DATE_WORDS,
    _DETERMINERS,
    _MAX_SPEAKER_WORDS,
    _NAME_PARTICLES,
    _NOT_NAMES,
    _PRONOUNS,
    _ROLE_NOUNS,
    _SENTENCE_ADVERBS,
    _SPAN,
    _SUBJECT_PRONOUNS,
    _Memo,
)
from toolkit.attribution.words import _PARTY_TAG as _PARTY_TAG_PATTERN


def _speaker_word_test(word: str) -> bool:
    core = word.strip("’'")
    if not core or "(" in core or ")" in core:  # "N.Y.)" of a party tag "(D., N.Y.)": never a speaker
        return False
    low = core.casefold()
    if core[0].isupper() or core[0].isdigit():
        return low not in _SENTENCE_ADVERBS
    return low in _DETERMINERS or low in _ROLE_NOUNS or low in _PRONOUNS or core in _NAME_PARTICLES


_WORD_MEMO = _Memo(_speaker_word_test)


def _speaker_word_ok(word: str) -> bool:
    """Whether ``word`` can stand in a speaker phrase (memoised: the same words recur)."""
    return bool(_WORD_MEMO[word])


def _is_speaker(words: list[str]) -> bool:
    """Whether ``words`` can name a speaker (memoised: the same phrases recur in every article)."""
    if not words or len(words) > _MAX_SPEAKER_WORDS:
        return False
    return bool(_SPEAKER_MEMO[tuple(words)])


#: capitalised words that open a fronted clause or adverbial, or a question, never a speaker
#: ("When asked why", "Late Monday, ...", "Ironically, ...", "Are we ...", "Added Tom Hale:"; not
#: "Will", a first name: "Will Hurd said")
_NOT_SPEAKER_STARTS = frozenset("""When Whenever As While If Although Though Because Since Once Until Unless
    Whether After Before Late Early Ironically Here's Here’s There's There’s Let's Let’s That's That’s
    What's What’s It's It’s Are Is Was Were Do Does Did Can Could Would Should Has Have Had So
    Added Said Says Asked Told Separately Similarly Finally Notably Surprisingly Interestingly
    Fortunately Unfortunately Ultimately Apparently Obviously Clearly Certainly Meanwhile Prior During
    Throughout Despite Perhaps Maybe Additionally Indeed Instead Moreover Furthermore Likewise Thus Hence
    Reportedly Specifically Your Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())
#: words that cannot end a speaker phrase ("health experts and", "Iowa voters that", "some voters to")
_NOT_SPEAKER_ENDS = frozenset({"and", "or", "nor", "but", "that", "which", "who", "whom", "to", "of", "for",
                               "with", "on", "in"})
_CONTRACTION_ENDS = ("'d", "’d", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'m", "’m")


def _is_speaker_words(words: Sequence[str]) -> bool:
    if any(len(w) >= 6 and w.isupper() for w in words):  # datelines: "WASHINGTON —"
        return False
    first = words[0]
    if first in _NOT_SPEAKER_STARTS or first.endswith(_CONTRACTION_ENDS) or (
            (words[-1].casefold() in _NOT_SPEAKER_ENDS and not words[-1].isupper())  # "the WHO" is one
            or words[-1].endswith("-")):
        return False
    if any(w in _NAME_PARTICLES and not words[i + 1][:1].isupper()
           for i, w in enumerate(words[:-1])) or words[-1] in _NAME_PARTICLES:
        return False  # a particle stands before a capitalised name word: "Dennis van Roekel"
    if len(words) == 1 and words[0].casefold() in _PRONOUNS:
        return True
    if words[-1].casefold().rstrip(".,") in _DATE_WORDS or words[-1].isdigit() and (
            words[-2].casefold() in _DATE_WORDS if len(words) > 1 else True):
        return False  # a date is never a speaker: "... Collins late Monday said", "on March 5 said"
    if not all(_speaker_word_ok(w) for w in words) and not _modified_role(words):
        return False
    if any(w.casefold() in _PRONOUNS for w in words):
        return False
    head = words[-1]
    return head[0].isupper() or head.casefold() in _ROLE_NOUNS or any(
        w.casefold() in _ROLE_NOUNS for w in words)


def _modified_role(words: Sequence[str]) -> bool:
    """A determiner, up to two plain lower-case modifiers and a role noun ("a rescue worker", "one local
    resident"); no verb form among the modifiers ("a spokesman said the official" is no phrase)."""
    if not 3 <= len(words) <= 4 or words[0].casefold() not in _DETERMINERS or words[-1].casefold() not in _ROLE_NOUNS:
        return False
    return all(w.isalpha() and w.islower() and w not in _DETERMINERS and w not in _PRONOUNS and w not in _AUX_WORDS
               and w not in _NOT_SPEAKER_ENDS and not w.endswith(("ed", "s", "ly")) for w in words[1:-1])


_SPEAKER_MEMO = _Memo(_is_speaker_words)


def _suffix_speaker(text: str) -> str:
    """The longest run of speaker words that ends ``text`` ("just last week China" -> "China").

    Memoised: the same stretch before a verb is read by several rules.
    """
    return str(_SUFFIX_MEMO[text])


def _suffix_speaker_of(text: str) -> str:
    words = text.split()
    if words and words[-1].endswith(","):
        return ""
    while len(words) > 1 and words[-1].casefold() in _AUX_WORDS:  # "He had said", "China has warned"
        words.pop()
    if len(words) > 1 and words[-1].casefold() in _DATE_WORDS:  # "Ann Lee on Sunday", "X of Maine late Monday"
        k = len(words)
        while k > 1 and len(words) - k < 4 and words[k - 1].casefold() in _TIME_WORDS:
            k -= 1
        if _fronted_time(" ".join(words[k:])):
            words = words[:k]
    if words and words[-1].endswith(","):  # "Critics, led by Ann Lee, have said": no subject here
        return ""
    best: list[str] = []
    for i in range(len(words) - 1, max(-1, len(words) - 1 - _MAX_SPEAKER_WORDS), -1):
        w = words[i]
        if w.endswith((",", ";", ":", ".")) and i != len(words) - 1 and not _abbrev(w) or ")" in w or "(" in w:
            break  # (a bracket ends the phrase: "(CNN) President Ann Lee", "Ann Lee (D., N.Y.)")
        if not (_speaker_word_ok(w) or (i == len(words) - 1 and w.casefold() in _PRONOUNS)):
            break
        best = words[i:]
    while best and (best[0].casefold() in {"of", "and", "for", "to", "with", "on", "in"}
                    or best[0] in _NOT_SPEAKER_STARTS):  # "As Ann Lee noted": Ann Lee; "When asked": none
        best = best[1:]
    if len(best) > 1 and best[0] == "that":  # "testified that Trump demanded", "found that the panel said"
        best = best[1:]
    if not _is_speaker(best):
        return ""
    tied = _tied_source(words, len(words) - len(best))  # "A person close to Ann Lee said": that person
    return " ".join(tied + best)


#: "a person close to", "a spokesman for", "allies of": a source tied to the name after it
_TIES = frozenset({"to", "for", "of", "with"})
_TIED_HEADS = frozenset({"close", "familiar", "someone", "somebody", "friend", "friends", "ally", "allies",
                         "associate", "associates", "confidant", "loyalist", "loyalists"})


def _tied_source(words: list[str], at: int) -> list[str]:
    """The words of "a person close to" / "a spokesman for" ending right before ``words[at]``, or []."""
    if at < 2 or words[at - 1] not in _TIES:
        return []
    head = words[at - 2]
    if not (head in _TIED_HEADS or head in _ROLE_NOUNS and _ROLE_NOUNS[head] not in ("statement", "organization")):
        return []
    start = at - 2
    while start > 0 and at - start < 6 and words[start - 1].islower() and (
            words[start - 1] in _DETERMINERS or words[start - 1] in _ROLE_NOUNS or words[start - 1] in _TIED_HEADS):
        start -= 1
    if start > 0 and words[start - 1] in ("A", "An", "The", "One", "Someone", "Somebody"):
        start -= 1  # the sentence's first word
    return words[start:at]


_SUFFIX_MEMO = _Memo(_suffix_speaker_of)


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
        if not words and w in _NOT_NAMES and w not in _TITLE_STARTS:
            break
        if not _speaker_word_ok(w) or w.casefold() in _PRONOUNS:
            break
        words.append(w)
        if stop:
            break
    while words and (words[-1].casefold() in _DETERMINERS and words[-1].casefold() not in _ROLE_NOUNS):
        words.pop()
    if len(words) > 1 and words[-1].casefold() in _DATE_WORDS:  # "Ann Lee on Sunday tried to": Ann Lee
        while words and words[-1].casefold() in _TIME_WORDS:
            words.pop()
    if words and all(w in _NOT_NAMES for w in words):  # "Senate", "Democratic": no speaker alone
        return ""
    return " ".join(words) if _is_speaker(words) else ""


#: capitalised words that begin a title before a name ("House Speaker Ann Lee", "Senate Majority
#: Leader Tom Hale", "White House press secretary ...", "New York Gov. ...")
_TITLE_STARTS = frozenset({"House", "Senate", "White", "State", "United", "New", "Democratic", "Republican"})
#: words that tie a name to a descriptor rather than name the speaker ("a source close to Ann Lee")
_NOT_DESCRIPTOR = frozenset({"to", "for", "with", "from", "by", "at", "on", "in", "about", "close", "near",
                             "than", "who", "which", "that", "like", "against", "after", "before", "told",
                             "said", "says", "his", "her", "their", "its"})


def _described_name(text: str, *, at_end: bool) -> str:
    """A full name after a short descriptor: "entrepreneur Ann Lee" -> "Ann Lee".

    The first run of two or more capitalised words (a title may open it:
    "Senate Minority Whip Ann Lee") after at most five descriptor words
    ("co-worker", "Democratic strategist and party adviser"); with
    ``at_end`` the run must end the text. None when a descriptor word ties
    the name to someone else ("a source close to Ann Lee").
    """
    words = text.split()
    for i, w in enumerate(words):
        if i > 5:
            return ""
        core = w.rstrip(".,")
        if not core:
            return ""
        if core[0].isupper():
            j = i
            while j < len(words) and words[j][:1].isupper() and words[j].rstrip(".,")[1:].replace(
                    "-", "").replace("’", "").replace("'", "").isalpha():
                j += 1
                if words[j - 1].endswith(","):
                    break
            run = [x.rstrip(",") for x in words[i:j]]
            if len(run) >= 2 and (not at_end or j == len(words)):
                who = _prefix_speaker(" ".join(run))
                if who and len(who.split()) >= 2:
                    return who
            if j > i and words[j - 1].endswith(","):
                return ""
            continue
        if core.casefold() in _NOT_DESCRIPTOR or not core.replace("-", "").isalpha():
            return ""
    return ""


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
    first = _PARTY_TAG.sub("", head[:comma]).strip(" •-–—\t")
    if _fronted_time(first) or first in _NOT_SPEAKER_STARTS:
        # "Late Monday, Gen. Tom Hale, chairman of the panel, told reporters"; "Additionally, news outlets, ..."
        nxt = head.find(",", comma + 1)
        if nxt < 0:
            return ""
        first = _PARTY_TAG.sub("", head[comma + 1:nxt]).strip(" •-–—\t")
    lead = first.split(None, 1)
    if len(lead) == 2 and lead[0].casefold() in _SENTENCE_ADVERBS | {"even"}:
        first = lead[1]  # "Even Sen. Ann Lee (R-Ore.), a critic, said"
    who = _prefix_speaker(first)
    return who if who and len(who.split()) == len(first.split()) else ""


_TIME_WORDS = frozenset("""late early last this next on in monday tuesday wednesday thursday friday saturday
    sunday morning afternoon evening night week month year today yesterday tonight earlier later
    january february march april may june july august september october november december""".split())


def _fronted_time(phrase: str) -> bool:
    """Whether ``phrase`` is a short fronted time adverbial ("Late Monday", "On Tuesday", "Earlier this week")."""
    words = phrase.casefold().split()
    return 0 < len(words) <= 4 and all(w in _TIME_WORDS or w.isdigit() for w in words) and any(
        w not in {"on", "in", "this", "next", "last", "late", "early"} for w in words)


#: a party and state tag after a legislator's name: "(R-Ore.)", "(D-N.Y.)", "(I-Vt)", "(D., N.Y.)"
_PARTY_TAG = re.compile(r"\s*" + _PARTY_TAG_PATTERN)


#: words that may stand between a subject and its reporting verb ("X also said", "X have argued"):
#: the auxiliaries and adverbs of the cue patterns (not "not": "X did not say that" reports nothing) and a few
#: more, besides adverbs in -ly ("X forcefully argued")
_BEFORE_VERB = (_AUX_WORDS - {"not"}) | {"still", "now", "did", "does", "do", "already", "since"}


def _finite_subject(text: str, s: int, vs: int, quotes: list[tuple[int, int]]) -> str:
    """Subject of the finite reporting verb at ``vs`` in the sentence starting at ``s``.

    The speaker words just before the verb ("the official said"); else, for a
    coordinated predicate ("Tom Hale stood up, turned and said"), the subject
    of the last clause that starts with one; else, after an apposition or a
    relative clause ("X, who chairs the panel, said"), the sentence's opening
    noun phrase. Up to two auxiliaries or adverbs before the verb are read
    past ("X forcefully argued", "Republicans, who ..., have warned").
    """
    who = _subject_before(text, s, vs, quotes)
    pos = vs
    for _ in range(2):
        if who:
            break
        end = pos
        while end > s and text[end - 1].isspace():
            end -= 1
        start = end
        while start > s and not text[start - 1].isspace():
            start -= 1
        word = text[start:end]
        if not (word in _BEFORE_VERB or (len(word) > 4 and word.endswith("ly") and word.isalpha()
                                         and word.islower())):
            break
        pos = start
        who = _subject_before(text, s, pos, quotes)
    return who


def _subject_before(text: str, s: int, vs: int, quotes: list[tuple[int, int]]) -> str:
    """:func:`_finite_subject` for the words right before ``vs``."""
    seg = _outside_quotes(text, s, vs, quotes)
    if seg.rstrip().endswith(")"):
        seg = _PARTY_TAG.sub("", seg)  # "Sen. Ann Lee (R-Ore.) said"
    who = _suffix_speaker(seg)
    if who:
        return who
    words = seg.split()
    if not words:
        return ""
    k = len(words)  # a time adjunct between subject and verb: "X of Maine late Monday said"
    while k > 1 and len(words) - k < 4 and (words[k - 1].casefold() in _TIME_WORDS or words[k - 1].isdigit()):
        k -= 1
    if k < len(words) and _fronted_time(" ".join(words[k:])) and not any(w.isdigit() for w in words[k:]):
        rest = " ".join(words[:k])
        if rest.endswith(","):  # "Rudy Roe, a lawyer, on Sunday said"; "His rival, Ann Lee, on Sunday said"
            who = _opening_subject(text, s, vs, quotes) or _suffix_speaker(rest[:-1])
        else:
            who = _suffix_speaker(_PARTY_TAG.sub("", rest) if rest.endswith(")") else rest)
        if who:
            return who
    if words[-1].casefold() in ("and", "but") and len(words) > 1:  # "X did Y, but said"
        return _clause_subject(seg.rstrip()[:-len(words[-1])])
    if words[-1] == "to" and len(words) > 1:  # "She went on to say", "he was quick to add"
        return _clause_subject(seg.rstrip()[:-2], pronoun=True)
    if words[-1].endswith((",", ")")):
        return _opening_subject(text, s, vs, quotes)
    return ""


def _nonfinite_subject(text: str, s: int, vs: int, quotes: list[tuple[int, int]]) -> str:
    """Subject of a participle reporting verb ("X did Y, saying").

    The subject of the last clause that starts with one; else the sentence's
    opening noun phrase; else the subject of the last finite verb before the
    participle ("It came after Ann Lee publicly chided the board, accusing it
    of ..." -> "Ann Lee").
    """
    return (_clause_subject(text[max(s, vs - _SPAN):vs], pronoun=True)
            or _opening_subject(text, s, vs, quotes)
            or _past_subject(_outside_quotes(text, s, vs, quotes)))


#: a past-tense verb (regular, or one of the common irregular ones)
_PAST = re.compile(r"\b(?:[a-z]{2,}ed|took|wrote|made|gave|told|said|went|came|spoke|sent|held|met|left|"
                   r"got|put|set|ran|saw|did|had|was|were|is|has|struck|hit|shot|fought|sought|thought)\b")


def _past_subject(seg: str) -> str:
    """Speaker words right before the last past-tense verb of ``seg`` (past one "-ly" adverb)."""
    if "," not in seg:
        return ""
    for m in reversed(list(_PAST.finditer(seg))):
        if m.group() in ("said", "told"):  # "“...,” said Ann Lee, adding"
            after = seg[m.end():].split(",", 1)
            who = _prefix_speaker(after[0]) if len(after) == 2 else ""
            if who:
                return who
        before = seg[:m.start()].rstrip()
        words = before.rsplit(None, 1)
        if len(words) == 2 and words[1].endswith("ly") and words[1].islower():
            before = words[0]
        who = _suffix_speaker(before)
        if who:
            return who
    return ""


def _abbrev(word: str) -> bool:
    """A title's abbreviation ("Sen.", "U.S.") or a middle initial ("E." in "Charles E. Schumer")."""
    stem = word.rstrip(".")
    return stem.casefold() in _ABBREVIATIONS or (len(stem) == 1 and stem.isupper() and word.endswith("."))


_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "u.s", "gen", "sen", "rep", "gov", "prof", "st", "jr", "u.n",
                            "u.k", "lt", "col", "sgt", "maj", "capt", "adm", "cmdr", "rev", "atty", "supt", "det",
                            "sr", "hon"})

