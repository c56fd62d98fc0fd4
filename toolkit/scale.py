"""Corpora larger than memory: streaming in chunks, and a Dask engine.

:func:`iter_corpus` reads a JSONL (optionally gzip-compressed), Parquet or
CSV file in chunks of ``chunk_size`` articles, each cleaned and validated as
:func:`toolkit.load_corpus` would, so memory does not grow with the corpus.
:func:`analyze_files` runs :func:`toolkit.analyze` on every chunk and writes
one Parquet part per chunk (an article table: one row per article), either in
this process (``engine="pandas"``) or on a ``dask.distributed`` cluster
(``engine="dask"``): a local one with ``workers`` processes by default, or the
user's own ``Client`` (a Slurm or Kubernetes cluster through dask-jobqueue or
dask-kubernetes). Both engines run the same function on the same chunks, so
their results are identical.

Examples
--------
On a cluster::

    from dask.distributed import Client
    from dask_jobqueue import SLURMCluster      # pip install dask-jobqueue
    cluster = SLURMCluster(cores=8, memory="16GB"); cluster.scale(jobs=8)
    analyze_files("articles.jsonl.gz", "results/", engine="dask", client=Client(cluster))
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from toolkit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["iter_corpus", "analyze_chunk", "analyze_files", "read_results"]

#: Columns of article-bias-prediction's records, mapped to the corpus schema.
ABP_COLUMNS = {"doc_id": "ID", "outlet": "source", "title": "title", "published": "date", "url": "url",
               "text": "content_original"}


def _jsonl_chunks(path: Path, chunk_size: int, limit: int | None) -> Iterator[list[dict[str, Any]]]:
    from toolkit.corpus import jsonl_record

    opener = gzip.open if path.suffix == ".gz" else open
    chunk: list[dict[str, Any]] = []
    taken = 0
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        for number, line in enumerate(handle, 1):
            if limit is not None and taken >= limit:
                break
            record = jsonl_record(line, path=path, line=number)
            if record is None:
                continue
            chunk.append(record)
            taken += 1
            if len(chunk) == chunk_size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def _raw_chunks(path: Path, chunk_size: int, limit: int | None) -> Iterator[pd.DataFrame]:
    import pandas as pd

    name = path.name.lower()
    if name.endswith(".jsonl") or name.endswith(".jsonl.gz"):
        for records in _jsonl_chunks(path, chunk_size, limit):
            yield pd.DataFrame.from_records(records)
    elif name.endswith(".parquet"):
        import pyarrow.parquet as pq

        taken = 0
        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_size):
            frame = batch.to_pandas()
            if limit is not None:
                frame = frame.iloc[: max(0, limit - taken)]
            frame["_source"] = [f"{path}:row {taken + i + 1}" for i in range(len(frame))]
            taken += len(frame)
            if len(frame):
                yield frame
            if limit is not None and taken >= limit:
                break
    elif name.endswith(".csv"):
        from toolkit.corpus import _read_csv, read_text_file

        # the same strict reader as load_corpus: a ragged row is an error, never padded
        header, rows, lines = _read_csv(read_text_file(path), path)
        stop = len(rows) if limit is None else min(limit, len(rows))
        for a in range(0, stop, chunk_size):
            b = min(a + chunk_size, stop)
            frame = pd.DataFrame(rows[a:b], columns=header, dtype=object)
            frame["_source"] = [f"{path}:{line}" for line in lines[a:b]]
            yield frame
    else:
        raise InputError("streaming reads .jsonl, .jsonl.gz, .parquet or .csv files", path=path)


def iter_corpus(
    source: str | os.PathLike[str],
    *,
    chunk_size: int = 1000,
    columns: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> Iterator[pd.DataFrame]:
    """Stream a large table file as cleaned, validated corpus chunks.

    Parameters
    ----------
    source : path
        ``.jsonl``, ``.jsonl.gz``, ``.parquet`` or ``.csv``.
    chunk_size : int, default=1000
    columns : mapping, optional
        Schema name -> column name, as in :func:`toolkit.load_corpus`.
    limit : int, optional
        Stop after this many articles.

    Yields
    ------
    pandas.DataFrame
        Corpus chunks with the schema of :func:`toolkit.load_corpus`.
        ``doc_id`` must be unique across the whole file.
    """
    from toolkit.corpus import _apply_mapping, _finish, validate_corpus

    path = Path(source)
    if not path.is_file():
        raise InputError("no such file", path=path)
    seen: set[str] = set()
    offset = 0
    for raw in _raw_chunks(path, chunk_size, limit):
        if "doc_id" not in (columns or {}) and "doc_id" not in raw.columns:
            raw["doc_id"] = [str(offset + i) for i in range(len(raw))]  # row number in the whole file
        offset += len(raw)
        corpus = validate_corpus(_finish(_apply_mapping(raw, columns or {}, path), clean=True), source=path)
        for doc_id, src in zip(corpus["doc_id"], corpus["_source"], strict=True):
            if doc_id in seen:
                where, _, line = str(src).rpartition(":")
                raise InputError(f"duplicate doc_id {doc_id!r}", path=where,
                                 line=int(line) if line.isdigit() else None)
            seen.add(doc_id)
        yield corpus.drop(columns="_source")


def analyze_chunk(corpus: pd.DataFrame) -> pd.DataFrame:
    """The article table of :func:`toolkit.analyze` for one chunk, with the article metadata."""
    from toolkit.pipeline import analyze

    articles = analyze(corpus).articles
    meta = corpus[["doc_id", "published", "url"]].astype(object)
    return articles.merge(meta, on="doc_id", how="left")


def _write_part(corpus: pd.DataFrame, target: str) -> tuple[str, int]:
    from toolkit.io import atomic_path

    table = analyze_chunk(corpus)
    with atomic_path(target) as tmp:
        table.to_parquet(tmp, index=False)
    return target, len(table)


def analyze_files(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    engine: Literal["pandas", "dask"] = "pandas",
    workers: int = 1,
    client: Any = None,
    chunk_size: int = 1000,
    columns: Mapping[str, str] | None = None,
    limit: int | None = None,
    progress: bool = True,
    force: bool = False,
) -> Path:
    """Analyse a large file chunk by chunk; write partitioned Parquet to ``output``.

    Parameters
    ----------
    source : path
        See :func:`iter_corpus`.
    output : path
        A folder; one ``part-NNNNN.parquet`` per chunk (one row per article).
    engine : {"pandas", "dask"}, default="pandas"
    workers : int, default=1
        Processes of the local Dask cluster (ignored with ``client``).
    client : dask.distributed.Client, optional
        Your own cluster.
    chunk_size, columns, limit
        See :func:`iter_corpus`.
    progress : bool, default=True
        A tqdm progress bar (notebook-aware).
    force : bool, default=False
        Replace an existing, non-empty output folder.

    Returns
    -------
    pathlib.Path
        The output folder; read it with :func:`read_results`.
    """
    import shutil
    import tempfile

    from tqdm.auto import tqdm

    final = Path(output)
    if final.exists() and (final.is_file() or any(final.iterdir())) and not force:
        raise InputError("output already exists; pass --force (force=True) to replace it", path=final)
    final.parent.mkdir(parents=True, exist_ok=True)
    # parts go to a hidden folder beside the output, renamed into place only when every part is written:
    # a run that is killed leaves no folder that looks like a finished result
    out = Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=final.parent))
    try:
        chunks = iter_corpus(source, chunk_size=chunk_size, columns=columns, limit=limit)
        bar = tqdm(total=limit, unit="articles", disable=not progress, desc="analysing")
        if engine == "pandas":
            for k, chunk in enumerate(chunks):
                _, n = _write_part(chunk, str(out / f"part-{k:05d}.parquet"))
                bar.update(n)
        elif engine == "dask":
            from dask.distributed import Client, LocalCluster, as_completed

            own = client is None
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None) if own else None
            client = Client(cluster) if own else client
            try:
                pending = as_completed()
                in_flight_limit = 2 * max(1, len(client.scheduler_info()["workers"]))
                for k, chunk in enumerate(chunks):
                    pending.add(client.submit(_write_part, chunk, str(out / f"part-{k:05d}.parquet"), pure=False))
                    while pending.count() >= in_flight_limit:
                        bar.update(next(pending).result()[1])
                for future in pending:
                    bar.update(future.result()[1])
            finally:
                if own:
                    client.close()
                    cluster.close()  # type: ignore[union-attr]
        else:
            raise InputError(f"unknown engine {engine!r}; use 'pandas' or 'dask'")
    except BaseException:
        shutil.rmtree(out, ignore_errors=True)
        raise
    bar.close()
    if final.exists():
        shutil.rmtree(final) if final.is_dir() else final.unlink()
    os.replace(out, final)
    return final


def read_results(output: str | os.PathLike[str]) -> pd.DataFrame:
    """The article table written by :func:`analyze_files`, in input order."""
    import pandas as pd

    parts = sorted(Path(output).glob("part-*.parquet"))
    if not parts:
        raise InputError("no part-*.parquet files", path=output)
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)
