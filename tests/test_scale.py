"""Streaming and the Dask engine give exactly the pandas engine's results."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from toolkit import analyze, load_corpus
from toolkit.errors import InputError
from toolkit.scale import analyze_files, iter_corpus, read_results

from .conftest import SMALL


@pytest.fixture
def big_jsonl(tmp_path):
    path = tmp_path / "many.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        for k in range(12):
            for record in SMALL:
                handle.write(json.dumps({**record, "doc_id": f"{record['doc_id']}-{k}"}) + "\n")
    return path


def test_streaming_chunks_cover_the_file(big_jsonl):
    chunks = list(iter_corpus(big_jsonl, chunk_size=10))
    assert [len(c) for c in chunks] == [10, 10, 10, 6]
    assert list(iter_corpus(big_jsonl, chunk_size=10, limit=15))[-1]["doc_id"].iloc[-1] == "b1-4"


def test_duplicate_ids_across_chunks_are_refused(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text("\n".join(json.dumps(SMALL[0]) for _ in range(3)), encoding="utf-8")
    with pytest.raises(InputError, match="dup.jsonl:2: duplicate doc_id 'a1'"):
        list(iter_corpus(path, chunk_size=1))


def test_pandas_and_dask_engines_agree_exactly(big_jsonl, tmp_path):
    one = read_results(analyze_files(big_jsonl, tmp_path / "pd", chunk_size=9, progress=False))
    two = read_results(analyze_files(big_jsonl, tmp_path / "dk", engine="dask", workers=2, chunk_size=9,
                                     progress=False))
    pd.testing.assert_frame_equal(one, two)
    assert len(one) == 36


def test_analyze_with_dask_equals_pandas(tmp_path, big_jsonl):
    corpus = load_corpus(big_jsonl)
    a = analyze(corpus)
    b = analyze(corpus, engine="dask", workers=2, chunk_size=10)
    pd.testing.assert_frame_equal(a.articles, b.articles)
    pd.testing.assert_frame_equal(a.sentences, b.sentences)


def test_output_folder_is_not_overwritten(big_jsonl, tmp_path):
    out = tmp_path / "res"
    analyze_files(big_jsonl, out, limit=3, progress=False)
    with pytest.raises(InputError, match="output already exists"):
        analyze_files(big_jsonl, out, limit=3, progress=False)


def test_streaming_csv_is_strict_and_a_failed_run_leaves_nothing(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("doc_id,outlet,text\na,X,One sentence.\nb,X\n", encoding="utf-8")
    out = tmp_path / "res"
    with pytest.raises(InputError, match=r"ragged.csv:3: row has 2 fields"):
        analyze_files(path, out, progress=False)
    assert not out.exists() and not list(tmp_path.glob(".res.partial-*"))
