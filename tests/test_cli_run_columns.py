"""`toolkit run` on a user's own corpus: column options, what lands in --out, help texts, --data errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.cli import build_parser, main

from .conftest import SMALL

_COLUMN_OPTIONS = ("--text-column", "--outlet-column", "--id-column", "--title-column", "--date-column",
                   "--encoding")


def _one_line_error(stderr: str) -> str:
    """The error line: one, last (after any progress lines), without a traceback."""
    lines = stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("toolkit: error:")]
    assert len(errors) == 1 and lines[-1] == errors[0] and "Traceback" not in stderr, stderr
    return errors[0]


def _own_names(folder: Path, suffix: str) -> Path:
    """The small corpus with a user's column names (body, source, story, headline)."""
    path = folder / f"mine{suffix}"
    frame = pd.DataFrame(SMALL).rename(columns={"text": "body", "outlet": "source", "doc_id": "story",
                                                "title": "headline"})
    if suffix == ".jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_csv(path, index=False)
    return path


def _subcommands() -> dict[str, object]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return dict(sub.choices)  # type: ignore[arg-type]


# ---------------------------------------------------------------- 1. column options


def test_every_subcommand_taking_a_corpus_has_the_column_options():
    for name, p in _subcommands().items():
        dests = {a.dest for a in p._actions}  # type: ignore[attr-defined]
        if "corpus" in dests:
            options = {o for a in p._actions for o in a.option_strings}  # type: ignore[attr-defined]
            assert set(_COLUMN_OPTIONS) <= options, name


def test_run_maps_the_columns_of_a_users_table(tmp_path, capsys):
    corpus = _own_names(tmp_path, ".csv")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--text-column", "body", "--outlet-column", "source", "--id-column", "story",
                 "--title-column", "headline", "--out", str(out), "--no-notebook"]) == 0
    articles = pd.read_csv(out / "articles.csv")
    assert sorted(articles["doc_id"]) == ["a1", "a2", "b1"]
    assert sorted(set(articles["outlet"])) == ["Daily Planet", "Gotham Gazette"]
    assert "Mayor opens bridge" in set(articles["title"])


def test_a_missing_text_column_points_to_the_option_on_the_command_line(tmp_path, capsys):
    corpus = _own_names(tmp_path, ".csv")
    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--no-notebook"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "no 'text' column" in line and "--text-column" in line and "columns=" not in line
    assert not (tmp_path / "out").exists()


def test_the_force_advice_on_the_command_line_is_the_option_only(tmp_path, capsys):
    out = tmp_path / "a.csv"
    out.write_text("keep\n", encoding="utf-8")
    assert main(["analyze", "blinken-china-2024", "-o", str(out)]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert line.endswith("already exists; pass --force to overwrite it") and "force=True" not in line


def test_the_encoding_advice_on_the_command_line_is_the_option_only(tmp_path, capsys):
    path = tmp_path / "latin.csv"
    path.write_bytes("doc_id,outlet,text\n1,X,caf\xe9 is open.\n".encode("latin-1"))
    assert main(["run", str(path), "--out", str(tmp_path / "out"), "--no-notebook"]) == 2
    line = _one_line_error(capsys.readouterr().err)
    assert "(--encoding NAME)" in line and "in Python" not in line
    assert main(["run", str(path), "--out", str(tmp_path / "out"), "--no-notebook", "--encoding", "latin-1"]) == 0
