"""NewsMTSC: loading, training the targeted model, validation; see :mod:`toolkit.targeted`."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from toolkit.errors import InputError
from toolkit.targeted.model import LABELS, POLARITY_LABELS, TargetedSentimentClassifier, load_targeted_model

if TYPE_CHECKING:
    import pandas as pd


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

    from toolkit.resources import dataset_lines

    rows = []
    for lineno, line in dataset_lines(path):
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


def sentence_label(score: float, *, method: Literal["vader", "textblob"]) -> str:
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
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    clf = load_targeted_model() if model is None else model
    majority = str(train["label"].value_counts().sort_index().idxmax())
    rows = []
    for split, df in tests.items():
        y = df["label"].astype(str).tolist()
        sentences = df["sentence"].tolist()
        cache: dict[str, tuple[float, float]] = {}
        for s in set(sentences):
            cache[s] = (float(TextBlob(s).sentiment.polarity),
                        float(vader.polarity_scores(s)["compound"]))
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
