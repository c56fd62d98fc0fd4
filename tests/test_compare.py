"""compare_outlets: one tidy table, honest notes, identical run to run."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import analyze, compare_outlets, load_corpus
from toolkit.compare import COLUMNS, format_table


def test_blinken_table_has_both_outlets(blinken):
    table = compare_outlets(analyze(blinken))
    assert list(table.columns) == list(COLUMNS)
    assert set(table["outlet"]) == {"RT", "NBC Chicago"}
    assert (table["n_articles"] == 1).all()
    assert table["note"].str.contains("describe this article, not the outlet").all()
    assert (table["low"] <= table["estimate"]).all() and (table["estimate"] <= table["high"]).all()
    # with two outlets, both rows of a metric carry the same test
    assert (table.groupby("metric")["p_value"].nunique() == 1).all()


def test_identical_run_to_run(blinken):
    a = compare_outlets(analyze(blinken))
    b = compare_outlets(analyze(blinken))
    pd.testing.assert_frame_equal(a, b)


def test_one_outlet_says_there_is_nothing_to_compare(small_csv):
    corpus = load_corpus(small_csv)
    only = corpus[corpus["outlet"] == "Daily Planet"].reset_index(drop=True)
    table = compare_outlets(analyze(only))
    assert table["note"].str.contains("only one outlet").all()
    assert table["p_value"].isna().all()
    assert "only one outlet" in format_table(table)


def test_summary_sentences_are_not_counted(blinken):
    analysis = analyze(blinken)
    table = compare_outlets(analysis)
    nbc = table[(table["outlet"] == "NBC Chicago")].iloc[0]
    assert nbc["n"] == 22  # 26 sentences, 4 in the key-points block


def test_voice_balance_leaves_out_the_key_points_block(blinken):
    from toolkit import voice_balance

    analysis = analyze(blinken)
    quotes = analysis.tables["quotes"]
    # NBC's bullets repeat two attributions of the body; RT's partial quote "Further steps as
    # necessary" lies inside the State Department's indirect quote that holds it
    assert (~quotes["counted"]).sum() == 3
    assert quotes.loc[~quotes["counted"], "outlet"].tolist() == ["NBC Chicago", "NBC Chicago", "RT"]
    balance = voice_balance(quotes)
    assert balance.groupby("outlet")["n"].sum().to_dict() == {"NBC Chicago": 16, "RT": 14}
    table = compare_outlets(analysis).set_index(["outlet", "metric"])["estimate"]
    nbc = balance[balance["outlet"] == "NBC Chicago"].set_index("group")["share"]
    assert nbc["US"] == table["NBC Chicago", "voice_us"]


@pytest.mark.parametrize("metric, unit, nbc, rt", [
    ("vader_compound", "sentences", 22, 22),
    ("frame_conflict", "sentences", 22, 22),
    ("anonymous_rate", "attributions", 16, 14),
    ("voice_us", "attributions", 16, 14),
    ("verb_neutral_share", "reporting verbs", 11, 12),
    ("direct_quotes_per_1000", "words, Russia’s = 2", 588, 516),
    ("stance_hedges", "words, Russia’s = 1", 572, 507),
])
def test_n_is_the_base_of_each_metric(blinken, metric, unit, nbc, rt):
    analysis = analyze(blinken)
    table = compare_outlets(analysis)
    rows = table[table["metric"] == metric].set_index("outlet")
    assert set(rows["n_unit"]) == {unit}
    assert rows["n"].to_dict() == {"NBC Chicago": nbc, "RT": rt}
    if unit == "attributions":  # the attributions the metric counts, key-points block left out
        quotes = analysis.tables["quotes"]
        assert quotes[quotes["counted"]].groupby("outlet").size().to_dict() == {"NBC Chicago": nbc, "RT": rt}


def test_text_table_gives_sentences_not_the_largest_base(blinken):
    text = format_table(compare_outlets(analyze(blinken)))
    sizes = text.split("\n\n")[0].splitlines()
    assert sizes[0].split() == ["articles", "sentences"]
    assert sizes[-1].split() == ["RT", "1", "22"]


@pytest.mark.parametrize("effect, measure, expected", [
    (-0.001, "difference in rate", "0.00 (difference in rate, A vs other)"),
    (0.004, "Cohen's d", "0.00 (Cohen's d, A vs other)"),
    (-0.006, "Cohen's d", "-0.01 (Cohen's d, A vs other)"),
    (0.18, "Cohen's d", "+0.18 (Cohen's d, A vs other)"),
])
def test_effect_is_never_negative_zero(effect, measure, expected):
    from toolkit.compare import comparison_wide

    table = pd.DataFrame({"outlet": ["A", "B"], "metric": "m", "label": "M", "family": "f", "unit": "share",
                          "estimate": [0.5, 0.5], "low": [0.4, 0.4], "high": [0.6, 0.6], "n": 10,
                          "n_unit": "sentences", "n_articles": 1, "p_value": 0.5, "effect": [effect, -effect],
                          "effect_measure": measure, "note": ""})
    assert comparison_wide(table)["effect"].tolist() == [expected]


def test_missing_effect_says_why(small_csv):
    from toolkit.compare import comparison_wide

    table = pd.DataFrame({"outlet": ["A", "B"], "metric": "m", "label": "M", "family": "f", "unit": "share",
                          "estimate": [float("nan"), 0.5], "low": [float("nan"), 0.4], "high": [float("nan"), 0.6],
                          "n": [0, 4], "n_unit": "reporting verbs", "n_articles": 1, "p_value": float("nan"),
                          "effect": float("nan"), "effect_measure": "difference in rate", "note": ""})
    wide = comparison_wide(table)
    assert wide["effect"].tolist() == ["n/a: an outlet has no reporting verbs to measure"]
    assert wide["p (permutation)"].tolist() == ["n/a"]


def test_cached_comparison_is_the_computed_one_and_never_stale(blinken, tmp_path, monkeypatch):
    import toolkit.stats

    analysis = analyze(blinken, cache=tmp_path)
    computed = compare_outlets(analysis, seed=3, n_resamples=200, n_permutations=200)
    first = compare_outlets(analysis, seed=3, n_resamples=200, n_permutations=200, cache=True)
    pd.testing.assert_frame_equal(first, computed, check_exact=True)
    calls = []
    real = toolkit.stats.bootstrap_ci
    monkeypatch.setattr("toolkit.compare.bootstrap_ci", lambda *a, **k: calls.append(1) or real(*a, **k))
    again = analyze(blinken, cache=tmp_path)  # a new session: the comparison is read back from disk
    pd.testing.assert_frame_equal(compare_outlets(again, seed=3, n_resamples=200, n_permutations=200, cache=True),
                                  computed, check_exact=True)
    assert calls == []
    # other arguments, other metrics, or a changed table: computed afresh, never the stored result
    compare_outlets(again, seed=4, n_resamples=200, n_permutations=200, cache=True)
    assert calls
    calls.clear()
    only = compare_outlets(again, metrics=["voice_us"], seed=3, n_resamples=200, n_permutations=200, cache=True)
    assert set(only["metric"]) == {"voice_us"} and calls
    calls.clear()
    again.sentences.loc[again.sentences["outlet"] == "RT", "vader_compound"] = 0.5
    changed = compare_outlets(again, seed=3, n_resamples=200, n_permutations=200, cache=True)
    assert calls
    assert (changed.loc[changed["metric"] == "vader_compound", "estimate"] != computed.loc[
        computed["metric"] == "vader_compound", "estimate"]).any()
    pd.testing.assert_frame_equal(changed, compare_outlets(again, seed=3, n_resamples=200, n_permutations=200))


def test_comparison_is_not_cached_without_a_cache_folder_or_a_seed(blinken, tmp_path):
    uncached = analyze(blinken)
    pd.testing.assert_frame_equal(compare_outlets(uncached, n_resamples=100, n_permutations=100, cache=True),
                                  compare_outlets(uncached, n_resamples=100, n_permutations=100))
    analysis = analyze(blinken, cache=tmp_path)
    compare_outlets(analysis, seed=None, n_resamples=100, n_permutations=100, cache=True)  # type: ignore[arg-type]
    assert analysis.cache_folder is not None and not (analysis.cache_folder / "derived").exists()


def test_a_voice_row_asked_for_by_name():
    from toolkit import analyze, compare_outlets, load_corpus

    table = compare_outlets(analyze(load_corpus("blinken-china-2024")), metrics=["voice_uk"])
    assert set(table["metric"]) == {"voice_uk"} and len(table) == 2
