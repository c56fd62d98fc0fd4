"""Transparent lexicon framing: which cue words evoke which frame, where.

Every score traces back to the exact words that produced it: a cue hit is a
``(start, end)`` span in the document's cleaned text (or in its headline),
the frame it evokes and the cue that matched. Sentences are the unit: a
sentence *evokes* a frame when it holds at least one of the frame's cues.
Each word evokes at most one frame (the longest cue wins, so "carbon tax"
counts for resolution and not also "tax" for economic).

Only documents whose ``language`` is English are scored; others get no cues
(``scored = 0``) rather than English-lexicon noise.

Matching is one pass per article over all frames: a single pattern (every
cue's first word and every stem, see :mod:`toolkit.lexmatch`) finds the
candidate tokens of the case-folded text, and the cue rules are applied to
those only; the result equals reading every token of every sentence, which is
what the reference matcher does and what a document the pass cannot handle
exactly falls back to. All tables of :func:`measure` are built from that one
pass.

The family's facade: :func:`frame_evidence`, :func:`top_frame_sentences`,
:func:`measure` and :data:`METRICS` live here; cue finding is in
:mod:`toolkit.framing.matching` and the per-cue, per-sentence, per-article and
emphasis tables in :mod:`toolkit.framing.tables`, all importable from here.

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content
analysis of press and television news. Journal of Communication 50(2), 93-109.

Card, D., Boydstun, A. E., Gross, J. H., Resnik, P. & Smith, N. A. (2015). The
Media Frames Corpus: Annotations of frames across issues. ACL 2015.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from toolkit.framing.matching import CueHit, _scan_cues, find_cues
from toolkit.framing.scheme import FrameScheme, load_scheme
from toolkit.framing.tables import (
    NO_FRAME,
    _article_table,
    _cue_table,
    _emphasis_table,
    _positions,
    _sentence_table,
    article_metrics,
    emphasis_frames,
    frame_cues,
    sentence_metrics,
)
from toolkit.metrics import Measurements, MetricSpec, check_docs
from toolkit.text import ParsedDocument

if TYPE_CHECKING:
    import os

    import pandas as pd

    SchemeArg = str | os.PathLike[str] | FrameScheme

__all__ = [
    "CueHit",
    "find_cues",
    "frame_cues",
    "sentence_metrics",
    "article_metrics",
    "emphasis_frames",
    "frame_evidence",
    "top_frame_sentences",
    "measure",
    "METRICS",
    "NO_FRAME",
]

#: Per-outlet comparison: share of sentences that evoke each generic frame.
METRICS = tuple(
    MetricSpec(f"frame_{f.name}", f"{f.label} (share of sentences)", "framing", f"frame_{f.name}",
               None, "share")
    for f in load_scheme("generic").frames
)


def frame_evidence(doc: ParsedDocument, *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Why an article is framed as it is: each frame with the sentences and words that evoke it.

    Parameters
    ----------
    doc : ParsedDocument
        One parsed article.
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        One row per (frame, sentence) that evokes it: ``frame, label,
        frame_cues`` (cue words of the frame in the article), ``frame_share``
        (of all cue words), ``sentence_id`` (-1 for the headline),
        ``position, n_cues`` (cue words of the frame in this sentence),
        ``words`` (the words, comma-separated), ``spans`` (their offsets) and
        ``sentence``. Frames by decreasing ``frame_cues``, sentences by
        decreasing ``n_cues``. An article without any cue gives a single row
        with ``frame`` "none" and ``label`` "no frame found".

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("It rained. Rivals clash over costs and rivals sue.", doc_id="d")
    >>> frame_evidence(doc)[["frame", "frame_cues", "sentence_id", "words"]]
          frame  frame_cues  sentence_id                 words
    0  conflict           4            1  Rivals, clash, rivals, sue
    1  economic           1            1                costs
    >>> frame_evidence(parse_document("It rained.", doc_id="e"))[["frame", "label", "frame_cues"]]
      frame           label  frame_cues
    0  none  no frame found           0
    """
    import pandas as pd

    sch = load_scheme(scheme)
    labels = {f.name: f.label for f in sch.frames}
    cues = frame_cues([doc], scheme=sch)
    columns = ["frame", "label", "frame_cues", "frame_share", "sentence_id", "position", "n_cues",
               "words", "spans", "sentence"]
    if cues.empty:
        return pd.DataFrame([[NO_FRAME, "no frame found", 0, float("nan"), -1, "", 0, "", [], ""]],
                            columns=columns)
    total = len(cues)
    per_frame = cues["frame"].value_counts()
    order = {n: i for i, n in enumerate(sch.frame_names())}
    rows = []
    for (frame, sid), grp in cues.groupby(["frame", "sentence_id"], sort=False):
        sentence = doc.title if sid == -1 else doc.text[doc.sentences[sid][0]:doc.sentences[sid][1]]
        rows.append([frame, labels[frame], int(per_frame[frame]), per_frame[frame] / total, int(sid),
                     grp["position"].iloc[0], len(grp), ", ".join(grp["word"]),
                     list(zip(grp["start"], grp["end"], strict=True)), sentence])
    out = pd.DataFrame(rows, columns=columns)
    out["_order"] = out["frame"].map(order)
    out = out.sort_values(["frame_cues", "_order", "n_cues", "sentence_id"],
                          ascending=[False, True, False, True], kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def top_frame_sentences(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic",
                        n: int = 3) -> pd.DataFrame:
    """The ``n`` sentences of each outlet that evoke each frame most strongly.

    Strength is the number of the frame's cue words in the sentence; ties go
    to the earlier sentence. Headlines are included (``sentence_id`` -1).

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"
    n : int, default=3

    Returns
    -------
    pandas.DataFrame
        ``outlet, frame, rank, doc_id, sentence_id, position, n_cues, words, sentence``.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Rivals clash. Critics attack and rivals sue.", doc_id="d", outlet="X")
    >>> top_frame_sentences([doc], n=1)[["outlet", "frame", "rank", "sentence_id", "n_cues"]]
      outlet     frame  rank  sentence_id  n_cues
    0      X  conflict     1            1       4
    """
    import pandas as pd

    docs = check_docs(docs, caller="toolkit.top_frame_sentences", unique=False)
    sch = load_scheme(scheme)
    columns = ["outlet", "frame", "rank", "doc_id", "sentence_id", "position", "n_cues", "words", "sentence"]
    parts = []
    for doc in docs:
        ev = frame_evidence(doc, scheme=sch)
        ev = ev[ev["frame"] != NO_FRAME]
        if not ev.empty:
            parts.append(ev.assign(outlet=doc.outlet, doc_id=doc.doc_id))
    if not parts:
        return pd.DataFrame(columns=columns)
    ev = pd.concat(parts, ignore_index=True)
    order = {name: i for i, name in enumerate(sch.frame_names())}
    ev["_order"] = ev["frame"].map(order)
    ev = ev.sort_values(["outlet", "_order", "n_cues", "doc_id", "sentence_id"],
                        ascending=[True, True, False, True, True], kind="stable")
    ev["rank"] = ev.groupby(["outlet", "frame"]).cumcount() + 1
    ev = ev[ev["rank"] <= n]
    return ev[columns].reset_index(drop=True)


def measure(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> Measurements:
    """Everything the framing family measures, in the family contract's form.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    toolkit.metrics.Measurements
        ``sentences`` (:func:`sentence_metrics`), ``articles``
        (:func:`article_metrics`), ``tables["frame_marks"]`` (the body's cues as
        ``doc_id, start, end, kind, label`` for the side-by-side view), and ``tables["frame_cues"]``
        (:func:`frame_cues`) and ``tables["emphasis_frames"]`` (:func:`emphasis_frames`).

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> m = measure([parse_document("Rivals clash.", doc_id="d")])
    >>> int(m.sentences["frame_conflict"].sum()), sorted(m.tables)
    (1, ['emphasis_frames', 'frame_cues', 'frame_marks'])
    """
    docs = check_docs(docs, caller="toolkit.framing.measure")
    sch = load_scheme(scheme)
    scan, positions = _scan_cues(docs, sch), _positions(docs)
    cues = _cue_table(docs, scan, positions)
    sentences = _sentence_table(docs, sch, scan)
    return Measurements(sentences, _article_table(docs, sch, sentences),
                        {"frame_cues": cues, "emphasis_frames": _emphasis_table(docs, sch, scan, positions, cues),
                         "frame_marks": cues[cues["sentence_id"] >= 0].assign(kind="frame")
                         .rename(columns={"frame": "label"})[["doc_id", "start", "end", "kind", "label"]]
                         .reset_index(drop=True)})
