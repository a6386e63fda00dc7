"""Sentences per date: the most central of the sentences about that day, none repeating another.

As in news-tls's Datewise summariser: the candidates of a day are the sentences that name it,
from articles published that day or shortly after (a report written soon after an event tells
what happened; one written months later mentions it in passing); failing those, any sentence that
names it; failing those, the leads of that day's articles. Each sentence is a TF-IDF vector (the
inverse document frequency over every sentence of the collection); the candidate nearest the mean
of every sentence of the articles the candidates come from says what those reports are about. A
sentence too close to one already chosen, for any date, is skipped.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from timeline.summary.sentences import ArticleSentences, DatedSentence

# Reports written within this many days after a day tell what happened on it.
RECENT_DAYS = 2
# Leads: the sentences of an article that say what its news is.
LEAD_SENTENCES = 3
# Shorter sentences are captions and fragments; longer ones are lists and run-ons (words: tokens
# with a letter, so that "2 May 1787 : Puerto Rico ." is three).
FEWEST_WORDS, MOST_WORDS = 6, 60
# Two sentences at least this close (cosine of their TF-IDF vectors) say the same thing.
REDUNDANT_SIMILARITY = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

Vector = dict[str, float]


@cache
def stopwords() -> frozenset[str]:
    text = resources.files("timeline.summary").joinpath("data", "stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def first_person_words() -> frozenset[str]:
    text = resources.files("timeline.summary").joinpath("data", "first_person.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def content_words(text: str) -> list[str]:
    ignored = stopwords()
    return [word for word in (match.lower() for match in _WORD.findall(text)) if word not in ignored]


@dataclass(frozen=True, slots=True)
class Candidate:
    article_id: str
    published: dt.date | None
    sentence: DatedSentence


@dataclass(frozen=True, slots=True)
class Chosen:
    """A sentence chosen for a day, with the expression that named the day ('' for a lead)."""

    article_id: str
    sentence: DatedSentence
    timex: str


def _fit(sentence: DatedSentence) -> bool:
    """Long enough to say something, short enough to read, and a report: a sentence in the first
    person singular is a reader's comment or a columnist's aside, which no newsroom timeline quotes."""
    words = sentence.text.split()
    worded = sum(1 for word in words if any(character.isalpha() for character in word))
    return FEWEST_WORDS <= worded <= MOST_WORDS and not any(
        word in first_person_words() for word in words)


def candidates_of_day(day: dt.date, articles: Sequence[ArticleSentences]) -> list[Candidate]:
    """The sentences that may tell what happened on DAY, in the order of preference above."""
    naming = [Candidate(article.article_id, article.published, sentence)
              for article in articles for sentence in article.sentences
              if day in sentence.days and _fit(sentence)]
    recent = [candidate for candidate in naming if candidate.published is not None
              and day <= candidate.published <= day + dt.timedelta(days=RECENT_DAYS)]
    if recent:
        return recent
    if naming:
        return naming
    return [Candidate(article.article_id, article.published, sentence)
            for article in articles if article.published == day
            for sentence in article.sentences
            if sentence.position < LEAD_SENTENCES and not sentence.days and _fit(sentence)]


def inverse_document_frequencies(articles: Iterable[ArticleSentences]) -> dict[str, float]:
    """log(N / df) of every content word over every sentence of ARTICLES (smoothed as scikit-learn does)."""
    frequencies: Counter[str] = Counter()
    count = 0
    for article in articles:
        for sentence in article.sentences:
            frequencies.update(set(content_words(sentence.text)))
            count += 1
    return {word: math.log((1 + count) / (1 + frequency)) + 1 for word, frequency in frequencies.items()}


def tf_idf(text: str, idf: dict[str, float]) -> Vector:
    counts = Counter(content_words(text))
    vector = {word: count * idf.get(word, 1.0) for word, count in counts.items()}
    norm = math.sqrt(sum(value * value for value in vector.values()))
    return {word: value / norm for word, value in vector.items()} if norm else {}


def cosine(first: Vector, second: Vector) -> float:
    """The cosine of two unit vectors (or of a unit vector and any other: its projection)."""
    if len(second) < len(first):
        first, second = second, first
    return sum(value * second.get(word, 0.0) for word, value in first.items())


def _centroid(vectors: Sequence[Vector]) -> Vector:
    total: Counter[str] = Counter()
    for vector in vectors:
        total.update(vector)
    return {word: value / len(vectors) for word, value in total.items()}


def context_of(candidates: Sequence[Candidate], articles: Sequence[ArticleSentences]) -> list[DatedSentence]:
    """What is said about a day: every sentence of the articles its candidates come from. A day
    named in one sentence of three articles has three candidates, too few to have a centre; the
    articles that report it say what it was about."""
    sources = {candidate.article_id for candidate in candidates}
    return [sentence for article in articles if article.article_id in sources
            for sentence in article.sentences]


def choose_sentences(day: dt.date, candidates: Sequence[Candidate], context: Sequence[DatedSentence],
                     count: int, idf: dict[str, float], chosen_vectors: list[Vector]) -> list[Chosen]:
    """Up to COUNT of CANDIDATES, the nearest the centre of CONTEXT (`context_of`) first, none
    redundant with CHOSEN_VECTORS (the sentences already chosen for any day), which the chosen
    ones are added to."""
    vectors = [tf_idf(candidate.sentence.text, idf) for candidate in candidates]
    around = [vector for vector in (tf_idf(sentence.text, idf) for sentence in context) if vector]
    centroid = _centroid(around) if around else {}
    # Ties go to the earlier article and sentence, so that the choice does not depend on order.
    ranked = sorted(range(len(candidates)), key=lambda index: (
        -round(cosine(vectors[index], centroid), 12), candidates[index].article_id,
        candidates[index].sentence.start))
    picked: list[Chosen] = []
    for index in ranked:
        if len(picked) == count:
            break
        vector = vectors[index]
        if not vector or any(cosine(vector, other) >= REDUNDANT_SIMILARITY for other in chosen_vectors):
            continue
        chosen_vectors.append(vector)
        sentence = candidates[index].sentence
        timex = next((text for named, text in zip(sentence.days, sentence.timexes, strict=True)
                      if named == day), "")
        picked.append(Chosen(candidates[index].article_id, sentence, timex))
    return picked
