"""Events: sentences, entities, triggers, extraction, cross-document merge.

`analyse_article` is the whole per-article stage, one top-level picklable function over plain
records, so that timeline.execution can run it in worker processes and cache its result. What
needs the whole corpus (aliases across articles, the merge) is in merge.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.events.entities import PERSON, find_mentions
from timeline.events.extraction import extract_events
from timeline.events.sentences import split_sentences
from timeline.model import Article, Event, Sentence, TimeExpr


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What one article yields: its dated events (local ids "ARTICLE#N") and the people it names.

    `people` holds each person's name once, as the article spells it in full where it does; the
    merge stage counts them across articles to choose canonical spellings.
    """

    article_id: str
    events: tuple[Event, ...] = ()
    people: tuple[str, ...] = ()
    expressions: int = 0
    sentences: int = 0
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class _Stretch:
    start: int
    end: int
    reference: str | None  # ISO day or coarser TIMEX3 value the stretch is dated by


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _stretches(article: Article) -> list[_Stretch]:
    """The parts of the text to read: its segments (story and teasers, furniture left out), else the body."""
    if article.segments:
        return [
            _Stretch(segment.start, segment.end, segment.date or article.date)
            for segment in sorted(article.segments, key=lambda segment: segment.start)
        ]
    return [_Stretch(article.body_start, len(article.text), article.date)]


def tag_stretch(text: str, start: int, end: int, reference: str | None) -> list[TimeExpr]:
    """The temporal expressions of TEXT[START:END] resolved against REFERENCE, with whole-text offsets."""
    from timeline import temporal

    return temporal.tag(text, reference if _day(reference) else None, start, end)


def analyse_article(article: Article) -> ArticleAnalysis:
    """Sentences, names, dates and events of one article (none for a near-duplicate of another)."""
    if article.duplicate_of or article.errors:
        return ArticleAnalysis(article.id, duplicate_of=article.duplicate_of)
    text = article.text
    sentences: list[Sentence] = []
    expressions: list[TimeExpr] = []
    reference_dates: list[tuple[int, int, dt.date | None]] = []
    for stretch in _stretches(article):
        sentences.extend(split_sentences(text, stretch.start, stretch.end))
        expressions.extend(tag_stretch(text, stretch.start, stretch.end, stretch.reference))
        reference_dates.append((stretch.start, stretch.end, _day(stretch.reference)))
    entities = find_mentions(text, sentences)
    events = extract_events(article.id, text, sentences, expressions, entities.mentions, reference_dates)
    people = tuple(sorted({mention.name for mention in entities.mentions if mention.kind == PERSON}))
    return ArticleAnalysis(article.id, tuple(events), people, len(expressions), len(sentences))


__all__ = ["ArticleAnalysis", "analyse_article", "tag_stretch"]
