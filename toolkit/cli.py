"""The ``toolkit`` command line.

Each subcommand's handler lives in the module of its concept and is imported
only when that subcommand runs (``"module:function"`` below), so ``toolkit
--help`` is fast. A handler takes the parsed arguments and returns the exit
status. Errors in the user's input (:class:`toolkit.errors.ToolkitError`)
are printed as one line, without a traceback, with exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

__all__ = ["main", "build_parser"]

_DATA_HELP = "data folder (default: $TOOLKIT_DATA, else ../shared/data)"


def positive_int(text: str) -> int:
    """An ``argparse`` type: a whole number of at least 1 (counts, sizes, workers, repeats)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on one line (exit status 2, as every input error)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)\n")


def _corpus(p: argparse.ArgumentParser, *, default: str | None = None) -> None:
    """The corpus argument and the options that map a table's columns (``default``: the corpus is optional)."""
    what = "bundled corpus name (blinken-china-2024), a folder, or a .csv/.jsonl/.parquet file"
    if default is None:
        p.add_argument("corpus", metavar="CORPUS", help=what)
    else:
        p.add_argument("corpus", nargs="?", default=default, metavar="CORPUS", help=f"{what} (default: {default})")
    p.add_argument("--text-column", metavar="NAME", help="column holding the text (tables)")
    p.add_argument("--outlet-column", metavar="NAME", help="column holding the outlet (tables)")
    p.add_argument("--id-column", metavar="NAME", help="column holding the article id (tables)")
    p.add_argument("--title-column", metavar="NAME", help="column holding the headline (tables)")
    p.add_argument("--date-column", metavar="NAME", help="column holding the publication date (tables)")
    p.add_argument("--encoding", default="utf-8", help="encoding of files without a byte-order mark")


def _output(p: argparse.ArgumentParser, *, required: bool) -> None:
    p.add_argument("-o", "--output", metavar="FILE", required=required,
                   help="output table; the extension picks the format (.csv, .parquet, .jsonl)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output")


def _validation(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", metavar="DIR", help=_DATA_HELP)
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--force", action="store_true", help="overwrite an existing --json file")


def _run_args(p: argparse.ArgumentParser) -> None:
    _corpus(p, default="blinken-china-2024")
    p.add_argument("--out", default="out", metavar="DIR", help="output folder (default: out)")
    p.add_argument("--no-notebook", action="store_true", help="skip executing the notebook"
                   " (01 for the bundled corpus, 03 for any other)")
    p.add_argument("--force", action="store_true", help="replace the outputs of an earlier run in --out")


def _table_args(p: argparse.ArgumentParser) -> None:
    _corpus(p)
    _output(p, required=False)


def _gazetteer_table_args(p: argparse.ArgumentParser) -> None:
    _table_args(p)
    p.add_argument("--gazetteer", metavar="FILE", action="append", default=None,
                   help="YAML file of entities that adds to or replaces the shipped gazetteer's (repeatable; "
                        "format: toolkit/data/gazetteer.card.md)")


def gazetteer_from_args(args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    """The gazetteer ``--gazetteer`` asks for (None: the shipped one) and its provenance settings."""
    files = getattr(args, "gazetteer", None)
    if not files:
        return None, {}
    from pathlib import Path

    from toolkit.gazetteer import load_gazetteer
    from toolkit.resources import checksum

    gaz = load_gazetteer(extra=files)
    return gaz, {"gazetteer": gaz.version, "gazetteer_files": {str(f): checksum(Path(f))[:16] for f in files}}


def _analyze_args(p: argparse.ArgumentParser) -> None:
    _corpus(p)
    _output(p, required=True)
    p.add_argument("--engine", choices=["pandas", "dask"], default="pandas",
                   help="dask: analyse chunks on a local Dask cluster; output is a folder of Parquet parts")
    p.add_argument("--workers", type=positive_int, default=2, help="Dask worker processes (default: 2)")
    p.add_argument("--chunk-size", type=positive_int, default=1000, help="articles per chunk (default: 1000)")
    p.add_argument("--limit", type=positive_int, default=None,
                   help="analyse only the first N articles (N >= 1; streaming)")


def _compare_args(p: argparse.ArgumentParser) -> None:
    _corpus(p)
    p.add_argument("--html", metavar="FILE", help="write the HTML report here")
    p.add_argument("--figures", metavar="DIR", help="write the figures (PNG) here")
    p.add_argument("--force", action="store_true", help="overwrite existing outputs")


def _train_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("model", choices=["targeted-sentiment"],
                   help="the model to train: targeted-sentiment (sentiment toward a named target, from NewsMTSC)")
    p.add_argument("--data", metavar="DIR", help=_DATA_HELP)
    p.add_argument("-o", "--output", metavar="FILE", help="where to write the model (JSON)")
    p.add_argument("--force", action="store_true", help="overwrite an existing output")


class _DeferredHelp(argparse._StoreAction):
    """A stored option whose help text is made only when it is shown (``make_help``: it needs a slow import)."""

    def __init__(self, *args: Any, make_help: Callable[[], str], **kwargs: Any) -> None:
        self.make_help = make_help
        super().__init__(*args, **kwargs)

    @property  # type: ignore[override]
    def help(self) -> str:
        return self.make_help()

    @help.setter
    def help(self, value: str | None) -> None:
        pass


def _threshold_help() -> str:
    from toolkit.pairing import DEFAULT_THRESHOLD

    return (f"average cosine similarity (0 to 1) above which articles are one story "
            f"(default: {DEFAULT_THRESHOLD})")


def _pair_args(p: argparse.ArgumentParser) -> None:
    _table_args(p)
    p.add_argument("--threshold", type=float, default=None, action=_DeferredHelp, make_help=_threshold_help)


def _bench_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", choices=sorted(_BENCHES), help="what to time: " + "; ".join(
        f"{name}: {text}" for name, text in sorted(_BENCH_HELP.items())))
    p.add_argument("--data", metavar="DIR", help=_DATA_HELP)
    p.add_argument("--n", type=positive_int, default=None,
                   help="number of articles (default: 2000; attribution: 20000)")
    p.add_argument("--workers", type=positive_int, default=1, help="pipeline: Dask worker processes (1: no Dask)")
    p.add_argument("--repeat", type=positive_int, default=3,
                   help="runs to take the median of (default: 3); pipeline: the stages run N times, "
                   "the whole pipeline max(N, 3) times")
    p.add_argument("--naive-n", type=positive_int, default=200, help="pipeline: articles for the naive reference")
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    p.add_argument("--force", action="store_true", help="overwrite an existing --json file")


def _frames_args(p: argparse.ArgumentParser) -> None:
    _table_args(p)
    p.add_argument("--scheme", default="generic",
                   help="frame scheme: generic (Semetko & Valkenburg), mfc (Card et al.), or a YAML file")


def _notebooks_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("only", nargs="*", metavar="NOTEBOOK", help="file names (default: all curated notebooks)")
    p.add_argument("--out", default="out/notebooks", metavar="DIR",
                   help="this command's own output folder; each run replaces the executed copies there "
                        "(default: out/notebooks)")
    p.add_argument("--data", metavar="DIR", help=_DATA_HELP + "; needed by 04_validation")


def _fuzz_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--n", type=positive_int, default=100_000, help="number of inputs (default: 100000)")
    p.add_argument("--seed", type=int, default=0, help="campaign seed (default: 0)")
    p.add_argument("--workers", type=positive_int, default=None, help="processes (default: all cores)")


def _validate_args(p: argparse.ArgumentParser) -> None:
    needs = ", ".join(f"{name} ({_VALIDATION_DATA[name]}/)" for name in sorted(_VALIDATORS))
    p.add_argument("what", choices=sorted(_VALIDATORS),
                   help=f"the method to measure, and the data set it needs in the data folder: {needs}; attribution "
                        "also scores the seed articles, and only those when no data folder is found")
    _validation(p)


_VALIDATORS = {
    "attribution": "toolkit.attribution:cmd_validate",
    "sentiment": "toolkit.targeted:cmd_validate",
    "framing": "toolkit.framing:cmd_validate",
    "pairing": "toolkit.pairing:cmd_validate",
}

#: The data set (a folder in the data folder) each ``toolkit validate`` family reads.
_VALIDATION_DATA = {"attribution": "basil", "sentiment": "newsmtsc", "framing": "narrative-frames",
                    "pairing": "basil"}

_BENCHES = {
    "attribution": "toolkit.attribution:cmd_bench",
    "split": "toolkit.bench:cmd_bench_split",
    "pipeline": "toolkit.bench:cmd_bench_pipeline",
    "parity": "toolkit.bench:cmd_bench_parity",
    "notebook": "toolkit.notebooks:cmd_bench_notebook",
}

_BENCH_HELP = {
    "attribution": "quote attribution alone",
    "split": "the sentence splitters (and their errors on the seed articles)",
    "pipeline": "each stage and the whole toolkit analyze",
    "parity": "the fast sentiment scores against TextBlob and vaderSentiment",
    "notebook": "notebook 01, cold and with a warm cache",
}

# name -> (handler "module:function", help, argument builder)
_COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "run": ("toolkit.pipeline:cmd_run",
            "the main job: analyse a corpus, print the comparison, write report, figures and notebook to out/",
            _run_args),
    "analyze": ("toolkit.pipeline:cmd_analyze", "one row of metrics per article", _analyze_args),
    "compare": ("toolkit.pipeline:cmd_compare", "print the per-outlet comparison table", _compare_args),
    "quotes": ("toolkit.attribution:cmd_quotes", "one row per attribution (who is quoted, how)",
               _gazetteer_table_args),
    "frames": ("toolkit.framing.commands:cmd_frames", "frame profile per outlet and the sentences behind it",
               _frames_args),
    "targets": ("toolkit.targeted:cmd_targets", "one row per target mention, with sentiment toward it",
                _gazetteer_table_args),
    "train": ("toolkit.targeted:cmd_train", "train a shipped model from a data set", _train_args),
    "pair": ("toolkit.pairing:cmd_pair", "group articles that cover the same story across outlets", _pair_args),
    "bench": ("toolkit.cli:_cmd_bench", "measure speed (articles per second) on a benchmark corpus", _bench_args),
    "notebooks": ("toolkit.notebooks:cmd_notebooks",
                  "execute the curated notebooks; write the executed copies (.ipynb and .html) to --out",
                  _notebooks_args),
    "fuzz": ("toolkit.fuzz:cmd_fuzz", "fixed-budget fuzzing of ingest and attribution (seeded, reproducible)",
             _fuzz_args),
    "validate": ("toolkit.cli:_cmd_validate", "measure a method against human annotation", _validate_args),
}


def _resolve(ref: str) -> Callable[[argparse.Namespace], int]:
    module, _, func = ref.partition(":")
    handler: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), func)
    return handler


def check_outputs(*paths: str | os.PathLike[str] | None, force: bool, table: bool = False,
                  folders: Sequence[str | os.PathLike[str] | None] = ()) -> None:
    """Refuse, before any work, an output that could not be written.

    A file in ``paths`` that exists (without ``force``), that is a folder, or
    (``table``) whose extension is not a table format; a folder in ``folders``
    that is a file, or that already holds PNG figures (without ``force``).
    """
    from pathlib import Path

    from toolkit.errors import InputError
    from toolkit.io import TABLE_FORMATS, _check_target

    for path in paths:
        if path is None:
            continue
        target = Path(path)
        if table and target.suffix.lower() not in TABLE_FORMATS:
            raise InputError(f"unknown output format {target.suffix or '(none)'!r}; use one of "
                             f"{', '.join(TABLE_FORMATS)}", path=target)
        _check_target(target, force)
        if target.parent.exists() and not target.parent.is_dir():
            raise InputError("is a file, not a folder", path=target.parent)
    for folder in folders:
        if folder is None:
            continue
        target = Path(folder)
        if target.exists() and not target.is_dir():
            raise InputError("is a file, expected a folder", path=target)
        if target.is_dir() and not force and any(target.glob("*.png")):
            raise InputError("already holds figures; pass --force to overwrite them", path=target)


def table_output(args: argparse.Namespace, table: Any, corpus: Any, *, command: str, families: Sequence[str],
                 **settings: Any) -> Any:
    """Write a subcommand's table to ``--output`` with the provenance of ``toolkit analyze`` (sidecar for CSV/JSONL)."""
    from toolkit.io import write_table
    from toolkit.pipeline import provenance

    prov = {**provenance(corpus, families), "command": command, **settings}
    return write_table(table, args.output, force=getattr(args, "force", False), provenance=prov)


def check_data_option(data: str | os.PathLike[str] | None, dataset: str) -> None:
    """Refuse a ``--data`` folder named on the command line that does not exist or does not hold ``dataset``.

    Without ``--data`` (None) nothing is checked: the command looks in the
    default places and decides what a missing data set means.
    """
    if data is None:
        return
    from pathlib import Path

    from toolkit.errors import DataNotFoundError

    folder = Path(data)
    if not folder.is_dir():
        raise DataNotFoundError("no such folder (given with --data)", path=folder)
    if not (folder / dataset).is_dir():
        raise DataNotFoundError(f"holds no {dataset}/ folder, the data set this command needs (given with --data)",
                                path=folder)


def _cmd_validate(args: argparse.Namespace) -> int:
    check_outputs(args.json, force=getattr(args, "force", False))
    check_data_option(args.data, _VALIDATION_DATA[args.what])
    return _resolve(_VALIDATORS[args.what])(args)


def _cmd_bench(args: argparse.Namespace) -> int:
    check_outputs(args.json, force=getattr(args, "force", False))
    return _resolve(_BENCHES[args.what])(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all subcommands."""
    from toolkit import __version__

    parser = _Parser(
        prog="toolkit",
        description="Measure how news outlets cover the same event: framing, sentiment toward whom, "
        "and who is given a voice.",
    )
    parser.add_argument("--version", action="version", version=f"toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (handler, help_text, build) in _COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        build(p)
        p.set_defaults(handler=handler)
    return parser


def columns_from_args(args: argparse.Namespace) -> dict[str, str] | None:
    """The column mapping given by ``--text-column`` and ``--outlet-column``."""
    options = {"text": "text_column", "outlet": "outlet_column", "doc_id": "id_column", "title": "title_column",
               "published": "date_column"}
    columns = {name: getattr(args, option) for name, option in options.items() if getattr(args, option, None)}
    return columns or None


def corpus_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Load the corpus named on the command line, applying column options."""
    from toolkit.corpus import load_corpus

    return load_corpus(args.corpus, columns=columns_from_args(args), encoding=getattr(args, "encoding", "utf-8"))


#: Advice in the library's messages given in Python's terms, and the same advice on the command line.
_COMMAND_LINE_ADVICE = (
    (re.compile(r"--force \(force=True\)|(?<![-\w])force=True"), "--force"),
    (re.compile(r"columns=\{'text': \.\.\.\}"), "--text-column NAME"),
    (re.compile(r"\(--encoding NAME; encoding= in Python\)"), "(--encoding NAME)"),
)


def command_line_message(message: str) -> str:
    """An error message with its Python advice (``force=True``, ``columns={...}``) given as the options to use."""
    for pattern, replacement in _COMMAND_LINE_ADVICE:
        message = pattern.sub(replacement, message)
    return message


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    from toolkit.errors import ToolkitError

    args = build_parser().parse_args(argv)
    previous = _on_sigterm_interrupt()
    try:
        return int(_resolve(args.handler)(args) or 0)
    except ToolkitError as exc:
        print(f"toolkit: error: {command_line_message(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _on_sigterm_interrupt() -> Any:
    """Make SIGTERM (``kill``, a batch system's time limit) an interrupt, so partial outputs are removed.

    Returns the previous handler, or None where it cannot be set (not the main thread).
    """
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _interrupt)
