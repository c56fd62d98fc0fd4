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


@pytest.mark.parametrize("text, speaker, canonical", [
    # a lower-case descriptor before the name, after or before the verb
    ("“We will rebuild,” said entrepreneur Ann Lee.", "Ann Lee", "Ann Lee"),
    ("“We will rebuild,” co-worker Ann Lee said.", "Ann Lee", "Ann Lee"),
    ("“We will rebuild,” said a source close to Ann Lee.", "a source", "source"),
    # a capitalised title that starts with "House", "Senate", ...
    ("“We will rebuild,” said House Speaker Ann Lee.", "House Speaker Ann Lee", "Ann Lee"),
])
def test_speaker_after_the_quote(text, speaker, canonical):
    assert speakers_of(text) == [("We will rebuild", speaker, canonical)]


@pytest.mark.parametrize("text, quote, speaker", [
    # a party tag after a legislator's name
    ("Sen. Ann Lee (R-Ore.) told reporters she is “not convinced” by the plan.", "not convinced",
     "Sen. Ann Lee"),
    ("Even Sen. Ann Lee (R-Ore.), a critic of the bill, said she is “not convinced” by the plan.",
     "not convinced", "Sen. Ann Lee"),
    # a second predicate after "but"
    ("Tom Hale did not endorse the plan, but said it was “a fair start.”", "a fair start.", "Tom Hale"),
    # "it’s" is "it is", no possessive
    ("Tom Hale has said it’s “a fair start.”", "a fair start.", "Tom Hale"),
])
def test_partial_quote_subject(text, quote, speaker):
    assert (quote, speaker) in [(q, s) for q, s, _ in speakers_of(text)]


def test_participle_after_a_verb_speaker_order():
    found = speakers_of("“We will rebuild,” said Tom Hale, adding that the town needed “patience.”")
    assert ("patience.", "Tom Hale") in [(q, s) for q, s, _ in found]


def test_pronoun_skips_a_name_of_the_other_sex_and_reads_the_previous_sentence_from_its_start():
    text = "Ann Lee met Tom Hale in the capital on Monday.\n\n“We talked for hours,” he said."
    assert speakers_of(text) == [("We talked for hours", "he", "Tom Hale")]
    text = "Tom Hale met Ann Lee in the capital on Monday.\n\n“We talked for hours,” she said."
    assert speakers_of(text) == [("We talked for hours", "she", "Ann Lee")]
    text = "Tom Hale met Bob Ross in the capital on Monday.\n\n“We talked for hours,” he said."
    assert speakers_of(text) == [("We talked for hours", "he", "Tom Hale")]


@pytest.mark.parametrize("text, names", [
    ("Budget Talks\n\nLee said so.", ["Budget Talks", "Lee"]),  # no name across a line break
    ("Betsy DeVos and Mitch McConnell met.", ["Betsy DeVos", "Mitch McConnell"]),
])
def test_name_pattern(text, names):
    from toolkit.attribution.words import _NAME

    assert _NAME.findall(text) == names


@pytest.mark.parametrize("text, verb, verb_class", [
    ("“Not a chance,” Tom Hale retorted.", "retort", "neutral"),
    ("“We won every county,” Tom Hale crowed.", "crow", "distancing"),
    ("“Please stay home,” Tom Hale implored the crowd.", "implore", "appeal"),
])
def test_added_speech_verbs(text, verb, verb_class):
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    assert list(zip(table["speaker"], table["verb"], table["verb_class"], strict=True)) == [
        ("Tom Hale", verb, verb_class)]


@pytest.mark.parametrize("text, speaker", [
    ("“Fraud hurts taxpayers,” Mr. Hale, a Virginia Republican, said in a statement.", "Mr. Hale"),
    ("“Fraud hurts taxpayers,” Tom Hale, who chairs the panel, told reporters.", "Tom Hale"),
    ("“Fraud hurts taxpayers,” the senator, a Virginia Republican, said.", "the senator"),
])
def test_apposition_between_name_and_verb_after_the_quote(text, speaker):
    assert [s for _, s, _ in speakers_of(text)] == [speaker]


@pytest.mark.parametrize("text, quote, speaker, canonical", [
    # reported clause, then the verb before its speaker
    ("Members have tied their own hands, says former House historian Ann Lee, coeditor of a history.",
     "Members have tied their own hands", "Ann Lee", "Ann Lee"),
    # an age between the name and the verb
    ("“Not sure it helps,” Elaine Dunlap, 74, told reporters.", "Not sure it helps", "Elaine Dunlap",
     "Elaine Dunlap"),
    # military titles are abbreviations, not sentence ends
    ("“We are ready,” said Lt. Gen. Tom Hale.", "We are ready", "Lt. Gen. Tom Hale", "Tom Hale"),
    # "X of Y": the person, not the body
    ("“We sell peace of mind,” says Tom Hale of Custom Theater & Audio.", "We sell peace of mind",
     "Tom Hale of Custom Theater", "Tom Hale"),
    ("“We sell peace of mind,” said the Ministry of Commerce.", "We sell peace of mind",
     "the Ministry of Commerce", "Ministry of Commerce"),
])
def test_more_speaker_phrases(text, quote, speaker, canonical):
    assert speakers_of(text) == [(quote, speaker, canonical)]


def test_pronoun_sentence_starts_before_a_quote_of_several_sentences():
    text = "Pat Quill thanked Robin Vale on Monday.\n\n“We agree. We will act,” he said."
    assert speakers_of(text) == [("We agree. We will act", "he", "Pat Quill")]


@pytest.mark.parametrize("text, clause, speaker", [
    ("Tom Hale said the plan would fail badly.", "the plan would fail badly", "Tom Hale"),
    ("Tom Hale said he would run again next year.", "he would run again next year", "Tom Hale"),
    ("Tom Hale said Monday the plan would fail.", None, None),  # no subject right after "said"
    ("Tom Hale said in a statement: “No.”", None, None),
    ("Tom Hale insisted the plan would work.", "the plan would work", "Tom Hale"),
    ("Tom Hale admitted the mistake in an interview.", None, None),  # a noun object, no clause
    ("Tom Hale told reporters the plan would fail.", "the plan would fail", "Tom Hale"),
    ("Tom Hale told The Daily Star he would run again.", "he would run again", "Tom Hale"),
    ("Tom Hale told them a story about the war.", None, None),
])
def test_said_without_that(text, clause, speaker):
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    indirect = table[table["kind"] == "indirect"]
    if clause is None:
        assert indirect.empty
    else:
        assert list(zip(indirect["quote"], indirect["speaker"], strict=True)) == [(clause, speaker)]


def test_party_tag_between_name_and_verb_and_an_apposition_without_article():
    found = speakers_of("“We hope,” Sen. Ann Lee (R-Texas) said, praising the bill. “It is fair.”")
    assert [(q, s) for q, s, _ in found] == [("We hope", "Sen. Ann Lee"), ("It is fair.", "Sen. Ann Lee")]
    found = speakers_of("“We hope,” Ann Lee, professor of law at Acme University, told The Week.")
    assert [(q, s) for q, s, _ in found] == [("We hope", "Ann Lee")]
