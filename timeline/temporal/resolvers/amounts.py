"""Amounts of time: counts, durations, dates counted from another ("two months ago"), recurrences."""

from __future__ import annotations

import re
from fractions import Fraction

from timeline.temporal.calendar_math import UNANCHORED
from timeline.temporal.grammar import normalise_word
from timeline.temporal.resolvers.context import (
    ANCHOR_GRANULARITIES,
    Context,
    Groups,
    Resolution,
    resolved,
    text_anchor,
)
from timeline.temporal.resolvers.words import hedge_mod, month_number_of
from timeline.temporal.timex import quarter_of_value
from timeline.temporal.value import (
    Every,
    Undated,
    aligned,
    duration_of,
    on_day,
    plus,
    quarter_point,
    shifted,
)


# The units written after a T in a TIMEX3 duration, and their letter there (minutes are TM here).
def parse_count(text: str, context: Context) -> Fraction | str | None:
    """A count written in digits or words: "3", "3.5", "3-1/2", "twenty-five", "three-and-a-half"."""
    words = normalise_word(text)
    if context.grammar.lookup("vague_number", words):
        return "X"
    half = False
    if words.endswith(" and a half"):
        half, words = True, words[: -len(" and a half")]
    if re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?(?: [0-9]/[0-9])?", words):
        whole, _, fraction = words.partition(" ")
        if "," in whole and re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", whole):
            whole = whole.replace(",", "")
        number = Fraction(whole.replace(",", "."))
        if fraction:
            numerator, denominator = fraction.split("/")
            if int(denominator) == 0:
                return None
            number += Fraction(int(numerator), int(denominator))
    else:
        value = context.grammar.lookup("number", words)
        if value is None:
            value = _number_in_words(words, context)
            if value is None:
                return None
        number = Fraction(str(value))
    return number + Fraction(1, 2) if half else number


def _number_in_words(words: str, context: Context) -> int | None:
    """ "twenty five", "three hundred", "two thousand", "two hundred and fifty" (normalised words)."""
    total = current = 0
    for word in words.split(" "):
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
            continue
        if word == "thousand":
            total, current = total + max(current, 1) * 1000, 0
            continue
        value = context.grammar.lookup("number", word)
        if not isinstance(value, int) or value >= 100:
            return None
        # "twenty five" adds its ones to the tens; "five twenty" is not a number.
        if current % 100 and (current % 10 or value >= 10 or current % 100 < 20):
            return None
        current += value
    return total + current or None


def duration(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    unit = context.grammar.lookup("unit", groups["unit"])
    if arguments.get("half"):
        count = Fraction(3, 2)
    else:
        count = parse_count(groups.get("count") or arguments["count"], context)
    if count is None or unit is None or (isinstance(count, Fraction) and count <= 0):
        return None
    return resolved("DURATION", duration_of(count, unit), hedge_mod(groups, context))


def compound_duration(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "three years and eight months" P3Y8M; with "ago", the date that far back (2022-02)."""
    first_unit = context.grammar.lookup("unit", groups["unit"])
    second_unit = context.grammar.lookup("unit", groups["unit_b"])
    first, second = parse_count(groups["count"], context), parse_count(groups["count_b"], context)
    # Whole counts only: "two and a half years and three months" is no way to write an amount.
    counts = (first, second)
    if not all(isinstance(count, Fraction) and count > 0 and count.denominator == 1 for count in counts):
        return None
    if first_unit == second_unit or (first_unit, second_unit) == ("W", "H"):
        return None  # "ten days and five days", "two weeks and three hours": no one amount
    mod = hedge_mod(groups, context)
    if not groups.get("direction"):
        if first_unit == "W" and second_unit == "D":
            # ISO 8601 writes weeks alone: "two weeks and three days" is P17D.
            return resolved("DURATION", duration_of(first * 7 + second, "D"), mod)
        # P3Y8M, P1DT2H, PT2H30M.
        both = plus(duration_of(first, first_unit), duration_of(second, second_unit))
        return resolved("DURATION", both, mod)
    direction = normalise_word(groups["direction"])
    sign = -1 if direction in ("ago", "earlier") else 1
    # The date is as precise as the smaller unit, but no finer than a day.
    smallest = "D" if second_unit in ("H", "TM", "S") else second_unit
    if direction == "ago":
        base, anchor = context.reference, "dct"
    else:
        base, anchor = context.anaphoric_anchor(
            ANCHOR_GRANULARITIES.get(smallest, ("day", "instant")), coarse_written_only=True
        )
    if base is None:
        return Resolution("DATE", UNANCHORED.get(smallest, "XXXX"), mod)
    target = on_day(base)
    for unit, amount in ((first_unit, int(first)), (second_unit, int(second))):
        if unit not in ("H", "TM", "S"):  # hours and minutes move no date to another day worth naming
            target = shifted(target, unit, sign * amount)
    return resolved("DATE", aligned(target, smallest), mod, anchor)


def vague_duration(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "recent years", "in the coming days", "for years": some number of units (PXY, PXD)."""
    unit = context.grammar.lookup("unit", groups["unit"])
    return resolved("DURATION", duration_of("X", unit))


_SMALLER_UNIT = {
    "Y": ("M", 12),
    "M": ("D", 30),
    "W": ("D", 7),
    "Q": ("M", 3),
    "DE": ("Y", 10),
    "CE": ("Y", 100),
}


def offset(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "two months ago" (from the reference date), "a day later" (from the date the story is at)."""
    unit = context.grammar.lookup("unit", groups["unit"])
    count = arguments.get("count") or parse_count(groups["count"], context)
    direction = normalise_word(groups.get("direction") or arguments["direction"])
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    mod = hedge_mod(groups, context)
    if count is None or unit is None:
        return None
    if arguments.get("ahead_only") and (context.orientation() != "future" or count == "X"):
        # "in two weeks" told of what is done is the span up to now: the first time in two weeks.
        return duration(groups, {}, context)
    if count == "X":
        if direction in ("earlier", "later", "before", "after"):
            # "A few days later" is after the story's date, not the reference date's future: with
            # no count to add, what is known is the vague amount between, as TimeML puts it.
            return resolved("DURATION", duration_of("X", unit), mod)
        return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if direction in ("earlier", "later", "before", "after"):
        # "two years later" may count from a year ("in 2019"); "a day later" only from a day.
        base, anchor = context.anaphoric_anchor(
            ANCHOR_GRANULARITIES.get(unit, ("day", "instant")), coarse_written_only=True
        )
        if unit in ("Y", "DE") and sign < 0:
            previous = context.last_quarter()
            if previous is not None and count.denominator == 1:
                years = int(count) * (10 if unit == "DE" else 1)
                year, number = quarter_of_value(previous.value)
                return resolved("DATE", quarter_point(year - years, number), mod, text_anchor(previous))
    else:
        base, anchor = context.reference, "dct"
        if unit == "Y" and direction == "ago" and count == 1:
            previous = context.last_quarter()
            if previous is not None:
                year, number = quarter_of_value(previous.value)
                return resolved("DATE", quarter_point(year - 1, number), mod, text_anchor(previous))
    if unit == "2W":
        unit, count = "W", count * 2
    if unit in ("S", "TM", "H"):
        unit, count = "D", Fraction(0) if unit != "H" or count < 24 else count / 24
    while count.denominator != 1 and unit in _SMALLER_UNIT:
        unit, factor = _SMALLER_UNIT[unit]
        count *= factor
    if base is None:
        return Resolution("DATE", UNANCHORED[unit], mod)
    amount = sign * int(count)
    if anchor == "dct" and direction in ("earlier", "later", "before", "after"):
        # No date as precise as the unit was named: "held in March. Three days later" counts from
        # March, and is known as precisely as March is.
        named = context.date_just_named(tuple(_GRAIN_UNITS), _ANAPHORA_CHARACTERS)
        if named is not None:
            grain = _GRAIN_UNITS[named.granularity]
            counted = aligned(shifted(on_day(named.start_date), unit, amount), grain)
            return resolved("DATE", counted, mod, text_anchor(named))
        if sign > 0 and context.orientation() == "past":
            # What a past clause tells happened "three days later" is not after the reference date.
            return resolved("DURATION", duration_of(count, unit), mod)
    target = shifted(on_day(base), unit, amount)
    # "a decade ago" names a year, not a decade: the decade boundary is not what is meant.
    return resolved("DATE", aligned(target, "Y" if unit in ("DE", "CE") else unit), mod, anchor)


# The calendar unit of a granularity: what a date counted from a coarse one is known to.
_GRAIN_UNITS = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}
# How far back a coarse date may be and still be what "three days later" counts from.
_ANAPHORA_CHARACTERS = 400


def set_(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Recurring times: "every year" P1Y, "weekly" P1W, "every Monday" XXXX-WXX-1."""
    if groups.get("adverb"):
        return Resolution("SET", context.grammar.lookup("recurrence_adverb", groups["adverb"]))
    if groups.get("count") or arguments.get("count"):
        # "every other week" counts two.
        fixed = arguments.get("count")
        count = Fraction(fixed) if fixed else parse_count(groups["count"], context)
        unit = context.grammar.lookup("unit", groups["unit"])
        return resolved("SET", Every(duration_of(count, unit))) if count and unit else None
    if groups.get("unit"):
        return Resolution("SET", context.grammar.lookup("recurring_unit", groups["unit"]))
    name = groups.get("weekday") or groups.get("weekday_b") or (groups.get("plural_weekday") or "")[:-1]
    if name:
        parts = groups.get("parts") or groups.get("shared_parts")
        part = context.grammar.lookup("part_of_day", parts) if parts else None
        return resolved("SET", Every(Undated(weekday=context.grammar.lookup("weekday", name), part=part)))
    number = month_number_of(groups, context)
    return resolved("SET", Every(Undated(month=number))) if number else None


def constant(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    return Resolution(arguments.get("type", "DATE"), arguments["value"])
