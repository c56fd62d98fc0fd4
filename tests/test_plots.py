"""Figures: honest labels (n is the metric's base), nothing cut off, all-zero metrics said in words."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from toolkit import analyze, compare_outlets  # noqa: E402
from toolkit.plots import _metric_figure, metric_axis_label, plot_outlet_metrics  # noqa: E402


@pytest.fixture(scope="module")
def comparison(blinken):
    return compare_outlets(analyze(blinken))


def _texts(fig):
    for ax in fig.axes:
        yield from [ax.xaxis.label, ax.yaxis.label, ax.title, ax._left_title, *ax.texts]
        yield from [t for t in ax.get_xticklabels() + ax.get_yticklabels()
                    if ax.get_xlim()[0] - 1e-9 <= t.get_position()[0] <= ax.get_xlim()[1] + 1e-9
                    or t in ax.get_yticklabels()]


def test_no_label_of_any_standalone_figure_is_cut_off(comparison):
    import matplotlib.pyplot as plt

    for metric in dict.fromkeys(comparison["metric"]):
        fig = _metric_figure(comparison, metric)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        box = fig.bbox
        for text in _texts(fig):
            if not text.get_text() or not text.get_visible():
                continue
            ext = text.get_window_extent(renderer)
            assert box.x0 - 0.5 <= ext.x0 and ext.x1 <= box.x1 + 0.5, (metric, text.get_text())
            assert box.y0 - 0.5 <= ext.y0 and ext.y1 <= box.y1 + 0.5, (metric, text.get_text())
        plt.close(fig)


@pytest.mark.parametrize("label, unit, expected", [
    ("Hedges per 1,000 words", "per 1,000 words", "Hedges per 1,000 words"),
    ("Conflict (share of sentences)", "share", "Conflict (share of sentences)"),
    ("Anonymous-source rate", "share", "Anonymous-source rate (share)"),
    ("VADER compound", "score", "VADER compound (score)"),
])
def test_the_unit_is_named_once(label, unit, expected):
    assert metric_axis_label(label, unit) == expected


def test_axis_label_names_the_unit_once(comparison):
    ax = plot_outlet_metrics(comparison, metric="stance_hedges")
    assert ax.get_xlabel().count("per 1,000 words") == 1 and "95% CI" in ax.get_xlabel()


@pytest.mark.parametrize("metric, expected", [
    ("anonymous_rate", ["(n=1 art., 16 attributions)", "(n=1 art., 14 attributions)"]),
    ("verb_neutral_share", ["(n=1 art., 11 verbs)", "(n=1 art., 12 verbs)"]),
    ("vader_compound", ["(n=1 art., 22 sent.)", "(n=1 art., 22 sent.)"]),
])
def test_outlet_labels_give_the_metric_base(comparison, metric, expected):
    ax = plot_outlet_metrics(comparison, metric=metric)
    assert [t.get_text().split("\n")[1] for t in ax.get_yticklabels()] == expected


def test_all_zero_metric_starts_at_zero_and_says_so(comparison):
    rows = comparison[comparison["metric"] == "stance_implicatives"]
    assert (rows[["estimate", "low", "high"]] == 0).all().all()
    ax = plot_outlet_metrics(comparison, metric="stance_implicatives")
    assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] > 0
    assert [t.get_text() for t in ax.texts] == ["all zero"]


def test_positive_metric_axis_starts_at_zero_and_negative_one_does_not(comparison):
    assert plot_outlet_metrics(comparison, metric="voice_us").get_xlim()[0] == 0
    assert plot_outlet_metrics(comparison, metric="vader_compound").get_xlim()[0] < 0


def test_metric_without_any_value_says_so():
    table = pd.DataFrame({"outlet": ["A", "B"], "metric": "m", "label": "M", "unit": "share",
                          "estimate": float("nan"), "low": float("nan"), "high": float("nan"), "n": 0,
                          "n_unit": "reporting verbs", "n_articles": 1, "note": ""})
    ax = plot_outlet_metrics(table, metric="m")
    assert [t.get_text() for t in ax.texts] == ["no value (n = 0)"] and ax.get_xlim() == (0, 1)


def test_a_dollar_sign_in_an_outlet_name_is_no_math(comparison, tmp_path):
    import io

    renamed = comparison.copy()
    renamed["outlet"] = renamed["outlet"].replace({renamed["outlet"].iloc[0]: "Cash$ \\x Daily$"})
    ax = plot_outlet_metrics(renamed, metric="anonymous_rate")
    ax.figure.savefig(io.BytesIO(), format="png")  # mathtext would fail on "\x"
    assert any("Cash" in t.get_text() for t in ax.get_yticklabels())
