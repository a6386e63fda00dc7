"""Calendar dates: days, months and years as written, ranges of them, decades and centuries."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from timeline.model import TimeExpr
from timeline.temporal.grammar import normalise_word
from timeline.temporal.resolvers.context import Context, Groups, Resolution, resolved, text_anchor
from timeline.temporal.resolvers.words import (
    YEAR_DAYS,
    is_anaphoric,
    month_number_of,
    pick_year,
    position_mod,
    relation_shift,
    relation_word,
    year_of,
)
from timeline.temporal.timex import month_of_value
from timeline.temporal.value import (
    Point,
    Undated,
    aligned,
    at_clock,
    between,
    calendar_point,
    on_day,
    season_point,
)


def calendar(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Absolute dates: a year, a month of a year, a day, with or without a year written."""
    reference = context.reference
    month = month_number_of(groups, context)
    day = int(re.sub(r"\D", "", groups["day"])) if groups.get("day") else None
    year = year_of(groups.get("year"), reference)
    mod = position_mod(groups, context)
    if year is None and month is None:
        return None
    if month is None:
        return resolved("DATE", calendar_point(year), mod)
    if year is None:
        check_year = 2000  # a leap year: "February 29" is a real date in some year
        dt.date(check_year, month, day or 1)
        if reference is None:
            return resolved("DATE", Undated(month=month, day=day), mod)
        if groups.get("relation_year"):
            # "August 8 of last year": the year is named relative to the reference date.
            year = reference.year + relation_shift(groups["relation_year"], context)
        elif arguments.get("direction"):
            # The rule's context settles the direction for up to a year: "the year ended March 31".
            year = pick_year(reference, month, day, arguments["direction"], YEAR_DAYS)
        elif day is not None and context.caption_scene():
            # A caption's scene has been photographed: "arrives for arraignment on January 3".
            year = pick_year(reference, month, day, "past", YEAR_DAYS)
        else:
            year = pick_year(reference, month, day, context.orientation())
        anchor = "dct"
    else:
        anchor = None
    if day is None:
        return resolved("DATE", calendar_point(year, month), mod, anchor)
    point = calendar_point(year, month, day)  # raises on "February 30": the match is vetoed
    if groups.get("hour"):
        return resolved("TIME", at_clock(point, *_clock(groups)), mod, anchor)
    return resolved("DATE", point, mod, anchor)


def _clock(groups: Groups) -> tuple[int, int]:
    """The hour and minute written with a date (2025-08-07T10:35)."""
    return int(groups["hour"]), int(groups["minute"])


def week_of_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the week of March 6": the ISO week of that day (XXXX-WXX when its year is unknown)."""
    day = calendar({key: groups[key] for key in ("month", "day", "year") if key in groups}, {}, context)
    if day is None:
        return None
    if not isinstance(day.typed, Point):
        return Resolution("DATE", "XXXX-WXX")
    return resolved("DATE", aligned(day.typed, "W"), None, day.anchor)


# The languages dateparser may read a foreign date in (the ones whose month names the grammar finds).
_FOREIGN_LANGUAGES = ["fr", "es", "it", "pt", "de", "nl", "ru", "uk", "pl", "cs", "tr", "sv", "da", "fi"]


@cache
def _foreign_date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=_FOREIGN_LANGUAGES,
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )


def foreign_date(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A date in another language ("7 août 2025"), as dateparser reads it; None if it cannot."""
    parsed = _foreign_date_parser().get_date_data(groups["written"]).date_obj
    written_day, written_year = int(re.sub(r"\D", "", groups["day"])), int(groups["year"])
    # The day and year read must be the ones written: "3 années 2020" is no date, whatever dateparser says.
    if parsed is None or (parsed.day, parsed.year) != (written_day, written_year):
        return None
    return resolved("DATE", on_day(parsed.date()))


def year_in_words(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A year written in words: "nineteen ninety-six" is 1996, "two thousand and one" 2001.

    A month or season before it narrows it: "January nineteen ninety-seven", "the winter of ...".
    """
    lookup = context.grammar.tables["number"]
    if groups.get("century_word"):
        year = lookup[groups["century_word"].lower()] * 100 + lookup[groups["tens_word"].lower()]
        year += lookup[groups["ones_word"].lower()] if groups.get("ones_word") else 0
    else:
        year = 2000 + (
            lookup[groups["ones_after_thousand"].lower()] if groups.get("ones_after_thousand") else 0
        )
    if groups.get("month"):
        return resolved("DATE", calendar_point(year, month_number_of(groups, context)))
    if groups.get("season"):
        return resolved("DATE", season_point(year, context.grammar.lookup("season", groups["season"])))
    return resolved("DATE", calendar_point(year))


def year_end(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "year-end": the last day of the year ("since year-end": of the year before); "year end",
    "year's end": the year, its end marked. The year is the one written, the one "last"/"next"
    says, the last one gone where the clause is told in the past, else the reference year."""
    apart = groups.get("apart") or groups.get("relation")
    year = year_of(groups.get("year"), context.reference)
    anchor = None
    if year is None:
        if context.reference is None:
            return Resolution("DATE", "XXXX", "END") if apart else Resolution("DATE", "XXXX-12-31")
        anchor = "dct"
        reference = context.reference
        year = reference.year + (relation_shift(relation_word(groups), context) or 0)
        if arguments.get("years_back"):
            year -= arguments["years_back"]
        elif not relation_word(groups) and reference.month * 100 + reference.day < 1231:
            # Told in the past, the last year end gone by: the reference year's is still to come.
            year -= 1 if context.orientation() == "past" else 0
    if apart:
        return resolved("DATE", calendar_point(year), "END", anchor)
    return resolved("DATE", calendar_point(year, 12, 31), None, anchor)


def month(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A month name without a year: "last June", "early December", "in March"."""
    number = month_number_of(groups, context)
    if number is None:
        return None
    if arguments.get("named_before"):
        # Only a month the story has already dated: that one.
        named = _month_named_before(groups["month"], number, context)
        if named is None:
            return None
        return Resolution("DATE", month_of_value(named.value), None, text_anchor(named))
    mod = position_mod(groups, context)
    relation = relation_word(groups)
    if is_anaphoric(relation, context):
        base, anchor = context.anaphoric_anchor()
    else:
        base, anchor = context.reference, "dct"
    if base is None:
        return resolved("DATE", Undated(month=number), mod)
    shift_by = relation_shift(relation, context)
    if groups.get("relation_year"):
        year = base.year + relation_shift(groups["relation_year"], context)
    elif shift_by is not None and shift_by < 0:
        year = base.year if number < base.month else base.year - 1
    elif shift_by is not None and shift_by > 0:
        year = base.year if number > base.month else base.year + 1
    elif shift_by == 0:
        year = base.year
    elif arguments.get("direction"):
        year = pick_year(base, number, None, arguments["direction"], YEAR_DAYS)
    elif context.governed_by_past():
        # A month its own verb puts in the past is the last one: "changed to a calendar year in
        # December", written in October, is the December before.
        year = pick_year(base, number, None, "past", YEAR_DAYS)
    else:
        year = pick_year(base, number, None, context.orientation())
    return resolved("DATE", calendar_point(year, number), mod, anchor)


def _month_named_before(word: str, number: int, context: Context) -> TimeExpr | None:
    """The last expression before this one that names this month (by its word) and dates it."""
    stem = normalise_word(word)[:3]
    for expression in reversed(context.history):
        if (
            expression.granularity in ("month", "day")
            and expression.start_date is not None
            and expression.start_date.month == number
            and month_of_value(expression.value) is not None
            and stem in expression.text.lower()
        ):
            return expression
    return None


def day_of_month(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "on the 15th": that day of the month of the date named just before; untagged without one."""
    named = context.date_just_named(("month", "day", "instant"))
    if named is None:
        return None
    date = named.start_date.replace(day=int(groups["day"]))  # raises on "the 31st" of a 30-day month: vetoed
    return resolved("DATE", on_day(date), None, text_anchor(named))


def range_(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A span of years: "between 2017 and 2019", "2017-19" -> 2017/2019."""
    first = year_of(groups["year"], context.reference)
    second_text = groups["year_b"]
    if first is None:
        return None
    if len(second_text) == 2:
        second = first // 100 * 100 + int(second_text)
    else:
        second = year_of(second_text, context.reference)
    if second is None or second <= first:
        return None
    return resolved("DATE", between(calendar_point(first), calendar_point(second)))


def day_range(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Days from one to another: "May 8-10" -> 2025-05-08/2025-05-10, "July 30-Aug. 2"."""
    first = calendar({key: groups[key] for key in ("month", "day", "year") if key in groups}, {}, context)
    if first is None:
        return None
    last_month = month_number_of(groups, context, "month_b") or month_number_of(groups, context)
    last_day_number = int(re.sub(r"\D", "", groups["day_b"]))
    if not isinstance(first.typed, Point):
        # No reference date and no year: the days are known, the year is not.
        return resolved("DATE", between(first.typed, Undated(month=last_month, day=last_day_number)))
    first_day = first.typed.day
    last_day = dt.date(first_day.year, last_month, last_day_number)
    if last_day < first_day:
        last_day = dt.date(first_day.year + 1, last_month, last_day_number)
    if (last_day - first_day).days > 62:
        return None  # "May 8-30" is a range; "May 8 and November 9" is two dates
    return resolved("DATE", between(on_day(first_day), on_day(last_day)), None, first.anchor)


def listed_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """The bare day closing a list, "April 24 and 25": that day of the date just named."""
    if not context.history:
        return None
    named = context.history[-1]
    if named.granularity != "day" or named.start_date is None or context.position - named.end > 16:
        return None
    day = named.start_date.replace(day=int(re.sub(r"\D", "", groups["day"])))
    return resolved("DATE", on_day(day), None, text_anchor(named))


def month_range(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Months from one to another: "from June to August" -> 2025-06/2025-08."""
    first_month, last_month = month_number_of(groups, context), month_number_of(groups, context, "month_b")
    year = year_of(groups.get("year"), context.reference)
    if year is None:
        if context.reference is None:
            return resolved("DATE", between(Undated(month=first_month), Undated(month=last_month)))
        year = pick_year(context.reference, last_month, None, context.orientation())
    first_year = year if first_month <= last_month else year - 1
    first, last = calendar_point(first_year, first_month), calendar_point(year, last_month)
    return resolved("DATE", between(first, last))


def decade(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    mod = position_mod(groups, context)
    if arguments.get("hundreds"):
        return resolved("DATE", _period(int(groups["century_digits"]) * 100, "CE"), mod)
    if groups.get("century_digits"):
        first_year = int(groups["century_digits"]) * 100 + int(groups["decade_digit"]) * 10
        return resolved("DATE", _period(first_year, "DE"), mod)
    if groups.get("decade_word"):
        digit = context.grammar.lookup("decade_word", groups["decade_word"])
    else:
        digit = int(groups["short_decade"])
    reference_year = context.reference.year if context.reference else 1999
    century = reference_year // 100
    if groups.get("nineteen"):
        century = 19
    elif century * 100 + digit * 10 > reference_year:
        century -= 1
    return resolved("DATE", _period(century * 100 + digit * 10, "DE"), mod)


def century(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    number = context.grammar.lookup("ordinal", groups["ordinal"])
    if not number or groups["ordinal"].lower() in ("last", "final"):
        return None
    return resolved("DATE", _period((number - 1) * 100, "CE"), position_mod(groups, context))


def _period(first_year: int, grain: str) -> Point:
    """The decade (DE) or century (CE) from FIRST_YEAR; the first century holds the year 1, not 0."""
    return aligned(calendar_point(max(first_year, 1)), grain)
