"""Data that ships with the toolkit: lexicons, gazetteers, models, and their cards.

Every data file under ``toolkit/data/`` is loaded with :mod:`importlib.resources`
and has a card beside it (``<name>.card.md``) stating its source, upstream
version, licence, retrieval date, local changes and SHA-256 checksum. YAML is
always read with the safe loader: tags such as ``!!python/object`` are refused.
"""

from __future__ import annotations

import hashlib
import os
from importlib import resources
from pathlib import Path
from typing import Any

from toolkit.errors import DataNotFoundError, InputError

__all__ = ["data_path", "read_data_text", "safe_yaml", "load_yaml_file", "data_dir", "checksum", "card_path"]


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
