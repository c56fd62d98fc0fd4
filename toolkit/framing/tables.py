"""The framing tables built from one cue scan: per cue, per sentence, per article, per part.

Holds :func:`frame_cues`, :func:`sentence_metrics`, :func:`article_metrics`
and :func:`emphasis_frames`, and the private table builders that
:func:`toolkit.framing.measure` shares between them so that all its tables come
from one pass (``_scan_cues`` in :mod:`toolkit.framing.matching`).

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content
analysis of press and television news. Journal of Communication 50(2), 93-109.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from toolkit.framing.matching import _CueScan, _scan_cues, _scored
from toolkit.framing.scheme import FrameScheme, load_scheme
from toolkit.text import ParsedDocument, counted_rows

if TYPE_CHECKING:
    import os

    import numpy as np
    import pandas as pd

    SchemeArg = str | os.PathLike[str] | FrameScheme

__all__ = ["frame_cues", "sentence_metrics", "article_metrics", "emphasis_frames", "NO_FRAME"]

#: Label used when a text holds no cue of any frame.
NO_FRAME = "none"


_POSITIONS = ("headline", "lede", "body", "summary")


def _positions(docs: Sequence[ParsedDocument]) -> np.ndarray:
    """Position code (index in :data:`_POSITIONS`) of every sentence of the documents."""
    import numpy as np

    code = {name: i for i, name in enumerate(_POSITIONS)}
    return np.array([code[p] for doc in docs for p in doc.position()], dtype=np.int64)


def _cue_positions(scan: _CueScan, positions: np.ndarray) -> np.ndarray:
    """Position code of every cue: 0 (headline) for a headline cue, else its sentence's."""
    import numpy as np

    headline = scan.sentence < 0
    if headline.all():
        return np.zeros(len(headline), dtype=np.int64)
    return np.where(headline, 0, positions[np.where(headline, 0, scan.first_row[scan.doc] + scan.sentence)])


def _cue_table(docs: Sequence[ParsedDocument], scan: _CueScan, positions: np.ndarray) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from toolkit.lexmatch import string_column

    columns = ["doc_id", "outlet", "sentence_id", "position", "frame", "cue", "word", "start", "end"]
    if not len(scan.doc):
        return pd.DataFrame([], columns=columns)
    where = _cue_positions(scan, positions)
    everything = np.arange(len(scan.doc))
    return pd.DataFrame({
        "doc_id": string_column([d.doc_id for d in docs], scan.doc),
        "outlet": string_column([d.outlet for d in docs], scan.doc),
        "sentence_id": scan.sentence,
        "position": string_column(list(_POSITIONS), where),
        "frame": string_column(scan.frame, everything),
        "cue": string_column(scan.cue, everything),
        "word": string_column(scan.word, everything),
        "start": scan.start,
        "end": scan.end,
    }, columns=columns)


def _sentence_table(docs: Sequence[ParsedDocument], sch: FrameScheme, scan: _CueScan) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    from toolkit.lexmatch import string_column

    names = sch.frame_names()
    columns = ["doc_id", "sentence_id", "scored", "n_cues", "no_frame",
               *(f"cues_{n}" for n in names), *(f"frame_{n}" for n in names)]
    if not scan.n_rows:
        return pd.DataFrame([], columns=columns)
    index = {n: i for i, n in enumerate(names)}
    body = scan.sentence >= 0
    rows = (scan.first_row[scan.doc] + scan.sentence)[body]
    frames = np.array([index[f] for f in scan.frame], dtype=np.int64)[body]
    counts = np.bincount(rows * len(names) + frames, minlength=scan.n_rows * len(names)).reshape(
        scan.n_rows, len(names)).astype(np.int64)
    n_cues = counts.sum(axis=1)
    none = (n_cues == 0).astype(np.int64)
    for f in sch.frames:
        if f.residual:
            counts[:, index[f.name]] = none
    lengths = [len(d.sentences) for d in docs]
    doc_of_row = np.repeat(np.arange(len(docs)), lengths)
    data: dict[str, object] = {
        "doc_id": string_column([d.doc_id for d in docs], doc_of_row),
        "sentence_id": np.arange(scan.n_rows) - scan.first_row[doc_of_row],
        "scored": np.repeat(np.array([int(_scored(d)) for d in docs], dtype=np.int64), lengths),
        "n_cues": n_cues,
        "no_frame": none,
    }
    for i, n in enumerate(names):
        data[f"cues_{n}"] = counts[:, i]
    for i, n in enumerate(names):
        data[f"frame_{n}"] = (counts[:, i] > 0).astype(np.int64)
    return pd.DataFrame(data, columns=columns)


def frame_cues(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Every cue found in the headlines and sentences of the documents.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, position, frame, cue, word, start, end``;
        ``position`` is ``headline`` (``sentence_id`` -1, offsets into the
        title), ``lede``, ``body`` or ``summary`` (offsets into the text).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Rivals clash over costs.", doc_id="d", title="A family's loss")
    >>> frame_cues([doc])[["sentence_id", "position", "frame", "word", "start"]]
       sentence_id  position           frame    word  start
    0           -1  headline  human_interest  family      2
    1           -1  headline        economic    loss     11
    2            0      lede        conflict  Rivals      0
    3            0      lede        conflict   clash      7
    4            0      lede        economic   costs     18
    """
    sch = load_scheme(scheme)
    return _cue_table(docs, _scan_cues(docs, sch), _positions(docs))


def sentence_metrics(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Frame cues of every sentence, one row per sentence.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, sentence_id, scored, n_cues, no_frame``, then for each frame
        ``cues_<frame>`` (number of cue words) and ``frame_<frame>`` (1 if the
        sentence evokes the frame, else 0). ``no_frame`` is 1 for a sentence
        without any cue; a residual frame ("other") is evoked exactly then.

    References
    ----------
    Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics.
    Journal of Communication 50(2), 93-109.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Critics attack the plan. It rained.", doc_id="d")
    >>> sentence_metrics([doc])[["sentence_id", "n_cues", "frame_conflict", "frame_resolution", "no_frame"]]
       sentence_id  n_cues  frame_conflict  frame_resolution  no_frame
    0            0       3               1                 1         0
    1            1       0               0                 0         1
    """
    sch = load_scheme(scheme)
    return _sentence_table(docs, sch, _scan_cues(docs, sch))


def article_metrics(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """Frame shares of every article (counted sentences; headline excluded).

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, n_sentences, n_cues, no_frame``, then for each frame
        ``share_<frame>`` (its cue words / all cue words) and
        ``sentences_<frame>`` (share of sentences that evoke it). An article
        with no cue at all has ``no_frame`` 1 and NaN cue shares: no frame
        found, no division by zero. A residual frame's cue share is 1 then.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> docs = [parse_document("Rivals clash over costs.", doc_id="a"),
    ...         parse_document("It rained.", doc_id="b")]
    >>> article_metrics(docs)[["doc_id", "n_cues", "no_frame", "share_conflict", "share_economic"]]
      doc_id  n_cues  no_frame  share_conflict  share_economic
    0      a       3         0        0.666667        0.333333
    1      b       0         1             NaN             NaN
    """
    sch = load_scheme(scheme)
    return _article_table(docs, sch, sentence_metrics(docs, scheme=sch))


def _article_table(docs: Sequence[ParsedDocument], sch: FrameScheme, sent: pd.DataFrame) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    names = sch.frame_names()
    residual = {f.name for f in sch.frames if f.residual}
    sent = counted_rows(docs, sent)
    order = pd.Index([d.doc_id for d in docs], name="doc_id")
    grouped = sent.groupby("doc_id", sort=False)
    sums = grouped[["n_cues", *(f"cues_{n}" for n in names)]].sum().reindex(order).fillna(0)
    means = grouped[[f"frame_{n}" for n in names]].mean().reindex(order)
    n_sent = grouped.size().reindex(order).fillna(0).astype(int)
    n_cues = sums["n_cues"].astype(int)
    out = pd.DataFrame({"n_sentences": n_sent, "n_cues": n_cues, "no_frame": (n_cues == 0).astype(int)},
                       index=order)
    denominator = n_cues.where(n_cues > 0, np.nan).astype(float)
    for n in names:
        if n in residual:
            out[f"share_{n}"] = (n_cues == 0).astype(float)
        else:
            out[f"share_{n}"] = sums[f"cues_{n}"] / denominator
    for n in names:
        out[f"sentences_{n}"] = means[f"frame_{n}"]
    return out.reset_index()


def _dominant(counts: dict[str, int]) -> str:
    best = max(counts.values(), default=0)
    if best == 0:
        return NO_FRAME
    return "+".join(n for n, c in counts.items() if c == best)


def emphasis_frames(docs: Sequence[ParsedDocument], *, scheme: SchemeArg = "generic") -> pd.DataFrame:
    """The dominant frame of the headline, the lede and the body, separately.

    Emphasis framing: what the reader meets first may differ from what the
    article spends most words on. The dominant frame of a part is the frame
    with most cue words there; ties are joined with ``+``; a part without cues
    is ``"none"``.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : str, path or FrameScheme, default="generic"

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, headline_frame, lede_frame, body_frame, article_frame``
        (``article_frame`` over lede and body).

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Taxes rise. Costs too. Rivals clash. Critics attack. Foes fight.",
    ...                      doc_id="d", title="A family mourns")
    >>> emphasis_frames([doc]).iloc[0].tolist()
    ['d', '', 'human_interest', 'economic', 'conflict', 'conflict']
    """
    sch = load_scheme(scheme)
    scan, positions = _scan_cues(docs, sch), _positions(docs)
    return _emphasis_table(docs, sch, scan, positions, _cue_table(docs, scan, positions))


def _emphasis_table(docs: Sequence[ParsedDocument], sch: FrameScheme, scan: _CueScan, positions: np.ndarray,
                    cues: pd.DataFrame) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    names = [f.name for f in sch.frames if not f.residual]
    columns = ["doc_id", "outlet", "headline_frame", "lede_frame", "body_frame", "article_frame"]
    if len({d.doc_id for d in docs}) == len(docs):  # counts per document, with arrays
        index = {n: i for i, n in enumerate(names)}
        frames = np.array([index[f] for f in scan.frame], dtype=np.int64)
        where = _cue_positions(scan, positions)
        per_part = np.bincount((scan.doc * 4 + where) * len(names) + frames,
                               minlength=len(docs) * 4 * len(names)).reshape(len(docs), 4, len(names))
        per_part[:, 3] = per_part[:, 1] + per_part[:, 2]  # the article: lede and body ("summary" is not used)
        dominant: dict[tuple[int, ...], str] = {}
        table = []
        for doc, doc_parts in zip(docs, per_part.tolist(), strict=True):
            row = [doc.doc_id, doc.outlet]
            for part in doc_parts:
                key = tuple(part)
                if key not in dominant:
                    dominant[key] = _dominant(dict(zip(names, part, strict=True)))
                row.append(dominant[key])
            table.append(row)
        return pd.DataFrame(table, columns=columns)
    from collections import Counter

    counts: dict[tuple[str, str], Counter[str]] = {}
    for doc_id, position, frame in zip(cues["doc_id"], cues["position"], cues["frame"], strict=True):
        counts.setdefault((doc_id, position), Counter())[frame] += 1
    empty: Counter[str] = Counter()
    rows = []
    for doc in docs:
        out = [doc.doc_id, doc.outlet]
        for parts in (("headline",), ("lede",), ("body",), ("lede", "body")):
            total = sum((counts.get((doc.doc_id, p), empty) for p in parts), Counter())
            out.append(_dominant({n: total[n] for n in names}))
        rows.append(out)
    return pd.DataFrame(rows, columns=columns)

