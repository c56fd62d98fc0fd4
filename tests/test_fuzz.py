"""Property tests of the invariants (issue 9); the long campaign is ``toolkit fuzz --n 100000 --seed 0``.

For any Unicode input: cleaning is idempotent; sentence spans are ordered and
inside the text; every quote is ``text[start:end]``; and nothing raises but the
toolkit's own documented errors, through load_corpus of a written file,
clean_text, parse_document, extract_quotes and analyze of a tiny corpus.
"""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import analyze, load_corpus
from toolkit.attribution import extract_quotes
from toolkit.cleaning import clean_text
from toolkit.errors import InputError
from toolkit.fuzz import fuzz_one, generate
from toolkit.text import parse_document

# Pieces that matter to the toolkit, mixed with arbitrary characters (surrogates included).
_PIECES = st.sampled_from([
    " ", "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\t", "\u00a0", ".", "!", "?", "…", ",", ":",
    "“", "”", "\"", "'", "‘", "’", "«", "»", "—", "-", "said", "says", "told", "according to", "that", "he",
    "Mr.", "U.S.", "Wang Yi", "Antony Blinken", "The", "close", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u202e",
    "\u0301", "e\u0301", "😀", "👩‍👩‍👧", "<", "&", "— RT World News", "• ", "* ",
])
TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)
ANY_TEXT = st.one_of(TEXT, st.text(alphabet=st.characters(), max_size=60))  # lone surrogates too

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT, st.one_of(st.none(), TEXT), st.one_of(st.none(), st.sampled_from(["RT", "NBC Chicago", "X"])))
def test_cleaning_is_idempotent(raw, title, outlet):
    once = clean_text(raw, title=title, outlet=outlet)
    twice = clean_text(once.text, title=once.title, outlet=outlet)
    assert twice.text == once.text and twice.title == once.title
    assert "\r" not in once.text and "\u200b" not in once.text
    for removal in once.removals:
        from toolkit.cleaning import normalize_text

        assert normalize_text(raw)[removal.start:removal.end] == removal.text


@FAST
@given(ANY_TEXT)
def test_sentence_spans_lie_inside_the_text_in_order(text):
    doc = parse_document(text, doc_id="d")
    last = 0
    for s, e in doc.sentences:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    assert len(doc.paragraph) == len(doc.counted) == len(doc.sentences)


@FAST
@given(ANY_TEXT)
def test_every_quote_is_its_offsets(text):
    quotes = extract_quotes([parse_document(text, doc_id="d")])
    for quote, start, end in zip(quotes["quote"], quotes["start"], quotes["end"], strict=True):
        assert text[start:end] == quote


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ANY_TEXT, title=ANY_TEXT, fmt=st.sampled_from(["txt", "csv", "jsonl"]))
def test_load_corpus_of_any_unicode_returns_or_raises_input_error(tmp_path, text, title, fmt):
    path = tmp_path / f"any.{fmt}"
    record = {"doc_id": "d1", "outlet": "X", "title": title, "text": text}
    try:
        if fmt == "txt":
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        elif fmt == "csv":
            # the csv module, not pandas: a lone surrogate in an Arrow string column cannot be written
            rows = io.StringIO(newline="")
            csv.writer(rows).writerows([list(record), list(record.values())])
            path.write_bytes(rows.getvalue().encode("utf-8", "surrogatepass"))
        else:
            path.write_bytes(json.dumps(record).encode("ascii"))  # \ud800 escapes for lone surrogates
        corpus = load_corpus(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    finally:
        path.unlink(missing_ok=True)
    assert len(corpus) == 1 and corpus.loc[0, "text"]


@settings(max_examples=10, deadline=None)
@given(st.lists(TEXT, min_size=2, max_size=3))
def test_analyze_of_a_tiny_corpus_returns_or_raises_input_error(texts):
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))],
                           "outlet": ["A", "B", "A"][: len(texts)], "text": texts})
    from toolkit.corpus import _finish

    try:
        analysis = analyze(_finish(corpus, clean=True))
    except InputError:
        return
    assert len(analysis.articles) == len(texts)


def test_the_campaign_generator_is_reproducible_and_a_small_campaign_finds_nothing(tmp_path: Path):
    assert generate(random.Random("0:5")) == generate(random.Random("0:5"))
    crashes = [c for i in range(120) if (c := fuzz_one(7, i, tmp_path)) is not None]
    assert crashes == []
    assert list(tmp_path.iterdir()) == []  # every input file removed
