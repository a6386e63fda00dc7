"""events.json: `{"events": [...]}` sorted by start_date, then id (docs/CONTRACT.md)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from timeline.model import Article, Event
from timeline.writers.atomic import write_json_records
from timeline.writers.citation import cite


def _chronological(events: Sequence[Event]) -> list[Event]:
    # Undated events last; ISO dates sort as the days they name.
    return sorted(events, key=lambda e: (e.start_date is None, e.start_date or "", e.id))


def _record(event: Event, articles: dict[str, Article]) -> dict:
    """The event as the contract writes it; with the articles, each source also says what it cites:
    the title, outlet and date of the story its sentence lies in (see writers/citation.py)."""
    record = event.to_dict()
    if articles:
        for source, written in zip(event.sources, record["sources"], strict=True):
            citation = cite(articles.get(source.article), source.start)
            written.update(title=citation.title, outlet=citation.outlet, published=citation.date)
    return record


def events_payload(events: Sequence[Event], articles: Sequence[Article] = ()) -> dict:
    by_id = {article.id: article for article in articles}
    return {"events": [_record(event, by_id) for event in _chronological(events)]}


def write_events_json(
    events: Sequence[Event], path: str | os.PathLike[str], articles: Sequence[Article] = ()
) -> None:
    by_id = {article.id: article for article in articles}
    write_json_records(path, "events", (_record(event, by_id) for event in _chronological(events)))
