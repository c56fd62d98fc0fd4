"""Story pairing on a corpus a reader can check by eye."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.pairing import pair_stories, story_similarity, validate_pairing
from toolkit.text import parse_document

BLINKEN = "Blinken travels to Beijing to warn China over support for Russia's war in Ukraine."
BLINKEN_2 = "In Beijing, Blinken will press China on Russia and the war in Ukraine."
FLOODS = "Floods in Valencia killed dozens after record rainfall overnight."
FLOODS_2 = "Record rainfall caused deadly floods across Valencia."
ELECTION = "Voters in Ohio chose a new senator in a tight midterm election."


Row = tuple[str, str, str, str | None]


def corpus(rows: Sequence[Row]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "text", "published"])


def groups(table: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g["doc_id"]) for _, g in table.groupby("story_id")}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # two events, two outlets
        ([("a1", "A", BLINKEN, None), ("b1", "B", BLINKEN_2, None),
          ("a2", "A", FLOODS, None), ("b2", "B", FLOODS_2, None)],
         {frozenset({"a1", "b1"}), frozenset({"a2", "b2"})}),
        # one outlet only: nothing to pair, every article its own story
        ([("a1", "A", BLINKEN, None), ("a2", "A", BLINKEN_2, None)],
         {frozenset({"a1"}), frozenset({"a2"})}),
        # no overlap at all
        ([("a1", "A", BLINKEN, None), ("b1", "B", ELECTION, None)],
         {frozenset({"a1"}), frozenset({"b1"})}),
        # identical articles from two outlets
        ([("a1", "A", BLINKEN, None), ("b1", "B", BLINKEN, None)],
         {frozenset({"a1", "b1"})}),
        # same words but published three weeks apart: not the same event
        ([("a1", "A", BLINKEN, "2024-04-01"), ("b1", "B", BLINKEN_2, "2024-04-22")],
         {frozenset({"a1"}), frozenset({"b1"})}),
        # two days apart: within the window
        ([("a1", "A", BLINKEN, "2024-04-21"), ("b1", "B", BLINKEN_2, "2024-04-23")],
         {frozenset({"a1", "b1"})}),
        # an empty article pairs with nothing
        ([("a1", "A", BLINKEN, None), ("b1", "B", "", None)],
         {frozenset({"a1"}), frozenset({"b1"})}),
    ],
)
def test_pair_stories(rows: list[Row],
                      expected: set[frozenset[str]]) -> None:
    table = pair_stories(corpus(rows))
    assert list(table.columns) == ["doc_id", "outlet", "story_id"]
    assert table["doc_id"].tolist() == [r[0] for r in rows]
    assert groups(table) == expected


def test_one_article_per_outlet_per_story() -> None:
    rows = [("a1", "A", BLINKEN, None), ("a2", "A", BLINKEN_2, None), ("b1", "B", BLINKEN, None)]
    table = pair_stories(corpus(rows))
    assert groups(table) == {frozenset({"a1", "b1"}), frozenset({"a2"})}
    relaxed = pair_stories(corpus(rows), one_per_outlet=False)
    assert groups(relaxed) == {frozenset({"a1", "a2", "b1"})}


def test_threshold_one_splits_everything_but_identical() -> None:
    rows = [("a1", "A", BLINKEN, None), ("b1", "B", BLINKEN_2, None)]
    table = pair_stories(corpus(rows), threshold=0.99)
    assert groups(table) == {frozenset({"a1"}), frozenset({"b1"})}


def test_parsed_documents_are_accepted() -> None:
    docs = [parse_document(BLINKEN, doc_id="a1", outlet="A"),
            parse_document(BLINKEN_2, doc_id="b1", outlet="B")]
    assert groups(pair_stories(docs)) == {frozenset({"a1", "b1"})}
    sim = story_similarity(docs)
    assert sim.loc["a1", "a1"] == pytest.approx(1.0)
    assert 0 < sim.to_numpy()[0, 1] < 1


@pytest.mark.parametrize(
    ("frame", "kwargs", "message"),
    [
        (corpus([("a1", "A", BLINKEN, None), ("a1", "B", BLINKEN, None)]), {}, "more than once"),
        (pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), {}, "outlet"),
        (corpus([("a1", "A", BLINKEN, None)]), {"threshold": 1.5}, "threshold"),
    ],
)
def test_bad_input(frame: pd.DataFrame, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        pair_stories(frame, **kwargs)


def test_validate_pairing_on_a_fake_basil(tmp_path: Path) -> None:
    """The validation reads BASIL's layout and scores a known partition."""
    folder = tmp_path / "basil" / "articles" / "2020"
    folder.mkdir(parents=True)
    events = {"e1": [BLINKEN, BLINKEN_2, BLINKEN], "e2": [FLOODS, FLOODS_2, FLOODS]}
    for event, texts in events.items():
        for n, (source, text) in enumerate(zip(["fox", "nyt", "HPO"], texts, strict=True), 1):
            record = {"source": source, "title": "", "date": "2020-01-01", "triplet-uuid": event,
                      "body-paragraphs": [[text]]}
            (folder / f"{event}_{n}.json").write_text(json.dumps(record), encoding="utf-8")
    result = validate_pairing(tmp_path, sweep=(0.12,))
    assert result["articles"] == 6 and result["events"] == 2
    assert result["outlets"] == ["fox", "hpo", "nyt"]
    assert result["ari"] == pytest.approx(1.0)
    assert result["events_exact"] == pytest.approx(1.0)
    # at threshold 1 only the identical copies pair: no event is recovered whole
    strict = validate_pairing(tmp_path, threshold=1.0, sweep=())
    assert strict["events_exact"] == 0.0 and strict["ari"] < 0.5


def test_validate_pairing_missing_data(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no BASIL articles"):
        validate_pairing(tmp_path)
