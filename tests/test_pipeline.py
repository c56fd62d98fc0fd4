"""analyze(): parse once, every family, provenance, and the on-disk cache."""

from __future__ import annotations

import pandas as pd
import pytest

import toolkit.pipeline as pipeline
import toolkit.sentiment
from toolkit import analyze


def test_every_family_contributes(blinken):
    analysis = analyze(blinken)
    assert {m.family for m in analysis.metrics} == {"sentiment", "stance", "attribution", "framing"}
    assert {"quotes", "frame_cues", "stance_markers"} <= set(analysis.tables)
    assert analysis.provenance["corpus_checksum"] and analysis.provenance["resources"]
    assert len(analysis.sentences) == sum(len(d.sentences) for d in analysis.docs)


def test_cache_reuses_and_invalidates(blinken, tmp_path, monkeypatch):
    first = analyze(blinken, cache=tmp_path)
    calls = []
    real = toolkit.sentiment.measure
    monkeypatch.setattr(toolkit.sentiment, "measure", lambda docs: calls.append(1) or real(docs))
    second = analyze(blinken, cache=tmp_path)
    assert calls == []  # served from the cache
    pd.testing.assert_frame_equal(first.articles, second.articles)
    pd.testing.assert_frame_equal(first.sentences, second.sentences)
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(table, second.tables[name])
    # a changed lexicon (here: its checksum) misses the cache
    real_provenance = pipeline.provenance

    def changed(corpus, families=pipeline.FAMILIES):
        prov = real_provenance(corpus, families)
        prov["resources"] = {**prov["resources"], "stance/hedges.txt": "changed"}
        return prov

    monkeypatch.setattr(pipeline, "provenance", changed)
    analyze(blinken, cache=tmp_path)
    assert calls == [1]
    assert len([p for p in tmp_path.iterdir() if (p / "complete").is_file()]) == 2


def test_unknown_engine_is_an_input_error(blinken):
    from toolkit.errors import InputError

    with pytest.raises(InputError, match="unknown engine"):
        analyze(blinken, engine="spark")  # type: ignore[arg-type]
