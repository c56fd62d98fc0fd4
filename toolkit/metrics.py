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

A family's ``measure`` starts with :func:`check_docs`, so that documents built
by hand that are not a list of ParsedDocument, or that share a ``doc_id``, are
refused in one line (:class:`toolkit.errors.InputError`) before any work, as
:func:`toolkit.load_corpus` refuses such a corpus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Sized
from dataclasses import dataclass, field
from operator import attrgetter
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.text import ParsedDocument

__all__ = ["MetricSpec", "Measurements", "FAMILIES", "check_docs", "check_kind", "describe_value"]

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


#: How to get what the functions on parsed documents expect.
_DOCS_HINT = ("parse a corpus with toolkit.parse_corpus(toolkit.load_corpus(...)) or one text with "
              "toolkit.parse_document(text, doc_id=...)")


def describe_value(value: object) -> str:
    """A few words naming what a caller passed, for error messages.

    Examples
    --------
    >>> describe_value(None), describe_value("text"), describe_value(["a"]), describe_value([])
    ('None', 'a str', 'a list of str', 'an empty list')
    """
    if value is None:
        return "None"
    name = type(value).__name__
    article = "an" if name[:1].lower() in "aeiou" else "a"
    if isinstance(value, list | tuple):
        return f"{article} {name} of {type(value[0]).__name__}" if value else f"an empty {name}"
    return f"{article} {name}"


def check_kind(value: object, attributes: Sequence[str], *, caller: str, expected: str, hint: str = "") -> None:
    """An InputError in one line unless ``value`` has every one of ``attributes``.

    For the public functions that take a table or an analysis, so that a wrong
    type is named instead of failing deep inside with an AttributeError.

    Examples
    --------
    >>> check_kind(["a"], ["columns"], caller="f", expected="a DataFrame")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: f expects a DataFrame, got a list of str
    """
    if value is None or not all(hasattr(value, name) for name in attributes):
        from toolkit.errors import InputError

        raise InputError(f"{caller} expects {expected}, got {describe_value(value)}" + (f"; {hint}" if hint else ""))


def check_docs(docs: object, *, caller: str, unique: bool = True,
               expected: str = "a list of ParsedDocument") -> Sequence[ParsedDocument]:
    """``docs`` as a sequence of ParsedDocument, or an InputError in one line saying what is wrong.

    A set over the documents' types and one over their ids (about 0.1 microsecond a
    document); a list or tuple is returned as it is (another iterable, such as a
    generator, as a list).

    Parameters
    ----------
    docs : object
        What the caller was given.
    caller : str
        The public function, for the message (``"toolkit.sentiment.measure"``).
    unique : bool, default=True
        Refuse two documents with the same ``doc_id`` (the family tables are
        keyed by it).
    expected : str, default="a list of ParsedDocument"
        What the caller takes, for the message (``"a corpus DataFrame or a list
        of ParsedDocument"`` for a function that takes a table too; the table is
        the caller's to handle before calling this).

    Raises
    ------
    toolkit.errors.InputError

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> check_docs([parse_document("A.", doc_id="a"), parse_document("B.", doc_id="a")], caller="f")
    Traceback (most recent call last):
    ...
    toolkit.errors.InputError: f: documents 0 and 1 share doc_id 'a'; give each document its own doc_id ...
    """
    from toolkit.errors import InputError
    from toolkit.text import ParsedDocument

    if (docs is None or isinstance(docs, str | bytes | ParsedDocument) or hasattr(docs, "columns")
            or not isinstance(docs, Iterable)):
        raise InputError(f"{caller} expects {expected}, got {describe_value(docs)}; {_DOCS_HINT}")
    if not isinstance(docs, Sized):  # a generator: read it once
        docs = list(docs)
    if set(map(type, docs)) <= {ParsedDocument} and (  # the usual case, at C speed
            not unique or len(set(map(attrgetter("doc_id"), docs))) == len(docs)):
        return docs  # type: ignore[return-value]  # every item checked
    seen: dict[str, int] = {}
    for i, doc in enumerate(docs):
        if not isinstance(doc, ParsedDocument):
            raise InputError(f"{caller} expects {expected}, but item {i} is {describe_value(doc)}; "
                             f"{_DOCS_HINT}")
        if unique:
            first = seen.setdefault(doc.doc_id, i)
            if first != i:
                raise InputError(f"{caller}: documents {first} and {i} share doc_id {doc.doc_id!r}; give each "
                                 "document its own doc_id (toolkit.load_corpus refuses such a corpus too)")
    return docs  # type: ignore[return-value]  # every item checked above
