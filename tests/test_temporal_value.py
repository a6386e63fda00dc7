"""The typed value the resolvers build: a few operations, written out as TIMEX3 only at the end."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from timeline.temporal.value import (
    Every,
    Undated,
    aligned,
    at_clock,
    between,
    duration_of,
    half_point,
    in_part,
    nearest_weekday,
    on_day,
    plus,
    season_point,
    shifted,
    timex,
)

THURSDAY = dt.date(2025, 8, 7)


@pytest.mark.parametrize(
    ("unit", "amount", "grain", "value"),
    [
        ("M", -2, "M", "2025-06"),  # two months ago
        ("W", -1, "W", "2025-W31"),  # last week
        ("Q", 1, "Q", "2025-Q4"),  # next quarter
        ("DE", -1, "Y", "2015"),  # a decade ago names a year
        ("D", 3, "D", "2025-08-10"),  # three days later
    ],
)
def test_shift_then_align(unit: str, amount: int, grain: str, value: str) -> None:
    assert timex(aligned(shifted(on_day(THURSDAY), unit, amount), grain)) == value


def test_a_month_shifted_from_its_last_day_keeps_to_the_month() -> None:
    assert timex(shifted(on_day(dt.date(2025, 1, 31)), "M", 1)) == "2025-02-28"


@pytest.mark.parametrize(
    ("weekday", "tense", "value"),
    [
        (5, "past", "2025-08-01"),
        (5, "future", "2025-08-08"),
        (5, None, "2025-08-08"),
        (2, None, "2025-08-05"),
        (4, "past", "2025-08-07"),
        (4, "future", "2025-08-07"),
    ],
)
def test_nearest_weekday_by_tense(weekday: int, tense: str | None, value: str) -> None:
    assert timex(nearest_weekday(on_day(THURSDAY), weekday, tense)) == value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (at_clock(on_day(THURSDAY), 10, 35), "2025-08-07T10:35"),
        (in_part(on_day(THURSDAY), "NI"), "2025-08-07TNI"),
        (at_clock(in_part(on_day(THURSDAY), "MO"), 9, 5), "2025-08-07T09:05"),  # the clock is finer
        (season_point(2024, "WI"), "2024-WI"),
        (Undated(month=8, day=7), "XXXX-08-07"),
        (Undated(month=8), "XXXX-08"),
        (Undated(season="SU"), "XXXX-SU"),
        (in_part(Undated(weekday=5), "MO"), "XXXX-WXX-5TMO"),
        (at_clock(Undated(), 22, 0), "XXXX-XX-XXT22:00"),
        (Every(Undated(weekday=2, part="NI")), "XXXX-WXX-2TNI"),
        (Every(Undated(month=8)), "XXXX-08"),
    ],
)
def test_times_seasons_undated_and_sets_are_written_by_timex(value: object, written: str) -> None:
    assert timex(value) == written


def test_a_season_holds_its_months() -> None:
    assert season_point(2024, "WI").day == dt.date(2024, 12, 1)
    assert season_point(2025, "SP").day == dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (half_point(2025, 2), "2025-H2"),
        (Undated(quarter=3), "XXXX-Q3"),
        (Undated(half=1), "XXXX-H1"),
        (between(Undated(weekday=1), Undated(weekday=3)), "XXXX-WXX-1/XXXX-WXX-3"),
        (between(Undated(month=5, day=8), Undated(month=5, day=10)), "XXXX-05-08/XXXX-05-10"),
        (between(on_day(THURSDAY), on_day(dt.date(2025, 8, 9))), "2025-08-07/2025-08-09"),
    ],
)
def test_halves_undated_periods_and_ranges(value: object, written: str) -> None:
    assert timex(value) == written


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (duration_of(Fraction(30), "D"), "P30D"),
        (duration_of(Fraction(5, 2), "Y"), "P2Y6M"),  # a fraction in the next smaller unit
        (duration_of(Fraction(11, 2), "H"), "PT5H30M"),
        (duration_of(Fraction(3, 2), "W"), "P1.5W"),  # no smaller unit to write it in
        (duration_of(Fraction(1), "DE"), "P10Y"),
        (duration_of("X", "Y"), "PXY"),
        (duration_of("X", "H"), "PTXH"),
        (plus(duration_of(Fraction(1), "D"), duration_of(Fraction(2), "H")), "P1DT2H"),
        (plus(duration_of(Fraction(3), "Y"), duration_of(Fraction(8), "M")), "P3Y8M"),
        (Every(duration_of(Fraction(2), "W")), "P2W"),
    ],
)
def test_durations_are_written_by_timex(value: object, written: str) -> None:
    assert timex(value) == written
