"""Sentence alignment and the omission report, on articles a reader can check."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.alignment import (
    align_sentences,
    omission_report,
    omission_summary,
    sentence_similarity,
)
from toolkit.errors import InputError
from toolkit.text import ParsedDocument, parse_document

VISIT = "Blinken will visit Beijing and Shanghai from April 24 to 26."
VISIT_REWORDED = "Blinken travels to Shanghai and Beijing this week for a three-day visit."
WANG = "He is expected to meet Foreign Minister Wang Yi."
MAO = "Chinese Foreign Ministry spokesman Mao Ning said China regulates exports."
YELLEN = "The trip follows a warning by Treasury Secretary Janet Yellen."
FLOODS = "Floods in Valencia killed dozens after record rainfall."


def doc(doc_id: str, outlet: str, *sentences: str) -> ParsedDocument:
    return parse_document(" ".join(sentences), doc_id=doc_id, outlet=outlet)


def labels(table: pd.DataFrame) -> list[tuple[str, int, str]]:
    return [(str(d), int(s), str(label))
            for d, s, label in zip(table["doc_id"], table["sentence_id"], table["label"],
                                   strict=True)]


@pytest.mark.parametrize(
    ("docs", "expected"),
    [
        # identical articles: everything shared, nothing unique
        ([doc("a", "A", VISIT, WANG), doc("b", "B", VISIT, WANG)],
         [("a", 0, "shared"), ("a", 1, "shared"), ("b", 0, "shared"), ("b", 1, "shared")]),
        # no overlap at all
        ([doc("a", "A", VISIT), doc("b", "B", FLOODS)], [("a", 0, "unique"), ("b", 0, "unique")]),
        # the same fact reworded
        ([doc("a", "A", VISIT, MAO), doc("b", "B", VISIT_REWORDED)],
         [("a", 0, "paraphrased"), ("a", 1, "unique"), ("b", 0, "paraphrased")]),
        # an article with zero sentences: the other outlet's sentences have no counterpart
        ([doc("a", "A", VISIT), doc("b", "B")], [("a", 0, "unique")]),
    ],
)
def test_align_sentences_labels(docs: list[ParsedDocument],
                                expected: list[tuple[str, int, str]]) -> None:
    assert labels(align_sentences(docs)) == expected


def test_alignment_columns_and_counterparts() -> None:
    table = align_sentences([doc("a", "A", VISIT, MAO), doc("b", "B", VISIT, YELLEN)])
    first = table.iloc[0]
    assert first["match_doc_id"] == "b" and first["match_outlet"] == "B"
    assert first["match_sentence_id"] == 0 and first["similarity"] == pytest.approx(1.0)
    assert first["outlets_matching"] == 1
    assert first["sentence"] == VISIT
    assert table["sentence"].tolist() == [VISIT, MAO, VISIT, YELLEN]
    empty = align_sentences([doc("a", "A", VISIT), doc("b", "B")]).iloc[0]
    assert pd.isna(empty["match_doc_id"]) and empty["similarity"] == 0.0


def test_same_outlet_articles_are_not_counterparts() -> None:
    table = align_sentences([doc("a1", "A", VISIT), doc("a2", "A", VISIT), doc("b", "B", FLOODS)])
    assert labels(table) == [("a1", 0, "unique"), ("a2", 0, "unique"), ("b", 0, "unique")]


def test_key_points_block_is_not_aligned() -> None:
    text = f"{WANG}\n\n{VISIT}"
    summary = parse_document(text, doc_id="a", outlet="A", summary_spans=[(0, len(WANG))])
    table = align_sentences([summary, doc("b", "B", VISIT)])
    assert labels(table) == [("a", 1, "shared"), ("b", 0, "shared")]


def test_three_outlets_count_matching_outlets() -> None:
    table = align_sentences([doc("a", "A", VISIT), doc("b", "B", VISIT), doc("c", "C", FLOODS)])
    assert table.set_index("doc_id")["outlets_matching"].to_dict() == {"a": 1, "b": 1, "c": 0}


@pytest.mark.parametrize(
    ("docs", "kwargs", "message"),
    [
        ([doc("a", "A", VISIT), doc("a2", "A", WANG)], {}, "at least two"),
        ([], {}, "at least two"),
        ([doc("a", "A", VISIT), doc("a", "B", WANG)], {}, "unique"),
        ([doc("a", "A", VISIT), doc("b", "B", WANG)], {"shared_threshold": 0.2}, "thresholds"),
    ],
)
def test_align_bad_input(docs: list[ParsedDocument], kwargs: dict[str, float],
                         message: str) -> None:
    with pytest.raises(InputError, match=message):
        align_sentences(docs, **kwargs)


def test_similarity_is_symmetric_and_bounded() -> None:
    sim = sentence_similarity([VISIT, MAO], [VISIT_REWORDED, VISIT, ""])
    assert sim.shape == (2, 3)
    assert sim[0, 1] == pytest.approx(1.0)
    assert 0.0 <= sim.min() and sim.max() <= 1.0 + 1e-9
    assert sim[0, 0] > sim[1, 0]
    assert sentence_similarity([], [VISIT]).shape == (0, 1)


def test_omission_report_names_what_only_one_outlet_carries() -> None:
    a = doc("a", "A", VISIT, WANG, MAO)
    b = doc("b", "B", VISIT, WANG, YELLEN)
    report = omission_report(align_sentences([a, b]))
    assert report[["outlet", "rank", "sentence"]].values.tolist() == [
        ["A", 1, MAO], ["B", 1, YELLEN]]
    assert report.loc[0, "actors_only_here"] == "Foreign Ministry of China; Mao Ning"
    assert report.loc[1, "actors_only_here"] == "Janet Yellen"


def test_omission_report_identical_articles_is_empty() -> None:
    report = omission_report(align_sentences([doc("a", "A", VISIT), doc("b", "B", VISIT)]))
    assert report.empty and "actors_only_here" in report.columns


def test_omission_report_with_quotes_ranks_voices_first() -> None:
    text_a = f"{VISIT} {FLOODS} {MAO}"
    a = parse_document(text_a, doc_id="a", outlet="A")
    b = doc("b", "B", VISIT, WANG)
    start = text_a.index("China regulates")
    quotes = pd.DataFrame([{
        "doc_id": "a", "quote_id": "a-q1", "kind": "indirect", "quote": "China regulates exports",
        "speaker_canonical": "Mao Ning", "source_kind": "official", "affiliation": "China",
        "start": start, "end": start + len("China regulates exports"),
    }])
    report = omission_report(align_sentences([a, b]), quotes=quotes)
    top = report.iloc[0]
    assert top["sentence"] == MAO and top["rank"] == 1
    assert top["speakers"] == "Mao Ning" and top["speakers_only_here"] == "Mao Ning"
    assert top["source_kinds"] == "official" and top["quotes"] == "China regulates exports"
    floods = report[report["sentence"] == FLOODS].iloc[0]
    assert floods["rank"] == 2 and floods["speakers"] == "" and floods["importance"] == 0


def test_omission_report_bad_input() -> None:
    alignment = align_sentences([doc("a", "A", VISIT), doc("b", "B", FLOODS)])
    with pytest.raises(InputError, match="speaker_canonical"):
        omission_report(alignment, quotes=pd.DataFrame({"doc_id": ["a"], "quote_id": ["q"]}))
    with pytest.raises(InputError, match="align_sentences"):
        omission_report(alignment.drop(columns=["label"]))


def test_omission_summary_counts_and_names() -> None:
    alignment = align_sentences([doc("a", "A", VISIT, WANG, MAO), doc("b", "B", VISIT, WANG)])
    summary = omission_summary(alignment, omission_report(alignment)).set_index("outlet")
    assert summary.loc["A", ["sentences", "shared", "paraphrased", "unique"]].tolist() == [3, 2, 0, 1]
    assert summary.loc["A", "unique_share"] == pytest.approx(1 / 3)
    assert summary.loc["A", "actors_only_here"] == "Foreign Ministry of China; Mao Ning"
    assert summary.loc["A", "top_unique_sentence"] == MAO
    assert summary.loc["B", "unique"] == 0 and summary.loc["B", "top_unique_sentence"] == ""


def test_omission_summary_identical_articles() -> None:
    alignment = align_sentences([doc("a", "A", VISIT), doc("b", "B", VISIT)])
    summary = omission_summary(alignment, omission_report(alignment))
    assert summary["unique"].tolist() == [0, 0] and summary["shared"].tolist() == [1, 1]


def test_a_sentence_without_ends_is_compared_on_its_start_and_reported_whole():
    import time

    from toolkit.alignment import MAX_SENTENCE_CHARS

    line = VISIT[:-1] + " and" + " more words about the visit" * 40_000  # one 1-million-character sentence
    a = parse_document(line, doc_id="a", outlet="A")
    b = parse_document(VISIT, doc_id="b", outlet="B")
    t0 = time.perf_counter()
    table = align_sentences([a, b])
    assert time.perf_counter() - t0 < 10.0
    assert len(line) > 100 * MAX_SENTENCE_CHARS and table.loc[0, "sentence"] == line
    assert table.loc[1, "similarity"] == table.loc[0, "similarity"] > 0


def test_omission_report_gives_each_sentence_its_quotes_in_linear_time():
    import time

    n = 8_000
    text = " ".join(f"“Point {k} stands,” Mao Ning said." for k in range(n))
    doc = parse_document(text, doc_id="a", outlet="A")
    assert len(doc.sentences) == n
    alignment = pd.DataFrame({"doc_id": "a", "outlet": "A", "sentence_id": range(n),
                              "start": [s for s, _ in doc.sentences], "end": [e for _, e in doc.sentences],
                              "sentence": doc.sentence_texts(), "label": "unique", "similarity": 0.0})
    starts = [text.index(f"Point {k} ") for k in range(n)]
    quotes = pd.DataFrame({"doc_id": "a", "quote_id": range(n), "kind": "direct",
                           "quote": [f"Point {k} stands," for k in range(n)], "speaker_canonical": "Mao Ning",
                           "source_kind": "named_person", "affiliation": "China", "start": starts,
                           "end": [s + len(f"Point {k} stands,") for k, s in enumerate(starts)]})
    t0 = time.perf_counter()
    report = omission_report(alignment, quotes=quotes)
    assert time.perf_counter() - t0 < 4.0  # every sentence against every quote took about 12 s
    mine = report.sort_values("sentence_id")
    assert len(mine) == n and mine["quotes"].tolist() == quotes["quote"].tolist()
