"""A resolved point in time, typed: a day it holds and the calendar unit (grain) it is known to.

Resolvers build a `Point` with a few composable operations and write it out as a TIMEX3 value
only at the end (`timex`):

    timex(aligned(shifted(on_day(reference), "M", -2), "M"))   # "two months ago" -> 2025-08
    timex(nearest_weekday(on_day(reference), 5, "past"))       # "on Friday", told in the past

Grains are the TIMEX3 calendar units of calendar_math: D (day), W (ISO week), WE (its weekend),
M, Q, Y, DE (decade), CE (century).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from timeline.temporal.calendar_math import shift, value_at


@dataclass(frozen=True, slots=True)
class Point:
    """The GRAIN that holds DAY: the day itself, its week, month, quarter, year, decade or century."""

    day: dt.date
    grain: str = "D"


@dataclass(frozen=True, slots=True)
class Interval:
    """From the start of FIRST to the end of LAST ("May 8-10", "from June to August")."""

    first: Point
    last: Point


def on_day(day: dt.date) -> Point:
    return Point(day, "D")


def calendar_point(year: int, month: int | None = None, day: int | None = None) -> Point:
    """A year, a month of a year or a day, as written; raises ValueError for one that does not exist."""
    if month is None:
        return Point(dt.date(year, 1, 1), "Y")
    if day is None:
        return Point(dt.date(year, month, 1), "M")
    return Point(dt.date(year, month, day), "D")


def quarter_point(year: int, number: int) -> Point:
    """The NUMBERth quarter of YEAR."""
    return Point(dt.date(year, 3 * number - 2, 1), "Q")


def between(first: Point, last: Point) -> Interval:
    return Interval(first, last)


def shifted(point: Point, unit: str, amount: int) -> Point:
    """POINT moved by AMOUNT UNITs (its grain kept): a month from January 31 is February 28."""
    return replace(point, day=shift(point.day, unit, amount))


def aligned(point: Point, grain: str) -> Point:
    """The GRAIN that holds POINT's day: the week of a day, the year of a month."""
    return replace(point, grain=grain)


def nearest_weekday(point: Point, weekday: int, tense: str | None) -> Point:
    """The day on ISO WEEKDAY nearest POINT's day: the one before or on it when TENSE is "past", on or
    after it when "future", else the nearer either way (the day itself when it is that weekday)."""
    base = point.day
    difference = weekday - base.isoweekday()
    forward, backward = difference % 7, (-difference) % 7
    if tense == "future" or (tense != "past" and forward < backward):
        return Point(base + dt.timedelta(days=forward), "D")
    return Point(base - dt.timedelta(days=backward), "D")


def timex(value: Point | Interval) -> str:
    """VALUE as a TIMEX3 value: 2025-08-07, 2025-W33, 2025-W33-WE, 2025-08, 2025-Q3, 2025, 202, 20;
    an interval as its two ends, 2025-06/2025-08."""
    if isinstance(value, Interval):
        return f"{timex(value.first)}/{timex(value.last)}"
    return value_at(value.day, value.grain)
