"""The on-disk cache: an analysis and the tables derived from it, reused until anything changes.

``analyze(corpus, cache=True)`` keeps its result in a folder named by a hash
of the analysis's provenance: the checksum of the corpus texts and metadata,
the toolkit's version, the checksum of its own source code, the checksum of
every shipped data file (lexicons, models, the gazetteer) and the families
run. Any change to one of them gives another folder, so a stale result is
never served: edit a lexicon and the next run recomputes.

Tables derived from an analysis (a sentence alignment, the mentions of
targets, ...) are cached beside it with :meth:`toolkit.Analysis.cached`,
keyed by the function's qualified name and its keyword arguments. A result
computed from the analysis's own tables (``compare_outlets(analysis,
cache=True)``) is cached beside it too, keyed by its arguments and a checksum
of the values it reads (:func:`table_checksum`), so an analysis whose tables
were changed after loading never gets another one's result.

Folders are written to a temporary name and renamed into place, so an
interrupted run leaves no half-written cache behind. Tables are stored as
Parquet (no pickle: a cache folder holds data, never code). The cache lives
in ``$TOOLKIT_CACHE``, else ``~/.cache/media-bias-toolkit``; deleting it is
always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.pipeline import Analysis

__all__ = ["cache_root", "analysis_folder", "save_analysis", "load_analysis", "derived_table", "analysis_result",
           "code_checksum", "table_checksum"]


def cache_root(cache: bool | str | os.PathLike[str]) -> Path:
    """The cache's folder: ``cache`` itself when it is a path, else ``$TOOLKIT_CACHE`` or the user cache."""
    if isinstance(cache, bool):
        return Path(os.environ.get("TOOLKIT_CACHE") or Path.home() / ".cache" / "media-bias-toolkit")
    return Path(cache)


_CODE_CHECKSUM: str | None = None


def code_checksum() -> str:
    """SHA-256 (16 hex digits) of the toolkit's Python sources, so a changed method misses the cache.

    Computed once per process (about 5 ms): the version number alone would
    not notice an edit made between releases.
    """
    global _CODE_CHECKSUM
    if _CODE_CHECKSUM is None:
        digest = hashlib.sha256()
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
        _CODE_CHECKSUM = digest.hexdigest()[:16]
    return _CODE_CHECKSUM


def _key(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def analysis_folder(cache: bool | str | os.PathLike[str], provenance: dict[str, Any]) -> Path:
    """The folder that holds (or will hold) the analysis with this provenance."""
    return cache_root(cache) / _key(provenance)


def _write_table(table: pd.DataFrame, path: Path) -> None:
    table.to_parquet(path, index=False)
    path.with_suffix(".dtypes.json").write_text(json.dumps({str(c): str(t) for c, t in table.dtypes.items()}))


def _read_table(path: Path) -> pd.DataFrame:
    import pandas as pd

    table = pd.read_parquet(path)
    dtypes = json.loads(path.with_suffix(".dtypes.json").read_text())
    for column, dtype in dtypes.items():
        if dtype == "object" and str(table[column].dtype) != "object":
            table[column] = table[column].astype(object).where(table[column].notna(), None)
    return table


def _publish(tmp: Path, target: Path) -> None:
    """Rename the finished temporary folder ``tmp`` to ``target`` (all or nothing)."""
    if target.exists():
        shutil.rmtree(target)
    try:
        os.replace(tmp, target)
    except OSError:  # another process published the same result first
        if not (target / "complete").is_file():
            raise


def save_analysis(folder: Path, analysis: Analysis) -> None:
    """Write an analysis's tables to ``folder`` (through a temporary folder renamed into place)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder.parent))
    try:
        (tmp / "tables").mkdir()
        named = {"sentences": analysis.sentences, "articles": analysis.articles,
                 **{f"tables/{k}": v for k, v in analysis.tables.items()}}
        for name, table in named.items():
            _write_table(table, tmp / f"{name}.parquet")
        (tmp / "complete").write_text("ok\n")
        _publish(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_analysis(folder: Path, corpus: pd.DataFrame, families: Sequence[str],
                  provenance: dict[str, Any]) -> Analysis:
    """The analysis saved in ``folder``; the documents are parsed again (fast, and never stored)."""
    import importlib

    from toolkit.pipeline import Analysis
    from toolkit.text import parse_corpus

    metrics = tuple(m for name in families for m in importlib.import_module(name).METRICS)
    tables = {p.stem: _read_table(p) for p in sorted((folder / "tables").glob("*.parquet"))}
    return Analysis(corpus, parse_corpus(corpus), _read_table(folder / "sentences.parquet"),
                    _read_table(folder / "articles.parquet"), metrics, provenance, tables, cache_folder=folder)


def table_checksum(*tables: pd.DataFrame) -> str:
    """SHA-256 (16 hex digits) of the column names, lengths and values of ``tables`` (not their index).

    For the key of a result computed from tables held in memory, which the
    caller may have changed since they were loaded.
    """
    import pandas as pd

    digest = hashlib.sha256()
    for table in tables:
        digest.update(json.dumps([[str(c) for c in table.columns], len(table)]).encode())
        digest.update(pd.util.hash_pandas_object(table, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:16]


def _stored_table(analysis: Analysis, key: dict[str, Any], name: str,
                  compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``compute()``, kept in ``derived/<hash of key>`` of the analysis's cache folder (which must be set)."""
    import pandas as pd

    assert analysis.cache_folder is not None
    try:
        folder = analysis.cache_folder / "derived" / _key(key)
    except TypeError as exc:
        raise InputError(f"Analysis.cached: keyword arguments must be JSON values to form the cache key ({exc})",
                         path=str(analysis.cache_folder)) from None
    if (folder / "complete").is_file():
        return _read_table(folder / "table.parquet")
    table = compute()
    if not isinstance(table, pd.DataFrame):
        raise InputError(f"Analysis.cached: {name} returned {type(table).__name__}, not a DataFrame",
                         path=str(analysis.cache_folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".partial-", dir=folder.parent))
    try:
        _write_table(table, tmp / "table.parquet")
        (tmp / "complete").write_text("ok\n")
        _publish(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return table


def derived_table(analysis: Analysis, func: Callable[..., pd.DataFrame], kwargs: dict[str, Any]) -> pd.DataFrame:
    """``func(analysis.docs, **kwargs)``, read from the analysis's cache folder when it was computed before.

    Without a cache folder (``analyze`` ran without ``cache=``) the table is
    simply computed. Keyword values must be JSON values (numbers, strings,
    lists, dicts, None): they are part of the key.
    """
    if analysis.cache_folder is None:
        return func(analysis.docs, **kwargs)
    key = {"function": f"{func.__module__}.{func.__qualname__}", "kwargs": kwargs}
    return _stored_table(analysis, key, func.__qualname__, lambda: func(analysis.docs, **kwargs))


def analysis_result(analysis: Analysis, key: dict[str, Any], compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``compute()``, a table computed from the analysis, read back from its cache folder when computed before.

    ``key`` (JSON values) must name the function and everything the result
    depends on beyond the toolkit's code: its arguments and a
    :func:`table_checksum` of the values it reads from the analysis. The
    toolkit's source checksum and NumPy's version (random streams) are added
    here. Without a cache folder the table is simply computed.
    """
    import numpy as np

    if analysis.cache_folder is None:
        return compute()
    full = {**key, "code_checksum": code_checksum(), "numpy": np.__version__}
    return _stored_table(analysis, full, str(key.get("function", "the function")), compute)
