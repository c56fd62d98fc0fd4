"""Cleaning on the seeds: furniture out, every body sentence kept, removals recorded."""

from __future__ import annotations

import pytest

from toolkit import cleaning_log
from toolkit.cleaning import FURNITURE_LINES, clean_text, normalize_text
from toolkit.text import split_sentences

FURNITURE = {
    "rt": ["Source link", "Related Articles", "Leave a Reply",
           "Your email address will not be published. Required fields are marked *", "Back to top button",
           "RT World News"],
    "nbc-chicago": ["close", "NBC Chicago"],
}


def _body_lines(raw: str, title: str) -> list[str]:
    lines = []
    for line in normalize_text(raw).split("\n"):
        folded = " ".join(line.split())
        if folded and folded.casefold() not in FURNITURE_LINES and not folded.startswith(title):
            lines.append(folded.lstrip("• ").strip())
    return lines


def test_every_body_sentence_survives(blinken):
    for raw, text, title in zip(blinken["raw_text"], blinken["text"], blinken["title"], strict=True):
        lines = _body_lines(raw, title)
        assert len(lines) >= 10
        for line in lines:
            for s, e in split_sentences(line):
                assert line[s:e] in text


def test_furniture_is_gone_and_recorded(blinken):
    log = cleaning_log(blinken)
    for doc_id, text in zip(blinken["doc_id"], blinken["text"], strict=True):
        removed = set(log.loc[log["doc_id"] == doc_id, "removed"])
        for piece in FURNITURE[doc_id]:
            assert piece in removed
            if piece != "close":
                assert piece not in text
        assert not text.startswith("close")


def test_headline_moves_to_title_and_site_name_is_split(blinken):
    titles = dict(zip(blinken["doc_id"], blinken["title"], strict=True))
    assert titles["rt"] == "Blinken to warn China against helping Russia in Ukraine"
    assert titles["nbc-chicago"].endswith("during this week’s visit")
    for text in blinken["text"]:
        assert "Blinken to warn China" not in text


def test_key_points_block_is_kept_but_marked(blinken):
    nbc = blinken.set_index("doc_id").loc["nbc-chicago"]
    (start, end), = nbc["summary_spans"]
    block = nbc["text"][start:end]
    assert block.count("•") == 3 and block.startswith("• US Secretary of State")
    assert blinken.set_index("doc_id").loc["rt", "summary_spans"] == []


def test_quotes_stay_distinguishable(blinken):
    rt = blinken.set_index("doc_id").loc["rt", "text"]
    assert rt.count("“") == 10 and rt.count("”") == 8
    assert "'" in rt  # straight apostrophes kept as they are


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("A line.\r\nNext\tline  here.", "A line.\n\nNext line here."),
        ("Cafe\u0301 \u00a0open.", "Café open."),
        ("Word\u200bjoined\u00ad.", "Wordjoined."),  # zero-width space and soft hyphen dropped
        ("Para one.\n\n\n\nPara two.", "Para one.\n\nPara two."),
    ],
)
def test_normalisation(raw, text):
    assert clean_text(raw).text == text


def test_removal_offsets_point_into_normalised_raw(blinken):
    for raw, title, outlet in zip(blinken["raw_text"], blinken["title"], blinken["outlet"], strict=True):
        norm = normalize_text(raw)
        for removal in clean_text(raw, title=title, outlet=outlet).removals:
            assert removal.text in norm[removal.start:removal.end]


def test_cleaning_is_idempotent(blinken):
    for text in blinken["text"]:
        assert clean_text(text).text == text


def test_quick_paths_know_every_character_their_regexes_know():
    """The substring tests that spare most texts a regex scan cover exactly what the regexes match."""
    from toolkit import cleaning

    everything = [chr(c) for c in range(0x110000)]
    assert cleaning._OTHER_SPACES == "".join(c for c in everything if c.isspace() and c not in " \n")
    assert {c for c in everything if cleaning._INVISIBLE.fullmatch(c)} == set(cleaning._INVISIBLE_CHARS)
    assert {c for c in everything if cleaning._NEWLINES.fullmatch(c)} == set(cleaning._NEWLINE_CHARS)
    for raw in ("a\u200bb \r\nc", "x\u3000 y\t\n\n  z ", "plain line\nnext line", "e\u200b\u0301 \u00a0"):
        assert cleaning.clean_text(raw).text == "\n\n".join(
            line for line in (cleaning._fold(part) for part in cleaning.normalize_text(raw).split("\n")) if line)


def test_a_link_card_after_a_name_goes_and_is_recorded():
    # made-up text in the shape of The Hill's inline cards: legal name glued to headlines, then "MORE"
    raw = ("“It is not reassuring,” said Rep. Ann Lee Ann (Annie) Marie LeeSenate passes a bill on roads "
           "Lee: 'I was right' MORE (R-Pa.), who is retiring.\n\nPresident Tom Kerr Thomas Kerr MORE’s aides met.")
    cleaned = clean_text(raw)
    assert cleaned.text == ("“It is not reassuring,” said Rep. Ann Lee (R-Pa.), who is retiring.\n\n"
                            "President Tom Kerr’s aides met.")
    cards = [r for r in cleaned.removals if r.kind == "link_card"]
    assert len(cards) == 2
    assert all(normalize_text(raw)[r.start:r.end] == r.text for r in cards)


def test_a_repeated_name_without_a_card_stays():
    # no "MORE" after it: not a card ("Ann Lee Ann Lee" may be a typo, and shouting is no card)
    raw = "Ann Lee Ann Lee spoke. CLICK HERE TO READ MORE. Tom Hale Thomas HaleBudget news today."
    assert clean_text(raw).text == raw


def test_photo_caption_buttons_go():
    raw = ("The senator spoke on Monday.\n\ntoggle caption Ann Lee/AP\n\n"
           "Hide Caption 3 of 25 Photos: A crowd gathers\n\n“We will win,” she said.")
    cleaned = clean_text(raw)
    assert cleaned.text == "The senator spoke on Monday.\n\n“We will win,” she said."
    assert [r.kind for r in cleaned.removals] == ["furniture", "furniture"]


def test_two_identical_link_cards_in_a_line_have_their_own_offsets():
    raw = "Intro x Rep. Ann Lee Ann Lee MORE and Rep. Ann Lee Ann Lee MORE (R-Pa.)"
    cleaned = clean_text(raw)
    assert cleaned.text == "Intro x Rep. Ann Lee and Rep. Ann Lee (R-Pa.)"
    spans = [(r.start, r.end) for r in cleaned.removals]
    assert len(set(spans)) == 2 and all(normalize_text(raw)[s:e] == " Ann Lee MORE" for s, e in spans)
