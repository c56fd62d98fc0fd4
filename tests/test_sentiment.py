"""Sentence and article sentiment: columns, position along the article, non-English flag."""

from __future__ import annotations

import math

import pytest

from toolkit.text import parse_document


def test_score_sentiment_has_all_scores_and_vader_shares_sum_to_one():
    from toolkit.sentiment import SCORE_COLUMNS, score_sentiment

    scores = score_sentiment("The talks were a terrible failure.")
    assert tuple(scores) == SCORE_COLUMNS
    assert scores["vader_compound"] < 0 and scores["vader_neg"] > 0
    assert scores["vader_pos"] + scores["vader_neu"] + scores["vader_neg"] == pytest.approx(1, abs=0.01)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_scores_zero(text):
    from toolkit.sentiment import score_sentiment

    scores = score_sentiment(text)
    assert scores["vader_compound"] == 0 and scores["textblob_polarity"] == 0


def test_sentence_sentiment_carries_position_along_the_article():
    from toolkit.sentiment import sentence_sentiment

    doc = parse_document("A terrible loss. Talks went on.\n\nA good end. Fine.", doc_id="d", outlet="X")
    table = sentence_sentiment([doc])
    assert table["position"].tolist() == ["lede", "lede", "body", "body"]
    assert table["relative_position"].tolist() == [0, 0.25, 0.5, 0.75]
    assert table["vader_compound"].iloc[0] < 0 < table["vader_compound"].iloc[2]
    assert table["outlet"].unique().tolist() == ["X"]


def test_family_contract_columns_do_not_clash_with_the_sentence_table():
    from toolkit.sentiment import METRICS, sentence_metrics
    from toolkit.text import sentence_table

    doc = parse_document("Good. Bad.", doc_id="d")
    metrics = sentence_metrics([doc])
    shared = set(metrics.columns) & set(sentence_table([doc]).columns)
    assert shared == {"doc_id", "sentence_id"}
    assert {m.column for m in METRICS} <= set(metrics.columns)
    assert {"vader_pos", "vader_neu", "vader_neg"} <= {m.name for m in METRICS}


def test_non_english_document_is_flagged_not_scored():
    from toolkit.sentiment import article_metrics, sentence_metrics

    de = parse_document("Die Gespräche waren gut.", doc_id="de", language="und")
    en = parse_document("The talks were good.", doc_id="en")
    sentences = sentence_metrics([de, en])
    assert sentences["sentiment_scored"].tolist() == [False, True]
    assert math.isnan(sentences["vader_compound"].iloc[0])
    articles = article_metrics([de, en])
    assert articles["sentiment_scored"].tolist() == [False, True]
    assert math.isnan(articles["textblob_polarity"].iloc[0]) and articles["vader_compound"].iloc[1] > 0


def test_article_means_skip_summary_sentences_and_report_the_lede():
    from toolkit.sentiment import article_metrics, sentence_sentiment

    text = "Key points: A wonderful triumph.\n\nThe talks ended. Nothing was agreed. It was awful."
    start = text.index("A wonderful")
    doc = parse_document(text, doc_id="d", summary_spans=[(start, start + len("A wonderful triumph."))])
    scores = sentence_sentiment([doc])
    counted = scores[scores["position"] != "summary"]
    row = article_metrics([doc]).iloc[0]
    assert row["vader_compound"] == pytest.approx(counted["vader_compound"].mean())
    lede = counted[counted["position"] == "lede"]["vader_compound"].mean()
    assert row["lede_vader_compound"] == pytest.approx(lede)


def test_empty_corpus_gives_empty_tables():
    from toolkit.sentiment import article_metrics, sentence_metrics

    assert sentence_metrics([]).empty and article_metrics([]).empty
