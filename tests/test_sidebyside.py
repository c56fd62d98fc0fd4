"""The side-by-side view: hover texts, highlighting (exact, escaped, linear) and one-to-one rows."""

from __future__ import annotations

import random
import re
import time
from html import escape

import pandas as pd
import pytest

from toolkit import analyze
from toolkit.alignment import align_sentences
from toolkit.report import counted_quotes, marks_of
from toolkit.sidebyside import Highlight, _rows_for_two, highlight, side_by_side, strip_tags
from toolkit.text import parse_document


@pytest.fixture(scope="module")
def seeds(blinken):
    analysis = analyze(blinken)
    docs = analysis.docs
    return docs, align_sentences(docs), counted_quotes(analysis), marks_of(analysis)


def _quadratic_highlight(text: str, spans: list[Highlight]) -> str:
    """The straightforward version: every piece scans every mark (the reference)."""
    marks = sorted({s for s in spans if 0 <= s.start < s.end <= len(text)},
                   key=lambda s: (s.start, -s.end, s.css_class, s.title, s.style))
    cuts = sorted({0, len(text), *(s.start for s in marks), *(s.end for s in marks)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[a:b], quote=False)
        for span in reversed([s for s in marks if s.start <= a and b <= s.end]):
            attrs = f' class="{escape(span.css_class)}"'
            if span.title:
                attrs += f' title="{escape(span.title)}"'
            if span.style:
                attrs += f' style="{escape(span.style)}"'
            piece = f"<span{attrs}>{piece}</span>"
        parts.append(piece)
    return "".join(parts)


def _cells(fragment: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", fragment)[1:]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in rows]


def test_no_hover_text_reads_verb_nan(seeds):
    docs, alignment, quotes, marks = seeds
    assert quotes["verb"].isna().any()
    html = side_by_side(docs, alignment=alignment, quotes=quotes, marks=marks).fragment
    assert "verb: nan" not in html and "verb: -" not in html
    assert html.count("verb: say") >= 1


def test_quote_marks_have_no_padding_inside_the_text(seeds):
    docs, alignment, quotes, marks = seeds
    html = side_by_side(docs, alignment=alignment, quotes=quotes, marks=marks).fragment
    css = html[html.index("<style>"):html.index("</style>")]
    assert not re.search(r"\.sbs \.quote\{[^}]*padding", css)
    assert re.search(r"\.sbs \.legend \.quote\{[^}]*padding", css)


def test_sentences_that_are_each_others_best_match_share_a_row(seeds):
    docs, alignment, quotes, marks = seeds
    nbc, rt = docs
    best = alignment.set_index(["doc_id", "sentence_id"])
    # NBC 5 and NBC 11 both come closest to RT 2; RT 2 comes closest to NBC 11
    assert best.loc[(nbc.doc_id, 5), "match_sentence_id"] == 2
    assert best.loc[(nbc.doc_id, 11), "match_sentence_id"] == 2
    assert best.loc[(rt.doc_id, 2), "match_sentence_id"] == 11
    labels = {(str(r.doc_id), int(r.sentence_id)): str(r.label) for r in alignment.itertuples()}
    matches = {(str(r.doc_id), int(r.sentence_id)): (str(r.match_doc_id), int(r.match_sentence_id),
                                                      float(r.similarity)) for r in alignment.itertuples()}
    rows = _rows_for_two(nbc, rt, labels, matches)
    assert (11, 2) in rows and (5, None) in rows
    # every mutual best pair shares a row; no sentence is shown twice or lost
    for (doc_id, i), (other, j, _) in matches.items():
        if doc_id == nbc.doc_id and labels[(doc_id, i)] != "unique" and matches[(other, j)][1] == i:
            assert (i, j) in rows
    assert sorted(i for i, _ in rows if i is not None) == sorted(i for d, i in labels if d == nbc.doc_id)
    assert sorted(j for _, j in rows if j is not None) == sorted(j for d, j in labels if d == rt.doc_id)


def test_rows_keep_the_order_of_both_articles_where_they_can():
    a = parse_document("Blinken visits Beijing. Wang Yi warns the US. Trade talks continue.",
                       doc_id="a", outlet="A")
    b = parse_document("Floods hit Spain. Blinken visits Beijing today. Trade talks continue now.",
                       doc_id="b", outlet="B")
    view = side_by_side([a, b], alignment=align_sentences([a, b]))
    cells = [[strip_tags(c) for c in row] for row in _cells(view.fragment)]
    assert [c[1].removeprefix("only in B") for c in cells][0] == "Floods hit Spain."
    assert cells[0][0] == "" and "Blinken visits Beijing." in cells[1][0]


@pytest.mark.parametrize("seed", range(30))
def test_linear_highlight_gives_the_reference_html(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&>\"'“”") for _ in range(rng.randint(0, 60)))
    spans = [Highlight(a, a + rng.randint(-2, 15), rng.choice(["x", "y", "quote aff-US"]),
                       rng.choice(["", "t<1>", "a & b"]), rng.choice(["", "color:red"]))
             for a in (rng.randint(-3, len(text) + 3) for _ in range(rng.randint(0, 12)))]
    html = highlight(text, spans)
    assert html == _quadratic_highlight(text, spans)
    assert strip_tags(html) == text


def test_seed_side_by_side_html_is_what_the_reference_highlighting_gives(seeds, monkeypatch):
    import toolkit.sidebyside as sbs

    docs, alignment, quotes, marks = seeds
    fast = side_by_side(docs, alignment=alignment, quotes=quotes, marks=marks).fragment
    monkeypatch.setattr(sbs, "highlight", _quadratic_highlight)
    assert side_by_side(docs, alignment=alignment, quotes=quotes, marks=marks).fragment == fast


def test_highlighting_is_linear_in_the_number_of_marks():
    def run(n: int) -> float:
        text = "word " * n
        spans = [Highlight(5 * k, 5 * k + 4, "cue", "frame: conflict") for k in range(n)]
        spans += [Highlight(5 * k, 5 * k + 14, "quote", "<x>") for k in range(0, n, 7)]
        t0 = time.perf_counter()
        html = highlight(text, spans)
        elapsed = time.perf_counter() - t0
        assert strip_tags(html) == text and html.count('class="cue"') == n
        return elapsed

    small, large = run(1_000), run(10_000)
    assert large < 30 * small + 0.5 and large < 5.0, (small, large)  # quadratic would be 100x


def test_one_huge_sentence_renders_quickly_and_escaped():
    n = 200_000  # one sentence of 200,000 words with 25,000 quotes: the old scan took about 30 s
    text = ("the minister said <b>“no”</b> & warned US China " * (n // 8)).strip() + "."
    doc = parse_document(text, doc_id="h", outlet="H")
    other = parse_document("Short text.", doc_id="o", outlet="O")
    quotes = pd.DataFrame({"doc_id": "h", "start": [m.start() + 1 for m in re.finditer("“no”", text)],
                           "end": [m.start() + 3 for m in re.finditer("“no”", text)],
                           "speaker_canonical": "the minister", "affiliation": None,
                           "source_kind": "anonymous", "kind": "direct", "verb": "say"})
    t0 = time.perf_counter()
    html = side_by_side([doc, other], quotes=quotes).fragment
    assert time.perf_counter() - t0 < 8.0
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("verb: say") == len(quotes)
