"""Attribution: quoted names, titles and labels are no quotes; real speech next to them stays.

Every sentence here is made up.
"""

from __future__ import annotations

import pytest

from toolkit.attribution import extract_quotes
from toolkit.attribution.quotes import _QMARK, _mark_spans, _trim
from toolkit.text import parse_document


def quotes_of(text: str) -> list[tuple[str, str | None]]:
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    return [(q, s if isinstance(s, str) else None) for q, s in zip(table["quote"], table["speaker"], strict=True)]


@pytest.mark.parametrize("text, label", [
    # title-case names of plans, events, groups, lists, works and movements, with no reporting verb next to them
    ("The mayor’s “Green Streets Plan” would close two roads in May.", "Green Streets Plan"),
    ("Volunteers from the “Riverside Parents Alliance” handed out leaflets on Tuesday.", "Riverside Parents Alliance"),
    ("Churches across the county held a “Weekend of Renewal” in October, Jane Roe said.", "Weekend of Renewal"),
    ("The magazine will print a “25 Most Wanted” list of polluters every month.", "25 Most Wanted"),
    ("Her novel “Winter Harbor Lights” sold poorly at first.", "Winter Harbor Lights"),
    ("The marches, loosely grouped as “Fair Rent Now,” spread to six towns.", "Fair Rent Now"),
    ("The drama “Law & Order: Harbor Unit” was cancelled after one season.", "Law & Order: Harbor Unit"),
    # a word mentioned as a word, a so-called term, a slogan, a headline, a title, "known as"
    ("The memo never used the word “refund” and the mayor later denied writing it.", "refund"),
    ("Officials proposed a tax on so-called “ghost flats” in the city centre, Tom Hale said.", "ghost flats"),
    ("The rally ended with the slogan “keep the lights on” painted on a banner.", "keep the lights on"),
    ("The paper ran a story under the headline “council votes to close pool.”", "council votes to close pool."),
    ("A report titled “why the river floods” was published by the agency.", "why the river floods"),
    ("The bridge, known as “the old lady,” was built in 1890.", "the old lady"),
    ("The phrase “not in my street” comes up every time a shelter is proposed.", "not in my street"),
])
def test_label_is_no_quote(text, label):
    assert label not in [q for q, _ in quotes_of(text)]


@pytest.mark.parametrize("text, quote, speaker", [
    # title case with a reporting verb next to it is speech
    ("“Happy New Year Everyone,” Mayor Jane Roe wrote on Tuesday.", "Happy New Year Everyone", "Mayor Jane Roe"),
    ("The protesters chanted “No More Cuts” outside the hall.", "No More Cuts", None),
    ("Tom Hale dubbed the plan “The Great Giveaway” at the meeting.", "The Great Giveaway", "Tom Hale"),
    ("“Thank You America!” Tom Hale said as he left the stage.", "Thank You America!", "Tom Hale"),
    # a quoted term inside speech, and "in his words", stay
    ("Tom Hale said the deal was “a total disaster” for the town.", "a total disaster", "Tom Hale"),
    ("In his own words, “the budget is broken and nobody wants to fix it.”",
     "the budget is broken and nobody wants to fix it.", None),
    # a reporting verb earlier in the sentence (past "U.S." and "Mr."), or before "the words"
    ("Tom Hale wrote late on Monday that all schools “MUST OPEN” in the fall.", "MUST OPEN", "Tom Hale"),
    ("Jane Roe said the U.S. would build a new clinic in “North Harbor” next year.", "North Harbor", "Jane Roe"),
    ("The injured man kept repeating the words “call my wife” to the nurses.", "call my wife", None),
    ("“Dear Friends and Neighbours,” it began. “We lost the vote but not the argument.”",
     "Dear Friends and Neighbours", None),
    ("Tom Hale used the phrase: “This is not the first time the town has been misled.”",
     "This is not the first time the town has been misled.", None),
    # one capitalised word stays (too little to tell a name from speech)
    ("Asked whether he would run again, Tom Hale said: “Never.”", "Never.", "Tom Hale"),
])
def test_speech_stays(text, quote, speaker):
    found = quotes_of(text)
    assert quote in [q for q, _ in found]
    if speaker is not None:
        assert (quote, speaker) in found


@pytest.mark.parametrize("closing", ["''", "’’"])
def test_doubled_apostrophes_close_a_double_quote(closing):
    text = f"“The report was filed by mistake and will be withdrawn,{closing} said Jane Roe, a spokeswoman."
    assert quotes_of(text) == [("The report was filed by mistake and will be withdrawn", "Jane Roe")]


def test_doubled_apostrophes_pairing_and_trim():
    text = "He was \"given the chance'' to speak, an aide said."
    marks = [m.start() for m in _QMARK.finditer(text)]
    assert marks == [7, 24]  # the second apostrophe of the pair is no separate mark
    (open_end, close_start, closed), = _mark_spans(text, 0, len(text), marks)
    assert closed and text[slice(*_trim(text, open_end, close_start))] == "given the chance"


def test_apostrophes_outside_a_quote_open_nothing():
    text = "The 1990s'' rules and rock ’n’ roll were debated at length."
    marks = [m.start() for m in _QMARK.finditer(text)]
    assert _mark_spans(text, 0, len(text), marks) == []
