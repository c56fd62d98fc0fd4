"""Fast lexicon sentiment with exact parity: TextBlob polarity/subjectivity and VADER scores.

:mod:`toolkit.sentiment` scores one sentence at a time through the reference
packages (``TextBlob(s).sentiment`` and vaderSentiment's
``SentimentIntensityAnalyzer.polarity_scores``): about 140 to 270 µs and 50
to 120 µs per news sentence on one core, depending on the machine's load.
This module reimplements both scorers for batches of sentences and returns
the same numbers: :func:`parity_report` measures the largest absolute
difference against the reference packages. On every sentence of NewsMTSC
(9,546) and of the first 2,000 Article-Bias-Prediction articles (89,863)
it is 0.0 for all six scores.

Speed, measured by :func:`bench_sentiment` on those 89,863 sentences in one
run (reference and fast scorer taking turns): TextBlob about 6.5 times the
reference while the per-token caches fill and 9 times once the words are
cached; VADER about 3 and 4.6 times. VADER's reference is already cheap per
word, and the floor here (splitting, one dict lookup per word, building the
arrays) is a large share of what remains.

What is reimplemented, following the installed sources:

* TextBlob / Pattern (``textblob/_text.py``, ``textblob/en/__init__.py``):
  Pattern's tokenizer (contractions, quote marks, punctuation split with the
  abbreviation rules, sentence grouping, the ``(!)`` sarcasm mark and
  emoticons glued back together), the lexicon ``en-sentiment.xml`` averaged
  per word sense and part of speech, the extra ``-ly`` adverbs derived from
  adjectives, negation (``not good`` is ``-0.5 * good``), modifiers
  (``very good``), the ``!`` boost, emoticons, and the mean over the
  assessed words.
* VADER (``vaderSentiment/vaderSentiment.py``, version 3.3.2): emoji
  descriptions, punctuation stripping, boosters and dampeners, ALL-CAPS
  emphasis, negation within three words, ``no``, ``least``, ``kind of``,
  ``without doubt``, special idioms, the ``but`` rule (including its habit
  of re-weighting the first equal score), ``!`` and ``?`` emphasis, the
  normalised compound and the rounded pos/neu/neg shares.

The lexicons and the small rule tables (emoticons, abbreviations, negation
and booster words, idioms) are read at run time from the installed textblob
and vaderSentiment packages, so nothing is duplicated here and the module
works offline. Per-token work is cached, so repeated words cost one dict
lookup; the caches are bounded.

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A parsimonious rule-based model for
sentiment analysis of social media text. Eighth International AAAI
Conference on Weblogs and Social Media (ICWSM-14).
De Smedt, T. & Daelemans, W. (2012). Pattern for Python. Journal of Machine
Learning Research 13, 2063-2067.
Loria, S. TextBlob: simplified text processing (PatternAnalyzer, lexicon
``en-sentiment.xml``), https://textblob.readthedocs.io.
"""

from toolkit.fastsentiment._common import TEXTBLOB_COLUMNS, VADER_COLUMNS
from toolkit.fastsentiment.parity import bench_sentiment, parity_report
from toolkit.fastsentiment.pattern import textblob_scores
from toolkit.fastsentiment.vader import vader_scores

__all__ = ["textblob_scores", "vader_scores", "parity_report", "bench_sentiment",
           "TEXTBLOB_COLUMNS", "VADER_COLUMNS"]
