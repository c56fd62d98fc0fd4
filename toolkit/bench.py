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
