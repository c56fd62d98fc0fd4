"""Sentiment toward a target: a person, a country, an organisation.

Sentence sentiment is not sentiment toward whom. Measured on NewsMTSC
devtest_rw (Hamborg & Donnay 2021; 1,146 mentions), giving every target its
whole sentence's lexicon label reaches macro-F1 0.51 (VADER) and 0.42
(TextBlob), against 0.18 for train's majority class; the targeted model of
this module reaches 0.65 (0.64 on devtest_mt), far below the published
neural GRU-TSC (0.83). Run ``toolkit validate sentiment`` for the figures
computed on the spot.
Lexicon sentiment, sentence or targeted, is also not bias: a negative
sentence about a country may be an accurate report of a negative event.

This module scores each *mention* of a gazetteer target from its context:

* :class:`TargetedSentimentClassifier` is a scikit-learn estimator (``fit``,
  ``predict``, ``predict_proba``; drops into a ``Pipeline``). Its features are
  the words around the mention with the mention itself masked, weighted by
  their distance to it, the words of the mention's clause, the words right
  before and after it, and the VADER and TextBlob scores of the window and
  clause (mention masked) and of the sentence; a multinomial logistic
  regression with balanced class weights reads them. The shipped model
  (``toolkit/data/models/targeted_sentiment.json``) stores coefficients and
  vocabulary as JSON, never a pickle, and is rebuilt with
  ``toolkit train targeted-sentiment --data DIR`` (fixed seed, C chosen by
  grouped cross-validation inside NewsMTSC ``train.jsonl`` only).
* :func:`extract_targets` gives one row per target mention in parsed
  documents, with a score (P(positive) - P(negative), in [-1, 1]) and a label.
* :func:`target_sentiment_by_outlet` gives, per outlet and target, the mean
  score with a bootstrap interval over mentions and the number of mentions.

References
----------
Hamborg, F. & Donnay, K. (2021). NewsMTSC: A dataset for (multi-)target-
dependent sentiment classification in political news articles. EACL 2021.
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. ICWSM.
Jiang, L., Yu, M., Zhou, M., Liu, X. & Zhao, T. (2011). Target-dependent
Twitter sentiment classification. ACL 2011 (target-dependent features).
Vo, D.-T. & Zhang, Y. (2015). Target-dependent twitter sentiment
classification with rich automatic features. IJCAI 2015 (left / right
context of the target).
Efron, B. & Tibshirani, R. (1993). An Introduction to the Bootstrap. Chapman
& Hall (percentile interval).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.errors import InputError
from toolkit.text import ParsedDocument, tokenize

if TYPE_CHECKING:
    import argparse

    import pandas as pd
    from scipy import sparse

    from toolkit.gazetteer import Gazetteer

__all__ = [
    "LABELS",
    "POLARITY_LABELS",
    "TargetedSentimentClassifier",
    "mention_features",
    "load_newsmtsc",
    "train_targeted_model",
    "load_targeted_model",
    "extract_targets",
    "target_sentiment_by_outlet",
    "validate_sentiment",
    "sentence_label",
    "cmd_targets",
    "cmd_train",
    "cmd_validate",
]

#: Class labels, in the order of the model's coefficients.
LABELS = ("negative", "neutral", "positive")
#: NewsMTSC polarity codes.
POLARITY_LABELS = {2: "negative", 4: "neutral", 6: "positive"}
MODEL_NAME = "models/targeted_sentiment.json"
MODEL_FORMAT = "toolkit-targeted-sentiment/1"

_CLAUSE_PUNCT = frozenset(",;:()[]—–\"“”‘’«»")
_CLAUSE_WORDS = frozenset("but while although though whereas because however yet".split())
_QUOTES_OPEN = frozenset("“«\"")
_QUOTES_CLOSE = frozenset("”»\"")


# --------------------------------------------------------------------------- features


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def _lexicon_scores(prefix: str, text: str, out: dict[str, float]) -> None:
    from textblob import TextBlob

    if not text.strip():
        return
    vader = _vader().polarity_scores(text)
    out[f"{prefix}vader_compound"] = float(vader["compound"])
    out[f"{prefix}vader_pos"] = float(vader["pos"])
    out[f"{prefix}vader_neg"] = float(vader["neg"])
    blob = TextBlob(text).sentiment
    out[f"{prefix}textblob_polarity"] = float(blob.polarity)
    out[f"{prefix}textblob_subjectivity"] = float(blob.subjectivity)


def mention_features(text: str, start: int, end: int, *, window: int = 6) -> dict[str, float]:
    """Features of one mention ``text[start:end]`` from its context, mention masked.

    Parameters
    ----------
    text : str
        The sentence (or any span) holding the mention.
    start, end : int
        Character offsets of the mention in ``text``.
    window : int, default=6
        Words on each side that form the window; a word at distance ``d``
        (1 = adjacent) weighs ``1 - (d - 1) / window``.

    Returns
    -------
    dict
        Sparse features: ``w:`` window words (distance-weighted), ``b:``
        window bigrams, ``c:`` words of the mention's clause, ``s:`` words of
        the sentence, ``l1:``/``r1:``/``r2:`` adjacent words, ``x:`` flags
        (mention opens the sentence, mention inside quotation marks), and
        VADER/TextBlob scores of the window (``win_``), clause (``cl_``) and
        sentence (``sen_``) with the mention replaced by a neutral placeholder.

    References
    ----------
    Jiang et al. (2011), Vo & Zhang (2015): target-dependent features from the
    left and right context; see the module docstring.

    Examples
    --------
    >>> f = mention_features("Critics slammed Beijing over its policy.", 16, 23)
    >>> f["l1:slammed"], "w:beijing" in f, f["win_vader_compound"] < 0
    (1.0, False, True)
    """
    if not 0 <= start < end <= len(text):
        raise InputError(f"mention offsets {start}:{end} lie outside a text of {len(text)} characters")
    spans = tokenize(text)
    words = [text[s:e].casefold() for s, e in spans]
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    first = inside[0] if inside else next((i for i, (s, _) in enumerate(spans) if s >= end), len(spans))
    last = inside[-1] if inside else first - 1
    feats: dict[str, float] = {}

    def add(key: str, value: float) -> None:
        feats[key] = feats.get(key, 0.0) + value

    window_idx: list[int] = []
    for i, word in enumerate(words):
        if first <= i <= last:
            continue
        add("s:" + word, 1.0)
        d = first - i if i < first else i - last
        if d <= window:
            add("w:" + word, 1.0 - (d - 1) / window)
            window_idx.append(i)
    for a, b in zip(window_idx, window_idx[1:], strict=False):
        if b == a + 1:
            add(f"b:{words[a]}_{words[b]}", 1.0)
    if first - 1 >= 0:
        add("l1:" + words[first - 1], 1.0)
    if last + 1 < len(words):
        add("r1:" + words[last + 1], 1.0)
    if last + 2 < len(words):
        add("r2:" + words[last + 2], 1.0)
    # clause: between the nearest clause boundaries around the mention
    lo = first - 1
    while lo >= 0 and words[lo] not in _CLAUSE_PUNCT and words[lo] not in _CLAUSE_WORDS:
        lo -= 1
    hi = last + 1
    while hi < len(words) and words[hi] not in _CLAUSE_PUNCT and words[hi] not in _CLAUSE_WORDS:
        hi += 1
    for i in [*range(lo + 1, first), *range(last + 1, hi)]:
        add("c:" + words[i], 1.0)
    if first == 0 or all(not w.isalnum() for w in words[:first]):
        feats["x:opens_sentence"] = 1.0
    opened = sum(w in _QUOTES_OPEN for w in words[:first]) - sum(
        w in _QUOTES_CLOSE and w != '"' for w in words[:first])
    if opened > 0:
        feats["x:in_quote"] = 1.0

    def masked(i: int, j: int) -> str:
        """Text of tokens i..j-1 with the mention replaced by a neutral word."""
        if i >= j:
            return ""
        s0, e0 = spans[i][0], spans[j - 1][1]
        if inside:
            return text[s0:spans[first][0]] + "someone" + text[spans[last][1]:e0]
        return text[s0:e0]

    _lexicon_scores("win_", masked(max(0, first - window), min(len(spans), last + 1 + window)), feats)
    _lexicon_scores("cl_", masked(lo + 1, hi), feats)
    _lexicon_scores("sen_", masked(0, len(spans)), feats)
    return feats


def _as_triples(X: Any) -> list[tuple[str, int, int]]:
    """Accept a DataFrame (``sentence, start, end``) or a sequence of triples."""
    if hasattr(X, "columns"):
        missing = [c for c in ("sentence", "start", "end") if c not in X.columns]
        if missing:
            raise InputError(f"mention table lacks column(s) {', '.join(missing)}")
        return [(str(t), int(s), int(e)) for t, s, e in zip(X["sentence"], X["start"], X["end"],
                                                            strict=True)]
    out = []
    for i, item in enumerate(X):
        try:
            t, s, e = item
            out.append((str(t), int(s), int(e)))
        except (TypeError, ValueError):
            raise InputError(f"mention #{i + 1} is not a (sentence, start, end) triple") from None
    return out


# --------------------------------------------------------------------------- estimator


class TargetedSentimentClassifier:
    """Sentiment toward a mention, from its context: negative / neutral / positive.

    A scikit-learn compatible estimator. ``X`` is a DataFrame with columns
    ``sentence, start, end`` (character offsets of the mention) or a
    sequence of ``(sentence, start, end)`` triples; ``y`` holds labels from
    :data:`LABELS`.

    Parameters
    ----------
    C : float, default=0.3
        Inverse L2 regularisation strength of the logistic regression.
    window : int, default=6
        Words on each side of the mention that form its window.
    min_df : int, default=2
        A feature is kept when it occurs in at least this many training mentions.
    class_weight : {"balanced"} or None, default="balanced"
        Class weights of the logistic regression.
    max_iter : int, default=2000
        Iterations of the lbfgs solver.

    Attributes
    ----------
    classes_ : ndarray of str
    vocabulary_ : dict of str to int
    coef_ : ndarray of shape (3, n_features)
    intercept_ : ndarray of shape (3,)

    References
    ----------
    Hamborg & Donnay (2021) for the NewsMTSC data; target-dependent context
    features after Jiang et al. (2011) and Vo & Zhang (2015). See the module
    docstring.

    Examples
    --------
    >>> X = [("Critics slammed Beijing.", 16, 23), ("Beijing won praise.", 0, 7),
    ...      ("Beijing met them.", 0, 7)] * 3
    >>> y = ["negative", "positive", "neutral"] * 3
    >>> model = TargetedSentimentClassifier(C=10.0, min_df=1).fit(X, y)
    >>> model.predict([("Critics slammed Moscow.", 16, 22)]).tolist()
    ['negative']
    """

    def __init__(self, *, C: float = 0.3, window: int = 6, min_df: int = 2,
                 class_weight: str | None = "balanced", max_iter: int = 2000) -> None:
        self.C = C
        self.window = window
        self.min_df = min_df
        self.class_weight = class_weight
        self.max_iter = max_iter

    # scikit-learn protocol -------------------------------------------------
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"C": self.C, "window": self.window, "min_df": self.min_df,
                "class_weight": self.class_weight, "max_iter": self.max_iter}

    def set_params(self, **params: Any) -> TargetedSentimentClassifier:
        valid = self.get_params()
        for key, value in params.items():
            if key not in valid:
                raise ValueError(f"invalid parameter {key!r} for TargetedSentimentClassifier")
            setattr(self, key, value)
        return self

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import ClassifierTags, Tags, TargetTags

        return Tags(estimator_type="classifier", target_tags=TargetTags(required=True),
                    classifier_tags=ClassifierTags())

    # fitting -----------------------------------------------------------------
    def featurize(self, X: Any) -> list[dict[str, float]]:
        """Feature dictionaries of the mentions (see :func:`mention_features`)."""
        return [mention_features(t, s, e, window=self.window) for t, s, e in _as_triples(X)]

    def fit(self, X: Any, y: Sequence[str]) -> TargetedSentimentClassifier:
        """Learn vocabulary and coefficients from mentions and their labels."""
        return self._fit_features(self.featurize(X), y)

    def _fit_features(
        self, feats: list[dict[str, float]], y: Sequence[str] | np.ndarray,
    ) -> TargetedSentimentClassifier:
        from sklearn.linear_model import LogisticRegression

        labels = np.asarray([str(v) for v in y])
        if len(labels) != len(feats):
            raise InputError(f"{len(feats)} mentions but {len(labels)} labels")
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise InputError(f"unknown label(s) {', '.join(unknown)}; expected {', '.join(LABELS)}")
        df: dict[str, int] = {}
        for f in feats:
            for key in f:
                df[key] = df.get(key, 0) + 1
        names = sorted(k for k, n in df.items() if n >= self.min_df)
        self.vocabulary_ = {k: i for i, k in enumerate(names)}
        matrix = self._matrix(feats)
        clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=self.max_iter,
                                 solver="newton-cg")
        clf.fit(matrix, labels)
        self.classes_ = clf.classes_
        self.coef_, self.intercept_ = clf.coef_, clf.intercept_
        if self.coef_.shape[0] == 1:  # two classes: sklearn stores one row
            self.coef_ = np.vstack([-self.coef_[0] / 2, self.coef_[0] / 2])
            self.intercept_ = np.asarray([-self.intercept_[0] / 2, self.intercept_[0] / 2])
        return self

    def _matrix(self, feats: list[dict[str, float]]) -> sparse.csr_matrix:
        from scipy import sparse

        rows, cols, vals = [], [], []
        vocab = self.vocabulary_
        for r, f in enumerate(feats):
            for key, value in f.items():
                j = vocab.get(key)
                if j is not None:
                    rows.append(r)
                    cols.append(j)
                    vals.append(value)
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), len(vocab)))

    # prediction --------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("TargetedSentimentClassifier is not fitted; call fit or load a model")

    def decision_function(self, X: Any) -> np.ndarray:
        """Linear scores, one column per class in ``classes_``."""
        return self._decision(self.featurize(X))

    def _decision(self, feats: list[dict[str, float]]) -> np.ndarray:
        self._check_fitted()
        scores: np.ndarray = self._matrix(feats) @ self.coef_.T + self.intercept_
        return np.asarray(scores)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities (softmax of the linear scores), columns in ``classes_``."""
        return _softmax(self.decision_function(X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable label of each mention."""
        return np.asarray(self.classes_)[self.decision_function(X).argmax(axis=1)]

    def score_mentions(self, X: Any) -> tuple[np.ndarray, np.ndarray]:
        """``(score, label)``: score = P(positive) - P(negative) in [-1, 1]."""
        proba = _softmax(self.decision_function(X))
        return self._score_from_proba(proba), np.asarray(self.classes_)[proba.argmax(axis=1)]

    def _score_from_proba(self, proba: np.ndarray) -> np.ndarray:
        classes = list(self.classes_)
        pos = proba[:, classes.index("positive")] if "positive" in classes else 0.0
        neg = proba[:, classes.index("negative")] if "negative" in classes else 0.0
        return np.asarray(pos - neg, dtype=float)

    def score(self, X: Any, y: Sequence[str]) -> float:
        """Macro-F1 of the predictions (the task's usual measure)."""
        from sklearn.metrics import f1_score

        return float(f1_score(list(y), self.predict(X), average="macro"))

    # safe persistence ----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """Parameters, vocabulary and coefficients as plain JSON-ready data (no pickle)."""
        self._check_fitted()
        names = sorted(self.vocabulary_, key=self.vocabulary_.__getitem__)
        return {
            "format": MODEL_FORMAT,
            "params": self.get_params(),
            "classes": [str(c) for c in self.classes_],
            "vocabulary": names,
            "coef": [[round(float(v), 6) for v in row] for row in self.coef_],
            "intercept": [round(float(v), 6) for v in self.intercept_],
        }

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<model>") -> TargetedSentimentClassifier:
        """Rebuild a fitted model from :meth:`to_dict` output, checking its shape."""
        if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
            raise InputError(f"not a targeted-sentiment model (format {MODEL_FORMAT!r} expected)",
                             path=source)
        try:
            model = cls(**data["params"])
            names = [str(n) for n in data["vocabulary"]]
            coef = np.asarray(data["coef"], dtype=float)
            intercept = np.asarray(data["intercept"], dtype=float)
            classes = np.asarray([str(c) for c in data["classes"]])
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"malformed model: {exc}", path=source) from None
        if coef.shape != (len(classes), len(names)) or intercept.shape != (len(classes),):
            raise InputError("malformed model: coefficient shape does not match vocabulary",
                             path=source)
        model.vocabulary_ = {n: i for i, n in enumerate(names)}
        model.coef_, model.intercept_, model.classes_ = coef, intercept, classes
        return model


def _softmax(scores: np.ndarray) -> np.ndarray:
    z = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=1, keepdims=True)
    return out


# --------------------------------------------------------------------------- NewsMTSC


def load_newsmtsc(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read one NewsMTSC jsonl file: one row per target mention.

    Parameters
    ----------
    path : path
        ``train.jsonl``, ``devtest_rw.jsonl`` or ``devtest_mt.jsonl`` of
        https://github.com/fhamborg/NewsMTSC (MIT licence).

    Returns
    -------
    pandas.DataFrame
        ``sentence_key, sentence, mention, start, end, polarity, label``
        (``sentence_key`` = line number, so mentions of one sentence group).

    Raises
    ------
    toolkit.errors.InputError
        A line that is not JSON, or a target whose offsets or polarity are invalid
        (the message names file and line).

    References
    ----------
    Hamborg, F. & Donnay, K. (2021). NewsMTSC. EACL 2021.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> rec = {"sentence_normalized": "Critics slammed Beijing.",
    ...        "targets": [{"from": 16, "to": 23, "mention": "Beijing", "polarity": 2.0}]}
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.jsonl"
    >>> _ = p.write_text(json.dumps(rec) + "\\n")
    >>> load_newsmtsc(p)[["mention", "start", "end", "label"]].values.tolist()
    [['Beijing', 16, 23, 'negative']]
    """
    import pandas as pd

    rows = []
    with open(path, encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                sentence = record["sentence_normalized"]
                targets = record["targets"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"not a NewsMTSC record ({exc.__class__.__name__})",
                                 path=path, line=lineno) from None
            for target in targets:
                try:
                    start, end = int(target["from"]), int(target["to"])
                    polarity = int(float(target["polarity"]))
                except (KeyError, TypeError, ValueError):
                    raise InputError("target lacks from/to/polarity", path=path, line=lineno) from None
                if polarity not in POLARITY_LABELS or not 0 <= start < end <= len(sentence):
                    raise InputError(f"target {start}:{end} polarity {polarity} is invalid",
                                     path=path, line=lineno)
                rows.append((lineno, sentence, sentence[start:end], start, end, polarity,
                             POLARITY_LABELS[polarity]))
    return pd.DataFrame(rows, columns=["sentence_key", "sentence", "mention", "start", "end",
                                       "polarity", "label"])


def _newsmtsc_file(data: str | os.PathLike[str] | None, split: str) -> Path:
    from toolkit.errors import DataNotFoundError
    from toolkit.resources import data_dir

    path = data_dir(data, dataset="newsmtsc") / "newsmtsc" / f"{split}.jsonl"
    if not path.is_file():
        raise DataNotFoundError(f"NewsMTSC split {split} missing (expected {path}); get it from "
                                "https://github.com/fhamborg/NewsMTSC (folder NewsMTSC-dataset)")
    return path


def train_targeted_model(
    mentions: pd.DataFrame,
    *,
    Cs: Sequence[float] = (0.03, 0.1, 0.3, 1.0),
    n_splits: int = 5,
    seed: int = 0,
    window: int = 6,
    min_df: int = 2,
) -> tuple[TargetedSentimentClassifier, dict[str, Any]]:
    """Fit the targeted model, choosing ``C`` by grouped cross-validation.

    Folds are grouped by sentence (mentions of one sentence stay together) and
    stratified by label; the vocabulary is rebuilt inside each fold, so the
    cross-validated macro-F1 is not inflated by held-out words. Only the
    given mentions (NewsMTSC ``train.jsonl``) are used.

    Parameters
    ----------
    mentions : pandas.DataFrame
        ``sentence, start, end, label`` and ``sentence_key`` (as from :func:`load_newsmtsc`).
    Cs : sequence of float, default=(0.03, 0.1, 0.3, 1.0)
        Candidate regularisation strengths.
    n_splits : int, default=5
    seed : int, default=0
        Seed of the fold shuffling; the solver is deterministic.
    window, min_df : int
        Passed to :class:`TargetedSentimentClassifier`.

    Returns
    -------
    (TargetedSentimentClassifier, dict)
        The model refitted on all mentions with the best ``C``, and a report
        (``cv_macro_f1`` per C, ``C``, ``n_mentions``, ``seconds``).

    References
    ----------
    Hamborg & Donnay (2021); see the module docstring.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = [("Critics slammed Beijing.", 16, 23, "negative"),
    ...         ("Beijing won praise.", 0, 7, "positive"), ("Beijing met them.", 0, 7, "neutral")]
    >>> df = pd.DataFrame(rows * 4, columns=["sentence", "start", "end", "label"])
    >>> df["sentence_key"] = range(len(df))
    >>> model, report = train_targeted_model(df, Cs=(1.0,), n_splits=2, min_df=1)
    >>> report["C"], model.predict([("Critics slammed Moscow.", 16, 22)]).tolist()
    (1.0, ['negative'])
    """
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedGroupKFold

    began = time.perf_counter()
    base = TargetedSentimentClassifier(window=window, min_df=min_df)
    feats = base.featurize(mentions)
    y = np.asarray(mentions["label"].astype(str))
    groups = np.asarray(mentions["sentence_key"])
    folds = list(StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
                 .split(np.zeros(len(y)), y, groups))
    cv: dict[str, float] = {}
    for C in Cs:
        scores = []
        for train_idx, test_idx in folds:
            model = TargetedSentimentClassifier(C=C, window=window, min_df=min_df)
            model._fit_features([feats[i] for i in train_idx], y[train_idx])
            pred = np.asarray(model.classes_)[model._decision([feats[i] for i in test_idx]).argmax(1)]
            scores.append(f1_score(y[test_idx], pred, average="macro"))
        cv[repr(float(C))] = round(float(np.mean(scores)), 4)
    best = max(Cs, key=lambda c: (cv[repr(float(c))], -c))
    model = TargetedSentimentClassifier(C=float(best), window=window, min_df=min_df)
    model._fit_features(feats, y)
    report = {"C": float(best), "cv_macro_f1": cv, "n_splits": n_splits, "seed": seed,
              "n_mentions": int(len(y)), "n_features": len(model.vocabulary_),
              "seconds": round(time.perf_counter() - began, 1)}
    return model, report


@lru_cache(maxsize=4)
def _load_model_cached(path: str) -> TargetedSentimentClassifier:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read model: {exc}", path=path) from None
    return TargetedSentimentClassifier.from_dict(data, source=path)


def load_targeted_model(path: str | os.PathLike[str] | None = None) -> TargetedSentimentClassifier:
    """The shipped targeted-sentiment model, or one written by ``toolkit train``.

    Examples
    --------
    >>> model = load_targeted_model()
    >>> model.classes_.tolist()
    ['negative', 'neutral', 'positive']
    """
    from toolkit.resources import data_path

    return _load_model_cached(str(data_path(MODEL_NAME) if path is None else Path(path)))


# --------------------------------------------------------------------------- targets in documents

_TARGET_COLUMNS = ["doc_id", "outlet", "sentence_id", "position", "mention", "target_id", "target",
                   "target_type", "start", "end", "score", "label", "p_negative", "p_neutral",
                   "p_positive", "scored", "sentence"]


def extract_targets(
    docs: Sequence[ParsedDocument],
    *,
    gazetteer: Gazetteer | None = None,
    model: TargetedSentimentClassifier | None = None,
) -> pd.DataFrame:
    """One row per target mention, with the sentiment toward it from its context.

    Mentions are the gazetteer's aliases, matched longest first, so "US
    Secretary of State Antony Blinken" is one mention of Blinken, not of the
    US. Documents whose language is not English are listed but not scored
    (``scored`` False, score and label missing): the model and lexicons are
    English.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    gazetteer : Gazetteer, optional
        Default: the shipped one (:func:`toolkit.gazetteer.load_gazetteer`); pass
        ``load_gazetteer(extra="my_targets.yaml")`` to add targets.
    model : TargetedSentimentClassifier, optional
        Default: the shipped model (:func:`load_targeted_model`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, outlet, sentence_id, position, mention, target_id, target,
        target_type, start, end, score, label, p_negative, p_neutral,
        p_positive, scored, sentence``. ``start``/``end`` are offsets in the
        document text; ``score`` = P(positive) - P(negative) in [-1, 1];
        ``label`` is negative / neutral / positive.

    References
    ----------
    Hamborg & Donnay (2021) (training data); see the module docstring.

    Examples
    --------
    >>> from toolkit.text import parse_document
    >>> doc = parse_document("Critics slammed Beijing. The US envoy smiled.", doc_id="d1", outlet="x")
    >>> table = extract_targets([doc])
    >>> table[["mention", "target_id", "sentence_id"]].values.tolist()
    [['Beijing', 'china', 0], ['US', 'us', 1]]
    >>> bool(table["score"].between(-1, 1).all())
    True
    """
    import pandas as pd

    from toolkit.gazetteer import load_gazetteer

    gaz = load_gazetteer() if gazetteer is None else gazetteer
    rows: list[dict[str, Any]] = []
    triples: list[tuple[str, int, int]] = []
    for doc in docs:
        english = doc.language == "en"
        for sid, ((s, e), position) in enumerate(zip(doc.sentences, doc.position(), strict=True)):
            sentence = doc.text[s:e]
            for m in gaz.find(doc.text, s, e):
                rows.append({"doc_id": doc.doc_id, "outlet": doc.outlet, "sentence_id": sid,
                             "position": position, "mention": doc.text[m.start:m.end],
                             "target_id": m.entity.id, "target": m.entity.name,
                             "target_type": m.entity.type, "start": m.start, "end": m.end,
                             "scored": english, "sentence": sentence})
                if english:
                    triples.append((sentence, m.start - s, m.end - s))
    table = pd.DataFrame(rows, columns=[c for c in _TARGET_COLUMNS
                                        if c not in ("score", "label", "p_negative", "p_neutral",
                                                     "p_positive")])
    for col in ("score", "p_negative", "p_neutral", "p_positive"):
        table[col] = np.nan
    table["label"] = pd.Series([None] * len(table), dtype=object)
    if triples:
        clf = load_targeted_model() if model is None else model
        proba = _softmax(clf.decision_function(triples))
        scored = table["scored"].to_numpy(dtype=bool)
        classes = list(clf.classes_)
        table.loc[scored, "score"] = clf._score_from_proba(proba)
        table.loc[scored, "label"] = np.asarray(classes)[proba.argmax(axis=1)]
        for label in LABELS:
            if label in classes:
                table.loc[scored, f"p_{label}"] = proba[:, classes.index(label)]
    return table[_TARGET_COLUMNS]


def target_sentiment_by_outlet(
    targets_df: pd.DataFrame,
    *,
    n_resamples: int = 2000,
    seed: int = 0,
    ci: float = 0.95,
) -> pd.DataFrame:
    """Mean sentiment toward each target per outlet, with a bootstrap interval.

    The interval comes from :func:`toolkit.stats.bootstrap_ci` over the
    scored mentions, grouped by article (articles are resampled only when an
    outlet has enough of them; otherwise mentions are resampled within
    articles and the interval describes these articles, not the outlet).
    A mean toward a target is not a measure of bias: it also reflects the
    events reported.

    Parameters
    ----------
    targets_df : pandas.DataFrame
        As returned by :func:`extract_targets` (``outlet, target_id, target,
        doc_id, score, label``).
    n_resamples : int, default=2000
    seed : int, default=0
    ci : float, default=0.95

    Returns
    -------
    pandas.DataFrame
        ``outlet, target_id, target, n_mentions, n_articles, mean_score, low,
        high, share_negative, share_neutral, share_positive, interval``
        (``interval`` says what was resampled). Unscored mentions are left out;
        with a single mention the interval is NaN (nothing to resample).

    References
    ----------
    Efron & Tibshirani (1993), percentile bootstrap.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"outlet": ["a", "a", "a"], "doc_id": ["d", "d", "d"],
    ...                   "target_id": ["china"] * 3, "target": ["China"] * 3,
    ...                   "score": [-0.5, 0.1, -0.2], "label": ["negative", "neutral", "negative"]})
    >>> row = target_sentiment_by_outlet(t, n_resamples=200).iloc[0]
    >>> round(float(row["mean_score"]), 3), int(row["n_mentions"]), bool(row["low"] <= row["high"])
    (-0.2, 3, True)
    """
    import pandas as pd

    from toolkit.stats import bootstrap_ci

    columns = ["outlet", "target_id", "target", "n_mentions", "n_articles", "mean_score", "low",
               "high", "share_negative", "share_neutral", "share_positive", "interval"]
    missing = [c for c in ("outlet", "target_id", "target", "doc_id", "score", "label")
               if c not in targets_df.columns]
    if missing:
        raise InputError(f"targets table lacks column(s) {', '.join(missing)}")
    scored = targets_df[targets_df["score"].notna()]
    rows = []
    for (outlet, target_id), group in scored.groupby(["outlet", "target_id"], sort=True):
        est = bootstrap_ci(group["score"].to_numpy(dtype=float), groups=group["doc_id"].to_numpy(),
                           n_resamples=n_resamples, seed=seed, ci=ci)
        shares = group["label"].value_counts(normalize=True)
        low, high = (est.low, est.high) if est.n_units >= 2 else (float("nan"), float("nan"))
        rows.append((outlet, target_id, group["target"].iloc[0], est.n_units, est.n_articles,
                     est.estimate, low, high,
                     *(float(shares.get(label, 0.0)) for label in LABELS), est.level))
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- validation


def sentence_label(score: float, *, method: str) -> str:
    """Label from a sentence lexicon score, with each tool's usual thresholds.

    VADER: compound >= 0.05 positive, <= -0.05 negative (Hutto & Gilbert
    2014). TextBlob: polarity > 0 positive, < 0 negative.

    Examples
    --------
    >>> sentence_label(0.3, method="vader"), sentence_label(0.0, method="textblob")
    ('positive', 'neutral')
    """
    cut = 0.05 if method == "vader" else 0.0
    if method == "vader":
        return "positive" if score >= cut else "negative" if score <= -cut else "neutral"
    return "positive" if score > cut else "negative" if score < -cut else "neutral"


def validate_sentiment(
    train: pd.DataFrame,
    tests: dict[str, pd.DataFrame],
    *,
    model: TargetedSentimentClassifier | None = None,
) -> pd.DataFrame:
    """Macro-F1 and accuracy of sentence and targeted sentiment against NewsMTSC labels.

    Methods: the majority class of ``train`` (baseline) and of the test split
    itself (an oracle baseline, as often quoted), TextBlob and VADER
    giving every target its whole sentence's score, and the targeted model.
    Everything is computed from the given tables on the call.

    Parameters
    ----------
    train : pandas.DataFrame
        Training mentions (only their majority class is used).
    tests : dict of str to DataFrame
        Split name -> mentions (from :func:`load_newsmtsc`).
    model : TargetedSentimentClassifier, optional
        Default: the shipped model.

    Returns
    -------
    pandas.DataFrame
        ``split, method, macro_f1, accuracy, n_mentions``.

    References
    ----------
    Hamborg & Donnay (2021); Hutto & Gilbert (2014); Loria, TextBlob.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sentence": ["A great day for Beijing."], "start": [16], "end": [23],
    ...                    "label": ["positive"], "sentence_key": [1]})
    >>> r = validate_sentiment(df, {"toy": df})
    >>> r[["method", "accuracy"]].values.tolist()[2:4]
    [['TextBlob sentence polarity', 1.0], ['VADER sentence compound', 1.0]]
    """
    import pandas as pd
    from sklearn.metrics import accuracy_score, f1_score
    from textblob import TextBlob

    clf = load_targeted_model() if model is None else model
    majority = str(train["label"].value_counts().sort_index().idxmax())
    rows = []
    for split, df in tests.items():
        y = df["label"].astype(str).tolist()
        sentences = df["sentence"].tolist()
        cache: dict[str, tuple[float, float]] = {}
        for s in set(sentences):
            cache[s] = (float(TextBlob(s).sentiment.polarity),
                        float(_vader().polarity_scores(s)["compound"]))
        test_majority = str(df["label"].value_counts().sort_index().idxmax())
        predictions = {
            f"majority class of train ({majority})": [majority] * len(y),
            "majority class of this split (oracle)": [test_majority] * len(y),
            "TextBlob sentence polarity": [sentence_label(cache[s][0], method="textblob")
                                           for s in sentences],
            "VADER sentence compound": [sentence_label(cache[s][1], method="vader")
                                        for s in sentences],
            "targeted model (toolkit)": clf.predict(df).tolist(),
        }
        for method, pred in predictions.items():
            rows.append((split, method,
                         float(f1_score(y, pred, average="macro", labels=list(LABELS),
                                        zero_division=0)),
                         float(accuracy_score(y, pred)), len(y)))
    return pd.DataFrame(rows, columns=["split", "method", "macro_f1", "accuracy", "n_mentions"])


# --------------------------------------------------------------------------- command line


def cmd_targets(args: argparse.Namespace) -> int:
    """``toolkit targets CORPUS [-o FILE] [--force]``."""
    from toolkit.cli import corpus_from_args
    from toolkit.io import write_table
    from toolkit.text import parse_corpus

    table = extract_targets(parse_corpus(corpus_from_args(args)))
    if args.output:
        write_table(table, args.output, force=args.force)
        print(f"{len(table)} target mentions -> {args.output}")
        return 0
    if table.empty:
        print("no target mentions found")
        return 0
    view = table[["doc_id", "sentence_id", "mention", "target_id", "score", "label"]].copy()
    view["score"] = view["score"].round(2)
    print(view.to_string(index=False))
    summary = target_sentiment_by_outlet(table)
    if not summary.empty:
        print()
        print("mean sentiment toward each target (95% bootstrap interval):")
        print(summary[["outlet", "target", "n_mentions", "mean_score", "low", "high"]]
              .round(3).to_string(index=False))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """``toolkit train targeted-sentiment [--data DIR] [-o FILE] [--force]``."""
    from toolkit.io import write_json
    from toolkit.resources import checksum

    path = _newsmtsc_file(args.data, "train")
    mentions = load_newsmtsc(path)
    print(f"training on {len(mentions)} mentions of {path} ...", flush=True)
    model, report = train_targeted_model(mentions, seed=0)
    out = Path(args.output) if args.output else Path(__file__).parent / "data" / MODEL_NAME
    if out.exists() and not args.force:
        raise InputError("already exists; pass --force to overwrite it", path=out)
    from toolkit import __version__

    data = model.to_dict()
    data["training"] = {**report, "data": "NewsMTSC train.jsonl (fhamborg/NewsMTSC, MIT)",
                        "data_sha256": checksum(path), "toolkit_version": __version__}
    write_json(data, out, force=True)
    print(f"C={report['C']} (grouped {report['n_splits']}-fold CV macro-F1 {report['cv_macro_f1']}), "
          f"{report['n_features']} features, trained in {report['seconds']} s -> {out}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """``toolkit validate sentiment [--data DIR] [--json FILE]``."""
    from toolkit.io import write_json

    train = load_newsmtsc(_newsmtsc_file(args.data, "train"))
    tests = {split: load_newsmtsc(_newsmtsc_file(args.data, split))
             for split in ("devtest_rw", "devtest_mt")}
    result = validate_sentiment(train, tests)
    print("Sentiment toward targets, NewsMTSC (computed now; labels negative/neutral/positive)")
    print("Sentence scores give each target its whole sentence's tone: that is not sentiment "
          "toward the target, and no lexicon score is a measure of bias.")
    wide = result.pivot_table(index="method", columns="split", values=["macro_f1", "accuracy"],
                              sort=False)
    wide.columns = [f"{split} {measure}" for measure, split in wide.columns]
    order = [f"{s} {m}" for s in tests for m in ("macro_f1", "accuracy")]
    print(wide[order].round(3).to_string())
    print("n mentions: " + ", ".join(f"{s} {len(df)}" for s, df in tests.items()))
    if args.json:
        write_json({"task": "NewsMTSC targeted sentiment", "results": result.to_dict("records")},
                   args.json)
    return 0

