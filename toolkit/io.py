"""Writing results: atomically, by extension, never silently overwriting.

Every output goes to a temporary file in the destination folder
(``.<name>.<random>.part``) and is renamed into place only when complete, so a
crash or a kill never leaves a half-written file that looks complete.

Tables carry their provenance (toolkit version, resource versions, corpus
checksum, seed): Parquet in the file's key-value metadata (key
``toolkit.provenance``), CSV and JSONL in a sidecar ``<file>.provenance.json``.
The canonical CSV is written byte for byte as pandas writes it; a CSV meant
for spreadsheet programs (``spreadsheet=True``) neutralises formula cells.
XLSX is not offered (openpyxl is not a dependency).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from toolkit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["atomic_path", "atomic_open", "write_table", "write_json", "read_provenance", "neutralize_cell",
           "TABLE_FORMATS", "PROVENANCE_KEY"]

TABLE_FORMATS = (".csv", ".parquet", ".jsonl")
#: Key of the provenance JSON in a Parquet file's key-value metadata.
PROVENANCE_KEY = "toolkit.provenance"
#: A spreadsheet program reads a cell starting with one of these as a formula (or DDE command).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _check_target(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError("already exists; pass force=True to overwrite it", path=path)
    if path.exists() and path.is_dir():
        raise InputError("is a folder, expected a file name", path=path)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, force: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it into place on success."""
    target = Path(path)
    _check_target(target, force)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give outputs the usual mode
    try:
        yield Path(tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", *, force: bool = True) -> Iterator[IO[Any]]:
    """Open a temporary file for writing; it replaces ``path`` when closed without error."""
    with atomic_path(path, force=force) as tmp:
        encoding = None if "b" in mode else "utf-8"
        with open(tmp, mode, encoding=encoding, newline="" if encoding else None) as handle:
            yield handle


def neutralize_cell(value: object) -> object:
    """Prefix ``'`` to a text cell a spreadsheet would read as a formula; other values unchanged.

    Examples
    --------
    >>> neutralize_cell("=HYPERLINK(\\"http://x\\")"), neutralize_cell("-1"), neutralize_cell(-1.5)
    ('\\'=HYPERLINK("http://x")', "'-1", -1.5)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _for_spreadsheet(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and header neutralised (numbers stay numbers)."""
    import pandas as pd
    from pandas.api.types import is_bool_dtype, is_numeric_dtype

    out = frame.copy()
    for column in out.columns:
        if not (is_numeric_dtype(out[column]) or is_bool_dtype(out[column])):
            out[column] = pd.Series([neutralize_cell(v) for v in out[column]], index=out.index, dtype=object)
    out.columns = [neutralize_cell(str(c)) for c in out.columns]
    return out


def _sidecar(target: Path) -> Path:
    return target.with_name(target.name + ".provenance.json")


def write_table(
    frame: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    spreadsheet: bool = False,
    provenance: dict[str, Any] | None = None,
) -> Path:
    """Write a table in the format its extension names (.csv, .parquet, .jsonl).

    Parameters
    ----------
    frame : pandas.DataFrame
    path : path
        The extension picks the format.
    force : bool, default=False
        Overwrite an existing file.
    spreadsheet : bool, default=False
        Only for ``.csv``: write for spreadsheet programs. Every text cell and
        header starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
        return gets a leading ``'`` so that it is shown, not run as a formula
        (numeric columns are written as numbers); the file is UTF-8 with a
        byte-order mark, which spreadsheet programs need to detect UTF-8.
        Without it the CSV is the canonical one, written unchanged.
    provenance : dict, optional
        Stored in the Parquet key-value metadata (key ``toolkit.provenance``),
        or for CSV / JSONL in a sidecar ``<file>.provenance.json`` (renamed into
        place before the table, so a table never lacks its sidecar).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    toolkit.errors.InputError
        Unknown extension, ``spreadsheet`` with a format other than CSV, or the
        file exists and ``force`` is False.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise InputError(f"unknown output format {suffix or '(none)'!r}; use one of {', '.join(TABLE_FORMATS)}",
                         path=target)
    if spreadsheet and suffix != ".csv":
        raise InputError("spreadsheet output is written as .csv only", path=target)
    _check_target(target, force)
    with contextlib.ExitStack() as stack:
        tmp = stack.enter_context(atomic_path(target, force=force))
        if provenance is not None and suffix != ".parquet":
            side = stack.enter_context(atomic_path(_sidecar(target), force=True))
            side.write_text(json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
                            encoding="utf-8")
        if suffix == ".csv":
            if spreadsheet:
                _for_spreadsheet(frame).to_csv(tmp, index=False, lineterminator="\r\n", encoding="utf-8-sig")
            else:
                frame.to_csv(tmp, index=False, lineterminator="\n")
        elif suffix == ".parquet":
            _write_parquet(frame, tmp, provenance)
        else:
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
    return target


def _write_parquet(frame: pd.DataFrame, path: Path, provenance: dict[str, Any] | None) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if provenance is not None:
        meta = dict(table.schema.metadata or {})
        meta[PROVENANCE_KEY.encode()] = json.dumps(provenance, ensure_ascii=False, sort_keys=True,
                                                   default=str).encode("utf-8")
        table = table.replace_schema_metadata(meta)
    pq.write_table(table, path)


def read_provenance(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The provenance stored with a table by :func:`write_table` (None when there is none)."""
    target = Path(path)
    if target.suffix.lower() == ".parquet":
        import pyarrow.parquet as pq

        meta = pq.read_schema(target).metadata or {}
        raw = meta.get(PROVENANCE_KEY.encode())
        return None if raw is None else dict(json.loads(raw))
    side = _sidecar(target)
    return dict(json.loads(side.read_text(encoding="utf-8"))) if side.is_file() else None


def write_json(data: Any, path: str | os.PathLike[str], *, force: bool = True) -> Path:
    """Write JSON (UTF-8, sorted keys, indented) atomically."""
    with atomic_open(path, force=force) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        handle.write("\n")
    return Path(path)
