"""Framing: schemes, cue scoring with offsets, evidence, classifier, validation, profile, plot.

Every expectation below was worked out by hand from the generic scheme's cue
lists (toolkit/data/frames/generic.yaml); none needs ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import math

import numpy as np
import pytest

from toolkit.errors import InputError
from toolkit.framing import (
    METRICS,
    FrameClassifier,
    article_metrics,
    emphasis_frames,
    find_cues,
    frame_cues,
    frame_evidence,
    frame_shares_by_outlet,
    load_scheme,
    measure,
    parse_scheme,
    plot_frames,
    sentence_metrics,
    top_frame_sentences,
)
from toolkit.framing.classifier import best_f1_threshold
from toolkit.framing.validate import cmd_validate, load_narrative_frames, validate_framing
from toolkit.text import parse_document

CONFLICT = "Rivals clash over the plan. Critics attack the deal."
ECONOMY = "The costs rise. Investors lose billions."
PLAIN = "It rained on Tuesday. The sky was grey."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Critics say the carbon tax will cost jobs.",
         [("Critics", "conflict"), ("carbon tax", "resolution"), ("cost", "economic"), ("jobs", "economic")]),
        ("A WARNING about warfare.", []),                       # whole words only: not "war"
        ("An anti-war march.", [("war", "conflict")]),          # hyphen separates words
        ("It will cost $5 billion.", [("cost", "economic"), ("$", "economic"), ("billion", "economic")]),
        ("They must  take   action now.", [("must", "resolution"), ("take   action", "resolution")]),
        ("Negotiations and criticism.", [("criticism", "conflict")]),   # "negotiat*" is not a cue
        ("God help the families.", [("God", "morality"), ("families", "human_interest")]),
        ("", []),
    ],
)
def test_find_cues_words_and_frames(text, expected):
    hits = find_cues(text)
    assert [(h.word, h.frame) for h in hits] == expected
    assert all(text[h.start:h.end] == h.word for h in hits)


def test_frame_cues_offsets_point_into_text_and_title():
    doc = parse_document(CONFLICT + "\n\n" + ECONOMY, doc_id="d", outlet="X", title="War on costs")
    cues = frame_cues([doc])
    for row in cues.itertuples():
        source = doc.title if row.sentence_id == -1 else doc.text
        assert source[row.start:row.end] == row.word
    assert cues[cues["sentence_id"] == -1][["word", "frame"]].values.tolist() == [
        ["War", "conflict"], ["costs", "economic"]]
    assert set(cues["position"]) == {"headline", "lede", "body"}


def test_sentence_metrics_hand_counts():
    doc = parse_document(CONFLICT + " " + PLAIN, doc_id="d")
    sent = sentence_metrics([doc])
    # "Rivals clash over the plan." -> conflict 2, resolution 1 ("plan")
    assert sent.loc[0, ["cues_conflict", "cues_resolution", "n_cues"]].tolist() == [2, 1, 3]
    # "Critics attack the deal." -> conflict 2
    assert sent.loc[1, ["cues_conflict", "frame_conflict", "frame_economic"]].tolist() == [2, 1, 0]
    assert sent["no_frame"].tolist() == [0, 0, 1, 1]
    for spec in METRICS:
        assert spec.column in sent.columns and spec.family == "framing"


def test_article_without_cues_says_no_frame():
    doc = parse_document(PLAIN, doc_id="plain")
    art = article_metrics([doc])
    assert art.loc[0, "no_frame"] == 1 and art.loc[0, "n_cues"] == 0
    assert math.isnan(art.loc[0, "share_conflict"])
    assert art.loc[0, "sentences_conflict"] == 0.0
    ev = frame_evidence(doc)
    assert ev[["frame", "label"]].values.tolist() == [["none", "no frame found"]]
    assert emphasis_frames([doc]).loc[0, "article_frame"] == "none"


def test_article_shares_sum_to_one():
    doc = parse_document(CONFLICT + " " + ECONOMY, doc_id="d")
    art = article_metrics([doc])
    # conflict 4, resolution 1 ("plan"), economic 3 ("costs", "investors", "billions")
    assert art.loc[0, "n_cues"] == 8
    assert art.loc[0, "share_conflict"] == pytest.approx(4 / 8)
    assert art.loc[0, "share_economic"] == pytest.approx(3 / 8)
    assert art.filter(like="share_").sum(axis=1).iloc[0] == pytest.approx(1.0)


def test_emphasis_headline_lede_body_separately():
    text = "Costs rise. Prices too. " + "Rivals clash. Critics attack. Foes fight. Opponents protest."
    doc = parse_document(text, doc_id="d", outlet="X", title="Families grieve")
    row = emphasis_frames([doc]).iloc[0]
    assert (row.headline_frame, row.lede_frame, row.body_frame) == ("human_interest", "economic", "conflict")


def test_frame_evidence_lists_frames_sentences_and_words():
    doc = parse_document("It rained. Rivals clash over costs and rivals sue. Critics attack.", doc_id="d")
    ev = frame_evidence(doc)
    assert ev["frame"].tolist() == ["conflict", "conflict", "economic"]
    assert ev.loc[0, "words"] == "Rivals, clash, rivals, sue" and ev.loc[0, "sentence_id"] == 1
    assert ev.loc[1, "sentence"] == "Critics attack."
    assert ev.loc[0, "frame_cues"] == 6 and ev.loc[0, "frame_share"] == pytest.approx(6 / 7)
    start, end = ev.loc[2, "spans"][0]
    assert doc.text[start:end] == "costs"


def test_top_frame_sentences_rank_by_cue_count():
    docs = [parse_document("Rivals clash. Critics attack and rivals sue.", doc_id="a", outlet="X"),
            parse_document("Costs rise.", doc_id="b", outlet="Y")]
    top = top_frame_sentences(docs, n=2)
    x = top[(top["outlet"] == "X") & (top["frame"] == "conflict")]
    assert x["sentence_id"].tolist() == [1, 0] and x["n_cues"].tolist() == [4, 2]
    assert top[top["outlet"] == "Y"]["frame"].tolist() == ["economic"]


def test_non_english_documents_are_not_scored():
    doc = parse_document("Rivals clash over costs.", doc_id="d", language="und")
    sent = sentence_metrics([doc])
    assert sent["scored"].tolist() == [0] and sent["n_cues"].tolist() == [0]


def test_measure_returns_family_tables():
    m = measure([parse_document(CONFLICT, doc_id="d")])
    assert len(m.sentences) == 2 and len(m.articles) == 1
    assert set(m.tables) == {"frame_cues", "emphasis_frames", "frame_marks"}
    marks = m.tables["frame_marks"]
    assert list(marks.columns) == ["doc_id", "start", "end", "kind", "label"] and set(marks["kind"]) == {"frame"}


# -- schemes --------------------------------------------------------------

def test_shipped_schemes_load():
    generic = load_scheme("generic")
    assert [f.code for f in generic.frames] == ["RE", "HI", "CO", "MO", "EC"]
    mfc = load_scheme("mfc")
    assert len(mfc.frames) == 15 and mfc.frames[-1].residual and mfc.frames[-1].name == "other"
    assert all(f.cues for f in mfc.frames if not f.residual)


def test_mfc_residual_frame_is_evoked_when_nothing_else_is():
    doc = parse_document("The court ruled. It rained.", doc_id="d")
    sent = sentence_metrics([doc], scheme="mfc")
    assert sent["frame_legality"].tolist() == [1, 0]
    assert sent["frame_other"].tolist() == [0, 1]


def test_user_scheme_from_file(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("name: mine\nframes:\n  weather:\n    cues: [rain*, grey]\n", encoding="utf-8")
    doc = parse_document(PLAIN, doc_id="d")
    assert frame_cues([doc], scheme=path)["word"].tolist() == ["rained", "grey"]


@pytest.mark.parametrize(
    ("yaml_text", "message", "line"),
    [
        ("name: x\nframes:\n  a:\n    cues: []\n", "frame 'a' has no cues", 3),
        ("name: x\nframes:\n  a:\n    cues: [war, peace, war]\n", "duplicated cue 'war' (twice in this frame)", 4),
        ("name: x\nframes:\n  a:\n    cues: [war]\n  b:\n    cues: [war]\n", "also in frame 'a'", 6),
        ("name: x\nframes: [a, b]\n", "no 'frames' mapping", 2),
        ("name: x\nframes:\n  a:\n    cues: [war\n", "malformed YAML", None),
        ("!!python/object:os.system {}\n", "not safe YAML", 1),
        ("name: x\nframes:\n  a:\n    cues: ['two  *stars']\n", "bad cue", None),
        ("- just\n- a list\n", "must be a mapping", 1),
    ],
)
def test_bad_schemes_are_refused_with_file_and_line(yaml_text, message, line):
    with pytest.raises(InputError) as err:
        parse_scheme(yaml_text, source="mine.yaml")
    text = str(err.value)
    assert message in text and text.startswith("mine.yaml")
    assert "\n" not in text
    if line is not None:
        assert text.startswith(f"mine.yaml:{line}:")


def test_unknown_scheme_name():
    with pytest.raises(InputError, match="no frame scheme"):
        load_scheme("no-such-scheme")


# -- classifier -------------------------------------------------------------

def _toy():
    conflict = ["Rivals clash in court.", "Critics attack the mayor.", "Opponents fight the rule.",
                "Foes accuse each other.", "Rivals protest and critics attack.", "Partisan clash again."]
    economy = ["Costs rise for firms.", "Prices and taxes soar.", "Investors lose money.",
               "The budget costs billions.", "Jobs and wages fall.", "Markets and prices drop."]
    texts = conflict + economy
    y = np.array([[1, 0]] * 6 + [[0, 1]] * 6)
    return texts, y


def test_classifier_fit_predict_proba_and_json_round_trip():
    texts, y = _toy()
    clf = FrameClassifier(min_df=1, threshold_folds=3).fit(texts, y)
    proba = clf.predict_proba(texts)
    assert proba.shape == (12, 2) and ((proba >= 0) & (proba <= 1)).all()
    assert (clf.predict(texts) == y).all()
    data = json.loads(json.dumps(clf.to_dict()))
    again = FrameClassifier.from_dict(data)
    assert np.allclose(again.predict_proba(texts), proba)
    assert again.labels_ == clf.labels_ == ["label_0", "label_1"]
    import pandas as pd

    named = FrameClassifier(min_df=1, threshold_folds=3).fit(texts, pd.DataFrame(y, columns=["CO", "EC"]))
    assert named.labels_ == ["CO", "EC"]


def test_classifier_works_with_cross_validate():
    from sklearn.model_selection import KFold, cross_validate

    texts, y = _toy()
    res = cross_validate(FrameClassifier(min_df=1, threshold_folds=2), texts, y,
                         cv=KFold(3, shuffle=True, random_state=0), scoring="f1_macro")
    assert len(res["test_score"]) == 3 and (res["test_score"] > 0.5).all()


def test_classifier_one_class_label_and_bad_input():
    texts, y = _toy()
    y3 = np.column_stack([y, np.zeros(len(texts), dtype=int)])
    clf = FrameClassifier(min_df=1, threshold_folds=2).fit(texts, y3)
    assert clf.predict(texts)[:, 2].sum() == 0
    with pytest.raises(InputError, match="12 articles but y has 3 rows"):
        FrameClassifier().fit(texts, y[:3])
    with pytest.raises(InputError, match="0/1"):
        FrameClassifier().fit(texts, y * 2)
    with pytest.raises(InputError, match="not a saved FrameClassifier"):
        FrameClassifier.from_dict({"format": "pickle"})
    data = clf.to_dict()
    data["coef"] = data["coef"][:1]
    with pytest.raises(InputError, match="shape"):
        FrameClassifier.from_dict(data)


@pytest.mark.parametrize(
    ("scores", "labels", "expected"),
    [
        ([0.1, 0.4, 0.35, 0.8], [0, 1, 0, 1], 0.4),
        ([0.9, 0.8, 0.7], [1, 1, 1], 0.7),          # all positive: take them all
        ([0.2, 0.2, 0.9], [1, 0, 1], 0.2),          # a tie is taken whole
        ([0.3, 0.6], [0, 0], 1.6),                  # no positive: above every score
    ],
)
def test_best_f1_threshold(scores, labels, expected):
    assert best_f1_threshold(np.array(scores), np.array(labels)) == pytest.approx(expected)


# -- validation -------------------------------------------------------------

def _write_nfc(folder, n=30):
    rows = ["ID\tsource\tmbfc\tdate\ttext\tRE\tHI\tCO\tMO\tEC"]
    for i in range(n):
        conflict = i % 2 == 0
        text = (f"Story {i}. Rivals clash and critics attack the senator {i}." if conflict
                else f"Story {i}. Costs rise and investors lose money {i}.")
        ec = "False)" if i == 3 else ("False" if conflict else "True")
        rows.append(f"{i}\tsrc\tx\t2019\t{text}\tFalse\tFalse\t{conflict}\tFalse\t{ec}")
    rows.append(f"{n}\tsrc\tx\t2019\tNo labels here.\t\t\t\t\t")
    path = folder / "narrative-frames" / "articles_metadata.tsv"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_load_narrative_frames_repairs_and_drops(tmp_path):
    _write_nfc(tmp_path)
    articles, notes = load_narrative_frames(tmp_path)
    assert notes == {"rows": 31, "dropped": 1, "repaired": 1}
    assert len(articles) == 30 and articles.loc[3, "EC"] == 0 and articles.loc[1, "EC"] == 1


def test_load_narrative_frames_bad_label_names_line(tmp_path):
    path = _write_nfc(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("\tFalse\tFalse\t", "\tmaybe\tFalse\t", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"articles_metadata.tsv:3: column RE: label 'maybe'"):
        load_narrative_frames(tmp_path)


def test_validate_framing_separates_easy_frames():
    texts = [f"Rivals clash and critics attack ({i})." for i in range(10)] + \
            [f"Costs rise and jobs go ({i})." for i in range(10)]
    Y = np.array([[1, 0]] * 10 + [[0, 1]] * 10)
    res = validate_framing(texts, Y, labels=["conflict", "economic"],
                           classifier=FrameClassifier(min_df=1, threshold_folds=2))
    assert res["macro_f1"]["all_positive"] == pytest.approx(2 / 3)
    assert res["macro_f1"]["lexicon"] == 1.0 and res["macro_f1"]["classifier"] == 1.0
    assert len(res["fold_macro_f1"]["classifier"]) == 5


def test_cmd_validate_prints_and_writes_json(tmp_path, capsys):
    _write_nfc(tmp_path)
    out = tmp_path / "framing.json"
    assert cmd_validate(argparse.Namespace(data=str(tmp_path), json=str(out))) == 0
    printed = capsys.readouterr().out
    assert "macro-F1" in printed and "30 articles (1 row(s) without labels dropped" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["macro_f1"]) == {"all_positive", "lexicon", "classifier"}
    assert data["macro_f1"]["all_positive"] == pytest.approx(
        (2 * 15 / (30 + 15) + 2 * 14 / (30 + 14)) / 5)  # CO: 15 positives; EC: 14 (row 3 "False)")
    assert len(data["data_sha256"]) == 64


# -- profile and plot ---------------------------------------------------------

def test_frame_shares_by_outlet_hand_computed_and_seeded():
    docs = [parse_document(CONFLICT + " " + PLAIN, doc_id="a", outlet="X"),
            parse_document(ECONOMY, doc_id="b", outlet="Y")]
    prof = frame_shares_by_outlet(docs, n_boot=300, seed=1)
    x = prof[(prof["outlet"] == "X") & (prof["frame"] == "conflict")].iloc[0]
    assert x["share"] == pytest.approx(2 / 4) and x["n_sentences"] == 4
    assert x["ci_low"] <= x["share"] <= x["ci_high"]
    y = prof[(prof["outlet"] == "Y") & (prof["frame"] == "economic")].iloc[0]
    assert y["share"] == 1.0 and y["ci_low"] == 1.0
    assert prof.equals(frame_shares_by_outlet(docs, n_boot=300, seed=1))
    with pytest.raises(InputError):
        frame_shares_by_outlet(docs, n_boot=0)


def test_plot_frames_draws_one_bar_per_outlet_and_frame():
    import matplotlib

    matplotlib.use("Agg")
    docs = [parse_document(CONFLICT, doc_id="a", outlet="X"), parse_document(ECONOMY, doc_id="b", outlet="Y")]
    prof = frame_shares_by_outlet(docs, n_boot=50)
    ax = plot_frames(prof)
    bars = [p for p in ax.patches if p.get_height() > 0]
    assert len(bars) == 2 * 5
    assert {str(p.get_hatch() or "") for p in ax.patches} == {"", "//"}
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Responsibility / resolution"


def test_frames_command_prints_profile_and_writes_cues(tmp_path, capsys):
    from toolkit.cli import main

    assert main(["frames", "blinken-china-2024"]) == 0
    out = capsys.readouterr().out
    assert "Economic consequences" in out and "Top triggering sentences" in out
    target = tmp_path / "cues.csv"
    assert main(["frames", "blinken-china-2024", "-o", str(target)]) == 0
    import pandas as pd

    cues = pd.read_csv(target)
    assert {"doc_id", "frame", "word", "start", "end"} <= set(cues.columns)


# The one-pass matcher (toolkit.lexmatch) must give what the reference matcher _hits gives
# sentence by sentence.

TRICKY = [
    "Critics say the CARBON TAX will cost $5 billion.  They must  take   action. Carbon\n\ntax.",
    "Negotiations, négociations and Straße costs; ﬁnancial losses. A 😀 crisis.\u00a0War, anti-war, warfare.",
    "Solutions solved nothing: solution-focused. The Trade War and trade wars. Daily lives, daily life.",
]


def _random_texts(n, scheme, seed=0):
    import random

    words = sorted({c.rstrip("*") for f in load_scheme(scheme).frames for c in f.cues})
    fillers = ["the", "a", "plan", "U.S.", "Mr.", "it", "x_y", "2020", "tax", "carbon", "trade", "daily"]
    marks = [",", ".", ":", "“", "”", "’", "-", "—", "(", ")", "?", "$", "\n\n", "s", "ing"]
    rng = random.Random(seed)
    texts = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(5, 50)):
            word = rng.choice(words) if rng.random() < 0.5 else rng.choice(fillers)
            case = rng.random()
            parts.append(word.upper() if case < 0.1 else word.capitalize() if case < 0.3 else word)
            if rng.random() < 0.3:
                parts.append(rng.choice(marks))
        texts.append("".join(p + (" " if rng.random() < 0.8 else "") for p in parts))
    return texts


def _reference_cues(doc, scheme):
    from toolkit.framing.matching import _hits, _matcher

    m = _matcher(load_scheme(scheme))
    rows = [(-1, h.start, h.end, h.frame, h.cue, h.word) for h in _hits(doc.title, m)]
    for sid, (s, e) in enumerate(doc.sentences):
        rows.extend((sid, h.start, h.end, h.frame, h.cue, h.word) for h in _hits(doc.text, m, s, e))
    return rows


@pytest.mark.parametrize("scheme", ["generic", "mfc"])
def test_one_pass_matcher_equals_the_sentence_by_sentence_reference(scheme):
    from dataclasses import replace

    from toolkit.framing.matching import _hits, _matcher

    texts = TRICKY + _random_texts(80, scheme)
    docs = [parse_document(t, doc_id=str(i), title=texts[-i - 1][:60]) for i, t in enumerate(texts)]
    glued = parse_document("Rivals clash.Costs rise. Critics attack.", doc_id="g")
    docs += [replace(glued, doc_id="g1", sentences=[(0, 13), (13, 24)]),
             replace(glued, doc_id="g2", sentences=[(0, 20), (5, 40)])]
    cues = frame_cues(docs, scheme=scheme)
    for doc in docs:
        got = cues[cues["doc_id"] == doc.doc_id]
        assert list(zip(got["sentence_id"], got["start"], got["end"], got["frame"], got["cue"], got["word"],
                        strict=True)) == _reference_cues(doc, scheme)
        assert find_cues(doc.text, scheme=scheme) == _hits(doc.text, _matcher(load_scheme(scheme)))


def test_emphasis_frames_table_and_repeated_document_ids_are_refused():
    from dataclasses import replace

    from toolkit.errors import InputError

    docs = [parse_document(t, doc_id=str(i), title="A family mourns") for i, t in enumerate(
        [CONFLICT, ECONOMY, PLAIN, "Costs rise.\n\nRivals clash. Critics attack."])]
    docs[3] = replace(docs[3], counted=[False, True, True])
    once = measure(docs)
    assert emphasis_frames(docs).equals(once.tables["emphasis_frames"])
    assert once.tables["emphasis_frames"]["lede_frame"].tolist() == ["conflict", "economic", "none", "conflict"]
    assert set(once.tables["emphasis_frames"]["headline_frame"]) == {"human_interest"}
    assert once.articles["n_sentences"].tolist() == [2, 2, 2, 2]
    # "1" twice: refused like the other families and the corpus loader do
    with pytest.raises(InputError, match="share doc_id '1'"):
        measure([*docs, replace(docs[0], doc_id="1")])
