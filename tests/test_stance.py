"""Stance markers: lexicons, inflection, one-pass matching, rates, matched words."""

from __future__ import annotations

import math

import pytest

from toolkit.text import parse_document


def markers(text: str) -> list[tuple[str, str]]:
    from toolkit.stance import find_stance_markers

    table = find_stance_markers([parse_document(text, doc_id="d", outlet="X")])
    return list(zip(table["match"], table["lexicon"], strict=True))


def test_every_lexicon_loads_with_entries():
    from toolkit.stance import LEXICONS, load_stance_lexicons

    lex = load_stance_lexicons()
    assert [x.key for x in LEXICONS] == list(lex)
    sizes = {k: len(set(v.values())) for k, v in lex.items()}
    # entries as in the upstream files (hand-counted with grep), intensifiers ours
    assert sizes["bias"] == 654 and sizes["factives"] == 27 and sizes["report_verbs"] == 181
    assert sizes["hedges"] == 100 and sizes["implicatives"] == 32 and sizes["assertives"] == 66
    assert sizes["intensifiers"] > 40


@pytest.mark.parametrize("text,expected", [
    ("He pointed out the flaw.", ("pointed out", "assertives")),
    ("She revealed the plan.", ("revealed", "factives")),
    ("The minister said so.", ("said", "report_verbs")),
    ("He admitted it.", ("admitted", "report_verbs")),
    ("They denied it.", ("denied", "report_verbs")),
    ("It was deeply worrying.", ("deeply", "intensifiers")),
    ("This couldn’t last.", ("couldn’t", "hedges")),
    ("In my view it will fail.", ("In my view", "hedges")),
])
def test_inflected_and_multiword_forms_are_found(text, expected):
    assert expected in markers(text)


def test_longest_phrase_wins_and_a_shared_form_counts_in_each_lexicon():
    found = markers("Officials pointed out that it was true.")
    assert ("pointed out", "assertives") in found and ("pointed out", "report_verbs") in found
    assert not any(m == "pointed" for m, _ in found)  # not also matched as the shorter "point"


def test_rates_per_thousand_words_are_hand_checkable():
    from toolkit.stance import METRICS, article_metrics, sentence_metrics

    doc = parse_document("It may rain today. The sky is blue and calm.", doc_id="d")
    sent = sentence_metrics([doc])
    assert sent["stance_words"].tolist() == [4, 6]
    assert sent["hedges_hits"].tolist() == [1, 0]
    assert sent["hedges_x1000"].tolist() == [1000, 0]
    spec = next(m for m in METRICS if m.name == "stance_hedges")
    assert sent[spec.column].sum() / sent[spec.weight].sum() == pytest.approx(100.0)
    art = article_metrics([doc]).iloc[0]
    assert art["hedges_per_1000w"] == pytest.approx(100.0)  # 1 hedge in 10 words
    assert "hedges: may" in art["stance_matches"]


def test_no_words_and_non_english_give_nan_not_a_crash():
    from toolkit.stance import article_metrics, find_stance_markers, sentence_metrics

    de = parse_document("Er könnte das behaupten.", doc_id="de", language="und")
    empty = parse_document("", doc_id="e")
    art = article_metrics([de, empty])
    assert math.isnan(art["hedges_per_1000w"].iloc[0]) and math.isnan(art["hedges_per_1000w"].iloc[1])
    assert sentence_metrics([de])["stance_scored"].tolist() == [False]
    assert find_stance_markers([de]).empty


def test_family_columns_do_not_clash_with_the_pipeline_tables():
    from toolkit.stance import sentence_metrics
    from toolkit.text import sentence_table

    doc = parse_document("It may rain.", doc_id="d")
    shared = set(sentence_metrics([doc]).columns) & (set(sentence_table([doc]).columns) | {"words"})
    assert shared == {"doc_id", "sentence_id"}


def test_by_outlet_sums_hits_over_words():
    from toolkit.stance import stance_by_outlet

    docs = [parse_document("It may rain.", doc_id="a", outlet="X"),
            parse_document("It could snow and may freeze.", doc_id="b", outlet="X"),
            parse_document("The sky is blue.", doc_id="c", outlet="Y")]
    out = stance_by_outlet(docs).set_index(["outlet", "lexicon"])
    assert out.loc[("X", "hedges"), "hits"] == 3 and out.loc[("X", "hedges"), "words"] == 9
    assert out.loc[("X", "hedges"), "per_1000w"] == pytest.approx(1000 * 3 / 9)
    assert out.loc[("X", "hedges"), "top_matches"] == "may x2, could"
    assert out.loc[("Y", "hedges"), "hits"] == 0


@pytest.mark.parametrize("text,absent", [
    ("He met the Secretary of State in May.", {"State", "May"}),
    ("Officials in the United States met officials from China.", {"States", "China"}),
])
def test_capitalised_words_inside_a_sentence_are_names_not_markers(text, absent):
    assert not absent & {m for m, _ in markers(text)}


def test_first_word_and_quoted_words_are_still_matched():
    found = {m for m, _ in markers("Perhaps it will rain. He said: “Maybe not.”")}
    assert {"Perhaps", "Maybe", "said"} <= found


# The one-pass matcher (toolkit.lexmatch) must give what the reference matcher gives
# sentence by sentence: _scan reads every token of every sentence.

TRICKY = [
    "In my view it could fail. IN MY VIEW it could. In My View, said the Secretary of State.",
    "He said: “Maybe not.” (Perhaps) 'Probably' — Apparently so. They couldn’t, couldn't and could n't.",
    "The U.S.-led plan, so-called reforms, the well-known far-right group pointed out in general that...",
    "Officials in the United States Pointed Out that China may Claim so. May 5 was chosen.",
    "x_y _ __ said_ claimed. Straße claimed STRASSE. The ﬁnal claim; the ſaid thing.",
    "tend to. Tends\n\nto fail; tended    to win. find out, Found Out, make sense.",
    "A 😀 claimed 𝐀𝐁 said. \u00a0revealed\u2003admitted. ΣΊΣΥΦΟΣ said ΑΣ claimed.",
]


def _reference_rows(doc):
    from toolkit.stance import _scan

    words, rows = [], []
    for sid, (s, e) in enumerate(doc.sentences):
        n, found = _scan(doc.text, s, e)
        words.append(n)
        rows.extend((sid, a, b, key, entry) for a, b, hit in found for key, entry in hit)
    return words, rows


def _fast_rows(doc):
    from toolkit.stance import find_stance_markers, sentence_metrics

    sent = sentence_metrics([doc])
    markers = find_stance_markers([doc])
    return (sent["stance_words"].tolist() if len(sent) else [],
            list(zip(markers["sentence_id"], markers["start"], markers["end"], markers["lexicon"],
                     markers["entry"], strict=True)) if len(markers) else [])


def _random_texts(n, seed=0):
    import random

    from toolkit.stance import _phrase_table

    table, _ = _phrase_table()
    forms = sorted(" ".join(f) for f in table)
    rng = random.Random(seed)
    fillers = ["the", "a", "plan", "U.S.", "Mr.", "in", "to", "my", "view", "out", "Ms", "x_y", "2020"]
    marks = [",", ".", ":", ";", "“", "”", "’", "'", "-", "—", "(", ")", "?", "!", "...", " . ", "\n\n"]
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(5, 60)):
            word = rng.choice(forms) if rng.random() < 0.5 else rng.choice(fillers)
            case = rng.random()
            word = word.upper() if case < 0.1 else word.capitalize() if case < 0.3 else word
            parts.append(word)
            if rng.random() < 0.3:
                parts.append(rng.choice(marks))
        texts.append("".join(p + (" " if rng.random() < 0.85 else "") for p in parts))
    return texts


@pytest.mark.parametrize("text", TRICKY + _random_texts(150))
def test_one_pass_matcher_equals_the_sentence_by_sentence_reference(text):
    doc = parse_document(text, doc_id="d", outlet="X")
    assert _fast_rows(doc) == _reference_rows(doc)


def test_one_pass_matcher_is_used_and_falls_back_where_it_would_not_be_exact():
    from dataclasses import replace

    from toolkit.lexmatch import fold_aligned, sentences_separated

    texts = _random_texts(40, seed=1)
    docs = [parse_document(t, doc_id=str(i)) for i, t in enumerate(texts)]
    assert sum(fold_aligned(d.text) and sentences_separated(d.text, d.sentences) for d in docs) >= 30
    # sentences that touch, overlap or leave words out; a text whose case folding changes its length
    glued = parse_document("It may rain.It could snow. Maybe.", doc_id="g")
    odd = [replace(glued, sentences=[(0, 12), (12, 26)]), replace(glued, sentences=[(0, 20), (5, 26)]),
           replace(glued, sentences=[(13, 26)]), parse_document("Die Straße may flood.", doc_id="s")]
    assert not any(fold_aligned(d.text) and sentences_separated(d.text, d.sentences) for d in odd)
    for doc in docs + odd:
        assert _fast_rows(doc) == _reference_rows(doc)


def test_layout_of_many_texts_equals_the_tokenizer_and_the_one_text_check():
    from dataclasses import replace

    from toolkit.lexmatch import sentences_separated, text_layout
    from toolkit.text import tokenize

    texts = [*TRICKY, *_random_texts(30, seed=2), "", "  ", "One.Two. Three"]
    docs = [parse_document(t) for t in texts]
    glued = docs[-1]
    docs += [replace(glued, sentences=s) for s in ([(0, 4), (4, 8), (9, 14)], [(0, 8)], [(0, 8), (9, 14), (9, 14)],
                                                   [(9, 14), (0, 8)], [(0, 8), (9, 20)], [(-1, 8), (9, 14)], [])]
    separated, counts = text_layout([d.text for d in docs], [d.sentences for d in docs])
    assert separated == [sentences_separated(d.text, d.sentences) for d in docs]
    assert sum(separated) >= len(texts) and not any(separated[len(texts):])
    expected = [[sum(1 for a, _ in tokenize(d.text, s, e) if d.text[a].isalnum() or d.text[a] == "_")
                 for s, e in d.sentences] for d in docs]
    assert [c for c, ok in zip(counts, separated, strict=True) if ok] == [
        c for c, ok in zip(expected, separated, strict=True) if ok]


def test_articles_describe_matches_with_repeated_ids_and_summary_sentences():
    from toolkit.stance import _describe_all, article_metrics, find_stance_markers
    from toolkit.text import counted_rows

    a = parse_document("It may rain. May it snow, it may? Officials revealed it.", doc_id="a",
                       summary_spans=[(0, 12)])
    b = parse_document("Maybe. Perhaps it could.", doc_id="b")
    for docs in ([a, b], [a, b, a]):
        expected = _describe_all(counted_rows(docs, find_stance_markers(docs)))
        got = article_metrics(docs)
        assert got["stance_matches"].tolist() == [expected.get(d.doc_id, "") for d in docs]
    assert article_metrics([a])["stance_matches"].iloc[0] == (
        "hedges: may x2; factives: revealed; report_verbs: revealed; bias: revealed")


@pytest.mark.parametrize(
    ("text", "hedges"),
    [
        ("Officials voiced concerns about the plan.", []),
        ("Troops were sent around the world.", []),
        ("About 40 people came and around a dozen left.", ["About", "around"]),
        ("It cost about $5 million, around half of it wasted.", ["about", "around"]),
        ("They may talk about it.", ["may"]),
    ],
)
def test_about_and_around_hedge_only_before_a_quantity(text, hedges):
    from toolkit.stance import find_stance_markers, sentence_metrics

    doc = parse_document(text, doc_id="d")
    markers = find_stance_markers([doc])
    assert markers.loc[markers["lexicon"] == "hedges", "match"].tolist() == hedges
    assert sentence_metrics([doc])["hedges_hits"].sum() == len(hedges)
