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


def test_derived_tables_are_cached_beside_the_analysis(blinken, tmp_path):
    from toolkit import align_sentences

    calls = []

    def aligned(docs, **kwargs):
        calls.append(kwargs)
        return align_sentences(docs, **kwargs)

    analysis = analyze(blinken, cache=tmp_path)
    assert analysis.cache_folder is not None and analysis.cache_folder.parent == tmp_path
    first = analysis.cached(aligned, shared_threshold=0.7)
    again = analyze(blinken, cache=tmp_path)  # a new session: served from disk
    assert again.cache_folder == analysis.cache_folder
    pd.testing.assert_frame_equal(again.cached(aligned, shared_threshold=0.7), first)
    assert calls == [{"shared_threshold": 0.7}]
    again.cached(aligned, shared_threshold=0.8)  # other arguments: another entry
    assert len(calls) == 2
    uncached = analyze(blinken)  # no cache folder: computed every time
    uncached.cached(aligned)
    uncached.cached(aligned)
    assert len(calls) == 4


def test_cached_refuses_arguments_that_cannot_form_a_key(blinken, tmp_path):
    from toolkit.errors import InputError

    analysis = analyze(blinken, cache=tmp_path)
    with pytest.raises(InputError, match="JSON values"):
        analysis.cached(lambda docs, **kw: pd.DataFrame(), table=pd.DataFrame({"a": [1]}))


def test_a_changed_source_file_misses_the_cache(blinken, tmp_path, monkeypatch):
    import toolkit.cache

    analyze(blinken, cache=tmp_path)
    monkeypatch.setattr(toolkit.cache, "_CODE_CHECKSUM", "edited")
    analyze(blinken, cache=tmp_path)
    assert len([p for p in tmp_path.iterdir() if (p / "complete").is_file()]) == 2
