"""Calendar arithmetic on TIMEX3 units: shifting a day by months or quarters, movable feasts,
and the TIMEX3 value of a day at a given granularity."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """DAY moved by MONTHS calendar months, clamped to the month's last day (Mar 31 - 1 month = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """DAY moved by AMOUNT units (D, W, M, Q, Y, DE, CE)."""
    if unit == "D":
        return day + dt.timedelta(days=amount)
    if unit == "W":
        return day + dt.timedelta(weeks=amount)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * amount
    return add_months(day, months)


def value_at(day: dt.date, unit: str) -> str:
    """The TIMEX3 value of the UNIT that holds DAY: 2025-08-20 at W is 2025-W34."""
    if unit == "D":
        return day.isoformat()
    if unit == "W":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "WE":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}-WE"
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}"
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if unit == "Y":
        return f"{day.year:04d}"
    if unit == "DE":
        return f"{day.year // 10:03d}"
    if unit == "CE":
        return f"{day.year // 100:02d}"
    raise ValueError(f"no calendar unit {unit}")


# The shape of an unanchored value per unit, for texts without a reference date.
UNANCHORED = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "M": "XXXX-XX",
    "Q": "XXXX-QX",
    "Y": "XXXX",
    "DE": "XXX",
    "CE": "XX",
}


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The NTH WEEKDAY (1 = Monday) of a month; NTH = -1 for the last one."""
    if nth > 0:
        first = dt.date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


# Movable feasts of the holiday table (lexicon.yaml): the day they fall on in a given year.
MOVABLE_HOLIDAYS = {
    "easter": easter,
    "good_friday": lambda year: easter(year) - dt.timedelta(days=2),
    "thanksgiving": lambda year: nth_weekday(year, 11, 4, 4),  # US: fourth Thursday of November
    "memorial_day": lambda year: nth_weekday(year, 5, 1, -1),
    "labor_day": lambda year: nth_weekday(year, 9, 1, 1),
    "mothers_day": lambda year: nth_weekday(year, 5, 7, 2),
    "fathers_day": lambda year: nth_weekday(year, 6, 7, 3),
    "mlk_day": lambda year: nth_weekday(year, 1, 1, 3),
    # US: the Tuesday after the first Monday of November.
    "us_election_day": lambda year: nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1),
}
