"""How a metric family plugs into analysis and comparison.

A metric family is a module (``toolkit.sentiment``, ``toolkit.stance``,
``toolkit.attribution``, ``toolkit.framing``) that provides either

``measure(docs) -> Measurements``
    Everything the family measures in one pass: the sentence table, the
    article table and any further tidy tables (quotes, cues, ...);

or, for simple families, the two functions

``sentence_metrics(docs) -> DataFrame``
    One row per sentence of the parsed documents, keyed by ``doc_id`` and
    ``sentence_id``, with numeric columns. Pure: no I/O, inputs not mutated.
``article_metrics(docs) -> DataFrame``
    One row per article, keyed by ``doc_id``, with numeric columns.
``METRICS``
    A tuple of :class:`MetricSpec` naming the columns that the per-outlet
    comparison reports.

:func:`toolkit.pipeline.analyze` calls every family listed in
:data:`FAMILIES` on the same parsed documents; :func:`toolkit.compare.compare_outlets`
reads the specs, so a new family plugs in by being added to :data:`FAMILIES`,
without changing the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MetricSpec", "Measurements", "FAMILIES"]

#: Modules analysed by :func:`toolkit.pipeline.analyze`, in order.
FAMILIES: tuple[str, ...] = ("toolkit.sentiment", "toolkit.stance", "toolkit.attribution", "toolkit.framing")


@dataclass(frozen=True)
class MetricSpec:
    """A column that the per-outlet comparison reports.

    The per-outlet estimate is ``sum(value) / sum(weight)`` over the counted
    sentences of the outlet's articles (``weight`` None: the plain mean of
    ``value``). The bootstrap resamples sentences within articles, so a rate
    such as "hedges per 1,000 words" is ``value = 1000 * hits`` with
    ``weight = words``.

    Attributes
    ----------
    name : str
        Key in the comparison table (``"vader_compound"``).
    label : str
        Human-readable name for tables and figures.
    family : str
        ``"sentiment"``, ``"stance"``, ``"attribution"``, ``"framing"``, ...
    column : str
        Column of the sentence table holding the value.
    weight : str or None
        Column of the sentence table holding the denominator, or None.
    unit : str
        Unit of the estimate, for labels ("score", "per 1,000 words", "share").
    """

    name: str
    label: str
    family: str
    column: str
    weight: str | None = None
    unit: str = "score"
    level: Literal["sentence"] = "sentence"


@dataclass
class Measurements:
    """What one metric family measured on a set of parsed documents.

    Attributes
    ----------
    sentences : pandas.DataFrame
        Keyed by ``doc_id, sentence_id``.
    articles : pandas.DataFrame
        Keyed by ``doc_id``.
    tables : dict of str to pandas.DataFrame
        Further tidy tables by name (``"quotes"``, ``"frame_cues"``, ...).
    """

    sentences: pd.DataFrame
    articles: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
