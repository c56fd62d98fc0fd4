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

:mod:`toolkit.fastsentiment.batch` scores a batch of sentences for both
scorers at once: the sentences are split in one Arrow call, each distinct
whitespace-separated piece is looked up once in a vocabulary that stores what
both scorers need to know about it, and sentences and words that no context
rule (negation, modifier, booster, idiom, capitals, ``but``, ``!``,
emoticons) can touch are scored with NumPy, adding in the same order as the
references so that the sums are the same bit for bit. The rest goes through
the word-by-word rules of :mod:`~toolkit.fastsentiment.pattern` and
:mod:`~toolkit.fastsentiment.vader`.

Speed, measured by :func:`bench_sentiment` on those 89,863 sentences in one
run (chunks of 1,000 sentences, reference and fast scorer taking turns):
both scorers together, as :mod:`toolkit.sentiment` calls them, 7.4 times
the two references while the vocabulary fills and 13.7 times once a chunk's
words are known; TextBlob alone 6.7 and 13.8 times; VADER alone 2.4 and 4.6
times (its reference is already cheap per word).

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
works offline. The vocabulary and the per-token caches are bounded (emptied
past 150,000 entries), so memory does not grow with the corpus.

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
