"""Command-line handlers: ``toolkit targets``, ``train targeted-sentiment``, ``validate sentiment``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import InputError
from toolkit.targeted.model import MODEL_NAME
from toolkit.targeted.newsmtsc import _newsmtsc_file, load_newsmtsc, train_targeted_model, validate_sentiment
from toolkit.targeted.targets import extract_targets, target_sentiment_by_outlet

if TYPE_CHECKING:
    import argparse


#: Printed under the table of mentions: why a label can look at odds with its score.
SCORE_LEGEND = ("score = P(positive) - P(negative), from -1 to 1; label = the class with the highest probability. "
                "The two can disagree: a score of -0.10 is labelled negative when negative is the most likely "
                "class, -0.16 neutral when neutral is.")


def cmd_targets(args: argparse.Namespace) -> int:
    """``toolkit targets CORPUS [-o FILE] [--force] [--gazetteer FILE]``."""
    from toolkit.cli import check_outputs, corpus_from_args, gazetteer_from_args, table_output
    from toolkit.text import parse_corpus

    check_outputs(args.output, force=args.force, table=True)  # before the work, not after
    gaz, settings = gazetteer_from_args(args)
    corpus = corpus_from_args(args)
    table = extract_targets(parse_corpus(corpus), gazetteer=gaz)
    if args.output:
        table_output(args, table, corpus, command="targets", families=["toolkit.targeted"], **settings)
        print(f"{len(table)} target mentions -> {args.output}")
        return 0
    if table.empty:
        print("no target mentions found")
        return 0
    view = table[["doc_id", "sentence_id", "mention", "target_id", "score", "label"]].copy()
    view["score"] = view["score"].round(2)
    print(view.to_string(index=False))
    print(SCORE_LEGEND)
    summary = target_sentiment_by_outlet(table)
    if not summary.empty:
        print()
        print("mean sentiment toward each target (95% bootstrap interval):")
        print(summary[["outlet", "target", "n_mentions", "mean_score", "low", "high"]]
              .round(3).to_string(index=False))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """``toolkit train targeted-sentiment [--data DIR] [-o FILE] [--force]``."""
    from toolkit.io import write_json
    from toolkit.resources import checksum

    path = _newsmtsc_file(args.data, "train")
    out = (Path(args.output) if args.output
           else Path(__file__).resolve().parent.parent / "data" / MODEL_NAME)
    if out.exists() and not args.force:
        raise InputError("already exists; pass --force to overwrite it", path=out)
    mentions = load_newsmtsc(path)
    print(f"training on {len(mentions)} mentions of {path} ...", flush=True)
    model, report = train_targeted_model(mentions, seed=0)
    from toolkit import __version__

    data = model.to_dict()
    data["training"] = {**report, "data": "NewsMTSC train.jsonl (fhamborg/NewsMTSC, MIT)",
                        "data_sha256": checksum(path), "toolkit_version": __version__}
    write_json(data, out, force=True)
    print(f"C={report['C']} (grouped {report['n_splits']}-fold CV macro-F1 {report['cv_macro_f1']}), "
          f"{report['n_features']} features, trained in {report['seconds']} s -> {out}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``toolkit validate sentiment [--data DIR] [--json FILE]``."""
    from toolkit.io import write_json
    from toolkit.resources import checksum, data_path

    files = {split: _newsmtsc_file(args.data, split)
             for split in ("train", "devtest_rw", "devtest_mt")}
    train = load_newsmtsc(files["train"])
    tests = {split: load_newsmtsc(files[split]) for split in ("devtest_rw", "devtest_mt")}
    result = validate_sentiment(train, tests)
    model_file = data_path(MODEL_NAME)
    print("Sentiment toward targets, NewsMTSC (computed now; labels negative/neutral/positive)")
    print("Sentence scores give each target its whole sentence's tone: that is not sentiment "
          "toward the target, and no lexicon score is a measure of bias.")
    wide = result.pivot_table(index="method", columns="split", values=["macro_f1", "accuracy"],
                              sort=False)
    wide.columns = [f"{split} {measure}" for measure, split in wide.columns]
    order = [f"{s} {m}" for s in tests for m in ("macro_f1", "accuracy")]
    print(wide[order].round(3).to_string())
    print("n mentions: " + ", ".join(f"{s} {len(df)}" for s, df in tests.items()))
    print(f"targeted model: {model_file.name} sha256 {checksum(model_file)[:12]}")
    if args.json:
        write_json({"task": "NewsMTSC targeted sentiment", "results": result.to_dict("records"),
                    "model_sha256": checksum(model_file),
                    "data_sha256": {split: checksum(p) for split, p in files.items()}},
                   args.json, force=getattr(args, "force", False))
    return 0
