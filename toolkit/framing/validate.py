"""``toolkit validate framing``: 5-fold cross-validation on the Narrative Frames Corpus.

Three predictors of the five binary frames (RE resolution, HI human interest,
CO conflict, MO morality, EC economic) are scored with F1 on the pooled
out-of-fold predictions of the same folds:

- the all-positive baseline (every article has every frame);
- the lexicon alone: a frame is present when the article has at least *k* of
  its cue words, *k* chosen on the training folds to maximise F1;
- :class:`~toolkit.framing.classifier.FrameClassifier`, trained on the training
  folds (its thresholds are tuned inside them).

Folds are fixed by a seed; articles whose first 300 characters are identical
(near-duplicates) are kept in the same fold.

References
----------
Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts,
Villains, Resolutions: Towards models of Narrative Media Framing. ACL 2023.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from toolkit.errors import InputError
from toolkit.framing.classifier import FrameClassifier, best_f1_threshold, lexicon_features
from toolkit.framing.scheme import load_scheme
from toolkit.text import parse_document

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["load_narrative_frames", "validate_framing", "format_results", "cmd_validate"]

#: Label columns of the Narrative Frames Corpus and the generic frames they annotate.
NFC_LABELS = {"RE": "resolution", "HI": "human_interest", "CO": "conflict", "MO": "morality",
              "EC": "economic"}
_FILE = "articles_metadata.tsv"


def _label(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return int(value)
    text = str(value).strip().strip("()").strip().casefold()
    if text in ("true", "1", "yes"):
        return 1
    if text in ("false", "0", "no"):
        return 0
    raise ValueError(value)


def load_narrative_frames(data: str | Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """Read the Narrative Frames Corpus articles and their five frame labels.

    Parameters
    ----------
    data : str or Path
        The data folder that holds ``narrative-frames/articles_metadata.tsv``.

    Returns
    -------
    articles : pandas.DataFrame
        ``doc_id, outlet, text, RE, HI, CO, MO, EC`` (labels 0/1).
    notes : dict
        ``rows`` read, ``dropped`` (rows without labels), ``repaired`` (labels
        written with stray punctuation, such as ``False)``).

    Raises
    ------
    toolkit.errors.InputError
        Missing columns or a label that is neither true nor false.
    """
    import pandas as pd

    path = Path(data) / "narrative-frames" / _FILE
    if not path.is_file():
        raise InputError("not found; the Narrative Frames Corpus must hold this file", path=path)
    try:
        raw = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty", path=path) from None
    except pd.errors.ParserError as exc:
        raise InputError(f"not a readable TSV file ({' '.join(str(exc).split())})", path=path) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"text is not UTF-8 ({exc.reason})", path=path) from None
    missing = [c for c in ("ID", "source", "text", *NFC_LABELS) if c not in raw.columns]
    if missing:
        raise InputError(f"missing column(s) {', '.join(missing)}", path=path, line=1)
    rows, dropped, repaired = [], 0, 0
    for i, rec in enumerate(raw.to_dict("records")):
        values = [rec[c].strip() for c in NFC_LABELS]
        if all(v == "" for v in values):
            dropped += 1
            continue
        labels = []
        for c, v in zip(NFC_LABELS, values, strict=True):
            try:
                lab = _label(v) if v else None
            except ValueError:
                lab = None
            if lab is None:
                raise InputError(f"column {c}: label {v!r} is neither True nor False", path=path,
                                 line=i + 2)
            repaired += v.casefold() not in ("true", "false")
            labels.append(lab)
        rows.append([str(rec["ID"]), str(rec["source"]), str(rec["text"]), *labels])
    frame = pd.DataFrame(rows, columns=["doc_id", "outlet", "text", *NFC_LABELS])
    return frame, {"rows": len(raw), "dropped": dropped, "repaired": int(repaired)}


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = int(((y == 1) & (p == 1)).sum())
    denom = int(y.sum() + p.sum())
    return 2 * tp / denom if denom else 0.0


def validate_framing(texts: list[str], Y: np.ndarray, *, labels: list[str], n_splits: int = 5,
                     seed: int = 0, classifier: FrameClassifier | None = None) -> dict[str, Any]:
    """Cross-validate the baseline, the lexicon and the classifier on labelled articles.

    Parameters
    ----------
    texts : list of str
        Article texts.
    Y : ndarray of shape (n, k), 0/1
        Gold labels.
    labels : list of str
        The generic-scheme frame of each column of ``Y``.
    n_splits : int, default=5
    seed : int, default=0
        Seed of the fold assignment.
    classifier : FrameClassifier or None
        Unfitted estimator to evaluate (default: ``FrameClassifier()``).

    Returns
    -------
    dict
        ``f1[method][frame]`` and ``macro_f1[method]`` for methods
        ``all_positive``, ``lexicon``, ``classifier`` (pooled out-of-fold
        predictions); ``fold_macro_f1[method]`` (one value per fold);
        ``lexicon_min_cues`` (chosen *k* per fold and frame); ``n``, ``positives``.

    References
    ----------
    Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts,
    Villains, Resolutions: Towards models of Narrative Media Framing. ACL 2023.

    Examples
    --------
    >>> texts = ([f"Rivals clash and critics attack ({i})." for i in range(5)]
    ...          + [f"Costs rise and jobs go ({i})." for i in range(5)])
    >>> Y = np.array([[1, 0]] * 5 + [[0, 1]] * 5)
    >>> res = validate_framing(texts, Y, labels=["conflict", "economic"], n_splits=2,
    ...                        classifier=FrameClassifier(min_df=1, threshold_folds=2))
    >>> res["macro_f1"]["lexicon"], round(res["macro_f1"]["all_positive"], 3)
    (1.0, 0.667)
    """
    from sklearn.base import clone
    from sklearn.model_selection import GroupKFold

    Y = np.asarray(Y).astype(int)
    scheme = load_scheme("generic")
    names = list(scheme.frame_names())
    docs = [parse_document(t, doc_id=str(i)) for i, t in enumerate(texts)]
    lex = lexicon_features(docs, scheme)
    cue_counts = np.rint(np.expm1(lex[:, : len(names)])).astype(int)
    cols = [names.index(lab) for lab in labels]
    groups = [" ".join(t[:300].casefold().split()) for t in texts]
    folds = list(GroupKFold(n_splits, shuffle=True, random_state=seed).split(texts, Y, groups))
    model = classifier if classifier is not None else FrameClassifier()
    pred = {m: np.zeros_like(Y) for m in ("all_positive", "lexicon", "classifier")}
    min_cues: list[list[int]] = []
    fold_macro: dict[str, list[float]] = {m: [] for m in pred}
    for train, test in folds:
        pred["all_positive"][test] = 1
        chosen = []
        for j, c in enumerate(cols):
            k = best_f1_threshold(cue_counts[train, c].astype(float), Y[train, j])
            chosen.append(int(k))
            pred["lexicon"][test, j] = cue_counts[test, c] >= k
        min_cues.append(chosen)
        fitted = clone(model).fit([docs[i] for i in train], Y[train])
        pred["classifier"][test] = fitted.predict([docs[i] for i in test])
        for m in pred:
            fold_macro[m].append(float(np.mean([_f1(Y[test, j], pred[m][test, j])
                                                 for j in range(len(labels))])))
    f1 = {m: {lab: _f1(Y[:, j], p[:, j]) for j, lab in enumerate(labels)} for m, p in pred.items()}
    return {"f1": f1, "macro_f1": {m: float(np.mean(list(v.values()))) for m, v in f1.items()},
            "fold_macro_f1": fold_macro, "lexicon_min_cues": min_cues, "n": len(texts),
            "positives": {lab: int(Y[:, j].sum()) for j, lab in enumerate(labels)},
            "n_splits": n_splits, "seed": seed, "classifier_params": model.get_params()}


def format_results(res: dict[str, Any], *, codes: dict[str, str]) -> str:
    """The validation table as text (frame rows, method columns, macro-F1 last)."""
    methods = ("all_positive", "lexicon", "classifier")
    lines = [f"{'frame':<22}{'n pos':>6}" + "".join(f"{m:>14}" for m in methods)]
    for code, frame in codes.items():
        lines.append(f"{code + ' ' + frame:<22}{res['positives'][frame]:>6}"
                     + "".join(f"{res['f1'][m][frame]:>14.3f}" for m in methods))
    lines.append(f"{'macro-F1':<22}{'':>6}" + "".join(f"{res['macro_f1'][m]:>14.3f}" for m in methods))
    lines.append(f"{'  per-fold range':<22}{'':>6}" + "".join(
        f"{min(res['fold_macro_f1'][m]):>7.3f}-{max(res['fold_macro_f1'][m]):.3f}" for m in methods))
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace) -> int:
    """Handler of ``toolkit validate framing [--data DIR] [--json FILE]``."""
    from toolkit import __version__
    from toolkit.resources import checksum, data_dir

    start = time.perf_counter()
    root = data_dir(getattr(args, "data", None), dataset="narrative-frames")
    articles, notes = load_narrative_frames(root)
    codes = dict(NFC_LABELS)
    Y = articles[list(codes)].to_numpy()
    res = validate_framing(articles["text"].tolist(), Y, labels=list(codes.values()))
    scheme = load_scheme("generic")
    seconds = time.perf_counter() - start
    print(f"Narrative Frames Corpus: {len(articles)} articles ({notes['dropped']} row(s) without labels "
          f"dropped, {notes['repaired']} label(s) with stray punctuation read as written)")
    print(f"{res['n_splits']}-fold cross-validation (seed {res['seed']}, near-duplicates kept together); "
          f"F1 on pooled out-of-fold predictions; lexicon: generic scheme {scheme.version}")
    print(format_results(res, codes=codes))
    print(f"({seconds:.1f} s)")
    json_path = getattr(args, "json", None)
    if json_path:
        from toolkit.io import write_json

        path = root / "narrative-frames" / _FILE
        write_json({"task": "framing", "toolkit_version": __version__, "data": str(path),
                    "data_sha256": checksum(path), "scheme": scheme.name,
                    "scheme_version": scheme.version, "seconds": round(seconds, 2), **notes,
                    **{k: v for k, v in res.items() if k != "classifier_params"},
                    "classifier_params": {k: str(v) for k, v in res["classifier_params"].items()}},
                   json_path, force=getattr(args, "force", False))
    return 0
