"""The summary: the K dates of a collection that matter most, each with the N sentences that best
say what happened that day, with their sources (news-tls's "Datewise" approach over our resolved
dates and near-duplicate detection).

Stages, each in its own module:
- `sentences`: per input file (in the build's workers and cache), each article's sentences and the
  days their resolved expressions name;
- `votes`: each day's votes from the independent articles, the ranking of days, the default K;
- `selection`: per day, the most central sentences about it, none redundant with another;
- here: the stages run in order, each chosen sentence linked to the merged events it reports, and
  the events the views draw.

`timeline.build(..., summary=K)` runs them after the merge; `timeline.summarize(...)` is that
build with K chosen from the collection when not given.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from timeline.model import Article, Event, Source
from timeline.summary.selection import (
    Chosen,
    candidates_of_day,
    choose_sentences,
    context_of,
    inverse_document_frequencies,
)
from timeline.summary.sentences import ArticleSentences
from timeline.summary.votes import DateVote, date_votes, default_date_count, event_reports, rank_dates

if TYPE_CHECKING:
    from timeline.pipeline import BuildResult
    from timeline.readers import InputFile
    from timeline.readers.manifest import ManifestRow

DEFAULT_SENTENCES = 2
# A label drawn in the figure for a chosen sentence that no merged event holds: its first words.
_LABEL_CHARACTERS = 90


@dataclass(frozen=True, slots=True)
class SummarySentence:
    article: str
    start: int
    end: int
    text: str
    timex: str  # the expression that named the day; '' for the lead of an article published that day
    events: tuple[str, ...] = ()  # ids of the merged events (events.json) reported by this sentence

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "start": self.start, "end": self.end, "text": self.text,
                "timex": self.timex, "events": list(self.events)}


@dataclass(frozen=True, slots=True)
class SummaryDate:
    vote: DateVote
    sentences: tuple[SummarySentence, ...]

    @property
    def day(self) -> dt.date:
        return self.vote.day

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "score": self.vote.score, "articles": self.vote.naming,
                "published": self.vote.published, "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(frozen=True, slots=True)
class Summary:
    dates: tuple[SummaryDate, ...]  # in date order
    events: tuple[Event, ...]  # what the figures, TimelineJS and the page draw: the summary only
    independent_articles: int

    def to_dict(self) -> dict[str, Any]:
        return {"dates": [date.to_dict() for date in self.dates],
                "independent_articles": self.independent_articles}

    def marked(self, events: Iterable[Event]) -> list[Event]:
        """EVENTS with those the summary kept marked `"summary": true` (in events.json too)."""
        kept = {event.id for event in self.events}
        return [replace(event, extra={**event.extra, "summary": True}) if event.id in kept else event
                for event in events]


def _event_index(events: Iterable[Event]) -> dict[str, list[tuple[int, int, Event]]]:
    """Per article, the sentence spans that report each merged event."""
    index: dict[str, list[tuple[int, int, Event]]] = defaultdict(list)
    for event in events:
        for source in event.sources:
            index[source.article].append((source.start, source.end, event))
    return index


def _label(text: str) -> str:
    words = " ".join(text.split())
    if len(words) <= _LABEL_CHARACTERS:
        return words
    return words[:_LABEL_CHARACTERS].rsplit(" ", 1)[0] + "…"


def _drawn_event(day: dt.date, chosen: Chosen, reported: list[Event], number: int) -> Event:
    """The event the views draw for a chosen sentence: the merged event it reports on that day,
    marked as kept by the summary, or else one made of the sentence itself."""
    on_day = [event for event in reported if event.start_date == day == event.end_date]
    if on_day:
        kept = max(on_day, key=lambda event: (len({s.article for s in event.sources}), event.id))
        return replace(kept, extra={**kept.extra, "summary": True})
    sentence = chosen.sentence
    source = Source(chosen.article_id, sentence.start, sentence.end, sentence.text, chosen.timex)
    return Event(f"summary-{day.isoformat()}-{number}", _label(sentence.text), day.isoformat(), day, day,
                 "day", "happened", sources=(source,), extra={"summary": True})


def summarize_sentences(articles: Sequence[ArticleSentences], events: Sequence[Event] = (),
                        dates: int | None = None, sentences: int = DEFAULT_SENTENCES) -> Summary:
    """The summary of the independent ARTICLES (near-duplicates left out by the caller): the DATES
    most important days (chosen from the collection when None), SENTENCES sentences each."""
    latest = max((article.published for article in articles if article.published), default=None)
    reports = event_reports(events, {article.article_id for article in articles})
    ranked = rank_dates(date_votes(articles), latest, reports)
    wanted = dates if dates is not None else default_date_count(len(articles), ranked)
    idf = inverse_document_frequencies(articles)
    index = _event_index(events)
    chosen_vectors: list = []
    summary_dates: list[SummaryDate] = []
    drawn: dict[str, Event] = {}
    for vote in ranked:
        if len(summary_dates) == wanted:
            break
        candidates = candidates_of_day(vote.day, articles)
        picked = choose_sentences(vote.day, candidates, context_of(candidates, articles), sentences, idf,
                                  chosen_vectors)
        if not picked:
            continue
        kept = []
        for chosen in picked:
            sentence = chosen.sentence
            reported = [event for start, end, event in index.get(chosen.article_id, ())
                        if start < sentence.end and sentence.start < end]
            event = _drawn_event(vote.day, chosen, reported, len(drawn))
            drawn.setdefault(event.id, event)
            kept.append(SummarySentence(chosen.article_id, sentence.start, sentence.end, sentence.text,
                                        chosen.timex, tuple(sorted({event.id for event in reported}))))
        summary_dates.append(SummaryDate(vote, tuple(kept)))
    summary_dates.sort(key=lambda date: date.day)
    return Summary(tuple(summary_dates), tuple(sorted(drawn.values(), key=lambda e: (e.start_date, e.id))),
                   len(articles))


def independent_sentences(results: Iterable[tuple[ArticleSentences, ...]],
                          articles: Sequence[Article]) -> list[ArticleSentences]:
    """The per-file RESULTS of the readable articles that are no near-duplicate of another, under
    the ids the build gave them. Both sides list each file's articles in order, so an article is
    its path and its place among the articles of that path."""
    by_place: dict[tuple[str, int], Article] = {}
    seen: dict[str, int] = defaultdict(int)
    for article in articles:
        by_place[(article.path, seen[article.path])] = article
        seen[article.path] += 1
    kept: list[ArticleSentences] = []
    for file_results in results:
        for number, result in enumerate(file_results):
            article = by_place.get((result.path, number))
            if article is None or article.duplicate_of or article.errors:
                continue
            kept.append(replace(result, article_id=article.id))
    return kept


def summarize_files(files: Sequence[InputFile], rows: Sequence[ManifestRow | None], dct: str | None,
                    run: Callable, articles: Sequence[Article], events: Sequence[Event],
                    dates: int | None, sentences: int) -> Summary:
    """The summary of a build's collection: its files' sentences through RUN (the build's workers
    and cache), ARTICLES (ids, near-duplicates marked) and EVENTS (merged) as the build made them."""
    from collections import deque

    from timeline.file_stage import _tasks
    from timeline.summary.sentences import sentences_of_file

    # The build has reported every file that failed already.
    results = run(sentences_of_file, _tasks(files, rows, dct, deque(), None), on_failure=lambda failure: None)
    return summarize_sentences(independent_sentences(results, articles), events, dates, sentences)


def summarize(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str] = "out",
    dates: int | None = None,
    sentences: int | None = None,
    **options: Any,
) -> BuildResult:
    """The K-date summary of INPUTS (K = DATES, or chosen from the collection's size and spread),
    SENTENCES per date (default 2), written into OUT: summary.json, summary.txt, events.json and
    articles.json (every event), and the figures and page of the summary only. Other options as
    for `timeline.build`. The result's `.timeline_summary` holds it."""
    from timeline.pipeline import build

    return build(inputs, out, summary=dates if dates is not None else True,
                 summary_sentences=sentences, **options)


__all__ = ["Summary", "SummaryDate", "SummarySentence", "summarize", "summarize_files", "summarize_sentences"]
