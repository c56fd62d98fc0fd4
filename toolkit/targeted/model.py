"""The targeted-sentiment estimator and its safe (JSON) persistence; see :mod:`toolkit.targeted`."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.errors import InputError
from toolkit.targeted.features import _as_triples, mention_features

if TYPE_CHECKING:
    from scipy import sparse


#: Class labels, in the order of the model's coefficients.
LABELS = ("negative", "neutral", "positive")
#: NewsMTSC polarity codes.
POLARITY_LABELS = {2: "negative", 4: "neutral", 6: "positive"}
MODEL_NAME = "models/targeted_sentiment.json"
MODEL_FORMAT = "toolkit-targeted-sentiment/1"


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
