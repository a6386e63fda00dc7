"""Resolvers: from a rule's matched groups to a TIMEX3 type and value.

Each resolver reads the named groups of its rule's match (normalised through the tables of
lexicon.yaml) and a `Context`: the reference date, the orientation of the clause (cues.py) and
the expressions already resolved in the text, which anaphoric expressions ("a day later",
"the following week", "that Friday", "the year-ago quarter") are anchored to. A resolver
returns None to veto a match ("February 30").

Precision is kept as the text gives it: "two months ago" is a month, "last week" an ISO week.
Without a reference date, relative expressions get unanchored values (XXXX-WXX-5, XXXX-XX).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from itertools import islice

from timeline.model import TimeExpr
from timeline.temporal.calendar_math import MOVABLE_HOLIDAYS, UNANCHORED, shift, value_at
from timeline.temporal.grammar import Grammar, normalise_word
from timeline.temporal.timex import interval_of

# How many expressions back an anaphoric one may refer ("a day later" is about a recent date).
_ANAPHORA_REACH = 50
# A month of a year, as TIMEX3 writes it (2025-08), at the start of a value.
_MONTH_VALUE = re.compile(r"[0-9]{4}-[0-9]{2}")
# What joins a period to its closing day: "the quarter ended Sept. 30".
_CLOSING_DAY = re.compile(r",?[ \t]+end(?:ed|ing)[ \t]+")
# How close a named day must be for a bare weekday to be read as that day ("the parade ... on Friday").
_NEARBY_CHARACTERS = 120


@dataclass(frozen=True, slots=True)
class Resolution:
    type: str
    value: str
    mod: str | None = None
    anchor: str | None = None  # "dct", or "text:START:END" of the expression it was anchored to


@dataclass(slots=True)
class Context:
    """What a resolver may know besides its match."""

    grammar: Grammar
    reference: dt.date | None
    history: list[TimeExpr]
    orientation: Callable[[], str | None]
    position: int = 0  # where the expression being resolved starts
    governed_by_past: Callable[[], bool] = lambda: False
    text: str = ""  # the document, for what lies between expressions

    def anaphoric_anchor(
        self, granularities: tuple[str, ...] = ("day", "instant"), coarse_written_only: bool = False
    ) -> tuple[dt.date | None, str | None]:
        """The date the story is at: the last expression with a date this precise, else the reference date.

        With COARSE_WRITTEN_ONLY, a period longer than a day counts only if it is named ("in 2019
        ... two years later", "in March ... two months later"), not counted from another date: in a
        report, "a year ago ... a year earlier" both compare with the same year, not the second
        with the first."""
        recent = self._recent()
        following = next(recent, None)
        while following is not None:
            expression, following = following, next(recent, None)
            if expression.start_date is None or expression.granularity not in granularities:
                continue
            if (
                coarse_written_only
                and expression.granularity not in ("day", "instant")
                and self.grammar.role_of(expression.rule) == "counted"
            ):
                continue
            # The closing day of a period is part of its name: what follows "the second quarter
            # ended Oct. 31" is about the quarter, where a quarter may be meant.
            period = following
            if (
                period is not None
                and period.start_date is not None
                and period.granularity in granularities
                and expression.granularity == "day"
                and _CLOSING_DAY.fullmatch(self.text, period.end, expression.start)
            ):
                expression = period
            return expression.start_date, f"text:{expression.start}:{expression.end}"
        return self.reference, ("dct" if self.reference else None)

    def nearby_day(self, weekday: int, reach: int = _NEARBY_CHARACTERS) -> TimeExpr | None:
        """A day named just before (within REACH characters), on WEEKDAY, within a week of the reference."""
        if not self.history or self.reference is None:
            return None
        latest = self.history[-1]
        if latest.granularity != "day" or latest.start_date is None or self.position - latest.end > reach:
            return None
        if latest.start_date.isoweekday() != weekday or abs((latest.start_date - self.reference).days) > 7:
            return None
        return latest

    def date_just_named(
        self, granularities: tuple[str, ...], reach: int = _NEARBY_CHARACTERS * 2
    ) -> TimeExpr | None:
        """The last date before this expression, if it is this precise and close to it."""
        for expression in reversed(self.history):
            if expression.start_date is None:
                continue
            if expression.granularity not in granularities or self.position - expression.end > reach:
                return None
            return expression
        return None

    def _recent(self) -> Iterator[TimeExpr]:
        """The expressions before this one, nearest first, as far back as anaphora reaches."""
        return islice(reversed(self.history), _ANAPHORA_REACH)

    def last_quarter(self) -> TimeExpr | None:
        unended = None
        ended: list[TimeExpr] = []
        for expression in self._recent():
            if expression.type == "DURATION" and re.fullmatch(r"P(?:6|9)M", expression.value):
                # "In the first nine months, ... a year earlier": the report has moved on from
                # the quarter to the year so far.
                break
            # Only a quarter named in its own right; "the year-ago quarter" is not the topic.
            named_quarter = re.fullmatch(r"\d{4}-Q[1-4]", expression.value)
            if self.grammar.role_of(expression.rule) != "topic_quarter" or not named_quarter:
                continue
            # A report is about a quarter that has ended: "a fourth-quarter charge" written in
            # October is a forecast, and "the latest quarter" after it is still the third. A
            # fiscal "fourth quarter ended Sept. 30" is the only quarter named: it is the topic.
            if self.reference is not None and expression.end_date and expression.end_date > self.reference:
                unended = unended or expression
                continue
            ended.append(expression)
        if ended:
            # Of the quarters named, the latest is the one reported on; an earlier one ("after a
            # flat second quarter") is a comparison. Mentions in text order break ties.
            return max(ended, key=lambda expression: (expression.value, expression.start))
        return unended


Groups = dict[str, str]
Resolver = Callable[[Groups, dict, Context], Resolution | None]

_DURATION_UNITS = {"S": "S", "TM": "M", "H": "H"}


def _shift(relation: str | None, context: Context) -> int | None:
    """How many units away RELATION places a date (resources: relation), None for no such word."""
    entry = context.grammar.lookup("relation", relation) if relation else None
    return entry["shift"] if entry else None


def _anaphoric(relation: str | None, context: Context) -> bool:
    """Whether RELATION counts from the date the story is at ("the following week", "that day")."""
    entry = context.grammar.lookup("relation", relation) if relation else None
    return bool(entry and entry.get("anaphoric"))


def _relation(groups: Groups, key: str = "relation") -> str | None:
    word = groups.get(key)
    if not word:
        return None
    return re.sub(r"^the ", "", normalise_word(word))


def _position_mod(groups: Groups, context: Context) -> str | None:
    word = groups.get("position")
    if not word:
        return None
    # A bare "end" (of "end-October") is "the end of".
    return context.grammar.lookup("position", word) or context.grammar.lookup("position", f"{word} of")


def _hedge_mod(groups: Groups, context: Context) -> str | None:
    word = groups.get("hedge")
    return context.grammar.lookup("approximation", word) if word else None


def _month_of(groups: Groups, context: Context, key: str = "month") -> int | None:
    if groups.get(f"{key}_number"):
        return int(groups[f"{key}_number"])
    word = groups.get(key)
    if not word:
        return None
    return context.grammar.lookup("month", word) or context.grammar.lookup("month_abbreviation", word)


def _year_of(text: str | None, reference: dt.date | None) -> int | None:
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
_YEAR_DAYS = 366
# How long after a future-tense date a story may still report it in the future tense.
_REPORTING_LAG_DAYS = 31


def _distance_leaning_past(day: dt.date, reference: dt.date) -> int:
    """Days between DAY and REFERENCE, a day ahead counting double."""
    return (day - reference).days * 2 if day > reference else (reference - day).days


def _pick_year(
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
        future = [c for c in candidates if reference <= c <= reference + dt.timedelta(days=_YEAR_DAYS)]
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


def calendar(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Absolute dates: a year, a month of a year, a day, with or without a year written."""
    reference = context.reference
    month = _month_of(groups, context)
    day = int(re.sub(r"\D", "", groups["day"])) if groups.get("day") else None
    year = _year_of(groups.get("year"), reference)
    mod = _position_mod(groups, context)
    if year is None and month is None:
        return None
    if month is None:
        return Resolution("DATE", f"{year:04d}", mod)
    if year is None:
        check_year = 2000  # a leap year: "February 29" is a real date in some year
        dt.date(check_year, month, day or 1)
        if reference is None:
            return Resolution("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), mod)
        if groups.get("relation_year"):
            # "August 8 of last year": the year is named relative to the reference date.
            year = reference.year + _shift(groups["relation_year"], context)
        elif arguments.get("direction"):
            # The rule's context settles the direction for up to a year: "the year ended March 31".
            year = _pick_year(reference, month, day, arguments["direction"], _YEAR_DAYS)
        else:
            year = _pick_year(reference, month, day, context.orientation())
        anchor = "dct"
    else:
        anchor = None
    if day is None:
        dt.date(year, month, 1)
        return Resolution("DATE", f"{year:04d}-{month:02d}", mod, anchor)
    dt.date(year, month, day)  # raises on "February 30": the match is vetoed
    value = f"{year:04d}-{month:02d}-{day:02d}"
    if groups.get("hour"):
        return Resolution("TIME", f"{value}T{int(groups['hour']):02d}:{groups['minute']}", mod, anchor)
    return Resolution("DATE", value, mod, anchor)


def week_of_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the week of March 6": the ISO week of that day (XXXX-WXX when its year is unknown)."""
    day = calendar({key: groups[key] for key in ("month", "day", "year") if key in groups}, {}, context)
    if day is None:
        return None
    if not day.value[:4].isdigit():
        return Resolution("DATE", "XXXX-WXX")
    return Resolution("DATE", value_at(dt.date.fromisoformat(day.value), "W"), None, day.anchor)


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
    return Resolution("DATE", parsed.date().isoformat())


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
        return Resolution("DATE", f"{year:04d}-{_month_of(groups, context):02d}")
    if groups.get("season"):
        return Resolution("DATE", f"{year:04d}-{context.grammar.lookup('season', groups['season'])}")
    return Resolution("DATE", f"{year:04d}")


def year_end(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "year-end": the last day of the year ("since year-end": of the year before); "year end",
    "year's end": the year, its end marked. The year is the one written, the one "last"/"next"
    says, the last one gone where the clause is told in the past, else the reference year."""
    apart = groups.get("apart") or groups.get("relation")
    year = _year_of(groups.get("year"), context.reference)
    anchor = None
    if year is None:
        if context.reference is None:
            return Resolution("DATE", "XXXX", "END") if apart else Resolution("DATE", "XXXX-12-31")
        anchor = "dct"
        reference = context.reference
        year = reference.year + (_shift(_relation(groups), context) or 0)
        if arguments.get("years_back"):
            year -= arguments["years_back"]
        elif not _relation(groups) and reference.month * 100 + reference.day < 1231:
            # Told in the past, the last year end gone by: the reference year's is still to come.
            year -= 1 if context.orientation() == "past" else 0
    if apart:
        return Resolution("DATE", f"{year:04d}", "END", anchor)
    return Resolution("DATE", f"{year:04d}-12-31", None, anchor)


def month(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A month name without a year: "last June", "early December", "in March"."""
    number = _month_of(groups, context)
    if number is None:
        return None
    if arguments.get("named_before"):
        # Only a month the story has already dated: that one.
        named = _month_named_before(groups["month"], number, context)
        if named is None:
            return None
        return Resolution("DATE", named.value[:7], None, f"text:{named.start}:{named.end}")
    mod = _position_mod(groups, context)
    relation = _relation(groups)
    if _anaphoric(relation, context):
        base, anchor = context.anaphoric_anchor()
    else:
        base, anchor = context.reference, "dct"
    if base is None:
        return Resolution("DATE", f"XXXX-{number:02d}", mod)
    shift_by = _shift(relation, context)
    if groups.get("relation_year"):
        year = base.year + _shift(groups["relation_year"], context)
    elif shift_by is not None and shift_by < 0:
        year = base.year if number < base.month else base.year - 1
    elif shift_by is not None and shift_by > 0:
        year = base.year if number > base.month else base.year + 1
    elif shift_by == 0:
        year = base.year
    elif arguments.get("direction"):
        year = _pick_year(base, number, None, arguments["direction"], _YEAR_DAYS)
    elif context.governed_by_past():
        # A month its own verb puts in the past is the last one: "changed to a calendar year in
        # December", written in October, is the December before.
        year = _pick_year(base, number, None, "past", _YEAR_DAYS)
    else:
        year = _pick_year(base, number, None, context.orientation())
    return Resolution("DATE", f"{year:04d}-{number:02d}", mod, anchor)


def _month_named_before(word: str, number: int, context: Context) -> TimeExpr | None:
    """The last expression before this one that names this month (by its word) and dates it."""
    stem = normalise_word(word)[:3]
    for expression in reversed(context.history):
        if (
            expression.granularity in ("month", "day")
            and expression.start_date is not None
            and expression.start_date.month == number
            and _MONTH_VALUE.match(expression.value)
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
    return Resolution("DATE", date.isoformat(), None, f"text:{named.start}:{named.end}")


def range_(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A span of years: "between 2017 and 2019", "2017-19" -> 2017/2019."""
    first = _year_of(groups["year"], context.reference)
    second_text = groups["year_b"]
    if first is None:
        return None
    if len(second_text) == 2:
        second = first // 100 * 100 + int(second_text)
    else:
        second = _year_of(second_text, context.reference)
    if second is None or second <= first:
        return None
    return Resolution("DATE", f"{first:04d}/{second:04d}")


def day_range(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Days from one to another: "May 8-10" -> 2025-05-08/2025-05-10, "July 30-Aug. 2"."""
    first = calendar({key: groups[key] for key in ("month", "day", "year") if key in groups}, {}, context)
    if first is None:
        return None
    last_month = _month_of(groups, context, "month_b") or _month_of(groups, context)
    last_day_number = int(re.sub(r"\D", "", groups["day_b"]))
    if not first.value[:4].isdigit():
        # No reference date and no year: the days are known, the year is not.
        return Resolution("DATE", f"{first.value}/XXXX-{last_month:02d}-{last_day_number:02d}")
    first_day = dt.date.fromisoformat(first.value)
    last_day = dt.date(first_day.year, last_month, last_day_number)
    if last_day < first_day:
        last_day = dt.date(first_day.year + 1, last_month, last_day_number)
    if (last_day - first_day).days > 62:
        return None  # "May 8-30" is a range; "May 8 and November 9" is two dates
    return Resolution("DATE", f"{first_day.isoformat()}/{last_day.isoformat()}", None, first.anchor)


def listed_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """The bare day closing a list, "April 24 and 25": that day of the date just named."""
    if not context.history:
        return None
    named = context.history[-1]
    if named.granularity != "day" or named.start_date is None or context.position - named.end > 16:
        return None
    day = named.start_date.replace(day=int(re.sub(r"\D", "", groups["day"])))
    return Resolution("DATE", day.isoformat(), None, f"text:{named.start}:{named.end}")


def month_range(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Months from one to another: "from June to August" -> 2025-06/2025-08."""
    first_month, last_month = _month_of(groups, context), _month_of(groups, context, "month_b")
    year = _year_of(groups.get("year"), context.reference)
    if year is None:
        if context.reference is None:
            return Resolution("DATE", f"XXXX-{first_month:02d}/XXXX-{last_month:02d}")
        year = _pick_year(context.reference, last_month, None, context.orientation())
    first_year = year if first_month <= last_month else year - 1
    return Resolution("DATE", f"{first_year:04d}-{first_month:02d}/{year:04d}-{last_month:02d}")


def decade(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    mod = _position_mod(groups, context)
    if arguments.get("hundreds"):
        return Resolution("DATE", groups["century_digits"], mod)
    if groups.get("century_digits"):
        return Resolution("DATE", f"{groups['century_digits']}{groups['decade_digit']}", mod)
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
    return Resolution("DATE", f"{century:02d}{digit}", mod)


def century(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    number = context.grammar.lookup("ordinal", groups["ordinal"])
    if not number or groups["ordinal"].lower() in ("last", "final"):
        return None
    return Resolution("DATE", f"{number - 1:02d}", _position_mod(groups, context))


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
    year = _year_of(written, reference)
    relation = _relation(groups) or _relation(groups, "relation_of")
    anchor = None
    if year is None and groups.get("end_month") and (reference is not None or groups.get("end_year")):
        last_day = _closing_day(
            groups["end_month"], groups["end_day"], groups.get("end_year"), groups["ended"], context
        )
        if last_day is not None and last_day.value[:4].isdigit():
            return Resolution("DATE", f"{last_day.value[:4]}-Q{number}", None, "dct")
    if year is None:
        if reference is None:
            return Resolution("DATE", f"XXXX-Q{number}")
        anchor = "dct"
        year = reference.year + {"last": -1, "next": 1}.get(relation or "", 0)
        current_quarter = (reference.month - 1) // 3 + 1
        if relation is None:
            if number > current_quarter and context.orientation() != "future":
                year -= 1
    return Resolution("DATE", f"{year:04d}-Q{number}", None, anchor)


def quarter_anaphora(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the quarter", "the latest period": the quarter last named, else the one just ended."""
    previous = context.last_quarter()
    if previous is not None:
        return Resolution("DATE", previous.value, None, f"text:{previous.start}:{previous.end}")
    # A bare "the period" is a quarter only where one was named; "the latest period" is the last one.
    if (groups.get("period") and not groups.get("latest")) or context.reference is None:
        return None
    last_quarter_day = shift(context.reference, "Q", -1)
    return Resolution("DATE", value_at(last_quarter_day, "Q"), None, "dct")


def _closing_day(
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
    last_day = _closing_day(groups["month"], groups["day"], groups.get("year"), groups.get("ended"), context)
    if last_day is None:
        return None
    known_year = last_day.value[:4].isdigit()
    # Without a year, the quarter is still known: counted in a leap year, as "February 29" may be.
    middle = dt.date.fromisoformat(last_day.value if known_year else "2000" + last_day.value[4:])
    middle -= dt.timedelta(days=45)
    if not known_year:
        return Resolution("DATE", f"XXXX-Q{(middle.month - 1) // 3 + 1}")
    return Resolution("DATE", value_at(middle, "Q"), None, last_day.anchor)


def year_period(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the 1988 period": the quarter under discussion, in that year; else the year."""
    year = _year_of(groups["year"], context.reference)
    previous = context.last_quarter()
    if year is None:
        return None
    if previous is None:
        return Resolution("DATE", f"{year:04d}")
    return Resolution(
        "DATE", f"{year:04d}-Q{previous.value[-1]}", None, f"text:{previous.start}:{previous.end}"
    )


def year_ago(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the year-ago quarter": the period under discussion, one year earlier."""
    previous = context.last_quarter()
    if groups.get("ordinal"):
        number = _ordinal_quarter(groups["ordinal"], context)
        base_year = (
            int(previous.value[:4]) if previous else (context.reference.year if context.reference else None)
        )
        if base_year is None or number is None:
            return None
        return Resolution("DATE", f"{base_year - 1:04d}-Q{number}")
    if previous is not None:
        year, number = int(previous.value[:4]), previous.value[-1]
        return Resolution("DATE", f"{year - 1:04d}-Q{number}", None, f"text:{previous.start}:{previous.end}")
    if context.reference is None:
        return None
    if groups.get("noun") and "quarter" in groups["noun"].lower():
        return Resolution(
            "DATE", value_at(shift(shift(context.reference, "Q", -1), "Y", -1), "Q"), None, "dct"
        )
    return Resolution("DATE", f"{context.reference.year - 1:04d}", None, "dct")


def half(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    if groups.get("half_number"):
        number = int(groups["half_number"])
    else:
        number = 1 if groups["ordinal"].lower() == "first" else 2
    year = _year_of(groups.get("year"), context.reference)
    if year is None:
        if context.reference is None:
            return Resolution("DATE", f"XXXX-H{number}")
        year = context.reference.year + {"last": -1, "next": 1}.get(_relation(groups) or "", 0)
    return Resolution("DATE", f"{year:04d}-H{number}")


# Seasons in the order they come within their year; winter is written with the year of its December.
_SEASON_ORDER = ("SP", "SU", "FA", "WI")


def _season_index(day: dt.date) -> tuple[int, int]:
    """(season year, index in _SEASON_ORDER) of a day: January 2025 is in the winter of 2024."""
    if day.month <= 2:
        return day.year - 1, 3
    return day.year, (day.month - 3) // 3


def season(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    code = context.grammar.lookup("season", groups["season"])
    mod = _position_mod(groups, context)
    year = _year_of(groups.get("year"), context.reference)
    if year is not None:
        return Resolution("DATE", f"{year:04d}-{code}", mod)
    if context.reference is None:
        return Resolution("DATE", f"XXXX-{code}", mod)
    current_year, current_index = _season_index(context.reference)
    target = _SEASON_ORDER.index(code)
    ordinal_now = current_year * 4 + current_index
    shift_by = _shift(_relation(groups), context)
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
    return Resolution("DATE", f"{ordinal // 4:04d}-{code}", mod, "dct")


def holiday(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    rule_value = str(context.grammar.lookup("holiday", groups["holiday"]))

    def on(year: int) -> dt.date:
        if rule_value in MOVABLE_HOLIDAYS:
            return MOVABLE_HOLIDAYS[rule_value](year)
        month_number, day = (int(part) for part in rule_value.split("-"))
        return dt.date(year, month_number, day)

    year = _year_of(groups.get("year"), context.reference)
    if year is not None:
        return Resolution("DATE", on(year).isoformat())
    reference = context.reference
    if reference is None:
        if rule_value in MOVABLE_HOLIDAYS:
            return Resolution("DATE", "XXXX-XX-XX")
        return Resolution("DATE", f"XXXX-{rule_value}")
    shift_by = _shift(_relation(groups), context)
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
    return Resolution("DATE", day.isoformat(), None, "dct")


def holiday_week(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "Easter week", "Thanksgiving week": the ISO week that holds the holiday."""
    day = holiday(groups, arguments, context)
    if day is None or not day.value[:4].isdigit() or "X" in day.value:
        return Resolution("DATE", "XXXX-WXX")
    return Resolution("DATE", value_at(dt.date.fromisoformat(day.value), "W"), None, day.anchor)


def _weekday_near(base: dt.date, weekday: int, direction: str | None) -> dt.date:
    difference = weekday - base.isoweekday()
    if direction == "future":
        return base + dt.timedelta(days=difference % 7)
    if direction == "past":
        return base - dt.timedelta(days=(-difference) % 7)
    # Nearest either way; the reference day itself when it is that weekday.
    forward, backward = difference % 7, (-difference) % 7
    return base + dt.timedelta(days=forward) if forward < backward else base - dt.timedelta(days=backward)


def _with_part(value: str, part: str | None, context: Context) -> tuple[str, str]:
    if not part:
        return "DATE", value
    code = context.grammar.lookup("part_of_day", part)
    return "TIME", f"{value}T{code}"




def weekday(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """A weekday, resolved by its modifier, else by the tense and cues of its clause."""
    number = context.grammar.lookup("weekday", groups["weekday"])
    mod = _position_mod(groups, context)
    relation = _relation(groups)
    # "the next Friday", "the following Friday", "that Friday" count from the story's date.
    said_with_the = normalise_word(groups.get("relation") or "").startswith("the ")
    shift_by = _shift(relation, context)
    if _anaphoric(relation, context) or (relation == "next" and said_with_the):
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
            return Resolution("DATE", named.start_date.isoformat(), mod, f"text:{named.start}:{named.end}")
        elif groups.get("possessive"):
            # "Friday's trading", "Wednesday's ruling": what a day owns has mostly happened.
            direction = "past"
        else:
            direction = context.orientation() or "past"
    # "Friday morning", "Thursday night" keep their part of the day (2025-08-08TMO), as
    # "Friday evening" does: TimeML values say what the text says.
    part = groups.get("part")
    if base is None:
        return Resolution(*_with_part(f"XXXX-WXX-{number}", part, context), mod)
    day = _weekday_near(base, number, direction)
    return Resolution(*_with_part(day.isoformat(), part, context), mod, anchor)


def weekday_range(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "from Monday to Wednesday": days of one week. Told in the past, the week whose last day is
    the latest gone; else the week whose first day is the next to come; "next"/"last" as for a day."""
    first_number = context.grammar.lookup("weekday", groups["weekday"])
    last_number = context.grammar.lookup("weekday", groups["weekday_b"])
    length = (last_number - first_number) % 7 or 7
    if context.reference is None:
        return Resolution("DATE", f"XXXX-WXX-{first_number}/XXXX-WXX-{last_number}")
    if _relation(groups):
        # "from next Monday to Wednesday": the first day as "next Monday" is, the rest after it.
        named = weekday({"weekday": groups["weekday"], "relation": groups["relation"]}, {}, context)
        first = dt.date.fromisoformat(named.value)
        last = first + dt.timedelta(days=length)
    elif context.orientation() == "past":
        last = _weekday_near(context.reference, last_number, "past")
        first = last - dt.timedelta(days=length)
    else:
        # Untold in the past, a span of days is a schedule: "the festival runs Friday to Sunday".
        first = _weekday_near(context.reference, first_number, "future")
        last = first + dt.timedelta(days=length)
    return Resolution("DATE", f"{first.isoformat()}/{last.isoformat()}", None, "dct")


def week_of_month(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the first week of April": days 1-7 of the month; "the last week of March": its last seven."""
    if groups.get("year"):
        named = calendar({"month": groups["month"], "year": groups["year"]}, {}, context)
    else:
        named = month({"month": groups["month"]}, {}, context)
    if named is None or not named.value[:4].isdigit():
        return None
    first_day, last_of_month, _ = interval_of(named.value[:7])
    ordinal = normalise_word(groups["ordinal"])
    if ordinal in ("last", "final"):
        start = last_of_month - dt.timedelta(days=6)
    else:
        start = first_day + dt.timedelta(weeks=("first", "second", "third", "fourth").index(ordinal))
    end = start + dt.timedelta(days=6)
    return Resolution("DATE", f"{start.isoformat()}/{end.isoformat()}", None, named.anchor)


def day_beside(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "the day before last Tuesday's hearing", "the day after Christmas": the named day, one over."""
    resolve_named = holiday if groups.get("holiday") else weekday
    named = resolve_named(groups, arguments, context)
    if named is None:
        return None
    shift = 1 if normalise_word(groups["shift"]) == "after" else -1
    if (undated := re.fullmatch(r"XXXX-WXX-([1-7])", named.value)) is not None:
        return Resolution("DATE", f"XXXX-WXX-{(int(undated[1]) - 1 + shift) % 7 + 1}", named.mod)
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", named.value) is None:
        return Resolution("DATE", "XXXX-XX-XX", named.mod)
    day = dt.date.fromisoformat(named.value) + dt.timedelta(days=shift)
    return Resolution("DATE", day.isoformat(), named.mod, named.anchor)


def deictic_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    word = normalise_word(groups.get("word") or arguments["word"])
    if word == "overnight":
        return _overnight(groups, context)
    named = context.grammar.lookup("deictic_day", word)
    offset, part = named["days"], groups.get("part") or named.get("part")
    mod = _position_mod(groups, context)
    if context.reference is None:
        kind, value = _with_part("XXXX-XX-XX", part, context)
        return Resolution(kind, value, mod)
    day = context.reference + dt.timedelta(days=offset)
    kind, value = _with_part(day.isoformat(), part, context)
    return Resolution(kind, value, mod, "dct")


def _overnight(groups: Groups, context: Context) -> Resolution:
    """ "overnight": the night before the day the story is at, as "last night" is ("shares fell
    Friday after overnight losses in New York" is Thursday night)."""
    day, anchor = context.anaphoric_anchor(("day",))
    if day is not None and context.reference is not None and abs((day - context.reference).days) > 7:
        # Overnight news is the news of the week it is written in, not of a date told as background.
        day, anchor = context.reference, "dct"
    kind, value = _with_part(
        (day - dt.timedelta(days=1)).isoformat() if day is not None else "XXXX-XX-XX", "night", context
    )
    return Resolution(kind, value, _position_mod(groups, context), anchor)


def part_of_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    relation = normalise_word(groups["relation"])
    offset = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[relation]
    part = groups["part"]
    if relation == "last" and normalise_word(part) != "night":
        offset = -1
    if context.reference is None:
        kind, value = _with_part("XXXX-XX-XX", part, context)
        return Resolution(kind, value)
    kind, value = _with_part((context.reference + dt.timedelta(days=offset)).isoformat(), part, context)
    return Resolution(kind, value, None, "dct")


def day_part(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "mid-afternoon": that part of the day the story is at; "mid-afternoon yesterday"."""
    day, anchor = context.anaphoric_anchor(("day",))
    if groups.get("word") and context.reference is not None:
        offset = context.grammar.lookup("deictic_day", groups["word"])["days"]
        day, anchor = context.reference + dt.timedelta(days=offset), "dct"
    kind, value = _with_part(day.isoformat() if day is not None else "XXXX-XX-XX", groups["part"], context)
    return Resolution(kind, value, None, anchor)


def relative_day(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Days counted from the date the story is at: "the next day", "the day before", "that day"."""
    relation = normalise_word(groups["relation"])
    offset = (
        1
        if any(word in relation for word in ("next", "following", "after"))
        else (-1 if any(word in relation for word in ("previous", "preceding", "before")) else 0)
    )
    month = context.date_just_named(("month",))
    if month is not None and _MONTH_VALUE.fullmatch(month.value) and not groups.get("part"):
        # "last October, when he was shot ... crossed out that same day": a day of that month.
        return Resolution("DATE", f"{month.value}-XX", None, f"text:{month.start}:{month.end}")
    base, anchor = context.anaphoric_anchor()
    if base is None:
        kind, value = _with_part("XXXX-XX-XX", groups.get("part"), context)
        return Resolution(kind, value)
    kind, value = _with_part((base + dt.timedelta(days=offset)).isoformat(), groups.get("part"), context)
    return Resolution(kind, value, None, anchor)


# What "the following UNIT" may count from: an expression at least as precise as the unit.
_ANCHOR_GRANULARITIES = {
    "D": ("day", "instant"),
    "W": ("day", "instant", "week"),
    "WE": ("day", "instant", "week"),
    "M": ("day", "instant", "week", "month"),
    "Q": ("day", "instant", "week", "month", "quarter"),
    "Y": ("day", "instant", "week", "month", "quarter", "season", "year"),
    "DE": ("day", "instant", "week", "month", "quarter", "season", "year"),
    "CE": ("day", "instant", "week", "month", "quarter", "season", "year", "decade"),
}
def relative(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "last week", "this month", "earlier this year", "the following week", "later that day"."""
    unit_word = normalise_word(groups.get("unit_word") or arguments.get("unit_word") or "")
    unit = arguments.get("unit") or context.grammar.lookup("calendar_unit", unit_word)
    if unit is None:
        return None
    relation = _relation(groups) or "this"
    amount = _shift(relation, context)
    if amount is None:
        return None
    if relation == "past" and unit in ("DE", "CE"):
        # "the past decade" is the last ten years up to now; "the last decade" the one before this.
        return Resolution("DURATION", duration_value(Fraction(1), unit))
    mod = _position_mod(groups, context)
    if _anaphoric(relation, context) or arguments.get("anaphoric"):
        base, anchor = context.anaphoric_anchor(_ANCHOR_GRANULARITIES[unit])
    else:
        base, anchor = context.reference, "dct"
    if base is None:
        return Resolution("DATE", UNANCHORED[unit], mod)
    if unit == "WE":
        if relation == "this" and groups.get("relation") is None:
            direction = context.orientation() or "past"
            saturday = _weekday_near(base, 6, direction)
        else:
            saturday = _weekday_near(base + dt.timedelta(weeks=amount), 6, None)
        return Resolution("DATE", value_at(saturday, "WE"), mod, anchor)
    return Resolution("DATE", value_at(shift(base, unit, amount), unit), mod, anchor)


def vague_span(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    resolution = relative(groups, arguments, context)
    if resolution is None:
        return None
    return Resolution(resolution.type, resolution.value, "APPROX", resolution.anchor)


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


def _format_number(number: Fraction) -> str:
    if number.denominator == 1:
        return str(number.numerator)
    return f"{float(number):.6g}"


def duration_value(count: Fraction | str, unit: str) -> str:
    """The TIMEX3 duration of COUNT UNITs: P30D, P3Y6M, PT2H, PXY (an unknown number of years)."""
    if unit == "2W":
        unit, count = "W", (count * 2 if isinstance(count, Fraction) else count)
    if unit == "DE":
        unit, count = "Y", (count * 10 if isinstance(count, Fraction) else count)
    if unit == "CE":
        unit, count = "Y", (count * 100 if isinstance(count, Fraction) else count)
    if isinstance(count, str):
        return f"PT{count}{_DURATION_UNITS[unit]}" if unit in _DURATION_UNITS else f"P{count}{unit}"
    return "P" + _duration_parts(count, unit)


# A fraction of a unit is written, as TimeML annotates it, in the next smaller one when that is
# whole: "2 1/2 years" P2Y6M, "5 1/2 hours" PT5H30M, "a minute and a half" PT1M30S.
_FRACTION_UNIT = {"Y": ("M", 12), "H": ("TM", 60), "TM": ("S", 60)}


def _duration_parts(count: Fraction, unit: str) -> str:
    """The designators of COUNT UNITs after "P": "3Y6M", "T5H30M", "1.5W"."""
    whole, remainder = divmod(count, 1)
    smaller = _FRACTION_UNIT.get(unit)
    if remainder and smaller and (remainder * smaller[1]).denominator == 1:
        parts = [(int(whole), unit), (int(remainder * smaller[1]), smaller[0])] if whole else [
            (int(remainder * smaller[1]), smaller[0])
        ]
    else:
        parts = [(count, unit)]
    written = "".join(
        f"{_format_number(Fraction(amount))}{_DURATION_UNITS.get(part_unit, part_unit)}"
        for amount, part_unit in parts
    )
    return f"T{written}" if parts[0][1] in _DURATION_UNITS else written


def duration(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    unit = context.grammar.lookup("unit", groups["unit"])
    if arguments.get("half"):
        count = Fraction(3, 2)
    else:
        count = parse_count(groups.get("count") or arguments["count"], context)
    if count is None or unit is None or (isinstance(count, Fraction) and count <= 0):
        return None
    return Resolution("DURATION", duration_value(count, unit), _hedge_mod(groups, context))


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
    mod = _hedge_mod(groups, context)
    if not groups.get("direction"):
        if first_unit == "W" and second_unit == "D":
            # ISO 8601 writes weeks alone: "two weeks and three days" is P17D.
            return Resolution("DURATION", duration_value(first * 7 + second, "D"), mod)
        first_value, second_value = duration_value(first, first_unit), duration_value(second, second_unit)
        # "P3Y" + "P8M" -> "P3Y8M"; "P1D" + "PT2H" -> "P1DT2H"; "PT2H" + "PT30M" -> "PT2H30M".
        if first_value.startswith("PT"):
            value = first_value + second_value.removeprefix("PT")
        else:
            value = first_value + second_value.removeprefix("P")
        return Resolution("DURATION", value, mod)
    direction = normalise_word(groups["direction"])
    sign = -1 if direction in ("ago", "earlier") else 1
    # The date is as precise as the smaller unit, but no finer than a day.
    smallest = "D" if second_unit in ("H", "TM", "S") else second_unit
    if direction == "ago":
        base, anchor = context.reference, "dct"
    else:
        base, anchor = context.anaphoric_anchor(
            _ANCHOR_GRANULARITIES.get(smallest, ("day", "instant")), coarse_written_only=True
        )
    if base is None:
        return Resolution("DATE", UNANCHORED.get(smallest, "XXXX"), mod)
    target = base
    for unit, amount in ((first_unit, int(first)), (second_unit, int(second))):
        if unit not in ("H", "TM", "S"):  # hours and minutes move no date to another day worth naming
            target = shift(target, unit, sign * amount)
    return Resolution("DATE", value_at(target, smallest), mod, anchor)


def vague_duration(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """ "recent years", "in the coming days", "for years": some number of units (PXY, PXD)."""
    unit = context.grammar.lookup("unit", groups["unit"])
    return Resolution("DURATION", duration_value("X", unit))


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
    mod = _hedge_mod(groups, context)
    if count is None or unit is None:
        return None
    if arguments.get("ahead_only") and (context.orientation() != "future" or count == "X"):
        # "in two weeks" told of what is done is the span up to now: the first time in two weeks.
        return duration(groups, {}, context)
    if count == "X":
        if direction in ("earlier", "later", "before", "after"):
            # "A few days later" is after the story's date, not the reference date's future: with
            # no count to add, what is known is the vague amount between, as TimeML puts it.
            return Resolution("DURATION", duration_value("X", unit), mod)
        return Resolution("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    if direction in ("earlier", "later", "before", "after"):
        # "two years later" may count from a year ("in 2019"); "a day later" only from a day.
        base, anchor = context.anaphoric_anchor(
            _ANCHOR_GRANULARITIES.get(unit, ("day", "instant")), coarse_written_only=True
        )
        if unit in ("Y", "DE") and sign < 0:
            previous = context.last_quarter()
            if previous is not None and count.denominator == 1:
                years = int(count) * (10 if unit == "DE" else 1)
                year = int(previous.value[:4]) - years
                return Resolution(
                    "DATE", f"{year:04d}-Q{previous.value[-1]}", mod, f"text:{previous.start}:{previous.end}"
                )
    else:
        base, anchor = context.reference, "dct"
        if unit == "Y" and direction == "ago" and count == 1:
            previous = context.last_quarter()
            if previous is not None:
                year = int(previous.value[:4]) - 1
                return Resolution(
                    "DATE", f"{year:04d}-Q{previous.value[-1]}", mod, f"text:{previous.start}:{previous.end}"
                )
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
            target = shift(named.start_date, unit, amount)
            value = value_at(target, _GRAIN_UNITS[named.granularity])
            return Resolution("DATE", value, mod, _text_anchor(named))
        if sign > 0 and context.orientation() == "past":
            # What a past clause tells happened "three days later" is not after the reference date.
            return Resolution("DURATION", duration_value(count, unit), mod)
    target = shift(base, unit, amount)
    # "a decade ago" names a year, not a decade: the decade boundary is not what is meant.
    return Resolution("DATE", value_at(target, "Y" if unit in ("DE", "CE") else unit), mod, anchor)


# The calendar unit of a granularity: what a date counted from a coarse one is known to.
_GRAIN_UNITS = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}
# How far back a coarse date may be and still be what "three days later" counts from.
_ANAPHORA_CHARACTERS = 400


def _text_anchor(expression: TimeExpr) -> str:
    return f"text:{expression.start}:{expression.end}"


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
    mod = _hedge_mod(groups, context)
    if groups.get("month"):
        day_resolution = calendar({"month": groups["month"], "day": groups["day"]}, {}, context)
        day_value, anchor = day_resolution.value, day_resolution.anchor
    elif groups.get("weekday") or groups.get("day_after"):
        day_resolution = weekday({"weekday": groups.get("weekday") or groups["day_after"]}, {}, context)
        day_value, anchor = day_resolution.value, day_resolution.anchor
    elif groups.get("deictic"):
        # "10 a.m. tomorrow": the day is the one named after the time, not the story's.
        day_resolution = deictic_day({"word": groups["deictic"]}, {}, context)
        day_value, anchor = day_resolution.value[:10], day_resolution.anchor
    else:
        # A bare time of day is on the day the story is at: "was shot at 10 p.m." after "on Oct. 23".
        day, anchor = context.anaphoric_anchor(("day",))
        day_value = day.isoformat() if day is not None else "XXXX-XX-XX"
    return Resolution("TIME", f"{day_value}T{hour:02d}:{minute:02d}", mod, anchor)


def set_(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    """Recurring times: "every year" P1Y, "weekly" P1W, "every Monday" XXXX-WXX-1."""
    if groups.get("adverb"):
        return Resolution("SET", context.grammar.lookup("recurrence_adverb", groups["adverb"]))
    if groups.get("count") or arguments.get("count"):
        # "every other week" counts two.
        fixed = arguments.get("count")
        count = Fraction(fixed) if fixed else parse_count(groups["count"], context)
        unit = context.grammar.lookup("unit", groups["unit"])
        return Resolution("SET", duration_value(count, unit)) if count and unit else None
    if groups.get("unit"):
        return Resolution("SET", context.grammar.lookup("recurring_unit", groups["unit"]))
    name = groups.get("weekday") or groups.get("weekday_b") or (groups.get("plural_weekday") or "")[:-1]
    if name:
        value = f"XXXX-WXX-{context.grammar.lookup('weekday', name)}"
        if parts := groups.get("parts") or groups.get("shared_parts"):
            value += f"T{context.grammar.lookup('part_of_day', parts)}"
        return Resolution("SET", value)
    number = _month_of(groups, context)
    return Resolution("SET", f"XXXX-{number:02d}") if number else None


def constant(groups: Groups, arguments: dict, context: Context) -> Resolution | None:
    return Resolution(arguments.get("type", "DATE"), arguments["value"])


RESOLVERS: dict[str, Resolver] = {
    "calendar": calendar,
    "foreign_date": foreign_date,
    "year_in_words": year_in_words,
    "year_end": year_end,
    "month": month,
    "day_of_month": day_of_month,
    "compound_duration": compound_duration,
    "weekday_range": weekday_range,
    "week_of_month": week_of_month,
    "range": range_,
    "day_range": day_range,
    "listed_day": listed_day,
    "week_of_day": week_of_day,
    "month_range": month_range,
    "decade": decade,
    "century": century,
    "quarter": quarter,
    "quarter_anaphora": quarter_anaphora,
    "quarter_ended": quarter_ended,
    "year_ago": year_ago,
    "year_period": year_period,
    "half": half,
    "season": season,
    "holiday": holiday,
    "holiday_week": holiday_week,
    "weekday": weekday,
    "day_beside": day_beside,
    "deictic_day": deictic_day,
    "part_of_day": part_of_day,
    "day_part": day_part,
    "relative_day": relative_day,
    "relative": relative,
    "vague_span": vague_span,
    "offset": offset,
    "duration": duration,
    "vague_duration": vague_duration,
    "clock": clock,
    "set": set_,
    "constant": constant,
}
