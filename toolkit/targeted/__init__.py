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

from toolkit.targeted.commands import cmd_targets, cmd_train, cmd_validate
from toolkit.targeted.features import mention_features
from toolkit.targeted.model import (
    LABELS,
    POLARITY_LABELS,
    TargetedSentimentClassifier,
    load_targeted_model,
)
from toolkit.targeted.newsmtsc import (
    load_newsmtsc,
    sentence_label,
    train_targeted_model,
    validate_sentiment,
)
from toolkit.targeted.targets import extract_targets, target_sentiment_by_outlet

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
