"""Data that ships with the toolkit: lexicons, gazetteers, models, and their cards.

Every data file under ``toolkit/data/`` is loaded with :mod:`importlib.resources`
and has a card beside it (``<name>.card.md``) stating its source, upstream
version, licence, retrieval date, local changes and SHA-256 checksum. YAML is
always read with the safe loader: tags such as ``!!python/object`` are refused.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from toolkit.errors import DataNotFoundError, InputError

__all__ = ["data_path", "read_data_text", "safe_yaml", "load_yaml_file", "data_dir", "checksum", "card_path",
           "dataset_lines", "dataset_records"]


def data_path(name: str) -> Path:
    """Path of a shipped data file, e.g. ``data_path("gazetteer.yaml")``."""
    ref = resources.files("toolkit") / "data" / name
    path = Path(str(ref))
    if not path.is_file():
        raise DataNotFoundError(f"toolkit data file {name!r} is missing from the installation")
    return path


def card_path(name: str) -> Path:
    """Path of the card that documents a shipped data file."""
    return data_path(name).with_name(Path(name).name.split(".")[0] + ".card.md")


def read_data_text(name: str) -> str:
    """Text of a shipped data file (UTF-8)."""
    return data_path(name).read_text(encoding="utf-8")


def checksum(path: str | os.PathLike[str]) -> str:
    """SHA-256 of a file's bytes, as hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def safe_yaml(text: str, *, source: str | os.PathLike[str] = "<yaml>") -> Any:
    """Parse YAML with the safe loader; errors name the source and line.

    Examples
    --------
    >>> safe_yaml("a: [1, 2]")
    {'a': [1, 2]}
    >>> safe_yaml("!!python/object:os.system {}", source="x.yaml")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: x.yaml:1: not safe YAML: ...
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)  # libyaml's safe loader: the same documents, about 8x faster
    if fast is not None:
        loader = fast(text)
        try:
            return loader.get_single_data()
        except yaml.YAMLError:
            pass  # read again below, for PyYAML's own message and line
        finally:
            loader.dispose()
    try:
        return yaml.safe_load(text)
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise InputError(f"not safe YAML: {exc.problem}", path=source, line=line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"malformed YAML: {problem}", path=source, line=line) from None


def load_yaml_file(path: str | os.PathLike[str]) -> Any:
    """Read a user's YAML file safely (see :func:`safe_yaml`)."""
    from toolkit.corpus import read_text_file

    return safe_yaml(read_text_file(Path(path)), source=path)


def data_dir(path: str | os.PathLike[str] | None = None, *, dataset: str | None = None) -> Path:
    """Where validation and benchmark data sets live.

    Order: the ``path`` argument (``--data DIR``), the ``TOOLKIT_DATA``
    environment variable, then ``../shared/data`` relative to the current
    folder and to the project folder. With ``dataset``, that sub-folder must
    exist.
    """
    candidates: list[Path]
    if path is not None:
        candidates = [Path(path)]
    elif os.environ.get("TOOLKIT_DATA"):
        candidates = [Path(os.environ["TOOLKIT_DATA"])]
    else:
        project = Path(__file__).resolve().parent.parent
        candidates = [Path("../shared/data"), project.parent / "shared" / "data"]
    for candidate in candidates:
        target = candidate / dataset if dataset else candidate
        if target.is_dir():
            return candidate
    tried = ", ".join(str(c / dataset) if dataset else str(c) for c in candidates)
    raise DataNotFoundError(
        f"data set {dataset or ''} not found (looked in {tried}); pass --data DIR or set TOOLKIT_DATA"
    )


def dataset_lines(path: str | os.PathLike[str]) -> Iterator[tuple[int, str]]:
    """The lines of a data set's text file (UTF-8; ``.gz`` decompressed), numbered from 1.

    A file that cannot be read, is not UTF-8, or is a damaged or truncated
    gzip stream raises :class:`toolkit.errors.InputError` naming the file
    (and the line, where there is one), like every other input.
    """

    source = Path(path)
    number = 0
    try:
        if source.suffix == ".gz":
            handle = gzip.open(source, "rt", encoding="utf-8")
        else:
            handle = open(source, encoding="utf-8")  # noqa: SIM115 - closed below
        with handle:
            for number, line in enumerate(handle, 1):
                yield number, line
    except UnicodeDecodeError as exc:
        raise InputError(f"text is not UTF-8 ({exc.reason})", path=source, line=number + 1) from None
    except (EOFError, zlib.error, OSError) as exc:
        raise read_failure(exc, source, number) from None


def read_failure(exc: EOFError | zlib.error | OSError, path: str | os.PathLike[str], number: int) -> InputError:
    """The one-line error for a file (plain or gzip) that failed after ``number`` lines were read."""
    if isinstance(exc, EOFError | zlib.error | gzip.BadGzipFile):
        what = "truncated gzip file" if isinstance(exc, EOFError) else "damaged gzip file"
        where = f", unreadable after line {number}" if number else ""
        return InputError(f"{what}{where} ({exc})", path=path)
    return InputError(f"cannot read: {exc.strerror or exc}", path=path)


def dataset_records(path: str | os.PathLike[str], limit: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON objects of a data set's JSONL file (see :func:`dataset_lines`), with their line numbers.

    Blank lines are skipped; a line that is not a JSON object raises
    :class:`toolkit.errors.InputError` naming the file and line.
    """
    import json

    taken = 0
    for number, line in dataset_lines(path):
        if limit is not None and taken >= limit:
            return
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", path=path, line=number) from None
        if not isinstance(record, dict):
            raise InputError("not a JSON object", path=path, line=number)
        taken += 1
        yield number, record
