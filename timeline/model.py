"""The plain records that flow through the pipeline.

Article -> TimeExpr -> Sentence / Mention -> Event -> graph -> figures.
Every span is a pair of character offsets into the article's text exactly as read;
no stage copies or normalises the text it points into.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

_Record = TypeVar("_Record")


def pickled_by_fields(cls: type[_Record]) -> type[_Record]:
    """Pickle a frozen, slotted dataclass as its class and its field values, loaded by calling it.

    A build served from the cache loads every article's records: the dataclasses' own
    __setstate__ looks up the fields and sets them one by one, and took twice as long."""
    values = operator.attrgetter(*(item.name for item in fields(cls)))

    def __reduce__(self: _Record) -> tuple:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls

# The precision a resolved date can carry (CONTRACT.md, "Dates and precision").
GRANULARITIES = (
    "instant", "day", "week", "month", "quarter", "season", "year",
    "decade", "century", "interval", "fuzzy", "unknown",
)

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

# Where an article's reference date came from, in the contract's order of precedence.
DATE_SOURCES = ("cli", "metadata", "manifest", "dateline", "inferred", "none")

EVENT_STATUSES = ("happened", "planned", "deadline", "cancelled", "reported", "uncertain")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One temporal expression found in a text and resolved against a reference date."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2025-08, 2025-W33, P30D, XXXX-WXX-5, PAST_REF ...
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    mod: str | None = None  # TIMEX3 mod: APPROX, START, MID, END, BEFORE, AFTER ...
    rule: str = ""  # name of the grammar rule that found it
    # what a relative value was resolved against: "dct", or "text:START:END" (the earlier expression), None
    anchor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "granularity": self.granularity,
        }
        if self.mod:
            record["mod"] = self.mod
        if self.rule:
            record["rule"] = self.rule
        if self.anchor:
            record["anchor"] = self.anchor
        return record


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of one file that is a story of its own (the main article, or a teaser)."""

    start: int
    end: int
    kind: str  # "main" | "teaser"
    title: str | None = None
    source: str | None = None
    date: str | None = None  # ISO day or coarser TIMEX3 value
    date_source: str = "none"
    # A teaser's age when the page was saved, as a TIMEX3 duration ("3 hours ago" -> "PT3H").
    age: str | None = None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "date": self.date,
            "date_source": self.date_source,
        }
        if self.age:
            record["age"] = self.age
        return record


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One input document, read and dated.

    `text` is the text as read (CONTRACT.md): for .txt/.md the whole decoded file, front matter
    included, so that offsets index the file itself. `body_start` is where the text proper begins.
    """

    id: str
    path: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    date: str | None = None
    date_source: str = "none"
    body_start: int = 0
    segments: tuple[Segment, ...] = ()
    duplicate_of: str | None = None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def outlet(self) -> str | None:
        """The outlet that published the article; None when none is named or it is 'unknown'
        (manifests write 'unknown' for an unattributed copy, which names no outlet)."""
        return self.source if self.source and self.source != "unknown" else None

    @property
    def reference_date(self) -> dt.date | None:
        """The article date as a calendar day, when it is known to the day."""
        if self.date and len(self.date) == 10:
            try:
                return dt.date.fromisoformat(self.date)
            except ValueError:
                return None
        return None

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "date": self.date,
            "date_source": self.date_source,
            "segments": [segment.to_dict() for segment in self.segments],
            "duplicate_of": self.duplicate_of,
            "errors": list(self.errors),
        }
        if self.lang:
            record["lang"] = self.lang
        if self.warnings:
            record["warnings"] = list(self.warnings)
        return record


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    """A person, organisation or place named in a text, with the canonical name it refers to."""

    start: int
    end: int
    text: str
    kind: str  # person | organization | place
    name: str  # canonical name, aliases merged ("Zelenskyy" -> "Volodymyr Zelensky")


@dataclass(frozen=True, slots=True)
class Source:
    """Where an event is reported: the sentence that dates it and the expression that did."""

    article: str
    start: int
    end: int
    text: str
    timex: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "timex": self.timex,
        }


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    label: str
    value: str
    start_date: dt.date | None
    end_date: dt.date | None
    granularity: str
    status: str  # happened | planned | deadline | cancelled | reported | uncertain
    participants: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    trigger: str = ""
    # ids of events the text places before this one ("Helsinki and then Osaka")
    after: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "value": self.value,
            "start_date": _iso(self.start_date),
            "end_date": _iso(self.end_date),
            "granularity": self.granularity,
            "status": self.status,
            "participants": list(self.participants),
            "places": list(self.places),
            "organizations": list(self.organizations),
            "sources": [source.to_dict() for source in self.sources],
            "trigger": self.trigger,
            "after": list(self.after),
        }
        record.update(self.extra)
        return record
