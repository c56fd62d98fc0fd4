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
    # NBC's key-points bullets repeat two attributions of its body; RT's partial quote
    # "Further steps as necessary" lies inside the indirect quote of the same speaker
    assert len(quotes) == 33 and int(quotes["counted"].sum()) == 30
    assert quotes.loc[~quotes["counted"], "quote_id"].tolist() == ["nbc-chicago:q0", "nbc-chicago:q1", "rt:q5"]
    texts = {d.doc_id: d.text for d in parse_corpus(blinken)}
    assert all(texts[d][s:e] == q for d, s, e, q in zip(quotes["doc_id"], quotes["start"], quotes["end"],
                                                          quotes["quote"], strict=True))


def test_source_kind_table_counts_what_the_chart_and_metrics_count(analysis, page):
    quotes = counted_quotes(analysis)
    assert len(quotes) == 30
    chart = voice_balance(quotes, by="source_kind").set_index(["outlet", "group"])["n"]
    table = _table_after(page, "Source kinds each outlet uses more than the others")
    assert len(table)
    for row in table.to_dict("records"):
        assert int(row["times in this outlet"]) == chart[row["outlet"], row["source kind"]], row


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


def test_distinctive_tables_list_only_positive_z_with_readable_columns(analysis, page):
    for heading, noun in (("Reporting verbs each outlet uses more", "reporting verb"),
                          ("Source kinds each outlet uses more", "source kind")):
        table = _table_after(page, heading)
        assert list(table.columns) == ["outlet", noun, "times in this outlet", "times in the other outlets",
                                       "z-score (above 1.96: beyond chance)"]
        assert (table["z-score (above 1.96: beyond chance)"].astype(float) > 0).all()
    assert "count_rest" not in page and "<th>z</th>" not in page
    # RT's anonymous sources (z -0.69 against NBC) are no longer listed as favoured
    sources = _table_after(page, "Source kinds each outlet uses more")
    assert not ((sources["outlet"] == "RT") & (sources["source kind"] == "anonymous")).any()


def test_report_says_plainly_when_nothing_passes_the_line(page):
    section = page[page.index("<h2>Distinctive language</h2>"):page.index("<h2>The story side by side</h2>")]
    assert "Words each outlet favours" not in section
    assert "No word passes the dotted 1.96 line (highest z-score 1.05)" in section
    assert "No reporting verbs pass the 1.96 line" in section and "No source kinds pass the 1.96 line" in section


def test_a_term_past_the_line_is_counted_in_the_text():
    quotes = pd.DataFrame({"outlet": ["A"] * 30 + ["B"] * 30,
                           "verb": ["warn"] * 25 + ["say"] * 5 + ["say"] * 30})
    html = distinctive_features(quotes)
    assert "pass the 1.96 line (not corrected" in html and "No reporting verb is used relatively more by: B" \
        not in html


def test_new_report_text_is_escaped():
    quotes = pd.DataFrame({"outlet": ["<b>A</b>"] * 3 + ["B&C"] * 3,
                           "verb": ["<script>x</script>"] * 3 + ["say"] * 3,
                           "source_kind": ["named_person"] * 6})
    html = distinctive_features(quotes)
    assert "<script>" not in html and "<b>A</b>" not in html
    assert "&lt;script&gt;" in html and "B&amp;C" in html


def test_the_two_word_counts_are_explained(analysis, page):
    table = compare_outlets(analysis, n_resamples=20, n_permutations=20)
    units = table.drop_duplicates("metric").set_index("metric")["n_unit"]
    assert units["direct_quotes_per_1000"] == "words, Russia’s = 2"
    assert units["stance_hedges"] == "words, Russia’s = 1"
    n = table.set_index(["outlet", "metric"])["n"]
    assert (n["NBC Chicago", "direct_quotes_per_1000"], n["NBC Chicago", "stance_hedges"]) == (588, 572)
    assert "the attribution metrics count runs of letters and digits (Russia’s, dual-use = 2 words)" in page
