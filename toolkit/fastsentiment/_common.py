"""Shared pieces: reading the reference packages' files, bounded token caches, column names."""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

#: Columns of :func:`textblob_scores`, in order.
TEXTBLOB_COLUMNS = ("textblob_polarity", "textblob_subjectivity")
#: Columns of :func:`vader_scores`, in order.
VADER_COLUMNS = ("vader_compound", "vader_pos", "vader_neu", "vader_neg")

# Entries per token cache before it is emptied. Measured on article-bias-prediction (one process,
# sentiment alone): at 400,000 the peak grew by 72 MiB from 10,000 to 37,554 articles, at 150,000 and
# at 100,000 by 18 MiB; the speed cost (caches refill) was 1,725 -> 1,430 articles/CPU-s at 100,000.
_CACHE_LIMIT = 150_000


def _package_dir(name: str) -> Path:
    """Directory of an installed package, found without importing it (textblob imports nltk)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the {name} package is needed for its lexicon; it is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


_LITERAL_NODES = (ast.Constant, ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Call, ast.Load,
                  ast.UnaryOp, ast.UAdd, ast.USub)


def _module_constants(path: Path, names: Iterable[str]) -> dict[str, Any]:
    """Values of top-level constant assignments in a Python source file, without running it.

    Only expressions made of literals and ``set(...)`` are evaluated.
    """
    wanted = set(names)
    found: dict[str, Any] = {}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not isinstance(node, ast.Assign):
            continue
        targets = {t.id for t in node.targets if isinstance(t, ast.Name)} & wanted
        if targets:
            for part in ast.walk(node.value):
                if not (isinstance(part, _LITERAL_NODES)
                        or (isinstance(part, ast.Name) and part.id == "set")):
                    raise ImportError(f"{path}: {sorted(targets)} is no longer a plain constant")
            code = compile(ast.Expression(node.value), str(path), "eval")
            value = eval(code, {"__builtins__": {}, "set": set})  # noqa: S307 - literals and set() only
            for name in targets:
                found[name] = value
    missing = wanted - set(found)
    if missing:
        raise ImportError(f"{path} no longer defines {sorted(missing)}; textblob changed")
    return found


def _call_keywords(path: Path, func: str) -> dict[str, Any]:
    """Literal keyword arguments of the module-level call ``func(...)`` in a source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id == func):
            out: dict[str, Any] = {}
            for kw in node.value.keywords:
                if kw.arg is None:
                    continue
                try:
                    out[kw.arg] = ast.literal_eval(kw.value)
                except ValueError:
                    continue
            return out
    raise ImportError(f"{path} has no module-level {func}(...) call; textblob changed")


# ---------------------------------------------------------------------------------------------
# TextBlob / Pattern
# ---------------------------------------------------------------------------------------------


class _TokenCache(dict[str, Any]):
    """A dict that fills itself with ``make(key)``; emptied when it grows past a bound."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> Any:
        if len(self) >= _CACHE_LIMIT:
            self.clear()
        value = self[key] = self._make(key)
        return value
