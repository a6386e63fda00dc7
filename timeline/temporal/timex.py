"""TIMEX3 values and the calendar intervals they cover.

A TIMEX3 value says both *when* and *how precisely*: `2025-08` is a month, `2025-W33` a week,
`201` a decade. `interval_of` turns a value into the inclusive range of calendar days it covers
and its granularity, as docs/CONTRACT.md defines them. Values are kept as TimeML writes them;
`A/B` (an ISO 8601 interval of two TIMEX3 values) is our extension for ranges such as
"between 2017 and 2019".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

# Meteorological seasons, as (first month, length in months); winter runs into the next year.
SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
# TimeML parts of a day; they stay within the day they belong to.
PART_OF_DAY = {"MO", "MI", "AF", "EV", "NI", "DT"}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|MI|AF|EV|NI|DT)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_WEEKEND = re.compile(r"^(\d{4})-W(\d{2})-WE$")
_WEEK_DAY = re.compile(r"^(\d{4})-W(\d{2})-([1-7])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_OF_MONTH = re.compile(r"^(\d{4})-(\d{2})-XX$")  # a day of the month, not known which
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_DURATION = re.compile(r"^PT?[\dX.]+[YMWDHS]")
_UNANCHORED_SHAPES = (
    (re.compile(r"^XXXX-WXX-\d$"), "day"),
    (re.compile(r"^XXXX-XX-\d\d$"), "day"),
    (re.compile(r"^XXXX-\d\d-\d\d$"), "day"),
    (re.compile(r"^XXXX-\d\d$"), "month"),
    (re.compile(r"^XXXX-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^XXXX-Q\d$"), "quarter"),
    (re.compile(r"^XXXX-WXX(-WE)?$"), "week"),
    (re.compile(r"^XXXX(-XX(-XX)?)?T"), "instant"),
)
_DURATION_UNIT_GRANULARITY = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "H": "instant",
    "S": "instant",
    "DE": "decade",
    "CE": "century",
    "Q": "quarter",
}


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_span(year: int, first_month: int, months: int) -> tuple[dt.date, dt.date]:
    last_month_index = (first_month - 1) + months - 1
    end_year = year + last_month_index // 12
    end_month = last_month_index % 12 + 1
    return dt.date(year, first_month, 1), _last_day(end_year, end_month)


def _iso_week(year: int, week: int) -> tuple[dt.date, dt.date]:
    monday = dt.date.fromisocalendar(year, week, 1)
    return monday, monday + dt.timedelta(days=6)


def _year_span(first_year: int, years: int) -> tuple[dt.date, dt.date]:
    first_year = max(first_year, dt.MINYEAR)
    last_year = min(first_year + years - 1, dt.MAXYEAR)
    return dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)


def _calendar_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    """Interval and granularity of an anchored calendar value, or None for anything else."""
    if match := _DAY.match(value):
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        return day, day, "day"
    if match := _TIME.match(value):
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        return day, day, "instant"
    if match := _WEEK.match(value):
        return (*_iso_week(int(match[1]), int(match[2])), "week")
    if match := _WEEKEND.match(value):
        monday, _ = _iso_week(int(match[1]), int(match[2]))
        return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "interval"
    if match := _WEEK_DAY.match(value):
        day = dt.date.fromisocalendar(int(match[1]), int(match[2]), int(match[3]))
        return day, day, "day"
    if match := _MONTH.match(value) or _DAY_OF_MONTH.match(value):
        return (*_month_span(int(match[1]), int(match[2]), 1), "month")
    if match := _QUARTER.match(value):
        return (*_month_span(int(match[1]), 3 * int(match[2]) - 2, 3), "quarter")
    if match := _HALF.match(value):
        return (*_month_span(int(match[1]), 6 * int(match[2]) - 5, 6), "interval")
    if match := _SEASON.match(value):
        year, first_month = int(match[1]), SEASON_MONTHS[match[2]]
        if first_month == 12 and year == dt.MAXYEAR:
            return dt.date(year, 12, 1), dt.date(year, 12, 31), "season"
        return (*_month_span(year, first_month, 3), "season")
    if match := _YEAR.match(value):
        return (*_year_span(int(match[1]), 1), "year")
    if match := _DECADE.match(value):
        return (*_year_span(int(match[1]) * 10, 10), "decade")
    if match := _CENTURY.match(value):
        return (*_year_span(int(match[1]) * 100, 100), "century")
    return None


def duration_granularity(value: str) -> str:
    """The largest unit a duration is counted in: P30D -> day, P3Y6M -> year, PT2H -> instant."""
    match = re.search(r"(DE|CE|[YMWDHSQ])", value.removeprefix("P").removeprefix("T"))
    if not match:
        return "unknown"
    if value.startswith("PT") and match[1] == "M":
        return "instant"
    return _DURATION_UNIT_GRANULARITY.get(match[1], "unknown")


def interval_of(value: str) -> tuple[dt.date | None, dt.date | None, str]:
    """The inclusive day interval a TIMEX3 value covers, and its granularity.

    >>> interval_of("2025-W33")
    (datetime.date(2025, 8, 11), datetime.date(2025, 8, 17), 'week')
    >>> interval_of("P30D")
    (None, None, 'day')
    """
    if not value:
        return None, None, "unknown"
    if "/" in value:
        first, _, last = value.partition("/")
        first_span, last_span = _safe_interval(first), _safe_interval(last)
        if first_span and last_span and first_span[0] <= last_span[1]:
            return first_span[0], last_span[1], "interval"
        return None, None, "interval"
    span = _safe_interval(value)
    if span:
        return span
    if value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return None, None, "fuzzy"
    if _DURATION.match(value):
        return None, None, duration_granularity(value)
    for shape, granularity in _UNANCHORED_SHAPES:
        if shape.match(value):
            return None, None, granularity
    return None, None, "unknown"


def _safe_interval(value: str) -> tuple[dt.date, dt.date, str] | None:
    try:
        return _calendar_interval(value)
    except ValueError:
        # Well-shaped but impossible (2025-02-30, week 54, year 0): no interval rather than a wrong one.
        return None


def value_of_day(day: dt.date) -> str:
    return day.isoformat()


def value_of_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def value_of_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


# Reading the parts of a value back: the one place besides the writers that knows how a TIMEX3
# value is spelt, so that the resolvers ask for a year or a quarter instead of slicing strings.
_LEADING_YEAR = re.compile(r"^(\d{4})(?![\d])")
_LEADING_MONTH = re.compile(r"^(\d{4}-\d{2})(?![\d])")
_UNDATED_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])$")
_MONTHS_DURATION = re.compile(r"^P(\d+)M$")


def year_of_value(value: str) -> int | None:
    """The year a value is in (2025 for 2025-Q3 or 2025-08-07T10:00), None if it names none."""
    match = _LEADING_YEAR.match(value)
    return int(match[1]) if match else None


def month_of_value(value: str) -> str | None:
    """The month (2025-08) a value of that month or a day of it starts with, else None."""
    match = _LEADING_MONTH.match(value)
    return match[1] if match else None


def is_month_value(value: str) -> bool:
    return _MONTH.match(value) is not None


def quarter_of_value(value: str) -> tuple[int, int] | None:
    """(year, quarter) of a quarter value (2025-Q3), else None."""
    match = _QUARTER.match(value)
    return (int(match[1]), int(match[2])) if match else None


def day_of_value(value: str) -> dt.date | None:
    """The day a day value (2025-08-07) names, else None (a time, a month, a day without a year)."""
    match = _DAY.match(value)
    return dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None


_MONTH_DAY = re.compile(r"^(?:\d{4}|XXXX)-(\d\d)-(\d\d)$")


def month_day_of_value(value: str) -> tuple[int, int] | None:
    """(month, day) of a day value, its year written (2025-08-07) or not (XXXX-08-07), else None."""
    match = _MONTH_DAY.match(value)
    return (int(match[1]), int(match[2])) if match else None


def date_part_of_value(value: str) -> str:
    """The day of a day or time value, without the time: 2025-08-07 of 2025-08-07TNI."""
    return value.partition("T")[0]


def undated_weekday(value: str) -> int | None:
    """The ISO weekday of a weekday whose date is unknown (XXXX-WXX-5), else None."""
    match = _UNDATED_WEEKDAY.match(value)
    return int(match[1]) if match else None


def in_year(value: str, year: int) -> str:
    """A value without a year (XXXX-03-31) put in YEAR (2000-03-31)."""
    return f"{year:04d}{value.removeprefix('XXXX')}" if value.startswith("XXXX") else value


_UNDATED_CALENDAR = re.compile(r"^XXXX(-\d\d(?:-\d\d)?)$")


def in_known_year(value: str, year: int) -> str | None:
    """A month or day written without its year (XXXX-08-06) put in YEAR; None for any other value."""
    match = _UNDATED_CALENDAR.match(value)
    return f"{year:04d}{match[1]}" if match else None


def months_of_duration(value: str) -> int | None:
    """How many months a duration written in months is (P9M -> 9), else None."""
    match = _MONTHS_DURATION.match(value)
    return int(match[1]) if match else None
