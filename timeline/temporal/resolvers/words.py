"""What matched words mean: relations, positions, hedges, months, and the year of a date written
without one.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal.grammar import normalise_word
from timeline.temporal.resolvers.context import Context, Groups


def relation_shift(relation: str | None, context: Context) -> int | None:
    """How many units away RELATION places a date (resources: relation), None for no such word."""
    entry = context.grammar.lookup("relation", relation) if relation else None
    return entry["shift"] if entry else None


def is_anaphoric(relation: str | None, context: Context) -> bool:
    """Whether RELATION counts from the date the story is at ("the following week", "that day")."""
    entry = context.grammar.lookup("relation", relation) if relation else None
    return bool(entry and entry.get("anaphoric"))


def relation_word(groups: Groups, key: str = "relation") -> str | None:
    word = groups.get(key)
    if not word:
        return None
    return re.sub(r"^the ", "", normalise_word(word))


def position_mod(groups: Groups, context: Context) -> str | None:
    word = groups.get("position")
    if not word:
        return None
    # A bare "end" (of "end-October") is "the end of".
    return context.grammar.lookup("position", word) or context.grammar.lookup("position", f"{word} of")


def hedge_mod(groups: Groups, context: Context) -> str | None:
    word = groups.get("hedge")
    return context.grammar.lookup("approximation", word) if word else None


def month_number_of(groups: Groups, context: Context, key: str = "month") -> int | None:
    if groups.get(f"{key}_number"):
        return int(groups[f"{key}_number"])
    word = groups.get(key)
    if not word:
        return None
    return context.grammar.lookup("month", word) or context.grammar.lookup("month_abbreviation", word)


def year_of(text: str | None, reference: dt.date | None) -> int | None:
    if not text:
        return None
    digits = re.sub(r"\D", "", text)
    if len(digits) == 2:
        # Two-digit years: the century that puts the year nearest the reference (or 1950-2049).
        pivot = reference.year if reference else 2000
        candidates = [
            century + int(digits)
            for century in (pivot // 100 * 100 - 100, pivot // 100 * 100, pivot // 100 * 100 + 100)
        ]
        return min(candidates, key=lambda year: (abs(year - pivot), -year))
    year = int(digits)
    return year if 1 <= year <= 9999 else None


# How far from the reference date the tense of a clause may send a date written without a year.
_TENSE_REACH_DAYS = 270
YEAR_DAYS = 366
# How long after a future-tense date a story may still report it in the future tense.
_REPORTING_LAG_DAYS = 31


def _distance_leaning_past(day: dt.date, reference: dt.date) -> int:
    """Days between DAY and REFERENCE, a day ahead counting double."""
    return (day - reference).days * 2 if day > reference else (reference - day).days


def pick_year(
    reference: dt.date, month: int, day: int | None, orientation: str | None, reach: int = _TENSE_REACH_DAYS
) -> int:
    """The year of a month (and day) written without one: by tense (within REACH days), else the nearest."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if not 1 <= year <= 9999:
            continue
        try:
            candidates.append(dt.date(year, month, day or 15))
        except ValueError:
            continue
    if not candidates:
        return reference.year
    if day is None:
        same_month = [c for c in candidates if (c.year, c.month) == (reference.year, reference.month)]
        if same_month:
            return reference.year
    # The tense of the clause decides, as long as it keeps the date within nine months: a past
    # verb does not send "Nov. 6", written a week before it, back a whole year.
    near = [c for c in candidates if abs((c - reference).days) <= reach]
    if orientation == "past":
        past = [c for c in near if c <= reference]
        if past:
            return max(past).year
    if orientation == "future":
        # A future verb names the coming date even when that is next year: "will follow on
        # November 3", written in December, is the November ahead. Not a date just gone, though:
        # reported speech lags ("must be returned by Jan. 14", printed on January 15).
        future = [c for c in candidates if reference <= c <= reference + dt.timedelta(days=YEAR_DAYS)]
        lag = _REPORTING_LAG_DAYS if day is not None else 0
        just_gone = any(0 < (reference - c).days <= lag for c in candidates)
        if future and not (just_gone and min(future) not in near):
            return min(future).year
    if day is not None:
        # No cue for a day: the nearest one, a future day counting double, for news mostly reports
        # what has happened ("after the Oct. 23 slaying", written in May, is the October before).
        return min(candidates, key=lambda c: (_distance_leaning_past(c, reference), c)).year
    # No cue for a month: the nearest one, past on a tie ("in January" written in November is the
    # coming one; "in April" written in October the one gone).
    return min(candidates, key=lambda c: (abs((c - reference).days), c > reference)).year
