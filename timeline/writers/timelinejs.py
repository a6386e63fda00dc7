"""`timeline.timelinejs.json`: the chronology in Knight Lab TimelineJS's JSON format.

TimelineJS reads `{"title": slide, "events": [slide, ...]}`; a slide has `start_date` (and
optionally `end_date`) as `{year, month, day, ...}`, `text: {headline, text}` and `group`. A
date carries only the parts known: a month is `{year, month}`, a year `{year}`, so TimelineJS
shows "August 2025" rather than inventing the 1st. Events with no calendar date cannot be
placed on its time axis and are left out (they are counted on the title slide).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from timeline.filters import FigureOptions, highlight_chain, original_article_ids, select_events, source_count
from timeline.links import http_link
from timeline.model import Article, Event, Source
from timeline.writers.atomic import write_json
from timeline.writers.citation import Citation, cite
from timeline.writers.layout import assign_lanes, date_phrase, month_end

TIMELINEJS_FILE = "timeline.timelinejs.json"


def _date_parts(start: dt.date, end: dt.date, granularity: str, value: str) -> tuple[dict, dict | None]:
    """TimelineJS start and end dates holding only the parts the event's precision knows."""
    if granularity == "instant" and "T" in value and start == end:
        time = value.partition("T")[2]
        point: dict[str, Any] = {"year": start.year, "month": start.month, "day": start.day}
        if time[:2].isdigit():
            point["hour"] = int(time[:2])
            if time[3:5].isdigit():
                point["minute"] = int(time[3:5])
        return point, None
    if start == end:
        return {"year": start.year, "month": start.month, "day": start.day}, None
    if start == dt.date(start.year, 1, 1) and end == dt.date(end.year, 12, 31):
        first = {"year": start.year}
        return first, (None if start.year == end.year else {"year": end.year})
    if start.day == 1 and end == month_end(end):
        first = {"year": start.year, "month": start.month}
        same_month = (start.year, start.month) == (end.year, end.month)
        return first, (None if same_month else {"year": end.year, "month": end.month})
    return (
        {"year": start.year, "month": start.month, "day": start.day},
        {"year": end.year, "month": end.month, "day": end.day},
    )


def _quote(source: Source) -> str:
    """The dating sentence with the expression that dates it marked."""
    sentence = source.text
    where = sentence.find(source.timex) if source.timex else -1
    if where < 0:
        return html.escape(sentence)
    return (
        html.escape(sentence[:where])
        + f"<mark>{html.escape(source.timex)}</mark>"
        + html.escape(sentence[where + len(source.timex) :])
    )


def _cited_name(citation: Citation, article_id: str) -> str:
    title = citation.title or article_id
    return f"{citation.outlet}: {title}" if citation.outlet else title


def _slide_text(event: Event, articles: Mapping[str, Article], count: int) -> str:
    """The slide body: status and who/where, then each source with its dating sentence."""
    facts = [f"{count} source{'s' if count != 1 else ''}"]
    if event.status != "happened":
        facts.insert(0, event.status)
    for title, names in (
        ("Who", event.participants),
        ("Where", event.places),
        ("Organisations", event.organizations),
    ):
        if names:
            facts.append(f"{title}: {html.escape(', '.join(names))}")
    items = []
    for source in event.sources:
        citation = cite(articles.get(source.article), source.start)
        name = html.escape(_cited_name(citation, source.article))
        link = http_link(citation.url)
        if link:
            name = f'<a href="{html.escape(link, quote=True)}">{name}</a>'
        dated = f" ({html.escape(citation.date)})" if citation.date else ""
        items.append(f"<li><b>{name}</b>{dated}: “{_quote(source)}”</li>")
    sources = f"<ul>{''.join(items)}</ul>" if items else ""
    return f"<p>{' · '.join(facts)}</p>{sources}"


def timelinejs_document(
    events: Iterable[Event],
    articles: Sequence[Article] = (),
    options: FigureOptions | Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The TimelineJS document for the events the options select."""
    options = FigureOptions.from_options(options)
    selected = select_events(events, options, articles)
    dated = [event for event in selected if event.start_date is not None and event.end_date is not None]
    originals = original_article_ids(articles)
    by_id = {article.id: article for article in articles}
    # The figure's lanes, the highlighted chain included, become TimelineJS's groups.
    chain = highlight_chain(dated, options.highlight, originals)
    _, groups = assign_lanes(dated, {event.id: term for term, event in chain}, options.lanes, articles)
    slides = []
    for event in dated:
        end = max(event.end_date, event.start_date)
        start_date, end_date = _date_parts(event.start_date, end, event.granularity, event.value)
        slide: dict[str, Any] = {"unique_id": event.id, "start_date": start_date}
        if end_date is not None:
            slide["end_date"] = end_date
        slide["display_date"] = date_phrase(event.value, event.granularity, event.start_date, end)
        slide["text"] = {
            "headline": html.escape(event.label or event.value),
            "text": _slide_text(event, by_id, source_count(event, originals)),
        }
        if groups.get(event.id):
            slide["group"] = groups[event.id]
        slides.append(slide)
    reporting = {originals.get(source.article, source.article) for event in dated for source in event.sources}
    summary = f"{len(slides)} dated events from {len(reporting)} article{'s' if len(reporting) != 1 else ''}."
    undated = len(selected) - len(dated)
    if undated:
        summary += f" {undated} undated event{'s' if undated != 1 else ''} not shown."
    title = html.escape(options.title or "Chronology")
    return {
        "title": {"text": {"headline": title, "text": f"<p>{summary}</p>"}},
        "events": slides,
    }


def write_timelinejs(
    events: Iterable[Event],
    articles: Sequence[Article] = (),
    out_dir: str | os.PathLike[str] = "out",
    options: FigureOptions | Mapping[str, Any] | None = None,
) -> list[Path]:
    """Write `timeline.timelinejs.json` into OUT_DIR; returns the path written."""
    path = Path(out_dir) / TIMELINEJS_FILE
    write_json(path, timelinejs_document(events, articles, options))
    return [path]
