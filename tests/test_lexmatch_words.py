"""lexmatch.word_run_counts: the same counts as re.findall(r"\\w+") within each span."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from toolkit.lexmatch import word_run_counts

_WORD = re.compile(r"\w+")


@given(st.text(alphabet=st.sampled_from("ab É1_ -'’.\n\u00a0\u200b\u0301中\U0001f600"), max_size=40),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=5))
def test_counts_equal_findall(text, raw_spans):
    spans = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in raw_spans]
    assert word_run_counts(text, spans) == [len(_WORD.findall(text, s, e)) for s, e in spans]


def test_a_span_that_cuts_a_word_counts_its_tail():
    assert word_run_counts("alphabet soup", [(3, 13), (0, 0), (8, 9)]) == [2, 0, 0]
