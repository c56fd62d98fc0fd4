"""load_corpus: every input format, the schema, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_corpus
from toolkit.corpus import SCHEMA, bundled_corpora, corpus_checksum, validate_corpus
from toolkit.errors import InputError

from .conftest import SMALL


def _ids(corpus: pd.DataFrame) -> list[str]:
    return list(corpus["doc_id"])


def test_bundled_corpus_has_two_outlets(blinken):
    assert "blinken-china-2024" in bundled_corpora()
    assert list(blinken.columns[: len(SCHEMA)]) == list(SCHEMA)
    assert dict(zip(blinken["doc_id"], blinken["outlet"], strict=True)) == {"rt": "RT", "nbc-chicago": "NBC Chicago"}
    assert blinken["published"].isna().all()  # unknown, not invented
    assert set(blinken["language"]) == {"en"}


def test_bundled_corpus_matches_the_seeds(blinken):
    import hashlib

    expected = {"rt": "9ccf6b235038718b55795dd649eb4cddcee7436ec15faec075cb196dd3a1e3ae",
                "nbc-chicago": "0888ab7ebd89b0975cd6f3838f9146fdb65b46858706890642f330e52dcf5733"}
    for doc_id, raw in zip(blinken["doc_id"], blinken["raw_text"], strict=True):
        assert hashlib.sha256(raw.encode()).hexdigest() == expected[doc_id]


def test_csv(small_csv):
    corpus = load_corpus(small_csv)
    assert _ids(corpus) == ["a1", "a2", "b1"]
    assert corpus.loc[0, "title"] == "Mayor opens bridge"


def test_csv_with_column_mapping(tmp_path):
    path = tmp_path / "mapped.csv"
    pd.DataFrame([{"id": "x", "source": "S", "body": "Some text here."}]).to_csv(path, index=False)
    corpus = load_corpus(path, columns={"doc_id": "id", "outlet": "source", "text": "body"})
    assert corpus.loc[0, ["doc_id", "outlet", "text"]].tolist() == ["x", "S", "Some text here."]


def test_jsonl_and_parquet(tmp_path):
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in SMALL) + "\n", encoding="utf-8")
    parquet = tmp_path / "c.parquet"
    pd.DataFrame(SMALL).to_parquet(parquet)
    assert _ids(load_corpus(jsonl)) == _ids(load_corpus(parquet)) == ["a1", "a2", "b1"]


def test_folder_of_txt_md_and_html(tmp_path):
    (tmp_path / "Outlet A").mkdir()
    (tmp_path / "Outlet A" / "one.txt").write_text("Plain text article. It has two sentences.", encoding="utf-8")
    (tmp_path / "two.md").write_text("---\noutlet: Outlet B\ntitle: Front matter\npublished: 2024-04-22\n---\n"
                                     "Body of the markdown article.", encoding="utf-8")
    paragraph = "<p>The minister said the talks in the capital had been long and useful for both sides.</p>"
    (tmp_path / "three.html").write_text(
        "<html><head><title>An HTML page</title></head><body><article>"
        + paragraph * 6 + "</article></body></html>", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    by_id = corpus.set_index("doc_id")
    assert sorted(by_id.index) == ["one", "three", "two"]
    assert by_id.loc["one", "outlet"] == "Outlet A"
    assert by_id.loc["two", ["outlet", "title", "published"]].tolist() == ["Outlet B", "Front matter", "2024-04-22"]
    assert "talks in the capital" in by_id.loc["three", "text"]


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Café talks went well. “Yes,” he said.".encode("utf-16"))
    assert load_corpus(path).loc[0, "text"] == "Café talks went well. “Yes,” he said."


def test_utf8_bom_never_reaches_a_column_name(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbftext,outlet\nHello there.,X\n")
    assert load_corpus(path).loc[0, "outlet"] == "X"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.csv", b"", "the file is empty"),
        ("notext.csv", b"title,outlet\nA,B\n", "no 'text' column"),
        ("dup.csv", b"doc_id,text\n1,Some text.\n1,Other text.\n", "duplicate doc_id '1'"),
        ("cp1252.txt", "Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "not valid utf-8"),
        ("bad.jsonl", b'{"text": "ok"}\n{not json}\n', "bad.jsonl:2: not valid JSON"),
        ("blank.csv", b"doc_id,text\n1,   \n", "has no text"),
        ("notes.docx", b"PK\x03\x04", "unknown file type '.docx'"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    before = path.read_bytes()
    with pytest.raises(InputError) as info:
        load_corpus(path)
    message = str(info.value)
    assert expected in message
    assert name in message and "\n" not in message
    assert path.read_bytes() == before  # input never modified


def test_cp1252_names_the_line_and_can_be_read_when_asked(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("First line.\nCaf\u00e9 au lait.".encode("cp1252"))
    with pytest.raises(InputError, match=r"legacy.txt:2: not valid utf-8"):
        load_corpus(path)
    assert load_corpus(path, encoding="cp1252").loc[0, "text"] == "First line.\n\nCafé au lait."


def test_missing_path_names_it():
    with pytest.raises(InputError, match="no-such-thing.csv: no such file or folder"):
        load_corpus("no-such-thing.csv")


def test_validate_rejects_missing_columns():
    with pytest.raises(InputError, match="missing schema column"):
        validate_corpus(pd.DataFrame({"text": ["x"]}))


def test_checksum_changes_with_text(blinken):
    changed = blinken.copy()
    changed.loc[0, "text"] += " Extra."
    assert corpus_checksum(blinken) != corpus_checksum(changed)


def test_folder_without_articles(tmp_path: Path):
    with pytest.raises(InputError, match="no .txt, .md or .html files"):
        load_corpus(tmp_path)
