"""Attribution: quotes, speakers, source kinds, verbs, metrics, validation, command line."""

from __future__ import annotations

import json
import time

import pytest

from toolkit.attribution import (
    METRICS,
    QUOTE_COLUMNS,
    article_metrics,
    extract_quotes,
    load_quote_verbs,
    load_seed_gold,
    sentence_metrics,
    validate_attribution,
)
from toolkit.attribution.commands import format_validation
from toolkit.attribution.lexicon import parse_quote_verbs
from toolkit.attribution.validate import _named_person, match_spans
from toolkit.errors import InputError
from toolkit.text import parse_document


def quotes_of(text: str):
    return extract_quotes([parse_document(text, doc_id="d", outlet="O")])


def only(text: str) -> dict:
    table = quotes_of(text)
    assert len(table) == 1, table[["kind", "quote", "speaker"]].to_string()
    return table.iloc[0].to_dict()


# ------------------------------------------------------------------ kinds and cues

@pytest.mark.parametrize("text, kind, quote, speaker", [
    ("“We are ready to act,” the official told reporters.", "direct", "We are ready to act",
     "the official"),
    ("Wang Yi said: “Relations are stable.”", "direct", "Relations are stable.", "Wang Yi"),
    ("“Talks were useful.” A US State Department spokesman told reporters.", "direct",
     "Talks were useful.", "A US State Department spokesman"),
    ("“This is wrong,” said Mao Ning.", "direct", "This is wrong", "Mao Ning"),
    ("Blinken is expected to convey Washington’s “deep concerns” in Beijing.", "partial",
     "deep concerns", "Washington"),
    ("China denounced the rules, calling the move a “mistake on top of a mistake.”", "partial",
     "mistake on top of a mistake.", "China"),
    ("Kurt Campbell warned that sanctions would follow.", "indirect",
     "sanctions would follow", "Kurt Campbell"),
    ("According to the State Department, the visit starts on Wednesday.", "indirect",
     "the visit starts on Wednesday", "the State Department"),
    ("The visit will be difficult, a senior US official said.", "indirect",
     "The visit will be difficult", "a senior US official"),
])
def test_kind_quote_and_speaker(text, kind, quote, speaker):
    row = only(text)
    assert (row["kind"], row["quote"], row["speaker"]) == (kind, quote, speaker)
    assert text[row["start"]:row["end"]] == quote


@pytest.mark.parametrize("text, quote", [
    ("“Curly double,” he said.", "Curly double"),
    ('"Straight double," he said.', "Straight double"),
    ("‘Curly single,’ he said.", "Curly single"),
    ("«Guillemets,» he said.", "Guillemets"),
    ('“Curly opened, straight closed," he said.', "Curly opened, straight closed"),
])
def test_every_quote_style(text, quote):
    assert only("Wang Yi spoke.\n\n" + text)["quote"] == quote


def test_apostrophes_are_not_quotes():
    table = quotes_of("‘We’ve said it’s over,’ she said. It’s Blinken’s trip.")
    assert list(table["quote"]) == ["We’ve said it’s over"]


def test_nested_quotes_stay_inside_the_outer_quote():
    text = '“He told me ‘no’ and “never” twice,” Wang Yi said.'
    row = only(text)
    assert row["quote"].startswith("He told me ‘no’") and row["speaker"] == "Wang Yi"


def test_unbalanced_quote_recovers_at_the_paragraph_boundary():
    text = ("“We will act. We will not wait.\n\n"
            "Blinken met Wang Yi on Friday.\n\n"
            "“Fine,” Wang Yi said.")
    table = quotes_of(text)
    assert list(table["quote"]) == ["We will act. We will not wait.", "Fine"]
    assert "\n" not in table["quote"].iloc[0]


def test_trailing_cue_is_cut_from_an_unclosed_quote():
    text = "“We are committed to peace in Europe. The speaker said.\n\nNext paragraph."
    row = only(text)
    assert row["quote"] == "We are committed to peace in Europe."
    assert row["speaker"] == "The speaker"


# ------------------------------------------------------------------ speakers within an article

def test_continuation_pronoun_and_canonical_speaker():
    text = ("US Secretary of State Antony Blinken arrived on Monday.\n\n"
            "“We see risks,” Blinken said.\n\n"
            "“We will say so in Beijing.”\n\n"
            "“China must choose,” he added.")
    table = quotes_of(text)
    assert list(table["speaker"]) == ["Blinken", "Blinken", "he"]
    assert set(table["speaker_canonical"]) == {"Antony Blinken"}
    assert set(table["affiliation"]) == {"US"}


def test_the_official_is_the_earlier_senior_official():
    text = ("Blinken will warn China, a senior US State Department official said.\n\n"
            "“We are prepared to act,” the official told reporters.")
    table = quotes_of(text)
    assert list(table["kind"]) == ["indirect", "direct"]
    assert table["speaker_canonical"].nunique() == 1
    assert set(table["source_kind"]) == {"anonymous"} and set(table["affiliation"]) == {"US"}


def test_she_skips_a_male_speaker():
    text = ("“Rates will rise,” Janet Yellen said. “No,” Wang Yi said.\n\n"
            "“We disagree,” she said.")
    assert quotes_of(text)["speaker_canonical"].iloc[-1] == "Janet Yellen"


@pytest.mark.parametrize("text, source_kind, affiliation", [
    ("“Stop it,” Mao Ning said.", "named_person", "China"),
    ("“Stop it,” the State Department said.", "organization", "US"),
    ("“Stop it,” the Financial Times reported.", "media", "UK"),
    ("“Stop it,” Chinese officials said.", "anonymous", "China"),
    ("“Stop it,” Jane Doe said.", "named_person", None),
    ("“Stop it,” the crowd chanted.", "unattributed", None),
])
def test_source_kind_and_affiliation(text, source_kind, affiliation):
    row = only(text)
    assert row["source_kind"] == source_kind
    assert (row["affiliation"] if isinstance(row["affiliation"], str) else None) == affiliation


@pytest.mark.parametrize("verb, lemma, verb_class", [
    ("said", "say", "neutral"), ("pointed out", "point out", "endorsing"),
    ("claimed", "claim", "distancing"), ("warned", "warn", "alarm"), ("denied", "deny", "denial"),
])
def test_reporting_verb_lemma_and_class(verb, lemma, verb_class):
    row = only(f"Wang Yi {verb} that the talks had failed.")
    assert (row["verb"], row["verb_class"]) == (lemma, verb_class)


# ------------------------------------------------------------------ bad and pathological input

@pytest.mark.parametrize("text", [
    "", "No quotes at all in this text.", "“ “ “ “", "“Only opening marks “and more “here",
    "”Only closing marks” here”", '"“"“"”"', "« » ‘ ’ “ ” \" \"",
])
def test_odd_inputs_give_a_valid_table(text):
    table = quotes_of(text)
    assert list(table.columns) == [*QUOTE_COLUMNS, "counted"]
    for row in table.itertuples():
        assert text[row.start:row.end] == row.quote


def _pathological(n: int) -> list[str]:
    return ['“,' * n, '",' * n, "“" * n, ",“a”" * (n // 2), ("“x, " * n)]


def test_pathological_inputs_run_in_linear_time():
    small, large = 5_000, 50_000  # up to 200,000 characters of quote marks and commas
    for a, b in zip(_pathological(small), _pathological(large), strict=True):
        t0 = time.perf_counter()
        quotes_of(a)
        t1 = time.perf_counter()
        table = quotes_of(b)
        t2 = time.perf_counter()
        assert list(table.columns) == [*QUOTE_COLUMNS, "counted"]
        # ten times the input: allow for noise, but not quadratic growth (100x)
        assert t2 - t1 < 30 * (t1 - t0) + 0.5, (b[:8], t1 - t0, t2 - t1)
        assert t2 - t1 < 5.0


def test_one_megabyte_paragraph_of_quotes_and_commas():
    text = '“,”, "", ‘,’ «,» ,' * 60_000
    assert len(text.encode()) > 1_000_000
    t0 = time.perf_counter()
    table = quotes_of(text)
    assert time.perf_counter() - t0 < 5.0
    assert list(table.columns) == [*QUOTE_COLUMNS, "counted"]


# ------------------------------------------------------------------ metrics

def test_sentence_and_article_metrics():
    docs = [parse_document("Talks began. “We disagree strongly,” Mao Ning said.\n\n"
                           "A US official claimed that talks failed.", doc_id="a", outlet="X")]
    sent = sentence_metrics(docs)
    assert list(sent["sentence_id"]) == [0, 1, 2]
    assert list(sent["quoted_words"]) == [0, 3, 0]
    assert list(sent["n_direct"]) == [0, 1, 0] and list(sent["n_indirect"]) == [0, 0, 1]
    for spec in METRICS:
        assert spec.column in sent and spec.weight in sent
    art = article_metrics(docs).iloc[0]
    assert art["n_attributions"] == 2 and art["anonymous_rate"] == 0.5
    assert art["voice_china"] == 0.5 and art["voice_us"] == 0.5
    assert art["verb_distancing_share"] == 0.5
    assert art["quoted_word_share"] == pytest.approx(3 / sent["words"].sum())


def test_article_without_quotes_has_nan_shares():
    art = article_metrics([parse_document("Nothing is quoted here.", doc_id="z")]).iloc[0]
    assert art["n_attributions"] == 0 and art["anonymous_rate"] != art["anonymous_rate"]


# ------------------------------------------------------------------ lexicon and gold

def test_quote_verb_lexicon_loads_and_rejects_bad_rows():
    verbs = load_quote_verbs()
    assert verbs.lemma("according to") == "according to" and verbs.verb_class("alleged") == "distancing"
    with pytest.raises(InputError, match="quote_verbs.tsv:2"):
        parse_quote_verbs("lemma\tforms\tclass\nsay\tsaid\tsneaky\n")
    with pytest.raises(InputError, match="listed under"):
        parse_quote_verbs("lemma\tforms\tclass\nsay\tsaid\tneutral\ntell\tsaid\tneutral\n")


def test_seed_gold_offsets_point_at_the_cleaned_text():
    from toolkit.corpus import load_corpus

    texts = dict(zip(*[load_corpus("blinken-china-2024")[c] for c in ("doc_id", "text")],
                     strict=True))
    gold = load_seed_gold()
    assert len(gold) >= 30
    for g in gold:
        assert texts[g["doc_id"]][g["start"]:g["end"]] == g["quote"]


def test_seed_gold_precision_recall_and_speakers():
    report = validate_attribution()
    direct = report["seed"]["by_kind"]["direct"]["exact"]
    assert direct["precision"] >= 0.95 and direct["recall"] >= 0.95
    assert report["seed"]["speaker"]["accuracy"] >= 0.90
    assert report["seed"]["by_kind"]["all"]["overlap"]["recall"] >= 0.85


def test_match_spans_counts_exact_and_overlap():
    texts = {"d": "one two three four five six seven eight nine ten"}
    r = match_spans(texts, [("d", 0, 13), ("d", 40, 48)], [("d", 0, 13), ("d", 4, 18)])
    assert r["exact"]["recall"] == 0.5 and r["overlap"]["recall"] == 0.5
    assert r["overlap"]["precision"] == 1.0 and r["best"][1] is None


@pytest.mark.parametrize("label, named", [
    ("Donald_Trump", True), ("Trump", True), ("other_anti", False), ("House_Democrats", False),
    ("NAACP", False), ("Obama_campaign", False),
])
def test_basil_named_person_labels(label, named):
    assert _named_person(label) is named


def test_validation_reads_a_basil_shaped_folder(tmp_path):
    article = {"source": "nyt", "body-paragraphs": [
        ["Mr. Steele spoke on Friday.", "“The war is lost,” Mr. Steele said."],
        ["Critics disagreed."]]}
    ann = {"phrase-level-annotations": [
        {"quote": "yes", "speaker": "Michael_Steele", "start": 1, "end": 17,
         "txt": "The war is lost,"},
        {"quote": "no", "speaker": "", "start": 0, "end": 7, "txt": "Critics"}]}
    (tmp_path / "basil" / "articles" / "2010").mkdir(parents=True)
    (tmp_path / "basil" / "annotations" / "2010").mkdir(parents=True)
    (tmp_path / "basil" / "articles" / "2010" / "x_1.json").write_text(json.dumps(article))
    (tmp_path / "basil" / "annotations" / "2010" / "x_1_ann.json").write_text(json.dumps(ann))
    (tmp_path / "basil" / "articles" / "2016").mkdir(parents=True)
    (tmp_path / "basil" / "annotations" / "2016").mkdir(parents=True)
    article["body-paragraphs"][0][1] = "“The war is lost,” Mr. Cole said."
    (tmp_path / "basil" / "articles" / "2016" / "y_1.json").write_text(json.dumps(article))
    (tmp_path / "basil" / "annotations" / "2016" / "y_1_ann.json").write_text(json.dumps(ann))
    basil = validate_attribution(tmp_path)["basil"]
    assert basil["n_gold"] == 2 and basil["recall_overlap"] == 1.0 and basil["recall_exact"] == 1.0
    assert basil["named_speaker"]["accuracy"] == 0.5
    dev, held_out = basil["split"]["dev"], basil["split"]["held_out"]
    assert (dev["n_articles"], dev["n_gold"], held_out["n_articles"], held_out["n_gold"]) == (1, 1, 1, 1)
    assert dev["named_speaker"]["accuracy"] == 1.0 and held_out["named_speaker"]["accuracy"] == 0.0
    assert "held out (2015-2016)" in format_validation(validate_attribution(tmp_path))


# ------------------------------------------------------------------ command line

def test_quotes_command_writes_and_refuses_to_overwrite(tmp_path, capsys):
    import pandas as pd

    from toolkit.cli import main

    out = tmp_path / "q.csv"
    assert main(["quotes", "blinken-china-2024", "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert list(table.columns) == [*QUOTE_COLUMNS, "counted"] and len(table) > 20
    assert main(["quotes", "blinken-china-2024", "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["quotes", "blinken-china-2024"]) == 0
    assert "Antony Blinken" in capsys.readouterr().out


def test_quotes_and_targets_commands_take_a_users_gazetteer(tmp_path, capsys):
    import json

    import pandas as pd

    from toolkit.cli import main

    extra = tmp_path / "mine.yaml"
    extra.write_text("entities:\n  - {id: mao-ning, name: Mao Ning, type: person, affiliation: PRC, "
                     "aliases: [Mao Ning]}\n", encoding="utf-8")
    out = tmp_path / "q.csv"
    assert main(["quotes", "blinken-china-2024", "--gazetteer", str(extra), "-o", str(out)]) == 0
    table = pd.read_csv(out)
    assert set(table.loc[table["speaker_canonical"] == "Mao Ning", "affiliation"]) == {"PRC"}
    prov = json.loads((tmp_path / "q.csv.provenance.json").read_text(encoding="utf-8"))
    assert prov["gazetteer"].endswith("+mine.yaml") and list(prov["gazetteer_files"]) == [str(extra)]
    targets = tmp_path / "t.csv"
    assert main(["targets", "blinken-china-2024", "--gazetteer", str(extra), "-o", str(targets)]) == 0
    # a broken file: one line naming it, exit 2, nothing written
    broken = tmp_path / "broken.yaml"
    broken.write_text("entities: [x", encoding="utf-8")
    assert main(["quotes", "blinken-china-2024", "--gazetteer", str(broken), "-o", str(tmp_path / "b.csv")]) == 2
    assert str(broken) in capsys.readouterr().err and not (tmp_path / "b.csv").exists()


def test_quotes_in_a_key_points_block_are_marked_not_counted():
    text = "“Talks were frank,” Blinken said.\n\nBody. “Talks were frank,” Blinken said."
    doc = parse_document(text, doc_id="d", outlet="O", summary_spans=[(0, text.index("\n"))])
    table = extract_quotes([doc])
    assert table[["quote", "counted"]].values.tolist() == [
        ["Talks were frank", False], ["Talks were frank", True]]
    assert all(text[s:e] == q for s, e, q in zip(table["start"], table["end"], table["quote"], strict=True))
    assert list(extract_quotes([parse_document(text, doc_id="d")])["counted"]) == [True, True]


# ------------------------------------------------------------------ fast paths give the slow paths' answers

@pytest.mark.parametrize("text", [
    "said the official", "He said, she says; they told", "unsaid resaid said_x x_said 3said said3",
    "“said” (said) —said– -said", "He pointed\nout that it was, according  to them, over",
    "Said Sayed SAID", "", "é said ésaid saidé",
])
def test_verb_scan_finds_what_the_word_bounded_pattern_finds(text):
    from toolkit.attribution.cues import _spec, _verb_hits

    spec = _spec()
    slow = [(m.start(), m.end(), " ".join(m.group("verb").split()))
            for m in spec.verb_any.finditer(text)]
    assert _verb_hits(spec, text) == slow


# ------------------------------------------------------------------ speaker rules (hand-written fixtures)

@pytest.mark.parametrize("text, quote, speaker", [
    # "X continued." after the closing mark ("continued to" stays no cue)
    ("“We will win the next vote,” Jane Roe continued.", "We will win the next vote", "Jane Roe"),
    # apposition between subject and verb
    ("Mary Stone, a spokeswoman for the county board, wrote that the plan was “a disaster for "
     "taxpayers.”", "a disaster for taxpayers.", "Mary Stone"),
    # coordinated predicate: the subject of the first clause
    ("Tom Hale stood up, turned to the crowd and said, “We are not finished here.”",
     "We are not finished here.", "Tom Hale"),
    # the cue verb nearest the mark, not an earlier "report"
    ("After Sam Ford finished his report, Tom Hale stood up and said, “We are not finished.”",
     "We are not finished.", "Tom Hale"),
    # a verb right before the mark, without a comma
    ("Lee Park posted a note, writing “I quit this job today, and I am glad.”",
     "I quit this job today, and I am glad.", "Lee Park"),
])
def test_speaker_cues(text, quote, speaker):
    rows = quotes_of(text)
    row = rows[rows["quote"] == quote].iloc[0]
    assert row["speaker_canonical"] == speaker


@pytest.mark.parametrize("text, canonical", [
    # an auxiliary between the pronoun and the verb
    ("Mr. Hale spoke on Monday. He had said earlier that the budget was “simply too small.”",
     "Hale"),
    # an agency is no antecedent of "he"
    ("Mr. Ray spoke about the National Security Agency program on Friday.\n\n"
     "“It must end now,” he said.", "Ray"),
    # a participle's subject may be a pronoun, resolved like any other
    ("Mr. Hale met the mayor on Monday.\n\nHe nodded at the crowd, saying, “We are ready to go.”",
     "Hale"),
    # "went on to say": the subject of the governing clause
    ("Ms. Lind spoke first. She went on to say that the fund was “far too small for us.”",
     "Lind"),
    # common given names and surnames are no place words
    ("Bill Hall met reporters on Monday.\n\n“We will win this fight,” he said.", "Bill Hall"),
    # a lone surname refers back to the article's full name
    ("Paula Kent, a city clerk, resigned on Monday. Her deputy, Mrs. Marsh, took over. "
     "Kent later apologized.\n\n“I was wrong about all of it,” she said.", "Kent"),
])
def test_pronoun_antecedents(text, canonical):
    assert quotes_of(text)["speaker_canonical"].iloc[-1] == canonical


def test_continuation_skips_a_possessive_cue():
    text = ("“We will win,” said Bob Cole in an interview, mocking WXYZ’s “daily panic.” "
            "“Nobody can stop us now.”")
    table = quotes_of(text)
    assert list(table["speaker_canonical"]) == ["Bob Cole", "WXYZ", "Bob Cole"]
    # a show's title after an outlet's possessive is no quote at all
    text = ("“We will win,” said Bob Cole in an interview on WXYZ’s “Morning Hour” program. "
            "“Nobody can stop us now.”")
    table = quotes_of(text)
    assert list(table["speaker_canonical"]) == ["Bob Cole", "Bob Cole"]


@pytest.mark.parametrize("text, canonical", [
    ("Sen. Ann Lee of Ohio spoke on Monday.\n\n“We will not back down,” the senator said.",
     "Ann Lee"),
    # "Vice President" is no antecedent of "the president"
    ("Vice President Tom Hale and President Rita Moss met.\n\n“We agree on all of it,” the "
     "president said.", "Rita Moss"),
    ("Gov. Sam Ford, a Democrat, vetoed the bill.\n\n“It was a bad bill,” the former governor "
     "told reporters.", "Sam Ford"),
    # a title inside an earlier quote introduces nobody
    ("“Ask Mayor Joe Bell,” a voter said.\n\n“No comment on it,” the mayor said.", "mayor"),
])
def test_definite_title_refers_to_the_titled_person(text, canonical):
    assert quotes_of(text)["speaker_canonical"].iloc[-1] == canonical


@pytest.mark.parametrize("text", [
    "Sen. John W. Smith-Jones met O'Neil and Mary-Ann O’Brien's aide.",
    "A. B. Cc Dd Ee Ff Gg. Hh Ii’s Jj-Kk.", "Mr. Ab.  Cd\nEf J. k Lm", "Xx- Yy' Zz’ Aa-Bb-Cc",
    "Mitch McConnell met LaHood’s aide and DeVos-McKay. AbCdEf GhIj",
])
def test_name_pattern_matches_the_backtracking_pattern(text):
    import re

    from toolkit.attribution.words import _NAME

    slow = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)?\.?(?:[^\S\n]+(?:[A-Z]\.[^\S\n]+)?"
                      r"[A-Z][a-z]+(?:[A-Z][a-z]+)?(?:[-'’][A-Z]?[a-z]+)?){0,3}")
    assert [m.span() for m in _NAME.finditer(text)] == [m.span() for m in slow.finditer(text)]
