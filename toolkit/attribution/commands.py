"""Command-line handlers of the attribution family (the only code here that touches files)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

__all__ = ["cmd_quotes", "cmd_validate", "cmd_bench", "format_validation"]


def cmd_quotes(args: argparse.Namespace) -> int:
    """``toolkit quotes CORPUS [-o FILE] [--force] [--gazetteer FILE]``: one row per attribution."""
    import pandas as pd

    from toolkit.attribution.measures import extract_quotes
    from toolkit.cli import check_outputs, corpus_from_args, gazetteer_from_args, table_output
    from toolkit.text import parse_corpus

    check_outputs(args.output, force=getattr(args, "force", False), table=True)  # before the work, not after
    gaz, settings = gazetteer_from_args(args)
    corpus = corpus_from_args(args)
    quotes = extract_quotes(parse_corpus(corpus), gazetteer=gaz)
    if args.output:
        table_output(args, quotes, corpus, command="quotes", families=["toolkit.attribution"], **settings)
        print(f"{len(quotes)} attributions written to {args.output}")
        return 0
    shown = quotes[["doc_id", "kind", "quote", "speaker_canonical", "source_kind", "affiliation",
                    "verb", "verb_class", "counted"]].copy()
    shown["quote"] = [q if len(q) <= 50 else q[:47] + "..." for q in shown["quote"]]
    shown["counted"] = shown["counted"].map({True: "yes", False: "no"})
    with pd.option_context("display.max_rows", None, "display.width", 200,
                           "display.max_colwidth", 60):
        print(shown.fillna("-").to_string(index=False))
    if not quotes["counted"].all():
        print("counted no: left out of the metrics (a key-points block that repeats the body, or a quote "
              "inside another quote of the same speaker)")
    return 0


def _fmt(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def _split_line(label: str, h: dict[str, Any]) -> str:
    ns = h["named_speaker"]
    return (f"{label:<24} {h['n_articles']:>8} {h['n_gold']:>6} {_fmt(h['recall_exact']):>7} "
            f"{_fmt(h['recall_overlap']):>7}  {_fmt(ns['accuracy']):>6} ({ns['correct']}/{ns['n_matched']})")


def format_validation(report: dict[str, Any]) -> str:
    """The validation report as a readable text table."""
    lines = ["Attribution validation", "", "Seed gold (2 bundled articles, hand-annotated)",
             f"{'kind':<9} {'gold':>5} {'pred':>5}  {'P exact':>7} {'R exact':>7} {'F1 exact':>8}"
             f"  {'P >=30%':>7} {'R >=30%':>7} {'F1 >=30%':>8}"]
    for kind, m in report["seed"]["by_kind"].items():
        e, o = m["exact"], m["overlap"]
        lines.append(f"{kind:<9} {m['n_gold']:>5} {m['n_pred']:>5}  {_fmt(e['precision']):>7} "
                     f"{_fmt(e['recall']):>7} {_fmt(e['f1']):>8}  {_fmt(o['precision']):>7} "
                     f"{_fmt(o['recall']):>7} {_fmt(o['f1']):>8}")
    for key in ("speaker", "source_kind", "affiliation", "kind"):
        a = report["seed"][key]
        lines.append(f"{key + ' accuracy on matched quotes':<40} {_fmt(a['accuracy'])} "
                     f"({a['correct']}/{a['n']})")
    if report["seed"]["speaker_errors"]:
        lines.append("speaker / affiliation errors:")
        for err in report["seed"]["speaker_errors"]:
            lines.append(f"  {err['quote'][:45]!r}: gold {err['gold']!r} ({err['gold_affiliation']}),"
                         f" predicted {err['pred']!r} ({err['pred_affiliation']})")
    if "basil" in report:
        b = report["basil"]
        ns = b["named_speaker"]
        lines += ["", f"BASIL quoted spans ({b['n_articles']} articles, {b['n_gold']} spans located,"
                      f" {b['n_unlocated']} not found in the text; {b['n_pred']} predicted)",
                  f"recall, exact span              {_fmt(b['recall_exact'])}",
                  f"recall, >= 30% token overlap    {_fmt(b['recall_overlap'])}",
                  f"precision                       n/a ({b['precision_note']})",
                  f"speaker accuracy, named-person gold speakers  {_fmt(ns['accuracy'])} "
                  f"({ns['correct']}/{ns['n_matched']} matched; {ns['n_gold_named']} named in gold)",
                  f"found spans by predicted kind   {b['by_kind_found']}",
                  "",
                  "BASIL by annotation year (rules were designed on development errors only)",
                  f"{'half':<24} {'articles':>8} {'spans':>6} {'R exact':>7} {'R >=30%':>7}"
                  f"  {'named-speaker accuracy':>22}"]
        for half in ("dev", "held_out"):
            h = b["split"][half]
            lines.append(_split_line(h["label"], h))
        lines.append(_split_line("all", b))
    else:
        lines += ["", "BASIL: not measured (data folder not found)"]
    lines += ["", "Targets"]
    for key, t in report["targets"].items():
        lines.append(f"  {key:<38} {_fmt(t['value']):>6}  target >= {t['target']:.2f}  "
                     f"{'met' if t['met'] else 'NOT MET'}")
    prov = report["provenance"]
    lines.append(f"\nprovenance: toolkit {prov['toolkit']}, quote_verbs {prov['quote_verbs']}, "
                 f"gazetteer {prov['gazetteer']}, seed gold {prov['seed_gold_sha256']}")
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace) -> int:
    """``toolkit validate attribution [--data DIR] [--json FILE]``.

    Without ``--data``, and no BASIL in the default places (``$TOOLKIT_DATA``,
    ``../shared/data``), only the seed articles are scored, with a note; a
    folder named with ``--data`` that does not hold BASIL is an error.
    """
    from toolkit.attribution.validate import validate_attribution
    from toolkit.errors import DataNotFoundError
    from toolkit.io import write_json
    from toolkit.resources import data_dir

    folder: Path | None  # a --data folder without BASIL was refused by toolkit.cli before this
    try:
        folder = data_dir(args.data, dataset="basil")
    except DataNotFoundError as exc:
        print(f"note: {exc}")
        folder = None
    report = validate_attribution(folder)
    print(format_validation(report))
    if args.json:
        write_json(report, args.json, force=getattr(args, "force", False))
    return 0


def _read_articles(path: Path, n: int) -> list[tuple[str, str, str]]:
    from toolkit.resources import dataset_records

    out = []
    for i, rec in dataset_records(path, limit=n):
        text = rec.get("content_original") or rec.get("content") or ""
        out.append((str(rec.get("ID", i)), str(rec.get("source", "")), text))
    return out


def cmd_bench(args: argparse.Namespace) -> int:
    """``toolkit bench attribution [--data DIR] [--n N] [--json FILE]``: articles per second."""
    from toolkit.attribution.lexicon import load_quote_verbs
    from toolkit.attribution.measures import extract_quotes
    from toolkit.gazetteer import load_gazetteer
    from toolkit.io import write_json
    from toolkit.resources import data_dir
    from toolkit.text import parse_document

    n = args.n or 20000
    path = data_dir(args.data, dataset="article-bias-prediction") / "article-bias-prediction" / (
        "articles.jsonl.gz")
    articles = _read_articles(path, n)
    chars = sum(len(t) for _, _, t in articles)
    gaz, _ = load_gazetteer(), load_quote_verbs()
    extract_quotes([parse_document("“Warm up,” he said.", doc_id="w")], gazetteer=gaz)
    t0, c0 = time.perf_counter(), time.process_time()
    docs = [parse_document(text, doc_id=doc_id, outlet=outlet) for doc_id, outlet, text in articles]
    t1, c1 = time.perf_counter(), time.process_time()
    quotes = extract_quotes(docs, gazetteer=gaz)
    t2, c2 = time.perf_counter(), time.process_time()
    rows = [("parse (text layer)", t1 - t0, c1 - c0), ("attribution alone", t2 - t1, c2 - c1),
            ("parse + attribution", t2 - t0, c2 - c0)]
    print(f"Attribution benchmark: first {len(articles):,} articles of {path} "
          f"({chars / 1e6:.1f} M characters, field content_original), one process")
    print(f"{'step':<22} {'wall s':>8} {'articles/s':>11} {'MB/s':>6}  {'CPU s':>7} {'articles/CPU s':>15}")
    for name, sec, cpu in rows:
        print(f"{name:<22} {sec:>8.2f} {len(articles) / sec:>11,.0f} {chars / 1e6 / sec:>6.2f}  "
              f"{cpu:>7.2f} {len(articles) / cpu:>15,.0f}")
    counts = quotes["kind"].value_counts().to_dict()
    print(f"attributions found: {len(quotes):,} ({', '.join(f'{k} {v:,}' for k, v in counts.items())})")
    rate = len(articles) / (t2 - t1)
    print(f"target >= 2,000 articles/s (wall clock) for attribution alone: {rate:,.0f}, "
          f"{'met' if rate >= 2000 else 'NOT MET'}")
    if args.json:
        write_json({"articles": len(articles), "characters": chars,
                    "seconds": {name: round(sec, 3) for name, sec, _ in rows},
                    "cpu_seconds": {name: round(cpu, 3) for name, _, cpu in rows},
                    "articles_per_second": {name: round(len(articles) / sec, 1)
                                            for name, sec, _ in rows},
                    "attributions": len(quotes), "by_kind": counts}, args.json, force=getattr(args, "force", False))
    return 0
