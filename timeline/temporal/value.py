"""A resolved point in time, typed: a day it holds and the calendar unit (grain) it is known to.

Resolvers build a `Point` with a few composable operations and write it out as a TIMEX3 value
only at the end (`timex`):

    timex(aligned(shifted(on_day(reference), "M", -2), "M"))   # "two months ago" -> 2025-08
    timex(nearest_weekday(on_day(reference), 5, "past"))       # "on Friday", told in the past

Grains are the TIMEX3 calendar units of calendar_math: D (day), W (ISO week), WE (its weekend),
M, Q, Y, DE (decade), CE (century); and H (half year) and the seasons SP, SU, FA, WI. A day may
carry a clock time or a part of the day. A calendar position whose year is unknown ("August 7",
"Friday" without a reference date) is `Undated`; what recurs ("every Monday night") is `Every`
such position.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from fractions import Fraction

from timeline.temporal.calendar_math import shift, value_at

# Seasons in the order they come within their year (spring from March, summer from June, fall
# from September, winter from December, written with the year of its December).
SEASONS = ("SP", "SU", "FA", "WI")


@dataclass(frozen=True, slots=True)
class Point:
    """The GRAIN that holds DAY: the day itself, its week, month, quarter, season, year, decade or
    century; a day may be narrowed to a CLOCK time (hour, minute) or a PART of the day (MO, AF, EV, NI)."""

    day: dt.date
    grain: str = "D"
    clock: tuple[int, int] | None = None
    part: str | None = None


@dataclass(frozen=True, slots=True)
class Undated:
    """A calendar position without its year: a month (and day), a season, a weekday of an unknown
    week, or a day not known at all; with a clock time or part of the day, as a Point."""

    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    clock: tuple[int, int] | None = None
    part: str | None = None


@dataclass(frozen=True, slots=True)
class Every:
    """A set: every time at POSITION ("every Monday night" XXXX-WXX-1TNI, "every August" XXXX-08),
    or every so long ("every two weeks" P2W)."""

    position: Undated | Duration


@dataclass(frozen=True, slots=True)
class Interval:
    """From the start of FIRST to the end of LAST ("May 8-10", "from June to August")."""

    first: Point | Undated
    last: Point | Undated


@dataclass(frozen=True, slots=True)
class Duration:
    """An amount of time, in parts of one unit each: "three years and eight months" is ((3, Y), (8, M)).
    A count of "X" is an unknown number ("years": PXY). Units are those of calendar_math (TM is
    minutes, M months)."""

    parts: tuple[tuple[Fraction | str, str], ...]


# The units written after the "T" of a duration, and how: minutes are "M" there.
_TIME_UNITS = {"S": "S", "TM": "M", "H": "H"}
# Units a duration writes in another: a fortnight is two weeks, a decade ten years.
_MULTIPLE_UNITS = {"2W": ("W", 2), "DE": ("Y", 10), "CE": ("Y", 100)}
# A fraction of a unit is written, as TimeML annotates it, in the next smaller one when that is
# whole: "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M, "a minute and a half" PT1M30S.
_FRACTION_UNIT = {"Y": ("M", 12), "H": ("TM", 60), "TM": ("S", 60)}


def duration_of(count: Fraction | str, unit: str) -> Duration:
    """COUNT UNITs ("X" for an unknown count) as a duration."""
    if unit in _MULTIPLE_UNITS:
        unit, times = _MULTIPLE_UNITS[unit]
        count = count * times if isinstance(count, Fraction) else count
    if isinstance(count, str):
        return Duration(((count, unit),))
    whole, remainder = divmod(count, 1)
    smaller = _FRACTION_UNIT.get(unit)
    if remainder and smaller and (remainder * smaller[1]).denominator == 1:
        fraction_part = (Fraction(remainder * smaller[1]), smaller[0])
        return Duration(((Fraction(whole), unit), fraction_part) if whole else (fraction_part,))
    return Duration(((count, unit),))


def plus(first: Duration, second: Duration) -> Duration:
    """FIRST and then SECOND: "three years and eight months"."""
    return Duration(first.parts + second.parts)


def _number(count: Fraction | str) -> str:
    if isinstance(count, str) or count.denominator == 1:
        return str(count)
    return f"{float(count):.6g}"


def _duration_timex(duration: Duration) -> str:
    """P30D, P3Y6M, PT2H30M, P1DT2H, PXY."""
    parts = duration.parts
    dates = "".join(f"{_number(count)}{unit}" for count, unit in parts if unit not in _TIME_UNITS)
    times = "".join(f"{_number(count)}{_TIME_UNITS[unit]}" for count, unit in parts if unit in _TIME_UNITS)
    return f"P{dates}" + (f"T{times}" if times else "")


def on_day(day: dt.date) -> Point:
    return Point(day, "D")


def calendar_point(year: int, month: int | None = None, day: int | None = None) -> Point:
    """A year, a month of a year or a day, as written; raises ValueError for one that does not exist."""
    if month is None:
        return Point(dt.date(year, 1, 1), "Y")
    if day is None:
        return Point(dt.date(year, month, 1), "M")
    return Point(dt.date(year, month, day), "D")


def season_point(year: int, season: str) -> Point:
    """SEASON (SP, SU, FA, WI) of YEAR; the winter of 2024 runs into 2025."""
    return Point(dt.date(year, 3 * (SEASONS.index(season) + 1), 1), season)


def at_clock(value: Point | Undated, hour: int, minute: int) -> Point | Undated:
    """VALUE's day at HOUR:MINUTE."""
    return replace(value, clock=(hour, minute), part=None)


def in_part(value: Point | Undated, part: str | None) -> Point | Undated:
    """VALUE's day in PART of the day (MO, AF, EV, NI); VALUE itself for no part."""
    return replace(value, part=part) if part else value


def quarter_point(year: int, number: int) -> Point:
    """The NUMBERth quarter of YEAR."""
    return Point(dt.date(year, 3 * number - 2, 1), "Q")


def half_point(year: int, number: int) -> Point:
    """The NUMBERth half (1 or 2) of YEAR."""
    return Point(dt.date(year, 6 * number - 5, 1), "H")


def between(first: Point | Undated, last: Point | Undated) -> Interval:
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


def timex(value: Point | Interval | Undated | Every | Duration) -> str:
    """VALUE as a TIMEX3 value: 2025-08-07, 2025-08-07T10:35, 2025-08-07TNI, 2025-W33, 2025-W33-WE,
    2025-08, 2025-Q3, 2025-H2, 2025-SU, 2025, 202, 20; XXXX-08-07, XXXX-WXX-5, XXXX-Q3, XXXX-XX-XX; an
    interval as its two ends, 2025-06/2025-08; a set as the position that recurs."""
    if isinstance(value, Interval):
        return f"{timex(value.first)}/{timex(value.last)}"
    if isinstance(value, Every):
        return timex(value.position)
    if isinstance(value, Duration):
        return _duration_timex(value)
    if isinstance(value, Undated):
        if value.weekday is not None:
            written = f"XXXX-WXX-{value.weekday}"
        elif value.season is not None:
            written = f"XXXX-{value.season}"
        elif value.quarter is not None:
            written = f"XXXX-Q{value.quarter}"
        elif value.half is not None:
            written = f"XXXX-H{value.half}"
        elif value.month is not None:
            written = f"XXXX-{value.month:02d}" + (f"-{value.day:02d}" if value.day is not None else "")
        else:
            written = "XXXX-XX-XX"
    elif value.grain in SEASONS:
        written = f"{value.day.year:04d}-{value.grain}"
    elif value.grain == "H":
        written = f"{value.day.year:04d}-H{1 if value.day.month <= 6 else 2}"
    else:
        written = value_at(value.day, value.grain)
    if value.clock is not None:
        return f"{written}T{value.clock[0]:02d}:{value.clock[1]:02d}"
    return f"{written}T{value.part}" if value.part else written
