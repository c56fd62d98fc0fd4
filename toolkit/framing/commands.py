"""``toolkit frames CORPUS``: the frame profile per outlet and the sentences behind it."""

from __future__ import annotations

import argparse

__all__ = ["cmd_frames"]


def cmd_frames(args: argparse.Namespace) -> int:
    """Print each outlet's frame shares (bootstrap 95% intervals) and top triggering sentences.

    With ``-o FILE`` the cue table (one row per cue word, with offsets) is written instead.
    """
    import pandas as pd

    from toolkit.cli import check_outputs, corpus_from_args, table_output
    from toolkit.framing.lexicon import frame_cues, top_frame_sentences
    from toolkit.framing.profile import frame_shares_by_outlet
    from toolkit.text import parse_corpus

    check_outputs(args.output, force=args.force, table=True)  # before the work, not after
    corpus = corpus_from_args(args)
    docs = parse_corpus(corpus)
    if args.output:
        path = table_output(args, frame_cues(docs, scheme=args.scheme), corpus, command="frames",
                            families=["toolkit.framing"], scheme=args.scheme)
        print(f"wrote frame cues to {path}")
        return 0
    profile = frame_shares_by_outlet(docs, scheme=args.scheme, seed=0)
    with pd.option_context("display.width", 160, "display.max_colwidth", 80):
        print("Share of each outlet's counted sentences that evoke each frame (bootstrap 95% interval)")
        print(profile[["outlet", "label", "share", "ci_low", "ci_high", "n_articles", "n_sentences"]]
              .round(3).to_string(index=False))
        top = top_frame_sentences(docs, scheme=args.scheme, n=2)
        print("\nTop triggering sentences (cue words in the middle column)")
        print(top.assign(sentence=top["sentence"].str.slice(0, 80))[["outlet", "frame", "words", "sentence"]]
              .to_string(index=False))
    return 0
