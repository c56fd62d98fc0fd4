"""The command line, end to end, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import main


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def test_compare_prints_one_row_per_outlet():
    result = run("compare", "blinken-china-2024")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.split() == ["NBC", "Chicago", "1", "22"] for line in lines)
    assert any(line.split() == ["RT", "1", "22"] for line in lines)


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_analyze_writes_one_row_per_article(tmp_path, suffix, capsys):
    out = tmp_path / f"articles{suffix}"
    assert main(["analyze", "blinken-china-2024", "-o", str(out)]) == 0
    frame = {".csv": pd.read_csv, ".parquet": pd.read_parquet,
             ".jsonl": lambda p: pd.read_json(p, lines=True)}[suffix](out)
    assert sorted(frame["doc_id"]) == ["nbc-chicago", "rt"]
    assert "vader_compound" in frame.columns
    # refuses to overwrite without --force
    assert main(["analyze", "blinken-china-2024", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["analyze", "blinken-china-2024", "-o", str(out), "--force"]) == 0


def test_compare_writes_html_and_figures(tmp_path):
    html, figures = tmp_path / "report.html", tmp_path / "figs"
    assert main(["compare", "blinken-china-2024", "--html", str(html), "--figures", str(figures)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "NBC Chicago" in page and "Blinken to warn China against helping Russia" in page
    assert sorted(p.name for p in figures.glob("*.png"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "missing-folder"], "missing-folder: no such file or folder"),
        (["analyze", "blinken-china-2024", "-o", "out.xlsx"], "out.xlsx: unknown output format"),
    ],
)
def test_bad_input_is_one_line_without_traceback(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"toolkit: error: {message}")
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())  # nothing written


def test_empty_csv_from_the_command_line(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    result = run("analyze", str(path), "-o", str(tmp_path / "x.csv"))
    assert result.returncode == 2
    assert "empty.csv: the file is empty" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_text_column_option(tmp_path):
    path = tmp_path / "c.csv"
    pd.DataFrame([{"id": "1", "body": "One sentence here.", "src": "X"}]).to_csv(path, index=False)
    out = tmp_path / "o.csv"
    assert main(["analyze", str(path), "--text-column", "body", "--outlet-column", "src", "-o", str(out)]) == 0
    assert pd.read_csv(out)["outlet"].tolist() == ["X"]


def test_run_writes_report_figures_and_tables(tmp_path):
    result = run("run", "--out", str(tmp_path / "out"), "--no-notebook")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    assert (out / "report.html").is_file() and (out / "comparison.csv").is_file()
    assert list((out / "figures").glob("*.png"))
    assert not list(out.rglob("*.part"))
    again = run("run", "--out", str(out), "--no-notebook")
    assert again.returncode == 2 and "earlier run; pass --force" in again.stderr
    assert run("run", "--out", str(out), "--no-notebook", "--force").returncode == 0


def test_figures_carry_provenance(tmp_path):
    import json

    from PIL import Image

    assert main(["compare", "blinken-china-2024", "--figures", str(tmp_path)]) == 0
    info = json.loads(Image.open(tmp_path / "vader_compound.png").info["Description"])
    assert {"toolkit_version", "corpus_checksum", "resources", "seed"} <= set(info)
