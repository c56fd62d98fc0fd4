"""Bad input, big input, safe loading, no data lost, same numbers next year (issue 9).

Each case states its expected behaviour: decoded deterministically, or refused
with one line naming the file and line; rows in = rows out + rows refused;
linear time on large and pathological input; outputs written atomically, never
overwritten without ``--force``, byte-identical run to run, with provenance.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from toolkit import analyze, load_corpus
from toolkit.cleaning import clean_text
from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.io import read_provenance, write_table
from toolkit.text import parse_document, split_sentences

from .conftest import ROOT

BODY = ("The mayor opened the new bridge on Monday. “It is a great day,” she said.\n\n"
        "Critics warned that the project was late. The council denied it.")

METRICS = ["n_sentences", "n_words", "vader_compound"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refused(path: Path, expected: str, **kwargs: object) -> str:
    """load_corpus refuses ``path`` with one line holding ``expected``; the file is unchanged."""
    before = _sha(path)
    with pytest.raises(InputError) as info:
        load_corpus(path, **kwargs)  # type: ignore[arg-type]
    message = str(info.value)
    assert expected in message, message
    assert "\n" not in message
    assert _sha(path) == before
    return message


def _articles(corpus: pd.DataFrame) -> pd.DataFrame:
    return analyze(corpus).articles


# ------------------------------------------------------------------ encodings

def test_utf8_bom_never_reaches_a_column_name_csv_and_jsonl(tmp_path):
    csv_path = tmp_path / "bom.csv"
    csv_path.write_bytes(codecs.BOM_UTF8 + b"doc_id,outlet,text\nd1,X,Hello there.\n")
    jsonl = tmp_path / "bom.jsonl"
    jsonl.write_bytes(codecs.BOM_UTF8 + b'{"doc_id": "d1", "outlet": "X", "text": "Hello there."}\n')
    for path in (csv_path, jsonl):
        corpus = load_corpus(path)
        assert not any("\ufeff" in str(c) for c in corpus.columns)
        assert corpus.loc[0, ["doc_id", "outlet", "text"]].tolist() == ["d1", "X", "Hello there."]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, codec):
    raw = 'doc_id,outlet,text\nd1,Café,"“Yes,” he said."\n'
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(codec, b"")
    path = tmp_path / "wide.csv"
    path.write_bytes(bom + raw.encode(codec))
    corpus = load_corpus(path)
    assert list(corpus.columns[:3]) == ["doc_id", "outlet", "title"]
    assert corpus.loc[0, ["outlet", "text"]].tolist() == ["Café", "“Yes,” he said."]


@pytest.mark.parametrize(
    ("codec", "text"),
    [("cp1252", "First line.\nCafé “quoted” – done."), ("gb18030", "First line.\n外交部长王毅会见布林肯。")],
)
def test_legacy_encodings_refused_with_line_then_read_when_asked(tmp_path, codec, text):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(text.encode(codec))
    _refused(path, f"{codec}.txt:2: not valid utf-8")
    assert load_corpus(path, encoding=codec).loc[0, "text"] == text.replace("\n", "\n\n")


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (b"doc_id,text\r\n1,ok\r\n2,bad \xff byte\r\n", 3),  # CRLF lines
        (b"doc_id,text\r1,ok\r2,ok\r3,bad \xc3\r", 4),  # old Mac CR lines
        (b"doc_id,text\n1,truncated at the end \xe2\x80", 2),  # cut inside a UTF-8 sequence
        (b"doc_id,text\n1,surrogate \xed\xa0\x80 encoded\n", 2),  # CESU / WTF-8 surrogate bytes
    ],
)
def test_invalid_bytes_name_the_line(tmp_path, content, line):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    _refused(path, f"bad.csv:{line}: not valid utf-8")


def test_invalid_utf16_names_the_line(tmp_path):
    path = tmp_path / "bad16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "one\ntwo\n".encode("utf-16-le") + b"\x00\xdc")  # lone low surrogate
    _refused(path, "bad16.txt:3: not valid utf-16")


def test_mojibake_is_kept_as_it_is_deterministically(tmp_path):
    mojibake = "CafÃ© talks: â€œWe agree,â€\x9d he said."
    path = tmp_path / "moji.txt"
    path.write_text(mojibake, encoding="utf-8")
    first, second = load_corpus(path), load_corpus(path)
    assert first.loc[0, "text"] == second.loc[0, "text"] == mojibake  # not "repaired" by guessing
    pd.testing.assert_frame_equal(_articles(first), _articles(second))


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("nul.txt", b"First line.\nA NUL \x00 here.", "nul.txt:2: contains NUL characters"),
        ("nul.jsonl", b'{"text": "ok"}\n{"text": "a \\u0000 b"}\n', "nul.jsonl:2: column 'text' contains a NUL"),
        ("lone.jsonl", b'{"text": "ok"}\n\n{"text": "half \\ud83d of an emoji"}\n',
         "lone.jsonl:3: column 'text' contains a lone surrogate (U+D83D)"),
        ("lonetitle.jsonl", b'{"text": "ok", "title": "\\udc00"}\n', "lonetitle.jsonl:1: column 'title'"),
    ],
)
def test_nul_and_lone_surrogates_are_refused(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    _refused(path, expected)


def test_lone_surrogate_in_a_dataframe_is_refused_by_analyze():
    corpus = load_corpus("blinken-china-2024").copy()
    corpus["text"] = pd.Series([corpus.loc[0, "text"] + " \ud800", corpus.loc[1, "text"]], dtype=object)
    with pytest.raises(InputError, match="lone surrogate"):
        analyze(corpus)


NEWLINES = {"lf": "\n", "crlf": "\r\n", "cr": "\r", "u2028": "\u2028", "u2029": "\u2029", "nel": "\x85"}


@pytest.mark.parametrize("style", sorted(NEWLINES))
def test_metrics_identical_across_newline_styles_txt(tmp_path, style):
    reference = tmp_path / "lf.txt"
    reference.write_text("---\ntitle: Bridge\noutlet: X\n---\n" + BODY, encoding="utf-8", newline="")
    other = tmp_path / f"{style}.txt"
    nl = NEWLINES[style]
    front = "---\ntitle: Bridge\noutlet: X\n---\n" if style in ("u2028", "u2029", "nel") else \
        "---\ntitle: Bridge\noutlet: X\n---\n".replace("\n", nl)
    other.write_text(front + BODY.replace("\n", nl), encoding="utf-8", newline="")
    a, b = load_corpus(reference), load_corpus(other)
    assert b.loc[0, "title"] == "Bridge" and b.loc[0, "outlet"] == "X"
    assert a.loc[0, "text"] == b.loc[0, "text"]
    pd.testing.assert_frame_equal(_articles(a)[METRICS], _articles(b)[METRICS])


def test_mixed_newlines_in_csv_and_jsonl(tmp_path):
    mixed = "Line one.\r\nLine two.\rLine three.\nLine four.\u2028Line five."
    plain = "Line one.\nLine two.\nLine three.\nLine four.\nLine five."
    frame = pd.DataFrame([{"doc_id": "m", "text": mixed}, {"doc_id": "p", "text": plain}])
    path = tmp_path / "mixed.csv"
    frame.to_csv(path, index=False, lineterminator="\r\n")
    jsonl = tmp_path / "mixed.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in frame.to_dict("records")),
                     encoding="utf-8")  # U+2028 raw inside a JSON string: valid JSON, one line
    for corpus in (load_corpus(path), load_corpus(jsonl)):
        assert len(corpus) == 2
        assert corpus.loc[0, "text"] == corpus.loc[1, "text"]


def test_nfc_and_nfd_give_the_same_text_and_metrics(tmp_path):
    text = "Café owners in Zürich said the “naïve” plan would fail. Ångström agreed."
    rows = [{"doc_id": "nfc", "outlet": "X", "text": unicodedata.normalize("NFC", text)},
            {"doc_id": "nfd", "outlet": "X", "text": unicodedata.normalize("NFD", text)}]
    path = tmp_path / "forms.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.loc[0, "text"] == corpus.loc[1, "text"]
    articles = _articles(corpus).set_index("doc_id")
    assert articles.loc["nfc", METRICS].tolist() == articles.loc["nfd", METRICS].tolist()


def test_zero_width_characters_removed_counted_and_reported(tmp_path):
    zw = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    text = f"The min{zw[0]}ister said{zw[1]} the talks were use{zw[5]}ful.\n\nThe coun{zw[2:5]}cil agreed."
    path = tmp_path / "zw.txt"
    path.write_text(text, encoding="utf-8")
    from toolkit import cleaning_log

    corpus = load_corpus(path)
    assert corpus.loc[0, "text"] == "The minister said the talks were useful.\n\nThe council agreed."
    log = cleaning_log(corpus)
    invisible = log[log["kind"] == "invisible"]
    assert "".join(invisible["removed"]) == zw[0] + zw[1] + zw[5] + zw[2:5]
    assert len(invisible) == 4  # one row per run
    raw = unicodedata.normalize("NFC", text)
    assert all(raw[s:e] == r for s, e, r in zip(invisible["start"], invisible["end"], invisible["removed"],
                                                 strict=True))


def test_bidi_controls_are_kept_deterministically(tmp_path):
    text = "The minister said \u202eevil\u202c and \u2067مرحبا\u2069 to reporters."
    path = tmp_path / "bidi.txt"
    path.write_text(text, encoding="utf-8")
    first, second = load_corpus(path), load_corpus(path)
    assert first.loc[0, "text"] == second.loc[0, "text"] == text
    pd.testing.assert_frame_equal(_articles(first), _articles(second))


# ------------------------------------------------------------------ malformed files

@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("short.csv", b"doc_id,outlet,text\n1,A,One.\n2,B\n3,C,Three.\n",
         "short.csv:3: row has 2 fields, the header has 3"),
        ("long.csv", b"doc_id,outlet,text\n1,A,One.\n2,B,Two, unquoted\n", "long.csv:3: row has 4 fields"),
        ("unclosed.csv", b'doc_id,text\n1,"fine"\n2,"never closed\n3,more\n',
         "unclosed.csv:3: a quote is never closed"),
        ("header.csv", b"doc_id,outlet,text\n", "header.csv:2: the file has a header but no rows"),
        ("header_crlf.csv", b"doc_id,outlet,text\r\n\r\n", "the file has a header but no rows"),
        ("empty.csv", b"", "empty.csv: the file is empty"),
        ("spaces.jsonl", b"  \n\n \t\n", "spaces.jsonl: the file is empty"),
        ("twice.csv", b"text,outlet,text\nA,B,C\n", "twice.csv:1: column name 'text' appears twice"),
        ("bad.jsonl", b'{"text": "a"}\r\n{"text": "b"}\r\n\r\n{"text": "c",}\r\n', "bad.jsonl:4: not valid JSON"),
        ("array.jsonl", b'{"text": "a"}\n["not", "an", "object"]\n', "array.jsonl:2: each line must be a JSON object"),
        ("dup.csv", b'doc_id,text\n1,"two\nlines"\n2,ok\n1,again\n', "dup.csv:5: duplicate doc_id '1'"),
        ("blank.csv", b'doc_id,text\n1,ok\n2,"  "\n', "blank.csv:3: article '2' has no text"),
        ("fm.md", b"---\ntitle: never closed\nBody.\n", "fm.md:1: front matter starts with '---' but never ends"),
        ("badyaml.md", b"---\ntitle: [unclosed\n---\nBody text.\n", "badyaml.md:2: malformed YAML"),
        ("notmap.md", b"---\n- a list\n---\nBody text.\n", "notmap.md:2: front matter is not a mapping"),
        ("evil.md", b"---\ntitle: !!python/object/apply:os.system ['touch pwned']\n---\nBody.\n",
         "evil.md:2: not safe YAML"),
        ("broken.jsonl.gz", b"\x1f\x8b\x08\x00 not really gzip", "not a readable gzip file"),
        ("broken.parquet", b"PAR1 garbage", "not a readable Parquet file"),
    ],
)
def test_malformed_files_name_file_and_line(tmp_path, monkeypatch, name, content, expected):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    path.write_bytes(content)
    _refused(path, expected)
    assert not (tmp_path / "pwned").exists()


def test_rows_in_equal_rows_out(tmp_path):
    """Quoted newlines, quoted commas, CRLF and blank lines: every row arrives, none is dropped or padded."""
    rows = [{"doc_id": str(i), "outlet": "X", "text": t} for i, t in enumerate(
        ["One, with a comma.", "Two\nlines.", 'A "quoted" word.', "Four.\r\n\r\nParagraphs.", "Five."])]
    path = tmp_path / "rows.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["doc_id", "outlet", "text"], lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
        handle.write("\r\n")  # a trailing blank line is not a row
    corpus = load_corpus(path)
    assert corpus["doc_id"].tolist() == [r["doc_id"] for r in rows]


def test_csv_line_numbers_count_quoted_newlines(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_text('doc_id,text\na,"one\n\nthree"\nb,\n', encoding="utf-8")
    _refused(path, "lines.csv:5: article 'b' has no text")


# ------------------------------------------------------------------ the command line

@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.csv", b"doc_id,text\n1,ok\n2,\xff\n", "bad.csv:3: not valid utf-8"),
        ("ragged.csv", b"doc_id,text\n1,ok\n2,a,b\n", "ragged.csv:3: row has 3 fields"),
        ("quote.csv", b'doc_id,text\n1,"open\n', "quote.csv:2: a quote is never closed"),
        ("nul.jsonl", b'{"text": "a\\u0000"}\n', "nul.jsonl:1: column 'text' contains a NUL"),
        ("bad.jsonl", b'{"text": "a"}\n{oops}\n', "bad.jsonl:2: not valid JSON"),
    ],
)
def test_cli_bad_input_one_line_exit_2_nothing_written(tmp_path, capsys, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out.csv"
    assert main(["analyze", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("toolkit: error: ") and expected in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert path.read_bytes() == content


def test_cli_subprocess_bad_input_has_no_traceback(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_bytes(b"doc_id,text\n1,ok\n2,a,b\n")
    result = subprocess.run([sys.executable, "-m", "toolkit", "analyze", str(path), "-o", str(tmp_path / "o.csv")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"toolkit: error: {path}:3: row has 3 fields, the header has 2; "
                                                  "quote fields that contain commas"]
    assert not (tmp_path / "o.csv").exists()


# ------------------------------------------------------------------ size

def _measure(code: str, tmp_path: Path, timeout: float) -> dict[str, float]:
    """Run ``code`` in a fresh interpreter; return its wall time and peak memory (MB)."""
    # VmHWM, not getrusage: Linux carries ru_maxrss over from the forking parent (pytest) across exec
    script = textwrap.dedent(code) + textwrap.dedent("""
        import json, re, time
        status = open("/proc/self/status", encoding="ascii").read()
        peak_mb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) / 1024
        print(json.dumps({"seconds": time.perf_counter() - START, "peak_mb": peak_mb, **RESULT}))
    """)
    result = subprocess.run([sys.executable, "-c", "import time; START = time.perf_counter()\n" + script],
                            capture_output=True, text=True, timeout=timeout, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def test_a_100_mb_csv_loads_in_bounded_time_and_memory(tmp_path):
    body = load_corpus("blinken-china-2024").loc[1, "text"][:6000]
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["doc_id", "outlet", "text"])
        n = 0
        while handle.tell() < 100_000_000:
            writer.writerows([f"d{n + k}", f"Outlet {k % 3}", body] for k in range(1000))
            n += 1000
    size_mb = path.stat().st_size / 1e6
    stats = _measure(f"""
        from toolkit import load_corpus
        corpus = load_corpus({str(path)!r})
        RESULT = {{"rows": len(corpus)}}
    """, tmp_path, timeout=180)
    assert stats["rows"] == n
    assert stats["seconds"] < 90  # about 14 s on the 2-core development machine
    # load_corpus holds the corpus in memory (documented): about 12x the file size at peak
    assert stats["peak_mb"] < 20 * size_mb


def test_a_10_million_character_article(tmp_path):
    seed = "\n\n".join(load_corpus("blinken-china-2024")["text"]) + "\n\n"
    path = tmp_path / "long.txt"
    path.write_text((seed * (10_000_000 // len(seed) + 1))[:10_000_000], encoding="utf-8")
    stats = _measure(f"""
        from toolkit import load_corpus
        from toolkit.attribution import extract_quotes
        from toolkit.text import parse_document
        corpus = load_corpus({str(path)!r})
        doc = parse_document(corpus.loc[0, "text"], doc_id="long")
        quotes = extract_quotes([doc])
        RESULT = {{"chars": len(corpus.loc[0, "text"]), "sentences": len(doc.sentences), "quotes": len(quotes)}}
    """, tmp_path, timeout=180)
    assert stats["chars"] > 9_000_000 and stats["sentences"] > 50_000 and stats["quotes"] > 1000
    assert stats["seconds"] < 60  # about 6 s
    assert stats["peak_mb"] < 1500


PATHOLOGICAL = ["a", " ", ".", "\n", "“", "\"", "'", "A ", "Aa ", "said ", "Mr. ", "U.S. ", "a.", ". A", "- ", "a-",
                "\n \n", "according to ", "that ", "’s", "😀", "e\u0301", "\u200b", "<", "&", "—", "?!", "…",
                "A, said ", "he said that ", "“a ", "“a” he said. ", "“A,” said Mr. A B. ", " - RT", "• ", ". “",
                "said “", "., ", ".\n\n", "\t", "«", "‘", ")", "(\"", "Xi Jinping ", "((((", "\u2028",
                "“Go home now.” ", "Aa Aa Aa MORE "]


@pytest.mark.parametrize("unit", PATHOLOGICAL, ids=[repr(u) for u in PATHOLOGICAL])
def test_one_megabyte_of_pathological_text_runs_in_linear_time(unit):
    """Every regex of cleaning, sentence splitting and attribution on 1 MB of one repeated unit."""
    from toolkit.attribution import extract_quotes

    text = (unit * (1_000_000 // len(unit) + 1))[:1_000_000]
    start = time.perf_counter()
    cleaned = clean_text(text)
    spans = split_sentences(text)
    extract_quotes([parse_document(text, doc_id="p")])
    elapsed = time.perf_counter() - start
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert cleaned.text == clean_text(cleaned.text).text
    assert elapsed < 15, f"{elapsed:.1f} s: not linear"  # worst case about 2.5 s; quadratic would take hours


def test_one_long_word_before_more_cleans_in_linear_time():
    """The link-card pattern tries a name only at a word's start (a capital inside a word is none)."""
    start = time.perf_counter()
    clean_text("Aa" * 500_000 + " MORE")
    assert time.perf_counter() - start < 5


def test_html_entity_bomb_and_external_entity_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a", encoding="utf-8")
    levels = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    page = tmp_path / "bomb.html"
    paragraph = "<p>The minister said the talks in the capital had been long and useful for both sides.</p>"
    page.write_text(
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol0 "lol">{levels}'
        f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">]><html><head><title>Bomb</title></head><body><article>'
        + paragraph * 3 + "<p>Entities: &lol9; and &xxe; here.</p>" + paragraph + "</article></body></html>",
        encoding="utf-8")
    stats = _measure(f"""
        from toolkit import load_corpus
        text = load_corpus({str(page)!r}).loc[0, "text"]
        RESULT = {{"chars": len(text), "secret": "TOP-SECRET" in text, "lols": text.count("lol")}}
    """, tmp_path, timeout=60)
    assert not stats["secret"]
    assert stats["chars"] < 2000 and stats["lols"] <= 1  # 10**9 "lol"s were not expanded
    assert stats["peak_mb"] < 400  # about 130 MB, as for the same page without entities


# ------------------------------------------------------------------ spreadsheet export

def test_spreadsheet_csv_neutralises_formulas_canonical_csv_unchanged(tmp_path):
    hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "plain", "a=b"]
    frame = pd.DataFrame({"text": hostile, "=head": ["x"] * 8, "score": [-1.5, 2, 3, 4, 5, 6, 7, 8]})
    canonical = write_table(frame, tmp_path / "canonical.csv")
    assert canonical.read_bytes() == frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    parquet = write_table(frame, tmp_path / "canonical.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(parquet), frame)
    sheet = write_table(frame, tmp_path / "sheet.csv", spreadsheet=True)
    assert sheet.read_bytes().startswith(codecs.BOM_UTF8)
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["text", "'=head", "score"]
    cells = [r[0] for r in rows[1:]]
    assert cells == ["'" + h for h in hostile[:6]] + ["plain", "a=b"]
    assert [r[2] for r in rows[1:]][0] == "-1.5"  # numbers stay numbers
    for cell in [c for r in rows for c in r]:
        assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not (cell.startswith("-") and cell != "-1.5")
    with pytest.raises(InputError, match="spreadsheet output is written as .csv only"):
        write_table(frame, tmp_path / "sheet.parquet", spreadsheet=True)


# ------------------------------------------------------------------ what users give us

def test_yaml_python_tags_are_refused_and_not_run(tmp_path, monkeypatch):
    from toolkit.resources import load_yaml_file

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "gazetteer.yaml"
    path.write_text("people:\n  - !!python/object/apply:os.system ['touch pwned']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gazetteer.yaml:2: not safe YAML"):
        load_yaml_file(path)
    assert not (tmp_path / "pwned").exists()


def test_no_unsafe_loaders_and_no_archive_extraction_in_the_toolkit():
    """Models are JSON, YAML is safe-loaded, and there is no archive extraction to guard."""
    forbidden = ["import pickle", "pickle.load", "joblib", "torch.load", "allow_pickle=True", "yaml.load(",
                 "yaml.unsafe_load", "yaml.Loader", "tarfile", "zipfile", "extractall", "shutil.unpack_archive"]
    hits = [(str(p.relative_to(ROOT)), bad) for p in sorted((ROOT / "toolkit").rglob("*.py"))
            for bad in forbidden if bad in p.read_text(encoding="utf-8")]
    assert hits == []


# ------------------------------------------------------------------ no data lost

def test_existing_output_is_not_overwritten_without_force(tmp_path, capsys):
    out = tmp_path / "articles.csv"
    out.write_text("precious\n", encoding="utf-8")
    with pytest.raises(InputError, match="already exists"):
        write_table(pd.DataFrame({"a": [1]}), out)
    assert main(["analyze", "blinken-china-2024", "-o", str(out)]) == 2
    assert "already exists; pass --force" in capsys.readouterr().err
    html = tmp_path / "report.html"
    html.write_text("precious\n", encoding="utf-8")
    assert main(["compare", "blinken-china-2024", "--html", str(html)]) == 2
    assert out.read_text(encoding="utf-8") == html.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles.csv", "report.html"]


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    frame = pd.DataFrame({"bad": [object()]})  # pyarrow cannot store it
    with pytest.raises(Exception):  # noqa: B017 - whatever pyarrow raises, no file may remain
        write_table(frame, tmp_path / "x.parquet", provenance={"a": 1})
    assert list(tmp_path.iterdir()) == []


def test_a_killed_run_leaves_no_file_that_looks_complete(tmp_path):
    seed = load_corpus("blinken-china-2024")
    rows = [{"doc_id": f"d{i}", "outlet": seed.loc[i % 2, "outlet"], "text": seed.loc[i % 2, "text"]}
            for i in range(1500)]
    source = tmp_path / "large.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    before = _sha(source)
    for suffix, delay in ((".csv", 3.0),):
        out = tmp_path / f"articles{suffix}"
        proc = subprocess.Popen([sys.executable, "-m", "toolkit", "analyze", str(source), "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        assert proc.poll() is None, "finished before it could be killed: make the input larger"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert not out.exists() and not Path(str(out) + ".provenance.json").exists()
        # at most hidden ".<name>.<random>.part" files, which no one takes for a result
        assert all(p.name.startswith(".") and p.name.endswith(".part")
                   for p in tmp_path.iterdir() if p != source)
    assert _sha(source) == before


# ------------------------------------------------------------------ same numbers next year

def test_analyze_outputs_are_byte_identical_and_carry_provenance(tmp_path, capsys):
    for suffix in (".csv", ".parquet", ".jsonl"):
        first, second = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
        assert main(["analyze", "blinken-china-2024", "-o", str(first)]) == 0
        assert main(["analyze", "blinken-china-2024", "-o", str(second)]) == 0
        assert first.read_bytes() == second.read_bytes()
        prov = read_provenance(first)
        assert prov is not None and prov == read_provenance(second)
        assert prov["corpus_checksum"] == prov["corpus_checksum"].lower() and len(prov["corpus_checksum"]) == 64
        assert {"toolkit_version", "resources", "seed", "families"} <= set(prov)
        assert {"quote_verbs.tsv", "gazetteer.yaml"} <= set(prov["resources"])  # lexicon versions (checksums)
    assert (tmp_path / "one.csv.provenance.json").is_file() and not (tmp_path / "one.parquet.provenance.json").exists()


def test_compare_html_and_figures_are_byte_identical_with_visible_provenance(tmp_path):
    pages, figures = [], []
    for run in ("a", "b"):
        html, figs = tmp_path / f"{run}.html", tmp_path / f"figs-{run}"
        assert main(["compare", "blinken-china-2024", "--html", str(html), "--figures", str(figs)]) == 0
        pages.append(html.read_bytes())
        figures.append({p.name: p.read_bytes() for p in sorted(figs.glob("*.png"))})
    assert pages[0] == pages[1]
    assert figures[0] and figures[0] == figures[1]
    page = pages[0].decode("utf-8")
    provenance = page[page.index("<h2>Provenance</h2>"):]
    from toolkit import __version__

    assert __version__ in provenance and "seed" in provenance and "quote_verbs.tsv" in provenance


def test_toolkit_errors_keep_path_and_line_across_processes():
    import pickle

    from toolkit.errors import DataNotFoundError, InputError

    for error in (InputError("bad row", path="a.csv", line=3), DataNotFoundError("no data", path="/d")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (str(copy), copy.path, copy.line) == (str(error), error.path, error.line)
