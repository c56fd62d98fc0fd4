"""compare_outlets: one tidy table, honest notes, identical run to run."""

from __future__ import annotations

import pandas as pd

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
    assert (~quotes["counted"]).sum() == 2  # NBC's bullets repeat two attributions of the body
    balance = voice_balance(quotes)
    assert balance.groupby("outlet")["n"].sum().to_dict() == {"NBC Chicago": 16, "RT": 15}
    table = compare_outlets(analysis).set_index(["outlet", "metric"])["estimate"]
    nbc = balance[balance["outlet"] == "NBC Chicago"].set_index("group")["share"]
    assert nbc["US"] == table["NBC Chicago", "voice_us"]
