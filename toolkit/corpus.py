"""The corpus model: one schema for articles, whatever file they come from.

A corpus is a :class:`pandas.DataFrame` with one row per article and the
columns of :data:`SCHEMA`:

``doc_id``
    Unique identifier (string).
``outlet``
    The news outlet ("RT", "NBC Chicago").
``title``
    Headline, or ``None`` when unknown.
``published``
    Publication date as ISO 8601 text, or ``None`` when unknown (never
    invented).
``url``
    Where the article was found, or ``None``.
``language``
    ISO 639-1 code from the metadata, else guessed (``"en"`` or ``"und"``).
``text``
    The cleaned text (see :mod:`toolkit.cleaning`); every offset the toolkit
    reports points into it.
``raw_text``
    The text as read from the file.
``summary_spans``
    Offsets into ``text`` of a key-points block that repeats the body (kept,
    not counted by metrics).

Any other metadata column is kept after these.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SCHEMA",
    "load_corpus",
    "validate_corpus",
    "cleaning_log",
    "corpus_checksum",
    "bundled_corpora",
    "read_text_file",
]

SCHEMA = ("doc_id", "outlet", "title", "published", "url", "language", "text", "raw_text",
          "summary_spans")
_METADATA = ("doc_id", "outlet", "title", "published", "url", "language")
_DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm"}
_TABLE_SUFFIXES = {".csv", ".jsonl", ".parquet"}
_NOT_ARTICLES = {"datacard.md", "readme.md", "readme.txt", "license.txt", "license.md"}


def _corpora_roots() -> list[Path]:
    roots = []
    env = os.environ.get("TOOLKIT_CORPORA")
    if env:
        roots.append(Path(env))
    roots.append(Path(__file__).resolve().parent.parent / "corpora")
    return roots


def bundled_corpora() -> list[str]:
    """Names of the corpora that ship with the toolkit.

    Examples
    --------
    >>> "blinken-china-2024" in bundled_corpora()
    True
    """
    names: set[str] = set()
    for root in _corpora_roots():
        if root.is_dir():
            names.update(p.name for p in root.iterdir() if (p / "DATACARD.md").is_file())
    return sorted(names)


def read_text_file(path: Path, *, encoding: str = "utf-8") -> str:
    """Read a text file strictly, naming the file and line on a decoding error.

    UTF-8 (with or without a byte-order mark) and UTF-16 / UTF-32 with a
    byte-order mark are recognised; anything else must be asked for with
    ``encoding``. Bytes that do not decode are an error, never guessed at.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror})", path=path) from None
    if path.name.lower().endswith(".gz"):
        import gzip
        import zlib

        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error):
            raise InputError("not a readable gzip file", path=path) from None
    if not data.strip():
        raise InputError("the file is empty", path=path)
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            encoding = name
            break
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} cannot be decoded); "
            "re-save the file as UTF-8 or pass encoding=",
            path=path, line=line,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError("contains NUL characters (is it a binary file?)", path=path, line=line)
    return text


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from the body."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end < 0:
        raise InputError("front matter starts with '---' but never ends", path=path, line=1)
    from toolkit.resources import safe_yaml

    meta = safe_yaml(text[3:end], source=path)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("front matter is not a mapping of names to values", path=path, line=2)
    body_start = text.find("\n", end + 4)
    return meta, "" if body_start < 0 else text[body_start + 1:]


def _read_html(text: str, path: Path) -> dict[str, Any]:
    import trafilatura

    doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body:
        raise InputError("no article text found in the HTML", path=path)
    return {
        "text": body,
        "title": getattr(doc, "title", None),
        "published": getattr(doc, "date", None),
        "url": getattr(doc, "url", None),
        "outlet": getattr(doc, "sitename", None),
        "language": getattr(doc, "language", None),
    }


def _read_document(path: Path, encoding: str, root: Path | None) -> dict[str, Any]:
    """One article file; the outlet defaults to its sub-folder under ``root``."""
    text = read_text_file(path, encoding=encoding)
    if path.suffix.lower() in {".html", ".htm"}:
        record = _read_html(text, path)
    else:
        meta, body = _front_matter(text, path)
        record = {**{str(k): v for k, v in meta.items()}, "text": body}
    record.setdefault("doc_id", path.stem)
    if not record.get("outlet"):
        record["outlet"] = path.parent.name if root is not None and path.parent != root else "unknown"
    record["_source"] = str(path)
    return record


def _read_folder(folder: Path, encoding: str) -> list[dict[str, Any]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _DOCUMENT_SUFFIXES
                   and p.name.casefold() not in _NOT_ARTICLES and not p.name.startswith("."))
    if not files:
        raise InputError("no .txt, .md or .html files in this folder", path=folder)
    return [_read_document(path, encoding, folder) for path in files]


def _read_jsonl(path: Path, encoding: str) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(read_text_file(path, encoding=encoding).splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not valid JSON ({exc.msg})", path=path, line=number) from None
        if not isinstance(record, dict):
            raise InputError("each line must be a JSON object", path=path, line=number)
        record["_source"] = f"{path}:{number}"
        records.append(record)
    return records


def _read_table(path: Path, encoding: str) -> pd.DataFrame:
    import pandas as pd

    suffix = _suffix(path)
    if suffix == ".parquet":
        if not path.exists():
            raise InputError("no such file", path=path)
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises many kinds
            raise InputError(f"not a readable Parquet file ({type(exc).__name__})", path=path) from None
        frame["_source"] = [f"{path}:row {i + 1}" for i in range(len(frame))]
        return frame
    if suffix == ".jsonl":
        return pd.DataFrame.from_records(_read_jsonl(path, encoding))
    text = read_text_file(path, encoding=encoding)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise InputError(f"malformed CSV ({str(exc).strip()})", path=path) from None
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", path=path) from None
    # header is line 1; rows are numbered from line 2 (quoted newlines aside)
    frame["_source"] = [f"{path}:{i + 2}" for i in range(len(frame))]
    return frame


def _suffix(path: Path) -> str:
    """The extension that decides the format; ``.jsonl.gz`` counts as ``.jsonl``."""
    name = path.name.lower()
    return ".jsonl" if name.endswith(".jsonl.gz") else path.suffix.lower()


def _resolve(source: str | os.PathLike[str]) -> Path:
    path = Path(source)
    if path.exists():
        return path
    for root in _corpora_roots():
        candidate = root / str(source)
        if (candidate / "DATACARD.md").is_file():
            return candidate
    names = ", ".join(bundled_corpora()) or "none"
    raise InputError(f"no such file or folder, and not a bundled corpus (bundled: {names})", path=source)


def load_corpus(
    source: str | os.PathLike[str],
    *,
    columns: Mapping[str, str] | None = None,
    encoding: str = "utf-8",
    clean: bool = True,
) -> pd.DataFrame:
    """Load articles from a bundled corpus, a folder, or a table file.

    Parameters
    ----------
    source : str or path
        A bundled corpus name (``"blinken-china-2024"``); a folder of ``.txt``
        / ``.md`` files (optional YAML front matter for metadata) and ``.html``
        files (main text extracted with trafilatura), where a sub-folder name
        is the outlet unless the metadata says otherwise; or a ``.csv``,
        ``.jsonl`` (or ``.jsonl.gz``) or ``.parquet`` file.
    columns : mapping, optional
        Schema name -> column name in the file, e.g. ``{"text": "body",
        "outlet": "source"}``. Unmapped schema columns are taken from columns
        of the same name when present.
    encoding : str, default="utf-8"
        Encoding of text files without a byte-order mark. Undecodable bytes
        are an error naming the file and line.
    clean : bool, default=True
        Remove page furniture with :func:`toolkit.cleaning.clean_text`. With
        ``False`` the text is only normalised.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`SCHEMA`, then any extra metadata. Rows are in
        file order (folders: sorted by path).

    Raises
    ------
    toolkit.errors.InputError
        One line naming the file (and line): missing path, empty file, unknown
        extension, no text column, duplicate ``doc_id``, bad encoding, ...

    Examples
    --------
    >>> corpus = load_corpus("blinken-china-2024")
    >>> corpus[["doc_id", "outlet"]].to_records(index=False).tolist()
    [('nbc-chicago', 'NBC Chicago'), ('rt', 'RT')]
    """
    import pandas as pd

    path = _resolve(source)
    if path.is_dir():
        frame = pd.DataFrame.from_records(_read_folder(path, encoding))
    elif _suffix(path) in _TABLE_SUFFIXES:
        frame = _read_table(path, encoding)
    elif path.suffix.lower() in _DOCUMENT_SUFFIXES:
        frame = pd.DataFrame.from_records([_read_document(path, encoding, None)])
    else:
        known = ", ".join(sorted(_TABLE_SUFFIXES | _DOCUMENT_SUFFIXES))
        raise InputError(f"unknown file type {path.suffix or '(none)'!r}; expected a folder or one of {known}",
                         path=path)
    frame = _apply_mapping(frame, columns or {}, path)
    corpus = validate_corpus(_finish(frame, clean=clean), source=path)
    return corpus.drop(columns="_source")


def _apply_mapping(frame: pd.DataFrame, columns: Mapping[str, str], path: Path) -> pd.DataFrame:
    unknown = sorted(set(columns) - set(SCHEMA))
    if unknown:
        raise InputError(f"columns= maps unknown schema names {unknown}; schema: {', '.join(_METADATA)}, text",
                         path=path)
    missing = sorted(v for v in columns.values() if v not in frame.columns)
    if missing:
        have = ", ".join(c for c in frame.columns if c != "_source")
        raise InputError(f"column(s) {missing} not found (columns: {have})", path=path)
    frame = frame.rename(columns={v: k for k, v in columns.items()})
    if "text" not in frame.columns:
        have = ", ".join(c for c in frame.columns if c != "_source")
        raise InputError(f"no 'text' column (columns: {have}); map one with columns={{'text': ...}}",
                         path=path)
    return frame


def _none_if_blank(value: Any) -> Any:
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def _finish(frame: pd.DataFrame, *, clean: bool) -> pd.DataFrame:
    """Fill in the schema: ids, metadata defaults, cleaned text."""
    import pandas as pd

    from toolkit.cleaning import clean_text, normalize_text
    from toolkit.text import guess_language

    frame = frame.copy()
    if "doc_id" not in frame.columns:
        frame["doc_id"] = [str(i) for i in range(len(frame))]
    for name in _METADATA:
        if name not in frame.columns:
            frame[name] = None
    frame["doc_id"] = [str(v).strip() if _none_if_blank(v) is not None else "" for v in frame["doc_id"]]
    frame["outlet"] = [_none_if_blank(v) or "unknown" for v in frame["outlet"]]
    for name in ("title", "published", "url", "language"):
        frame[name] = [_none_if_blank(v) for v in frame[name]]
    raw = ["" if _none_if_blank(v) is None else str(v) for v in frame["text"]]
    texts, titles, summaries = [], [], []
    for body, title_value, outlet in zip(raw, frame["title"], frame["outlet"], strict=True):
        title = _none_if_blank(title_value)
        if clean:
            result = clean_text(body, title=title, outlet=outlet)
            texts.append(result.text)
            titles.append(result.title)
            summaries.append([list(span) for span in result.summary_spans])
        else:
            texts.append(normalize_text(body).strip())
            titles.append(title)
            summaries.append([])
    frame["raw_text"] = raw
    frame["text"] = texts
    frame["title"] = titles
    frame["summary_spans"] = pd.Series(summaries, index=frame.index, dtype=object)
    frame["language"] = [_none_if_blank(lang) or guess_language(text)
                         for lang, text in zip(frame["language"], texts, strict=True)]
    extras = [c for c in frame.columns if c not in SCHEMA]
    return frame[list(SCHEMA) + extras].reset_index(drop=True)


def validate_corpus(corpus: pd.DataFrame, *, source: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Check a corpus against the schema; return it unchanged or raise.

    Checks: every schema column is present; ``doc_id`` is non-empty and
    unique; ``text`` is non-empty. Errors name the source file and line (from
    the ``_source`` column when the loader set it).

    Raises
    ------
    toolkit.errors.InputError
    """
    where = "the corpus" if source is None else str(source)
    missing = [c for c in SCHEMA if c not in corpus.columns]
    if missing:
        raise InputError(f"missing schema column(s): {', '.join(missing)}", path=where)
    if len(corpus) == 0:
        raise InputError("no articles", path=where)
    origin = corpus["_source"] if "_source" in corpus.columns else [where] * len(corpus)
    seen: dict[str, str] = {}
    for doc_id, text, src in zip(corpus["doc_id"], corpus["text"], origin, strict=True):
        place, _, line = str(src).rpartition(":") if ":" in str(src) and str(src).rsplit(":", 1)[1].isdigit() \
            else (str(src), "", "")
        lineno = int(line) if line.isdigit() else None
        if not doc_id:
            raise InputError("empty doc_id", path=place, line=lineno)
        if doc_id in seen:
            raise InputError(f"duplicate doc_id {doc_id!r} (first seen at {seen[doc_id]})", path=place, line=lineno)
        seen[doc_id] = str(src)
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"article {doc_id!r} has no text (after cleaning)", path=place, line=lineno)
    return corpus


def cleaning_log(corpus: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed from each article, one row per removal.

    Cleaning is deterministic, so the log is rebuilt from ``raw_text``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, kind, removed, start, end`` (offsets into the
        normalised raw text); ``kind`` is ``furniture``, ``site_name`` or
        ``headline`` (moved to the title), plus one ``summary`` row per
        key-points block that is kept but not counted.
    """
    import pandas as pd

    from toolkit.cleaning import clean_text

    rows = []
    for doc_id, outlet, raw, title, text in zip(corpus["doc_id"], corpus["outlet"], corpus["raw_text"],
                                                 corpus["title"], corpus["text"], strict=True):
        result = clean_text(raw, title=_none_if_blank(title), outlet=outlet)
        for r in result.removals:
            rows.append((doc_id, outlet, r.kind, r.text, r.start, r.end))
        for s, e in result.summary_spans:
            rows.append((doc_id, outlet, "summary (kept, not counted)", text[s:e], s, e))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "kind", "removed", "start", "end"])


def corpus_checksum(corpus: pd.DataFrame) -> str:
    """SHA-256 over doc_ids and cleaned texts, to trace results to their input.

    Examples
    --------
    >>> len(corpus_checksum(load_corpus("blinken-china-2024")))
    64
    """
    digest = hashlib.sha256()
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        digest.update(str(doc_id).encode())
        digest.update(b"\x00")
        digest.update(str(text).encode())
        digest.update(b"\x01")
    return digest.hexdigest()
