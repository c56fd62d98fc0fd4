"""From a corpus to every metric: parse once, run each family, keep provenance.

:func:`analyze` segments every article once (:mod:`toolkit.text`) and hands
the same parsed documents to every metric family listed in
:data:`toolkit.metrics.FAMILIES`. The result, an :class:`Analysis`, holds one
sentence table and one article table that the comparison, the plots, the HTML
report and the notebooks all read from.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from toolkit.metrics import FAMILIES, Measurements, MetricSpec
from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Analysis", "analyze", "provenance", "cmd_analyze", "cmd_compare", "cmd_run"]


@dataclass
class Analysis:
    """Everything measured on one corpus.

    Attributes
    ----------
    corpus : pandas.DataFrame
        As returned by :func:`toolkit.load_corpus`.
    docs : list of ParsedDocument
        The parsed articles, in corpus order.
    sentences : pandas.DataFrame
        One row per sentence: the columns of :func:`toolkit.text.sentence_table`
        (``doc_id, outlet, sentence_id, start, end, paragraph, position,
        counted, sentence``) plus every family's sentence columns.
    articles : pandas.DataFrame
        One row per article: ``doc_id, outlet, title, n_sentences, n_words``
        plus every family's article columns.
    metrics : tuple of MetricSpec
        What the per-outlet comparison reports.
    tables : dict of str to pandas.DataFrame
        Further tidy tables from the families (``"quotes"``, ...).
    provenance : dict
        Toolkit version, resource versions, corpus checksum.
    cache_folder : pathlib.Path or None
        Where the analysis is cached (``analyze(..., cache=...)``), else None.
    """

    corpus: pd.DataFrame
    docs: list[ParsedDocument]
    sentences: pd.DataFrame
    articles: pd.DataFrame
    metrics: tuple[MetricSpec, ...]
    provenance: dict[str, Any] = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    cache_folder: Path | None = None

    def cached(self, func: Callable[..., pd.DataFrame], /, **kwargs: Any) -> pd.DataFrame:
        """``func(self.docs, **kwargs)``, kept in the analysis's cache folder and reused on the next run.

        For the slower tables derived from the parsed articles (a sentence
        alignment, target mentions) in a notebook that is re-run often. When
        the analysis was made without ``cache=`` the table is computed every
        time. See :mod:`toolkit.cache` for what the key covers.

        Examples
        --------
        >>> from toolkit import align_sentences, load_corpus
        >>> analysis = analyze(load_corpus("blinken-china-2024"))
        >>> analysis.cached(align_sentences).equals(align_sentences(analysis.docs))
        True
        """
        from toolkit.cache import derived_table

        return derived_table(self, func, kwargs)


def provenance(corpus: pd.DataFrame, families: Sequence[str] = FAMILIES) -> dict[str, Any]:
    """Toolkit version and source checksum, the checksum of every shipped data file, and the corpus checksum."""
    from toolkit import __version__
    from toolkit.corpus import corpus_checksum
    from toolkit.resources import checksum

    data_root = Path(__file__).resolve().parent / "data"
    resources = {
        str(p.relative_to(data_root)): checksum(p)[:16]
        for p in sorted(data_root.rglob("*"))
        if p.is_file() and not p.name.endswith(".card.md")
    }
    from toolkit.cache import code_checksum

    return {
        "toolkit_version": __version__,
        "code_checksum": code_checksum(),
        "families": list(families),
        "resources": resources,
        "corpus_checksum": corpus_checksum(corpus),
        "n_articles": len(corpus),
    }


def _word_counts(docs: Sequence[ParsedDocument]) -> list[tuple[str, int, int]]:
    """``(doc_id, sentence_id, number of \\w+ runs)`` of every sentence."""
    rows = []
    for doc in docs:
        for i, n in enumerate(doc.word_counts()):
            rows.append((doc.doc_id, i, n))
    return rows


def analyze(
    corpus: pd.DataFrame,
    *,
    families: Sequence[str] = FAMILIES,
    engine: Literal["pandas", "dask"] = "pandas",
    workers: int = 2,
    client: Any = None,
    chunk_size: int = 1000,
    cache: bool | str | os.PathLike[str] = False,
) -> Analysis:
    """Parse every article once and run every metric family on it.

    Parameters
    ----------
    corpus : pandas.DataFrame
        As returned by :func:`toolkit.load_corpus`.
    families : sequence of str, default=toolkit.metrics.FAMILIES
        Modules implementing the family contract of :mod:`toolkit.metrics`.
    engine : {"pandas", "dask"}, default="pandas"
        ``"dask"`` analyses chunks of ``chunk_size`` articles on a
        ``dask.distributed`` cluster (a local one with ``workers`` processes,
        or ``client``) and gives the same result as ``"pandas"``. For files
        larger than memory use :func:`toolkit.scale.analyze_files`.
    workers : int, default=2
    client : dask.distributed.Client, optional
    chunk_size : int, default=1000
    cache : bool or path, default=False
        Keep the result on disk and reuse it when the same corpus is analysed
        again with the same toolkit (version and source code), data files
        (lexicons, models, gazetteer) and families; any change to one of them
        misses the cache. ``True`` uses ``$TOOLKIT_CACHE`` or
        ``~/.cache/media-bias-toolkit``; a path uses that folder. Tables
        derived later can join it through :meth:`Analysis.cached`.

    Returns
    -------
    Analysis

    Examples
    --------
    >>> from toolkit import load_corpus
    >>> analysis = analyze(load_corpus("blinken-china-2024"))
    >>> analysis.articles[["doc_id", "outlet"]].values.tolist()
    [['nbc-chicago', 'NBC Chicago'], ['rt', 'RT']]
    """
    import pandas as pd

    from toolkit.corpus import SCHEMA, validate_corpus
    from toolkit.metrics import check_kind
    from toolkit.text import parse_corpus, sentence_table

    check_kind(corpus, ["columns"], caller="toolkit.analyze", expected="a corpus DataFrame",
               hint=f"load one with toolkit.load_corpus(path or bundled name), or pass a DataFrame with the columns "
                    f"{', '.join(SCHEMA)} (for parsed documents, call a family's measure(docs), e.g. "
                    "toolkit.sentiment.measure(docs))")
    validate_corpus(corpus)
    if cache:
        from toolkit.cache import analysis_folder, load_analysis, save_analysis

        prov = provenance(corpus, families)
        folder = analysis_folder(cache, prov)
        if (folder / "complete").is_file():
            return load_analysis(folder, corpus, families, prov)
        result = analyze(corpus, families=families, engine=engine, workers=workers, client=client,
                         chunk_size=chunk_size)
        save_analysis(folder, result)
        result.cache_folder = folder
        return result
    if engine == "dask":
        return _analyze_dask(corpus, families=families, workers=workers, client=client, chunk_size=chunk_size)
    if engine != "pandas":
        from toolkit.errors import InputError

        raise InputError(f"unknown engine {engine!r}; use 'pandas' or 'dask'")
    docs = parse_corpus(corpus)
    sentences = sentence_table(docs)
    words = pd.DataFrame(_word_counts(docs), columns=["doc_id", "sentence_id", "n_words"])
    sentences = sentences.merge(words, on=["doc_id", "sentence_id"], how="left")
    counted = sentences[sentences["counted"]]
    articles = pd.DataFrame({
        "doc_id": [d.doc_id for d in docs],
        "outlet": [d.outlet for d in docs],
        "title": [d.title for d in docs],
        "language": [d.language for d in docs],
    })
    articles = articles.merge(
        counted.groupby("doc_id").agg(n_sentences=("sentence_id", "size"), n_words=("n_words", "sum")),
        on="doc_id", how="left",
    ).fillna({"n_sentences": 0, "n_words": 0})
    metrics: list[MetricSpec] = []
    tables: dict[str, pd.DataFrame] = {}
    for name in families:
        module = importlib.import_module(name)
        if hasattr(module, "measure"):
            measured: Measurements = module.measure(docs)
            sentence_part, article_part = measured.sentences, measured.articles
            tables.update(measured.tables)
        else:
            sentence_part, article_part = module.sentence_metrics(docs), module.article_metrics(docs)
        new_cols = [c for c in sentence_part.columns if c not in ("doc_id", "sentence_id")]
        clash = sorted(set(new_cols) & set(sentences.columns))
        if clash:
            raise RuntimeError(f"{name} sentence columns clash with earlier ones: {clash}")
        sentences = sentences.merge(sentence_part[["doc_id", "sentence_id", *new_cols]],
                                    on=["doc_id", "sentence_id"], how="left")
        new_cols = [c for c in article_part.columns if c != "doc_id" and c not in articles.columns]
        articles = articles.merge(article_part[["doc_id", *new_cols]], on="doc_id", how="left")
        metrics.extend(module.METRICS)
    return Analysis(corpus, docs, sentences, articles, tuple(metrics), provenance(corpus, families), tables)


def _analyze_dask(corpus: pd.DataFrame, *, families: Sequence[str], workers: int, client: Any,
                  chunk_size: int) -> Analysis:
    """:func:`analyze` with chunks of the corpus analysed on a Dask cluster, then joined."""
    import pandas as pd
    from dask.distributed import Client

    from toolkit.scale import local_cluster
    from toolkit.text import parse_corpus

    own = client is None
    cluster = local_cluster(workers) if own else None
    client = Client(cluster) if own else client
    try:
        chunks = [corpus.iloc[i:i + chunk_size] for i in range(0, len(corpus), chunk_size)]
        futures = client.map(_analyze_part, chunks, families=families, pure=False)
        parts: list[_Part] = client.gather(futures)
    finally:
        if own:
            client.close()
            cluster.close()  # type: ignore[union-attr]
    names = {name for part in parts for name in part.tables}
    tables = {name: pd.concat([p.tables[name] for p in parts if name in p.tables], ignore_index=True)
              for name in sorted(names)}
    return Analysis(
        corpus, parse_corpus(corpus),
        pd.concat([p.sentences for p in parts], ignore_index=True),
        pd.concat([p.articles for p in parts], ignore_index=True),
        parts[0].metrics, provenance(corpus, families), tables,
    )


@dataclass
class _Part:
    """What a Dask worker sends back for one chunk: the tables only (the driver has the corpus)."""

    sentences: pd.DataFrame
    articles: pd.DataFrame
    metrics: tuple[MetricSpec, ...]
    tables: dict[str, pd.DataFrame]


def _analyze_part(chunk: pd.DataFrame, *, families: Sequence[str]) -> _Part:
    result = analyze(chunk, families=families)
    return _Part(result.sentences, result.articles, result.metrics, result.tables)


# ---------------------------------------------------------------- command line


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _run_provenance(analysis: Analysis) -> dict[str, Any]:
    """The analysis's provenance plus the seed of the comparison's resampling."""
    import inspect

    from toolkit.compare import compare_outlets

    seed = inspect.signature(compare_outlets).parameters["seed"].default
    return {**analysis.provenance, "seed": seed}


def cmd_analyze(args: argparse.Namespace) -> int:
    """``toolkit analyze CORPUS -o FILE``: one row per article."""
    from toolkit.cli import corpus_from_args
    from toolkit.io import TABLE_FORMATS, write_table

    if Path(args.output).suffix and Path(args.output).suffix.lower() not in TABLE_FORMATS:
        from toolkit.errors import InputError

        raise InputError(f"unknown output format; use one of {', '.join(TABLE_FORMATS)}", path=args.output)
    if args.engine == "dask" or Path(args.output).suffix == "":
        from toolkit.cli import columns_from_args
        from toolkit.scale import analyze_files

        # a progress bar only on a terminal (not in logs), and not when TQDM_DISABLE is set
        progress = sys.stderr.isatty() and not os.environ.get("TQDM_DISABLE")
        out = analyze_files(args.corpus, args.output, engine=args.engine, workers=args.workers,
                            chunk_size=args.chunk_size, columns=columns_from_args(args), limit=args.limit,
                            force=args.force, progress=progress, encoding=getattr(args, "encoding", "utf-8"))
        print(f"wrote partitioned Parquet to {out}/")
        return 0
    from toolkit.io import _check_target

    _check_target(Path(args.output), args.force)  # refuse before the work, not after
    analysis = analyze(corpus_from_args(args))
    path = write_table(analysis.articles, args.output, force=args.force, provenance=_run_provenance(analysis))
    print(f"wrote {len(analysis.articles)} articles x {analysis.articles.shape[1]} columns to {path}")
    return 0


def _write_outputs(analysis: Analysis, comparison: pd.DataFrame, *, html: str | None,
                   figures: str | None, force: bool) -> None:
    if figures:
        from toolkit.plots import save_figures

        for path in save_figures(comparison, figures, force=force, provenance=_run_provenance(analysis)):
            print(f"wrote {path}")
    if html:
        from toolkit.report import write_report

        print(f"wrote {write_report(analysis, comparison, html, force=force)}")


def cmd_compare(args: argparse.Namespace) -> int:
    """``toolkit compare CORPUS``: print the per-outlet table; optional HTML and figures."""
    from toolkit.cli import check_outputs, corpus_from_args
    from toolkit.compare import compare_outlets, format_table

    # every output is checked before the analysis: an error never comes after half the files are written
    check_outputs(args.html, force=args.force, folders=[args.figures])
    analysis = analyze(corpus_from_args(args))
    comparison = compare_outlets(analysis)
    print(format_table(comparison))
    _write_outputs(analysis, comparison, html=args.html, figures=args.figures, force=args.force)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: analyse, print the comparison, write report, figures, tables, notebook.

    The notebook is notebook 01 (the RT vs NBC Chicago reproduction) for the
    bundled ``blinken-china-2024``, notebook 03 (your own corpus) for any
    other corpus (:func:`toolkit.notebooks.notebook_for_corpus`), loaded with
    the same column options. Its cells tagged ``skip-in-run`` are left out:
    notebook 03's steps on sample files (which would put the bundled articles
    in ``--out``) and its own export of the tables written here. It runs
    before anything is written, so a failing notebook (one line naming the
    cell, exit status 2) leaves no report, figures or tables behind.
    """
    from toolkit.cli import check_outputs, columns_from_args, corpus_from_args
    from toolkit.compare import compare_outlets, format_table
    from toolkit.io import write_json, write_table

    out = Path(args.out)
    if (out / "report.html").exists() and not args.force:
        from toolkit.errors import InputError

        raise InputError("holds the outputs of an earlier run; pass --force to replace them", path=out)
    check_outputs(out / "articles.csv", out / "comparison.csv", out / "report.html", force=args.force,
                  folders=[out / "figures"])
    _progress(f"analysing {args.corpus} ...")
    analysis = analyze(corpus_from_args(args))
    comparison = compare_outlets(analysis)
    print(format_table(comparison))
    notebook = None
    if not args.no_notebook:
        from toolkit.notebooks import SKIP_IN_RUN, execute_notebook, notebook_for_corpus

        options: dict[str, Any] = {}  # how the corpus was loaded, for the notebook to load it the same way
        if columns_from_args(args):
            options["columns"] = columns_from_args(args)
        if args.encoding != "utf-8":
            options["encoding"] = args.encoding
        name, parameters = notebook_for_corpus(args.corpus, **options)
        _progress(f"executing notebook {name} on {args.corpus} ...")
        notebook = execute_notebook(name, out / "notebooks", parameters=parameters, skip_tags=(SKIP_IN_RUN,))
    prov = _run_provenance(analysis)
    write_table(analysis.articles, out / "articles.csv", force=args.force, provenance=prov)
    write_table(comparison, out / "comparison.csv", force=args.force, provenance=prov)
    write_json(prov, out / "provenance.json")
    _write_outputs(analysis, comparison, html=str(out / "report.html"), figures=str(out / "figures"),
                   force=args.force)
    if notebook is not None:
        print(f"wrote {notebook}")
    return 0
