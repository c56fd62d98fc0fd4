"""The stance lexicons: the shipped marker lists, inflected into the forms that are matched.

Lemma lists are expanded by rule (-s, -ed, -ing, with a short table of
irregular verbs; the first word of a phrase is inflected), and all lexicons
are joined into one phrase table for the matchers of
:mod:`toolkit.stance.matching`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from toolkit.text import tokenize

__all__ = ["LEXICONS", "StanceLexicon", "load_stance_lexicons"]


@dataclass(frozen=True)
class StanceLexicon:
    """One marker list: its key, file, what a match means, and whether to inflect it."""

    key: str
    label: str
    file: str
    gloss: str
    inflect: bool


#: The lexicons, in reporting order.
LEXICONS: tuple[StanceLexicon, ...] = (
    StanceLexicon("hedges", "Hedges", "stance/hedges.txt",
                  "hedge: lowers the writer's commitment to the claim (Hyland 2005)", False),
    StanceLexicon("factives", "Factives", "stance/factives.txt",
                  "factive: presents the complement as true (Hooper 1975)", True),
    StanceLexicon("assertives", "Assertives", "stance/assertives.txt",
                  "assertive: asserts the complement with some commitment (Hooper 1975)", True),
    StanceLexicon("implicatives", "Implicatives", "stance/implicatives.txt",
                  "implicative: implies the truth or falsity of its complement (Karttunen 1971)",
                  True),
    StanceLexicon("report_verbs", "Report verbs", "stance/report_verbs.txt",
                  "report verb: attributes a statement, and may colour it (Recasens et al. 2013)",
                  True),
    StanceLexicon("intensifiers", "Intensifiers", "stance/intensifiers.txt",
                  "intensifier: amplifies what it modifies (Quirk et al. 1985)", False),
    StanceLexicon("bias", "Bias lexicon", "stance/bias_lexicon.txt",
                  "bias lexicon: a word changed in at least two Wikipedia NPOV edits, often an everyday "
                  "word such as \"said\" or \"country\"; a rate, not a share of biased words "
                  "(Recasens et al. 2013)", True),
)


_IRREGULAR = {
    "say": ["said"], "tell": ["told"], "know": ["knew", "known"], "find": ["found"],
    "see": ["saw", "seen"], "forget": ["forgot", "forgotten"], "learn": ["learnt"],
    "feel": ["felt"], "think": ["thought"], "write": ["wrote", "written"], "hear": ["heard"],
    "mean": ["meant"], "teach": ["taught"], "swear": ["swore", "sworn"],
    "show": ["shown"], "get": ["got", "gotten"], "keep": ["kept"], "choose": ["chose", "chosen"],
    "forbid": ["forbade", "forbidden"], "foretell": ["foretold"], "sing": ["sang", "sung"],
    "make": ["made"], "take": ["took", "taken"], "give": ["gave", "given"],
    "speak": ["spoke", "spoken"], "understand": ["understood"], "withdraw": ["withdrew", "withdrawn"],
    "fight": ["fought"], "lead": ["led"], "bring": ["brought"], "seek": ["sought"],
    "lose": ["lost"], "win": ["won"], "hold": ["held"], "rise": ["rose", "risen"],
    "fall": ["fell", "fallen"], "strike": ["struck"], "begin": ["began", "begun"],
}
_VOWELS = set("aeiou")


def _inflections(word: str) -> set[str]:
    """Regular -s, -ed and -ing forms of a lemma, plus known irregular forms."""
    forms = {word, *_IRREGULAR.get(word, [])}
    if not word.isalpha() or len(word) < 3:
        return forms
    if word.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word + "es")
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.update({word + "d", word[:-1] + "ing"})
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        # consonant doubling for short consonant-vowel-consonant words: "admit" -> "admitted"
        if (word[-1] not in _VOWELS | set("wxy") and word[-2] in _VOWELS
                and word[-3] not in _VOWELS and len(word) <= 6):
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


def _entries(text: str) -> list[str]:
    return [line.strip().casefold() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=65536)
def _norm(token: str) -> str:
    return token.casefold().replace("’", "'")


@lru_cache(maxsize=1)
def load_stance_lexicons() -> dict[str, dict[tuple[str, ...], str]]:
    """The shipped lexicons: lexicon key -> {token tuple of a surface form: lexicon entry}.

    Returns
    -------
    dict
        For each key of :data:`LEXICONS`, a mapping from a matched form (as a
        tuple of lower-case tokens, inflected where the lexicon is a lemma
        list) to the entry it comes from.

    References
    ----------
    Recasens et al. (2013); Hooper (1975); Karttunen (1971); Hyland (2005).

    Examples
    --------
    >>> lex = load_stance_lexicons()
    >>> lex["factives"][("revealed",)], lex["assertives"][("pointed", "out")]
    ('reveal', 'point out')
    """
    from toolkit.resources import read_data_text

    out: dict[str, dict[tuple[str, ...], str]] = {}
    for lex in LEXICONS:
        forms: dict[tuple[str, ...], str] = {}
        for entry in _entries(read_data_text(lex.file)):
            tokens = [_norm(entry[s:e]) for s, e in tokenize(entry)]
            if not tokens:
                continue
            heads = _inflections(tokens[0]) if lex.inflect else {tokens[0]}
            for head in sorted(heads):
                forms.setdefault((head, *tokens[1:]), entry)
        out[lex.key] = forms
    return out


@lru_cache(maxsize=1)
def _phrase_table() -> tuple[dict[tuple[str, ...], tuple[tuple[str, str], ...]], dict[str, tuple[int, ...]]]:
    """One table for all lexicons: form -> ((lexicon key, entry), ...), and for each first
    word the lengths of the forms that start with it, longest first."""
    table: dict[tuple[str, ...], list[tuple[str, str]]] = {}
    for key, forms in load_stance_lexicons().items():
        for form, entry in forms.items():
            table.setdefault(form, []).append((key, entry))
    lengths: dict[str, set[int]] = {}
    for form in table:
        lengths.setdefault(form[0], set()).add(len(form))
    return ({f: tuple(v) for f, v in table.items()},
            {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})
