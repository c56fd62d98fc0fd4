"""Stance and certainty markers: hedges, factives, assertives, implicatives, report verbs,
intensifiers and the bias lexicon, per sentence, article and outlet.

How a writer frames a claim shows in small words. A factive verb presents its
complement as true ("officials *pointed out* that ..." is, in Hooper's list,
an assertive; "*revealed* that ..." is factive); a hedge lowers the writer's
commitment ("*could*", "*apparently*"); a report verb attributes a statement
and can colour it ("*claimed*", "*slammed*"); an intensifier amplifies
("*deeply* concerned"). Counting them per 1,000 words gives rates that can be
compared across outlets, and :func:`find_stance_markers` lists every matched
word so a reader can check why a rate is high. A marker rate is a
description of wording, not a measure of bias on its own: a hedge may be
honest caution, a report verb may be the only accurate one.

Matching is one pass per article over all lexicons at once: a single
pattern (every word that can start a marker, see :mod:`toolkit.lexmatch`)
finds the candidate tokens of the case-folded text, and a single phrase table
(a dictionary keyed by token tuples, up to the longest phrase) is probed at
each candidate, longest phrase first; the result equals probing every token of
every sentence, which is what the reference matcher does and what documents
the pass cannot handle exactly fall back to. A
phrase listed in several lexicons ("claim": hedge, assertive, report verb)
counts once in each. Lemma lists (factives, assertives, implicatives, report
verbs, bias lexicon) are expanded to inflected forms by rule (-s, -ed, -ing,
with a short table of irregular verbs; the first word of a phrase is
inflected: "points out", "pointed out"); Hyland's hedges and the intensifiers
are matched as listed. A capitalised word inside a sentence (not after an
opening quotation mark or colon) is taken as part of a name and not matched,
so "Secretary of State", "United States", the month "May" and "China" (an
entry of the bias lexicon) do not count; the first word of a sentence is
matched whatever its case. The approximators "about" and "around" count as
hedges only before a quantity ("about 40 people", not "concerns about the
plan"). Documents that are not English are not scored.

The subpackage holds three modules:

- :mod:`~toolkit.stance.lexicons`: the shipped lexicons and their inflected forms.
- :mod:`~toolkit.stance.matching`: the reference matcher and the one-pass matcher.
- :mod:`~toolkit.stance.measures`: marker tables, rates per sentence, article and
  outlet, and :func:`measure` (the metric family).

References
----------
Recasens, M., Danescu-Niculescu-Mizil, C. & Jurafsky, D. (2013). Linguistic
models for analyzing and detecting biased language. ACL 2013 (the bias
lexicon, the report verbs, and the use of these lists).
Hooper, J. B. (1975). On assertive predicates. Syntax and Semantics 4
(assertives, factives).
Karttunen, L. (1971). Implicative verbs. Language 47(2) (implicatives).
Hyland, K. (2005). Metadiscourse: Exploring Interaction in Writing.
Continuum (hedges).
Quirk, R., Greenbaum, S., Leech, G. & Svartvik, J. (1985). A Comprehensive
Grammar of the English Language. Longman, 8.104-8.113 (amplifiers; the
toolkit's intensifier list).
"""

from __future__ import annotations

# ``measure`` is the metric-family contract (toolkit.metrics); MARKED_LEXICONS names what the
# side-by-side view marks; the private names are used by the tests
from toolkit.stance.lexicons import LEXICONS, StanceLexicon, load_stance_lexicons
from toolkit.stance.lexicons import _phrase_table as _phrase_table
from toolkit.stance.matching import _scan as _scan
from toolkit.stance.measures import MARKED_LEXICONS as MARKED_LEXICONS
from toolkit.stance.measures import METRICS, article_metrics, find_stance_markers, sentence_metrics, stance_by_outlet
from toolkit.stance.measures import _describe_all as _describe_all
from toolkit.stance.measures import measure as measure

__all__ = [
    "LEXICONS",
    "StanceLexicon",
    "load_stance_lexicons",
    "find_stance_markers",
    "sentence_metrics",
    "article_metrics",
    "stance_by_outlet",
    "METRICS",
]
