"""The HTML report: counts agree with the metrics, plain-language help, safe and readable layout."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from toolkit import analyze, compare_outlets
from toolkit.attribution import extract_quotes
from toolkit.compare import voice_balance
from toolkit.report import counted_quotes, distinctive_features, render_report
from toolkit.text import parse_corpus


@pytest.fixture(scope="module")
def analysis(blinken):
    return analyze(blinken)


@pytest.fixture(scope="module")
def page(analysis):
    return render_report(analysis, compare_outlets(analysis))


def _table_after(html: str, heading: str) -> pd.DataFrame:
    start = html.index(heading)
    table = html[html.index("<table>", start):html.index("</table>", start) + len("</table>")]
    head = re.findall(r"<th>(.*?)</th>", table)
    rows = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", table)[1:]]
    return pd.DataFrame(rows, columns=head)


def test_quote_table_says_which_rows_are_counted(blinken):
    quotes = extract_quotes(parse_corpus(blinken))
    assert list(quotes.columns)[-1] == "counted" and quotes["counted"].dtype == bool
    # NBC's key-points bullets repeat two attributions of its body
    assert len(quotes) == 33 and int(quotes["counted"].sum()) == 31
    assert set(quotes.loc[~quotes["counted"], "doc_id"]) == {"nbc-chicago"}
    texts = {d.doc_id: d.text for d in parse_corpus(blinken)}
    assert all(texts[d][s:e] == q for d, s, e, q in zip(quotes["doc_id"], quotes["start"], quotes["end"],
                                                          quotes["quote"], strict=True))


def test_source_kind_table_counts_what_the_chart_and_metrics_count(analysis, page):
    quotes = counted_quotes(analysis)
    assert len(quotes) == 31
    chart = voice_balance(quotes, by="source_kind").set_index(["outlet", "group"])["n"]
    table = _table_after(page, "Source kinds each outlet favours")
    assert len(table)
    for row in table.itertuples(index=False):
        assert int(row.count) == chart[row.outlet, row.term], row


def test_distinctive_features_leave_out_the_key_points_block(analysis):
    everything = analysis.tables["quotes"]
    assert (~everything["counted"]).any()
    html = distinctive_features(everything)
    nbc_anonymous = re.search(r"<td>NBC Chicago</td><td>anonymous</td><td>(\d+)</td>", html)
    assert nbc_anonymous and int(nbc_anonymous.group(1)) == 8


def test_report_explains_the_statistics_in_plain_words(page):
    assert "not corrected for multiple comparisons" in page
    help_box = page[page.index("How to read this table"):page.index("</div>", page.index("How to read this table"))]
    for term in ("Cohen's d", "Difference in rate", "p (permutation)", "standard deviations", "by chance"):
        assert term in help_box, term
    assert "with 33 metrics tested, about 1.7 would fall below 0.05" in " ".join(help_box.split())
    limits = page[page.index("<h2>What this cannot tell you</h2>"):page.index("<h2>The articles</h2>")]
    assert limits.count("<li>") >= 4 and "not which outlet" in limits


def test_effect_column_has_no_negative_zero_and_no_unexplained_blank(page):
    table = _table_after(page, "<h2>Per-outlet metrics</h2>")
    assert len(table) == 33
    effects = table["effect"].tolist()
    assert all(e.strip() for e in effects)
    assert not any(e.startswith("-0.00") for e in effects)
    assert all(re.match(r"[+-]\d+\.\d\d \(|0\.00 \(|n/a: \w", e) for e in effects), effects
    morality = table.set_index("metric").loc["Morality (share of sentences)", "effect"]
    assert morality.startswith("n/a: no spread")


def test_every_table_scrolls_sideways_in_a_narrow_window(page):
    assert ".scroll{overflow-x:auto" in page
    body = page[page.index("<body>"):]
    tables = [m.start() for m in re.finditer("<table>", body)]
    assert tables
    for at in tables:
        opened = body.rfind("<div class='scroll'>", 0, at)
        assert opened != -1 and body.count("</div>", opened, at) <= body.count("<div", opened + 1, at), at
