"""Media-bias research toolkit: framing, sentiment toward whom, and who is given a voice.

Heavy libraries (pandas, scikit-learn, matplotlib, TextBlob) are imported only
when a function that needs them is first used, so ``import toolkit`` is fast.

Examples
--------
>>> import toolkit
>>> toolkit.__version__
'0.1.0'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it (imported on first access)
_LAZY = {
    "ToolkitError": "toolkit.errors",
    "load_corpus": "toolkit.corpus",
    "validate_corpus": "toolkit.corpus",
    "cleaning_log": "toolkit.corpus",
    "clean_text": "toolkit.cleaning",
    "parse_document": "toolkit.text",
    "parse_corpus": "toolkit.text",
    "split_sentences": "toolkit.text",
    "tokenize": "toolkit.text",
    "sentence_table": "toolkit.text",
    "score_sentiment": "toolkit.sentiment",
    "analyze": "toolkit.pipeline",
    "compare_outlets": "toolkit.compare",
    "bootstrap_ci": "toolkit.stats",
    "plot_outlet_metrics": "toolkit.plots",
    "plot_voice_balance": "toolkit.plots",
    "plot_sentiment_along": "toolkit.plots",
    "plot_distinctive_terms": "toolkit.plots",
    "voice_balance": "toolkit.compare",
    "sentiment_along": "toolkit.compare",
    "extract_quotes": "toolkit.attribution",
    "align_sentences": "toolkit.alignment",
    "omission_report": "toolkit.alignment",
    "distinctive_terms": "toolkit.distinctive",
    "pair_stories": "toolkit.pairing",
    "side_by_side": "toolkit.sidebyside",
    "extract_targets": "toolkit.targeted",
    "target_sentiment_by_outlet": "toolkit.targeted",
    "find_stance_markers": "toolkit.stance",
    "frame_evidence": "toolkit.framing",
    "frame_shares_by_outlet": "toolkit.framing",
    "top_frame_sentences": "toolkit.framing",
    "plot_frames": "toolkit.plots",
    "write_report": "toolkit.report",
    "write_table": "toolkit.io",
    "write_json": "toolkit.io",
    "save_figures": "toolkit.plots",
}

__all__ = ["__version__", *_LAZY]


_SUBMODULES = frozenset(
    "alignment attribution bench cleaning cli compare corpus distinctive errors framing gazetteer io metrics "
    "notebooks pairing pipeline plots report resources scale sentiment sidebyside stance stats targeted text".split()
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"toolkit.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
