"""Attribution: who is quoted, how, and with which reporting verbs.

A facade over :mod:`toolkit.attribution.extract` (quotes and speakers),
:mod:`toolkit.attribution.measures` (the metric family),
:mod:`toolkit.attribution.validate` (gold sets, BASIL) and
:mod:`toolkit.attribution.commands` (command-line handlers).
"""

from __future__ import annotations

from toolkit.attribution.commands import cmd_bench, cmd_quotes, cmd_validate
from toolkit.attribution.extract import QUOTE_COLUMNS, SOURCE_KINDS
from toolkit.attribution.lexicon import VERB_CLASSES, load_quote_verbs
from toolkit.attribution.measures import (
    METRICS,
    article_metrics,
    attribution_metrics,
    extract_quotes,
    measure,
    sentence_metrics,
)
from toolkit.attribution.validate import load_seed_gold, validate_attribution

__all__ = ["extract_quotes", "measure", "sentence_metrics", "article_metrics", "attribution_metrics", "METRICS",
           "validate_attribution", "load_seed_gold", "load_quote_verbs", "QUOTE_COLUMNS",
           "SOURCE_KINDS", "VERB_CLASSES", "cmd_quotes", "cmd_validate", "cmd_bench"]
