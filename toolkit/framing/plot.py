"""Frame-profile figure: no computation, readable in greyscale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["plot_frames"]

_GREYS = ("0.55", "0.9", "0.7", "1.0", "0.45", "0.8")
_HATCHES = ("", "//", "..", "xx", "\\\\", "--")


def plot_frames(data: pd.DataFrame, *, ax: Any = None) -> Any:
    """Horizontal bars: share of sentences evoking each frame, one bar per outlet.

    Outlets differ by grey level *and* hatch, so the figure reads in greyscale
    and for colour-blind readers; whiskers show the bootstrap interval.

    Parameters
    ----------
    data : pandas.DataFrame
        Output of :func:`toolkit.framing.frame_shares_by_outlet`
        (``outlet, frame, label, share, ci_low, ci_high``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Cleveland, W. S. & McGill, R. (1984). Graphical perception. Journal of the
    American Statistical Association 79(387), 531-554 (position on a common
    scale over area or colour).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import pandas as pd
    >>> data = pd.DataFrame({"outlet": ["A", "B"], "frame": ["conflict"] * 2,
    ...                      "label": ["Conflict"] * 2, "share": [0.5, 0.2],
    ...                      "ci_low": [0.3, 0.1], "ci_high": [0.7, 0.4]})
    >>> plot_frames(data).get_xlabel()
    'share of sentences evoking the frame'
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 1 + 0.6 * data["frame"].nunique()))
    frames = list(dict.fromkeys(data["label"]))
    outlets = list(dict.fromkeys(data["outlet"]))
    height = 0.8 / max(len(outlets), 1)
    for k, outlet in enumerate(outlets):
        part = data[data["outlet"] == outlet].set_index("label").reindex(frames)
        y = [i + (k - (len(outlets) - 1) / 2) * height for i in range(len(frames))]
        err = [(part["share"] - part["ci_low"]).clip(lower=0).fillna(0),
               (part["ci_high"] - part["share"]).clip(lower=0).fillna(0)]
        ax.barh(y, part["share"].fillna(0), height=height, color=_GREYS[k % len(_GREYS)],
                hatch=_HATCHES[k % len(_HATCHES)], edgecolor="black", linewidth=0.6,
                xerr=err, error_kw={"ecolor": "black", "capsize": 2, "linewidth": 0.8}, label=outlet)
    ax.set_yticks(range(len(frames)))
    ax.set_yticklabels(frames)
    ax.invert_yaxis()
    ax.set_xlabel("share of sentences evoking the frame")
    top = data["ci_high"].max()
    ax.set_xlim(0, min(1.0, 1.15 * top) if top == top and top > 0 else 1.0)
    ax.legend(title="outlet", frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return ax
