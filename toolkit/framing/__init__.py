"""Framing: which frames each outlet uses, the words that evoke them, and a trainable classifier.

Two frame schemes ship as data (``toolkit/data/frames``): the generic news
frames of Semetko & Valkenburg (2000), with "responsibility" in the
"resolution" variant of the Narrative Frames Corpus (Frermann et al. 2023),
and the 15 policy frame dimensions of the Media Frames Corpus (Card et al.
2015). A user's own scheme is a YAML file (see :mod:`toolkit.framing.scheme`).

- :mod:`~toolkit.framing.lexicon`: transparent cue-word scoring per sentence,
  article, headline/lede/body, with the evidence behind every number (cue
  finding in :mod:`~toolkit.framing.matching`, tables in :mod:`~toolkit.framing.tables`).
- :mod:`~toolkit.framing.profile`: frame shares per outlet with bootstrap intervals.
- :mod:`~toolkit.framing.classifier`: :class:`FrameClassifier`, a multi-label
  scikit-learn estimator saved as JSON.
- :mod:`~toolkit.framing.validate`: ``toolkit validate framing``.
- :mod:`~toolkit.framing.plot`: :func:`plot_frames`.

References
----------
Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content
analysis of press and television news. Journal of Communication 50(2), 93-109.

Card, D., Boydstun, A. E., Gross, J. H., Resnik, P. & Smith, N. A. (2015). The
Media Frames Corpus: Annotations of frames across issues. ACL 2015.

Frermann, L., Li, J., Khanehzar, S. & Mikolajczak, G. (2023). Conflicts,
Villains, Resolutions: Towards models of Narrative Media Framing. ACL 2023.
"""

from __future__ import annotations

import importlib
from typing import Any

from toolkit.framing.lexicon import (
    METRICS,
    NO_FRAME,
    CueHit,
    article_metrics,
    emphasis_frames,
    find_cues,
    frame_cues,
    frame_evidence,
    measure,
    sentence_metrics,
    top_frame_sentences,
)
from toolkit.framing.scheme import Frame, FrameScheme, load_scheme, parse_scheme

# heavier parts (scikit-learn, matplotlib) load on first use
_LAZY = {
    "FrameClassifier": "toolkit.framing.classifier",
    "frame_shares_by_outlet": "toolkit.framing.profile",
    "plot_frames": "toolkit.framing.plot",
    "cmd_validate": "toolkit.framing.validate",
    "validate_framing": "toolkit.framing.validate",
    "load_narrative_frames": "toolkit.framing.validate",
}

__all__ = [
    "METRICS",
    "NO_FRAME",
    "CueHit",
    "Frame",
    "FrameScheme",
    "load_scheme",
    "parse_scheme",
    "find_cues",
    "frame_cues",
    "sentence_metrics",
    "article_metrics",
    "emphasis_frames",
    "frame_evidence",
    "top_frame_sentences",
    "measure",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit.framing' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
