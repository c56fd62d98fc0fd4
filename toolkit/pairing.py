"""Story pairing: which articles from different outlets cover the same event.

Articles are compared by TF-IDF cosine similarity over their content words
(lower-cased, English stop words removed, sublinear term frequency), with the
capitalised, name-like tokens in the body counted once more as separate
features, since names of people, places and organisations are what most
distinguishes one event from another. The headline is added to the text.

Stories are formed by constrained agglomerative clustering: cross-outlet
pairs are visited from the most to the least similar, and two groups are
merged when

* the *average* similarity over all article pairs between them is at least
  ``threshold`` (average linkage, so one strong pair cannot chain two
  unrelated stories together),
* they have no outlet in common ("one article per outlet per story", which
  is how cross-outlet comparison data such as BASIL is built), and
* when both groups carry publication dates, some article of one was published
  within ``date_window_days`` of some article of the other.

The default threshold (:data:`DEFAULT_THRESHOLD`) was set before the first
run on BASIL (Fan et al. 2019), the only annotated data the toolkit has for
this task, and not changed afterwards; still, BASIL is the only check, so
``toolkit validate pairing`` prints the scores over a range of thresholds, with
and without dates, and without the one-per-outlet constraint, so the
sensitivity to each choice is visible. On BASIL the one-per-outlet constraint
does much of the work: without it, topically close events (two stories about
the same politician in the same week) merge.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.metrics import check_docs
from toolkit.text import ParsedDocument

__all__ = [
    "DEFAULT_THRESHOLD",
    "pair_stories",
    "story_similarity",
    "load_basil_articles",
    "validate_pairing",
    "cmd_pair",
    "cmd_validate",
]

#: Average-linkage cosine similarity above which two groups of articles are one story.
DEFAULT_THRESHOLD = 0.12

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'’-]*[^\W_]")


def _frame_from(corpus_or_docs: pd.DataFrame | Sequence[ParsedDocument], caller: str) -> pd.DataFrame:
    if isinstance(corpus_or_docs, pd.DataFrame):
        missing = {"doc_id", "outlet", "text"} - set(corpus_or_docs.columns)
        if missing:
            raise InputError(f"corpus lacks column(s) {', '.join(sorted(missing))}")
        frame = corpus_or_docs
        titles = frame["title"] if "title" in frame else pd.Series([""] * len(frame))
        published = frame["published"] if "published" in frame else pd.Series([None] * len(frame))
        out = pd.DataFrame({
            "doc_id": frame["doc_id"].astype(str).to_numpy(),
            "outlet": frame["outlet"].astype(str).to_numpy(),
            "title": [t if isinstance(t, str) else "" for t in titles],
            "text": [t if isinstance(t, str) else "" for t in frame["text"]],
            "published": list(published),
        })
    else:
        docs = list(check_docs(corpus_or_docs, caller=caller, unique=False,  # doc_ids are checked below
                               expected="a corpus DataFrame (toolkit.load_corpus) or a list of ParsedDocument"))
        out = pd.DataFrame({
            "doc_id": [d.doc_id for d in docs],
            "outlet": [d.outlet for d in docs],
            "title": [d.title for d in docs],
            "text": [d.text for d in docs],
            "published": [None] * len(docs),
        })
    if out["doc_id"].duplicated().any():
        dup = out.loc[out["doc_id"].duplicated(), "doc_id"].iloc[0]
        raise InputError(f"doc_id {dup!r} appears more than once; doc_ids must be unique")
    return out


def _parse_date(value: Any) -> date | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _analyzer(stop_words: frozenset[str]):  # type: ignore[no-untyped-def]
    def analyze(text: str) -> list[str]:
        words = [w.casefold() for w in _WORD.findall(text)]
        features = [w for w in words if len(w) > 1 and w not in stop_words]
        features += ["@" + n.casefold() for n in _NAME.findall(text)
                     if n.casefold() not in stop_words]
        return features
    return analyze


def story_similarity(corpus_or_docs: pd.DataFrame | Sequence[ParsedDocument]) -> pd.DataFrame:
    """Pairwise TF-IDF cosine similarity between articles.

    Parameters
    ----------
    corpus_or_docs : pandas.DataFrame or sequence of ParsedDocument
        A corpus (columns ``doc_id, outlet, text``; ``title`` optional) or
        parsed documents.

    Returns
    -------
    pandas.DataFrame
        Square matrix indexed and labelled by ``doc_id``; 1 on the diagonal.

    References
    ----------
    Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic
    text retrieval. Information Processing & Management 24(5), 513-523.

    Examples
    --------
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                        "text": ["Blinken met Wang Yi.", "Wang Yi met Blinken."]})
    >>> round(float(story_similarity(corpus).loc["a", "b"]), 2)
    1.0
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    frame = _frame_from(corpus_or_docs, "toolkit.pairing.story_similarity")
    if frame.empty:
        return pd.DataFrame()
    texts = (frame["title"] + "\n\n" + frame["text"]).tolist()
    vectorizer = TfidfVectorizer(analyzer=_analyzer(frozenset(ENGLISH_STOP_WORDS)),
                                 sublinear_tf=True, lowercase=False)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no article has a single content word
        sim = np.eye(len(frame))
    else:
        sim = (matrix @ matrix.T).toarray()
        np.fill_diagonal(sim, 1.0)
    ids = frame["doc_id"].tolist()
    return pd.DataFrame(sim, index=ids, columns=ids)


def pair_stories(
    corpus_or_docs: pd.DataFrame | Sequence[ParsedDocument],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    date_window_days: int | None = 3,
    one_per_outlet: bool = True,
) -> pd.DataFrame:
    """Group articles from different outlets that cover the same event.

    Constrained average-linkage clustering over TF-IDF cosine similarity (see
    the module documentation). An article with no counterpart forms a story of
    its own.

    Parameters
    ----------
    corpus_or_docs : pandas.DataFrame or sequence of ParsedDocument
        A corpus as returned by :func:`toolkit.load_corpus` (``doc_id,
        outlet, text``; ``title`` and ``published`` are used when present), or
        parsed documents (which carry no date).
    threshold : float, default=DEFAULT_THRESHOLD
        Minimum average cosine similarity between two groups for them to be
        merged into one story, in [0, 1].
    date_window_days : int or None, default=3
        Groups are merged only if some article of one was published within
        this many days of some article of the other. Articles without a date
        are not constrained. None switches the date constraint off.
    one_per_outlet : bool, default=True
        Never put two articles of the same outlet in one story.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, story_id`` in input order; ``story_id`` is
        ``"story-001"``, ``"story-002"``, ... numbered by first appearance.

    Raises
    ------
    toolkit.errors.InputError
        Missing columns, duplicate doc_ids, or a threshold outside [0, 1].

    References
    ----------
    Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R. & Wang, L.
    (2019). In Plain Sight: Media Bias Through the Lens of Factual Reporting.
    EMNLP-IJCNLP, 6343-6349 (BASIL, the validation data).

    Examples
    --------
    >>> corpus = pd.DataFrame({
    ...     "doc_id": ["a1", "b1", "a2", "b2"], "outlet": ["A", "B", "A", "B"],
    ...     "text": ["Blinken met Wang Yi in Beijing to discuss Russia.",
    ...              "Wang Yi and Blinken discussed Russia in Beijing.",
    ...              "Floods hit Valencia after record autumn rainfall.",
    ...              "Record rainfall brought floods to Valencia."]})
    >>> pair_stories(corpus)["story_id"].tolist()
    ['story-001', 'story-001', 'story-002', 'story-002']
    """
    if not 0.0 <= threshold <= 1.0:
        raise InputError(f"threshold must be between 0 and 1, got {threshold}")
    if date_window_days is not None and date_window_days < 0:
        raise InputError(f"date_window_days must be >= 0, got {date_window_days}")
    frame = _frame_from(corpus_or_docs, "toolkit.pair_stories")
    n = len(frame)
    if n == 0:
        return pd.DataFrame({"doc_id": [], "outlet": [], "story_id": []}, dtype=object)
    sim = story_similarity(frame).to_numpy()
    outlets = frame["outlet"].tolist()
    dates = [_parse_date(v) for v in frame["published"]]

    cluster = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    iu, ju = np.triu_indices(n, k=1)
    order = np.argsort(-sim[iu, ju], kind="stable")
    for k in order:
        i, j = int(iu[k]), int(ju[k])
        if sim[i, j] < threshold:
            break
        ci, cj = cluster[i], cluster[j]
        if ci == cj:
            continue
        a, b = members[ci], members[cj]
        if one_per_outlet and {outlets[x] for x in a} & {outlets[y] for y in b}:
            continue
        if date_window_days is not None:
            da = [d for d in (dates[x] for x in a) if d is not None]
            db = [d for d in (dates[y] for y in b) if d is not None]
            if da and db and min(abs((x - y).days) for x in da for y in db) > date_window_days:
                continue
        if float(sim[np.ix_(a, b)].mean()) < threshold:
            continue
        for y in b:
            cluster[y] = ci
        members[ci] = a + b
        del members[cj]

    names: dict[int, str] = {}
    story_ids = []
    for c in cluster:
        if c not in names:
            names[c] = f"story-{len(names) + 1:03d}"
        story_ids.append(names[c])
    return pd.DataFrame({"doc_id": frame["doc_id"], "outlet": frame["outlet"],
                         "story_id": story_ids})


# ---------------------------------------------------------------- validation

def load_basil_articles(data_dir: str | Path) -> tuple[pd.DataFrame, pd.Series]:
    """Read BASIL's 300 articles as a corpus and their gold event ids.

    BASIL states no licence; it is read from the user's data folder for
    validation only and never shipped.

    Parameters
    ----------
    data_dir : str or Path
        The data folder holding ``basil/articles/<year>/<uuid>_<n>.json``.

    Returns
    -------
    (pandas.DataFrame, pandas.Series)
        The corpus (``doc_id, outlet, title, published, text``) and the gold
        ``triplet-uuid`` of each article, aligned with it.

    References
    ----------
    Fan, L. et al. (2019). In Plain Sight: Media Bias Through the Lens of
    Factual Reporting. EMNLP-IJCNLP. https://github.com/launchnlp/BASIL
    """
    root = Path(data_dir) / "basil" / "articles"
    files = sorted(root.glob("*/*.json"))
    if not files:
        raise InputError("no BASIL articles found (expected basil/articles/<year>/*.json)",
                         path=root)
    rows, gold = [], []
    for path in files:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            paragraphs = record["body-paragraphs"]
            rows.append({
                "doc_id": path.stem,
                "outlet": str(record["source"]).lower(),
                "title": record.get("title") or "",
                "published": record.get("date"),
                "text": "\n\n".join(" ".join(p) for p in paragraphs),
            })
            gold.append(record["triplet-uuid"])
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"not a BASIL article ({exc})", path=path) from exc
    return pd.DataFrame(rows), pd.Series(gold, name="event")


def _scores(pred: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    pred_groups: dict[str, set[int]] = {}
    gold_groups: dict[str, set[int]] = {}
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        pred_groups.setdefault(p, set()).add(i)
        gold_groups.setdefault(g, set()).add(i)
    pred_sets = {frozenset(s) for s in pred_groups.values()}
    exact = sum(frozenset(s) in pred_sets for s in gold_groups.values())

    def pairs(groups: dict[str, set[int]]) -> set[tuple[int, int]]:
        return {(a, b) for s in groups.values() for a in s for b in s if a < b}

    pp, gp = pairs(pred_groups), pairs(gold_groups)
    tp = len(pp & gp)
    return {
        "ari": float(adjusted_rand_score(list(gold), list(pred))),
        "events_exact": exact / len(gold_groups),
        "pair_precision": tp / len(pp) if pp else 0.0,
        "pair_recall": tp / len(gp) if gp else 0.0,
    }


def validate_pairing(
    data_dir: str | Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    date_window_days: int | None = 3,
    sweep: Sequence[float] = (0.06, 0.08, 0.10, 0.12, 0.15, 0.20, 0.25, 0.30),
) -> dict[str, Any]:
    """Measure :func:`pair_stories` against BASIL's gold events.

    Parameters
    ----------
    data_dir : str or Path
        Data folder holding ``basil/``.
    threshold, date_window_days
        Passed to :func:`pair_stories`.
    sweep : sequence of float
        Other thresholds to report, to show the sensitivity to the choice.

    Returns
    -------
    dict
        ``articles, events, outlets, threshold, date_window_days`` and the
        scores ``ari`` (adjusted Rand index), ``events_exact`` (share of gold
        events recovered exactly, all three articles and nothing else),
        ``pair_precision``, ``pair_recall`` (over same-story article pairs),
        ``predicted_stories``; ``sweep`` holds the same scores per threshold,
        ``sweep_no_dates`` without the date constraint, and
        ``without_outlet_constraint`` the scores at ``threshold`` when two
        articles of one outlet may share a story.

    References
    ----------
    Hubert, L. & Arabie, P. (1985). Comparing partitions. Journal of
    Classification 2, 193-218 (adjusted Rand index).
    Fan, L. et al. (2019). In Plain Sight: Media Bias Through the Lens of
    Factual Reporting. EMNLP-IJCNLP (BASIL).
    """
    corpus, gold = load_basil_articles(data_dir)
    result: dict[str, Any] = {
        "dataset": "BASIL (launchnlp/BASIL)",
        "articles": len(corpus),
        "events": int(gold.nunique()),
        "outlets": sorted(corpus["outlet"].unique()),
        "threshold": threshold,
        "date_window_days": date_window_days,
    }
    pred = pair_stories(corpus, threshold=threshold, date_window_days=date_window_days)
    result.update(_scores(pred["story_id"].tolist(), gold.tolist()))
    result["predicted_stories"] = int(pred["story_id"].nunique())
    for key, window in (("sweep", date_window_days), ("sweep_no_dates", None)):
        rows = []
        for t in sweep:
            p = pair_stories(corpus, threshold=t, date_window_days=window)
            rows.append({"threshold": t, **_scores(p["story_id"].tolist(), gold.tolist())})
        result[key] = rows
    free = pair_stories(corpus, threshold=threshold, date_window_days=date_window_days,
                        one_per_outlet=False)
    result["without_outlet_constraint"] = _scores(free["story_id"].tolist(), gold.tolist())
    return result


# ---------------------------------------------------------------- command line

def cmd_pair(args: argparse.Namespace) -> int:
    """``toolkit pair CORPUS [-o FILE] [--force] [--threshold T]``."""
    from toolkit.cli import check_outputs, corpus_from_args, table_output

    check_outputs(getattr(args, "output", None), force=args.force, table=True)  # before the work, not after
    corpus = corpus_from_args(args)
    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    table = pair_stories(corpus, threshold=threshold)
    if getattr(args, "output", None):
        path = table_output(args, table, corpus, command="pair", families=["toolkit.pairing"],
                            threshold=threshold)
        print(f"{table['story_id'].nunique()} stories in {len(table)} articles -> {path}")
    else:
        print(table.to_string(index=False))
    return 0


def _format_validation(r: dict[str, Any]) -> str:
    lines = [
        f"Story pairing on {r['dataset']}: {r['articles']} articles, {r['events']} events, "
        f"outlets {', '.join(r['outlets'])}",
        f"threshold {r['threshold']}, date window {r['date_window_days']} days "
        f"(BASIL is the only data this was checked on)",
        "",
        f"  adjusted Rand index        {r['ari']:.3f}",
        f"  events recovered exactly   {r['events_exact']:.1%}",
        f"  same-story pair precision  {r['pair_precision']:.3f}",
        f"  same-story pair recall     {r['pair_recall']:.3f}",
        f"  predicted stories          {r['predicted_stories']} (gold {r['events']})",
        f"  without one-per-outlet     ARI {r['without_outlet_constraint']['ari']:.3f}, "
        f"exact {r['without_outlet_constraint']['events_exact']:.1%}",
        "",
        "  threshold   ARI    exact   ARI without dates   exact without dates",
    ]
    for with_d, without in zip(r["sweep"], r["sweep_no_dates"], strict=True):
        lines.append(f"  {with_d['threshold']:9.2f}  {with_d['ari']:.3f}"
                     f"  {with_d['events_exact']:6.1%}"
                     f"  {without['ari']:17.3f}  {without['events_exact']:19.1%}")
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace) -> int:
    """``toolkit validate pairing [--data DIR] [--json FILE]``."""
    from toolkit.resources import data_dir

    root = data_dir(args.data, dataset="basil")
    result = validate_pairing(root)
    print(_format_validation(result))
    if getattr(args, "json", None):
        from toolkit.io import write_json

        write_json(result, args.json, force=getattr(args, "force", False))
    return 0
