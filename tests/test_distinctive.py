"""Log-odds with an informative Dirichlet prior, checked against hand calculation."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from toolkit.distinctive import distinctive_terms, log_odds_dirichlet, term_table
from toolkit.errors import InputError
from toolkit.text import parse_document


def col(table: pd.DataFrame, name: str) -> dict[str, float]:
    """One column of a log-odds table, keyed by term."""
    return {str(t): float(v) for t, v in zip(table["term"], table[name], strict=True)}


def test_log_odds_matches_the_formula() -> None:
    """Monroe et al. (2008) eq. 16 and 18, computed by hand for one term."""
    a = {"regime": 6, "said": 4}
    b = {"government": 5, "said": 5}
    table = log_odds_dirichlet(a, b, prior={"regime": 1, "government": 1, "said": 8},
                               alpha0=10, prior_smoothing=0.0).set_index("term")
    alpha = 1.0  # 10 * 1 / 10
    na, nb, a0 = 10, 10, 10
    delta = (math.log((6 + alpha) / (na + a0 - 6 - alpha))
             - math.log((0 + alpha) / (nb + a0 - 0 - alpha)))
    se = math.sqrt(1 / (6 + alpha) + 1 / (0 + alpha))
    assert table.loc["regime", "log_odds"] == pytest.approx(delta)
    assert table.loc["regime", "se"] == pytest.approx(se)
    assert table.loc["regime", "z"] == pytest.approx(delta / se)
    assert table.loc["regime", "alpha"] == pytest.approx(alpha)
    assert table.index[0] == "regime" and table.index[-1] == "government"


def test_identical_groups_have_zero_log_odds() -> None:
    counts = {"talks": 3, "beijing": 2}
    table = log_odds_dirichlet(counts, counts)
    assert table["z"].abs().max() == pytest.approx(0.0)


def test_prior_shrinks_rare_terms() -> None:
    """A term seen once is less distinctive than one seen ten times at the same ratio."""
    a = {"rare": 1, "common": 10, "filler": 100}
    b = {"filler": 100}
    z = col(log_odds_dirichlet(a, b), "z")
    assert z["common"] > z["rare"] > 0
    weak = col(log_odds_dirichlet(a, b, alpha0=1.0), "log_odds")
    strong = col(log_odds_dirichlet(a, b, alpha0=10_000.0), "log_odds")
    assert abs(strong["rare"]) < abs(weak["rare"])


def test_background_prior_with_unseen_terms() -> None:
    z = col(log_odds_dirichlet({"x": 3}, {"y": 3}, prior={"z": 50}), "z")
    assert set(z) == {"x", "y"}
    assert z["x"] > 0 and z["x"] == pytest.approx(-z["y"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"alpha0": 0.0}, "alpha0"), ({"prior_smoothing": -1.0}, "prior_smoothing")],
)
def test_log_odds_bad_parameters(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InputError, match=message):
        log_odds_dirichlet({"a": 1}, {"b": 1}, **kwargs)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(InputError, match="non-negative"):
        log_odds_dirichlet({"a": -1}, {"b": 1})


VERBS = pd.DataFrame({
    "outlet": ["RT"] * 8 + ["NBC"] * 8,
    "verb": ["claimed"] * 5 + ["said"] * 3 + ["said"] * 7 + ["told"],
})


def test_distinctive_terms_on_a_categorical_feature() -> None:
    table = distinctive_terms(VERBS, feature_col="verb")
    assert list(table.columns) == ["outlet", "term", "count", "count_rest", "log_odds", "se", "z",
                                   "rank"]
    top = table[table["rank"] == 1].set_index("outlet")
    assert top.loc["RT", "term"] == "claimed" and top.loc["RT", "count"] == 5
    assert top.loc["NBC", "term"] == "said" and top.loc["NBC", "count_rest"] == 3
    # two groups: each term's z for one outlet is minus its z for the other
    said = table[table["term"] == "said"].set_index("outlet")["z"]
    assert said["RT"] == pytest.approx(-said["NBC"])


def test_distinctive_terms_count_column_and_min_count() -> None:
    tidy = pd.DataFrame({"side": ["a", "a", "b"], "kind": ["official", "expert", "official"],
                         "n": [4, 1, 4]})
    table = distinctive_terms(tidy, group_col="side", feature_col="kind", count_col="n",
                              min_count=2)
    assert table[["side", "term", "count"]].values.tolist() == [["a", "official", 4],
                                                               ["b", "official", 4]]


def test_distinctive_terms_from_parsed_documents() -> None:
    a = parse_document("The regime’s forces advanced. The regime said so.", doc_id="a", outlet="A")
    b = parse_document("The government’s forces advanced. The government said so.", doc_id="b",
                       outlet="B")
    assert term_table([a])["term"].tolist() == ["regime", "forces", "advanced", "regime", "said"]
    table = distinctive_terms([a, b])
    top = table[table["rank"] == 1].set_index("outlet")["term"].to_dict()
    assert top == {"A": "regime", "B": "government"}


def test_identical_articles_have_nothing_distinctive() -> None:
    text = "Blinken warned China about its support for Russia."
    docs = [parse_document(text, doc_id="a", outlet="A"),
            parse_document(text, doc_id="b", outlet="B")]
    assert distinctive_terms(docs)["z"].abs().max() == pytest.approx(0.0)


def test_article_with_no_words_gives_no_evidence() -> None:
    """Against an empty outlet the pooled prior is the other outlet itself: z is 0."""
    docs = [parse_document("Blinken warned China.", doc_id="a", outlet="A"),
            parse_document("", doc_id="b", outlet="B")]
    table = distinctive_terms(docs)
    assert table["term"].tolist() == ["blinken", "china", "warned"]
    assert set(table["outlet"]) == {"A"}
    assert table["z"].abs().max() == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("data", "kwargs", "message"),
    [
        (VERBS[VERBS["outlet"] == "RT"], {"feature_col": "verb"}, "at least two"),
        (VERBS, {"feature_col": "missing"}, "missing"),
        (VERBS, {"feature_col": "verb", "prior": "uniform"}, "prior"),
        (VERBS, {"feature_col": "verb", "min_count": 0}, "min_count"),
        ([parse_document("One outlet only.", doc_id="a", outlet="A")], {}, "at least two"),
    ],
)
def test_distinctive_terms_bad_input(data: object, kwargs: dict[str, object],
                                     message: str) -> None:
    with pytest.raises(InputError, match=message):
        distinctive_terms(data, **kwargs)  # type: ignore[arg-type]
