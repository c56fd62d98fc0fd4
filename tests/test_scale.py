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


def test_the_driver_ships_raw_lines_numbered_as_load_corpus_numbers_them(tmp_path):
    from toolkit.scale import _raw_chunks

    path = tmp_path / "noids.jsonl"
    records = [{"outlet": "X", "text": f"Sentence number {k}."} for k in range(7)]
    lines = [json.dumps(r) for r in records]
    lines.insert(3, "   ")  # a blank line is no article
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chunks = list(_raw_chunks(path, 3, 6))
    assert [(c.offset, [n for n, _ in c.lines]) for c in chunks] == [(0, [1, 2, 3]), (3, [5, 6, 7])]
    assert all(c.frame is None for c in chunks)  # nothing parsed before it reaches a worker
    streamed = pd.concat(list(iter_corpus(path, chunk_size=3)), ignore_index=True)
    assert list(streamed["doc_id"]) == list(load_corpus(path)["doc_id"]) == [str(k) for k in range(7)]


def test_dask_engine_refuses_duplicates_and_bad_lines_naming_the_line(tmp_path):
    dup = tmp_path / "dup.jsonl"
    dup.write_text("\n".join(json.dumps({**SMALL[k % 2], "doc_id": f"d{k % 5}"}) for k in range(8)), encoding="utf-8")
    with pytest.raises(InputError, match="dup.jsonl:6: duplicate doc_id 'd0'"):
        analyze_files(dup, tmp_path / "r1", engine="dask", workers=1, chunk_size=2, progress=False)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(SMALL[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2: not valid JSON"):
        analyze_files(bad, tmp_path / "r2", engine="dask", workers=1, chunk_size=1, progress=False)
    assert not list(tmp_path.glob("r*")) and not list(tmp_path.glob(".r*"))


def test_projection_is_the_stated_arithmetic():
    from toolkit.bench import projection

    lines = projection(1000, one=10.0, many=5.5, workers=2, read_per_s=1e9, output_mib=1.0, peak_worker_mib=500)
    # 10 ms per article on one worker; 2 workers: 1.82x, efficiency 0.909
    assert "1.82x" in lines[2] and "0.91" in lines[2]
    assert lines[-2].split()[:4] == ["2", "cores:", "1.53", "h"]  # 1e6 * 0.01 / (0.909 * 2) = 5,500 s
    assert "(172 s, compute-bound)" in lines[-1]  # 1e6 * 0.01 / (0.909 * 64)
    slow_reader = projection(1000, one=10.0, many=5.5, workers=2, read_per_s=1000, output_mib=1.0,
                             peak_worker_mib=500)
    assert "(1,000 s, read-bound)" in slow_reader[-1]


@pytest.mark.parametrize(
    ("n", "one", "many", "naive", "rss", "expected"),
    [
        # 2,000 articles: no whole-corpus row; 1,200/s is met, 1,200/50 = 24x met, 2,100/1,200 = 1.75x met
        (2000, 1200.0, 2100.0, 50.0, 900.0,
         {"1,000 articles/s": True, "naive reference, one core": True, "naive reference, 2 workers": True,
          "speed-up": True, "memory": True}),
        # the whole corpus in 37,554 / 440 = 85.4 s: over 60 s; 440/264 = 1.67x: under 1.7x
        (37554, 264.0, 440.0, 25.0, 2100.0,
         {"1,000 articles/s": False, "naive reference, one core": False, "naive reference, 2 workers": False,
          "speed-up": False, "37,554": False, "memory": False}),
        (37554, 700.0, 1300.0, 25.0, 1000.0,
         {"1,000 articles/s": False, "naive reference, one core": True, "naive reference, 2 workers": True,
          "speed-up": True, "37,554": True, "memory": True}),
    ],
)
def test_pipeline_targets_are_judged_from_the_run(n, one, many, naive, rss, expected):
    from toolkit.bench import pipeline_targets

    rows = pipeline_targets(n, one_rate=one, many_rate=many, workers=2, naive_rate=naive, total_rss_mib=rss)
    assert len(rows) == len(expected)
    for key, met in expected.items():
        (row,) = [r for r in rows if key in r[0]]
        assert row[2] is met, row


def test_pipeline_targets_without_a_parallel_run():
    from toolkit.bench import pipeline_targets

    rows = pipeline_targets(100, one_rate=50.0, many_rate=None, workers=1, naive_rate=10.0, total_rss_mib=100.0)
    assert [r[0] for r in rows] == ["whole pipeline >= 1,000 articles/s on one core",
                                    ">= 20x the naive reference, one core, same run",
                                    "peak memory <= 2 GiB (all processes of a run)"]
    assert [r[1] for r in rows] == ["50/s", "5.0x", "100 MiB"]
