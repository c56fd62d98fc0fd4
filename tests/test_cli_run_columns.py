"""`toolkit run` on a user's own corpus: column options, what lands in --out, help texts, --data errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from toolkit.cli import build_parser, main

from .conftest import SMALL, cell_outputs

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


# ---------------------------------------------------------------- 2. what run writes for notebook 03


def test_run_on_a_users_corpus_writes_only_its_own_outputs(tmp_path, monkeypatch, capsys):
    corpus = _own_names(tmp_path, ".jsonl")
    monkeypatch.chdir(tmp_path)
    assert main(["run", corpus.name, "--text-column", "body", "--outlet-column", "source", "--id-column", "story",
                 "--out", "DIR"]) == 0
    notebooks = tmp_path / "DIR" / "notebooks"
    # no sample articles (your_corpus_inputs/) and no second copy of the tables (your_corpus_outputs/)
    assert sorted(p.name for p in notebooks.iterdir()) == ["03_your_own_corpus.html", "03_your_own_corpus.ipynb"]
    assert "executing notebook 03_your_own_corpus.ipynb on mine.jsonl" in capsys.readouterr().err
    executed = notebooks / "03_your_own_corpus.ipynb"
    nb = nbformat.read(executed, as_version=4)
    assert not [c for c in nb.cells if "skip-in-run" in c.metadata.get("tags", [])]
    injected = next(c.source for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "COLUMNS = {'text': 'body', 'outlet': 'source', 'doc_id': 'story'}" in injected
    outputs = json.dumps(cell_outputs(executed))
    assert '"error"' not in outputs and "3 articles" in outputs and "Blinken" not in outputs
    assert (tmp_path / "DIR" / "provenance.json").is_file() and (tmp_path / "DIR" / "articles.csv").is_file()


def test_notebook_for_corpus_passes_the_column_options_to_notebook_03(small_csv):
    from toolkit.notebooks import notebook_for_corpus

    name, parameters = notebook_for_corpus(small_csv, columns={"text": "body"}, encoding="latin-1")
    assert name == "03_your_own_corpus.ipynb"
    assert parameters == {"CORPUS": str(small_csv.resolve()), "COLUMNS": {"text": "body"}, "ENCODING": "latin-1"}


def test_a_failing_cell_is_numbered_as_in_the_committed_notebook_when_cells_are_left_out(tmp_path, monkeypatch):
    import toolkit.notebooks
    from toolkit.notebooks import NotebookError, execute_notebook

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("X = 1")
    params.metadata["tags"] = ["parameters"]
    skipped = nbformat.v4.new_code_cell("print('left out')")
    skipped.metadata["tags"] = ["skip-in-run"]
    failing = nbformat.v4.new_code_cell("raise ValueError('boom')")
    nb.cells = [params, skipped, failing]
    nbformat.write(nb, tmp_path / "t.ipynb")
    monkeypatch.setattr(toolkit.notebooks, "NOTEBOOKS_DIR", tmp_path)
    with pytest.raises(NotebookError, match=rf"code cell 3 \(id {failing.id}\) failed: ValueError: boom"):
        execute_notebook("t.ipynb", tmp_path / "out", parameters={"X": 2}, html=False, skip_tags=("skip-in-run",))


# ---------------------------------------------------------------- 3. help texts


def test_every_argument_has_help_text_positional_ones_too():
    for name, p in _subcommands().items():
        for action in p._actions:  # type: ignore[attr-defined]
            assert action.help, f"toolkit {name} {action.option_strings or action.dest} has no help text"


def test_pair_threshold_help_gives_the_default_from_the_code():
    from toolkit.pairing import DEFAULT_THRESHOLD

    threshold = next(a for a in _subcommands()["pair"]._actions if a.dest == "threshold")  # type: ignore[attr-defined]
    assert f"(default: {DEFAULT_THRESHOLD})" in threshold.help
    assert "documented" not in threshold.help
    assert build_parser().parse_args(["pair", "x.csv"]).threshold is None  # the handler applies the default


def test_building_the_parser_does_not_import_the_slow_modules():
    code = ("import sys; from toolkit.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('toolkit.pairing', 'pandas') if m in sys.modules))")
    assert subprocess.check_output([sys.executable, "-c", code], text=True).strip() == "[]"


def test_summaries_are_whole_sentences():
    result = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True)
    assert "executed copies and HTML\n" not in result.stdout
    assert "(force=True)" not in json.dumps([p.format_help() for p in _subcommands().values()])  # type: ignore


# ---------------------------------------------------------------- 4. validate --data


@pytest.mark.parametrize("what", ["attribution", "sentiment", "framing", "pairing"])
def test_validate_with_a_data_folder_that_does_not_exist_is_one_line_and_status_2(tmp_path, capsys, what):
    missing = tmp_path / "nonexistent"
    assert main(["validate", what, "--data", str(missing)]) == 2
    captured = capsys.readouterr()
    assert _one_line_error(captured.err) == f"toolkit: error: {missing}: no such folder (given with --data)"
    assert captured.out == ""


@pytest.mark.parametrize(("what", "dataset"), [("attribution", "basil"), ("sentiment", "newsmtsc"),
                                               ("framing", "narrative-frames"), ("pairing", "basil")])
def test_validate_with_a_data_folder_without_the_data_set_is_one_line_and_status_2(tmp_path, capsys, what,
                                                                                   dataset):
    assert main(["validate", what, "--data", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    line = _one_line_error(captured.err)
    assert line.startswith(f"toolkit: error: {tmp_path}: holds no {dataset}/ folder") and captured.out == ""


def test_validate_attribution_without_data_scores_the_seed_articles_only(monkeypatch, capsys):
    import toolkit.resources
    from toolkit.errors import DataNotFoundError

    def nowhere(path=None, *, dataset=None):
        assert path is None
        raise DataNotFoundError(f"data set {dataset} not found (looked in nowhere/{dataset})")

    monkeypatch.setattr(toolkit.resources, "data_dir", nowhere)
    assert main(["validate", "attribution"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("note: data set basil not found") and "BASIL: not measured" in out
