"""Date candidates and their votes: how many independent articles name each day.

The signal of news-tls's "Datewise" date ranking (Gholipour Ghalandari & Ifrim, 2020): a day that
matters is one that many reports refer back to by a resolved date expression ("on 11 June", "on
Thursday", "last Friday"). Each article votes once per day, however often it names it, so that one
long article cannot outvote several short ones; near-duplicates (syndicated copies) are not passed
in, so a story copied ten times votes once. Publication is a weaker vote: an article published on
a day is about that day less surely than one that names it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from timeline.model import Event
from timeline.summary.sentences import ArticleSentences

# What an article published on a day, without naming it, adds to that day's score, against the 1
# of an article that names it.
PUBLISHED_WEIGHT = 0.5


@dataclass(frozen=True, slots=True)
class DateVote:
    day: dt.date
    naming: int  # independent articles whose resolved expressions name the day
    published: int  # independent articles published that day
    sentences: int  # sentences that name it, across those articles

    @property
    def score(self) -> float:
        return self.naming + PUBLISHED_WEIGHT * self.published


def date_votes(articles: Iterable[ArticleSentences]) -> list[DateVote]:
    """The vote of every day that the independent ARTICLES name or were published on, by day."""
    naming: dict[dt.date, set[str]] = defaultdict(set)
    published: dict[dt.date, set[str]] = defaultdict(set)
    sentences: dict[dt.date, int] = defaultdict(int)
    for article in articles:
        if article.published is not None:
            published[article.published].add(article.article_id)
        for sentence in article.sentences:
            for day in set(sentence.days):
                naming[day].add(article.article_id)
                sentences[day] += 1
    return [
        DateVote(day, len(naming.get(day, ())), len(published.get(day, ())), sentences.get(day, 0))
        for day in sorted(naming.keys() | published.keys())
    ]


def event_reports(events: Iterable[Event], independent: Collection[str]) -> dict[dt.date, int]:
    """Per day, the most independent articles (ids in INDEPENDENT) that report one merged event that
    happened that day: planned, cancelled and deadline events are not what happened."""
    reports: dict[dt.date, int] = {}
    for event in events:
        if event.status != "happened" or event.start_date is None or event.start_date != event.end_date:
            continue
        count = len({source.article for source in event.sources if source.article in independent})
        reports[event.start_date] = max(reports.get(event.start_date, 0), count)
    return reports


def rank_dates(votes: Iterable[DateVote], latest: dt.date | None,
               reports: Mapping[dt.date, int] | None = None) -> list[DateVote]:
    """VOTES from the most to the least important; between equal scores, the day whose best merged
    event has more REPORTS (`event_reports`), then more sentences naming it, then the earlier day.
    Days after LATEST (the last publication day of the collection) are left out: they are plans
    and deadlines, not yet what happened."""
    reports = reports or {}
    kept = [vote for vote in votes if latest is None or vote.day <= latest]
    return sorted(kept, key=lambda vote: (-vote.score, -reports.get(vote.day, 0), -vote.sentences, vote.day))


# The number of dates when none is asked for: a newsroom's timeline of a story gives 15-30 dates;
# it grows with the square root of the collection (twice it), within these bounds.
FEWEST_DATES, MOST_DATES = 5, 30
# A day one article alone names (a date in a list of past disasters) is no date of the story:
# unless asked for, the summary gives only days with at least this score.
SUPPORTED_SCORE = 2


def default_date_count(independent_articles: int, ranked: Sequence[DateVote]) -> int:
    """How many dates a summary of INDEPENDENT_ARTICLES should give, from RANKED: as many as its
    size calls for, but no more than the days the collection gives support to (its spread), or
    the few best days when it supports fewer."""
    wanted = max(FEWEST_DATES, min(MOST_DATES, round(2 * independent_articles ** 0.5)))
    supported = sum(1 for vote in ranked if vote.score >= SUPPORTED_SCORE)
    return max(1, min(wanted, max(supported, min(FEWEST_DATES, len(ranked)))))
