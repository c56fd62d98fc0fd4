"""The curated notebooks run top to bottom from a fresh kernel."""

from __future__ import annotations

import json

import nbformat

from toolkit.notebooks import NOTEBOOKS_DIR, execute_notebook

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
    assert len(cached) == 3  # the analysis, its alignment, target mentions and terms were cached cold ...
    second = _outputs(execute_notebook("01_rt_vs_nbc_blinken_trip.ipynb", tmp_path / "two", html=False))
    assert sorted(p.name for p in (tmp_path / "cache").glob("*/derived/*")) == cached  # ... and read back warm
    assert not [o for o in first if o.get("output_type") == "error"]
    text = json.dumps(first)
    for finding in ("Omission:", "Voices:", "Sentiment toward the US"):
        assert finding in text
    assert "class='sbs'" in text and "image/png" in text
    assert first == second  # same inputs, same outputs, images included
    assert (tmp_path / "one" / "01_rt_vs_nbc_blinken_trip.html").is_file()
