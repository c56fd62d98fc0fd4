"""The side-by-side view: two or more articles on one story, aligned.

Sentences that both outlets carry sit next to each other; a sentence only one
outlet carries is marked "only in <outlet>" (in words and with a heavy border,
so it reads in greyscale); quotes are shaded by the speaker's affiliation,
with the speaker shown on hover; framing cues and stance words are marked.

All article text is untrusted and escaped. :func:`highlight` splits the text
at every span boundary, so overlapping and adjacent spans nest correctly and
stripping the tags and unescaping gives back the original text exactly.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape, unescape
from typing import TYPE_CHECKING

from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Highlight", "highlight", "strip_tags", "SideBySide", "side_by_side", "AFFILIATION_STYLES"]

#: Affiliation -> (background colour, underline style); colours from the
#: Okabe-Ito palette, underline styles so that greyscale readers can tell them apart.
AFFILIATION_STYLES = {
    "US": ("#cfe3f3", "solid"),
    "China": ("#fbe3b3", "double"),
    "Russia": ("#f3d3e6", "dotted"),
    "EU": ("#c9ecdf", "dashed"),
    "UK": ("#d6ecf9", "wavy"),
    "Ukraine": ("#fbf4b8", "solid"),
}
_OTHER_STYLE = ("#e6e6e6", "dashed")

_CSS = """
.sbs{font-family:system-ui,sans-serif;line-height:1.5;color:#111}
.sbs table{border-collapse:separate;border-spacing:0.6em 0.3em;width:100%;table-layout:fixed}
.sbs th{text-align:left !important;border-bottom:2px solid #333;padding:0.3em}
.sbs td{text-align:left !important}
.sbs td{vertical-align:top;padding:0.35em 0.5em;text-align:left}
.sbs .shared{border-left:2px solid #bbb}
.sbs .paraphrased{border-left:3px dashed #666}
.sbs .unique{border-left:6px solid #000;background:#f7f7f7}
.sbs .badge{display:inline-block;font-size:0.75em;font-weight:bold;border:1px solid #000;
  padding:0 0.3em;margin-right:0.3em}
.sbs .cue{font-weight:bold;border-bottom:1px dotted #000}
.sbs .stance{font-style:italic;border-bottom:1px dashed #555}
.sbs .legend span{margin-right:1em}
.sbs .legend .quote{padding:0 0.2em}
"""


@dataclass(frozen=True)
class Highlight:
    """A span of text to mark: ``text[start:end]`` gets ``css_class`` and a hover ``title``."""

    start: int
    end: int
    css_class: str
    title: str = ""
    style: str = ""


def highlight(text: str, spans: Iterable[Highlight]) -> str:
    """Escape ``text`` and wrap each span in ``<span>`` tags, nesting overlaps.

    Examples
    --------
    >>> html = highlight("a < b & c", [Highlight(0, 5, "x", "one"), Highlight(4, 9, "y")])
    >>> html.split("</span>")[0]
    '<span class="x" title="one">a &lt; '
    >>> html.split("</span>")[1]
    '<span class="x" title="one"><span class="y">b'
    >>> strip_tags(html) == "a < b & c"
    True
    """
    marks = sorted({s for s in spans if 0 <= s.start < s.end <= len(text)},
                   key=lambda s: (s.start, -s.end, s.css_class, s.title, s.style))
    if not marks:
        return escape(text, quote=False)
    # One walk over the text: the marks open at each piece are kept in their sorted order
    # (earlier = outer), so each piece costs its own text and tags, not a scan of every mark.
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for k, span in enumerate(marks):
        opening.setdefault(span.start, []).append(k)
        closing.setdefault(span.end, []).append(k)
    tags = [_open_tag(span) for span in marks]
    cuts = sorted({0, len(text), *opening, *closing})
    active: list[int] = []
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        for k in closing.get(a, ()):
            del active[bisect_left(active, k)]
        for k in opening.get(a, ()):
            insort(active, k)
        piece = escape(text[a:b], quote=False)
        if active:
            piece = "".join(tags[k] for k in active) + piece + "</span>" * len(active)
        parts.append(piece)
    return "".join(parts)


def _open_tag(span: Highlight) -> str:
    attrs = f' class="{escape(span.css_class)}"'
    if span.title:
        attrs += f' title="{escape(span.title)}"'
    if span.style:
        attrs += f' style="{escape(span.style)}"'
    return f"<span{attrs}>"


_TAG = re.compile(r"<[^>]*>")


def strip_tags(html: str) -> str:
    """Remove tags and unescape: the inverse of :func:`highlight` on its own output."""
    return unescape(_TAG.sub("", html))


def _quote_marks(quotes: pd.DataFrame | None, doc_id: str) -> list[Highlight]:
    if quotes is None or quotes.empty:
        return []
    marks = []
    for q in quotes[quotes["doc_id"] == doc_id].itertuples(index=False):
        raw = getattr(q, "affiliation", None)
        affiliation = raw if isinstance(raw, str) else ""
        colour, line = AFFILIATION_STYLES.get(affiliation, _OTHER_STYLE)
        who = str(getattr(q, "speaker_canonical", "") or getattr(q, "speaker", "") or "unattributed")
        verb = getattr(q, "verb", None)
        said = f"; verb: {verb}" if isinstance(verb, str) and verb else ""
        title = f"{who} ({affiliation or 'affiliation unknown'}; {getattr(q, 'source_kind', '')}; " \
                f"{getattr(q, 'kind', '')} quote{said})"
        marks.append(Highlight(int(q.start), int(q.end), f"quote aff-{re.sub(r'[^A-Za-z0-9]', '', affiliation)}",
                               title, f"background:{colour};text-decoration:underline {line}"))
    return marks


def _other_marks(marks: pd.DataFrame | None, doc_id: str) -> list[Highlight]:
    if marks is None or marks.empty:
        return []
    rows = marks[marks["doc_id"] == doc_id]
    return [Highlight(int(r.start), int(r.end), "cue" if r.kind == "frame" else "stance", f"{r.kind}: {r.label}")
            for r in rows.itertuples(index=False)]


@dataclass(repr=False)
class SideBySide:
    """The rendered view. Displays inline in Jupyter; ``to_html()`` gives a standalone page."""

    fragment: str
    title: str = "Side by side"

    def __repr__(self) -> str:
        return f"<{self.title}: {self.fragment.count('<tr>')} rows; display in Jupyter or use .to_html()>"

    def _repr_html_(self) -> str:
        return self.fragment

    def to_html(self) -> str:
        """A standalone HTML page (no scripts; a Content-Security-Policy forbids them)."""
        return (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
            "style-src 'unsafe-inline'\">"
            f"<title>{escape(self.title)}</title></head><body>{self.fragment}</body></html>"
        )


def _by_sentence(doc: ParsedDocument, spans: list[Highlight]) -> dict[int, list[Highlight]]:
    """The spans of ``doc`` that reach each sentence, cut to it and in its offsets."""
    starts = [s for s, _ in doc.sentences]
    ends = [e for _, e in doc.sentences]
    out: dict[int, list[Highlight]] = {}
    for h in spans:
        # sentences with end > h.start and start < h.end (sentence spans are in order)
        for i in range(bisect_right(ends, h.start), bisect_left(starts, h.end)):
            s, e = doc.sentences[i]
            if h.start < e and h.end > s:
                out.setdefault(i, []).append(
                    Highlight(max(h.start, s) - s, min(h.end, e) - s, h.css_class, h.title, h.style))
    return out


def _cell(doc: ParsedDocument, i: int, label: str, spans: dict[int, list[Highlight]]) -> str:
    s, e = doc.sentences[i]
    local = spans.get(i, [])
    badge = f'<span class="badge">only in {escape(doc.outlet)}</span>' if label == "unique" else ""
    if label == "paraphrased":
        badge = '<span class="badge">reworded</span>'
    return f'<td class="{escape(label)}">{badge}{highlight(doc.text[s:e], local)}</td>'


def _rows_for_two(left: ParsedDocument, right: ParsedDocument, labels: dict[tuple[str, int], str],
                  matches: dict[tuple[str, int], tuple[str, int, float]]) -> list[tuple[int | None, int | None]]:
    """The rows of a two-article view: ``(left sentence, right sentence)``, either may be None.

    A sentence sits next to at most one other. The candidates are the best
    match of every shared or reworded sentence, from both articles; they are
    taken by decreasing similarity, so two sentences that are each other's
    best match always share a row (taking the left article's sentences in
    order would give a sentence to the first that asks, not the closest).
    """
    candidates: list[tuple[float, int, int]] = []
    for doc, other in ((left, right), (right, left)):
        for k in range(len(doc.sentences)):
            match = matches.get((doc.doc_id, k))
            if labels.get((doc.doc_id, k), "unique") == "unique" or not match or match[0] != other.doc_id:
                continue
            i, j = (k, match[1]) if doc is left else (match[1], k)
            candidates.append((-match[2], i, j))
    pairs: dict[int, int] = {}
    used: dict[int, int] = {}
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = j
            used[j] = i
    paired: list[tuple[int | None, int | None]] = [(i, pairs.get(i)) for i in range(len(left.sentences))
                                                   if (left.doc_id, i) in labels]
    # a right sentence without a partner goes after the last row holding an earlier right sentence
    last_row_of = {rj: k for k, (_, rj) in enumerate(paired) if rj is not None}
    after: dict[int, list[int]] = {}
    anchor = -1
    for j in range(len(right.sentences)):
        anchor = max(anchor, last_row_of.get(j - 1, -1))
        if j not in used and (right.doc_id, j) in labels:
            after.setdefault(anchor, []).append(j)
    rows: list[tuple[int | None, int | None]] = [(None, j) for j in after.get(-1, [])]
    for k, row in enumerate(paired):
        rows.append(row)
        rows.extend((None, j) for j in after.get(k, []))
    return rows


def side_by_side(
    docs: Sequence[ParsedDocument],
    *,
    alignment: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    marks: pd.DataFrame | None = None,
) -> SideBySide:
    """Render articles side by side, aligned, with quotes, cues and stance words marked.

    Parameters
    ----------
    docs : sequence of ParsedDocument
        The articles (counted sentences are shown; key-points blocks are not).
    alignment : pandas.DataFrame, optional
        From :func:`toolkit.alignment.align_sentences` (``doc_id, sentence_id,
        label, match_doc_id, match_sentence_id, similarity``). Without it,
        articles are shown in columns, unaligned.
    quotes : pandas.DataFrame, optional
        From :func:`toolkit.attribution.extract_quotes` (``doc_id, start, end,
        speaker_canonical, affiliation, source_kind, kind, verb``).
    marks : pandas.DataFrame, optional
        Other words to mark: ``doc_id, start, end, kind`` (``frame`` or
        ``stance``), ``label``.

    Returns
    -------
    SideBySide
    """
    from toolkit.metrics import check_docs, check_kind

    docs = check_docs(docs, caller="toolkit.side_by_side", unique=False)
    for name, table, source in (("alignment", alignment, "toolkit.align_sentences(docs)"),
                                ("quotes", quotes, "toolkit.extract_quotes(docs)"),
                                ("marks", marks, "doc_id, start, end, kind, label")):
        if table is not None:
            check_kind(table, ["columns"], caller=f"toolkit.side_by_side({name}=...)",
                       expected=f"a DataFrame ({source}) or None")
    by_id = {d.doc_id: d for d in docs}
    spans = {d.doc_id: _quote_marks(quotes, d.doc_id) + _other_marks(marks, d.doc_id) for d in docs}
    local = {d.doc_id: _by_sentence(d, spans[d.doc_id]) for d in docs}
    labels: dict[tuple[str, int], str] = {}
    matches: dict[tuple[str, int], tuple[str, int, float]] = {}
    if alignment is not None and not alignment.empty:
        for r in alignment.itertuples(index=False):
            labels[(str(r.doc_id), int(r.sentence_id))] = str(r.label)
            if isinstance(r.match_doc_id, str) and r.match_doc_id and r.match_sentence_id == r.match_sentence_id:
                matches[(str(r.doc_id), int(r.sentence_id))] = (r.match_doc_id, int(r.match_sentence_id),
                                                                 float(r.similarity))
    else:
        labels = {(d.doc_id, i): "shared" for d in docs for i, c in enumerate(d.counted) if c}
    head = "".join(f"<th>{escape(d.outlet)}<br><small>{escape(d.title or d.doc_id)}</small></th>" for d in docs)
    body = []
    if len(docs) == 2 and alignment is not None and not alignment.empty:
        left, right = docs
        for i, j in _rows_for_two(left, right, labels, matches):
            lc = _cell(left, i, labels[(left.doc_id, i)], local[left.doc_id]) if i is not None else "<td></td>"
            rc = _cell(right, j, labels[(right.doc_id, j)], local[right.doc_id]) if j is not None else "<td></td>"
            body.append(f"<tr>{lc}{rc}</tr>")
    else:
        columns = [[_cell(d, i, labels[(d.doc_id, i)], local[d.doc_id])
                    for i in range(len(d.sentences)) if (d.doc_id, i) in labels] for d in docs]
        for k in range(max((len(c) for c in columns), default=0)):
            body.append("<tr>" + "".join(c[k] if k < len(c) else "<td></td>" for c in columns) + "</tr>")
    affiliations = sorted({h.css_class for s in spans.values() for h in s if h.css_class.startswith("quote")})
    legend_items = ['<span class="badge">only in …</span> a sentence one outlet alone carries',
                    '<span class="badge">reworded</span> the same content, paraphrased',
                    '<span class="cue">bold</span> framing cue', '<span class="stance">italic</span> stance word']
    for css in affiliations:
        name = css.removeprefix("quote aff-") or "other"
        colour, line = AFFILIATION_STYLES.get(name, _OTHER_STYLE)
        legend_items.append(f'<span class="quote" style="background:{colour};text-decoration:underline {line}">'
                            f"quote: {escape(name)} voice</span>")
    legend = "<p class='legend'>" + " ".join(f"<span>{item}</span>" for item in legend_items) + "</p>"
    fragment = (f"<div class='sbs'><style>{_CSS}</style>{legend}<table><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(body)}</tbody></table></div>")
    title = " vs ".join(by_id[d.doc_id].outlet for d in docs)
    return SideBySide(fragment, title=f"Side by side: {title}")
