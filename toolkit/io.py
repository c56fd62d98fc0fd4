"""Writing results: atomically, by extension, never silently overwriting.

Every output goes to a temporary file in the destination folder and is
renamed into place only when complete, so a crash or a kill never leaves a
half-written file that looks complete.
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

__all__ = ["atomic_path", "atomic_open", "write_table", "write_json", "TABLE_FORMATS"]

TABLE_FORMATS = (".csv", ".parquet", ".jsonl")


def _check_target(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError("already exists; pass --force (force=True) to overwrite it", path=path)
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


def write_table(frame: pd.DataFrame, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write a table in the format its extension names (.csv, .parquet, .jsonl).

    Raises
    ------
    toolkit.errors.InputError
        Unknown extension, or the file exists and ``force`` is False.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise InputError(f"unknown output format {suffix or '(none)'!r}; use one of {', '.join(TABLE_FORMATS)}",
                         path=target)
    with atomic_path(target, force=force) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, lineterminator="\n")
        elif suffix == ".parquet":
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
    return target


def write_json(data: Any, path: str | os.PathLike[str], *, force: bool = True) -> Path:
    """Write JSON (UTF-8, sorted keys, indented) atomically."""
    with atomic_open(path, force=force) as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True, default=str)
        handle.write("\n")
    return Path(path)
