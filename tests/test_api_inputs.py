"""Wrong input to the public API is refused in one line (InputError), not deep inside pandas."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.text import parse_document


def _shared_id_docs():
    return [parse_document("Blinken said the talks were good.", doc_id="a", outlet="X"),
            parse_document("Wang Yi warned that the US must stop.", doc_id="a", outlet="Y")]


def _refused(match: str, func, *args, **kwargs) -> str:
    with pytest.raises(InputError, match=match) as info:
        func(*args, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    return message


# The work each measure would do first: a measure that reaches it did not check its input.
@pytest.mark.parametrize(("family", "work"), [
    ("toolkit.sentiment", "_sentence_table"),
    ("toolkit.stance.measures", "_scan_docs"),
    ("toolkit.attribution.measures", "_quote_table"),
])
def test_measure_refuses_a_shared_doc_id_before_any_work(family, work, monkeypatch):
    module = importlib.import_module(family)

    def no_work(*args, **kwargs):
        raise AssertionError(f"{family}.{work} ran on documents that share a doc_id")

    monkeypatch.setattr(module, work, no_work)
    message = _refused("share doc_id 'a'", module.measure, _shared_id_docs())
    assert "documents 0 and 1" in message


def test_sentiment_article_metrics_refuses_a_shared_doc_id():
    from toolkit.sentiment import article_metrics

    _refused("share doc_id 'a'", article_metrics, _shared_id_docs())


def test_measure_refuses_what_is_not_a_list_of_documents():
    import toolkit.sentiment as sentiment

    for bad in ("Some text.", None, ["Some text."], pd.DataFrame({"text": ["x"]}), parse_document("x", doc_id="a")):
        _refused("expects a list of ParsedDocument", sentiment.measure, bad)


@pytest.mark.parametrize("bad", [
    [parse_document("Blinken said the talks were good.", doc_id="a", outlet="X")],
    "blinken-china-2024", None, ["a", "b"],
])
def test_analyze_says_it_wants_a_corpus_from_load_corpus(bad):
    message = _refused("toolkit.analyze expects a corpus DataFrame", toolkit.analyze, bad)
    assert "load_corpus" in message and "doc_id, outlet" in message


@pytest.mark.parametrize("name", ["compare_outlets", "sentiment_along"])
@pytest.mark.parametrize("bad", ["text", None, ["a", "b"], pd.DataFrame({"doc_id": ["a"]})])
def test_functions_on_an_analysis_say_so(name, bad):
    message = _refused(f"toolkit.{name} expects an Analysis", getattr(toolkit, name), bad)
    assert "toolkit.analyze" in message


@pytest.mark.parametrize("name", ["extract_quotes", "extract_targets", "find_stance_markers"])
@pytest.mark.parametrize(("bad", "got"), [
    ("Some text.", "got a str"), (None, "got None"), (["one", "two"], "item 0 is a str"),
    (pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), "got a DataFrame"),
])
def test_functions_on_parsed_documents_name_what_they_got(name, bad, got):
    message = _refused(f"toolkit.{name} expects a list of ParsedDocument", getattr(toolkit, name), bad)
    assert got in message and "parse_corpus" in message


@pytest.mark.parametrize(("name", "what"), [("voice_balance", "a quotes DataFrame"),
                                            ("target_sentiment_by_outlet", "a targets DataFrame")])
@pytest.mark.parametrize("bad", ["text", None, ["a", "b"]])
def test_functions_on_tables_say_which_table(name, what, bad):
    _refused(f"toolkit.{name} expects {what}", getattr(toolkit, name), bad)


# The framing, alignment, pairing, side-by-side and distinctive-terms views check their input too.
@pytest.mark.parametrize(("name", "expected"), [
    ("frame_shares_by_outlet", "a list of ParsedDocument"),
    ("top_frame_sentences", "a list of ParsedDocument"),
    ("side_by_side", "a list of ParsedDocument"),
    ("align_sentences", "a list of ParsedDocument"),
    ("pair_stories", "a corpus DataFrame (toolkit.load_corpus) or a list of ParsedDocument"),
    ("pairing.story_similarity", "a corpus DataFrame (toolkit.load_corpus) or a list of ParsedDocument"),
    ("distinctive_terms", "a list of ParsedDocument or a DataFrame"),
])
@pytest.mark.parametrize(("bad", "got"), [
    ("Some text.", "got a str"), (None, "got None"), (["one", "two"], "item 0 is a str"),
    (parse_document("One sentence.", doc_id="a", outlet="X"), "got a ParsedDocument"), (5, "got an int"),
])
def test_views_on_parsed_documents_name_what_they_got(name, expected, bad, got):
    module, _, function = f"toolkit.{name}".rpartition(".")
    message = _refused(f"toolkit.{name} expects ", getattr(importlib.import_module(module), function), bad)
    assert f"expects {expected}" in message and got in message and "parse_corpus" in message


@pytest.mark.parametrize("name", ["frame_shares_by_outlet", "top_frame_sentences", "side_by_side"])
def test_views_on_parsed_documents_say_a_table_is_not_documents(name):
    message = _refused(f"toolkit.{name} expects a list of ParsedDocument", getattr(toolkit, name),
                       pd.DataFrame({"doc_id": ["a"], "text": ["x"]}))
    assert "got a DataFrame" in message


@pytest.mark.parametrize("bad", ["text", None, ["a", "b"], [], _shared_id_docs()])
def test_omission_report_wants_an_alignment(bad):
    message = _refused("toolkit.omission_report expects an alignment DataFrame", toolkit.omission_report, bad)
    assert "align_sentences" in message


def _two_docs():
    return [parse_document("Blinken will visit Beijing. Mao Ning criticised the trip.", doc_id="a", outlet="A"),
            parse_document("Blinken will visit Beijing.", doc_id="b", outlet="B")]


@pytest.mark.parametrize("bad", ["text", ["a", "b"]])
def test_optional_tables_are_checked_too(bad):
    docs = _two_docs()
    alignment = toolkit.align_sentences(docs)
    _refused(r"toolkit.omission_report\(quotes=...\) expects a quotes DataFrame", toolkit.omission_report,
             alignment, quotes=bad)
    for table in ("alignment", "quotes", "marks"):
        _refused(rf"toolkit.side_by_side\({table}=...\) expects a DataFrame", toolkit.side_by_side, docs,
                 **{table: bad})


def test_checked_views_still_accept_a_tuple_and_repeated_ids():
    docs = tuple(_two_docs())
    assert toolkit.side_by_side(docs, alignment=toolkit.align_sentences(docs)).to_html()
    assert len(toolkit.pair_stories(pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["A", "B"],
                                                  "text": ["Rain.", "Rain."]}))) == 2
    repeated = _shared_id_docs()
    assert list(toolkit.top_frame_sentences(repeated).columns)[:2] == ["outlet", "frame"]
    assert len(toolkit.frame_shares_by_outlet(repeated, n_boot=10)) > 0
    # the doc_id checks of their own keep their messages
    _refused("doc_ids must be unique to align sentences", toolkit.align_sentences, repeated)
    _refused("doc_id 'a' appears more than once", toolkit.pair_stories, repeated)
