#!/usr/bin/env bash
# Set up and use the toolkit on a fresh machine (Python 3.11+).
#   bash dev.sh run    set up .venv/ and run the main job (analyse the bundled corpus; report,
#                      figures, tables and the executed notebook 01 in out/)
#   bash dev.sh test   set up .venv/ if needed and run the whole test suite (ruff, mypy, pytest)
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}

setup() {
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "dev.sh: Python 3.11 or newer is needed ($PYTHON is $("$PYTHON" --version 2>&1))" >&2; exit 1; }
    local stamp
    stamp=".venv/.installed-$(cat requirements.lock pyproject.toml | sha256sum | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        echo "dev.sh: setting up .venv/ from requirements.lock ..." >&2
        [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
        .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
        .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
        rm -f .venv/.installed-*
        touch "$stamp"
    fi
}

browser() {
    # the report is checked in headless Chromium (Debian's package)
    command -v chromium >/dev/null 2>&1 && return
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "dev.sh: installing Debian's chromium for the browser tests ..." >&2
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "dev.sh: the browser tests need chromium: sudo apt-get install chromium" >&2
    fi
}

case "${1:-}" in
    run)
        setup
        shift
        .venv/bin/toolkit run --force "$@"   # refreshes out/, the main job's own folder
        ;;
    test)
        setup
        browser
        shift
        .venv/bin/ruff check toolkit tests
        .venv/bin/mypy
        .venv/bin/pytest "$@"
        # notebook 04 needs the validation data sets; it runs whenever they are here
        if .venv/bin/python -c "from toolkit.resources import data_dir as d; [d(None, dataset=n) for n in ('basil', 'newsmtsc', 'narrative-frames')]" 2>/dev/null; then
            .venv/bin/toolkit notebooks 04_validation.ipynb --out out/notebooks
        else
            echo "dev.sh: validation data not found (\$TOOLKIT_DATA or ../shared/data): notebook 04 not run"
        fi
        ;;
    *)
        echo "usage: bash dev.sh run | bash dev.sh test" >&2
        exit 2
        ;;
esac
