"""The standalone report rendered in headless Chromium (Debian's package)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pandas as pd

from toolkit import analyze, compare_outlets, load_corpus
from toolkit.report import write_report

HOSTILE = ("<script>document.body.setAttribute('data-pwned','1')</script> "
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','2')\"> </style> \"quoted' "
           "<a href=\"javascript:alert(1)\">link</a> & more.")


def _chromium(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "chromium is not installed: bash dev.sh test installs Debian's chromium"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={cwd / 'profile'}", "--window-size=1200,1600"]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_report_renders_with_both_headlines(tmp_path):
    corpus = load_corpus("blinken-china-2024")
    analysis = analyze(corpus)
    page = write_report(analysis, compare_outlets(analysis), tmp_path / "report.html")
    shot = tmp_path / "shot.png"
    _chromium(f"--screenshot={shot}", page.as_uri(), cwd=tmp_path)
    assert shot.is_file() and shot.stat().st_size > 20_000  # a blank page compresses to a few KB
    dom = _chromium("--dump-dom", page.as_uri(), cwd=tmp_path).stdout
    for title in corpus["title"]:
        assert title.replace("’", "’") in dom


def test_hostile_text_stays_text(tmp_path):
    corpus = pd.DataFrame([
        {"doc_id": "x1", "outlet": f"Outlet {HOSTILE}", "title": f"Title {HOSTILE}", "text": f"Body one. {HOSTILE}"},
        {"doc_id": "x2", "outlet": "Plain", "title": "Plain title", "text": "Body two. Another sentence."},
    ])
    path = tmp_path / "c.jsonl"
    corpus.to_json(path, orient="records", lines=True)
    analysis = analyze(load_corpus(path))
    page = write_report(analysis, compare_outlets(analysis), tmp_path / "hostile.html")
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img src=x" not in html
    dom = _chromium("--dump-dom", page.as_uri(), cwd=tmp_path).stdout
    assert "data-pwned=" not in dom.replace("setAttribute('data-pwned'", "")
    assert "document.body.setAttribute" in dom  # shown as text
