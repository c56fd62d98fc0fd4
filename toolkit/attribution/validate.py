"""Validation of quote extraction against hand-made gold sets.

Two references:

* the shipped seed gold (``toolkit/data/gold/seed_attributions.jsonl``, card
  beside it): every direct, partial and indirect attribution of the two
  bundled articles, with speaker, source kind and affiliation;
* BASIL (Fan et al. 2019; read from the user's data folder, never bundled,
  since it states no licence): 722 annotated bias spans marked ``quote: yes``
  with their speaker. BASIL annotates only *biased* spans, not every quote,
  so precision cannot be measured on it; recall and speaker accuracy can.

Honest protocol on BASIL. Its annotation years are split in two: a
development half (2010-2014), the only one whose errors may be looked at
when rules are designed, and a held-out half (2015-2019), reported beside it
and never inspected; every BASIL figure is given for both halves and for all.

Matching. Exact: same start and end (after stripping quotation marks, spaces
and a final comma or full stop from both). Overlap: a gold span is found when
a predicted span covers at least 30% of its word tokens; a predicted span is
correct when at least 30% of its tokens lie in one gold span (the ">= 30%
overlap" criterion of the Gender Gap Tracker evaluation, applied per side).

References
----------
Fan, L., White, M., Sharma, E., Su, R., Choubey, P. K., Huang, R. & Wang, L.
(2019). In plain sight: Media bias through the lens of factual reporting.
EMNLP-IJCNLP.
Asr, F. T. et al. (2021). The Gender Gap Tracker. PLoS ONE 16(1): e0245533.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from toolkit.errors import InputError

__all__ = ["validate_attribution", "load_seed_gold", "load_basil", "match_spans", "TARGETS",
           "DEV_YEARS"]

_TOKEN = re.compile(r"\w+")
_STRIP = " \t\n“”\"‘’«»,."
#: Targets stated in the issue, checked on every run.
TARGETS = {
    "seed.direct.precision_exact": 0.95, "seed.direct.recall_exact": 0.95,
    "seed.speaker_accuracy": 0.90, "seed.affiliation_accuracy": 0.90,
    "basil.recall_overlap": 0.85, "basil.named_speaker_accuracy": 0.80,
    "basil.held_out.recall_overlap": 0.85, "basil.held_out.named_speaker_accuracy": 0.80,
}
#: BASIL annotation years of the development half; later years are held out.
DEV_YEARS = range(2010, 2015)
_GROUP_WORDS = {"democrats", "republicans", "lawmakers", "campaign", "party", "members", "officials",
                "committee", "companies", "house", "senate", "catholics", "administration",
                "supporters", "critics", "protesters", "department", "white", "gop", "democratic",
                "republican", "leaders", "government", "police", "officers", "group", "team"}

Span = tuple[str, int, int]  # doc_id, start, end


def load_seed_gold() -> list[dict[str, Any]]:
    """The hand-made gold attributions of the two bundled seed articles.

    Examples
    --------
    >>> gold = load_seed_gold()
    >>> sorted({g["kind"] for g in gold})
    ['direct', 'indirect', 'partial']
    """
    from toolkit.resources import read_data_text

    rows = []
    for i, line in enumerate(read_data_text("gold/seed_attributions.jsonl").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"not JSON: {exc.msg}", path="gold/seed_attributions.jsonl",
                                 line=i) from None
    return rows


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() for m in _TOKEN.finditer(text, start, end)}


def match_spans(texts: dict[str, str], gold: Sequence[Span], pred: Sequence[Span],
                *, overlap: float = 0.3) -> dict[str, Any]:
    """Exact and overlap precision, recall, F1; and the best predicted span of each gold span.

    Examples
    --------
    >>> texts = {"d": "He said: “We will win the war.” Then he left."}
    >>> r = match_spans(texts, [("d", 10, 29)], [("d", 9, 30), ("d", 32, 45)])
    >>> r["exact"]["recall"], r["overlap"]["recall"], r["overlap"]["precision"]
    (1.0, 1.0, 0.5)
    """
    g_norm = [(d, *_norm(texts[d], s, e)) for d, s, e in gold]
    p_norm = [(d, *_norm(texts[d], s, e)) for d, s, e in pred]
    p_set = set(p_norm)
    g_set = set(g_norm)
    exact_tp_g = sum(1 for g in g_norm if g in p_set)
    exact_tp_p = sum(1 for p in p_norm if p in g_set)
    g_tok = [_tokens(texts[d], s, e) for d, s, e in g_norm]
    p_tok = [_tokens(texts[d], s, e) for d, s, e in p_norm]
    by_doc: dict[str, list[int]] = {}
    for j, (d, _, _) in enumerate(p_norm):
        by_doc.setdefault(d, []).append(j)
    best: list[int | None] = []
    for (d, _, _), gt in zip(g_norm, g_tok, strict=True):
        top, top_j = 0.0, None
        for j in by_doc.get(d, []):
            share = len(gt & p_tok[j]) / len(gt) if gt else 0.0
            if share > top:
                top, top_j = share, j
        best.append(top_j if top >= overlap else None)
    g_by_doc: dict[str, list[int]] = {}
    for i, (d, _, _) in enumerate(g_norm):
        g_by_doc.setdefault(d, []).append(i)
    p_ok = sum(1 for j, (d, _, _) in enumerate(p_norm) if p_tok[j] and any(
        len(p_tok[j] & g_tok[i]) / len(p_tok[j]) >= overlap for i in g_by_doc.get(d, [])))

    def prf(tp_p: int, tp_g: int) -> dict[str, Any]:
        precision = tp_p / len(pred) if pred else None
        recall = tp_g / len(gold) if gold else None
        f1 = (2 * precision * recall / (precision + recall)
              if precision is not None and recall is not None and precision + recall > 0 else None)
        return {"precision": _r(precision), "recall": _r(recall), "f1": _r(f1)}

    return {"n_gold": len(gold), "n_pred": len(pred), "exact": prf(exact_tp_p, exact_tp_g),
            "overlap": prf(p_ok, sum(b is not None for b in best)), "best": best}


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def _canon(name: Any) -> str:
    if not isinstance(name, str):
        return ""
    words = name.casefold().split()
    while words and words[0] in {"a", "an", "the"}:
        words = words[1:]
    return " ".join(words)


def _accuracy(pairs: Iterable[tuple[Any, Any]]) -> dict[str, Any]:
    pairs = list(pairs)
    right = sum(1 for g, p in pairs if g == p)
    return {"n": len(pairs), "correct": right, "accuracy": _r(right / len(pairs)) if pairs else None}


def _seed(gazetteer: Any = None) -> dict[str, Any]:
    from toolkit.attribution.measures import extract_quotes
    from toolkit.corpus import load_corpus
    from toolkit.text import parse_corpus

    corpus = load_corpus("blinken-china-2024")
    docs = parse_corpus(corpus)
    texts = {d.doc_id: d.text for d in docs}
    pred = extract_quotes(docs, gazetteer=gazetteer)
    gold = load_seed_gold()
    for g in gold:
        if texts[g["doc_id"]][g["start"]:g["end"]] != g["quote"]:
            raise InputError(f"gold offsets do not match the cleaned text: {g['quote'][:40]!r}",
                             path="gold/seed_attributions.jsonl")
    report: dict[str, Any] = {"n_gold": len(gold), "n_pred": len(pred), "by_kind": {}}
    for kind in ("direct", "partial", "indirect", "all"):
        gk = [g for g in gold if kind == "all" or g["kind"] == kind]
        pk = pred if kind == "all" else pred[pred["kind"] == kind]
        m = match_spans(texts, [(g["doc_id"], g["start"], g["end"]) for g in gk],
                        list(zip(pk["doc_id"], pk["start"], pk["end"], strict=True)))
        m.pop("best")
        report["by_kind"][kind] = m
    m = match_spans(texts, [(g["doc_id"], g["start"], g["end"]) for g in gold],
                    list(zip(pred["doc_id"], pred["start"], pred["end"], strict=True)))
    rows = pred.to_dict("records")
    matched = [(g, rows[j]) for g, j in zip(gold, m["best"], strict=True) if j is not None]
    report["speaker"] = _accuracy((_canon(g["speaker_canonical"]), _canon(p["speaker_canonical"]))
                                  for g, p in matched)
    report["source_kind"] = _accuracy((g["source_kind"], p["source_kind"]) for g, p in matched)
    report["affiliation"] = _accuracy((g["affiliation"], p["affiliation"]) for g, p in matched
                                      if g["affiliation"])
    report["kind"] = _accuracy((g["kind"], p["kind"]) for g, p in matched)
    report["speaker_errors"] = [
        {"quote": g["quote"][:60], "gold": g["speaker_canonical"], "pred": p["speaker_canonical"],
         "gold_affiliation": g["affiliation"], "pred_affiliation": p["affiliation"]}
        for g, p in matched
        if _canon(g["speaker_canonical"]) != _canon(p["speaker_canonical"])
        or (g["affiliation"] and g["affiliation"] != p["affiliation"])]
    return report


def load_basil(folder: str | os.PathLike[str]) -> tuple[list[Any], list[dict[str, Any]]]:
    """BASIL articles as parsed documents and its quoted spans located in their text.

    The text of an article is its paragraphs joined by a blank line, the
    sentences of a paragraph by one space. A span is located in the sentence
    where ``sentence[start:end] == txt``, else at the first occurrence of
    ``txt`` in the article; spans found nowhere are counted and skipped.

    Returns
    -------
    (docs, spans)
        ``spans`` are dicts with ``doc_id, start, end, speaker`` (BASIL's
        speaker label, e.g. ``Michael_Steele`` or ``other_anti``) and
        ``year`` (the annotation folder, e.g. ``"2012"``), plus
        ``n_unlocated`` in the last element's ``"_unlocated"`` key when any.
    """
    from toolkit.text import parse_document

    root = Path(folder)
    docs, spans = [], []
    unlocated = 0
    ann_files = sorted(root.glob("annotations/*/*_ann.json"))
    if not ann_files:
        raise InputError("no BASIL annotation files (annotations/<year>/*_ann.json)", path=root)
    for ann_path in ann_files:
        art_path = ann_path.with_name(ann_path.name.replace("_ann.json", ".json"))
        art_path = root / "articles" / ann_path.parent.name / art_path.name
        try:
            article = json.loads(art_path.read_text(encoding="utf-8"))
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read BASIL file: {exc}", path=art_path) from None
        doc_id = art_path.stem
        pieces, sentence_pos = [], []
        pos = 0
        for p_i, paragraph in enumerate(article.get("body-paragraphs", [])):
            if p_i:
                pieces.append("\n\n")
                pos += 2
            for s_i, sentence in enumerate(paragraph):
                if s_i:
                    pieces.append(" ")
                    pos += 1
                sentence_pos.append((pos, sentence))
                pieces.append(sentence)
                pos += len(sentence)
        text = "".join(pieces)
        docs.append(parse_document(text, doc_id=doc_id, outlet=str(article.get("source", ""))))
        for a in ann.get("phrase-level-annotations", []):
            if a.get("quote") != "yes":
                continue
            txt, s, e = a.get("txt", ""), int(a.get("start", -1)), int(a.get("end", -1))
            where = next((p + s for p, sent in sentence_pos if sent[s:e] == txt), None)
            if where is None:
                found = text.find(txt) if txt else -1
                where = found if found >= 0 else None
            if where is None:
                unlocated += 1
                continue
            spans.append({"doc_id": doc_id, "start": where, "end": where + len(txt),
                          "speaker": str(a.get("speaker", "")), "year": ann_path.parent.name})
    if spans:
        spans[-1]["_unlocated"] = unlocated
    return docs, spans


def _named_person(label: str) -> bool:
    """BASIL speaker labels that name one person ("Donald_Trump", not "other_anti" or "House_Democrats")."""
    parts = [p for p in label.split("_") if p]
    if not parts or label.startswith("other") or label.isupper():
        return False
    if any(p.casefold() in _GROUP_WORDS for p in parts):
        return False
    return all(p[:1].isupper() for p in parts) and len(parts) <= 3


def _half(year: str) -> str:
    return "dev" if year.isdigit() and int(year) in DEV_YEARS else "held_out"


def _speaker_hit(label: str, row: dict[str, Any]) -> bool:
    """Whether the predicted speaker names the gold speaker's surname."""
    surname = label.split("_")[-1].casefold()
    said = f"{row['speaker'] or ''} {row['speaker_canonical'] or ''}".casefold()
    return surname in re.findall(r"\w+", said)


def _basil_scores(texts: dict[str, str], spans: list[dict[str, Any]], pred: Any,
                  rows: list[dict[str, Any]], n_articles: int) -> dict[str, Any]:
    m = match_spans(texts, [(s["doc_id"], s["start"], s["end"]) for s in spans],
                    list(zip(pred["doc_id"], pred["start"], pred["end"], strict=True)))
    named = [(s, rows[j]) for s, j in zip(spans, m["best"], strict=True)
             if j is not None and _named_person(s["speaker"])]
    correct = sum(_speaker_hit(s["speaker"], r) for s, r in named)
    return {
        "n_articles": n_articles, "n_gold": len(spans),
        "recall_exact": m["exact"]["recall"], "recall_overlap": m["overlap"]["recall"],
        "named_speaker": {"n_gold_named": sum(1 for s in spans if _named_person(s["speaker"])),
                          "n_matched": len(named), "correct": correct,
                          "accuracy": _r(correct / len(named)) if named else None},
        "named_source_kind": _accuracy(("named_person", r["source_kind"]) for _, r in named),
        "by_kind_found": {k: sum(1 for j in m["best"] if j is not None and rows[j]["kind"] == k)
                          for k in ("direct", "partial", "indirect")},
    }


def _basil(folder: Path, gazetteer: Any = None) -> dict[str, Any]:
    from toolkit.attribution.measures import extract_quotes

    docs, spans = load_basil(folder)
    unlocated = spans[-1].pop("_unlocated", 0) if spans else 0
    texts = {d.doc_id: d.text for d in docs}
    pred = extract_quotes(docs, gazetteer=gazetteer)
    rows = pred.to_dict("records")
    years = {p.stem.replace("_ann", ""): p.parent.name
             for p in Path(folder).glob("annotations/*/*_ann.json")}
    report = {"n_unlocated": unlocated, "n_pred": len(pred),
              **_basil_scores(texts, spans, pred, rows, len(docs)),
              "precision": None,
              "precision_note": "not measurable: BASIL marks only biased spans, not every quote"}
    first, last = DEV_YEARS[0], DEV_YEARS[-1]
    final = max((y for y in years.values() if y.isdigit() and int(y) > last), default=str(last + 1))
    report["split"] = {}
    for half, label in (("dev", f"development ({first}-{last})"),
                        ("held_out", f"held out ({last + 1}-{final})")):
        half_spans = [s for s in spans if _half(s["year"]) == half]
        n_docs = sum(1 for d in docs if _half(years.get(d.doc_id, "")) == half)
        report["split"][half] = {"label": label,
                                 **_basil_scores(texts, half_spans, pred, rows, n_docs)}
    return report


def validate_attribution(data_dir: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Measure quote extraction against the seed gold and, if given, BASIL.

    Parameters
    ----------
    data_dir : path, optional
        The data folder holding ``basil/``; None measures the seed gold only.

    Returns
    -------
    dict
        ``seed`` (per kind: precision, recall, F1 exact and at >= 30% overlap;
        speaker, source-kind, affiliation and kind accuracy on matched quotes),
        ``basil`` (recall, named-speaker accuracy, for all articles and in
        ``split`` for the development and held-out halves), ``targets`` (each target,
        its value and whether it is met) and ``provenance``.

    References
    ----------
    Fan, L. et al. (2019). In plain sight: Media bias through the lens of
    factual reporting. EMNLP-IJCNLP (BASIL).

    Examples
    --------
    >>> report = validate_attribution()
    >>> sorted(report["seed"]["by_kind"])
    ['all', 'direct', 'indirect', 'partial']
    """
    from toolkit import __version__
    from toolkit.attribution.lexicon import load_quote_verbs
    from toolkit.gazetteer import load_gazetteer
    from toolkit.resources import checksum, data_path

    report: dict[str, Any] = {"seed": _seed()}
    if data_dir is not None:
        report["basil"] = _basil(Path(data_dir) / "basil")
    values = {
        "seed.direct.precision_exact": report["seed"]["by_kind"]["direct"]["exact"]["precision"],
        "seed.direct.recall_exact": report["seed"]["by_kind"]["direct"]["exact"]["recall"],
        "seed.speaker_accuracy": report["seed"]["speaker"]["accuracy"],
        "seed.affiliation_accuracy": report["seed"]["affiliation"]["accuracy"],
    }
    if "basil" in report:
        values["basil.recall_overlap"] = report["basil"]["recall_overlap"]
        values["basil.named_speaker_accuracy"] = report["basil"]["named_speaker"]["accuracy"]
        held_out = report["basil"]["split"]["held_out"]
        values["basil.held_out.recall_overlap"] = held_out["recall_overlap"]
        values["basil.held_out.named_speaker_accuracy"] = held_out["named_speaker"]["accuracy"]
    report["targets"] = {k: {"target": TARGETS[k], "value": v,
                             "met": v is not None and v >= TARGETS[k]} for k, v in values.items()}
    report["provenance"] = {
        "toolkit": __version__, "quote_verbs": load_quote_verbs().version,
        "gazetteer": load_gazetteer().version,
        "seed_gold_sha256": checksum(data_path("gold/seed_attributions.jsonl"))[:12],
    }
    return report
