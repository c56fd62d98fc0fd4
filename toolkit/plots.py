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

__all__ = ["plot_frames", "plot_outlet_metrics", "plot_voice_balance", "plot_sentiment_along", "plot_distinctive_terms",
           "metric_png", "save_figures", "metric_axis_label", "OKABE_ITO", "HATCHES"]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++")


def plot_frames(data: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Frame profile per outlet; see :func:`toolkit.framing.plot_frames`."""
    from toolkit.framing import plot_frames as draw

    return draw(data, ax=ax)


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    if not os.environ.get("MPLBACKEND") and "ipykernel" not in __import__("sys").modules:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


#: How the y labels name the base of ``n`` (the ``n_unit`` column of the comparison).
_N_UNITS = {"sentences": "sent.", "reporting verbs": "verbs"}


def metric_axis_label(label: str, unit: str) -> str:
    """``label (unit)``, or ``label`` alone when it already names its unit.

    Examples
    --------
    >>> metric_axis_label("VADER compound", "score")
    'VADER compound (score)'
    >>> metric_axis_label("Hedges per 1,000 words", "per 1,000 words")
    'Hedges per 1,000 words'
    >>> metric_axis_label("Conflict (share of sentences)", "share")
    'Conflict (share of sentences)'
    """
    if not unit or unit.casefold() in label.casefold():
        return label
    return f"{label} ({unit})"


def _plain(text: object) -> str:
    """``text`` as matplotlib shows it literally: a ``$`` in an outlet's name or a term would start math."""
    return str(text).replace("$", r"\$")


def plot_outlet_metrics(comparison: pd.DataFrame, *, metric: str, ax: Axes | None = None) -> Axes:
    """Per-outlet bars with their bootstrap intervals for one metric.

    Each outlet's label gives its number of articles and ``n``, the base of
    the estimate (sentences, words, attributions or reporting verbs: the
    ``n_unit`` column). The axis starts at 0 unless a value is negative; a
    metric that is zero everywhere says so in the panel.

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
    import textwrap

    import numpy as np

    plt = _pyplot()
    rows = comparison[comparison["metric"] == metric].reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 0.6 + 0.55 * max(len(rows), 1)))
    if rows.empty:
        ax.text(0.5, 0.5, f"no data for {metric}", ha="center", va="center", transform=ax.transAxes)
        return ax
    y = range(len(rows))
    estimate = rows["estimate"].astype(float).fillna(0.0)
    err = [(estimate - rows["low"].astype(float)).clip(lower=0).fillna(0.0),
           (rows["high"].astype(float) - estimate).clip(lower=0).fillna(0.0)]
    bars = ax.barh(list(y), estimate, xerr=err, capsize=4, edgecolor="black", linewidth=0.8,
                   color=[OKABE_ITO[i % len(OKABE_ITO)] for i in y])
    for i, bar in enumerate(bars):
        bar.set_hatch(HATCHES[i % len(HATCHES)])
    n_units = rows["n_unit"] if "n_unit" in rows else ["sentences"] * len(rows)
    # a unit with a gloss ("words, Russia’s = 2") continues on a line of its own, to keep the label narrow
    units = [str(_N_UNITS.get(str(u), u)).replace(", Russia", ",\nRussia") for u in n_units]
    labels = [f"{_plain(o)}\n(n={a} art., {n} {u})"
              for o, a, n, u in zip(rows["outlet"], rows["n_articles"], rows["n"], units, strict=True)]
    ax.set_yticks(list(y), labels)
    ax.axvline(0, color="black", linewidth=0.6)
    values = rows[["estimate", "low", "high"]].to_numpy(dtype=float)
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        ax.set_xlim(0, 1)
        ax.text(0.5, 0.5, "no value (n = 0)", ha="center", va="center", transform=ax.transAxes)
    elif (finite == 0).all():
        ax.set_xlim(0, 1)
        ax.text(0.5, 0.5, "all zero", ha="center", va="center", transform=ax.transAxes,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "black", "linewidth": 0.6})
    elif finite.min() >= 0:
        ax.set_xlim(left=0)
    label = metric_axis_label(str(rows["label"].iloc[0]), str(rows["unit"].iloc[0]))
    ax.set_xlabel(textwrap.fill(f"{label}, 95% CI", 48))
    note = next((n for n in rows["note"] if n), "")
    if note:
        ax.set_title(textwrap.fill(note, 70), fontsize=8, loc="left")
    ax.invert_yaxis()
    return ax


def _metric_figure(comparison: pd.DataFrame, metric: str):  # type: ignore[no-untyped-def]
    """The standalone figure of one metric, laid out so that no label is cut off."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 0.9 + 0.55 * max(int((comparison["metric"] == metric).sum()), 1)))
    plot_outlet_metrics(comparison, metric=metric, ax=ax)
    fig.tight_layout()
    return fig


def metric_png(comparison: pd.DataFrame, metric: str, *, dpi: int = 110,
               provenance: dict[str, object] | None = None) -> bytes:
    """:func:`plot_outlet_metrics` for one metric, rendered to PNG bytes.

    With ``provenance``, it is stored as JSON in the PNG's ``Description`` text chunk.
    """
    import io
    import json

    plt = _pyplot()
    fig = _metric_figure(comparison, metric)
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = {"Software": None}
    if provenance is not None:
        metadata["Description"] = json.dumps(provenance, sort_keys=True, default=str)
    fig.savefig(buffer, format="png", dpi=dpi, metadata=metadata)
    plt.close(fig)
    return buffer.getvalue()


def save_figures(comparison: pd.DataFrame, folder: str | os.PathLike[str], *, force: bool = False,
                 provenance: dict[str, object] | None = None) -> list[Path]:
    """One PNG per metric (``<metric>.png``), written atomically, with ``provenance`` in its metadata."""
    from toolkit.io import atomic_open

    paths = []
    for metric in dict.fromkeys(comparison["metric"]):
        target = Path(folder) / f"{metric}.png"
        with atomic_open(target, "wb", force=force) as handle:
            handle.write(metric_png(comparison, metric, provenance=provenance))
        paths.append(target)
    return paths


def plot_voice_balance(balance: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Stacked bars: each outlet's attributions by group (affiliation or source kind).

    Parameters
    ----------
    balance : pandas.DataFrame
        From :func:`toolkit.compare.voice_balance` (``outlet, group, n, share``).
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.9 + 0.6 * max(balance["outlet"].nunique(), 1)))
    if balance.empty:
        ax.text(0.5, 0.5, "no attributions found", ha="center", va="center", transform=ax.transAxes)
        return ax
    outlets = sorted(balance["outlet"].unique())
    groups = sorted(balance["group"].unique(), key=lambda g: (g == "unknown", g))
    left = [0.0] * len(outlets)
    for k, group in enumerate(groups):
        part = balance[balance["group"] == group].set_index("outlet")
        widths = [float(part["share"].get(o, 0.0)) for o in outlets]
        counts = [int(part["n"].get(o, 0)) for o in outlets]
        bars = ax.barh([_plain(o) for o in outlets], widths, left=left, label=_plain(group),
                       color=OKABE_ITO[k % len(OKABE_ITO)],
                       hatch=HATCHES[k % len(HATCHES)], edgecolor="black", linewidth=0.6)
        for bar, n in zip(bars, counts, strict=True):
            if n:
                ax.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, str(n),
                        ha="center", va="center", fontsize=8,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the outlet's attributions (numbers: count)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.invert_yaxis()
    return ax


def plot_sentiment_along(along: pd.DataFrame, *, ax: Axes | None = None, label: str = "VADER compound") -> Axes:
    """A sentence score along each article (x: relative position, lede at 0).

    Parameters
    ----------
    along : pandas.DataFrame
        From :func:`toolkit.compare.sentiment_along`.
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 3))
    styles = ("-", "--", ":", "-.")
    markers = ("o", "s", "^", "D", "v")
    for k, (doc_id, part) in enumerate(along.groupby("doc_id", sort=True)):
        outlet = part["outlet"].iloc[0]
        ax.plot(part["relative_position"], part["value"], linestyle=styles[k % len(styles)],
                marker=markers[k % len(markers)], markersize=4, color=OKABE_ITO[k % len(OKABE_ITO)],
                label=_plain(f"{outlet} ({doc_id})"))
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_xlabel("position in the article (0 = lede, 1 = last sentence)")
    ax.set_ylabel(label)
    ax.legend(fontsize=8, frameon=False)
    return ax


def plot_distinctive_terms(terms: pd.DataFrame, *, top: int = 10, ax: Axes | None = None) -> Axes:
    """The terms each outlet uses relatively more, by z-score of the log-odds ratio.

    Only terms with a positive z-score are drawn (a negative one is used
    relatively less). The dotted line marks 1.96; when no bar reaches it the
    chart says so.

    Parameters
    ----------
    terms : pandas.DataFrame
        From :func:`toolkit.distinctive.distinctive_terms` (``outlet, term, z``).
    top : int, default=10
        Terms per outlet.
    """
    plt = _pyplot()
    outlets = sorted(terms["outlet"].unique()) if not terms.empty else []
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.5 + 0.28 * top * max(len(outlets), 1)))
    labels, values, colours, hatches = [], [], [], []
    for k, outlet in enumerate(outlets):
        best = terms[(terms["outlet"] == outlet) & (terms["z"] > 0)].nlargest(top, "z")
        for row in best.itertuples(index=False):
            labels.append(_plain(f"{row.term}  [{outlet}]"))
            values.append(float(row.z))
            colours.append(OKABE_ITO[k % len(OKABE_ITO)])
            hatches.append(HATCHES[k % len(HATCHES)])
    if not labels:
        ax.text(0.5, 0.5, "no term is used relatively more by any outlet", ha="center", va="center",
                transform=ax.transAxes)
        return ax
    bars = ax.barh(range(len(labels)), values, color=colours, edgecolor="black", linewidth=0.6)
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.axvline(1.96, color="black", linestyle=":", linewidth=0.8)
    ax.set_xlabel("z-score, log-odds with informative Dirichlet prior (dotted: 1.96)")
    if max(values) <= 1.96:
        ax.set_xlim(0, 2.2)
        ax.set_title("no term passes 1.96: within chance", fontsize=9, loc="left")
    ax.invert_yaxis()
    return ax
