"""Comparing outlets: one tidy table that plots, reports and notebooks read.

:func:`compare_outlets` turns an :class:`~toolkit.pipeline.Analysis` into one
row per (outlet, metric): the estimate, a seeded bootstrap 95% interval, the
number of units, a permutation p-value against the other outlets, an effect
size, and a note that says when the figures describe a handful of articles
rather than an outlet. Every metric family's :class:`~toolkit.metrics.MetricSpec`
is read the same way, so a new family appears here without changes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from toolkit.stats import MIN_ARTICLES, bootstrap_ci, cohens_d, permutation_test

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.metrics import MetricSpec
    from toolkit.pipeline import Analysis

__all__ = ["compare_outlets", "format_table", "comparison_wide", "voice_balance", "voice_sides", "sentiment_along",
           "metric_base", "COLUMNS", "BASES", "VOICE_TOP", "VOICE_MENTIONED", "WORD_COUNTS_NOTE"]

#: Columns of the comparison table.
COLUMNS = ("outlet", "metric", "label", "family", "unit", "estimate", "low", "high", "n", "n_unit",
           "n_articles", "p_value", "effect", "effect_measure", "note")

#: What ``n`` counts, by the denominator column of a metric (:attr:`MetricSpec.weight`);
#: a metric without one is a mean over sentences. The attribution family counts
#: runs of letters and digits ("Russia’s", "dual-use": two), the stance family
#: whole words (one): the two word counts of an article differ by that much.
BASES = {"words": "words, Russia’s = 2", "stance_words": "words, Russia’s = 1", "n_attributions": "attributions",
         "n_verb": "reporting verbs"}

#: How the two word counts differ, for the text table and the report.
WORD_COUNTS_NOTE = ("word counts (counted sentences only: no headline, no key-points block): the attribution "
                    "metrics count runs of letters and digits (Russia’s, dual-use = 2 words), the stance "
                    "metrics whole words (= 1), so one article has two slightly different counts")


#: Voice balance shows at most this many sides given a voice, the most quoted first (the rest: "other sides").
VOICE_TOP = 5
#: ... and the sides this many most named in the articles, even when nobody of that side is quoted.
VOICE_MENTIONED = 3


#: Characters of text :func:`voice_sides` reads for mentions at most (evenly spaced articles beyond).
_MENTION_BUDGET = 20_000_000


def _slug(side: str) -> str:
    return re.sub(r"\W+", "_", side.casefold()).strip("_") or "side"


def voice_sides(analysis: Analysis, *, top: int | None = None, mentioned: int | None = None
                ) -> tuple[list[str], bool]:
    """The sides (speaker affiliations) the voice-balance rows of :func:`compare_outlets` show.

    The ``top`` (default :data:`VOICE_TOP`) sides with the most counted attributions (most first, then by
    name), then those of the ``mentioned`` sides most named in the counted
    sentences (gazetteer mentions; default :data:`VOICE_MENTIONED`) that are not among them: a side the
    articles are about but never quote is shown with its share of 0 (in a
    corpus of more than 20 million characters, mentions are counted on evenly
    spaced articles that fit that size). The
    second value says whether other quoted sides remain (shown together as
    "other sides").

    Examples
    --------
    >>> from toolkit import analyze, load_corpus
    >>> voice_sides(analyze(load_corpus("blinken-china-2024")))
    (['US', 'China', 'UK', 'Russia'], False)
    """
    from collections import Counter

    from toolkit.gazetteer import load_gazetteer

    top = VOICE_TOP if top is None else top
    mentioned = VOICE_MENTIONED if mentioned is None else mentioned
    quotes = analysis.tables.get("quotes")
    quoted: Counter[str] = Counter()
    if quotes is not None and "affiliation" in quotes.columns:
        if "counted" in quotes.columns:
            quotes = quotes[quotes["counted"].astype(bool)]
        quoted.update(str(a) for a in quotes["affiliation"] if isinstance(a, str) and a)
    ranked = sorted(quoted, key=lambda a: (-quoted[a], a))
    sides = ranked[:top]
    if mentioned > 0:
        gazetteer = load_gazetteer()
        named: Counter[str] = Counter()
        docs = list(analysis.docs)
        size = sum(len(doc.text) for doc in docs)
        # the alias finder reads about 20 MB/s: a very large corpus is ranked on every k-th article
        for doc in docs[::max(1, math.ceil(size / _MENTION_BUDGET))]:
            for (s, e), counted in zip(doc.sentences, doc.counted, strict=True):
                if counted:
                    named.update(m.entity.affiliation for m in gazetteer.find(doc.text, s, e)
                                 if m.entity.affiliation)
        sides += [a for a in sorted(named, key=lambda a: (-named[a], a))[:mentioned] if a not in sides]
    return sides, len(ranked) > top


def _voice_columns(analysis: Analysis, sentences: pd.DataFrame, specs: list[MetricSpec],
                   wanted: Sequence[str] = ()) -> tuple[list[MetricSpec], pd.DataFrame]:
    """``specs`` with the fixed voice-balance rows replaced by those of :func:`voice_sides`.

    ``wanted`` names metrics asked for by name (``voice_ukraine``): a side that
    some counted quote has is added when :func:`voice_sides` left it out.

    The counts per side come from the counted rows of the quotes table (each
    in the sentence where it starts), as new columns of ``sentences``; the
    denominator stays ``n_attributions``.
    """
    from toolkit.metrics import MetricSpec

    voice = [k for k, m in enumerate(specs) if m.family == "attribution" and m.name.startswith("voice_")]
    quotes = analysis.tables.get("quotes")
    if not voice or quotes is None or not {"sentence_id", "affiliation", "doc_id"} <= set(quotes.columns):
        return specs, sentences
    if "counted" in quotes.columns:
        quotes = quotes[quotes["counted"].astype(bool)]
    sides, rest = voice_sides(analysis)
    side = quotes["affiliation"].astype(object)
    side = side.where(side.notna() & (side.astype(str) != ""), None)
    if wanted:
        present = sorted({str(a) for a in side.dropna()})
        sides = sides + [a for a in present if f"voice_{_slug(a)}" in wanted and a not in sides]
        rest = rest and bool(set(present) - set(sides))
    new_specs = []
    sentences = sentences.copy()
    keys = list(zip(sentences["doc_id"], sentences["sentence_id"], strict=True))
    shown = [(a, side == a) for a in sides]
    if rest:
        shown.append(("other sides", side.notna() & ~side.isin(sides)))
    for name, mask in shown:
        column = f"voice_n_{_slug(name)}"
        counts = quotes[mask.to_numpy()].groupby(["doc_id", "sentence_id"]).size()
        lookup = counts.to_dict()
        sentences[column] = [int(lookup.get(k, 0)) for k in keys]
        new_specs.append(MetricSpec(f"voice_{_slug(name)}", f"Voice balance: {name}", "attribution", column,
                                    "n_attributions", "share"))
    at = voice[0]
    kept = [m for k, m in enumerate(specs) if k not in set(voice)]
    at -= sum(1 for k in voice if k < at)
    return kept[:at] + new_specs + kept[at:], sentences


def _verb_classes_used(specs: list[MetricSpec], sentences: pd.DataFrame) -> list[MetricSpec]:
    """``specs`` without the reporting-verb classes that no counted sentence of any outlet uses.

    Every class of the verb lexicon that the corpus uses gets a row, so each
    outlet's shares sum to 1 over its counted reporting verbs; a class nobody
    uses would only add a row of zeros (and a test with p = 1).
    """
    counted = sentences[sentences["counted"]] if "counted" in sentences.columns else sentences
    verb = [m for m in specs if m.family == "attribution" and m.weight == "n_verb"]
    used = [m for m in verb if m.column in counted.columns and float(counted[m.column].sum()) > 0]
    if not used:
        return specs
    return [m for m in specs if m not in verb or m in used]


def metric_base(spec: MetricSpec) -> str:
    """The units the estimate of ``spec`` is a share, rate or mean of (``n_unit`` of the table).

    Examples
    --------
    >>> from toolkit.metrics import MetricSpec
    >>> metric_base(MetricSpec("anonymous_rate", "Anonymous", "attribution", "n_anonymous", "n_attributions"))
    'attributions'
    >>> metric_base(MetricSpec("vader_compound", "VADER", "sentiment", "vader_compound"))
    'sentences'
    >>> metric_base(MetricSpec("stance_hedges", "Hedges", "stance", "hedges_x1000", "stance_words"))
    'words, Russia’s = 1'
    """
    if spec.weight is None:
        return "sentences"
    return BASES.get(spec.weight, spec.weight.removeprefix("n_").replace("_", " "))


def _note(n_articles: int, n_outlets: int) -> str:
    notes = []
    if n_outlets < 2:
        notes.append("only one outlet: nothing to compare")
    if n_articles < MIN_ARTICLES:
        these = "this article" if n_articles == 1 else f"these {n_articles} articles"
        notes.append(f"{n_articles} article(s): the figures describe {these}, not the outlet")
    return "; ".join(notes)


def _article_sums(frame: pd.DataFrame, spec: MetricSpec) -> tuple[np.ndarray, np.ndarray]:
    value = frame[spec.column].astype(float)
    weight = frame[spec.weight].astype(float) if spec.weight else value.notna().astype(float)
    grouped = (
        frame.assign(_v=value.fillna(0.0), _w=weight.where(value.notna(), 0.0))
        .groupby("doc_id")[["_v", "_w"]].sum()
    )
    return grouped["_v"].to_numpy(), grouped["_w"].to_numpy()


def compare_outlets(
    analysis: Analysis,
    *,
    metrics: Sequence[str] | None = None,
    n_resamples: int = 2000,
    n_permutations: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
    cache: bool = False,
) -> pd.DataFrame:
    """Per-outlet estimates with intervals, tests and effect sizes.

    Parameters
    ----------
    analysis : Analysis
        From :func:`toolkit.analyze`.
    metrics : sequence of str, optional
        Metric names to report (default: every metric of the analysis, with the
        voice-balance rows of :func:`voice_sides` and the reporting-verb classes
        the corpus uses). A voice-balance row is named by its side
        (``voice_ukraine``); a side that no counted quote has gives no row.
    n_resamples, n_permutations : int, default=2000
    seed : int, default=0
        Seeds every resampling; results are identical run to run.
    ci : float, default=0.95
    cache : bool, default=False
        Keep the table in the analysis's cache folder (``analyze(...,
        cache=...)``; without one, or with an unseeded ``seed``, it is simply
        computed) and read it back when the same comparison is asked for
        again: for a notebook that is re-run often. The key covers the
        arguments, the metrics compared, the toolkit's source code, NumPy's
        version and a checksum of every value read from
        ``analysis.sentences`` and ``analysis.articles``, so a changed table
        is compared afresh.

    Returns
    -------
    pandas.DataFrame
        ``outlet, metric, label, family, unit, estimate, low, high, n, n_unit,
        n_articles, p_value, effect, effect_measure, note``, in metric order
        then outlet. ``n`` is the base of the estimate, in ``n_unit``
        (:func:`metric_base`): the counted sentences with a value for a mean,
        else the sum of the metric's denominator over them (words for rates
        per 1,000 words, attributions for source shares, reporting verbs for
        verb shares); ``p_value`` tests this outlet
        against all others (permuting articles when both sides have at least
        5, else sentences); ``effect`` is Cohen's d of sentence values (plain
        means) or the difference of rates (weighted metrics) against the
        others.

    Examples
    --------
    >>> from toolkit import analyze, load_corpus
    >>> table = compare_outlets(analyze(load_corpus("blinken-china-2024")))
    >>> sorted(table["outlet"].unique())
    ['NBC Chicago', 'RT']
    """
    import pandas as pd

    from toolkit.metrics import check_kind

    check_kind(analysis, ["metrics", "sentences", "articles"], caller="toolkit.compare_outlets",
               expected="an Analysis from toolkit.analyze(toolkit.load_corpus(...))")
    specs, table = _voice_columns(analysis, analysis.sentences, list(analysis.metrics),
                                  [m for m in metrics or () if m.startswith("voice_")])
    specs = [m for m in specs if metrics is None or m.name in metrics]
    if metrics is None:
        specs = _verb_classes_used(specs, table)
    if cache and analysis.cache_folder is not None and isinstance(seed, (int, np.integer)):  # seeded: reproducible
        from dataclasses import asdict

        from toolkit.cache import analysis_result, table_checksum

        read = list(dict.fromkeys(["doc_id", "outlet", "counted", *(m.column for m in specs),
                                   *(m.weight for m in specs if m.weight)]))
        key = {"function": "toolkit.compare.compare_outlets", "specs": [asdict(m) for m in specs],
               "kwargs": {"n_resamples": int(n_resamples), "n_permutations": int(n_permutations), "seed": int(seed),
                          "ci": float(ci)},
               "inputs": table_checksum(table[read], analysis.articles[["outlet"]])}
        return analysis_result(analysis, key, lambda: compare_outlets(
            analysis, metrics=metrics, n_resamples=n_resamples, n_permutations=n_permutations, seed=seed, ci=ci))
    sentences = table[table["counted"]]
    outlets = sorted(analysis.articles["outlet"].unique())
    rows = []
    for spec in specs:
        two_sided: dict[str, float] = {}  # with two outlets, one test serves both rows
        for outlet in outlets:
            mine = sentences[sentences["outlet"] == outlet]
            rest = sentences[sentences["outlet"] != outlet]
            values = mine[spec.column].astype(float)
            weights = mine[spec.weight].astype(float) if spec.weight else None
            est = bootstrap_ci(values.to_numpy(), weights=None if weights is None else weights.to_numpy(),
                               groups=mine["doc_id"].to_numpy(), n_resamples=n_resamples, seed=seed, ci=ci)
            n_articles = int((analysis.articles["outlet"] == outlet).sum())
            p_value = effect = float("nan")
            if len(outlets) > 1 and len(rest):
                rest_articles = rest["doc_id"].nunique()
                wa: np.ndarray | None
                wb: np.ndarray | None
                if n_articles >= MIN_ARTICLES and rest_articles >= MIN_ARTICLES:
                    va, wa = _article_sums(mine, spec)
                    vb, wb = _article_sums(rest, spec)
                else:
                    va = values.to_numpy()
                    vb = rest[spec.column].astype(float).to_numpy()
                    wa = None if weights is None else weights.to_numpy()
                    wb = None if not spec.weight else rest[spec.weight].astype(float).to_numpy()
                if "p" not in two_sided:
                    p_value = permutation_test(va, vb, weights_a=wa, weights_b=wb,
                                               n_permutations=n_permutations, seed=seed)
                    if len(outlets) == 2:
                        two_sided["p"] = p_value
                else:
                    p_value = two_sided["p"]
                if spec.weight:
                    other = bootstrap_ci(rest[spec.column].astype(float).to_numpy(),
                                         weights=rest[spec.weight].astype(float).to_numpy(), n_resamples=1)
                    effect = est.estimate - other.estimate
                else:
                    effect = cohens_d(values.to_numpy(), rest[spec.column].astype(float).to_numpy())
            rows.append({
                "outlet": outlet, "metric": spec.name, "label": spec.label, "family": spec.family,
                "unit": spec.unit, "estimate": est.estimate, "low": est.low, "high": est.high,
                "n": est.n_units if spec.weight is None else int(round(est.weight_total)),
                "n_unit": metric_base(spec), "n_articles": n_articles, "p_value": p_value, "effect": effect,
                "effect_measure": "difference in rate" if spec.weight else "Cohen's d",
                "note": _note(n_articles, len(outlets)),
            })
    return pd.DataFrame(rows, columns=list(COLUMNS))


def comparison_wide(comparison: pd.DataFrame, *, digits: int = 3) -> pd.DataFrame:
    """One row per metric, one column per outlet (``estimate [low, high]``), then p and effect.

    With two outlets, ``effect`` is the first outlet's effect against the
    other, rounded to two decimals (a value that rounds to zero reads
    ``0.00``), or ``n/a`` with the reason. ``p (permutation)`` reads ``n/a``
    when there is nothing to test against.

    Examples
    --------
    >>> from toolkit import analyze, load_corpus
    >>> wide = comparison_wide(compare_outlets(analyze(load_corpus("blinken-china-2024"))))
    >>> list(wide.columns[:4])
    ['family', 'metric', 'NBC Chicago', 'RT']
    """
    import pandas as pd

    fmt = f"{{:.{digits}f}}"
    outlets = sorted(comparison["outlet"].unique())
    rows = []
    for _, part in comparison.groupby("metric", sort=False):
        first = part.iloc[0]
        row = {"family": first["family"], "metric": first["label"]}
        for r in part.itertuples(index=False):
            interval = "" if math.isnan(float(r.low)) else f" [{fmt.format(r.low)}, {fmt.format(r.high)}]"
            row[str(r.outlet)] = "n/a" if math.isnan(float(r.estimate)) else fmt.format(r.estimate) + interval
        row["p (permutation)"] = "n/a" if math.isnan(float(first["p_value"])) else f"{first['p_value']:.3f}"
        if len(outlets) == 2:
            row["effect"] = _effect_cell(part, first)
        rows.append(row)
    return pd.DataFrame(rows).fillna("")


def _effect_cell(part: pd.DataFrame, first: pd.Series) -> str:
    """The effect of the first outlet against the other, signed, or why there is none."""
    effect = float(first["effect"])
    measure = str(first["effect_measure"])
    if math.isnan(effect):
        if part["estimate"].astype(float).isna().any():
            return f"n/a: an outlet has no {first.get('n_unit', 'units')} to measure"
        if measure == "Cohen's d" and (part["low"] == part["high"]).all():
            return "n/a: no spread (every sentence has the same value), so Cohen's d is undefined"
        return "n/a: too few sentences to compare"
    rounded = round(effect, 2)
    shown = "0.00" if rounded == 0 else f"{rounded:+.2f}"  # never "-0.00"
    return f"{shown} ({measure}, {first['outlet']} vs other)"


def format_table(comparison: pd.DataFrame, *, digits: int = 3) -> str:
    """The comparison as a readable text table.

    First one row per outlet with its number of articles and counted
    sentences, then one row per metric with each outlet's ``estimate [low,
    high]``. Notes (few articles, one outlet) follow the tables.
    """
    if comparison.empty:
        return "(no metrics)"
    wide = comparison_wide(comparison, digits=digits)
    outlets = sorted(comparison["outlet"].unique())
    means = comparison[comparison["n_unit"] == "sentences"] if "n_unit" in comparison else comparison
    sizes = (comparison.drop_duplicates("outlet").set_index("outlet").loc[outlets, ["n_articles"]]
             .rename(columns={"n_articles": "articles"}))
    if len(means):
        sizes["sentences"] = means.groupby("outlet")["n"].max().reindex(outlets).fillna(0).astype(int)
    shown = [*outlets, "p (permutation)"] if "p (permutation)" in wide else outlets
    metrics = wide[["family", "metric", *shown]].set_index(["family", "metric"])
    lines = [sizes.to_string(), "", metrics.to_string(), "",
             "intervals: seeded bootstrap 95%; estimates over counted sentences"]
    if "p (permutation)" in wide:
        lines.append("p (permutation): this outlet against the others, two-sided, not corrected for the "
                     "many metrics compared")
    if "n_unit" in comparison and comparison["n_unit"].astype(str).str.startswith("words").any():
        lines.append(WORD_COUNTS_NOTE)
    lines.extend(f"note: {n}" for n in sorted({n for n in comparison["note"] if n}))
    return "\n".join(lines)


def voice_balance(quotes: pd.DataFrame, *, by: str = "affiliation") -> pd.DataFrame:
    """Who is given a voice: attributions per outlet by affiliation (or source kind).

    Parameters
    ----------
    quotes : pandas.DataFrame
        From :func:`toolkit.attribution.extract_quotes` (``outlet`` and ``by``).
        With a ``counted`` column (the analysis table ``tables["quotes"]``),
        quotes in a key-points block that repeats the body are left out.
    by : str, default="affiliation"
        ``"affiliation"`` or ``"source_kind"``.

    Returns
    -------
    pandas.DataFrame
        ``outlet, group, n, share`` (share of the outlet's attributions),
        sorted by outlet then group; missing groups read ``"unknown"``.

    Examples
    --------
    >>> import pandas as pd
    >>> q = pd.DataFrame({"outlet": ["A", "A", "B"], "affiliation": ["US", None, "China"]})
    >>> voice_balance(q).values.tolist()
    [['A', 'US', 1, 0.5], ['A', 'unknown', 1, 0.5], ['B', 'China', 1, 1.0]]
    """
    import pandas as pd

    from toolkit.metrics import check_kind

    check_kind(quotes, ["columns"], caller="toolkit.voice_balance",
               expected="a quotes DataFrame from toolkit.extract_quotes(docs) or analysis.tables['quotes']")
    if "counted" in quotes.columns:
        quotes = quotes[quotes["counted"].astype(bool)]
    if quotes.empty:
        return pd.DataFrame(columns=["outlet", "group", "n", "share"])
    groups = quotes[by].astype(object).where(quotes[by].notna() & (quotes[by].astype(str) != ""), "unknown")
    counts = (pd.DataFrame({"outlet": quotes["outlet"], "group": groups.astype(str)})
              .groupby(["outlet", "group"]).size().rename("n").reset_index())
    counts["share"] = counts["n"] / counts.groupby("outlet")["n"].transform("sum")
    return counts.sort_values(["outlet", "group"]).reset_index(drop=True)


def sentiment_along(analysis: Analysis, *, metric: str = "vader_compound") -> pd.DataFrame:
    """A sentence score along each article, by relative position (0 = first counted sentence).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, position, relative_position, value``.
    """
    from toolkit.metrics import check_kind

    check_kind(analysis, ["sentences"], caller="toolkit.sentiment_along",
               expected="an Analysis from toolkit.analyze(toolkit.load_corpus(...))")
    rows = analysis.sentences[analysis.sentences["counted"]].copy()
    rows["rank"] = rows.groupby("doc_id").cumcount()
    size = rows.groupby("doc_id")["rank"].transform("max").clip(lower=1)
    rows["relative_position"] = rows["rank"] / size
    rows = rows.rename(columns={metric: "value"})
    return rows[["doc_id", "outlet", "sentence_id", "position", "relative_position", "value"]].reset_index(drop=True)
