"""A fixed-budget fuzz campaign of ingest and attribution.

``toolkit fuzz --n 100000 --seed 0`` (or ``python -m toolkit.fuzz --n 100000
--seed 0``) generates ``n`` inputs from a seeded generator, each reproducible
on its own from ``(seed, index)``: text built from the pieces that break text
tools (every newline convention, zero-width and bidi characters, combining
marks, emoji, quotation marks of every kind, reporting verbs, names,
abbreviations, page furniture, headlines with site names, HTML, control
characters, random code points), written as a ``.txt``, ``.md``, ``.csv`` or
``.jsonl`` file in one of several encodings, sometimes with bytes flipped.

Each input goes through :func:`toolkit.load_corpus` (which must return a
corpus or raise :class:`toolkit.errors.InputError`), then through
:func:`toolkit.text.parse_document` and the attribution extractor, both on the
raw text and on every loaded article. Invariants checked: cleaning is
idempotent; sentence spans are ordered and lie inside the text; every quote is
``text[start:end]``; a CSV or JSONL written with ``n`` well-formed records
loads as ``n`` rows. Anything else (another exception, a broken invariant) is
a crash; the summary lists each with the ``(seed, index)`` that reproduces it
(:func:`fuzz_one`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

__all__ = ["cmd_fuzz", "fuzz_one", "generate", "main"]

_WORDS = ["the", "The", "said", "says", "told", "added", "warned", "according to", "that", "he", "she", "they",
          "Mr.", "Mrs.", "Dr.", "U.S.", "U.N.", "Wang Yi", "Antony Blinken", "Xi Jinping", "President", "officials",
          "spokesperson", "minister", "a", "of", "in", "China", "Russia", "Beijing", "Washington", "Monday", "Jan.",
          "No.", "e.g.", "i.e.", "St.", "J.", "F.", "Kennedy", "wrote", "insisted", "asked", "the official",
          "who", "would", "not", "has", "also", "later", "continued", "I", "We", "It", "is", "clear"]
_PUNCT = list(".,!?…;:—–-()[]*•·/\\'\"“”‘’«»„‚‹›")
_SPACE = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\u00a0",
          "\u3000", "\u2009", "  ", "\n \n", "\r\r"]
_ODD = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202d", "\u202c", "\u2066",
        "\u2067", "\u2069", "\u200e", "\u200f", "\u0301", "\u0308", "\u0327", "e\u0301", "😀", "👩‍👩‍👧", "🇺🇸",
        "\U0001F3FB", "外交部", "مرحبا", "नमस्ते", "Ж", "ß", "İ", "ﬁ", "Ω", "\x00", "\x01", "\x1c", "\x1f", "\x7f",
        "\ufffd", "\uffff", "<script>", "</style>", "&amp;", "&lol;", "<p>", "=cmd", "---", "{", "}", "\\u0000"]
_LINES = ["close", "Related Articles", "Advertisement", "Back to top button", "Source link", "Share",
          "Blinken warns China over Russia — RT World News", "Talks in Beijing end - NBC Chicago",
          "• China said it was ready to talk.", "- The talks ended.", "* Bullet point here"]


def _random_char(rng: random.Random) -> str:
    while True:
        cp = rng.choice((rng.randrange(0x20, 0x250), rng.randrange(0x250, 0x3000), rng.randrange(0x3000, 0x110000)))
        if not 0xD800 <= cp <= 0xDFFF:
            return chr(cp)


def generate(rng: random.Random, *, max_pieces: int = 60) -> str:
    """One random text made of pieces that break text tools."""
    parts = []
    for _ in range(rng.randrange(0, max_pieces)):
        kind = rng.random()
        if kind < 0.40:
            parts.append(rng.choice(_WORDS))
        elif kind < 0.60:
            parts.append(rng.choice(_PUNCT))
        elif kind < 0.78:
            parts.append(rng.choice(_SPACE))
        elif kind < 0.88:
            parts.append(rng.choice(_ODD))
        elif kind < 0.94:
            parts.append(rng.choice(_LINES) + rng.choice(["\n", "\n\n", "\r\n"]))
        else:
            parts.append("".join(_random_char(rng) for _ in range(rng.randrange(1, 6))))
        if rng.random() < 0.5:
            parts.append(" ")
    return "".join(parts)


def _encode(rng: random.Random, text: str) -> bytes:
    codec = rng.choice(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "gb18030"])
    data = text.encode(codec, errors="replace" if codec in ("cp1252", "gb18030") else "strict")
    if data and rng.random() < 0.1:  # flip a byte
        k = rng.randrange(len(data))
        data = data[:k] + bytes([rng.randrange(256)]) + data[k + 1:]
    return data


def _file(rng: random.Random) -> tuple[str, bytes, int | None]:
    """A file name, its bytes, and the number of rows it must load as (None: unknown or may be refused)."""
    fmt = rng.choice(["txt", "md", "csv", "jsonl"])
    if fmt in ("txt", "md"):
        text = generate(rng)
        if fmt == "md" and rng.random() < 0.6:
            meta = {"title": generate(rng, max_pieces=6), "outlet": generate(rng, max_pieces=4)}
            text = "---" + rng.choice(["\n", "\r\n", "\r"]) + "".join(
                f"{k}: {json.dumps(v)}\n" for k, v in meta.items()) + "---\n" + text
        return f"doc.{fmt}", _encode(rng, text), None
    records = [{"doc_id": f"d{k}", "outlet": generate(rng, max_pieces=4), "title": generate(rng, max_pieces=8),
                "text": generate(rng)} for k in range(rng.randrange(1, 4))]
    # a record the loader may refuse for a documented reason: NUL, or no text left after cleaning
    from toolkit.cleaning import clean_text
    from toolkit.corpus import _one_line

    fields = [v for r in records for v in r.values()]
    known = not any("\x00" in v for v in fields) and all(
        clean_text(r["text"], title=_one_line(r["title"]), outlet=_one_line(r["outlet"])).text for r in records)
    if fmt == "csv":
        quote_all = rng.random() < 0.5
        # an unquoted bare CR is a row end to every CSV reader; Python's writer leaves it unquoted
        known = known and (quote_all or not any("\r" in v for v in fields))
        handle = io.StringIO(newline="")
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "outlet", "title", "text"],
                                lineterminator=rng.choice(["\n", "\r\n"]),
                                quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writeheader()
        writer.writerows(records)
        text = handle.getvalue()
    else:
        ascii_only = rng.random() < 0.5
        text = rng.choice(["\n", "\r\n"]).join(json.dumps(r, ensure_ascii=ascii_only) for r in records)
    if rng.random() < 0.15:  # damage: truncate, or splice in noise
        cut = rng.randrange(len(text) + 1)
        text = text[:cut] + (generate(rng, max_pieces=5) if rng.random() < 0.5 else "")
        return f"doc.{fmt}", _encode(rng, text), None
    data = text.encode("utf-8")
    return f"doc.{fmt}", data, len(records) if known else None


def _check_document(text: str) -> None:
    from toolkit.attribution.extract import QUOTE_COLUMNS, quote_rows
    from toolkit.text import parse_document

    doc = parse_document(text, doc_id="f", outlet="o")
    last = 0
    for s, e in doc.sentences:
        if not (last <= s < e <= len(text)):
            raise AssertionError(f"sentence span ({s}, {e}) out of order or outside the text")
        last = e
    q, start, end = QUOTE_COLUMNS.index("quote"), QUOTE_COLUMNS.index("start"), QUOTE_COLUMNS.index("end")
    for row in quote_rows([doc]):
        if text[int(row[start]):int(row[end])] != row[q]:  # type: ignore[call-overload]
            raise AssertionError(f"quote {row[q]!r} is not text[{row[start]}:{row[end]}]")


def fuzz_one(seed: int, index: int, folder: Path) -> str | None:
    """Run input ``index`` of campaign ``seed``; return a crash description, or None."""
    from toolkit.cleaning import clean_text
    from toolkit.corpus import load_corpus
    from toolkit.errors import InputError

    rng = random.Random(f"{seed}:{index}")
    stage = "generate"
    try:
        raw = generate(rng)
        stage = "clean_text"
        cleaned = clean_text(raw)
        again = clean_text(cleaned.text, title=cleaned.title)
        if again.text != cleaned.text or again.title != cleaned.title:
            raise AssertionError("cleaning is not idempotent")
        stage = "attribution (raw text)"
        _check_document(raw)
        name, data, rows = _file(rng)
        path = folder / f"{index}-{name}"
        path.write_bytes(data)
        stage = f"load_corpus ({name})"
        try:
            corpus = load_corpus(path)
        except InputError as exc:
            if rows is not None:
                raise AssertionError(f"{rows} well-formed records refused: {exc}") from None
            return None
        finally:
            path.unlink()
        if rows is not None and len(corpus) != rows:
            raise AssertionError(f"{rows} records in, {len(corpus)} rows out")
        stage = "attribution (loaded text)"
        for text in corpus["text"]:
            _check_document(text)
        return None
    except Exception as exc:  # a crash: anything but the toolkit's documented errors
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return (f"seed {seed} index {index}: {stage}: {type(exc).__name__}: {exc} "
                f"({Path(where.filename).name}:{where.lineno})")


def _run_range(job: tuple[int, int, int, str]) -> list[str]:
    seed, start, stop, folder = job
    return [c for i in range(start, stop) if (c := fuzz_one(seed, i, Path(folder))) is not None]


def cmd_fuzz(args: argparse.Namespace) -> int:
    """``toolkit fuzz --n N --seed S``: run the campaign; exit status 1 when anything crashed."""
    from concurrent.futures import ProcessPoolExecutor

    from toolkit.errors import InputError

    n, seed = int(args.n), int(args.seed)
    workers = int(getattr(args, "workers", None) or os.cpu_count() or 1)
    if n < 1 or workers < 1:
        raise InputError(f"--n and --workers must be at least 1 (got --n {n}, --workers {workers})")
    step = 500
    started = time.perf_counter()
    crashes: list[str] = []
    base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="toolkit-fuzz-", dir=base) as folder:
        jobs = [(seed, a, min(a + step, n), folder) for a in range(0, n, step)]
        done = 0
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for found in pool.map(_run_range, jobs):
                crashes.extend(found)
                done += step
                if done % 10_000 == 0:
                    print(f"fuzz: {min(done, n)}/{n} inputs, {len(crashes)} crashes, "
                          f"{time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    elapsed = time.perf_counter() - started
    print(f"fuzz: {n} inputs (seed {seed}) through load_corpus, clean_text, parse_document and attribution "
          f"in {elapsed:.0f} s: {len(crashes)} crashes")
    for crash in crashes[:20]:
        print(f"  {crash}")
    return 1 if crashes else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m toolkit.fuzz --n N --seed S [--workers W]``."""
    from toolkit.cli import _fuzz_args, _Parser

    parser = _Parser(prog="toolkit fuzz", description="fixed-budget fuzzing of ingest and attribution")
    _fuzz_args(parser)
    return cmd_fuzz(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
