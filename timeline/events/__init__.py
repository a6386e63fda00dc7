"""Events: sentences, entities, triggers, extraction, cross-document merge.

`analyse_article` is the whole per-article stage, one top-level picklable function over plain
records, so that timeline.execution can run it in worker processes and cache its result. What
needs the whole corpus (aliases across articles, the merge) is in merge.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from typing import Any

from timeline.model import Article, Event, Sentence, Source, TimeExpr
from timeline.temporal.timex import year_of_value


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What one article yields: its dated events (local ids "ARTICLE#N") and the people it names.

    `people` holds each person's name once, as the article spells it in full where it does; the
    merge stage counts them across articles to choose canonical spellings. `places` holds, for each
    place its events name, what contains it and what of that the merge indexes
    (`gazetteer.containers`): the merge then needs no gazetteer, which takes a second to load.
    """

    article_id: str
    events: tuple[Event, ...] = ()
    people: tuple[str, ...] = ()
    roles: tuple[tuple[str, str, str], ...] = ()  # (country, role, person) the article states
    expressions: int = 0
    sentences: int = 0
    duplicate_of: str | None = None
    places: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()

    # An archive's analyses all wait in the main process for the merge, and come to it through a
    # pipe or the cache. Pickled as plain tuples, they load as fast as the records would, and
    # loading shares the strings that recur across articles (names, values, classes), which would
    # otherwise be a copy per article: a loaded analysis holds about 30% less.
    def __getstate__(self) -> tuple:
        return (
            self.article_id, tuple(_event_state(event) for event in self.events), self.people,
            self.roles, self.expressions, self.sentences, self.duplicate_of, self.places,
        )

    def __setstate__(self, state: tuple) -> None:
        article_id, events, people, roles, expressions, sentences, duplicate_of, places = state
        values = (
            article_id, tuple(_event_from_state(event, article_id) for event in events), _names(people),
            tuple(map(_names, roles)), expressions, sentences, duplicate_of,
            tuple((sys.intern(name), _names(within), _names(indexed)) for name, within, indexed in places),
        )
        for name, value in zip(_ANALYSIS_FIELDS, values, strict=True):
            object.__setattr__(self, name, value)


_ANALYSIS_FIELDS = (
    "article_id", "events", "people", "roles", "expressions", "sentences", "duplicate_of", "places"
)


def _names(names: tuple[str, ...]) -> tuple[str, ...]:
    """NAMES as the one copy of each string the process already holds."""
    return tuple(map(sys.intern, names)) if names else names


def _shared(value: Any) -> Any:
    if type(value) is str:
        return sys.intern(value)
    return _names(value) if type(value) is tuple and all(type(item) is str for item in value) else value


def _event_state(event: Event) -> tuple:
    return (
        event.id, event.label, event.value, event.start_date, event.end_date, event.granularity,
        event.status, event.participants, event.places, event.organizations,
        tuple((s.article, s.start, s.end, s.text, s.timex) for s in event.sources),
        event.trigger, event.after, event.extra,
    )


def _event_from_state(state: tuple, article_id: str) -> Event:
    (event_id, label, value, start_date, end_date, granularity, status, participants, places,
     organizations, sources, trigger, after, extra) = state
    intern = sys.intern
    return Event(
        event_id, label, intern(value), start_date, end_date, intern(granularity), intern(status),
        _names(participants), _names(places), _names(organizations),
        tuple(
            Source(article_id if article == article_id else article, start, end, text, intern(timex))
            for article, start, end, text, timex in sources
        ),
        intern(trigger), after, {key: _shared(item) for key, item in extra.items()},
    )


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
    """The parts of the text to read: its segments (story and teasers, furniture left out), else the body.

    A teaser is a later story of its own: it is dated by its own date or not at all, never by the
    page it was found on.
    """
    if article.segments:
        return [
            _Stretch(
                segment.start,
                segment.end,
                segment.date if segment.kind != "main" else segment.date or article.date,
            )
            for segment in sorted(article.segments, key=lambda segment: segment.start)
        ]
    return [_Stretch(article.body_start, len(article.text), article.date)]


def tag_stretch(text: str, start: int, end: int, reference: str | None) -> list[TimeExpr]:
    """The temporal expressions of TEXT[START:END] resolved against REFERENCE, with whole-text offsets.

    A reference coarser than a day (a year, a month) cannot anchor "on Tuesday", but the tagger
    still gives its year to a month and day written without one.
    """
    from timeline import temporal

    known = reference if reference and year_of_value(reference) is not None else None
    return temporal.tag(text, known, start, end)


def analyse_article(article: Article) -> ArticleAnalysis:
    """Sentences, names, dates and events of one article (none for a near-duplicate of another)."""
    # Imported here, not with the package: the merge and the cache need only ArticleAnalysis.
    from timeline.events.entities import PERSON, find_mentions
    from timeline.events.extraction import extract_events
    from timeline.events.gazetteer import containers
    from timeline.events.sentences import split_sentences

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
    places = tuple(
        (name, *containers(name)) for name in sorted({place for event in events for place in event.places})
    )
    return ArticleAnalysis(
        article.id, tuple(events), people, entities.roles, len(expressions), len(sentences), places=places
    )


__all__ = ["ArticleAnalysis", "analyse_article", "tag_stretch"]
