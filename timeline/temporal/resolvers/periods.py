"""Periods of a year: quarters (named, ended, referred back to), halves, seasons and holidays."""

from __future__ import annotations

import datetime as dt

from timeline.temporal.calendar_math import MOVABLE_HOLIDAYS
from timeline.temporal.grammar import normalise_word
from timeline.temporal.resolvers.context import Context, Groups, Resolution, resolved, text_anchor
from timeline.temporal.resolvers.dates import calendar
from timeline.temporal.resolvers.words import position_mod, relation_shift, relation_word, year_of
from timeline.temporal.timex import quarter_of_value
from timeline.temporal.value import (
    SEASONS,
    Point,
    Undated,
    aligned,
    calendar_point,
    half_point,
    on_day,
    quarter_point,
    season_point,
    shifted,
)


def _ordinal_quarter(word: str, context: Context) -> int | None:
    if word.isdigit():
        return int(word)
    number = context.grammar.lookup("ordinal", word)
    return number if number and 1 <= number <= 4 else None


def quarter(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A quarter: "the third quarter" is the latest third quarter up to the reference date."""
    number = _ordinal_quarter(groups["ordinal"], context)
    if number is None:
        return None
    reference = context.reference
    written = groups.get("year") or groups.get("year_before") or groups.get("year_after")
    year = year_of(written, reference)
    relation = relation_word(groups) or relation_word(groups, "relation_of")
    anchor = None
    if year is None and groups.get("end_month") and (reference is not None or groups.get("end_year")):
        last_day = closing_day(
            groups["end_month"], groups["end_day"], groups.get("end_year"), groups["ended"], context
        )
        if last_day is not None and isinstance(last_day.typed, Point):
            return resolved("DATE", quarter_point(last_day.typed.day.year, number), None, "dct")
    if year is None:
        if reference is None:
            return resolved("DATE", Undated(quarter=number))
        anchor = "dct"
        year = reference.year + {"last": -1, "next": 1}.get(relation or "", 0)
        current_quarter = (reference.month - 1) // 3 + 1
        if relation is None:
            if number > current_quarter and context.orientation() != "future":
                year -= 1
    return resolved("DATE", quarter_point(year, number), None, anchor)


def quarter_anaphora(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the quarter", "the latest period": the quarter last named, else the one just ended."""
    previous = context.last_quarter()
    if previous is not None:
        return Resolution("DATE", previous.value, None, f"text:{previous.start}:{previous.end}")
    # A bare "the period" is a quarter only where one was named; "the latest period" is the last one.
    if (groups.get("period") and not groups.get("latest")) or context.reference is None:
        return None
    return resolved("DATE", aligned(shifted(on_day(context.reference), "Q", -1), "Q"), None, "dct")


def closing_day(
    month_word: str, day: str, year: str | None, ended: str | None, context: Context
) -> Resolution | None:
    """The day a period is named by: "ended Sept. 30" is in the past; "ending Dec. 31" is where its
    clause points."""
    in_the_past = normalise_word(ended or "ended") == "ended"
    return calendar(
        {"month": month_word, "day": day, "year": year}, {"direction": "past"} if in_the_past else {}, context
    )


def quarter_ended(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the quarter ended July 31": the calendar quarter holding most of the three months up to that day.
    "ended" puts the day in the past; "ending" leaves it to the clause ("the quarter ending Dec. 31")."""
    last_day = closing_day(groups["month"], groups["day"], groups.get("year"), groups.get("ended"), context)
    if last_day is None:
        return None
    closing = last_day.typed
    if isinstance(closing, Point):
        middle = closing.day - dt.timedelta(days=45)
        return resolved("DATE", aligned(on_day(middle), "Q"), None, last_day.anchor)
    # Without a year, the quarter is still known: counted in a leap year, as "February 29" may be.
    middle = dt.date(2000, closing.month, closing.day) - dt.timedelta(days=45)
    return resolved("DATE", Undated(quarter=(middle.month - 1) // 3 + 1))


def year_period(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the 1988 period": the quarter under discussion, in that year; else the year."""
    year = year_of(groups["year"], context.reference)
    previous = context.last_quarter()
    if year is None:
        return None
    if previous is None:
        return resolved("DATE", calendar_point(year))
    number = quarter_of_value(previous.value)[1]
    return resolved("DATE", quarter_point(year, number), None, text_anchor(previous))


def year_ago(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the year-ago quarter": the period under discussion, one year earlier."""
    previous = context.last_quarter()
    if groups.get("ordinal"):
        number = _ordinal_quarter(groups["ordinal"], context)
        base_year = (
            quarter_of_value(previous.value)[0]
            if previous
            else (context.reference.year if context.reference else None)
        )
        if base_year is None or number is None:
            return None
        return resolved("DATE", quarter_point(base_year - 1, number))
    if previous is not None:
        year, number = quarter_of_value(previous.value)
        return resolved("DATE", quarter_point(year - 1, number), None, text_anchor(previous))
    if context.reference is None:
        return None
    if groups.get("noun") and "quarter" in groups["noun"].lower():
        a_year_before = shifted(shifted(on_day(context.reference), "Q", -1), "Y", -1)
        return resolved("DATE", aligned(a_year_before, "Q"), None, "dct")
    return resolved("DATE", calendar_point(context.reference.year - 1), None, "dct")


def half(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    if groups.get("half_number"):
        number = int(groups["half_number"])
    else:
        number = 1 if groups["ordinal"].lower() == "first" else 2
    year = year_of(groups.get("year"), context.reference)
    if year is None:
        if context.reference is None:
            return resolved("DATE", Undated(half=number))
        year = context.reference.year + {"last": -1, "next": 1}.get(relation_word(groups) or "", 0)
    return resolved("DATE", half_point(year, number))


def _season_index(day: dt.date) -> tuple[int, int]:
    """(season year, index in SEASONS) of a day: January 2025 is in the winter of 2024."""
    if day.month <= 2:
        return day.year - 1, 3
    return day.year, (day.month - 3) // 3


def season(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    code = context.grammar.lookup("season", groups["season"])
    mod = position_mod(groups, context)
    year = year_of(groups.get("year"), context.reference)
    if year is not None:
        return resolved("DATE", season_point(year, code), mod)
    if context.reference is None:
        return resolved("DATE", Undated(season=code), mod)
    current_year, current_index = _season_index(context.reference)
    target = SEASONS.index(code)
    ordinal_now = current_year * 4 + current_index
    shift_by = relation_shift(relation_word(groups), context)
    this_cycle = current_year * 4 + target
    if shift_by is not None and shift_by < 0:
        ordinal = this_cycle if this_cycle < ordinal_now else this_cycle - 4
    elif shift_by is not None and shift_by > 0:
        ordinal = this_cycle if this_cycle > ordinal_now else this_cycle + 4
    elif shift_by == 0:
        ordinal = this_cycle
    else:
        direction = context.orientation()
        if direction == "past":
            ordinal = this_cycle if this_cycle <= ordinal_now else this_cycle - 4
        elif direction == "future":
            ordinal = this_cycle if this_cycle >= ordinal_now else this_cycle + 4
        else:
            ordinal = this_cycle
    return resolved("DATE", season_point(ordinal // 4, code), mod, "dct")


def _fixed_day(holiday_day: str) -> tuple[int, int]:
    """(month, day) of a holiday the lexicon gives as MM-DD ("12-25")."""
    month_number, day = holiday_day.split("-")
    return int(month_number), int(day)


def holiday(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    # The lexicon's holiday table gives a fixed day as MM-DD, a movable feast by its name.
    rule_value = str(context.grammar.lookup("holiday", groups["holiday"]))

    def on(year: int) -> dt.date:
        if rule_value in MOVABLE_HOLIDAYS:
            return MOVABLE_HOLIDAYS[rule_value](year)
        return dt.date(year, *_fixed_day(rule_value))

    year = year_of(groups.get("year"), context.reference)
    if year is not None:
        return resolved("DATE", on_day(on(year)))
    reference = context.reference
    if reference is None:
        if rule_value in MOVABLE_HOLIDAYS:
            return resolved("DATE", Undated())
        month_number, day = _fixed_day(rule_value)
        return resolved("DATE", Undated(month=month_number, day=day))
    shift_by = relation_shift(relation_word(groups), context)
    occurrences = [
        on(year) for year in (reference.year - 1, reference.year, reference.year + 1) if 1 <= year <= 9999
    ]
    if shift_by is not None and shift_by < 0:
        day = max(occurrence for occurrence in occurrences if occurrence < reference)
    elif shift_by is not None and shift_by > 0:
        day = min(occurrence for occurrence in occurrences if occurrence > reference)
    else:
        nearest = min(occurrences, key=lambda day: (abs((day - reference).days), day < reference))
        direction = context.orientation()
        if abs((nearest - reference).days) <= 7 or direction is None:
            # A holiday this close is the one meant ("the Victory Day parade", written the day before).
            day = nearest
        elif direction == "past":
            day = max(occurrence for occurrence in occurrences if occurrence <= reference)
        else:
            day = min(occurrence for occurrence in occurrences if occurrence >= reference)
    return resolved("DATE", on_day(day), None, "dct")


def holiday_week(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "Easter week", "Thanksgiving week": the ISO week that holds the holiday."""
    day = holiday(groups, arguments, context)
    if day is None or not isinstance(day.typed, Point):
        return Resolution("DATE", "XXXX-WXX")
    return resolved("DATE", aligned(day.typed, "W"), None, day.anchor)
