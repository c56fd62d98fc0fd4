"""The curated notebooks run top to bottom from a fresh kernel."""

from __future__ import annotations

import json

import nbformat

from toolkit.cli import main
from toolkit.notebooks import NOTEBOOKS_DIR, execute_notebook, notebook_for_corpus

from .conftest import cell_outputs


def test_notebooks_are_committed_without_outputs():
    for path in NOTEBOOKS_DIR.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells), path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_notebook_03_executes_exports_and_reruns_identically(tmp_path):
    path = execute_notebook("03_your_own_corpus.ipynb", tmp_path, html=False)
    outputs = _outputs(path)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    exported = tmp_path / "your_corpus_outputs"
    assert (exported / "articles.parquet").is_file() and (exported / "provenance.json").is_file()
    assert "legacy.txt:1: not valid utf-8" in json.dumps(outputs)
    assert _outputs(execute_notebook("03_your_own_corpus.ipynb", tmp_path / "again", html=False)) == outputs


def _outputs(path):
    return [o for cell in cell_outputs(path) for o in cell]


def test_notebook_01_executes_identically_twice(tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE", str(tmp_path / "cache"))
    first = _outputs(execute_notebook("01_rt_vs_nbc_blinken_trip.ipynb", tmp_path / "one"))
    cached = sorted(p.name for p in (tmp_path / "cache").glob("*/derived/*"))
    # the analysis, its comparison, alignment, target mentions, frame shares, top frame sentences and terms
    # were cached cold ...
    assert len(cached) == 6
    second = _outputs(execute_notebook("01_rt_vs_nbc_blinken_trip.ipynb", tmp_path / "two", html=False))
    assert sorted(p.name for p in (tmp_path / "cache").glob("*/derived/*")) == cached  # ... and read back warm
    assert not [o for o in first if o.get("output_type") == "error"]
    text = json.dumps(first)
    for finding in ("Omission:", "Voices:", "Sentiment toward the US"):
        assert finding in text
    assert "class='sbs'" in text and "image/png" in text
    assert first == second  # same inputs, same outputs, images included
    assert (tmp_path / "one" / "01_rt_vs_nbc_blinken_trip.html").is_file()


def test_run_picks_notebook_01_for_the_bundled_corpus_and_03_with_an_absolute_path_otherwise(small_csv, monkeypatch):
    assert notebook_for_corpus("blinken-china-2024") == ("01_rt_vs_nbc_blinken_trip.ipynb",
                                                         {"CORPUS": "blinken-china-2024"})
    monkeypatch.chdir(small_csv.parent)
    assert notebook_for_corpus("small.csv") == ("03_your_own_corpus.ipynb", {"CORPUS": str(small_csv.resolve())})


def test_run_on_a_relative_path_executes_notebook_03_on_that_corpus(small_csv, monkeypatch, capsys):
    monkeypatch.chdir(small_csv.parent)
    assert main(["run", "small.csv", "--out", "out"]) == 0
    out = small_csv.parent / "out"
    outputs = _outputs(out / "notebooks" / "03_your_own_corpus.ipynb")
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert "3 articles" in json.dumps(outputs)  # the small corpus, not the notebook's sample of 2 articles
    assert (out / "report.html").is_file() and (out / "articles.csv").is_file()


def test_a_failing_notebook_stops_run_with_one_line_and_writes_nothing(small_csv, tmp_path, monkeypatch, capsys):
    import toolkit.notebooks

    # notebook 01 refuses a corpus other than the bundled one: a notebook that fails
    monkeypatch.setattr(toolkit.notebooks, "notebook_for_corpus",
                        lambda corpus: ("01_rt_vs_nbc_blinken_trip.ipynb", {"CORPUS": str(small_csv)}))
    out = tmp_path / "out"
    assert main(["run", str(small_csv), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "\x1b[" not in err
    assert err.strip().splitlines()[-1] == (
        "toolkit: error: 01_rt_vs_nbc_blinken_trip.ipynb: code cell 2 (id 46ec61be) failed: ValueError: notebook 01 "
        "is written for the bundled blinken-china-2024 (RT and NBC Chicago); use notebook 03 for another corpus")
    assert not [p for p in out.rglob("*") if p.is_file()]


def test_notebooks_reports_missing_validation_data_on_stderr(tmp_path, capsys):
    status = main(["notebooks", "04_validation.ipynb", "--data", str(tmp_path / "nowhere"), "--out", str(tmp_path)])
    captured = capsys.readouterr()
    assert status == 2 and captured.out == ""
    assert captured.err.startswith("toolkit: 04_validation.ipynb: not run (") and len(captured.err.splitlines()) == 1
