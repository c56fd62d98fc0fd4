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
    # ... the subject, not the name of an apposition before an auxiliary ("X, led by Y, have dubbed")
    ("Critics of the mayor, led by Tom Hale, have dubbed the tunnel “the hole to nowhere.”",
     "the hole to nowhere.", "Critics of the mayor"),
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


def _assert_one_indirect(text, clause, speaker):
    """The text gives exactly one indirect quote ``clause`` by ``speaker``, or none when clause is None."""
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    indirect = table[table["kind"] == "indirect"]
    if clause is None:
        assert indirect.empty
    else:
        assert list(zip(indirect["quote"], indirect["speaker"], strict=True)) == [(clause, speaker)]


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
    _assert_one_indirect(text, clause, speaker)


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
    # (a quoted word or two with no speaker and no cue is a term, not an attribution: no row)
    assert found == ([(quote, speaker)] if speaker else [])


@pytest.mark.parametrize("text, expected", [
    # a scare quote of a word or two with no speaker is no attribution
    ("The so-called “deal” was signed on Monday.", []),
    # ... a longer unattributed phrase, or a short one with a speaker, stays
    ("The plan was described as a “very costly and pointless exercise” in the report.",
     ["very costly and pointless exercise"]),
    ("Ann Lee called it a “boondoggle.”", ["boondoggle."]),
])
def test_short_unattributed_partial_quotes_are_terms(text, expected):
    assert [q for q, _, _ in speakers_of(text)] == expected


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
    _assert_one_indirect(text, clause, speaker)


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


def kinds_of(text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    cols = [table[c] for c in ("speaker", "speaker_canonical", "source_kind", "affiliation")]
    return [tuple(v if isinstance(v, str) else None for v in row) for row in zip(*cols, strict=True)]


@pytest.mark.parametrize("text, expected", [
    # a lone quantifier as subject is an anonymous group, not a person named "Others"
    ("Others argued that the tunnel was far too expensive.", ("Others", "Others", "anonymous", None)),
    ("Some suggest that the board should resign.", ("Some", "Some", "anonymous", None)),
    # ... while a capitalised name still names a person
    ("Tom Hale argued that the tunnel was far too expensive.", ("Tom Hale", "Tom Hale", "named_person", None)),
])
def test_quantifier_subject_is_anonymous(text, expected):
    assert kinds_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # an acronym or "the" + one capitalised word is a body, not a person
    ("The FTB also said that revenue fell sharply in May.", ("The FTB", "FTB", "organization", None)),
    ("QRSA warned that the bridge was unsafe.", ("QRSA", "QRSA", "organization", None)),
    ("The Bureau has said it will keep rates low.", ("The Bureau", "Bureau", "organization", None)),
    # ... while a name, or a title with a name, still names a person
    ("Dr. Hale warned that the bridge was unsafe.", ("Dr. Hale", "Hale", "named_person", None)),
    ("BAKER warned that the bridge was unsafe.", ("BAKER", "BAKER", "named_person", None)),  # a transcript
    ("The Pope warned that the bridge was unsafe.", ("The Pope", "Pope", "named_person", None)),
    ("A spokesman for the QRSA said that the bridge was unsafe.",
     ("A spokesman for the QRSA", "spokesman for the QRSA", "anonymous", None)),
])
def test_acronym_or_the_name_is_an_organization(text, expected):
    assert kinds_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # a nationality word as a surname after a first name sets no affiliation
    ("“Fraud hurts taxpayers,” said Martin German, a professor of law.",
     ("Martin German", "Martin German", "named_person", None)),
    # ... while a nationality word before a role noun still does
    ("“Fraud hurts taxpayers,” a German official said.",
     ("a German official", "German official", "anonymous", "Germany")),
])
def test_nationality_surname_sets_no_affiliation(text, expected):
    assert kinds_of(text) == [expected]


def test_a_lone_nationality_surname_takes_the_full_names_affiliation():
    text = ("“Fraud hurts taxpayers,” said Martin German, a professor of law.\n\n"
            "“It is a scandal,” German said.")
    assert [k[1:] for k in kinds_of(text)] == [("Martin German", "named_person", None)] * 2


@pytest.mark.parametrize("text, expected", [
    # a place after the role noun sets the affiliation; the speaker stays an anonymous official
    ("A U.S. military official in Iraq told reporters that the convoy was safe.",
     ("A U.S. military official in Iraq", "U.S. military official in Iraq", "anonymous", "US")),
    # a title and name after an organisation name the person, not the organisation
    ("“Fraud hurts taxpayers,” White House spokesman Tom Hale said.",
     ("White House spokesman Tom Hale", "Tom Hale", "named_person", "US")),
    # ... while an organisation alone stays the organisation
    ("“Fraud hurts taxpayers,” the White House said.", ("the White House", "United States", "organization", "US")),
])
def test_role_phrase_with_a_place_or_a_person(text, expected):
    assert kinds_of(text) == [expected]


@pytest.mark.parametrize("text, quote, speaker", [
    # a partial quote in a sentence led by "according to X" is X's
    ("According to the report, most of the contractors “never filed a form” on time.",
     "never filed a form", "the report"),
    ("The tunnel, according to Paula Kent, is “a hole to nowhere” for commuters.",
     "a hole to nowhere", "Paula Kent"),
    # ... while a reporting verb of the sentence still wins, and a sentence without a cue stays unattributed
    ("According to the audit, Tom Hale called the contractors “lazy” on Monday.", "lazy", "Tom Hale"),
    ("Most of the contractors “never filed a report” on time.", "never filed a report", None),
])
def test_partial_quote_in_an_according_to_sentence(text, quote, speaker):
    assert (quote, speaker) in [(q, s) for q, s, _ in speakers_of(text)]


@pytest.mark.parametrize("text, clauses", [
    # "add" with a quantity object is no speech
    ("Factories have added an average of 9,000 workers in each of the past four months.", []),
    ("The new levy would add some $40 million to the city budget next year.", []),
    # ... while "added" before a reported clause still is
    ("Paula Kent added the levy would hurt small shops badly.", ["the levy would hurt small shops badly"]),
])
def test_add_with_a_quantity_object_is_no_speech(text, clauses):
    table = extract_quotes([parse_document(text, doc_id="d", outlet="O")])
    assert table["quote"].tolist() == clauses


@pytest.mark.parametrize("text, expected", [
    # "he" never resolves to a body or a region named like a person
    ("Ann Lee wrote a paper for the Lincoln Project on Monday.\n\n"
     "“We think the rules are broken,” he said.", None),
    ("Ann Lee met donors in May. Officials fear the West African outbreak will spread.\n\n"
     "“We think the rules are broken,” he said.", None),
    # ... while a person named in the previous sentence still is the antecedent
    ("Tom Hale released a video on Monday.\n\n“We think the rules are broken,” he said.", "Tom Hale"),
])
def test_pronoun_skips_bodies_and_regions(text, expected):
    assert [c for _, _, c in speakers_of(text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # "the president" is the unqualified "President X" rather than a foreign president named after him
    ("President Ann Lee met Polish President Jan Nowak on Monday.\n\n"
     "The president said the talks were “very useful.”", "Ann Lee"),
    # ... but a foreign president when he is the only one
    ("Polish President Jan Nowak met the prime minister on Monday.\n\n"
     "The president said the talks were “very useful.”", "Jan Nowak"),
    # a capitalised adjective between "the" and the title: "the Ohio senator"
    ("Sen. Tom Hale spoke on Monday.\n\nThe Ohio senator called the plan “a disaster.”", "Tom Hale"),
    ("Rep. Tom O’Hale spoke on Monday.\n\nThe Ohio congressman called the plan “a disaster.”", "Tom O’Hale"),
    ("House Speaker Tom Hale spoke on Monday.\n\nThe Republican speaker called the plan “a disaster.”",
     "Tom Hale"),
])
def test_definite_title_links_to_the_named_person(text, expected):
    assert {c for _, _, c in speakers_of(text)} == {expected}


@pytest.mark.parametrize("text, expected", [
    # a quote paragraph after a paragraph ending in a colon: the subject of its reporting verb
    ("The tunnel closed on Monday.\n\nLater that day, Paula Kent wrote on Facebook that:\n\n"
     "“The city has failed every commuter.”", ["Paula Kent"]),
    ("The tunnel closed on Monday.\n\nThen Tom Hale, the city's engineer, posted a message saying:\n\n"
     "“The city has failed every commuter.”", ["Tom Hale"]),
    # ... but not after a colon that ends a paragraph without a reporting verb
    ("Paula Kent ran the tunnel project.\n\nHere is the full list of closures:\n\n"
     "“Main Street, Elm Street and the bridge.”", [None]),
])
def test_quote_paragraph_after_a_colon(text, expected):
    assert [s for _, s, _ in speakers_of(text)][-1:] == expected



@pytest.mark.parametrize("text, speaker", [
    # "as X put it" names the speaker of the quote next to it
    ("The tunnel, as Paula Kent put it, is “a hole to nowhere.”", "Paula Kent"),
    ("As one commuter put it on Monday, “The city has failed us.”", "one commuter"),
    ("The tunnel is “a hole to nowhere,” as Paula Kent put it.", "Paula Kent"),
    # ... but not across another quote, nor without "put it"
    ("As Paula Kent put it, the “old” tunnel is “a hole to nowhere.”", None),
    ("The tunnel, as Paula Kent knows, is “a hole to nowhere.”", None),
])
def test_as_x_put_it(text, speaker):
    assert [s for q, s, _ in speakers_of(text) if q.startswith("a hole") or q.startswith("The city")] == [speaker]


@pytest.mark.parametrize("text, expected", [
    # "of <Place>" after a titled name: the person, not the place, and the pronoun after it too
    ("“We will not move the bill,” said Senator Paul Hardin of North Dakota. “It is dead,” he added.",
     ["Paul Hardin", "Paul Hardin"]),
    ("“It is bad,” said Senate Majority Leader Tom Hale of Kentucky.", ["Tom Hale"]),
    ("“It is bad,” said Professor Ann Lee of the University of Oregon.", ["Ann Lee"]),
    # ... nearby cases that must not change
    ("“It is bad,” said Secretary of State Ann Lee.", ["Ann Lee"]),
    ("“It is bad,” said the Bank of England.", ["Bank of England"]),
])
def test_name_of_a_place_is_the_person(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # party tags in the comma style are no part of the name and never a speaker
    ("Sen. Carl Brandt (D., N.Y.) said the deal was bad. “Nobody wants it,” he said.",
     ["Carl Brandt", "Carl Brandt"]),
    ("“The deal is bad,” Rep. Carl Brandt (R., Texas) said.", ["Carl Brandt"]),
    ("“It is bad,” Sen. John Roe (R., Ariz.), one of four senators on the panel, said on a show.", ["John Roe"]),
    # ... the hyphen style still works
    ("“The deal is bad,” said Sen. Carl Brandt (R-S.D.). “Nobody wants it,” he said.",
     ["Carl Brandt", "Carl Brandt"]),
])
def test_party_tag_styles(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a day between the subject and the verb is no speaker
    ("Yet Sen. Paula Kent of Oregon late Monday said she opposed the plan.", ["Paula Kent"]),
    ("Rep. Ann Lee (D-Calif.) on Sunday warned that she would vote against the bill.", ["Ann Lee"]),
    ("Ann Lee on Sunday tried to clarify her remark that the plan was a “phony fix.”", ["Ann Lee"]),
    ("The WHO on Saturday said that new cases were stable.", ["World Health Organization"]),  # gazetteer name
    # ... nearby cases that must not change
    ("“The deal is bad,” Mary Lund said Monday. “Nobody wants it,” she said.", ["Mary Lund", "Mary Lund"]),
    ("A study of survivors of a flood in Kansas in 2009 found that most recovered.", []),
])
def test_a_date_is_never_a_speaker(text, expected):
    assert [c for _, _, c in speakers_of(text) if c is not None] == expected


@pytest.mark.parametrize("text, expected", [
    # a place after "in" or a US state is no antecedent of a pronoun
    ("A frequent guest, retired Col. Tom Hale, said a war could not succeed. He said chaos in the Middle East "
     "would follow. “You will get chaos,” he said.", ["Tom Hale"]),
    ("Tom Hale spoke about the primary. The candidate pledged to go on to South Carolina. "
     "“I will be there,” he said.", ["Tom Hale"]),
    ("For Ann Roe, a single mom in North Dakota who works nights, pay is the issue. “We need better jobs,” "
     "she said.", ["Ann Roe"]),
    # ... a person after "met" still is one
    ("Ann Roe met Tom Hale in Boston. “It went well,” he said.", ["Tom Hale"]),
])
def test_pronoun_skips_places(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a gazetteer person gives name, kind and side
    ("“We will win,” Nancy Pelosi said.", ("Nancy Pelosi", "Nancy Pelosi", "named_person", "US")),
    # a known person who only modifies the head: a body, an anonymous source, another person
    ("“We will win,” the Trump campaign said.", ("the Trump campaign", "Trump campaign", "organization", "US")),
    ("“We will win,” a Trump spokesman said.", ("a Trump spokesman", "Trump spokesman", "anonymous", "US")),
    ("“We will win,” Pelosi spokesman Tom Hale said.",
     ("Pelosi spokesman Tom Hale", "Tom Hale", "named_person", "US")),
    # a namesake is not the known person
    ("“We will win,” Melania Trump said.", ("Melania Trump", "Melania Trump", "named_person", None)),
    ("“We will win,” Mrs. Obama said.", ("Mrs. Obama", "Mrs. Obama", "named_person", None)),
    ("“We will win,” Rep. Tom Israel said.", ("Rep. Tom Israel", "Tom Israel", "named_person", None)),
    # a person titled by a body or an outlet is the person, on its side
    ("“We will win,” former FBI Director Tom Hale said.",
     ("former FBI Director Tom Hale", "Tom Hale", "named_person", "US")),
    ("“We will win,” CNN Polling Director Ann Roe said.",
     ("CNN Polling Director Ann Roe", "Ann Roe", "named_person", "US")),
    # a country is no person; nationals are anonymous citizens
    ("Iran said that the talks would resume.", ("Iran", "Iran", "organization", "Iran")),
    ("Many Americans say that prices are too high.", ("Many Americans", "Many Americans", "anonymous", "US")),
    # page furniture is no speaker
    ("Senators balk at a long trial MORE (R-S.C.) said the president must retrench.",
     ("MORE", None, "unattributed", None)),
])
def test_gazetteer_people_bodies_and_namesakes(text, expected):
    assert kinds_of(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    # the cues of US political reporting make a named speaker's side US
    ("Sen. Paula Kent (D-Ore.) spoke first.\n\n“We will win,” Kent said.", ["US"]),
    ("“We will win,” said Tom Hale, a Virginia Republican.", ["US"]),
    ("Texas Gov. Ann Roe toured the site.\n\n“We will rebuild,” Roe said.", ["US"]),
    ("Republican presidential candidate Tom Hale spoke.\n\n“We will win,” Hale said.", ["US"]),
    ("Ann Roe, D-Ohio, spoke.\n\n“We will win,” Roe said.", ["US"]),
    # ... another country's party or a bare title is no such cue
    ("Liberal Democrat leader Ann Roe spoke.\n\n“We will win,” Roe said.", [None]),
    ("Sen. Paula Kent spoke.\n\n“We will win,” Kent said.", [None]),
])
def test_us_political_cues_set_the_affiliation(text, expected):
    assert [k[3] for k in kinds_of(text)] == expected


def test_the_state_party_description_is_the_person_before_it():
    text = ("“The bill is dead,” said Sen. Tom Hale (R-Iowa).\n\n"
            "“We will try again next year,” the Iowa Republican said.")
    assert [k[1:] for k in kinds_of(text)] == [("Tom Hale", "named_person", "US")] * 2


@pytest.mark.parametrize("text, expected", [
    # the subject, not the object, is the antecedent in the pronoun's sentence
    ("Tom Hale hammered Bill Roe for what he called a “costly mistake.”", ["Tom Hale"]),
    # a name that modifies a noun ("the Bill Roe administration's") is no antecedent
    ("Tom Hale attacked the plan. In a statement, he criticized the Bill Roe administration’s decision.\n\n"
     "“This is wrong,” he said.", ["Tom Hale"]),
    # a lone surname after another person's full name is that person, not the known one
    ("“Be kind,” Melania Trump said.\n\n“Be best,” Trump said.", ["Melania Trump", "Melania Trump"]),
])
def test_pronoun_and_surname_antecedents(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # an office holder introduced with a nationality or a country speaks for it
    ("North Korean Vice Foreign Minister Tom Hale arrived.\n\n“We will talk,” Hale said.", ["North Korea"]),
    ("Australia's Federal Environment Minister Ann Roe spoke.\n\n“We will act,” Roe said.", ["Australia"]),
    ("Iran's foreign minister, Ann Roe, spoke.\n\n“We will act,” Roe said.", ["Iran"]),
    ("British Foreign Secretary Ann Roe spoke.\n\n“We will act,” Roe said.", ["UK"]),
    # ... an office with no country, or a person given two sides, sets none
    ("Press Secretary Ann Roe spoke.\n\n“We will act,” Roe said.", [None]),
    ("French Ambassador Ann Roe met Chinese Ambassador Tom Roe.\n\n“We will act,” Roe said.", [None]),
])
def test_a_nationality_and_an_office_set_the_affiliation(text, expected):
    assert [k[3] for k in kinds_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a source tied to a known person is anonymous, on that person's side
    ("“He is angry,” a spokesman for Pelosi said.", ("a spokesman for Pelosi", "spokesman for Pelosi", "anonymous",
                                                     "US")),
    ("A person close to Trump said that he was angry.", ("A person close to Trump", "person close to Trump",
                                                         "anonymous", "US")),
    ("Allies of Trump said that he was angry.", ("Allies of Trump", "Allies of Trump", "anonymous", "US")),
    ("A source close to Tom Hale said that he was angry.",
     ("A source close to Tom Hale", "source close to Tom Hale", "anonymous", None)),
    ("A person familiar with the matter said that he was angry.",
     ("A person familiar with the matter", "person familiar with the matter", "anonymous", None)),
    # ... while a title with "of" or "to" before the name still names the person
    ("“We are ready,” Special envoy to Ukraine Kurt Volker said.",
     ("Special envoy to Ukraine Kurt Volker", "Kurt Volker", "named_person", "US")),
    ("“We are ready,” Secretary of State Antony Blinken said.",
     ("Secretary of State Antony Blinken", "Antony Blinken", "named_person", "US")),
])
def test_a_source_tied_to_a_known_person(text, expected):
    assert kinds_of(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    ("Ann Roe likened the charges to “a bad joke.”", ["Ann Roe"]),
    ("Tom Hale dismissed the attacks as “cheap lies and slander.”", ["Tom Hale"]),
])
def test_a_judging_verb_before_a_quoted_label(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the name that opens the previous sentence goes before an earlier speaker
    ("“We will win,” Tom Hale said.\n\nArkansas Gov. Bill Roe, who leads the panel, spoke next. "
     "“Schools need guards,” he said.", ["Tom Hale", "Bill Roe"]),
    # ... a pronoun opening it keeps the earlier speaker
    ("“We will win,” Tom Hale said.\n\nHe praised Bill Roe. “We are safe,” he said.", ["Tom Hale", "Tom Hale"]),
    # an opening word before a lone known surname: "While Comey ..., he responded"
    ("Tom Hale asked whether she lied. While Comey criticized her, he said that she did not lie.",
     ["James Comey"]),
    # a possessive before a role word is still an antecedent ("Ann Lee's official website")
    ("For Governor Tom Hale's official website, he wrote that “the plan works.”", ["Tom Hale"]),
])
def test_pronoun_prefers_the_subject_that_opens_the_previous_sentence(text, expected):
    assert [c for _, _, c in speakers_of(text) if c is not None] == expected


@pytest.mark.parametrize("text, expected", [
    ("The whistleblower described the care as “deplorable.”", ["whistleblower"]),
    ("The Egyptian presidency expressed its “deep sadness and extreme regret.”", ["Egyptian presidency"]),
    ("Ann Lee characterized the bill as “a disaster.”", ["Ann Lee"]),
])
def test_describing_verbs_and_more_role_nouns(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


def test_a_us_judge_speaks_for_the_us():
    text = "U.S. District Judge Ann Roe ruled on Monday.\n\n“The law is clear,” Roe wrote."
    assert [k[3] for k in kinds_of(text)] == ["US"]


@pytest.mark.parametrize("text, expected", [
    # names with diacritics are whole names
    ("“We will see,” said Raúl Peña.", ["Raúl Peña"]),
    ("“We will see,” said Bartosz Arłukowicz.", ["Bartosz Arłukowicz"]),
    # a date opening the previous sentence is read past to the name
    ("“We will win,” Tom Hale said.\n\nIn March, Bill Roe spoke. “We are safe,” he said.", ["Tom Hale", "Bill Roe"]),
])
def test_names_with_diacritics_and_a_date_before_the_name(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # one person, one side in an article, earlier rows included
    ("“We will act,” Molins said.\n\nFrench prosecutor François Molins spoke later. “It is over,” Molins said.",
     ["France", "France"]),
    # "New Mexico" is no Mexico
    ("“We will act,” the New Mexico governor said.", [None]),
])
def test_one_side_per_person_and_new_mexico(text, expected):
    assert [k[3] for k in kinds_of(text)] == expected


@pytest.mark.parametrize("text, clause, speaker", [
    # an adjunct of time or manner between the verb and "that"
    ("Tom Hale said Thursday that the plant would close.", "the plant would close", "Tom Hale"),
    ("Tom Hale said in a statement that the talks had failed.", "the talks had failed", "Tom Hale"),
    ("Ann Lee acknowledged earlier that the plan was late.", "the plan was late", "Ann Lee"),
    ("Ann Lee said publicly that the plan was late.", "the plan was late", "Ann Lee"),
])
def test_indirect_speech_with_an_adjunct_before_that(text, clause, speaker):
    assert [(q, s) for q, s, _ in speakers_of(text)] == [(clause, speaker)]


def test_an_object_before_that_is_still_no_report():
    # "said the plan that ..." has a noun phrase, not an adjunct, before "that"
    assert speakers_of("Tom Hale said the plan that the board liked was late.") == []


@pytest.mark.parametrize("text, expected", [
    # a body of the gazetteer before the office gives its side to the person, wherever they are quoted
    ("White House Press Secretary Tom Hale spoke first. “We will see,” Hale said.", ["US"]),
    ("FBI Director Ann Lee spoke on Monday. “We will see,” Lee said.", ["US"]),
    # an envoy to a body speaks for a country, not for the body
    ("NATO Ambassador Ann Lee spoke on Monday. “We will see,” Lee said.", [None]),
])
def test_a_body_before_an_office_gives_its_side(text, expected):
    assert [k[3] for k in kinds_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # in an article about US politics a bare congressional or state title places the person
    ("The Republicans met. Sen. Tom Hale spoke first. “We will see,” Hale said.", ["US"]),
    ("Congress met. At the start, former Rep. Ann Lee spoke. “We will see,” Lee said.", ["US"]),
    # ... not when a capitalised word qualifies the title, nor in an article with no US politics
    ("The Republicans met. Australian Senator Tom Hale spoke first. “We will see,” Hale said.", [None]),
    ("The match went on. Sen. Tom Hale spoke first. “We will see,” Hale said.", [None]),
])
def test_a_bare_us_title_in_an_article_about_us_politics(text, expected):
    assert [k[3] for k in kinds_of(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # a byline after a dash ending the paragraph names the speaker of a quote that opens it
    ("Supporters\n\n“The plan worked. Everyone can see it.” — Ann Lee, The Daily Planet", ["Ann Lee"]),
    ("“The plan failed.” — Tom Hale to the Daily Planet", ["Tom Hale"]),
    # ... not after a cue inside the paragraph: the dash then signs the item's writer
    ("“It works,” Tom Hale said. “It is cheap.” — Ann Lee", ["Tom Hale", "Tom Hale"]),
])
def test_a_dash_byline_after_a_quote(text, expected):
    assert [c for _, _, c in speakers_of(text)] == expected


def test_a_party_tag_between_commas_after_the_name():
    found = speakers_of("“We will not shut down,” Committee Chairwoman Ann Lee, D-Md., pledged.")
    assert [(s, c) for _, s, c in found] == [("Committee Chairwoman Ann Lee", "Ann Lee")]


def test_a_described_name_with_an_age_after_a_direct_quote():
    found = speakers_of("“There is so much out there,” video editor Ann Lee, 27, says.")
    assert [c for _, _, c in found] == ["Ann Lee"]


@pytest.mark.parametrize("text, clause, speaker", [
    # an adverb or an auxiliary between the subject and the verb is read past
    ("Tom Hale forcefully argued that the vote be postponed.", "the vote be postponed", "Tom Hale"),
    ("Ann Lee has also said that the plan was late.", "the plan was late", "Ann Lee"),
])
def test_an_adverb_before_the_reporting_verb(text, clause, speaker):
    assert [(q, s) for q, s, _ in speakers_of(text)] == [(clause, speaker)]


@pytest.mark.parametrize("text, speaker", [
    # "that" opening an embedded clause is no part of its subject
    ("The report found that the committee said the plan was “a mess.”", "the committee"),
    # a sentence adverb alone before a comma is no speaker
    ("Additionally, Tom Hale, a senator, falsely reported that the bill had died.", "Tom Hale"),
])
def test_no_complementizer_or_sentence_adverb_in_a_speaker(text, speaker):
    assert speaker in [s for _, s, _ in speakers_of(text)]


@pytest.mark.parametrize("text, clause, speaker", [
    # verbs that often take an object report a clause that opens with a pronoun or "there"
    ("Tom Hale acknowledged there were some problems with the bill.", "there were some problems with the bill",
     "Tom Hale"),
    ("Ann Lee admits she is not good at fundraising.", "she is not good at fundraising", "Ann Lee"),
    ("Tom Hale said everyone ran into a restaurant.", "everyone ran into a restaurant", "Tom Hale"),
])
def test_a_clause_without_that_after_more_verbs(text, clause, speaker):
    assert [(q, s) for q, s, _ in speakers_of(text)] == [(clause, speaker)]


@pytest.mark.parametrize("text", [
    "Ann Lee admitted the mistake on Monday.",  # an object, no clause
    "Tom Hale believes they own the real estate.",  # a thought, not speech
    "Tom Hale said nothing at all about the plan.",  # an object
])
def test_an_object_or_a_thought_is_no_report(text):
    assert speakers_of(text) == []


@pytest.mark.parametrize("text, kind", [
    # a plural group noun opening a sentence is capitalised but no name
    ("Workers said that they feared for their homes.", "anonymous"),
    ("Protesters said that they feared for their homes.", "anonymous"),
])
def test_a_group_opening_a_sentence_is_anonymous(text, kind):
    assert [k[2] for k in kinds_of(text)] == [kind]


def test_a_name_inside_a_dropped_title_is_no_antecedent():
    text = ("Tom Hale spoke on “Good Morning America” on Monday. “I don’t think they do,” he said.")
    assert [c for _, _, c in speakers_of(text)] == ["Tom Hale"]


@pytest.mark.parametrize("text, canonical", [
    # a middle initial is part of the name
    ("“We will fight,” said Sen. Tom E. Hale, the party's leader.", "Tom E. Hale"),
    # an outlet's person is that person
    ("“It is over,” CNN's Ann Lee said on Monday.", "Ann Lee"),
])
def test_initials_and_an_outlets_person(text, canonical):
    assert [c for _, _, c in speakers_of(text)] == [canonical]


@pytest.mark.parametrize("text", [
    "Tom Hale wants to add his measure to the bill.",  # an infinitive of "add": no report
    "I agree we should go now.",  # agreement, not speech
])
def test_no_report_from_an_infinitive_add_or_agree(text):
    assert speakers_of(text) == []


def test_a_byline_paragraph_after_quoted_paragraphs():
    text = ("Critics\n\n“The plan will fail. It is too costly.”\n\n“And nobody wants it.”\n\n"
            "Ann Lee, The Daily Planet\n\n“The plan works.”\n\nTom Hale, Vox")
    assert [c for _, _, c in speakers_of(text)] == ["Ann Lee", "Ann Lee", "Tom Hale"]


def test_a_list_of_names_after_a_quote_is_no_byline():
    text = ("“It works,” Tom Hale said.\n\n“It is cheap, and it is ready.”\n\n"
            "Ann Lee, Bill Roe and Tim Kerr\n\nThe three met on Monday.")
    assert [c for _, _, c in speakers_of(text)] == ["Tom Hale", "Tom Hale"]


@pytest.mark.parametrize("text, speaker", [
    # a determiner, a plain modifier or two and a role noun name an anonymous speaker
    ("“It is bad,” one rescue worker said.", "one rescue worker"),
    ("“It is bad,” the commissioner said.", "the commissioner"),
])
def test_a_modified_role_is_a_speaker(text, speaker):
    assert [s for _, s, _ in speakers_of(text)] == [speaker]


def test_a_determiner_inside_is_no_modified_role():
    # "a point that the president noted": the phrase is a noun with a relative clause, no speaker
    assert "a point that the president" not in [s for _, s, _ in speakers_of(
        "The story was corrected later, a point that the president noted.")]


@pytest.mark.parametrize("text", [
    # "Congress" of another country and European Christian or Social Democrats are no US politics
    "China's National People's Congress met. Gov. Tom Hale spoke first. “We will see,” Hale said.",
    "The Christian Democrats met. Sen. Tom Hale spoke first. “We will see,” Hale said.",
])
def test_other_countries_congress_and_democrats_are_no_us_politics(text):
    assert [k[3] for k in kinds_of(text)] == [None]
