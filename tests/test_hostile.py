"""Hostile text in output: the HTML report, the notebook views and tables show it as text (issue 9).

Article text, titles, speaker names, lexicon labels and outlet names are
untrusted. Every page is parsed and checked for the tags and attributes it
may hold; the report is rendered in headless Chromium with its
Content-Security-Policy removed, so escaping alone must keep scripts from
running, and a control page shows the same check catches a script that runs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit import analyze, compare_outlets, load_corpus
from toolkit.report import html_table, render_report
from toolkit.sidebyside import Highlight, highlight, side_by_side, strip_tags
from toolkit.text import parse_document

PAYLOADS = [
    "<script>document.documentElement.setAttribute('data-pwned','script')</script>",
    "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">",
    "</style><script>document.documentElement.setAttribute('data-pwned','style')</script>",
    "\"><svg onload=\"document.documentElement.setAttribute('data-pwned','svg')\">",
    "' onmouseover='alert(1)' x='",
    "<a href=\"javascript:document.documentElement.setAttribute('data-pwned','link')\">click</a>",
    "</textarea></title><iframe src=javascript:alert(1)>",
    "&lt;already escaped&gt; & &amp; &#x3C;",
]
HOSTILE = " ".join(PAYLOADS)

ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "p", "table", "thead",
                "tbody", "tr", "th", "td", "div", "b", "figure", "img", "figcaption", "code", "span", "br", "small",
                "ul", "li"}
ALLOWED_ATTRS = {"lang", "charset", "border", "scoped", "http-equiv", "content", "class", "title", "style", "alt",
                 "src"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _assert_inert(page: str, *, styles: int | None = None) -> str:
    """Only the tags and attributes the toolkit writes; images are inline PNG; returns the page's text."""
    parser = _Tags()
    parser.feed(page)
    parser.close()
    tags = {tag for tag, _ in parser.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert name in ALLOWED_ATTRS, (tag, name, value)
            if name == "src":
                assert tag == "img" and str(value).startswith("data:image/png;base64,")
            if name == "style":
                assert "javascript" not in str(value) and "url(" not in str(value)
    if styles is not None:
        assert sum(tag == "style" for tag, _ in parser.tags) == styles
    return "".join(parser.text)


@pytest.fixture(scope="module")
def hostile_analysis():
    records = [
        {"doc_id": "x1", "outlet": f"Outlet {HOSTILE}", "title": f"Title {HOSTILE}",
         "text": f"Mr. Blinken met Wang Yi on Monday. “{HOSTILE},” said Antony Blinken.\n\n"
                 f"The talks were tense. {HOSTILE} Critics warned of a crisis."},
        {"doc_id": "x2", "outlet": "Plain News", "title": "Plain title",
         "text": "Mr. Blinken met Wang Yi on Monday. “The talks were useful,” said Antony Blinken.\n\n"
                 "The talks were tense. Critics warned of a crisis."},
    ]
    corpus = load_corpus_from_records(pd.DataFrame(records))
    analysis = analyze(corpus)
    return analysis, compare_outlets(analysis)


def load_corpus_from_records(frame: pd.DataFrame) -> pd.DataFrame:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hostile.jsonl"
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
        return load_corpus(path)


def test_report_shows_hostile_text_as_text(hostile_analysis):
    analysis, comparison = hostile_analysis
    page = render_report(analysis, comparison)
    text = _assert_inert(page)
    for payload in PAYLOADS[:7]:
        assert payload in text  # shown literally, as the reader's text
    assert page.count("<style>") == 1 + page.count("<div class='sbs'>")


def _sbs_inputs(hostile_analysis):
    analysis, _ = hostile_analysis
    docs = analysis.docs
    quotes = pd.DataFrame([{"doc_id": d.doc_id, "start": 0, "end": 10, "speaker": HOSTILE,
                            "speaker_canonical": HOSTILE, "affiliation": HOSTILE, "source_kind": HOSTILE,
                            "kind": HOSTILE, "verb": HOSTILE} for d in docs])
    marks = pd.DataFrame([{"doc_id": d.doc_id, "start": 5, "end": 20, "kind": kind, "label": HOSTILE}
                          for d in docs for kind in ("frame", "stance")])
    return docs, quotes, marks


def test_side_by_side_notebook_view_escapes_speakers_and_lexicon_labels(hostile_analysis):
    docs, quotes, marks = _sbs_inputs(hostile_analysis)
    view = side_by_side(docs, quotes=quotes, marks=marks)
    fragment = view._repr_html_()
    _assert_inert(fragment, styles=1)
    _assert_inert(view.to_html(), styles=1)
    parser = _Tags()
    parser.feed(fragment)
    titles = [dict(attrs).get("title") for _, attrs in parser.tags if dict(attrs).get("title")]
    assert any(HOSTILE in str(t) for t in titles)  # the speaker and the label, whole, inside an attribute
    assert any("frame: " + HOSTILE == t for t in titles) and any("stance: " + HOSTILE == t for t in titles)


def test_html_table_and_notebook_tables_escape_headers_and_cells():
    frame = pd.DataFrame({HOSTILE: [HOSTILE, 1.5], "outlet": ["<b>bold</b>", "=cmd|' /C calc'!A0"]})
    for page in (html_table(frame), frame.to_html(), frame._repr_html_()):
        text = _assert_inert(page)
        assert HOSTILE in text and "<b>bold</b>" in text


@pytest.fixture(scope="module")
def chromium():
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    assert binary, "chromium is not installed: bash dev.sh test installs Debian's chromium"
    return binary


def _dump_dom(binary: str, page: Path, tmp_path: Path) -> str:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=2000", "--dump-dom", page.as_uri()]
    result = subprocess.run([binary, *flags], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


_CSP = re.compile(r"<meta http-equiv='Content-Security-Policy'[^>]*>")


def test_no_injected_script_runs_in_chromium_even_without_the_csp(hostile_analysis, chromium, tmp_path):
    analysis, comparison = hostile_analysis
    report = render_report(analysis, comparison)
    assert _CSP.search(report)
    docs, quotes, marks = _sbs_inputs(hostile_analysis)
    pages = {"report.html": _CSP.sub("", report),
             "sbs.html": _CSP.sub("", side_by_side(docs, quotes=quotes, marks=marks).to_html()),
             # control: the same payloads unescaped do run, so the check below can fail
             "control.html": f"<!DOCTYPE html><html><head></head><body><p>{HOSTILE}</p></body></html>"}
    doms = {}
    for name, html in pages.items():
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        doms[name] = _dump_dom(chromium, path, tmp_path)
    assert re.search(r"<html[^>]*data-pwned=", doms["control.html"])
    for name in ("report.html", "sbs.html"):
        head = doms[name][: doms[name].index(">") + 1]
        assert "data-pwned" not in head, (name, head)
        assert "document.documentElement.setAttribute('data-pwned','script')" in unescape(doms[name])


# ------------------------------------------------------------------ highlight round trip

_CHARS = st.sampled_from(list("ab <>&\"'; ") + ["😀", "👩‍👩‍👧", "e\u0301", "\u0301", "&amp;", "</span>", "<span>",
                                                   "\u200b", "\U0001F1FA\U0001F1F8", "ﬁ", "\n"])
_TEXT = st.lists(_CHARS, max_size=30).map("".join)


@st.composite
def _text_and_spans(draw):
    text = draw(_TEXT)
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2),
                                    st.sampled_from(["quote", "cue", "stance"]),
                                    st.sampled_from(["", HOSTILE, "a\"b"])),
                          max_size=8))
    return text, [Highlight(a, b, c, t) for a, b, c, t in spans]


@settings(max_examples=200, deadline=None)
@given(_text_and_spans())
def test_highlight_round_trips_and_nests(case):
    text, spans = case
    html = highlight(text, spans)
    assert strip_tags(html) == text
    parser = _Tags()
    parser.feed(html)
    assert {tag for tag, _ in parser.tags} <= {"span"}
    assert all({name for name, _ in attrs} <= {"class", "title", "style"} for _, attrs in parser.tags)
    assert html.count("<span") == html.count("</span>")


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a < b & c", [(0, 5), (4, 9)]),  # overlapping
        ("a < b & c", [(0, 3), (3, 6), (6, 9)]),  # adjacent
        ("😀 e\u0301 👩‍👩‍👧 <&>", [(0, 1), (1, 4), (2, 3), (4, 10)]),  # emoji, combining marks, cuts inside clusters
        ("same span", [(0, 4), (0, 4), (0, 9)]),  # duplicates and containment
    ],
)
def test_highlight_examples_round_trip(text, spans):
    html = highlight(text, [Highlight(a, b, "x", HOSTILE) for a, b in spans])
    assert strip_tags(html) == text
    _assert_inert(html)


def test_parsed_hostile_sentences_round_trip_through_the_view():
    doc = parse_document(f"First {HOSTILE}. Second <b>bold</b> & more.", doc_id="d", outlet=HOSTILE)
    view = side_by_side([doc])._repr_html_()
    text = _assert_inert(view, styles=1)
    assert HOSTILE in text
