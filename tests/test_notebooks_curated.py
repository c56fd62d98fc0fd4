"""Notebook 02 (the classroom lesson): runs cleanly, shows figures and the side-by-side view, is deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.notebooks import execute_notebook

from .conftest import cell_outputs

NB02 = "02_media_literacy_classroom.ipynb"


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first = execute_notebook(NB02, tmp_path_factory.mktemp("nb02a"), html=False)
    second = execute_notebook(NB02, tmp_path_factory.mktemp("nb02b"), html=False)
    return first, second


def test_notebook_02_has_no_error_and_shows_figures_and_side_by_side(two_runs: tuple[Path, Path]) -> None:
    outputs = [o for cell in cell_outputs(two_runs[0]) for o in cell]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"]
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert "class='sbs'" in html and "only in RT" in html and "only in Business Daily (fictional)" in html
    assert "<details><summary>Answer</summary>" in html
    assert sum("image/png" in o.get("data", {}) for o in outputs) >= 4


def test_notebook_02_is_deterministic(two_runs: tuple[Path, Path]) -> None:
    first, second = (cell_outputs(p) for p in two_runs)
    assert len(first) == len(second)
    for index, (a, b) in enumerate(zip(first, second, strict=True)):
        assert a == b, f"code cell {index} differs between two runs"
