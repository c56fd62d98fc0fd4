"""Stance markers: lexicons, inflection, one-pass matching, rates, matched words."""

from __future__ import annotations

import math

import pytest

from toolkit.text import parse_document


def markers(text: str) -> list[tuple[str, str]]:
    from toolkit.stance import find_stance_markers

    table = find_stance_markers([parse_document(text, doc_id="d", outlet="X")])
    return list(zip(table["match"], table["lexicon"], strict=True))


def test_every_lexicon_loads_with_entries():
    from toolkit.stance import LEXICONS, load_stance_lexicons

    lex = load_stance_lexicons()
    assert [x.key for x in LEXICONS] == list(lex)
    sizes = {k: len(set(v.values())) for k, v in lex.items()}
    # entries as in the upstream files (hand-counted with grep), intensifiers ours
    assert sizes["bias"] == 654 and sizes["factives"] == 27 and sizes["report_verbs"] == 181
    assert sizes["hedges"] == 100 and sizes["implicatives"] == 32 and sizes["assertives"] == 66
    assert sizes["intensifiers"] > 40


@pytest.mark.parametrize("text,expected", [
    ("He pointed out the flaw.", ("pointed out", "assertives")),
    ("She revealed the plan.", ("revealed", "factives")),
    ("The minister said so.", ("said", "report_verbs")),
    ("He admitted it.", ("admitted", "report_verbs")),
    ("They denied it.", ("denied", "report_verbs")),
    ("It was deeply worrying.", ("deeply", "intensifiers")),
    ("This couldn’t last.", ("couldn’t", "hedges")),
    ("In my view it will fail.", ("In my view", "hedges")),
])
def test_inflected_and_multiword_forms_are_found(text, expected):
    assert expected in markers(text)


def test_longest_phrase_wins_and_a_shared_form_counts_in_each_lexicon():
    found = markers("Officials pointed out that it was true.")
    assert ("pointed out", "assertives") in found and ("pointed out", "report_verbs") in found
    assert not any(m == "pointed" for m, _ in found)  # not also matched as the shorter "point"


def test_rates_per_thousand_words_are_hand_checkable():
    from toolkit.stance import METRICS, article_metrics, sentence_metrics

    doc = parse_document("It may rain today. The sky is blue and calm.", doc_id="d")
    sent = sentence_metrics([doc])
    assert sent["stance_words"].tolist() == [4, 6]
    assert sent["hedges_hits"].tolist() == [1, 0]
    assert sent["hedges_x1000"].tolist() == [1000, 0]
    spec = next(m for m in METRICS if m.name == "stance_hedges")
    assert sent[spec.column].sum() / sent[spec.weight].sum() == pytest.approx(100.0)
    art = article_metrics([doc]).iloc[0]
    assert art["hedges_per_1000w"] == pytest.approx(100.0)  # 1 hedge in 10 words
    assert "hedges: may" in art["stance_matches"]


def test_no_words_and_non_english_give_nan_not_a_crash():
    from toolkit.stance import article_metrics, find_stance_markers, sentence_metrics

    de = parse_document("Er könnte das behaupten.", doc_id="de", language="und")
    empty = parse_document("", doc_id="e")
    art = article_metrics([de, empty])
    assert math.isnan(art["hedges_per_1000w"].iloc[0]) and math.isnan(art["hedges_per_1000w"].iloc[1])
    assert sentence_metrics([de])["stance_scored"].tolist() == [False]
    assert find_stance_markers([de]).empty


def test_family_columns_do_not_clash_with_the_pipeline_tables():
    from toolkit.stance import sentence_metrics
    from toolkit.text import sentence_table

    doc = parse_document("It may rain.", doc_id="d")
    shared = set(sentence_metrics([doc]).columns) & (set(sentence_table([doc]).columns) | {"words"})
    assert shared == {"doc_id", "sentence_id"}


def test_by_outlet_sums_hits_over_words():
    from toolkit.stance import stance_by_outlet

    docs = [parse_document("It may rain.", doc_id="a", outlet="X"),
            parse_document("It could snow and may freeze.", doc_id="b", outlet="X"),
            parse_document("The sky is blue.", doc_id="c", outlet="Y")]
    out = stance_by_outlet(docs).set_index(["outlet", "lexicon"])
    assert out.loc[("X", "hedges"), "hits"] == 3 and out.loc[("X", "hedges"), "words"] == 9
    assert out.loc[("X", "hedges"), "per_1000w"] == pytest.approx(1000 * 3 / 9)
    assert out.loc[("X", "hedges"), "top_matches"] == "may x2, could"
    assert out.loc[("Y", "hedges"), "hits"] == 0


@pytest.mark.parametrize("text,absent", [
    ("He met the Secretary of State in May.", {"State", "May"}),
    ("Officials in the United States met officials from China.", {"States", "China"}),
])
def test_capitalised_words_inside_a_sentence_are_names_not_markers(text, absent):
    assert not absent & {m for m, _ in markers(text)}


def test_first_word_and_quoted_words_are_still_matched():
    found = {m for m, _ in markers("Perhaps it will rain. He said: “Maybe not.”")}
    assert {"Perhaps", "Maybe", "said"} <= found
