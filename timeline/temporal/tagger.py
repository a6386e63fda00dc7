"""The temporal tagger: find the temporal expressions of a text and resolve them.

    tag(text, dct=None, start=0, end=None) -> list[TimeExpr]

Finds expressions with the grammar of resources/<language>/*.yaml (finder.py), then resolves them in text
order (resolvers/) against the reference date DCT and, for anaphoric ones ("a day later",
"that Friday", "the year-ago quarter"), against the expression they refer back to. Each
TimeExpr's `anchor` says what it was resolved against: "dct", or "text:START:END", the offsets
of that earlier expression in the same text; None for absolute values.

START/END tag only the slice text[start:end] (a teaser on a page has its own reference date)
while keeping all offsets into the whole text; cues and anaphora stay inside the slice.
The result is sorted, non-overlapping, and `text[e.start:e.end] == e.text`. It never raises on
any text: a match that cannot be resolved (February 30, a date outside years 1-9999) is dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from timeline.model import TimeExpr
from timeline.temporal.cues import caption_scene, governed_by_past, orientation
from timeline.temporal.finder import find_candidates, select
from timeline.temporal.grammar import grammar
from timeline.temporal.resolvers import RESOLVERS, Context
from timeline.temporal.timex import (
    date_part_of_value,
    day_of_value,
    in_known_year,
    interval_of,
    month_day_of_value,
    year_of_value,
)

# A day as ISO 8601 writes it in extended form; a time may follow. Not a week ("2025-W32").
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?![\d])")


@dataclass(frozen=True, slots=True)
class Reference:
    """The reference date at the precision it is known: a day, or only a month or a year.

    Only a day anchors "on Tuesday" or "yesterday"; a year still dates "August 6" (XXXX-08-06)
    written without one.
    """

    day: dt.date | None = None
    year: int | None = None
    precision: str | None = None  # "day", "month", "year" (or the granularity of a coarser value)


def reference_of(dct: dt.date | str | None) -> Reference:
    """DCT as a Reference: a date, a datetime, an ISO day (only its first ten characters count), a
    TIMEX3 value of a coarser date ("2025", "2025-08", "2025-W32"), or None."""
    if dct is None or dct == "":
        return Reference()
    if isinstance(dct, dt.datetime):
        return Reference(dct.date(), dct.year, "day")
    if isinstance(dct, dt.date):
        return Reference(dct, dct.year, "day")
    written = str(dct).strip()
    if _ISO_DAY.match(written):
        try:
            day = dt.date.fromisoformat(written[:10])
            return Reference(day, day.year, "day")
        except ValueError:
            pass
    first_day, _, granularity = interval_of(written)
    if first_day is None:
        raise ValueError(f"not a reference date in the form YYYY-MM-DD (or YYYY-MM, YYYY): {dct!r}")
    return Reference(None, year_of_value(written), granularity)


def reference_date(dct: dt.date | str | None) -> dt.date | None:
    """The day of DCT (see reference_of), None when it is not known to the day."""
    return reference_of(dct).day


def tag(
    text: str, dct: dt.date | str | None = None, start: int = 0, end: int | None = None
) -> list[TimeExpr]:
    """The temporal expressions of text[start:end], resolved against DCT, with offsets into TEXT."""
    return [expression for expression, _groups in _tagged(text, dct, start, end)]


@dataclass(frozen=True, slots=True)
class WrittenDay:
    """A day a text names by its calendar date, read without a reference date: "Tuesday, October 21,
    2025" (its year known), "Aug 7" (not), with the ISO weekday written beside it, if any."""

    expression: TimeExpr  # value 2025-10-21, or XXXX-08-07 when no year is written
    month: int
    day: int
    year: int | None
    weekday: int | None


def written_days(text: str, start: int = 0, end: int | None = None) -> list[WrittenDay]:
    """The days text[start:end] names by month and day (with or without a year), in text order.

    What dates an article (dating.py) is read with the tagger's own grammar; only the weekday
    written with a date, which resolution ignores, is added here, so that a page whose header says
    "Monday, October 21, 2025" (a Tuesday) can be caught out."""
    compiled = grammar()
    days = []
    for expression, groups in _tagged(text, None, start, end):
        # Absolute expressions only: a clock time after a date takes that date, but names none.
        written = date_part_of_value(expression.value)
        month_day = month_day_of_value(written)
        if expression.anchor is not None or month_day is None:
            continue
        known = day_of_value(written)
        name = groups.get("weekday")
        weekday = None
        if name:
            weekday = compiled.lookup("weekday", name) or compiled.lookup("weekday_abbreviation", name)
        month, day = month_day
        days.append(WrittenDay(expression, month, day, known.year if known else None, weekday))
    return days


def _tagged(
    text: str, dct: dt.date | str | None, start: int, end: int | None
) -> list[tuple[TimeExpr, dict[str, str]]]:
    """Every expression of text[start:end] with the groups of the rule match it was resolved from."""
    if not isinstance(text, str):
        raise TypeError(f"tag: text must be a str, not {type(text).__name__}")
    known = reference_of(dct)
    reference = known.day
    lower = max(0, min(start, len(text)))
    upper = len(text) if end is None else max(lower, min(end, len(text)))
    compiled = grammar()
    expressions: list[TimeExpr] = []
    tagged: list[tuple[TimeExpr, dict[str, str]]] = []
    for candidate in select(find_candidates(compiled, text, lower, upper), lower, upper):
        context = Context(
            grammar=compiled,
            reference=reference,
            history=expressions,
            orientation=lambda candidate=candidate: orientation(
                text, candidate.start, candidate.end, lower, upper
            ),
            position=candidate.start,
            text=text,
            governed_by_past=lambda candidate=candidate: governed_by_past(
                text, candidate.start, candidate.end, lower, upper
            ),
            caption_scene=lambda candidate=candidate: caption_scene(
                text, candidate.start, candidate.end, lower, upper
            ),
        )
        try:
            resolution = RESOLVERS[candidate.rule.resolver](
                candidate.groups, candidate.rule.arguments, context
            )
            if resolution is None:
                continue
            value, anchor = resolution.value, resolution.anchor
            if reference is None and known.year is not None and (dated := in_known_year(value, known.year)):
                # A reference known only to its year or month still dates "August 6" (XXXX-08-06).
                value, anchor = dated, anchor or "year"
            start_date, end_date, granularity = interval_of(value)
        except (ValueError, OverflowError, ZeroDivisionError):
            # Well-shaped but impossible ("February 30", a year past 9999): not a date.
            continue
        expression = TimeExpr(
            start=candidate.start,
            end=candidate.end,
            text=text[candidate.start : candidate.end],
            type=resolution.type,
            value=value,
            start_date=start_date,
            end_date=end_date,
            granularity=granularity,
            mod=resolution.mod,
            rule=candidate.rule.name,
            anchor=anchor,
        )
        expressions.append(expression)
        tagged.append((expression, candidate.groups))
    return tagged
