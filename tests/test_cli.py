"""The command line, end to end, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.errors import InputError


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


# ------------------------------------------------------------------ robustness of the command line

def _cli(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The command line in a fresh process, progress bars off."""
    import os

    return subprocess.run([sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout, env={**os.environ, "TQDM_DISABLE": "1"})


def _one_line_error(stderr: str, expected: str = "") -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert expected in lines[0], lines[0]
    return lines[0]


def _good_csv(folder: Path) -> Path:
    path = folder / "good.csv"
    pd.DataFrame([{"doc_id": f"d{i}", "outlet": "AB"[i % 2], "text": f"Sentence {i} is here. Another one."}
                  for i in range(4)]).to_csv(path, index=False)
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "{good}", "-o", "{out}/x2", "--engine", "dask", "--workers", "0"],
        ["analyze", "{good}", "-o", "{out}/x2", "--engine", "dask", "--workers", "-1"],
        ["analyze", "{good}", "-o", "{out}/x2", "--limit", "0"],
        ["analyze", "{good}", "-o", "{out}/x2", "--limit", "-1"],
        ["analyze", "{good}", "-o", "{out}/x2", "--chunk-size", "0"],
        ["analyze", "{good}", "-o", "{out}/x2", "--workers", "two"],
        ["bench", "attribution", "--n", "0"],
        ["bench", "attribution", "--n", "-5"],
        ["bench", "split", "--n", "-5"],
        ["bench", "pipeline", "--n", "-5"],
        ["bench", "pipeline", "--workers", "0"],
        ["bench", "pipeline", "--repeat", "0"],
        ["fuzz", "--n", "-5"],
        ["fuzz", "--workers", "-2"],
    ],
)
def test_numeric_flags_below_one_are_refused_in_one_line(tmp_path, capsys, args):
    good = _good_csv(tmp_path)
    out = tmp_path / "out"
    argv = [a.format(good=good, out=out) for a in args]
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    _one_line_error(capsys.readouterr().err, "expected a whole number of at least 1")
    assert not out.exists()


def test_analyze_files_refuses_workers_chunk_size_limit_below_one(tmp_path):
    from toolkit.scale import analyze_files

    good = _good_csv(tmp_path)
    for kwargs in ({"workers": 0, "engine": "dask"}, {"chunk_size": 0}, {"limit": 0}, {"limit": -1}):
        with pytest.raises(InputError, match="at least 1"):
            analyze_files(good, tmp_path / "res", progress=False, **kwargs)  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.csv"]  # no .res.partial-* folder


def _damaged_streams(folder: Path) -> dict[str, tuple[Path, str]]:
    import gzip

    records = b"".join(b'{"doc_id": "%d", "outlet": "X", "text": "Hello there. Fine."}\n' % i for i in range(50))
    whole = gzip.compress(records)
    files = {
        "garbage.parquet": (b"PAR1 this is not parquet at all", "not a readable Parquet file"),
        "garbage.jsonl.gz": (b"\x1a\x96 not gzip", "damaged gzip file"),
        "trunc.jsonl.gz": (whole[: len(whole) // 2], "gzip file"),
        "latin1.jsonl": ('{"doc_id": "1", "outlet": "X", "text": "café"}\n'.encode("latin-1"), "not UTF-8"),
    }
    out = {}
    for name, (data, expected) in files.items():
        (folder / name).write_bytes(data)
        out[name] = (folder / name, expected)
    return out


@pytest.mark.parametrize("name", ["garbage.parquet", "garbage.jsonl.gz", "trunc.jsonl.gz", "latin1.jsonl"])
def test_streaming_a_damaged_file_is_one_line_and_leaves_nothing(tmp_path, name):
    path, expected = _damaged_streams(tmp_path)[name]
    before = path.read_bytes()
    result = _cli("analyze", str(path), "-o", str(tmp_path / "o" / "d/"))
    assert result.returncode == 2
    line = _one_line_error(result.stderr, expected)
    assert name in line
    assert not any((tmp_path / "o").iterdir())  # no output, no hidden .d.partial-* folder
    assert path.read_bytes() == before


def test_dask_worker_error_is_one_line_without_dask_tracebacks(tmp_path):
    lines = [f'{{"doc_id": "{i}", "outlet": "X", "text": "Hello number {i}. Fine."}}' for i in range(40)]
    lines[30] = '{"doc_id": broken'
    path = tmp_path / "mid_broken.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _cli("analyze", str(path), "-o", str(tmp_path / "mb"), "--engine", "dask", "--workers", "1",
                  "--chunk-size", "10")
    assert result.returncode == 2
    _one_line_error(result.stderr, "mid_broken.jsonl:31: not valid JSON")
    assert "WARNING" not in result.stderr and "distributed" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mid_broken.jsonl"]


def test_error_after_a_progress_bar_starts_its_own_line(tmp_path, capsys):
    from toolkit.scale import analyze_files

    path, _ = _damaged_streams(tmp_path)["trunc.jsonl.gz"]
    with pytest.raises(InputError):
        analyze_files(path, tmp_path / "d", progress=True)
    err = capsys.readouterr().err
    assert "analysing" in err and err.endswith("\n")  # the bar is closed: an error printed now starts a line


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_dask_output_with_a_table_extension_is_refused(tmp_path, capsys, suffix):
    good = _good_csv(tmp_path)
    target = tmp_path / f"p{suffix}"
    assert main(["analyze", str(good), "-o", str(target), "--engine", "dask", "--workers", "1"]) == 2
    _one_line_error(capsys.readouterr().err, "folder of Parquet parts")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.csv"]


def test_streamed_output_folder_has_the_usual_mode(tmp_path):
    import os
    import stat

    good = _good_csv(tmp_path)
    assert main(["analyze", str(good), "-o", str(tmp_path / "res")]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE((tmp_path / "res").stat().st_mode) == 0o777 & ~umask


@pytest.mark.parametrize(
    "args",
    [["validate", "framing"], ["validate", "sentiment"], ["validate", "attribution"], ["validate", "pairing"],
     ["bench", "split", "--n", "5"], ["bench", "attribution"], ["bench", "parity"], ["bench", "pipeline"]],
)
def test_json_output_is_not_overwritten_without_force(tmp_path, capsys, args):
    existing = tmp_path / "existing.json"
    existing.write_text('{"keep": true}\n', encoding="utf-8")
    assert main([*args, "--data", str(tmp_path / "nodata"), "--json", str(existing)]) == 2
    _one_line_error(capsys.readouterr().err, "existing.json: already exists; pass --force")
    assert existing.read_text(encoding="utf-8") == '{"keep": true}\n'


def test_json_output_is_overwritten_with_force(tmp_path, capsys):
    import json

    existing = tmp_path / "existing.json"
    existing.write_text('{"keep": true}\n', encoding="utf-8")
    assert main(["bench", "split", "--n", "5", "--data", str(tmp_path / "nodata"), "--json", str(existing),
                 "--force"]) == 0
    assert "splitters" in json.loads(existing.read_text(encoding="utf-8"))


def test_compare_checks_every_output_before_the_analysis(tmp_path):
    good = _good_csv(tmp_path)
    existing = tmp_path / "existing.html"
    existing.write_text("keep", encoding="utf-8")
    result = _cli("compare", str(good), "--figures", str(tmp_path / "NEW"), "--html", str(existing))
    assert result.returncode == 2
    _one_line_error(result.stderr, "existing.html: already exists")
    assert not (tmp_path / "NEW").exists()
    assert existing.read_text(encoding="utf-8") == "keep"
    assert result.stdout == ""  # refused before the analysis, not after it
    # figures that would be overwritten, and a file where the figures folder should be
    figures = tmp_path / "figs"
    figures.mkdir()
    (figures / "vader_compound.png").write_bytes(b"old")
    assert main(["compare", str(good), "--figures", str(figures), "--html", str(tmp_path / "r.html")]) == 2
    assert not (tmp_path / "r.html").exists() and (figures / "vader_compound.png").read_bytes() == b"old"
    assert main(["compare", str(good), "--figures", str(existing)]) == 2


@pytest.mark.parametrize("command", ["quotes", "targets", "frames", "pair"])
def test_table_outputs_check_the_target_first_and_carry_a_provenance_sidecar(tmp_path, capsys, command):
    import json

    out = tmp_path / "t.csv"
    assert main([command, "blinken-china-2024", "-o", str(out)]) == 0
    sidecar = tmp_path / "t.csv.provenance.json"
    prov = json.loads(sidecar.read_text(encoding="utf-8"))
    assert prov["command"] == command and {"toolkit_version", "corpus_checksum", "resources"} <= set(prov)
    capsys.readouterr()
    before = out.read_bytes()
    assert main([command, "blinken-china-2024", "-o", str(out)]) == 2
    _one_line_error(capsys.readouterr().err, "already exists")
    assert out.read_bytes() == before
    assert main([command, "blinken-china-2024", "-o", str(tmp_path / "t.xlsx")]) == 2
    assert "unknown output format" in capsys.readouterr().err


def _damaged_data(folder: Path) -> Path:
    import gzip

    data = folder / "data"
    (data / "narrative-frames").mkdir(parents=True)
    (data / "narrative-frames" / "articles_metadata.tsv").write_bytes(b"")
    (data / "newsmtsc").mkdir()
    for split in ("train", "devtest_rw", "devtest_mt"):
        (data / "newsmtsc" / f"{split}.jsonl").write_bytes(b"\xff\xfe not utf-8\n")
    (data / "article-bias-prediction").mkdir()
    whole = gzip.compress(b"".join(b'{"ID": "%d", "source": "X", "content_original": "Hi. There."}\n' % i
                                   for i in range(200)))
    (data / "article-bias-prediction" / "articles.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    return data


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["validate", "framing"], "articles_metadata.tsv: the file is empty"),
     (["validate", "sentiment"], "train.jsonl:1: text is not UTF-8"),
     (["bench", "parity"], "devtest_mt.jsonl:1: text is not UTF-8"),
     (["bench", "split"], "articles.jsonl.gz: truncated gzip file"),
     (["bench", "attribution"], "articles.jsonl.gz: truncated gzip file"),
     (["bench", "pipeline"], "articles.jsonl.gz: truncated gzip file")],
)
def test_damaged_validation_data_is_one_line_naming_the_file(tmp_path, capsys, args, expected):
    data = _damaged_data(tmp_path)
    assert main([*args, "--data", str(data)]) == 2
    _one_line_error(capsys.readouterr().err, expected)


def test_not_utf8_message_names_the_encoding_flag(tmp_path, capsys):
    path = tmp_path / "latin.csv"
    path.write_bytes("doc_id,outlet,text\n1,X,caf\xe9 is open.\n".encode("latin-1"))
    assert main(["analyze", str(path), "-o", str(tmp_path / "o.csv")]) == 2
    assert "--encoding" in _one_line_error(capsys.readouterr().err)


def test_every_option_has_help_text():
    from toolkit.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        for action in p._actions:
            if action.option_strings:
                assert action.help, f"toolkit {name} {action.option_strings or action.dest} has no help text"


def test_bench_total_memory_is_at_least_the_largest_process(tmp_path, monkeypatch):
    import toolkit.bench as bench

    monkeypatch.setattr(bench, "_process_tree_rss", lambda pid: {})  # a sampler that saw nothing
    good = tmp_path / "a.jsonl"
    good.write_text('{"ID": "1", "source": "X", "content_original": "Hello there.", "title": "t", '
                    '"date": "2020-01-01", "url": "u"}\n', encoding="utf-8")
    run = bench._whole_run(good, tmp_path / "res", n=1, workers=1)
    assert run["total_rss_mib"] >= run["peak_rss_mib"] > 0


def test_a_terminated_streaming_run_removes_its_partial_folder(tmp_path):
    import json
    import os
    import signal
    import time

    from toolkit import load_corpus

    seed = load_corpus("blinken-china-2024")
    source = tmp_path / "large.jsonl"
    source.write_text("\n".join(json.dumps({"doc_id": f"d{i}", "outlet": seed.loc[i % 2, "outlet"],
                                            "text": seed.loc[i % 2, "text"]}) for i in range(3000)),
                      encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "analyze", str(source), "-o", str(tmp_path / "x2"),
                             "--chunk-size", "100"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".x2.partial-*/part-*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert proc.poll() is None, "finished before it could be stopped: make the input larger"
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["large.jsonl"]


def test_streaming_reads_the_encoding_given_on_the_command_line(tmp_path, capsys):
    from toolkit.scale import read_results

    path = tmp_path / "latin.csv"
    path.write_bytes("doc_id,outlet,text\n1,X,Le café est ouvert.\n".encode("latin-1"))
    assert main(["analyze", str(path), "-o", str(tmp_path / "a")]) == 2
    assert "--encoding" in _one_line_error(capsys.readouterr().err)
    assert main(["analyze", str(path), "-o", str(tmp_path / "b"), "--encoding", "latin-1"]) == 0
    assert read_results(tmp_path / "b")["n_words"].tolist() == [4]
