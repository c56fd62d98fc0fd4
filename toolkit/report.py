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
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.pipeline import Analysis

__all__ = ["render_report", "write_report", "html_table", "story_sections", "quotes_of", "counted_quotes",
           "marks_of"]

_CSS = """
body{font-family:system-ui,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#111;line-height:1.45}
table{border-collapse:collapse;font-size:0.9em;margin:1em 0}
th,td{border:1px solid #999;padding:0.25em 0.5em;text-align:left;vertical-align:top}
th{background:#eee}
.articles{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:1.5em}
.article{border:1px solid #999;padding:0 1em}
.summary{color:#555;border-left:4px double #555;padding-left:0.5em}
.note{font-style:italic}
figure{display:inline-block;margin:0.5em;max-width:100%}
img{max-width:100%;height:auto}
.scroll{overflow-x:auto;max-width:100%}
code{overflow-wrap:anywhere}
.scroll .sbs table{min-width:36em}
.help{background:#f4f4f4;border-left:4px solid #555;padding:0.3em 1em}
"""

#: Plain-language reading of the comparison table, shown next to it.
_HOW_TO_READ = """
<div class='help'>
<p><b>How to read this table.</b> Each outlet column gives the estimate and, in brackets, a 95%
interval: the range the figure moves within when the sentences are resampled at random
(a bootstrap). Wide intervals mean the articles give little evidence either way.</p>
<ul>
<li><b>p (permutation)</b>: shuffle which outlet each sentence (with five or more articles per
outlet: each article) came from, many times, and see how often a gap at least as large as the
real one turns up by chance. A small p (say below 0.05) means the gap is unlikely to be
chance alone; a large p means these articles cannot tell the outlets apart. It says nothing
about how large or important the gap is.</li>
<li><b>Difference in rate</b> (rates and shares): the first outlet's figure minus the other's, in
the metric's own unit. +0.20 on a share means 20 percentage points more.</li>
<li><b>Cohen's d</b> (scores and per-sentence shares): the gap between the two outlets' average
sentence, measured in standard deviations of the sentences. As a rough guide, about 0.2 is a
small difference, 0.5 medium and 0.8 large. It is undefined ("n/a") when every sentence has the
same value.</li>
</ul>
<p><b>Many comparisons.</b> The p-values are not corrected for multiple comparisons: with
N_TESTS metrics tested, about EXPECTED would fall below 0.05 by chance alone even if the
outlets did not differ at all. Treat a single small p as a lead to check in the text, not a
finding.</p>
</div>
"""

#: What the report cannot show, in plain words.
_LIMITS = """
<h2>What this cannot tell you</h2>
<ul>
<li><b>Bias or intent.</b> The measures count words, quotes and sources. A difference shows how the
articles are written, not why, and not which outlet is right.</li>
<li><b>The outlet as a whole</b> when there are few articles: with fewer than five per outlet the
figures describe these articles only.</li>
<li><b>Tone is not bias.</b> Lexicon sentiment scores the tone of words; reporting bad news in
neutral words and good news in warm ones is not measured as a slant.</li>
<li><b>Perfect accuracy.</b> Quotes, speakers, frames and sentence matches are found by rules and
lexicons that make mistakes (see the validation notebook); read the side-by-side view to check
a number before you rely on it.</li>
<li><b>What is missing on purpose.</b> "Only in one outlet" means "not said in similar words
elsewhere"; the other outlet may say it differently, or in another article.</li>
</ul>
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


def _scroll(html: str) -> str:
    """Let a wide table scroll sideways in a narrow window instead of being cut off."""
    return f"<div class='scroll'>{html}</div>"


def _figures(comparison: pd.DataFrame) -> str:
    """One grid of per-outlet interval charts per metric family."""
    from toolkit.plots import plot_outlet_metrics

    parts = []
    for family, part in comparison.groupby("family", sort=False):
        metrics = list(dict.fromkeys(part["metric"]))
        ncols = min(3, len(metrics))
        nrows = -(-len(metrics) // ncols)
        n_outlets = part["outlet"].nunique()

        def draw_grid(fig: Any, metrics: list[str] = metrics, part: pd.DataFrame = part,
                      shape: tuple[int, int] = (nrows, ncols)) -> None:
            axes = fig.subplots(*shape, squeeze=False)
            for ax, metric in zip(axes.flat, metrics, strict=False):
                plot_outlet_metrics(part, metric=metric, ax=ax)
                first = part.loc[part["metric"] == metric].iloc[0]
                ax.set_title("", loc="left")  # the page states the note once
                ax.set_title(str(first["label"]), fontsize=9)
                ax.set_xlabel(str(first["unit"]), fontsize=8)
            for ax in list(axes.flat)[len(metrics):]:
                ax.axis("off")

        height = nrows * (0.9 + 0.45 * n_outlets)
        parts.append(f"<h3>{escape(str(family))}</h3>" + _figure_of(draw_grid, (12, height),
                     f"{family}: per-outlet estimates with bootstrap 95% intervals"))
    return "".join(parts)


def _article(doc_title: str, outlet: str, paragraphs: list[tuple[str, bool]]) -> str:
    body = "".join(
        f'<p class="summary" title="key points: repeats the body, not counted">{escape(p)}</p>' if summary
        else f"<p>{escape(p)}</p>"
        for p, summary in paragraphs
    )
    return f'<div class="article"><h3>{escape(doc_title)}</h3><p><b>{escape(outlet)}</b></p>{body}</div>'


def _png(draw: Callable[[Any], Any], size: tuple[float, float], *, whole_figure: bool = False) -> str:
    import io

    from toolkit.plots import _pyplot

    plt = _pyplot()
    fig = plt.figure(figsize=size)
    draw(fig if whole_figure else fig.add_subplot())
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _figure(draw: Callable[[Any], Any], size: tuple[float, float], caption: str) -> str:
    return (f'<figure><img alt="{escape(caption)}" src="data:image/png;base64,{_png(draw, size)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _figure_of(draw: Callable[[Any], Any], size: tuple[float, float], caption: str) -> str:
    png = _png(draw, size, whole_figure=True)
    return (f'<figure><img alt="{escape(caption)}" src="data:image/png;base64,{png}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def quotes_of(analysis: Analysis) -> pd.DataFrame:
    """The attribution table of an analysis (extracted now if the family did not run)."""
    if "quotes" in analysis.tables:
        return analysis.tables["quotes"]
    from toolkit.attribution import extract_quotes

    return extract_quotes(analysis.docs)


def counted_quotes(analysis: Analysis) -> pd.DataFrame:
    """The attributions the metrics count: :func:`quotes_of` without those in a key-points block.

    Every table and chart of the report reads this, so that its counts agree
    with the per-outlet metrics (which count only the counted sentences).
    """
    quotes = quotes_of(analysis)
    if "counted" not in quotes.columns:
        return quotes
    return quotes[quotes["counted"].astype(bool)].reset_index(drop=True)


def marks_of(analysis: Analysis) -> pd.DataFrame | None:
    """Framing cues and stance words to mark in the side-by-side view, if the families made them."""
    import pandas as pd

    parts = [analysis.tables[name] for name in ("frame_marks", "stance_marks") if name in analysis.tables]
    return pd.concat(parts, ignore_index=True) if parts else None


#: The columns of :func:`distinctive_terms` as the report names them.
_TERM_COLUMNS = {"count": "times in this outlet", "count_rest": "times in the other outlets",
                 "z": "z-score (above 1.96: beyond chance)"}


def distinctive_features(quotes: pd.DataFrame, *, top: int = 4) -> str:
    """Reporting verbs and source kinds each outlet uses more than the others, as small tables.

    Only terms with a positive z-score (used relatively more by the outlet
    than by the others) are listed, at most ``top`` per outlet; the text says
    how many pass the 1.96 line, and an outlet with none is named. With a
    ``counted`` column, quotes in a key-points block that repeats the body
    (or inside another quote of the same speaker) are left out, as in the metrics.
    """
    from toolkit.distinctive import distinctive_terms

    if "counted" in quotes.columns:
        quotes = quotes[quotes["counted"].astype(bool)]
    parts = []
    for column, title, noun in (("verb", "Reporting verbs", "reporting verb"),
                                ("source_kind", "Source kinds", "source kind")):
        if column not in quotes.columns:
            continue
        rows = quotes.dropna(subset=[column])
        rows = rows[rows[column].astype(str) != ""]
        if rows.empty or rows["outlet"].nunique() < 2:
            continue
        terms = distinctive_terms(rows, feature_col=column, stop_words=None)
        favoured = terms[terms["z"] > 0]
        best = favoured.sort_values(["outlet", "z"], ascending=[True, False]).groupby("outlet").head(top)
        parts.append(f"<h3>{escape(title)} each outlet uses more than the others</h3>")
        parts.append(f"<p>{escape(_passing_note(best if len(best) else terms, noun + 's'))}</p>")
        without = sorted(set(rows["outlet"].astype(str)) - set(best["outlet"].astype(str)))
        if without:
            parts.append("<p>" + escape(f"No {noun} is used relatively more by: {', '.join(without)}.") + "</p>")
        if len(best):
            table = best[["outlet", "term", *_TERM_COLUMNS]].rename(columns={"term": noun, **_TERM_COLUMNS})
            parts.append(_scroll(html_table(table, digits=2)))
    return "".join(parts)


def _passing_note(terms: pd.DataFrame, what: str) -> str:
    """How many of ``terms`` pass the 1.96 line, in plain words."""
    passing = terms[terms["z"] > 1.96]
    if passing.empty:
        top = float(terms["z"].max()) if len(terms) else float("nan")
        return (f"No {what} pass the 1.96 line (the highest z-score is {top:.2f}): the differences below "
                "are within what chance gives with this many quotes, so none is a clear preference.")
    return (f"{len(passing)} of the {what} listed pass the 1.96 line (not corrected for the many "
            "terms compared); the others are within what chance gives.")


def _words_caption(terms: pd.DataFrame, top: int) -> str:
    """The caption of the distinctive-words chart, saying plainly whether any word passes 1.96."""
    shown = terms[terms["z"] > 0].sort_values("z", ascending=False).groupby("outlet").head(top)
    passing = int((shown["z"] > 1.96).sum())
    base = "Words each outlet uses relatively more (log-odds ratio, informative Dirichlet prior)"
    if shown.empty:
        return base + ": no word is used relatively more by any outlet."
    if not passing:
        return (f"{base}. No word passes the dotted 1.96 line (highest z-score {float(shown['z'].max()):.2f}): "
                "with these few articles no word stands out beyond chance.")
    return f"{base}. {passing} word(s) pass the dotted 1.96 line; the others are within chance."


def story_sections(analysis: Analysis, *, max_stories: int = 5) -> str:
    """For each story covered by two or more outlets: omissions, then the side-by-side view."""
    from toolkit.alignment import align_sentences, omission_report
    from toolkit.pairing import pair_stories
    from toolkit.sidebyside import side_by_side

    docs = analysis.docs
    if len({d.outlet for d in docs}) < 2:
        return "<p class='note'>Only one outlet: there is nothing to put side by side.</p>"
    stories = pair_stories(docs) if len(docs) > 2 else None
    groups: list[list[int]] = [list(range(len(docs)))]
    if stories is not None:
        by_story: dict[object, list[int]] = {}
        for k, story in enumerate(stories["story_id"]):
            by_story.setdefault(story, []).append(k)
        groups = [g for g in by_story.values() if len({docs[k].outlet for k in g}) > 1][:max_stories]
    quotes, marks = counted_quotes(analysis), marks_of(analysis)
    parts = []
    for group in groups:
        story_docs = [docs[k] for k in group]
        alignment = align_sentences(story_docs)
        ids = {d.doc_id for d in story_docs}
        story_quotes = quotes[quotes["doc_id"].isin(ids)]
        omissions = omission_report(alignment, quotes=story_quotes)
        columns = ["outlet", "rank", "sentence", "speakers_only_here", "actors_only_here"]
        parts.append("<h3>" + escape(" / ".join(f"{d.outlet}: {d.title or d.doc_id}" for d in story_docs)) + "</h3>")
        parts.append("<h4>What only one outlet includes (ranked: voices and named actors first)</h4>")
        parts.append(_scroll(html_table(omissions[columns].groupby("outlet").head(8))) if len(omissions)
                     else "<p>Every sentence has a counterpart in the other outlet(s).</p>")
        parts.append("<h4>Side by side</h4>")
        parts.append(_scroll(side_by_side(story_docs, alignment=alignment, quotes=story_quotes,
                                          marks=marks).fragment))
    return "".join(parts)


def _how_to_read(comparison: pd.DataFrame) -> str:
    """:data:`_HOW_TO_READ` with the number of tests in this table."""
    tested = comparison.drop_duplicates("metric")["p_value"].notna()
    n_tests = int(tested.sum())
    if n_tests == 0:
        return ""
    expected = f"{0.05 * n_tests:.1f}".removesuffix(".0")
    return _HOW_TO_READ.replace("N_TESTS", str(n_tests)).replace("EXPECTED", expected)


def _seed(prov: dict[str, Any]) -> object:
    """The resampling seed: from the provenance, else :func:`toolkit.compare.compare_outlets`'s default."""
    if "seed" in prov:
        return prov["seed"]
    import inspect

    from toolkit.compare import compare_outlets

    return inspect.signature(compare_outlets).parameters["seed"].default


def _distinctive_words(analysis: Analysis, *, top: int = 8) -> str:
    from toolkit.distinctive import distinctive_terms
    from toolkit.plots import plot_distinctive_terms

    terms = distinctive_terms(analysis.docs)
    return _figure(lambda ax: plot_distinctive_terms(terms, top=top, ax=ax), (7, 5), _words_caption(terms, top))


def render_report(analysis: Analysis, comparison: pd.DataFrame) -> str:
    """The report as one self-contained HTML page (figures embedded)."""
    from toolkit.compare import WORD_COUNTS_NOTE, comparison_wide, sentiment_along, voice_balance
    from toolkit.corpus import cleaning_log
    from toolkit.plots import plot_sentiment_along, plot_voice_balance

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
        "p-values against the other outlets, not corrected for multiple comparisons. Lexicon sentiment "
        "measures the tone of words, not bias.</p>",
        _scroll(html_table(comparison_wide(comparison))),
        (f"<p class='note'>{escape(WORD_COUNTS_NOTE[:1].upper() + WORD_COUNTS_NOTE[1:])}.</p>"
         if "n_unit" in comparison and comparison["n_unit"].astype(str).str.startswith("words").any() else ""),
        _how_to_read(comparison),
        _figures(comparison),
        "<h2>Who is given a voice</h2>",
        _figure(lambda ax: plot_voice_balance(voice_balance(counted_quotes(analysis)), ax=ax), (7, 2.6),
                "Attributions by the speaker's affiliation"),
        _figure(lambda ax: plot_voice_balance(voice_balance(counted_quotes(analysis), by="source_kind"), ax=ax),
                (7, 2.6), "Attributions by source kind"),
        "<h2>Sentiment along the article</h2>",
        _figure(lambda ax: plot_sentiment_along(sentiment_along(analysis), ax=ax), (8, 3),
                "VADER compound of each counted sentence, lede first"),
        "<h2>Distinctive language</h2>",
        (_distinctive_words(analysis) + distinctive_features(counted_quotes(analysis))
         if analysis.articles["outlet"].nunique() > 1 else ""),
        "<h2>The story side by side</h2>",
        story_sections(analysis),
        _LIMITS,
        "<h2>The articles</h2><div class='articles'>", "".join(articles), "</div>",
        "<h2>What cleaning removed</h2>",
        _scroll(html_table(log[["doc_id", "kind", "removed"]])),
        "<h2>Provenance</h2>",
        f"<p>toolkit {escape(str(prov.get('toolkit_version')))}; corpus checksum "
        f"<code>{escape(str(prov.get('corpus_checksum')))}</code>; seed {escape(str(_seed(prov)))} "
        "(bootstrap intervals and permutation tests)</p>",
        "<p>Lexicons, gazetteer, rules and models (SHA-256, first 16 hex digits):</p>",
        "<ul>" + "".join(f"<li><code>{escape(str(name))}</code> {escape(str(digest))}</li>"
                         for name, digest in sorted(dict(prov.get("resources") or {}).items())) + "</ul>",
        "</body></html>",
    ])


def write_report(analysis: Analysis, comparison: pd.DataFrame, path: str | os.PathLike[str], *,
                 force: bool = False) -> Path:
    """Write :func:`render_report` to ``path`` atomically."""
    from toolkit.io import atomic_open

    with atomic_open(path, force=force) as handle:
        handle.write(render_report(analysis, comparison))
    return Path(path)
