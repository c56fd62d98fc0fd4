"""A trainable multi-label frame classifier: TF-IDF words plus lexicon evidence.

One logistic regression per frame (class-balanced weights) over two blocks of
features: the article's TF-IDF word vector, and the frame lexicon's sentence
evidence aggregated to the article (per frame: log of 1 + the number of cue
words, and the share of sentences that evoke the frame), standardised and
down-weighted. Each frame's decision threshold maximises F1 on out-of-fold
probabilities computed *inside* :meth:`FrameClassifier.fit` on the training
data only, so a cross-validation's test fold never sets a threshold.

The learned state is plain numbers and strings: :meth:`FrameClassifier.to_dict`
gives JSON-ready data, :meth:`FrameClassifier.from_dict` restores it (no pickle).

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics. Journal
of Communication 50(2), 93-109 (the frames and the lexicon's question items).

Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts,
Villains, Resolutions: Towards models of Narrative Media Framing. ACL 2023
(multi-label frame prediction on the Narrative Frames Corpus).

Salton, G. & Buckley, C. (1988). Term-weighting approaches in automatic text
retrieval. Information Processing & Management 24(5), 513-523 (TF-IDF).

Lipton, Z. C., Elkan, C. & Naryanaswamy, B. (2014). Optimal thresholding of
classifiers to maximize F1 measure. ECML PKDD 2014.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from toolkit.errors import InputError
from toolkit.framing.lexicon import sentence_metrics
from toolkit.framing.scheme import Frame, FrameScheme, load_scheme
from toolkit.text import ParsedDocument, parse_document

if TYPE_CHECKING:
    import os

__all__ = ["FrameClassifier", "best_f1_threshold", "lexicon_features"]

_FORMAT = "toolkit.framing.FrameClassifier/1"


def best_f1_threshold(scores: np.ndarray, y: np.ndarray) -> float:
    """The threshold on ``scores`` that maximises F1 for the binary labels ``y``.

    Every distinct score is a candidate; ties in F1 go to the higher threshold.
    With no positive label the threshold is above every score.

    Parameters
    ----------
    scores : ndarray of shape (n,)
    y : ndarray of shape (n,) with values 0/1

    Returns
    -------
    float

    References
    ----------
    Lipton, Z. C., Elkan, C. & Naryanaswamy, B. (2014). Optimal thresholding of
    classifiers to maximize F1 measure. ECML PKDD 2014.

    Examples
    --------
    >>> best_f1_threshold(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 1, 0, 1]))
    0.4
    """
    scores = np.asarray(scores, dtype=float)
    y = np.asarray(y).astype(int)
    n_pos = int(y.sum())
    if n_pos == 0:
        return float(np.max(scores, initial=0.0) + 1.0)
    order = np.argsort(-scores, kind="stable")
    s, t = scores[order], y[order]
    tp = np.cumsum(t)
    k = np.arange(1, len(s) + 1)
    f1 = 2 * tp / (k + n_pos)
    last_of_tie = np.r_[s[1:] != s[:-1], True]
    f1 = np.where(last_of_tie, f1, -1.0)
    best = int(np.flatnonzero(f1 == f1.max())[0])
    return float(s[best])


def _as_docs(X: Sequence[str | ParsedDocument]) -> list[ParsedDocument]:
    docs = []
    for i, x in enumerate(X):
        if isinstance(x, ParsedDocument):
            docs.append(x)
        elif isinstance(x, str):
            docs.append(parse_document(x, doc_id=str(i)))
        else:
            raise InputError(f"item {i} of X is {type(x).__name__}, expected a text or a ParsedDocument")
    return docs


def lexicon_features(docs: Sequence[ParsedDocument], scheme: FrameScheme) -> np.ndarray:
    """Lexicon evidence per article: for each frame, log1p(cue words) and share of sentences.

    Parameters
    ----------
    docs : sequence of ParsedDocument
    scheme : FrameScheme

    Returns
    -------
    ndarray of shape (n_docs, 2 * n_frames)
        Columns: ``log1p(cues_<frame>)`` for each frame, then ``frame_<frame>`` means.

    Examples
    --------
    >>> doc = parse_document("Rivals clash. It rained.")
    >>> lexicon_features([doc], load_scheme("generic")).round(3)[0, [2, 7]]
    array([1.099, 0.5  ])
    """
    names = [f.name for f in scheme.frames]
    sent = sentence_metrics(docs, scheme=scheme)
    out = np.zeros((len(docs), 2 * len(names)))
    index = {doc.doc_id: i for i, doc in enumerate(docs)}
    if len(index) != len(docs):  # repeated ids: score one by one
        for i, doc in enumerate(docs):
            out[i] = lexicon_features([doc], scheme)[0]
        return out
    grouped = sent.groupby("doc_id", sort=False)
    cues = grouped[[f"cues_{n}" for n in names]].sum()
    shares = grouped[[f"frame_{n}" for n in names]].mean()
    for doc_id, row in cues.iterrows():
        i = index[str(doc_id)]
        out[i, : len(names)] = np.log1p(row.to_numpy(dtype=float))
        out[i, len(names):] = shares.loc[doc_id].to_numpy(dtype=float)
    return out


def _scheme_to_dict(scheme: FrameScheme) -> dict[str, Any]:
    return {"name": scheme.name, "version": scheme.version,
            "frames": [{"name": f.name, "label": f.label, "code": f.code, "definition": f.definition,
                        "cues": list(f.cues), "residual": f.residual} for f in scheme.frames]}


def _scheme_from_dict(data: dict[str, Any]) -> FrameScheme:
    frames = tuple(Frame(f["name"], f["label"], f["code"], f["definition"], tuple(f["cues"]),
                         bool(f["residual"])) for f in data["frames"])
    return FrameScheme(data["name"], data["version"], frames, source="model")


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Multi-label frame classifier over TF-IDF words and lexicon evidence.

    Parameters
    ----------
    scheme : str, path or FrameScheme, default="generic"
        The frame scheme whose lexicon gives the evidence features.
    C : float, default=10.0
        Inverse regularisation strength of each frame's logistic regression.
    lexicon_weight : float, default=0.3
        Scale of the standardised lexicon features relative to the TF-IDF block
        (0 turns the lexicon off).
    min_df : int, default=2
        Minimum number of training articles a word must occur in.
    max_features : int, default=20000
        Largest vocabulary (most frequent words kept).
    threshold_folds : int, default=5
        Folds of the inner cross-validation that sets each frame's threshold.
    random_state : int, default=0
        Seed of the inner folds.

    Attributes
    ----------
    labels_ : list of str
        Frame names, in the column order of ``y``.
    vocabulary_ : list of str
    idf_ : ndarray
    lex_mean_, lex_scale_ : ndarray
    coef_ : ndarray of shape (n_labels, n_features)
    intercept_ : ndarray of shape (n_labels,)
    thresholds_ : ndarray of shape (n_labels,)

    References
    ----------
    Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts,
    Villains, Resolutions: Towards models of Narrative Media Framing. ACL 2023.

    Lipton, Z. C., Elkan, C. & Naryanaswamy, B. (2014). Optimal thresholding of
    classifiers to maximize F1 measure. ECML PKDD 2014.

    Examples
    --------
    >>> texts = ["Rivals clash and critics attack the plan."] * 4 + ["Costs rise and jobs go."] * 4
    >>> y = np.array([[1, 0]] * 4 + [[0, 1]] * 4)
    >>> clf = FrameClassifier(min_df=1, threshold_folds=2).fit(texts, y)
    >>> clf.predict([texts[0], texts[-1]]).tolist()
    [[1, 0], [0, 1]]
    >>> FrameClassifier.from_dict(clf.to_dict()).predict(texts[:1]).tolist()
    [[1, 0]]
    """

    def __init__(self, *, scheme: str | os.PathLike[str] | FrameScheme = "generic", C: float = 10.0,
                 lexicon_weight: float = 0.3, min_df: int = 2, max_features: int = 20000,
                 threshold_folds: int = 5, random_state: int = 0):
        self.scheme = scheme
        self.C = C
        self.lexicon_weight = lexicon_weight
        self.min_df = min_df
        self.max_features = max_features
        self.threshold_folds = threshold_folds
        self.random_state = random_state

    # -- features ---------------------------------------------------------
    def _counts(self, docs: Sequence[ParsedDocument], vocabulary: list[str] | None) -> Any:
        from sklearn.feature_extraction.text import CountVectorizer

        texts = [f"{d.title}\n\n{d.text}" if d.title else d.text for d in docs]
        if vocabulary is None:
            vec = CountVectorizer(stop_words="english", min_df=self.min_df, max_features=self.max_features)
            counts = vec.fit_transform(texts)
            return counts, [str(t) for t in vec.get_feature_names_out()]
        vec = CountVectorizer(stop_words="english", vocabulary=vocabulary)
        return vec.transform(texts), vocabulary

    def _design(self, docs: Sequence[ParsedDocument], counts: Any) -> Any:
        from scipy import sparse
        from sklearn.preprocessing import normalize

        tf = counts.astype(float).tocsr()
        tf.data = 1.0 + np.log(tf.data)
        tfidf = normalize(tf.multiply(self.idf_).tocsr())
        lex = (lexicon_features(docs, self._scheme_) - self.lex_mean_) / self.lex_scale_
        return sparse.hstack([tfidf, sparse.csr_matrix(lex * self.lexicon_weight)]).tocsr()

    # -- estimator API ----------------------------------------------------
    def fit(self, X: Sequence[str | ParsedDocument], y: Any) -> FrameClassifier:
        """Learn words, lexicon scaling, one model and one threshold per frame.

        Parameters
        ----------
        X : sequence of str or ParsedDocument
            Articles.
        y : array-like of shape (n_articles, n_labels), 0/1
            A DataFrame's column names become ``labels_``; otherwise the
            scheme's frame names when the counts match, else ``label_0`` ...

        Returns
        -------
        self
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        docs = _as_docs(X)
        names = [str(c) for c in y.columns] if hasattr(y, "columns") else None
        Y = np.asarray(y)
        if Y.ndim == 1:
            Y = Y.reshape(-1, 1)
        if Y.shape[0] != len(docs):
            raise InputError(f"X has {len(docs)} articles but y has {Y.shape[0]} rows")
        if not np.isin(Y, (0, 1)).all():
            raise InputError("y must hold 0/1 (or False/True) labels")
        Y = Y.astype(int)
        self._scheme_ = load_scheme(self.scheme)
        frames = [f.name for f in self._scheme_.frames]
        self.labels_ = names or (frames if len(frames) == Y.shape[1] else
                                 [f"label_{j}" for j in range(Y.shape[1])])
        counts, self.vocabulary_ = self._counts(docs, None)
        df = np.asarray((counts > 0).sum(axis=0)).ravel()
        n = len(docs)
        self.idf_ = np.log((1 + n) / (1 + df)) + 1.0
        lex = lexicon_features(docs, self._scheme_)
        self.lex_mean_ = lex.mean(axis=0)
        scale = lex.std(axis=0)
        self.lex_scale_ = np.where(scale > 0, scale, 1.0)
        Xd = self._design(docs, counts)
        coef = np.zeros((Y.shape[1], Xd.shape[1]))
        intercept = np.zeros(Y.shape[1])
        thresholds = np.full(Y.shape[1], 0.5)
        for j in range(Y.shape[1]):
            yj = Y[:, j]
            n_pos = int(yj.sum())
            if n_pos in (0, n):  # one class only: a constant prediction
                intercept[j] = 30.0 if n_pos else -30.0
                continue
            model = LogisticRegression(C=self.C, class_weight="balanced", solver="liblinear",
                                       max_iter=1000)
            k = min(self.threshold_folds, n_pos, n - n_pos)
            if k >= 2:
                cv = StratifiedKFold(k, shuffle=True, random_state=self.random_state)
                oof = cross_val_predict(model, Xd, yj, cv=cv, method="predict_proba")[:, 1]
                thresholds[j] = best_f1_threshold(oof, yj)
            model.fit(Xd, yj)
            coef[j] = model.coef_[0]
            intercept[j] = model.intercept_[0]
        self.coef_, self.intercept_, self.thresholds_ = coef, intercept, thresholds
        self.classes_ = [np.array([0, 1]) for _ in self.labels_]
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("FrameClassifier is not fitted yet; call fit first")

    def predict_proba(self, X: Sequence[str | ParsedDocument]) -> np.ndarray:
        """Probability of each frame, shape (n_articles, n_labels)."""
        self._check_fitted()
        docs = _as_docs(X)
        counts, _ = self._counts(docs, self.vocabulary_)
        z = self._design(docs, counts) @ self.coef_.T + self.intercept_
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -50, 50))))

    def predict(self, X: Sequence[str | ParsedDocument]) -> np.ndarray:
        """0/1 frame labels, shape (n_articles, n_labels), using the tuned thresholds."""
        return (self.predict_proba(X) >= self.thresholds_).astype(int)

    # -- safe persistence ---------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The fitted model as JSON-ready data (write it with :func:`toolkit.io.write_json`)."""
        self._check_fitted()
        return {"format": _FORMAT, "params": {k: v for k, v in self.get_params().items() if k != "scheme"},
                "scheme": _scheme_to_dict(self._scheme_), "labels": list(self.labels_),
                "vocabulary": list(self.vocabulary_), "idf": self.idf_.tolist(),
                "lex_mean": self.lex_mean_.tolist(), "lex_scale": self.lex_scale_.tolist(),
                "coef": self.coef_.tolist(), "intercept": self.intercept_.tolist(),
                "thresholds": self.thresholds_.tolist()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FrameClassifier:
        """Restore a model from :meth:`to_dict` output (e.g. ``json.load``-ed)."""
        if not isinstance(data, dict) or data.get("format") != _FORMAT:
            raise InputError(f"not a saved FrameClassifier (expected format {_FORMAT!r})")
        try:
            scheme = _scheme_from_dict(data["scheme"])
            clf = cls(scheme=scheme, **data["params"])
            clf._scheme_ = scheme
            clf.labels_ = [str(x) for x in data["labels"]]
            clf.vocabulary_ = [str(x) for x in data["vocabulary"]]
            clf.idf_ = np.asarray(data["idf"], dtype=float)
            clf.lex_mean_ = np.asarray(data["lex_mean"], dtype=float)
            clf.lex_scale_ = np.asarray(data["lex_scale"], dtype=float)
            clf.coef_ = np.asarray(data["coef"], dtype=float)
            clf.intercept_ = np.asarray(data["intercept"], dtype=float)
            clf.thresholds_ = np.asarray(data["thresholds"], dtype=float)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"saved FrameClassifier is incomplete or malformed: {exc}") from None
        if clf.coef_.shape != (len(clf.labels_), len(clf.vocabulary_) + 2 * len(scheme.frames)):
            raise InputError("saved FrameClassifier: coefficient shape does not match vocabulary and labels")
        clf.classes_ = [np.array([0, 1]) for _ in clf.labels_]
        return clf
