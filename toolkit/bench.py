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
    from toolkit.resources import dataset_records

    for _, record in dataset_records(path, limit=n):
        yield record.get("content_original") or ""


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
        write_json({"corpus": where, "splitters": rows}, args.json, force=getattr(args, "force", False))
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
    """Seconds spent in each stage over the first ``n`` articles, in one process.

    ``read`` is what a Dask driver does alone (decompress and split lines);
    ``load`` adds parsing the JSON into a table; ``clean`` is cleaning and
    validation; ``split`` is sentence segmentation (:func:`toolkit.text.parse_corpus`).
    """
    import importlib
    import time

    import pandas as pd

    from toolkit.corpus import _apply_mapping, _finish, validate_corpus
    from toolkit.metrics import FAMILIES
    from toolkit.scale import ABP_COLUMNS, _raw_chunks
    from toolkit.text import parse_corpus

    seconds: dict[str, float] = {"read": 0.0, "load": 0.0, "clean": 0.0, "split": 0.0}
    for name in FAMILIES:
        seconds[name.rsplit(".", 1)[1]] = 0.0
    seconds["aggregation"] = 0.0
    articles = []
    start = time.perf_counter()
    for raw in _raw_chunks(source, chunk_size, n):
        seconds["read"] += time.perf_counter() - start
        frame = raw.table()
        seconds["load"] += time.perf_counter() - start
        t = time.perf_counter()
        corpus = validate_corpus(_finish(_apply_mapping(frame, ABP_COLUMNS, source), clean=True), source=source)
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


def _process_tree_rss(pid: int) -> dict[int, int]:
    """Resident memory (KiB) of a process and all its descendants, from /proc (Linux); {} elsewhere."""
    import os

    found: dict[int, int] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status", encoding="ascii", errors="replace") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        found[p] = int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as children:
                    todo.extend(int(c) for c in children.read().split())
        except (OSError, ValueError):
            continue
    return found


def _whole_run(source: Path, out: Path, *, n: int, workers: int, engine: str | None = None) -> dict[str, float]:
    """``toolkit analyze`` on the first ``n`` articles in a fresh process.

    Returns ``seconds`` (wall time, process start included), ``cpu_seconds``
    (user and system time of the run and its workers: less sensitive than
    wall time to other programs sharing the machine), ``peak_rss_mib``
    (the largest single process, exact: ``getrusage`` of the run and of its
    finished children, i.e. the driver or one Dask worker), ``total_rss_mib``
    (the largest sum over the driver and its workers, sampled from /proc every
    0.2 s, and never less than ``peak_rss_mib``, which a sample can miss) and ``output_mib`` (size of the Parquet
    parts). ``engine`` defaults to ``pandas`` (no Dask) for one worker and
    ``dask`` for more. The run streams the file in chunks and writes
    partitioned Parquet, so its peak memory should not grow with ``n``.
    """
    import os
    import resource
    import subprocess
    import sys
    import tempfile
    import time

    engine = engine or ("dask" if workers > 1 else "pandas")
    code = ("import resource, sys; from toolkit.cli import main; status = main(sys.argv[1:]); "
            "usage = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
            "print('PEAK_RSS_KIB', usage, file=sys.stderr); sys.exit(status)")
    command = [sys.executable, "-c", code, "analyze", str(source), "-o", str(out), "--limit", str(n),
               "--text-column", "content_original", "--outlet-column", "source", "--id-column", "ID",
               "--title-column", "title", "--date-column", "date",
               "--engine", engine, "--workers", str(max(workers, 1))]
    total = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryFile(mode="w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, text=True,
                                env={**os.environ, "TQDM_DISABLE": "1"})
        while proc.poll() is None:
            total = max(total, sum(_process_tree_rss(proc.pid).values()))
            time.sleep(0.2)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        err.seek(0)
        stderr = err.read()
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark run failed: {stderr.strip().splitlines()[-1:]}")
    peak = next(int(line.split()[1]) for line in stderr.splitlines() if line.startswith("PEAK_RSS_KIB"))
    size = sum(p.stat().st_size for p in out.glob("part-*.parquet"))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # the sum is sampled and can miss a short peak that getrusage saw exactly: never report less than that
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_rss_mib": peak / 1024,
            "total_rss_mib": max(total, peak) / 1024, "output_mib": size / 2**20}


def projection(n: int, one: float, many: float, workers: int, read_per_s: float, output_mib: float,
               peak_worker_mib: float, *, target: int = 1_000_000, cores: tuple[int, ...] = (2, 64)) -> list[str]:
    """Lines projecting a ``target``-article run from measured whole runs; every assumption is printed.

    ``one`` and ``many`` are the wall times of ``n`` articles on one worker
    and on ``workers`` workers. The per-article time of one worker includes
    process start and reading; the parallel efficiency is the measured
    speed-up divided by ``workers`` and is assumed to hold on a cluster (it
    is only measured up to ``workers``). A single driver reads the input, so
    no run can be faster than its measured read rate.
    """
    per_article = one / n
    speedup = one / many
    efficiency = speedup / workers
    lines = [
        f"projection for {target:,} articles (from the runs above; assumptions on the next lines)",
        f"  one worker: {per_article * 1000:.2f} ms per article (whole run: start, read, analyse, write)",
        f"  {workers} workers: speed-up {speedup:.2f}x over one, parallel efficiency {efficiency:.2f}; "
        "assumed to hold on a cluster (measured only up to here)",
        f"  the driver reads {read_per_s:,.0f} articles/s alone (decompress, split lines): "
        "the ceiling of any cluster fed by one reader",
        f"  output {output_mib / n * target / 1024:.1f} GiB of Parquet (measured {output_mib / n * 1e6:.0f} "
        "bytes/article); memory per worker flat at about its measured peak "
        f"{peak_worker_mib:.0f} MiB",
    ]
    for c in cores:
        compute = target * per_article / (efficiency * c) if c > 1 else target * per_article
        wall = max(compute, target / read_per_s)
        bound = "read-bound" if target / read_per_s >= compute else "compute-bound"
        lines.append(f"  {c:>3} cores: {wall / 3600:6.2f} h ({wall:,.0f} s, {bound})")
    return lines


#: articles in article-bias-prediction: the "whole corpus" target applies to a run over all of them
FULL_CORPUS = 37_554


def pipeline_targets(n: int, *, one_rate: float, many_rate: float | None, workers: int, naive_rate: float,
                     total_rss_mib: float) -> list[tuple[str, str, bool]]:
    """The scale issue's targets against one run's figures: ``(target, measured, met)``.

    ``one_rate`` and ``many_rate`` are whole-pipeline articles/s on one process
    (no Dask) and on ``workers`` Dask workers (None when only one was run);
    ``naive_rate`` is the naive reference's articles/s in the same run;
    ``total_rss_mib`` the largest memory of all processes of a run together.
    The whole-corpus time applies only to a run over all ``FULL_CORPUS`` articles
    on 2 workers. Whether peak memory stays within 10% between 10,000 and
    37,554 articles needs two runs, so it is not judged here.

    Examples
    --------
    >>> [met for _, _, met in pipeline_targets(2000, one_rate=264, many_rate=440, workers=2,
    ...                                         naive_rate=25, total_rss_mib=1500)]
    [False, False, False, False, True]
    """
    rows = [("whole pipeline >= 1,000 articles/s on one core", f"{one_rate:,.0f}/s", one_rate >= 1000),
            (">= 20x the naive reference, one core, same run", f"{one_rate / naive_rate:.1f}x",
             one_rate / naive_rate >= 20)]
    if many_rate is not None:
        rows.append((f">= 20x the naive reference, {workers} workers, same run", f"{many_rate / naive_rate:.1f}x",
                     many_rate / naive_rate >= 20))
        rows.append((f"speed-up of {workers} workers over one >= 1.7x", f"{many_rate / one_rate:.2f}x",
                     many_rate / one_rate >= 1.7))
        if n >= FULL_CORPUS and workers == 2:
            rows.append(("all 37,554 articles in <= 60 s on 2 workers", f"{n / many_rate:.1f} s", n / many_rate <= 60))
    rows.append(("peak memory <= 2 GiB (all processes of a run)", f"{total_rss_mib:,.0f} MiB", total_rss_mib <= 2048))
    return rows


def cmd_bench_pipeline(args: argparse.Namespace) -> int:
    """``toolkit bench pipeline``: articles per second per stage, end to end, and the naive reference.

    The whole pipeline runs as ``toolkit analyze`` in a fresh process, at
    least three times (the median is reported); with ``--workers`` above one
    the one-worker run (no Dask) alternates with the Dask run in the same
    benchmark, so the speed-up is measured side by side.
    """
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
    whole_repeats = max(3, repeats)
    settings = sorted({1, max(1, args.workers)})
    runs: dict[int, list[dict[str, float]]] = {w: [] for w in settings}
    for _ in range(whole_repeats):
        for w in settings:
            out = Path(tempfile.mkdtemp(prefix="toolkit-bench-"))
            try:
                runs[w].append(_whole_run(source, out / "res", n=n, workers=w))
            finally:
                shutil.rmtree(out)
    naive_n = min(n, args.naive_n)
    texts, _ = benchmark_texts(args.data, naive_n)
    t = time.perf_counter()
    _naive(texts)
    naive = (time.perf_counter() - t) / naive_n
    wall = {w: statistics.median(r["seconds"] for r in runs[w]) for w in settings}
    whole_rate = n / wall[max(settings)]
    rows = [(stage, n / s if s > 0 else float("inf")) for stage, s in stages.items()]
    print(f"toolkit bench pipeline: first {n} articles of article-bias-prediction, stages: median of {repeats} "
          f"run(s) in this process; whole pipeline: median of {whole_repeats} runs, workers={args.workers}")
    print(f"{'stage':<14} {'articles/s':>11} {'ms/article':>11}")
    for stage, rate in rows:
        print(f"{stage:<14} {rate:>11.0f} {1000 / rate:>11.3f}")
    for w in settings:
        label = "one process, no Dask" if w == 1 else f"Dask, {w} worker processes"
        print(f"{'whole, ' + str(w) + ' wkr':<14} {n / wall[w]:>11.0f} {1000 * wall[w] / n:>11.3f}   "
              f"({label}; end to end: start, read, clean, split, every family, write Parquet; "
              f"runs {', '.join(format(r['seconds'], '.1f') for r in runs[w])} s; "
              f"CPU of all its processes {statistics.median(r['cpu_seconds'] for r in runs[w]):.1f} s)")
    print(f"{'naive':<14} {1 / naive:>11.1f} {1000 * naive:>11.3f}   "
          f"(pysbd + TextBlob + VADER per sentence, {naive_n} articles, one process)")
    print(f"speed-up over naive: {whole_rate * naive:.1f}x (whole pipeline, {max(settings)} worker(s))")
    if len(settings) > 1:
        print(f"speed-up of {max(settings)} workers over one: {wall[1] / wall[max(settings)]:.2f}x")
    for w in settings:
        print(f"peak RSS, {w} worker(s): largest process {max(r['peak_rss_mib'] for r in runs[w]):.0f} MiB, "
              f"all processes together {max(r['total_rss_mib'] for r in runs[w]):.0f} MiB "
              "(sampled every 0.2 s; at least the largest process)")
    if len(settings) > 1:
        w = max(settings)
        output = statistics.median(r["output_mib"] for r in runs[w])
        peak = max(r["peak_rss_mib"] for r in runs[w])
        for line in projection(n, wall[1], wall[w], w, n / stages["read"], output, peak):
            print(line)
        # on a shared machine wall time also measures the other programs; CPU time does not:
        # W busy workers on W dedicated cores finish in their CPU time divided by W
        cpu = {k: statistics.median(r["cpu_seconds"] for r in runs[k]) for k in settings}
        print("the same from CPU time (as on dedicated cores: wall = CPU seconds / workers; "
              "the Dask run's extra CPU is its overhead)")
        for line in projection(n, cpu[1], cpu[w] / w, w, n / stages["read"], output, peak)[1:3] + \
                projection(n, cpu[1], cpu[w] / w, w, n / stages["read"], output, peak)[5:]:
            print(line)
    many_rate = n / wall[max(settings)] if len(settings) > 1 else None
    total_rss = max(r["total_rss_mib"] for w in settings for r in runs[w])
    targets = pipeline_targets(n, one_rate=n / wall[1], many_rate=many_rate, workers=max(settings),
                               naive_rate=1 / naive, total_rss_mib=total_rss)
    print("Targets (wall clock, this run; memory within 10% between 10,000 and 37,554 articles: compare two runs)")
    for target, measured, met in targets:
        print(f"  {target:<52} {measured:>10}  {'met' if met else 'NOT MET'}")
    if args.json:
        write_json({"n": n, "workers": args.workers, "repeats": repeats, "whole_repeats": whole_repeats,
                    "targets": [{"target": t, "measured": m, "met": ok} for t, m, ok in targets],
                    "stages_articles_per_s": dict(rows),
                    "whole_articles_per_s": whole_rate, "whole_seconds": runs[max(settings)],
                    "whole_runs": {str(w): runs[w] for w in settings},
                    "naive_articles_per_s": 1 / naive, "speedup": whole_rate * naive,
                    "whole_peak_rss_mib": max(r["peak_rss_mib"] for r in runs[max(settings)])},
                   args.json, force=getattr(args, "force", False))
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
    from toolkit.errors import InputError
    from toolkit.resources import dataset_records

    mtsc = []
    for path in sorted(glob.glob(str(newsmtsc / "*.jsonl"))):
        for number, record in dataset_records(path):
            if not isinstance(record.get("sentence_normalized"), str):
                raise InputError("not a NewsMTSC record (no sentence_normalized)", path=path, line=number)
            mtsc.append(record["sentence_normalized"])
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
        write_json(results, args.json, force=getattr(args, "force", False))
    return 0 if all(r["parity"]["parity"] for r in results.values()) else 1
