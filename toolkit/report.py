"""The standalone HTML report: the comparison table, figures, cleaning log and articles.

Article text is untrusted: every piece of data (text, titles, outlet names,
table cells and headers) goes through :func:`html.escape`; the page carries a
Content-Security-Policy that forbids scripts, so even a missed escape could not
run one.
"""

from __future__ import annotations

import base64
import math
import os
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.pipeline import Analysis

__all__ = ["render_report", "write_report", "html_table"]

_CSS = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
table{border-collapse:collapse;font-size:0.9em;margin:1em 0}
th,td{border:1px solid #999;padding:0.25em 0.5em;text-align:left;vertical-align:top}
th{background:#eee}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1.5em}
.article{border:1px solid #999;padding:0 1em}
.summary{color:#555;border-left:4px double #555;padding-left:0.5em}
.note{font-style:italic}
figure{display:inline-block;margin:0.5em}
"""


def html_table(frame: pd.DataFrame, *, digits: int = 3) -> str:
    """An HTML table with every header and cell escaped."""
    def cell(value: object) -> str:
        if isinstance(value, float):
            return "" if math.isnan(value) else f"{value:.{digits}f}"
        return escape(str(value))

    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell(v)}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _figures(comparison: pd.DataFrame) -> str:
    from toolkit.plots import metric_png

    parts = []
    for metric in dict.fromkeys(comparison["metric"]):
        data = base64.b64encode(metric_png(comparison, metric, dpi=90)).decode("ascii")
        label = escape(str(comparison.loc[comparison["metric"] == metric, "label"].iloc[0]))
        parts.append(f'<figure><img alt="{label} per outlet" src="data:image/png;base64,{data}">'
                     f"<figcaption>{label}</figcaption></figure>")
    return "".join(parts)


def _article(doc_title: str, outlet: str, paragraphs: list[tuple[str, bool]]) -> str:
    body = "".join(
        f'<p class="summary" title="key points: repeats the body, not counted">{escape(p)}</p>' if summary
        else f"<p>{escape(p)}</p>"
        for p, summary in paragraphs
    )
    return f'<div class="article"><h3>{escape(doc_title)}</h3><p><b>{escape(outlet)}</b></p>{body}</div>'


def render_report(analysis: Analysis, comparison: pd.DataFrame) -> str:
    """The report as one self-contained HTML page (figures embedded)."""
    from toolkit.corpus import cleaning_log

    columns = ["outlet", "label", "estimate", "low", "high", "n", "n_articles", "p_value", "effect",
               "effect_measure"]
    notes = sorted({n for n in comparison["note"] if n})
    articles = []
    for doc in analysis.docs:
        paragraphs: dict[int, list[str]] = {}
        summary: dict[int, bool] = {}
        for (s, e), par, counted in zip(doc.sentences, doc.paragraph, doc.counted, strict=True):
            paragraphs.setdefault(par, []).append(doc.text[s:e])
            summary[par] = not counted
        articles.append(_article(doc.title or doc.doc_id, doc.outlet,
                                 [(" ".join(v), summary[k]) for k, v in paragraphs.items()]))
    prov = analysis.provenance
    log = cleaning_log(analysis.corpus)
    return "".join([
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; img-src data:; "
        "style-src 'unsafe-inline'\">",
        f"<title>Outlet comparison ({len(analysis.docs)} articles)</title><style>{_CSS}</style></head><body>",
        f"<h1>Outlet comparison: {len(analysis.docs)} articles from "
        f"{analysis.articles['outlet'].nunique()} outlets</h1>",
        "".join(f"<p class='note'>Note: {escape(n)}</p>" for n in notes),
        "<h2>Per-outlet metrics</h2>",
        "<p>Estimates over counted sentences, with seeded bootstrap 95% intervals and permutation "
        "p-values against the other outlets. Lexicon sentiment measures the tone of words, not bias.</p>",
        html_table(comparison[columns]),
        _figures(comparison),
        "<h2>The articles</h2><div class='articles'>", "".join(articles), "</div>",
        "<h2>What cleaning removed</h2>",
        html_table(log[["doc_id", "kind", "removed"]]),
        "<h2>Provenance</h2>",
        f"<p>toolkit {escape(str(prov.get('toolkit_version')))}; corpus checksum "
        f"<code>{escape(str(prov.get('corpus_checksum')))}</code></p>",
        "</body></html>",
    ])


def write_report(analysis: Analysis, comparison: pd.DataFrame, path: str | os.PathLike[str], *,
                 force: bool = False) -> Path:
    """Write :func:`render_report` to ``path`` atomically."""
    from toolkit.io import atomic_open

    with atomic_open(path, force=force) as handle:
        handle.write(render_report(analysis, comparison))
    return Path(path)
