"""Attribution: speaker patterns added from development-half errors (made-up sentences, one per pattern)."""

from __future__ import annotations

import pytest

from toolkit.attribution import extract_quotes
from toolkit.text import parse_document


def speakers_of(text: str) -> list[tuple[str, str | None, str | None]]:
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    return [(q, s if isinstance(s, str) else None, c if isinstance(c, str) else None)
            for q, s, c in zip(table["quote"], table["speaker"], table["speaker_canonical"], strict=True)]


@pytest.mark.parametrize("text, quote, speaker", [
    # a naming verb before a quoted label: its subject labels
    ("At the hearing, Senator Jane Roe referred to the proposal as a “train wreck.”", "train wreck.",
     "Senator Jane Roe"),
    # ... but not the name of an apposition before an auxiliary ("X, led by Y, have dubbed")
    ("Critics of the mayor, led by Tom Hale, have dubbed the tunnel “the hole to nowhere.”",
     "the hole to nowhere.", None),
    ("Paula Kent dubbed the tunnel “the hole to nowhere” last week.", "the hole to nowhere", "Paula Kent"),
    # a participle after a subordinate clause: the subject of the last finite verb
    ("It came after Tom Hale publicly chided the board, accusing its members of “reckless spending.”",
     "reckless spending.", "Tom Hale"),
])
def test_partial_quote_speaker(text, quote, speaker):
    found = speakers_of(text)
    assert len(found) == 1 and found[0][0] == quote
    assert found[0][1] == speaker


def test_participle_after_a_clause_with_no_person_stays_unattributed():
    found = speakers_of("The vote came late on Friday, prompting jokes about “the midnight Senate.”")
    assert found == [("the midnight Senate.", None, None)]
