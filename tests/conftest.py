"""A small corpus a person can check by reading it, and shared fixtures."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed per test, so a run on the same code passes or fails
# the same way every time; on a developer's machine they draw new examples on every run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent

#: Three short articles, two outlets. Readable, hand-checkable.
SMALL = [
    {"doc_id": "a1", "outlet": "Daily Planet", "title": "Mayor opens bridge",
     "text": "The mayor opened the new bridge on Monday. “It is a great day,” she said.\n\n"
             "Critics warned that the project was late. The council denied it."},
    {"doc_id": "a2", "outlet": "Daily Planet", "title": "Bridge traffic",
     "text": "Traffic on the bridge was light. Drivers said they liked it."},
    {"doc_id": "b1", "outlet": "Gotham Gazette", "title": "Bridge fiasco",
     "text": "The bridge opened two years late and far over budget. "
             "It is a terrible waste, according to the council."},
]


@pytest.fixture
def small_records() -> list[dict[str, str]]:
    return [dict(r) for r in SMALL]


@pytest.fixture
def small_csv(tmp_path: Path) -> Path:
    import pandas as pd

    path = tmp_path / "small.csv"
    pd.DataFrame(SMALL).to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def blinken():
    from toolkit import load_corpus

    return load_corpus("blinken-china-2024")


def _tree_digest(*folders: Path) -> dict[str, str]:
    import hashlib

    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture(scope="session", autouse=True)
def inputs_unchanged():
    """The bundled corpora and shipped data are byte-for-byte the same after the whole test session."""
    folders = (ROOT / "corpora", ROOT / "toolkit" / "data")
    before = _tree_digest(*folders)
    assert before, "nothing to hash: corpora/ and toolkit/data/ are empty"
    yield
    after = _tree_digest(*folders)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"tests changed input files: {changed}"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Notebooks analyse with ``cache=True``: in the tests that cache is a fresh folder, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOOLKIT_CACHE", str(tmp_path_factory.mktemp("toolkit-cache")))
        yield


def cell_outputs(path: Path) -> list[list[dict[str, Any]]]:
    """The outputs of each code cell of an executed notebook, as two runs of it should agree on.

    Execution counters and metadata are dropped. The kernel flushes printed text
    at its own pace, so the same text may arrive as one stream output or as
    several: consecutive stream outputs of a cell with the same name are joined.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        kept: list[dict[str, Any]] = []
        for raw in cell["outputs"]:
            out = {k: v for k, v in raw.items() if k not in ("execution_count", "metadata")}
            if out.get("output_type") == "stream":
                out["text"] = "".join(out["text"]) if isinstance(out["text"], list) else out["text"]
                last = kept[-1] if kept else None
                if last is not None and last.get("output_type") == "stream" and last["name"] == out["name"]:
                    last["text"] += out["text"]
                    continue
            kept.append(out)
        cells.append(kept)
    return cells
