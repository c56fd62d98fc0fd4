"""Packaging: fast import, pinned environment in step, every shipped resource carded."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "toolkit" / "data"
CONDA_NAMES = {"vadersentiment": "vadersentiment", "pyyaml": "pyyaml"}


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def _direct_dependencies() -> set[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        names += extra
    return {re.split(r"[\[<>=!~ ]", n)[0].lower().replace("_", "-") for n in names}


def test_import_is_fast():
    code = "import time; t = time.perf_counter(); import toolkit; print(time.perf_counter() - t)"
    elapsed = min(float(subprocess.check_output([sys.executable, "-c", code])) for _ in range(3))
    assert elapsed < 1.0
    heavy = subprocess.check_output([sys.executable, "-c",
                                     "import sys, toolkit; print(sorted(m for m in ('pandas', 'sklearn', "
                                     "'matplotlib', 'textblob') if m in sys.modules))"], text=True)
    assert heavy.strip() == "[]"


def test_environment_yml_matches_the_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for item in env["dependencies"]:
        if isinstance(item, str) and "=" in item and not item.startswith("python="):
            name, version = item.split("=", 1)
            conda[name.lower()] = version
    lock = _lock()
    direct = _direct_dependencies()
    assert direct <= set(lock), sorted(direct - set(lock))
    for name in direct:
        conda_name = CONDA_NAMES.get(name, name)
        assert conda_name in conda, f"{conda_name} missing from environment.yml"
        assert conda[conda_name] == lock[name], f"{name}: environment.yml {conda[conda_name]} != lock {lock[name]}"
    python = next(i for i in env["dependencies"] if isinstance(i, str) and i.startswith("python="))
    assert python == "python=3.11"


def _resources() -> list[Path]:
    return sorted(p for p in DATA.rglob("*") if p.is_file() and not p.name.endswith(".card.md"))


@pytest.mark.parametrize("path", _resources(), ids=lambda p: str(p.relative_to(DATA)))
def test_every_resource_has_a_card_with_its_checksum(path):
    from toolkit.resources import checksum

    card = path.with_name(path.name.split(".")[0] + ".card.md")
    assert card.is_file(), f"no card for {path.name}"
    text = card.read_text(encoding="utf-8").lower()
    for word in ("source", "licen"):
        assert word in text, f"{card.name} does not state its {word}"
    assert checksum(path) in text, f"{card.name} does not carry the current SHA-256 of {path.name}"


def test_every_bundled_corpus_has_a_data_card():
    for folder in (ROOT / "corpora").iterdir():
        card = (folder / "DATACARD.md").read_text(encoding="utf-8").lower()
        for word in ("where it comes from", "cleaning", "rights"):
            assert word in card
