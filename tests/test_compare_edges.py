"""The comparison on awkward corpora: explained results, never a crash."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit import align_sentences, analyze, compare_outlets, distinctive_terms, load_corpus, omission_report
from toolkit.compare import format_table
from toolkit.errors import InputError
from toolkit.report import render_report


def _corpus(tmp_path, records):
    path = tmp_path / "c.jsonl"
    pd.DataFrame(records).to_json(path, orient="records", lines=True)
    return load_corpus(path)


STORY = "The council approved the budget on Monday. “It is a good day,” the mayor said. Taxes will rise."
OTHER = "A storm hit the coast overnight. Fishermen stayed in port. The harbour was closed."


def test_identical_articles_share_everything(tmp_path):
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": STORY},
                                {"doc_id": "b", "outlet": "B", "text": STORY}])
    analysis = analyze(corpus)
    alignment = align_sentences(analysis.docs)
    assert set(alignment["label"]) == {"shared"}
    assert omission_report(alignment).empty
    table = compare_outlets(analysis)
    vader = table[table["metric"] == "vader_compound"]
    assert vader["estimate"].nunique() == 1 and (vader["p_value"] == 1.0).all()
    assert "Every sentence has a counterpart" in render_report(analysis, table)


def test_no_overlap_makes_everything_unique(tmp_path):
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": STORY},
                                {"doc_id": "b", "outlet": "B", "text": OTHER}])
    alignment = align_sentences(analyze(corpus).docs)
    assert set(alignment["label"]) == {"unique"}


def test_outlet_with_no_counted_sentence(tmp_path):
    # a text that is only a key-points block has no counted sentence once the block is set aside
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": STORY},
                                {"doc_id": "b", "outlet": "B", "text": "Short."}])
    analysis = analyze(corpus)
    analysis.sentences.loc[analysis.sentences["doc_id"] == "b", "counted"] = False
    table = compare_outlets(analysis)
    empty = table[table["outlet"] == "B"]
    assert (empty["n"] == 0).all() and empty["estimate"].map(math.isnan).all()
    assert "n/a" in format_table(table)


def test_one_outlet_explains_itself(tmp_path):
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": STORY},
                                {"doc_id": "b", "outlet": "A", "text": OTHER}])
    analysis = analyze(corpus)
    table = compare_outlets(analysis)
    assert table["note"].str.contains("only one outlet: nothing to compare").all()
    assert "nothing to put side by side" in render_report(analysis, table)
    with pytest.raises(InputError):
        align_sentences(analysis.docs)


def test_distinctive_reporting_verbs(blinken):
    quotes = analyze(blinken).tables["quotes"].dropna(subset=["verb"])
    verbs = distinctive_terms(quotes, feature_col="verb", stop_words=None)
    assert {"outlet", "term", "z"} <= set(verbs.columns)
    assert "warn" in set(verbs.loc[verbs["outlet"] == "RT", "term"])
