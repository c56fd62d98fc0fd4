"""Executing the curated notebooks, as the main job and the tests do.

Notebooks live in ``notebooks/`` beside the package, committed without
outputs. :func:`execute_notebook` runs one top to bottom in a fresh kernel,
injecting parameters into the cell tagged ``parameters`` (the papermill
convention), and writes the executed copy (and an HTML rendering) atomically.
Cells tagged ``skip-in-run`` (:data:`SKIP_IN_RUN`) are left out when
``toolkit run`` executes a notebook on a corpus: notebook 03's sections on
sample files, and its own export of the tables ``toolkit run`` writes itself.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, ToolkitError

__all__ = ["NOTEBOOKS_DIR", "SKIP_IN_RUN", "NotebookError", "execute_notebook", "list_notebooks",
           "notebook_for_corpus"]

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"

#: The corpus that notebook 01 (the RT vs NBC Chicago reproduction) is written for.
CURATED_CORPUS = "blinken-china-2024"

#: Tag of the cells ``toolkit run`` leaves out: teaching steps on sample files, and exports it makes itself.
SKIP_IN_RUN = "skip-in-run"


class NotebookError(ToolkitError):
    """A cell of a notebook raised an error (or the kernel died, or a cell timed out)."""


def notebook_for_corpus(corpus: str | os.PathLike[str], *, columns: dict[str, str] | None = None,
                        encoding: str = "utf-8") -> tuple[str, dict[str, Any]]:
    """The notebook ``toolkit run`` executes for a corpus, and its parameters.

    The bundled ``blinken-china-2024`` gets notebook 01, the curated RT vs NBC
    Chicago reproduction (its prose is about those two articles). Any other
    corpus gets notebook 03 (your own corpus) with ``CORPUS`` set to it, and
    ``COLUMNS`` and ``ENCODING`` when they are given (``--text-column`` ...,
    ``--encoding``), so the notebook loads the corpus as ``toolkit run`` did.
    A path is made absolute: the kernel runs in the output folder, where a
    relative path would point elsewhere.
    """
    path = Path(corpus)
    if not path.exists() and str(corpus) == CURATED_CORPUS and not columns:
        return "01_rt_vs_nbc_blinken_trip.ipynb", {"CORPUS": CURATED_CORPUS}
    parameters: dict[str, Any] = {"CORPUS": str(path.resolve()) if path.exists() else str(corpus)}
    if columns:
        parameters["COLUMNS"] = dict(columns)
    if encoding != "utf-8":
        parameters["ENCODING"] = encoding
    return "03_your_own_corpus.ipynb", parameters


def list_notebooks() -> list[str]:
    """File names of the curated notebooks."""
    return sorted(p.name for p in NOTEBOOKS_DIR.glob("*.ipynb"))


def _inject(nb: Any, parameters: dict[str, Any]) -> None:
    import nbformat

    for index, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            lines = [f"{k} = {v!r}" for k, v in parameters.items()]
            injected = nbformat.v4.new_code_cell("# injected parameters\n" + "\n".join(lines))
            injected.metadata["tags"] = ["injected-parameters"]
            nb.cells.insert(index + 1, injected)
            return
    raise InputError("no cell tagged 'parameters'", path="notebook")


def _failure(nb: Any, name: str, exc: Exception, committed: dict[str, int]) -> NotebookError:
    """One line naming the failing cell and the exception's last line.

    ``committed`` maps the id of each code cell to its number among the code
    cells of the committed notebook (cells left out do not shift the numbers).
    """
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    code = [c for c in nb.cells if c.cell_type == "code"]
    numbers: dict[int, int] = {}  # position among the executed code cells -> number in the committed notebook
    for position, cell in enumerate(code):
        if "injected-parameters" not in cell.metadata.get("tags", []) and cell.get("id") in committed:
            numbers[position] = committed[cell["id"]]
    failed = None
    for position, cell in enumerate(code):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            failed = position
            break
    if failed is None:  # a timeout or a dead kernel: the last cell that started
        started = [n for n, c in enumerate(code) if c.get("execution_count") is not None]
        failed = started[-1] if started else None
    if isinstance(exc, CellExecutionError):
        lines = [line for line in str(exc.evalue).splitlines() if line.strip()]
        what = f"{exc.ename}: {lines[-1]}" if lines else exc.ename
    elif isinstance(exc, CellTimeoutError):
        what = "the cell timed out"
    else:
        what = "the kernel died"
    where = "a cell"
    if failed is not None:
        where = (f"code cell {numbers[failed]} (id {code[failed].get('id', '?')})" if failed in numbers
                 else "the injected parameters")
    return NotebookError(f"{where} failed: {what}", path=name)


#: The kernel's command-line options: errors only in its log, and no IPython history database (an
#: executed notebook never reads it; opening it and saving to it cost the kernel's start and exit).
_KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR", "--HistoryManager.enabled=False"]


def execute_notebook(name: str, out_dir: str | os.PathLike[str], *, parameters: dict[str, Any] | None = None,
                     timeout: int = 600, html: bool = True, skip_tags: Collection[str] = ()) -> Path:
    """Execute a curated notebook; write ``out_dir/<name>`` (and ``.html``).

    Parameters
    ----------
    name : str
        File name in ``notebooks/`` (e.g. ``"01_rt_vs_nbc_blinken_trip.ipynb"``).
    out_dir : path
    parameters : dict, optional
        Values that override the ``parameters`` cell.
    timeout : int, default=600
        Seconds allowed per cell.
    html : bool, default=True
        Also write an HTML rendering beside the executed notebook.
    skip_tags : collection of str, default=()
        Cells with one of these tags are left out (not executed, not in the
        executed copy); ``toolkit run`` passes ``(SKIP_IN_RUN,)``.

    Returns
    -------
    pathlib.Path
        The executed notebook. The kernel runs in ``out_dir``, so files the
        notebook writes land beside the executed copy. The kernel is stopped
        at once when the last cell has replied (no graceful shutdown, which
        spent about 0.5 s tearing the interpreter down): every curated
        notebook writes its files inside its cells and closes them there.

    Raises
    ------
    NotebookError
        A cell raised an exception, timed out, or the kernel died: one line
        naming the cell (its number among the notebook's code cells and its
        id) and the exception's last line. The executed copy is not written.
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    from toolkit.io import atomic_open

    source = NOTEBOOKS_DIR / name
    if not source.is_file():
        raise InputError(f"no such notebook (available: {', '.join(list_notebooks())})", path=source)
    nb = nbformat.read(source, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    committed = {c["id"]: number for number, c in enumerate(code, 1) if "id" in c}  # ids: nbformat >= 4.5
    if skip_tags:
        nb.cells = [c for c in nb.cells if not set(c.get("metadata", {}).get("tags", [])) & set(skip_tags)]
    if parameters:
        _inject(nb, parameters)
    target = Path(out_dir) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    env_backend = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    try:
        NotebookClient(nb, timeout=timeout, kernel_name="python3", extra_arguments=_KERNEL_ARGUMENTS,
                       shutdown_kernel="immediate",
                       resources={"metadata": {"path": str(target.parent.resolve())}}).execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        raise _failure(nb, name, exc, committed) from None
    finally:
        if env_backend is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = env_backend
    with atomic_open(target) as handle:
        nbformat.write(nb, handle)
    if html:
        from nbconvert import HTMLExporter

        body, _ = HTMLExporter().from_notebook_node(nb)
        with atomic_open(target.with_suffix(".html")) as handle:
            handle.write(body)
    return target


def cmd_notebooks(args: Any) -> int:
    """``toolkit notebooks``: execute the curated notebooks; executed copies and HTML in ``--out``.

    ``--out`` (default ``out/notebooks``) is this command's own output folder:
    each run replaces the executed copies there, as ``toolkit run --force``
    refreshes ``out/``. Notebook 04 (validation) needs the data folder; it
    runs when ``--data``, ``$TOOLKIT_DATA`` or ``../shared/data`` holds the
    data sets, and is reported as not run otherwise (on stderr; exit status
    2 when it was named on the command line). A failing notebook stops the
    command with one line naming the cell and the exception (exit status 2).
    """
    import sys
    import time

    from toolkit.errors import DataNotFoundError
    from toolkit.resources import data_dir

    names = args.only or list_notebooks()
    failures = 0
    for name in names:
        parameters: dict[str, Any] = {}
        if name.startswith("04"):
            try:
                parameters["DATA"] = str(data_dir(args.data).resolve())
            except DataNotFoundError as exc:
                print(f"toolkit: {name}: not run ({exc})", file=sys.stderr)
                if args.only:
                    failures += 1
                continue
        start = time.perf_counter()
        path = execute_notebook(name, args.out, parameters=parameters or None)
        print(f"{name}: executed in {time.perf_counter() - start:.1f} s -> {path} (+ .html)")
    return 2 if failures else 0


def bench_notebook(name: str = "01_rt_vs_nbc_blinken_trip.ipynb", *, repeat: int = 3) -> dict[str, Any]:
    """Seconds to execute a curated notebook with an empty cache, then with a warm one.

    Each run starts a fresh kernel and executes every cell (the HTML export
    is not timed). The cache is a new temporary folder (``$TOOLKIT_CACHE``
    for the kernel), so the first run computes everything and the next
    ``repeat`` runs read the analysis and its derived tables back.
    """
    import shutil
    import statistics
    import tempfile
    import time

    root = Path(tempfile.mkdtemp(prefix="toolkit-bench-nb-"))
    previous = os.environ.get("TOOLKIT_CACHE")
    os.environ["TOOLKIT_CACHE"] = str(root / "cache")
    seconds = []
    try:
        for run in range(1 + max(1, repeat)):
            start = time.perf_counter()
            execute_notebook(name, root / f"run{run}", html=False)
            seconds.append(time.perf_counter() - start)
    finally:
        if previous is None:
            os.environ.pop("TOOLKIT_CACHE", None)
        else:
            os.environ["TOOLKIT_CACHE"] = previous
        shutil.rmtree(root, ignore_errors=True)
    return {"notebook": name, "cold_s": seconds[0], "warm_s": seconds[1:],
            "warm_median_s": statistics.median(seconds[1:])}


def cmd_bench_notebook(args: Any) -> int:
    """``toolkit bench notebook``: notebook 01 executed cold, then warm (median of ``--repeat`` runs)."""
    from toolkit.io import write_json

    result = bench_notebook(repeat=args.repeat)
    print(f"toolkit bench notebook: {result['notebook']}, fresh kernel each run, HTML export not timed")
    print(f"{'cache':<8} {'seconds':>8}")
    print(f"{'cold':<8} {result['cold_s']:>8.2f}")
    for seconds in result["warm_s"]:
        print(f"{'warm':<8} {seconds:>8.2f}")
    print(f"warm median of {len(result['warm_s'])}: {result['warm_median_s']:.2f} s")
    if args.json:
        write_json(result, args.json)
    return 0
