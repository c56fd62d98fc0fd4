"""Problems a new-user walkthrough found in ``toolkit compare`` and the quote table."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import analyze, compare_outlets, load_corpus
from toolkit.attribution import extract_quotes
from toolkit.attribution.lexicon import VERB_CLASSES
from toolkit.compare import format_table, voice_balance, voice_sides
from toolkit.text import parse_corpus, parse_document


def _corpus(tmp_path, records):
    path = tmp_path / "c.jsonl"
    pd.DataFrame(records).to_json(path, orient="records", lines=True)
    return load_corpus(path)


A_TEXT = ("The council met on Monday. “We are ready,” Antony Blinken said. "
          "Wang Yi said that the plan was useful. Taxes will rise.")
B_TEXT = ("The council met on Monday. Antony Blinken conceded that the plan was late. "
          "Wang Yi promised that the talks would go on. Taxes will rise.")


def test_every_verb_class_the_corpus_uses_has_a_row(tmp_path):
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": A_TEXT},
                                {"doc_id": "b", "outlet": "B", "text": B_TEXT}])
    table = compare_outlets(analyze(corpus), n_resamples=50, n_permutations=50)
    verbs = table[table["metric"].str.startswith("verb_")]
    shares = verbs.pivot_table(index="metric", columns="outlet", values="estimate")
    assert {"verb_concession_share", "verb_commitment_share", "verb_neutral_share"} <= set(shares.index)
    assert shares.loc["verb_concession_share", "B"] == pytest.approx(0.5)
    assert shares.loc["verb_commitment_share", "B"] == pytest.approx(0.5)
    assert shares.sum().to_dict() == pytest.approx({"A": 1.0, "B": 1.0})
    # classes nobody uses add no row of zeros; the text table shows the same rows
    assert "verb_alarm_share" not in set(shares.index)
    text = format_table(table)
    assert "Reporting verbs: concession" in text and "Reporting verbs: commitment" in text
    assert "Reporting verbs: alarm" not in text


def test_every_lexicon_class_is_a_metric_of_the_family():
    from toolkit.attribution import METRICS

    assert [m.name for m in METRICS if m.weight == "n_verb"] == [f"verb_{c}_share" for c in VERB_CLASSES]


def test_voice_balance_rows_follow_the_corpus(tmp_path):
    text_a = ("“We will help,” Keir Starmer said. “It is late,” Keir Starmer added. "
              "“We disagree,” Volodymyr Zelensky said.")
    text_b = ("“We will help,” Keir Starmer said. “We disagree,” Volodymyr Zelensky said. "
              "“Good,” Volodymyr Zelensky added.")
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": text_a},
                                {"doc_id": "b", "outlet": "B", "text": text_b}])
    analysis = analyze(corpus)
    sides, more = voice_sides(analysis)
    assert sides[:2] == ["UK", "Ukraine"] and not more
    table = compare_outlets(analysis, n_resamples=50, n_permutations=50)
    voice = table[table["metric"].str.startswith("voice_")].pivot_table(
        index="label", columns="outlet", values="estimate")
    assert "Voice balance: Russia" not in voice.index and "Voice balance: China" not in voice.index
    assert voice.loc["Voice balance: UK"].to_dict() == pytest.approx({"A": 2 / 3, "B": 1 / 3})
    assert voice.loc["Voice balance: Ukraine"].to_dict() == pytest.approx({"A": 1 / 3, "B": 2 / 3})
    # the same figures as the stacked bars of the report
    bars = voice_balance(analysis.tables["quotes"]).set_index(["outlet", "group"])["share"]
    assert bars[("A", "UK")] == pytest.approx(2 / 3)


def test_voice_balance_pools_the_rest_as_other(tmp_path, monkeypatch):
    import toolkit.compare as compare

    text = ("“We will help,” Keir Starmer said. “It is late,” Keir Starmer added. "
            "“We disagree,” Volodymyr Zelensky said. “Fine,” Wang Yi said.")
    corpus = _corpus(tmp_path, [{"doc_id": "a", "outlet": "A", "text": text},
                                {"doc_id": "b", "outlet": "B", "text": text}])
    analysis = analyze(corpus)
    monkeypatch.setattr(compare, "VOICE_TOP", 1)
    monkeypatch.setattr(compare, "VOICE_MENTIONED", 0)
    assert voice_sides(analysis) == (["UK"], True)
    table = compare_outlets(analysis, n_resamples=20, n_permutations=20)
    labels = list(dict.fromkeys(table.loc[table["metric"].str.startswith("voice_"), "label"]))
    assert labels[0] == "Voice balance: UK" and "Voice balance: other sides" in labels


def test_blinken_voice_rows_keep_us_china_russia_and_show_uk():
    table = compare_outlets(analyze(load_corpus("blinken-china-2024")), n_resamples=50, n_permutations=50)
    labels = list(dict.fromkeys(table.loc[table["metric"].str.startswith("voice_"), "label"]))
    assert labels == ["Voice balance: US", "Voice balance: China", "Voice balance: UK", "Voice balance: Russia"]
    uk = table[table["metric"] == "voice_uk"].set_index("outlet")["estimate"]
    assert uk["RT"] == pytest.approx(1 / 14) and uk["NBC Chicago"] == 0


def test_partial_quote_inside_an_indirect_one_of_the_same_speaker_is_not_counted_twice():
    text = ("Talks began.\n\nWang Yi warned that it would take “further steps as necessary” to stop the sale. "
            "Mao Ning called it “a grave mistake”.")
    quotes = extract_quotes([parse_document(text, doc_id="d", outlet="X")])
    wang = quotes[quotes["speaker_canonical"] == "Wang Yi"]
    assert sorted(wang["kind"]) == ["indirect", "partial"]
    counted = dict(zip(wang["kind"], wang["counted"], strict=True))
    assert counted == {"indirect": True, "partial": False}
    # a partial quote inside no other quote is still counted
    mao = quotes[quotes["speaker_canonical"] == "Mao Ning"]
    assert list(mao["kind"]) == ["partial"] and mao["counted"].all()


def test_nested_row_is_left_out_of_the_seed_metrics():
    docs = parse_corpus(load_corpus("blinken-china-2024"))
    quotes = extract_quotes(docs)
    rt = quotes[quotes["outlet"] == "RT"].reset_index(drop=True)
    outer = rt[(rt["start"] == 1435) & (rt["end"] == 1536)].iloc[0]
    inner = rt[(rt["start"] == 1450) & (rt["end"] == 1476)].iloc[0]
    assert outer["counted"] and not inner["counted"]
    assert outer["speaker_canonical"] == inner["speaker_canonical"]
    analysis = analyze(load_corpus("blinken-china-2024"))
    rt_sentences = analysis.sentences[(analysis.sentences["outlet"] == "RT") & analysis.sentences["counted"]]
    assert int(rt_sentences["n_attributions"].sum()) == int(rt["counted"].sum()) == 14
    assert int(rt_sentences["verb_alarm"].sum()) == 2
