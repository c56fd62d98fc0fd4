"""Targeted sentiment: features, estimator, shipped model, targets table, per-outlet means, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.text import parse_document

# A toy training set: the target's sentiment is carried by the words next to it.
TOY = [
    ("Critics slammed Beijing over the crackdown.", 16, 23, "negative"),
    ("Protesters condemned Moscow for the attack.", 21, 27, "negative"),
    ("Voters praised Washington for the deal.", 15, 25, "positive"),
    ("Leaders hailed Paris after the summit.", 15, 20, "positive"),
    ("Officials met Berlin on Tuesday.", 14, 20, "neutral"),
    ("Reporters visited London on Monday.", 18, 24, "neutral"),
] * 3


def toy_frame() -> pd.DataFrame:
    df = pd.DataFrame(TOY, columns=["sentence", "start", "end", "label"])
    df["sentence_key"] = range(len(df))
    return df


def test_toy_offsets_point_at_the_targets():
    assert [s[a:b] for s, a, b, _ in TOY[:6]] == ["Beijing", "Moscow", "Washington", "Paris",
                                                  "Berlin", "London"]


def test_mention_is_masked_and_window_weights_fall_with_distance():
    from toolkit.targeted import mention_features

    f = mention_features("Critics harshly slammed Beijing over its new policy.", 24, 31, window=3)
    assert not any("beijing" in k for k in f)
    assert f["w:slammed"] == 1.0
    assert f["w:harshly"] == pytest.approx(1 - 1 / 3)
    assert f["w:critics"] == pytest.approx(1 - 2 / 3)
    assert "w:policy" not in f  # distance 4 > window 3
    assert f["s:policy"] == 1.0
    assert f["l1:slammed"] == 1.0 and f["r1:over"] == 1.0


def test_clause_stops_at_but():
    from toolkit.targeted import mention_features

    text = "Critics attacked Moscow, but Beijing was welcomed."
    start = text.index("Beijing")
    f = mention_features(text, start, start + 7)
    assert "c:welcomed" in f and "c:attacked" not in f


@pytest.mark.parametrize("start,end", [(5, 3), (-1, 2), (0, 99)])
def test_bad_offsets_are_input_errors(start, end):
    from toolkit.targeted import mention_features

    with pytest.raises(InputError):
        mention_features("China spoke.", start, end)


def test_estimator_fits_predicts_and_works_in_a_pipeline():
    from sklearn.base import clone
    from sklearn.pipeline import Pipeline

    from toolkit.targeted import TargetedSentimentClassifier

    df = toy_frame()
    pipe = Pipeline([("clf", TargetedSentimentClassifier(C=10.0, min_df=1))])
    pipe.fit(df[["sentence", "start", "end"]], df["label"])
    test = [("Critics slammed Tokyo over the crackdown.", 16, 21),
            ("Voters praised Madrid for the deal.", 15, 21)]
    assert pipe.predict(test).tolist() == ["negative", "positive"]
    proba = pipe.predict_proba(test)
    assert proba.shape == (2, 3) and np.allclose(proba.sum(axis=1), 1)
    cloned = clone(pipe.named_steps["clf"])
    assert cloned.get_params()["C"] == 10.0 and not hasattr(cloned, "coef_")


def test_unknown_label_is_an_input_error():
    from toolkit.targeted import TargetedSentimentClassifier

    with pytest.raises(InputError, match="unknown label"):
        TargetedSentimentClassifier(min_df=1).fit([t[:3] for t in TOY[:2]], ["negative", "angry"])


def test_json_round_trip_gives_the_same_predictions():
    from toolkit.targeted import TargetedSentimentClassifier

    model = TargetedSentimentClassifier(C=1.0, min_df=1).fit(toy_frame(), toy_frame()["label"])
    data = json.loads(json.dumps(model.to_dict()))
    again = TargetedSentimentClassifier.from_dict(data)
    X = [(s, a, b) for s, a, b, _ in TOY[:6]]
    assert np.allclose(model.predict_proba(X), again.predict_proba(X), atol=1e-5)


@pytest.mark.parametrize("data", [{}, {"format": "other"}, {"format": "toolkit-targeted-sentiment/1"},
                                  {"format": "toolkit-targeted-sentiment/1", "params": {},
                                   "classes": ["a"], "vocabulary": ["x", "y"], "coef": [[1.0]],
                                   "intercept": [0.0]}])
def test_malformed_model_is_an_input_error(data):
    from toolkit.targeted import TargetedSentimentClassifier

    with pytest.raises(InputError):
        TargetedSentimentClassifier.from_dict(data)


def test_shipped_model_is_json_and_reads_obvious_cases():
    from toolkit.resources import data_path
    from toolkit.targeted import load_targeted_model

    raw = data_path("models/targeted_sentiment.json").read_bytes()
    assert raw.lstrip().startswith(b"{")  # JSON, not a pickle
    model = load_targeted_model()
    X = [("Critics accused China of brutal repression and lies.", 25, 30),
         ("The president praised Mexico as a great and trusted friend.", 23, 29)]
    assert model.predict(X).tolist() == ["negative", "positive"]
    score, label = model.score_mentions(X)
    assert score[0] < 0 < score[1]


def test_load_newsmtsc_names_the_bad_line(tmp_path: Path):
    from toolkit.targeted import load_newsmtsc

    good = {"sentence_normalized": "Critics slammed Beijing.",
            "targets": [{"from": 16, "to": 23, "polarity": 2.0}]}
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.jsonl:2"):
        load_newsmtsc(path)
    bad = dict(good, targets=[{"from": 16, "to": 99, "polarity": 2.0}])
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.jsonl:1"):
        load_newsmtsc(path)


# --------------------------------------------------------------------------- targets table


def test_overlapping_alias_gives_one_mention_of_the_longer_target():
    from toolkit.targeted import extract_targets

    doc = parse_document("US Secretary of State Antony Blinken met Wang Yi in Beijing.",
                         doc_id="d", outlet="X")
    table = extract_targets([doc])
    assert table["target_id"].tolist() == ["antony-blinken", "wang-yi", "china"]
    assert table["mention"].iloc[0] == "US Secretary of State Antony Blinken"
    row = table.iloc[2]
    assert doc.text[row["start"]:row["end"]] == "Beijing"
    assert table["label"].isin(["negative", "neutral", "positive"]).all()
    assert np.allclose(table[["p_negative", "p_neutral", "p_positive"]].sum(axis=1), 1)


@pytest.mark.parametrize("text", ["", "   ", "The weather was mild and nobody was named."])
def test_no_target_gives_an_empty_table_with_columns(text):
    from toolkit.targeted import extract_targets

    table = extract_targets([parse_document(text, doc_id="d", outlet="X")])
    assert table.empty and {"doc_id", "target_id", "score", "label"} <= set(table.columns)


def test_non_english_mentions_are_listed_not_scored():
    from toolkit.targeted import extract_targets

    doc = parse_document("China und Russland verhandeln weiter.", doc_id="de", outlet="X",
                         language="und")
    table = extract_targets([doc])
    assert table["target_id"].tolist() == ["china"]
    assert not table["scored"].iloc[0] and np.isnan(table["score"].iloc[0])
    assert table["label"].iloc[0] is None


def test_user_targets_from_yaml(tmp_path: Path):
    from toolkit.gazetteer import load_gazetteer
    from toolkit.targeted import extract_targets

    path = tmp_path / "mine.yaml"
    path.write_text("entities:\n  - id: acme\n    name: Acme Corp\n    type: organization\n"
                    "    aliases: [Acme, Acme Corp]\n", encoding="utf-8")
    doc = parse_document("Regulators fined Acme Corp heavily.", doc_id="d", outlet="X")
    table = extract_targets([doc], gazetteer=load_gazetteer(extra=path))
    assert table["target_id"].tolist() == ["acme"] and table["mention"].tolist() == ["Acme Corp"]


def test_malformed_user_yaml_is_one_line_input_error(tmp_path: Path):
    from toolkit.gazetteer import load_gazetteer

    path = tmp_path / "bad.yaml"
    path.write_text("entities:\n  - id: acme\n    aliases: [Acme\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_gazetteer(extra=path)
    assert "bad.yaml" in str(err.value) and "\n" not in str(err.value)


# --------------------------------------------------------------------------- per outlet


def targets_fixture() -> pd.DataFrame:
    return pd.DataFrame({
        "outlet": ["A", "A", "A", "A", "B"],
        "doc_id": ["a1", "a1", "a2", "a2", "b1"],
        "target_id": ["china", "china", "china", "us", "china"],
        "target": ["China", "China", "China", "United States", "China"],
        "score": [-0.6, -0.2, 0.2, 0.5, np.nan],
        "label": ["negative", "negative", "positive", "positive", None],
    })


def test_by_outlet_means_counts_and_intervals():
    from toolkit.targeted import target_sentiment_by_outlet

    out = target_sentiment_by_outlet(targets_fixture(), n_resamples=500, seed=0)
    # B's only mention is unscored: no row for B
    assert out[["outlet", "target_id", "n_mentions"]].values.tolist() == [["A", "china", 3],
                                                                          ["A", "us", 1]]
    china = out.iloc[0]
    assert china["mean_score"] == pytest.approx(-0.2)
    assert china["low"] <= -0.2 <= china["high"]
    assert china["share_negative"] == pytest.approx(2 / 3)
    assert np.isnan(out.iloc[1]["low"])  # one mention: no interval
    again = target_sentiment_by_outlet(targets_fixture(), n_resamples=500, seed=0)
    pd.testing.assert_frame_equal(out, again)


def test_by_outlet_needs_its_columns():
    from toolkit.targeted import target_sentiment_by_outlet

    with pytest.raises(InputError, match="score"):
        target_sentiment_by_outlet(targets_fixture().drop(columns="score"))


# --------------------------------------------------------------------------- validation and CLI


def write_newsmtsc(folder: Path) -> Path:
    root = folder / "newsmtsc"
    root.mkdir(parents=True)
    records = []
    for sentence, start, end, label in TOY:
        polarity = {"negative": 2, "neutral": 4, "positive": 6}[label]
        records.append({"sentence_normalized": sentence,
                        "targets": [{"from": start, "to": end, "polarity": float(polarity)}]})
    for split in ("train", "devtest_rw", "devtest_mt"):
        (root / f"{split}.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n",
                                             encoding="utf-8")
    return folder


def test_validate_sentiment_baselines_are_computed():
    from toolkit.targeted import validate_sentiment

    df = toy_frame()
    df.loc[df["label"] == "positive", "label"] = "negative"  # 2/3 negative, 1/3 neutral
    result = validate_sentiment(df, {"toy": df})
    majority = result[result["method"].str.startswith("majority class of train")].iloc[0]
    assert majority["method"].endswith("(negative)")
    assert majority["accuracy"] == pytest.approx(2 / 3)
    # F1 of "negative" = 2 * (2/3 * 1) / (2/3 + 1) = 0.8; other classes 0; macro over 3 labels
    assert majority["macro_f1"] == pytest.approx(0.8 / 3)


def test_cli_validate_train_and_targets(tmp_path: Path, capsys):
    from toolkit.cli import main

    data = write_newsmtsc(tmp_path / "data")
    out_json = tmp_path / "val.json"
    assert main(["validate", "sentiment", "--data", str(data), "--json", str(out_json)]) == 0
    printed = capsys.readouterr().out
    assert "VADER sentence compound" in printed and "targeted model" in printed
    results = json.loads(out_json.read_text(encoding="utf-8"))["results"]
    assert {r["split"] for r in results} == {"devtest_rw", "devtest_mt"}

    model_path = tmp_path / "model.json"
    assert main(["train", "targeted-sentiment", "--data", str(data), "-o", str(model_path)]) == 0
    from toolkit.targeted import load_targeted_model

    trained = load_targeted_model(model_path)
    assert trained.predict([("Critics slammed Rome over the crackdown.", 16, 20)]).tolist() == [
        "negative"]
    assert main(["train", "targeted-sentiment", "--data", str(data), "-o", str(model_path)]) == 2

    corpus = tmp_path / "c.csv"
    pd.DataFrame({"doc_id": ["d1"], "outlet": ["X"],
                  "text": ["Critics slammed Beijing for the crackdown on the press in the city. "
                           "Moscow stayed silent on the matter and it was not at the talks."]}
                 ).to_csv(corpus, index=False)
    table_path = tmp_path / "targets.csv"
    assert main(["targets", str(corpus), "-o", str(table_path)]) == 0
    table = pd.read_csv(table_path)
    assert table["target_id"].tolist() == ["china", "russia"]
    assert main(["targets", str(corpus), "-o", str(table_path)]) == 2  # exists, no --force
    capsys.readouterr()
    assert main(["targets", str(corpus)]) == 0
    assert "mean sentiment toward each target" in capsys.readouterr().out


def test_missing_data_is_a_clear_error(tmp_path: Path, capsys):
    from toolkit.cli import main

    assert main(["validate", "sentiment", "--data", str(tmp_path)]) == 2
    assert "newsmtsc" in capsys.readouterr().err.lower()


def test_targets_table_explains_score_and_label(tmp_path, capsys):
    from toolkit.cli import main

    assert main(["targets", "blinken-china-2024"]) == 0
    out = capsys.readouterr().out
    table, legend = out.split("\nscore = ", 1)
    assert "label" in table.splitlines()[0]
    assert legend.startswith("P(positive) - P(negative)") and "highest probability" in legend.splitlines()[0]
