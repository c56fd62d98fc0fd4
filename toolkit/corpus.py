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
import csv
import hashlib
import io
import json
import os
import re
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
_LINE_BREAK = re.compile(r"\r\n?|\n")
#: Characters no article field may hold: NUL, and lone surrogates (which only a
#: JSON ``\\ud800`` escape or an in-memory table can produce; they cannot be written as UTF-8).
_FORBIDDEN = re.compile(r"[\x00\ud800-\udfff]")
_FRONT_MATTER = re.compile(r"---[ \t]*(?:\r\n?|\n)(?P<yaml>.*?)(?:\r\n?|\n)---[ \t]*(?:\r\n?|\n|$)", re.DOTALL)
#: The largest CSV field (one article's text) read, in characters.
MAX_FIELD_CHARS = 2**31 - 1


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


def _line_of(text: str, index: int) -> int:
    """1-based line number of ``text[index]``; ``\\r\\n``, ``\\r`` and ``\\n`` each end a line."""
    return len(_LINE_BREAK.findall(text, 0, index)) + 1


def read_text_file(path: Path, *, encoding: str = "utf-8") -> str:
    """Read a text file strictly, naming the file and line on a decoding error.

    UTF-8 (with or without a byte-order mark) and UTF-16 / UTF-32 with a
    byte-order mark are recognised; anything else must be asked for with
    ``encoding``. Bytes that do not decode are an error, never guessed at or
    replaced, so nothing is replaced silently; NUL characters are refused too.
    The byte-order mark is dropped (it never reaches a column name); newlines
    are left as they are (cleaning turns every convention into ``\\n``).
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
        prefix = data[: exc.start].decode(encoding, errors="replace")
        line = _line_of(prefix, len(prefix))
        raise InputError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x} cannot be decoded); "
            "re-save the file as UTF-8 or give its encoding (--encoding NAME; encoding= in Python)",
            path=path, line=line,
        ) from None
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", path=path) from None
    if "\x00" in text:
        line = _line_of(text, text.index("\x00"))
        raise InputError("contains NUL characters (is it a binary file?)", path=path, line=line)
    return text


def _front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between ``---`` lines) from the body."""
    if not text.startswith("---"):
        return {}, text
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise InputError("front matter starts with '---' but never ends", path=path, line=1)
    from toolkit.resources import safe_yaml

    meta = safe_yaml("\n" + match["yaml"], source=path)  # the newline keeps the file's line numbers
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InputError("front matter is not a mapping of names to values", path=path, line=2)
    return meta, text[match.end():]


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
        record = {**{str(k): _join_surrogates(v) for k, v in meta.items()}, "text": body}
    record.setdefault("doc_id", path.stem)
    if not record.get("outlet"):
        record["outlet"] = path.parent.name if root is not None and path.parent != root else "unknown"
    record["_source"] = str(path)
    _refuse_forbidden_record(record)
    return record


def _join_surrogates(value: Any) -> Any:
    """YAML decodes ``"\\ud83d\\ude00"`` as two lone surrogates: join such pairs into one character."""
    if isinstance(value, str) and _FORBIDDEN.search(value):
        try:
            return value.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            return value  # a lone surrogate: refused by the caller
    return value


def _read_folder(folder: Path, encoding: str) -> list[dict[str, Any]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _DOCUMENT_SUFFIXES
                   and p.name.casefold() not in _NOT_ARTICLES and not p.name.startswith("."))
    if not files:
        raise InputError("no .txt, .md or .html files in this folder", path=folder)
    return [_read_document(path, encoding, folder) for path in files]


def _read_jsonl(path: Path, encoding: str) -> list[dict[str, Any]]:
    records = []
    # split on newlines only: str.splitlines() would also split inside a JSON
    # string at U+2028, U+0085 or a form feed, which JSON allows unescaped
    for number, text in enumerate(_LINE_BREAK.split(read_text_file(path, encoding=encoding)), 1):
        record = jsonl_record(text, path=path, line=number)
        if record is not None:
            records.append(record)
    return records


def jsonl_record(text: str, *, path: Path, line: int) -> dict[str, Any] | None:
    """One JSONL line as a record (``None`` for a blank line), checked as :func:`load_corpus` checks it.

    Raises
    ------
    toolkit.errors.InputError
        Not JSON, not an object, or holding characters the toolkit refuses; names the file and line.
    """
    if not text.strip():
        return None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg})", path=path, line=line) from None
    if not isinstance(record, dict):
        raise InputError("each line must be a JSON object", path=path, line=line)
    record["_source"] = f"{path}:{line}"
    _refuse_forbidden_record(record)
    return record


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
    header, rows, lines = _read_csv(read_text_file(path, encoding=encoding), path)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame["_source"] = [f"{path}:{line}" for line in lines]
    return frame


def _read_csv(text: str, path: Path) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, rows and each row's first line; every row must have the header's number of fields.

    A ragged row, an unclosed quote or a repeated column name is an error
    naming the file and line: no row is dropped or padded silently. Blank
    lines are not rows.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_FIELD_CHARS))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    header: list[str] | None = None
    last = 0  # the line the previous record ended on
    try:
        for row in reader:
            start, last = last + 1, reader.line_num
            if not row:
                continue
            if header is None:
                header = row
                seen: set[str] = set()
                for name in header:
                    if name in seen:
                        raise InputError(f"column name {name!r} appears twice in the header", path=path, line=start)
                    seen.add(name)
                continue
            if len(row) != len(header):
                raise InputError(f"row has {len(row)} fields, the header has {len(header)}; "
                                 "quote fields that contain commas", path=path, line=start)
            rows.append(row)
            lines.append(start)
    except csv.Error as exc:
        problem = "a quote is never closed" if "end of data" in str(exc) else f"malformed CSV ({exc})"
        raise InputError(f"{problem} (record starting here)", path=path, line=last + 1) from None
    finally:
        csv.field_size_limit(limit)
    if header is None:
        raise InputError("the file is empty", path=path)
    if not rows:
        raise InputError("the file has a header but no rows", path=path, line=2)
    return header, rows, lines


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
        extension, no text column, duplicate ``doc_id``, bad encoding, a CSV
        row with more or fewer fields than the header, an unclosed quote, a
        header without rows, a bad JSONL line, NUL characters or lone
        surrogates, unsafe or malformed YAML front matter, ...

    Notes
    -----
    Nothing is guessed or dropped silently: undecodable bytes are an error
    (never replaced); every row read is an article or an error. Cleaning
    records what it removes (:func:`cleaning_log`), zero-width characters
    included. Newline conventions (``\\r\\n``, ``\\r``, U+2028, ...) and NFC / NFD
    give the same text. Mojibake is kept as it is (not repaired by guessing);
    bidirectional controls are kept (they belong to right-to-left text; in the
    HTML report each paragraph and cell is its own bidirectional paragraph).
    Metadata (``doc_id``, ``outlet``, ``title``, ...) is folded to one line of
    NFC text. HTML entities are never expanded from a DOCTYPE, and external
    entities are never fetched.

    Limits: the whole corpus is held in memory, about 12 times the file size
    at peak (a 100 MB CSV: about 14 s and 1.2 GB on 2 cores); for larger
    files stream them (``toolkit analyze FILE -o FOLDER/``,
    :func:`toolkit.scale.iter_corpus`). One CSV field holds at most
    :data:`MAX_FIELD_CHARS` characters.

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


def _forbidden_what(value: str) -> str | None:
    # quick answers first: a regex scan of a long text costs about three times its UTF-8 encoding,
    # which fails on lone surrogates and nothing else
    if "\x00" not in value:
        if value.isascii():
            return None
        try:
            value.encode("utf-8")
            return None
        except UnicodeEncodeError:
            pass
    match = _FORBIDDEN.search(value)
    if match is None:
        return None
    ch = match.group(0)
    return "a NUL character" if ch == "\x00" else f"a lone surrogate (U+{ord(ch):04X})"


def _refuse_forbidden_record(record: dict[str, Any]) -> None:
    """A JSON record's string keys and values, checked before a table is built from them."""
    for key, value in record.items():
        for text in (key, value):
            what = _forbidden_what(text) if isinstance(text, str) else None
            if what is not None:
                place, line = _place(record["_source"])
                raise InputError(f"column {key!r} contains {what}, which is not text", path=place, line=line)


def _refuse_forbidden(frame: pd.DataFrame, where: str) -> None:
    """NUL and lone surrogates in any text cell: an error naming the file, line and column."""
    origin = frame["_source"] if "_source" in frame.columns else None
    for column in frame.columns:
        if column == "_source":
            continue
        for k, value in enumerate(frame[column]):
            what = _forbidden_what(value) if isinstance(value, str) else None
            if what is not None:
                place, line = _place(origin.iloc[k] if origin is not None else where)
                raise InputError(f"column {str(column)!r} contains {what}, which is not text", path=place,
                                 line=line)


def _place(src: object) -> tuple[str, int | None]:
    """Split a ``_source`` value (``path:line``) into path and line."""
    text = str(src)
    place, _, line = text.rpartition(":")
    if place and line.isdigit():
        return place, int(line)
    return text, None


def _one_line(value: Any) -> str | None:
    """Metadata as one line of NFC text (None when blank): every newline or run of spaces becomes one space.

    A title with a bare carriage return would otherwise reach output tables,
    where CSV writers leave it unquoted and readers take it for a row end.
    """
    text = _none_if_blank(value)
    if text is None:
        return None
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", text).split()) or None


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
    frame["doc_id"] = [_one_line(v) or "" for v in frame["doc_id"]]
    frame["outlet"] = [_one_line(v) or "unknown" for v in frame["outlet"]]
    for name in ("title", "published", "url", "language"):
        frame[name] = [_one_line(v) for v in frame[name]]
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
    unique; ``text`` is non-empty; no text cell holds a NUL character or a
    lone surrogate (neither is text, and neither can be written as UTF-8). Errors name the source file and line (from
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
    _refuse_forbidden(corpus, where)
    origin = corpus["_source"] if "_source" in corpus.columns else [where] * len(corpus)
    seen: dict[str, str] = {}
    for doc_id, text, src in zip(corpus["doc_id"], corpus["text"], origin, strict=True):
        place, lineno = _place(src)
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
        normalised raw text); ``kind`` is ``furniture``, ``site_name``,
        ``headline`` (moved to the title), ``link_card`` (a name's link card
        with related headlines) or ``invisible`` (zero-width
        characters, soft hyphens, byte-order marks), plus one ``summary`` row per
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
