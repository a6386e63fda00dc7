"""What the reader asked to see: the figure options and the event filters they imply.

The figures, the TimelineJS file and the HTML page all draw the same selection of events, so the
options and the selection live here, apart from any one writer. `events.json` is never filtered:
it is the record; the filters shape the views of it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

from timeline.model import Article, Event
from timeline.temporal.timex import interval_of

LANE_CHOICES = ("none", "place", "participant", "source")

# A4 landscape in inches: the page most readers will print or paste the figure into.
A4_LANDSCAPE = (11.69, 8.27)
DEFAULT_DPI = 150
DPI_RANGE = (50, 1200)


@dataclass(frozen=True, slots=True)
class FigureOptions:
    """The reader's choices for every view of the chronology (figure, TimelineJS, HTML)."""

    title: str | None = None
    lanes: str = "none"  # none | place | participant | source
    highlight: tuple[str, ...] = ()  # places or participants whose events form the highlighted chain
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    entity: str | None = None  # only events involving this person, place or organisation
    min_sources: int = 1  # only events reported by at least this many distinct articles
    size: tuple[float, float] = A4_LANDSCAPE  # width, height in inches; the height grows when labels need it
    dpi: int = DEFAULT_DPI

    def __post_init__(self) -> None:
        if self.lanes not in LANE_CHOICES:
            raise ValueError(f"lanes must be one of {', '.join(LANE_CHOICES)}, not {self.lanes!r}")
        if self.min_sources < 1:
            raise ValueError(f"min_sources must be at least 1, not {self.min_sources}")
        width, height = self.size
        if not (2 <= width <= 200 and 2 <= height <= 200):
            raise ValueError(f"size must be between 2 and 200 inches each way, not {width}x{height}")
        if not DPI_RANGE[0] <= self.dpi <= DPI_RANGE[1]:
            raise ValueError(f"dpi must be between {DPI_RANGE[0]} and {DPI_RANGE[1]}, not {self.dpi}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"--from {self.date_from} is after --to {self.date_to}")

    @classmethod
    def from_options(cls, options: FigureOptions | Mapping[str, Any] | None) -> FigureOptions:
        """Options as `timeline.build(**options)` or the CLI pass them; strings are parsed.

        Keys that are not figure options (jobs, formats, ...) are ignored.

        Accepted spellings: `highlight="Helsinki,Osaka"` or a list; `date_from="2025"` (any TIMEX3
        calendar value: its first day), `date_to="2025-08"` (its last day); `size="11.69x8.27"`.
        """
        if isinstance(options, FigureOptions):
            return options
        known = {field.name for field in fields(cls)}
        given = {key: value for key, value in (options or {}).items() if key in known and value is not None}
        if "highlight" in given:
            given["highlight"] = parse_name_list(given["highlight"])
        if "date_from" in given:
            given["date_from"] = parse_date_bound(given["date_from"], last_day=False)
        if "date_to" in given:
            given["date_to"] = parse_date_bound(given["date_to"], last_day=True)
        if "size" in given:
            given["size"] = parse_size(given["size"])
        if "min_sources" in given:
            given["min_sources"] = int(given["min_sources"])
        if "dpi" in given:
            given["dpi"] = int(given["dpi"])
        if "entity" in given:
            given["entity"] = str(given["entity"]).strip() or None
        return cls(**given)


def parse_name_list(names: str | Iterable[str]) -> tuple[str, ...]:
    """'Helsinki, Osaka,,Alaska' -> ('Helsinki', 'Osaka', 'Alaska'), order kept, repeats dropped."""
    items = names.split(",") if isinstance(names, str) else list(names)
    seen: dict[str, None] = {}
    for item in items:
        name = str(item).strip()
        if name and name.casefold() not in {known.casefold() for known in seen}:
            seen[name] = None
    return tuple(seen)


def parse_date_bound(bound: str | dt.date, last_day: bool) -> dt.date:
    """A --from/--to bound: a day, or a coarser TIMEX3 value (2025, 2025-08, 2025-W33, 2025-Q3).

    A coarse `--to 2025-08` means up to the end of August, `--from 2025-08` from its first day.
    """
    if isinstance(bound, dt.date):
        return bound
    start, end, _ = interval_of(str(bound).strip())
    if start is None or end is None:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {bound!r}")
    return end if last_day else start


def parse_size(size: str | Sequence[float]) -> tuple[float, float]:
    """'11.69x8.27' (inches) -> (11.69, 8.27)."""
    if isinstance(size, str):
        parts = re.split(r"\s*[x×,]\s*", size.strip().lower())
        if len(parts) != 2:
            raise ValueError(f"size must be WIDTHxHEIGHT in inches, e.g. 11.69x8.27, not {size!r}")
        try:
            width, height = float(parts[0]), float(parts[1])
        except ValueError:
            raise ValueError(f"size must be WIDTHxHEIGHT in inches, e.g. 11.69x8.27, not {size!r}") from None
        return width, height
    width, height = size
    return float(width), float(height)


def _words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", name.casefold()))


def names_match(query: str, name: str) -> bool:
    """Whether `query` names the same entity as `name`: equal, or a whole-word part of it.

    'Putin' matches 'Vladimir Putin'; 'Alaska' matches 'Anchorage, Alaska'; 'Put' matches nothing.
    """
    query_words, name_words = _words(query), _words(name)
    if not query_words or len(query_words) > len(name_words):
        return False
    width = len(query_words)
    return any(
        name_words[index : index + width] == query_words for index in range(len(name_words) - width + 1)
    )


def involves(event: Event, entity: str) -> bool:
    """Whether the event names the entity among its participants, places or organisations."""
    return any(
        names_match(entity, name) for name in (*event.participants, *event.places, *event.organizations)
    )


def original_article_ids(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the id of the article it copies (itself when it is no copy)."""
    return {article.id: article.duplicate_of or article.id for article in articles}


def source_count(event: Event, originals: Mapping[str, str] | None = None) -> int:
    """How many distinct articles report the event; a copy of an article counts as that article."""
    originals = originals or {}
    return len({originals.get(source.article, source.article) for source in event.sources})


def overlaps(event: Event, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    """Whether the event's interval meets [date_from, date_to]; an undated event meets no bounded range."""
    if date_from is None and date_to is None:
        return True
    if event.start_date is None or event.end_date is None:
        return False
    if date_from is not None and event.end_date < date_from:
        return False
    return date_to is None or event.start_date <= date_to


def select_events(
    events: Iterable[Event], options: FigureOptions, articles: Sequence[Article] = ()
) -> list[Event]:
    """The events the options let through, in chronological order (undated last, then by id)."""
    originals = original_article_ids(articles)
    chosen = [
        event
        for event in events
        if overlaps(event, options.date_from, options.date_to)
        and (options.entity is None or involves(event, options.entity))
        and source_count(event, originals) >= options.min_sources
    ]
    return sorted(chosen, key=chronological_key)


def chronological_key(event: Event) -> tuple[bool, dt.date, dt.date, str]:
    undated = event.start_date is None
    start = event.start_date or dt.date.max
    end = event.end_date or start
    return undated, start, end, event.id


def describe_filters(options: FigureOptions) -> str:
    """The active filters in words, for the figure's subtitle and the page header ('' when none)."""
    parts = []
    if options.date_from and options.date_to:
        parts.append(f"from {options.date_from.isoformat()} to {options.date_to.isoformat()}")
    elif options.date_from:
        parts.append(f"from {options.date_from.isoformat()}")
    elif options.date_to:
        parts.append(f"up to {options.date_to.isoformat()}")
    if options.entity:
        parts.append(f"involving {options.entity}")
    if options.min_sources > 1:
        parts.append(f"reported by at least {options.min_sources} articles")
    return "; ".join(parts)


# Which of two equally sourced events stands for a place or person in the highlighted chain.
_STATUS_RANK = {"happened": 0, "reported": 1, "planned": 2, "uncertain": 3, "deadline": 4, "cancelled": 5}


def highlight_chain(
    events: Sequence[Event], terms: Sequence[str], originals: Mapping[str, str] | None = None
) -> list[tuple[str, Event]]:
    """The chain '--highlight Helsinki,Osaka,Alaska' asks for: one event per term, in time order.

    A term names a place or participant of its event (a label that names it will do when no
    event lists it). Among several, the one reported by most articles stands for the term, then
    the one that happened, then the earliest. Terms that name no dated event drop out.
    """
    chosen: dict[str, tuple[str, Event]] = {}
    dated = [event for event in events if event.start_date is not None]
    for term in terms:
        candidates = [
            event
            for event in dated
            if event.id not in chosen
            and any(names_match(term, name) for name in (*event.places, *event.participants))
        ] or [event for event in dated if event.id not in chosen and names_match(term, event.label)]
        if candidates:
            best = min(
                candidates,
                key=lambda event: (
                    -source_count(event, originals),
                    _STATUS_RANK.get(event.status, 5),
                    chronological_key(event),
                ),
            )
            chosen[best.id] = (term, best)
    return sorted(chosen.values(), key=lambda pair: chronological_key(pair[1]))


def most_reported(
    events: Sequence[Event], originals: Mapping[str, str] | None = None, limit: int = 5
) -> list[Event]:
    """The events reported by most articles (at least two), to emphasise when no chain is asked for."""
    counted = [(source_count(event, originals), event) for event in events if event.start_date is not None]
    ranked = sorted(
        (pair for pair in counted if pair[0] >= 2), key=lambda pair: (-pair[0], chronological_key(pair[1]))
    )
    return [event for _, event in ranked[:limit]]
