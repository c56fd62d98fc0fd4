"""Fast TextBlob and VADER scores against the reference packages: same numbers, sentence by sentence."""

from __future__ import annotations

import random

import numpy as np
import pytest

from toolkit import fastsentiment as fs
from toolkit.fastsentiment import _common, parity, pattern, vader
from toolkit.fastsentiment import batch as batch_module

TOLERANCE = 1e-9

#: Sentences chosen to exercise each rule of the two scorers (and their quirks).
TRICKY = [
    # negation
    "It is not good.", "This isn't bad at all.", "Not bad at all", "It was never good.",
    "no good deed", "No, it is good.", "There is no problem or crisis.", "not a good plan",
    "It is really not good.", "He doesn't like it.", "They cannot win.", "He did not fail.",
    "without doubt the best", "Without a doubt, good.", "never so good", "never this bad",
    "It is the least bad option.", "at least it works", "very least good",
    # intensifiers, dampeners and caps
    "very good", "extremely bad", "VERY GOOD", "The talks were VERY productive.",
    "It was SO BAD.", "ALL CAPS SENTENCE IS GREAT", "kind of good", "sort of bad",
    "It is kinda nice.", "It was only kind of good.", "just enough support", "slightly better",
    "the most terrible, horrible day", "incredibly nice", "an utterly awful decision",
    # punctuation emphasis
    "Great!!!", "Great!", "Bad!!!!!!", "Is it good?", "Is it good??", "Why so bad????",
    "What?!", "Good... really.", "Wait -- what?!",
    # contrast and idioms
    "The plan was good, but the execution was bad.", "But it is fine.", "Good but good but good",
    "It is bad but bad.", "the shit", "This is the bomb.", "kiss of death", "a bad ass move",
    "yeah right", "It cut the mustard.", "beating heart", "the bus stop",
    # emoticons and sarcasm
    "Nice :)", "Sad :(", "I love it :-) :D", "8) items", "Great (!)", "wow ( ! ) nice",
    ":'( terrible", "<3 you", "xD lol", "o.O what", "Washington: Democrats said",
    # empty, punctuation, unicode, numbers, hyphens
    "", " ", "\t\n", "...", "!!!", "?", "-", "“”", "'", "\"quoted\" good",
    "Ünïcödé naïve café is good", "Ça va très bien.", "北京 good", "emoji 😁 and 💋 too",
    "It rose 3.5% to $1,200 in 2024.", "1 2 3", "well-known, high-profile, long-term",
    "anti-war protest", "U.S. officials", "Mr. Blinken said it was good.", "e.g. good",
    "He said: \"Good.\"\n\nShe said: 'Bad.'", "line one\r\n\r\nline two is great",
    "END-OF-SENTENCE good", "don't can't won't I'm we're they've she'd", "It's China's best",
    "tabs\tand\u00a0non-breaking\u2009spaces are fine", "zero\u200bwidth good",
    # the batch path: modifiers and negations left pending, places where the emoticon regexes
    # might glue tokens but do not, the batch's separator character inside a text
    "It was really announced as a good plan.", "much better than expected", "very", "It was not.",
    "a good plan, not", "Not announced, good.", "really, good", "never\n\nbad", "It happened two years ago.",
    "Mr. Obama said it was good.", "Photos: Photos: good", "good -- but bad", "good\x00 bad", "\x00",
    "Great! Not bad at all.", "good :) bad", "o.O good", "so good", "very much very good indeed",
    "Asked why, he said: no; it was bad? (good) e.g. fine, Mr. Xy. ok. NO, it is GOOD.", "It was 8) fine",
    "no, good. not. good; never: bad) but, fine?",
]


@pytest.mark.parametrize("sentence", TRICKY)
def test_tricky_sentences_match_the_reference(sentence):
    report = fs.parity_report([sentence], tolerance=TOLERANCE)
    assert report["parity"], report
    assert max(report["max_abs_diff"].values()) <= TOLERANCE


def test_tricky_sentences_as_one_batch_match_the_reference():
    # one batch: the sentences share one split (joined with a separator) and neighbour each other
    report = fs.parity_report(TRICKY + TRICKY[::-1], tolerance=TOLERANCE)
    assert report["parity"], report


def test_arrow_splits_on_pythons_whitespace():
    # the batch path splits with Arrow: every code point must split (or not) as in str.split()
    import pyarrow as pa
    import pyarrow.compute as pc

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    texts = [f"a{ch}b" for ch in chars]
    pieces = pc.utf8_split_whitespace(pa.array(texts, type=pa.large_string())).to_pylist()
    assert [[p for p in split if p] for split in pieces] == [t.split() for t in texts]


def test_batch_splits_like_str_split():
    texts = ["", " ", "\t\n", " a ", "  a  b  ", "a\u00a0b\u2003c", "x\u200by", "\ud800 lone surrogate good"]
    batch = batch_module._Batch(texts, batch_module._vocabulary())
    assert [batch.words(k) for k in range(len(texts))] == [t.split() for t in texts]


def test_bundled_corpus_matches_the_reference(blinken):
    from toolkit import parse_corpus

    sentences = [s for doc in parse_corpus(blinken) for s in doc.sentence_texts()]
    assert len(sentences) > 40
    report = fs.parity_report(sentences)
    assert report["n_sentences"] == len(sentences)
    assert report["parity"], report
    # raw article texts too: many sentences, paragraph breaks, quotes
    report = fs.parity_report(list(blinken["text"]))
    assert report["parity"], report


def _random_sentences(n: int, seed: int) -> list[str]:
    """Sentences assembled from pieces that trigger the rules, in random order and spacing."""
    pieces = [
        "good", "bad", "great", "terrible", "not", "no", "never", "isn't", "don't", "very",
        "extremely", "really", "kind", "of", "sort", "but", "BUT", "GOOD", "Bad", "least", "at",
        "so", "this", "without", "doubt", "the", "bomb", "shit", "or", "nor", "a", "is", "it",
        "!", "?", "!!", "(", ")", ":", "-", ".", "...", ",", "'", '"', "“", "”", "’s", "n't",
        ":)", ":(", ":-)", ":D", "8", "x", "D", "o", "O", "_", "(!)", "<3", ";)", "😁", "💋",
        "U.S.", "Mr.", "e.g.", "3.5", "-", "\n\n", "well-known", "happily", "terribly", "love",
        "hate", "nice", "awful", "maybe", "hardly", "barely", "slightly", "most", "more",
    ]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randint(0, 14)
        glue = [rng.choice(["", " ", " ", " ", "  "]) for _ in range(k)]
        out.append("".join(rng.choice(pieces) + g for g in glue))
    return out


def test_random_sentences_match_the_reference():
    sentences = _random_sentences(1500, seed=8)
    report = fs.parity_report(sentences)
    assert report["n_sentences"] == 1500
    assert report["parity"], report


@pytest.mark.parametrize(
    ("sentence", "polarity", "subjectivity"),
    [
        ("good", 0.7, 0.6),  # en-sentiment.xml: mean of the senses of "good"
        ("not good", -0.35, 0.6),  # negation: -0.5 times the word
        ("very good", 0.91, 0.78),  # "very" (intensity 1.3) multiplies the next word
        ("good!", 0.875, 0.6),  # "!" raises the last score by a quarter
        ("Nice :)", 0.55, 1.0),  # emoticon ":)" scores 0.5 (subjectivity 1) beside "nice" 0.6
        ("The talks took place on Tuesday.", 0.0, 0.0),  # no lexicon word
    ],
)
def test_textblob_hand_checked(sentence, polarity, subjectivity):
    got = fs.textblob_scores([sentence])[0]
    assert got == pytest.approx([polarity, subjectivity], abs=1e-12)


def test_vader_hand_checked():
    # "good" has valence 1.9 in vader_lexicon.txt; compound = 1.9 / sqrt(1.9**2 + 15)
    compound, pos, neu, neg = fs.vader_scores(["good"])[0]
    assert compound == round(1.9 / np.sqrt(1.9**2 + 15), 4)
    assert (pos, neu, neg) == (1.0, 0.0, 0.0)
    # negation within three words multiplies by -0.74
    assert fs.vader_scores(["not good"])[0][0] == round(-1.406 / np.sqrt(1.406**2 + 15), 4)
    # words but no valence: all neutral; no words: all zero
    assert fs.vader_scores(["The talks", "  "]).tolist() == [[0.0, 0.0, 1.0, 0.0], [0.0] * 4]


def test_batches_and_single_calls_agree():
    sentences = _random_sentences(300, seed=3) + TRICKY
    tb = fs.textblob_scores(sentences)
    vd = fs.vader_scores(sentences)
    assert tb.shape == (len(sentences), 2) and vd.shape == (len(sentences), 4)
    for k in range(0, len(sentences), 37):
        assert np.array_equal(fs.textblob_scores([sentences[k]])[0], tb[k])
        assert np.array_equal(fs.vader_scores([sentences[k]])[0], vd[k])
    assert fs.textblob_scores([]).shape == (0, 2)
    assert fs.vader_scores([]).shape == (0, 4)


def test_bounded_caches_give_the_same_scores(monkeypatch):
    sentences = _random_sentences(200, seed=5)
    before = np.hstack([fs.textblob_scores(sentences), fs.vader_scores(sentences)])
    monkeypatch.setattr(_common, "_CACHE_LIMIT", 7)
    pattern._pattern_scorer().clear()
    vader._vader_scorer().clear()
    after = np.hstack([fs.textblob_scores(sentences), fs.vader_scores(sentences)])
    assert len(pattern._pattern_scorer().words) <= 7
    assert np.array_equal(before, after)
    # the batch vocabulary, full, is emptied before the next batch: it then holds that batch's pieces
    assert fs.vader_scores(["good day", "good"]).shape == (2, 4)
    assert sorted(batch_module._vocabulary()) == ["day", "good"]


def test_rule_tables_read_from_the_packages_match_them():
    from textblob import _text
    from textblob.en import sentiment as pattern_sentiment
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rules = pattern._pattern_rules()
    assert rules.punctuation == _text.PUNCTUATION
    assert rules.abbreviations == frozenset(_text.ABBREVIATIONS)
    assert dict(rules.contractions) == _text.replacements
    assert rules.negations == frozenset(pattern_sentiment.negations)
    emoticons = {e.lower() for forms in _text.EMOTICONS.values() for e in forms}
    assert set(rules.emoticon_polarity) == emoticons
    # the lexicon, after Pattern's averaging and the derived "-ly" adverbs
    assert "good" in pattern_sentiment  # loads the lazy lexicon
    reference = dict(dict.items(pattern_sentiment))
    assert set(rules.lexicon) == set(reference)
    for word, (p, s, i, adverb) in rules.lexicon.items():
        assert (p, s, i) == tuple(reference[word][None]), word
        assert adverb == ("RB" in reference[word]), word

    analyzer = SentimentIntensityAnalyzer()
    vader_rules = vader._vader_rules()
    assert vader_rules.lexicon == analyzer.lexicon
    assert vader_rules.emojis == analyzer.emojis


def test_bench_reports_rates_for_both_scorers():
    result = fs.bench_sentiment(["A good start. Then it went badly!", "Talks resumed."],
                                split=True, chunk=2)
    assert result["n_sentences"] == 3
    for name in ("textblob", "vader", "both"):
        assert result[f"{name}_reference_per_s"] > 0
        assert result[f"{name}_fast_per_s"] > 0
        assert result[f"{name}_speedup"] == pytest.approx(
            result[f"{name}_fast_per_s"] / result[f"{name}_reference_per_s"])


def test_parity_report_flags_a_difference(monkeypatch):
    real = fs.vader_scores

    def off_by_a_bit(sentences):
        out = real(sentences)
        out[:, 0] += 1e-6
        return out

    monkeypatch.setattr(parity, "vader_scores", off_by_a_bit)
    report = fs.parity_report(["good", "bad"])
    assert not report["parity"]
    assert report["n_mismatch"]["vader_compound"] == 2
    assert report["max_abs_diff"]["vader_compound"] == pytest.approx(1e-6)
    assert report["n_mismatch"]["textblob_polarity"] == 0


@pytest.mark.parametrize("digits", [3, 4])
def test_vectorised_rounding_equals_python_round(digits):
    rng = np.random.default_rng(digits)
    values = np.concatenate([
        rng.uniform(-1, 1, 50_000),
        np.round(rng.uniform(-1, 1, 20_000), digits) + 0.5 * 10.0 ** -digits,  # halves
        np.arange(-2_000, 2_001) / 4_000.0,  # exact binary halves
        [0.0, -0.0, 1.0, -1.0, 0.99995, 0.0005, 0.00049999999999999],
    ])
    got = vader._round_like_python(values, digits)
    assert got.tolist() == [round(v, digits) for v in values.tolist()]
