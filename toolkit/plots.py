"""Figures. Thin: every function draws data that was computed elsewhere.

Each ``plot_*`` takes the data and an optional Axes and returns the Axes, so
figures compose in notebooks. Bars carry hatching as well as colour, and the
palette is the colour-blind-safe Okabe-Ito set, so figures read in greyscale.

References
----------
Okabe, M. & Ito, K. (2008). Color Universal Design (CUD): how to make figures
and presentations that are friendly to colorblind people. https://jfly.uni-koeln.de/color/
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["plot_outlet_metrics", "metric_png", "save_figures", "OKABE_ITO", "HATCHES"]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++")


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    if not os.environ.get("MPLBACKEND") and "ipykernel" not in __import__("sys").modules:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_outlet_metrics(comparison: pd.DataFrame, *, metric: str, ax: Axes | None = None) -> Axes:
    """Per-outlet bars with their bootstrap intervals for one metric.

    Parameters
    ----------
    comparison : pandas.DataFrame
        From :func:`toolkit.compare_outlets`.
    metric : str
        A value of its ``metric`` column.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    plt = _pyplot()
    rows = comparison[comparison["metric"] == metric].reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 0.6 + 0.55 * max(len(rows), 1)))
    if rows.empty:
        ax.text(0.5, 0.5, f"no data for {metric}", ha="center", va="center", transform=ax.transAxes)
        return ax
    y = range(len(rows))
    err = [(rows["estimate"] - rows["low"]).clip(lower=0), (rows["high"] - rows["estimate"]).clip(lower=0)]
    bars = ax.barh(list(y), rows["estimate"], xerr=err, capsize=4, edgecolor="black", linewidth=0.8,
                   color=[OKABE_ITO[i % len(OKABE_ITO)] for i in y])
    for i, bar in enumerate(bars):
        bar.set_hatch(HATCHES[i % len(HATCHES)])
    labels = [f"{o}\n(n={a} art., {n} sent.)" for o, a, n in zip(rows["outlet"], rows["n_articles"], rows["n"],
                                                                  strict=True)]
    ax.set_yticks(list(y), labels)
    ax.axvline(0, color="black", linewidth=0.6)
    unit = rows["unit"].iloc[0]
    ax.set_xlabel(f"{rows['label'].iloc[0]} ({unit}), bootstrap 95% interval")
    note = next((n for n in rows["note"] if n), "")
    if note:
        ax.set_title(note, fontsize=8, loc="left")
    ax.invert_yaxis()
    return ax


def metric_png(comparison: pd.DataFrame, metric: str, *, dpi: int = 110) -> bytes:
    """:func:`plot_outlet_metrics` for one metric, rendered to PNG bytes."""
    import io

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 0.6 + 0.55 * max(int((comparison["metric"] == metric).sum()), 1)))
    plot_outlet_metrics(comparison, metric=metric, ax=ax)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def save_figures(comparison: pd.DataFrame, folder: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """One PNG per metric (``<metric>.png``), written atomically."""
    from toolkit.io import atomic_open

    paths = []
    for metric in dict.fromkeys(comparison["metric"]):
        target = Path(folder) / f"{metric}.png"
        with atomic_open(target, "wb", force=force) as handle:
            handle.write(metric_png(comparison, metric))
        paths.append(target)
    return paths
