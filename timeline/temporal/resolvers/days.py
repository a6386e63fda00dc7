"""Days and times named relative to a date: weekdays, today and tomorrow, parts of a day,
last/this/next UNIT, clock times.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from timeline.temporal.calendar_math import UNANCHORED
from timeline.temporal.grammar import normalise_word
from timeline.temporal.resolvers.context import (
    ANCHOR_GRANULARITIES,
    Context,
    Groups,
    Resolution,
    resolved,
)
from timeline.temporal.resolvers.dates import calendar, month
from timeline.temporal.resolvers.periods import holiday
from timeline.temporal.resolvers.words import (
    hedge_mod,
    is_anaphoric,
    position_mod,
    relation_shift,
    relation_word,
)
from timeline.temporal.timex import (
    interval_of,
    is_month_value,
    month_of_value,
)
from timeline.temporal.value import (
    Point,
    Undated,
    aligned,
    at_clock,
    between,
    duration_of,
    in_part,
    nearest_weekday,
    on_day,
    shifted,
)


def weekday_near(base: dt.date, weekday: int, direction: str | None) -> dt.date:
    return nearest_weekday(on_day(base), weekday, direction).day


def on_day_in_part(
    day: dt.date | None, part: str | None, context: Context, mod: str | None = None, anchor: str | None = None
) -> Resolution:
    """DAY (an unknown day for None), in PART of the day if one is written ("Friday morning")."""
    code = context.grammar.lookup("part_of_day", part) if part else None
    value = in_part(on_day(day) if day is not None else Undated(), code)
    return resolved("TIME" if code else "DATE", value, mod, anchor if day is not None else None)


def weekday(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A weekday, resolved by its modifier, else by the tense and cues of its clause."""
    number = context.grammar.lookup("weekday", groups["weekday"])
    mod = position_mod(groups, context)
    relation = relation_word(groups)
    # "the next Friday", "the following Friday", "that Friday" count from the story's date.
    said_with_the = normalise_word(groups.get("relation") or "").startswith("the ")
    shift_by = relation_shift(relation, context)
    if is_anaphoric(relation, context) or (relation == "next" and said_with_the):
        base, anchor = context.anaphoric_anchor()
        # "the following Friday" is after the story's date, "the previous Friday" before it.
        direction = {-1: "past", 1: "future"}.get(shift_by or 0)
        if base is not None and direction is not None:
            base = base + dt.timedelta(days=shift_by)
    else:
        base, anchor = context.reference, "dct"
        if shift_by is not None and shift_by < 0:
            direction = "past"
            base = base - dt.timedelta(days=1) if base else None
        elif shift_by is not None and shift_by > 0:
            direction = "future"
            base = base + dt.timedelta(days=1) if base else None
        elif base is not None and base.isoweekday() == number:
            direction = None
        elif (named := context.nearby_day(number)) is not None:
            # "the Victory Day parade in Moscow on Friday": the date just named is that Friday.
            return resolved("DATE", on_day(named.start_date), mod, f"text:{named.start}:{named.end}")
        elif groups.get("possessive"):
            # "Friday's trading", "Wednesday's ruling": what a day owns has mostly happened.
            direction = "past"
        else:
            direction = context.orientation() or "past"
    # "Friday morning", "Thursday night" keep their part of the day (2025-08-08TMO), as
    # "Friday evening" does: TimeML values say what the text says.
    part = groups.get("part")
    if base is None:
        code = context.grammar.lookup("part_of_day", part) if part else None
        return resolved("TIME" if code else "DATE", in_part(Undated(weekday=number), code), mod)
    return on_day_in_part(weekday_near(base, number, direction), part, context, mod, anchor)


def weekday_range(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "from Monday to Wednesday": days of one week. Told in the past, the week whose last day is
    the latest gone; else the week whose first day is the next to come; "next"/"last" as for a day."""
    first_number = context.grammar.lookup("weekday", groups["weekday"])
    last_number = context.grammar.lookup("weekday", groups["weekday_b"])
    length = (last_number - first_number) % 7 or 7
    if context.reference is None:
        return resolved("DATE", between(Undated(weekday=first_number), Undated(weekday=last_number)))
    if relation_word(groups):
        # "from next Monday to Wednesday": the first day as "next Monday" is, the rest after it.
        named = weekday({"weekday": groups["weekday"], "relation": groups["relation"]}, {}, context)
        first = named.typed.day
        last = first + dt.timedelta(days=length)
    elif context.orientation() == "past":
        last = weekday_near(context.reference, last_number, "past")
        first = last - dt.timedelta(days=length)
    else:
        # Untold in the past, a span of days is a schedule: "the festival runs Friday to Sunday".
        first = weekday_near(context.reference, first_number, "future")
        last = first + dt.timedelta(days=length)
    return resolved("DATE", between(on_day(first), on_day(last)), None, "dct")


def week_of_month(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the first week of April": days 1-7 of the month; "the last week of March": its last seven."""
    if groups.get("year"):
        named = calendar({"month": groups["month"], "year": groups["year"]}, {}, context)
    else:
        named = month({"month": groups["month"]}, {}, context)
    named_month = month_of_value(named.value) if named is not None else None
    if named_month is None:
        return None
    first_day, last_of_month, _ = interval_of(named_month)
    ordinal = normalise_word(groups["ordinal"])
    if ordinal in ("last", "final"):
        start = last_of_month - dt.timedelta(days=6)
    else:
        start = first_day + dt.timedelta(weeks=("first", "second", "third", "fourth").index(ordinal))
    end = start + dt.timedelta(days=6)
    return resolved("DATE", between(on_day(start), on_day(end)), None, named.anchor)


def day_beside(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the day before last Tuesday's hearing", "the day after Christmas": the named day, one over."""
    resolve_named = holiday if groups.get("holiday") else weekday
    named = resolve_named(groups, arguments, context)
    if named is None:
        return None
    shift = 1 if normalise_word(groups["shift"]) == "after" else -1
    if isinstance(named.typed, Undated) and named.typed.weekday is not None:
        return resolved("DATE", Undated(weekday=(named.typed.weekday - 1 + shift) % 7 + 1), named.mod)
    if not isinstance(named.typed, Point):
        return resolved("DATE", Undated(), named.mod)
    return resolved("DATE", on_day(named.typed.day + dt.timedelta(days=shift)), named.mod, named.anchor)


def deictic_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    word = normalise_word(groups.get("word") or arguments["word"])
    if word == "overnight":
        return _overnight(groups, context)
    named = context.grammar.lookup("deictic_day", word)
    offset, part = named["days"], groups.get("part") or named.get("part")
    mod = position_mod(groups, context)
    if context.reference is None:
        return on_day_in_part(None, part, context, mod)
    return on_day_in_part(context.reference + dt.timedelta(days=offset), part, context, mod, "dct")


def _overnight(groups: Groups, context: Context) -> Resolution:
    """ "overnight": the night before the day the story is at, as "last night" is ("shares fell
    Friday after overnight losses in New York" is Thursday night)."""
    day, anchor = context.anaphoric_anchor(("day",))
    if day is not None and context.reference is not None and abs((day - context.reference).days) > 7:
        # Overnight news is the news of the week it is written in, not of a date told as background.
        day, anchor = context.reference, "dct"
    night_before = day - dt.timedelta(days=1) if day is not None else None
    return on_day_in_part(night_before, "night", context, position_mod(groups, context), anchor)


def part_of_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    relation = normalise_word(groups["relation"])
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[relation]
    part = groups["part"]
    if relation == "last" and normalise_word(part) != "night":
        offset = -1
    if context.reference is None:
        return on_day_in_part(None, part, context)
    return on_day_in_part(context.reference + dt.timedelta(days=offset), part, context, None, "dct")


def day_part(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "mid-afternoon": that part of the day the story is at; "mid-afternoon yesterday"."""
    day, anchor = context.anaphoric_anchor(("day",))
    if groups.get("word") and context.reference is not None:
        offset = context.grammar.lookup("deictic_day", groups["word"])["days"]
        day, anchor = context.reference + dt.timedelta(days=offset), "dct"
    return on_day_in_part(day, groups["part"], context, None, anchor)


def relative_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Days counted from the date the story is at: "the next day", "the day before", "that day"."""
    relation = normalise_word(groups["relation"])
    offset = (
        1
        if any(word in relation for word in ("next", "following", "after"))
        else (-1 if any(word in relation for word in ("previous", "preceding", "before")) else 0)
    )
    month = context.date_just_named(("month",))
    if month is not None and is_month_value(month.value) and not groups.get("part"):
        # "last October, when he was shot ... crossed out that same day": a day of that month.
        return Resolution("DATE", f"{month.value}-XX", None, f"text:{month.start}:{month.end}")
    base, anchor = context.anaphoric_anchor()
    if base is None:
        return on_day_in_part(None, groups.get("part"), context)
    return on_day_in_part(base + dt.timedelta(days=offset), groups.get("part"), context, None, anchor)


def relative(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "last week", "this month", "earlier this year", "the following week", "later that day"."""
    unit_word = normalise_word(groups.get("unit_word") or arguments.get("unit_word") or "")
    unit = arguments.get("unit") or context.grammar.lookup("calendar_unit", unit_word)
    if unit is None:
        return None
    relation = relation_word(groups) or "this"
    amount = relation_shift(relation, context)
    if amount is None:
        return None
    if relation == "past" and unit in ("DE", "CE"):
        # "the past decade" is the last ten years up to now; "the last decade" the one before this.
        return resolved("DURATION", duration_of(Fraction(1), unit))
    mod = position_mod(groups, context)
    if is_anaphoric(relation, context) or arguments.get("anaphoric"):
        base, anchor = context.anaphoric_anchor(ANCHOR_GRANULARITIES[unit])
    else:
        base, anchor = context.reference, "dct"
    if base is None:
        return Resolution("DATE", UNANCHORED[unit], mod)
    if unit == "WE":
        if relation == "this" and groups.get("relation") is None:
            direction = context.orientation() or "past"
            saturday = weekday_near(base, 6, direction)
        else:
            saturday = weekday_near(base + dt.timedelta(weeks=amount), 6, None)
        return resolved("DATE", aligned(on_day(saturday), "WE"), mod, anchor)
    return resolved("DATE", aligned(shifted(on_day(base), unit, amount), unit), mod, anchor)


def vague_span(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    resolution = relative(groups, arguments, context)
    if resolution is None:
        return None
    return Resolution(resolution.type, resolution.value, "APPROX", resolution.anchor)


def clock(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    if groups.get("word"):
        hour, minute = context.grammar.lookup("clock_word", groups["word"])
    else:
        hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
        meridiem = (groups.get("meridiem") or "").lower()
        if groups.get("part") or groups.get("night"):
            # "4 in the morning" is a.m.; the afternoon, evening and night are p.m. ("10 at night"),
            # but for "12 at night", midnight.
            morning = (groups.get("part") or "").lower() == "morning"
            meridiem = "am" if morning or (groups.get("night") and hour == 12) else "pm"
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
    mod = hedge_mod(groups, context)
    if groups.get("month"):
        named = calendar({"month": groups["month"], "day": groups["day"]}, {}, context)
    elif groups.get("weekday") or groups.get("day_after"):
        named = weekday({"weekday": groups.get("weekday") or groups["day_after"]}, {}, context)
    elif groups.get("deictic"):
        # "10 a.m. tomorrow": the day is the one named after the time, not the story's.
        named = deictic_day({"word": groups["deictic"]}, {}, context)
    else:
        # A bare time of day is on the day the story is at: "was shot at 10 p.m." after "on Oct. 23".
        day, anchor = context.anaphoric_anchor(("day",))
        named = resolved("DATE", on_day(day) if day is not None else Undated(), None, anchor)
    return resolved("TIME", at_clock(named.typed, hour, minute), mod, named.anchor)
