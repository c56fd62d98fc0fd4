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


@pytest.mark.parametrize("text, quotes", [
    # a short title-case quote after an outlet's possessive, after "on", or next to a noun that
    # names a work or a measure is a title, not speech
    ("Ann Lee spoke on WXBC’s “Morning Table” about the budget.", []),
    ("Tom Hale was asked on “Morning Table” about the tunnel.", []),
    ("Her “Clean Water First” bill passed the committee on Tuesday.", []),
    ("The mayor has a new memoir, “Bridges Over Nothing,” out in May.", []),
    ("Tom Hale, author of “The Quiet Harbor,” lives in Maine.", []),
    # ... but not a lower-case phrase, nor a sentence, next to the same words
    ("Tom Hale called the measure a “reckless gamble” bill.", ["reckless gamble"]),
    ("Ann Lee said the show was “a mess from start to finish.”", ["the show was “a mess from start to finish.”",
                                                                 "a mess from start to finish."]),
    ("“We Will Not Back Down,” Ann Lee said of the bill.", ["We Will Not Back Down"]),
])
def test_titles_in_quotation_marks_are_no_quotes(text, quotes):
    assert [q for q, _, _ in speakers_of(text)] == quotes


@pytest.mark.parametrize("text, quote, speaker", [
    # a fronted subordinator or adverbial is no speaker; a fronted time phrase is skipped
    ("When asked about the tunnel, Tom Hale called it “a waste.”", "a waste.", "Tom Hale"),
    ("Ironically, the delay will lead some voters to say the city is “not listening.”", "not listening.",
     None),
    ("As Ann Lee noted, the tunnel is “a waste.”", "a waste.", "Ann Lee"),
    ("Late Monday, Gen. Tom Hale, head of the panel, told reporters the plan was “poorly drawn.”",
     "poorly drawn.", "Gen. Tom Hale"),
    # a speaker phrase never ends with "and" or "to"
    ("Tom Hale broke with health experts and called on voters to “stay home.”", "stay home.", "Tom Hale"),
    # ... while a plain subject, and a coordinated one, still speak
    ("Late arrivals were told by Ann Lee that the hall was “full.”", "full.", None),
    ("Health experts called the plan “a gamble.”", "a gamble.", "Health experts"),
])
def test_fronted_words_and_coordination_are_no_speaker(text, quote, speaker):
    found = [(q, s) for q, s, _ in speakers_of(text) if q == quote]
    assert found == [(quote, speaker)]


@pytest.mark.parametrize("text, clause, speaker", [
    # "CLAUSE, X <verb>.": the verb ends the sentence or an adjunct follows it
    ("The tunnel will never open, Tom Hale said on Monday.", "The tunnel will never open", "Tom Hale"),
    ("The tunnel will never open, Tom Hale wrote bluntly.", "The tunnel will never open", "Tom Hale"),
    ("The tunnel will never open, Tom Hale told reporters.", "The tunnel will never open", "Tom Hale"),
    # ... a fronted phrase or clause with an object after the verb is no reported clause
    ("In his speech on Monday, Tom Hale praised the tunnel builders.", None, None),
    ("When the tunnel bill came up for a vote, Tom Hale called it a waste.", None, None),
    ("Speaking to the council on Friday, Ann Lee urged a new vote.", None, None),
    ("During the long debate, Ann Lee said.", None, None),
])
def test_clause_before_subject_and_verb(text, clause, speaker):
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    indirect = table[table["kind"] == "indirect"]
    if clause is None:
        assert indirect.empty
    else:
        assert list(zip(indirect["quote"], indirect["speaker"], strict=True)) == [(clause, speaker)]


@pytest.mark.parametrize("text, speaker, canonical", [
    # a capitalised apposition between the name and the verb
    ("“Fraud hurts taxpayers,” Rep. Tom Hale, Oregon Republican, said on Monday.", "Rep. Tom Hale", "Tom Hale"),
    ("“Fraud hurts taxpayers,” Ann Lee, R-Ore., said.", "Ann Lee", "Ann Lee"),
    # a name particle and an ordinal in the speaker phrase
    ("“Fraud hurts taxpayers,” Guild President Pieter van Dam said Monday.", "Guild President Pieter van Dam",
     "Pieter van Dam"),
    ("“Fraud hurts taxpayers,” said Pieter van Dam.", "Pieter van Dam", "Pieter van Dam"),
    ("“Fraud hurts taxpayers,” a second senior official said.", "a second senior official",
     "second senior official"),
    # ... while a lower-case apposition still reads as before
    ("“Fraud hurts taxpayers,” Tom Hale, a former mayor, said.", "Tom Hale", "Tom Hale"),
])
def test_apposition_particle_and_ordinal_after_the_quote(text, speaker, canonical):
    assert speakers_of(text) == [("Fraud hurts taxpayers", speaker, canonical)]


def test_a_first_name_that_is_also_a_modal_verb_is_a_speaker():
    from toolkit.attribution import extract_quotes
    from toolkit.text import parse_document

    doc = parse_document("“We will vote no,” Will Hurd said on Tuesday.", doc_id="d")
    assert extract_quotes([doc])["speaker"].tolist() == ["Will Hurd"]
