"""Benchmarks that print a table: sentence splitters compared on the seeds.

``toolkit bench split`` measures the toolkit's splitter against pysbd and
syntok: sentences found, wrong splits and missed boundaries against the
hand-checked boundaries of the seed articles
(``toolkit/data/gold/seed_sentences.json``), and speed in articles per second
on the benchmark corpus (``article-bias-prediction``; the seeds repeated when
the data folder is absent). All candidates run in the same process, one after
the other, so their ratios are comparable.

References
----------
Sadvilkar, N. & Neumann, M. (2020). PySBD: Pragmatic Sentence Boundary
Disambiguation. NLP-OSS workshop, ACL. (pysbd)
Leitner, F. syntok: text tokenization and sentence segmentation (segtok v2).
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["splitters", "compare_splitters", "benchmark_texts", "cmd_bench_split"]

Splitter = Callable[[str], list[tuple[int, int]]]


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split(text: str) -> list[tuple[int, int]]:
        return [(s.start, s.start + len(s.sent.rstrip())) for s in segmenter.segment(text)]

    return split


def _syntok() -> Splitter:
    import syntok.segmenter as segmenter

    def split(text: str) -> list[tuple[int, int]]:
        spans = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                tokens = list(sentence)
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
        return spans

    return split


def splitters() -> dict[str, Splitter]:
    """The candidates that are installed: ``toolkit`` always, pysbd and syntok if present."""
    from toolkit.text import split_sentences

    found: dict[str, Splitter] = {"toolkit": split_sentences}
    for name, make in (("pysbd", _pysbd), ("syntok", _syntok)):
        try:
            found[name] = make()
        except ImportError:
            pass
    return found


def benchmark_texts(data: str | None, n: int) -> tuple[list[str], str]:
    """The first ``n`` texts of article-bias-prediction, or the seeds repeated."""
    from toolkit.errors import DataNotFoundError
    from toolkit.resources import data_dir

    try:
        root = data_dir(data, dataset="article-bias-prediction")
    except DataNotFoundError:
        from toolkit.corpus import load_corpus

        seeds = list(load_corpus("blinken-china-2024")["text"])
        return (seeds * (n // len(seeds) + 1))[:n], "bundled seeds, repeated (benchmark data not found)"
    texts = list(_abp_texts(root / "article-bias-prediction" / "articles.jsonl.gz", n))
    return texts, f"article-bias-prediction, first {len(texts)} articles"


def _abp_texts(path: Path, n: int) -> Iterator[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for i, line in enumerate(handle):
            if i >= n:
                return
            yield json.loads(line).get("content_original") or ""


def compare_splitters(texts: list[str]) -> list[dict[str, object]]:
    """Accuracy on the seed gold and speed on ``texts`` for each splitter."""
    from toolkit.corpus import load_corpus
    from toolkit.resources import read_data_text

    gold = json.loads(read_data_text("gold/seed_sentences.json"))
    corpus = load_corpus("blinken-china-2024")
    rows = []
    for name, split in splitters().items():
        row: dict[str, object] = {"splitter": name}
        wrong = missed = found = 0
        examples = []
        for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
            ends = {e for _, e in split(text)}
            truth = set(gold[doc_id]["sentence_ends"])
            found += len(ends)
            wrong += len(ends - truth)
            missed += len(truth - ends)
            examples += [f"{doc_id}: wrong after …{text[max(0, e - 20):e]!r}" for e in sorted(ends - truth)]
            examples += [f"{doc_id}: missed after …{text[max(0, e - 20):e]!r}" for e in sorted(truth - ends)]
        row.update(sentences=found, gold=sum(g["n_sentences"] for g in gold.values()),
                   wrong_splits=wrong, missed=missed, examples=examples)
        start = time.perf_counter()
        for text in texts:
            split(text)
        elapsed = time.perf_counter() - start
        row["articles_per_s"] = len(texts) / elapsed if elapsed > 0 else float("inf")
        rows.append(row)
    return rows


def cmd_bench_split(args: argparse.Namespace) -> int:
    """``toolkit bench split``: print the splitter comparison table."""
    from toolkit.io import write_json

    texts, where = benchmark_texts(args.data, args.n or 2000)
    rows = compare_splitters(texts)
    print(f"sentence splitters on the seed articles (gold: hand-checked boundaries); speed on {where}")
    print(f"{'splitter':<10} {'sentences':>9} {'gold':>5} {'wrong':>6} {'missed':>7} {'articles/s':>11}")
    for r in rows:
        print(f"{r['splitter']:<10} {r['sentences']:>9} {r['gold']:>5} {r['wrong_splits']:>6} {r['missed']:>7} "
              f"{r['articles_per_s']:>11.0f}")
    for r in rows:
        for example in r["examples"]:  # type: ignore[attr-defined]
            print(f"  {r['splitter']}: {example}")
    if args.json:
        write_json({"corpus": where, "splitters": rows}, args.json)
    return 0


# ------------------------------------------------------------------ the whole pipeline


def _naive(texts: list[str]) -> None:
    """The reference a user would write: pysbd sentences, TextBlob and VADER per sentence."""
    import pysbd
    from textblob import TextBlob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    segmenter = pysbd.Segmenter(language="en", clean=False)
    vader = SentimentIntensityAnalyzer()
    for text in texts:
        for sentence in segmenter.segment(text):
            TextBlob(sentence).sentiment  # noqa: B018 - the work being measured
            vader.polarity_scores(sentence)


def bench_stages(source: Path, n: int, *, chunk_size: int = 1000) -> dict[str, float]:
    """Seconds spent in each stage over the first ``n`` articles, in one process."""
    import importlib
    import time

    import pandas as pd

    from toolkit.corpus import _apply_mapping, _finish
    from toolkit.metrics import FAMILIES
    from toolkit.scale import ABP_COLUMNS, _raw_chunks
    from toolkit.text import parse_corpus

    seconds: dict[str, float] = {"load": 0.0, "clean": 0.0, "split": 0.0}
    for name in FAMILIES:
        seconds[name.rsplit(".", 1)[1]] = 0.0
    seconds["aggregation"] = 0.0
    articles = []
    start = time.perf_counter()
    for raw in _raw_chunks(source, chunk_size, n):
        seconds["load"] += time.perf_counter() - start
        t = time.perf_counter()
        corpus = _finish(_apply_mapping(raw, ABP_COLUMNS, source), clean=True)
        seconds["clean"] += time.perf_counter() - t
        t = time.perf_counter()
        docs = parse_corpus(corpus)
        seconds["split"] += time.perf_counter() - t
        for name in FAMILIES:
            module = importlib.import_module(name)
            t = time.perf_counter()
            if hasattr(module, "measure"):
                part = module.measure(docs).articles
            else:
                module.sentence_metrics(docs)
                part = module.article_metrics(docs)
            seconds[name.rsplit(".", 1)[1]] += time.perf_counter() - t
            articles.append(part.assign(outlet=[d.outlet for d in docs]))
        start = time.perf_counter()
    t = time.perf_counter()
    table = pd.concat(articles, ignore_index=True)
    numeric = table.select_dtypes("number").assign(outlet=table["outlet"])
    numeric.groupby("outlet").agg(["mean", "count"])
    seconds["aggregation"] = time.perf_counter() - t
    return seconds


def _whole_run(source: Path, out: Path, *, n: int, workers: int) -> tuple[float, float]:
    """``toolkit analyze`` on the first ``n`` articles in a fresh process: (seconds, peak RSS in MiB).

    The run streams the file in chunks and writes partitioned Parquet, so its
    peak memory should not grow with ``n``. For several workers the peak is
    that of the largest process (a Dask worker or the driver).
    """
    import os
    import subprocess
    import sys
    import time

    code = ("import resource, sys; from toolkit.cli import main; status = main(sys.argv[1:]); "
            "usage = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "print('PEAK_RSS_KIB', usage, file=sys.stderr); sys.exit(status)")
    command = [sys.executable, "-c", code, "analyze", str(source), "-o", str(out), "--limit", str(n),
               "--text-column", "content_original", "--outlet-column", "source", "--id-column", "ID",
               "--title-column", "title", "--date-column", "date",
               "--engine", "dask" if workers > 1 else "pandas", "--workers", str(max(workers, 1))]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "TQDM_DISABLE": "1"})
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"benchmark run failed: {done.stderr.strip().splitlines()[-1:]}")
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_RSS_KIB"))
    return seconds, peak / 1024


def cmd_bench_pipeline(args: argparse.Namespace) -> int:
    """``toolkit bench pipeline``: articles per second per stage, end to end, and the naive reference."""
    import shutil
    import statistics
    import tempfile
    import time

    from toolkit.io import write_json
    from toolkit.resources import data_dir
    source = data_dir(args.data, dataset="article-bias-prediction") / "article-bias-prediction" / "articles.jsonl.gz"
    n = args.n or 2000
    repeats = max(1, args.repeat)
    stage_runs = [bench_stages(source, n) for _ in range(repeats)]
    stages = {k: statistics.median(r[k] for r in stage_runs) for k in stage_runs[0]}
    whole = []
    whole_rss = []
    for _ in range(repeats):
        out = Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
        seconds, rss = _whole_run(source, out / "res", n=n, workers=args.workers)
        whole.append(seconds)
        whole_rss.append(rss)
        shutil.rmtree(out)
    naive_n = min(n, args.naive_n)
    texts, _ = benchmark_texts(args.data, naive_n)
    t = time.perf_counter()
    _naive(texts)
    naive = (time.perf_counter() - t) / naive_n
    whole_rate = n / statistics.median(whole)
    rows = [(stage, n / s if s > 0 else float("inf")) for stage, s in stages.items()]
    print(f"toolkit bench pipeline: first {n} articles of article-bias-prediction, median of {repeats} run(s), "
          f"workers={args.workers}")
    print(f"{'stage':<14} {'articles/s':>11}")
    for stage, rate in rows:
        print(f"{stage:<14} {rate:>11.0f}")
    print(f"{'whole':<14} {whole_rate:>11.0f}   (end to end: read, clean, split, every family, write Parquet)")
    print(f"{'naive':<14} {1 / naive:>11.1f}   (pysbd + TextBlob + VADER per sentence, {naive_n} articles)")
    print(f"speed-up over naive: {whole_rate * naive:.1f}x")
    print(f"peak RSS of the end-to-end run (its own process): {max(whole_rss):.0f} MiB")
    if args.json:
        write_json({"n": n, "workers": args.workers, "repeats": repeats, "stages_articles_per_s": dict(rows),
                    "whole_articles_per_s": whole_rate, "whole_seconds": whole, "naive_articles_per_s": 1 / naive,
                    "speedup": whole_rate * naive, "whole_peak_rss_mib": max(whole_rss)}, args.json)
    return 0


def cmd_bench_parity(args: argparse.Namespace) -> int:
    """``toolkit bench parity``: the fast sentiment paths against TextBlob and vaderSentiment.

    Every sentence of NewsMTSC (all three files) and every sentence of the
    first ``--n`` (default 2,000) benchmark articles; prints the largest
    absolute difference per score and the speed of both in the same run.
    """
    import glob

    from toolkit.fastsentiment import bench_sentiment, parity_report
    from toolkit.io import write_json
    from toolkit.resources import data_dir
    from toolkit.text import split_sentences

    newsmtsc = data_dir(args.data, dataset="newsmtsc") / "newsmtsc"
    mtsc = [json.loads(line)["sentence_normalized"]
            for path in sorted(glob.glob(str(newsmtsc / "*.jsonl")))
            for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    texts, where = benchmark_texts(args.data, args.n or 2000)
    abp = [t[s:e] for t in texts for s, e in split_sentences(t)]
    results = {}
    for name, sentences in (("NewsMTSC", mtsc), (where, abp)):
        report = parity_report(sentences)
        speed = bench_sentiment(sentences)
        results[name] = {"parity": report, "speed": speed}
        print(f"{name}: {report['n_sentences']} sentences, parity {'holds' if report['parity'] else 'FAILS'} "
              "(largest absolute difference per score):")
        for score, diff in report["max_abs_diff"].items():
            print(f"  {score:<24} {diff:.3g}   mismatches {report['n_mismatch'][score]}")
        for scorer in ("textblob", "vader"):
            print(f"  {scorer:<8} reference {speed[f'{scorer}_reference_per_s']:>9.0f} sentences/s   "
                  f"fast {speed[f'{scorer}_fast_per_s']:>9.0f}   ratio {speed[f'{scorer}_speedup']:.1f}x")
    if args.json:
        write_json(results, args.json)
    return 0 if all(r["parity"]["parity"] for r in results.values()) else 1
