"""What a resolver may know besides its match: the reference date, the orientation of the clause
and the expressions resolved before it, which anaphoric ones ("a day later", "that Friday") refer to.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

from timeline.model import TimeExpr
from timeline.temporal.grammar import Grammar
from timeline.temporal.timex import months_of_duration, quarter_of_value
from timeline.temporal.value import Every, Interval, Point, Undated, timex

# How many expressions back an anaphoric one may refer ("a day later" is about a recent date).
_ANAPHORA_REACH = 50
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
    typed: Point | Interval | Undated | Every | None = None  # what VALUE was written from, if typed


def resolved(
    kind: str, value: Point | Interval | Undated | Every, mod: str | None = None, anchor: str | None = None
) -> Resolution:
    """A resolution of a typed VALUE, written out as TIMEX3 here and only here."""
    return Resolution(kind, timex(value), mod, anchor, value)


@dataclass(slots=True)
class Context:
    """What a resolver may know besides its match."""

    grammar: Grammar
    reference: dt.date | None
    history: list[TimeExpr]
    orientation: Callable[[], str | None]
    position: int = 0  # where the expression being resolved starts
    governed_by_past: Callable[[], bool] = lambda: False
    caption_scene: Callable[[], bool] = lambda: False  # the date of a photo caption's scene (cues.py)
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
            if expression.type == "DURATION" and months_of_duration(expression.value) in (6, 9):
                # "In the first nine months, ... a year earlier": the report has moved on from
                # the quarter to the year so far.
                break
            # Only a quarter named in its own right; "the year-ago quarter" is not the topic.
            named_quarter = quarter_of_value(expression.value) is not None
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


# What "the following UNIT" may count from: an expression at least as precise as the unit.
ANCHOR_GRANULARITIES = {
    "D": ("day", "instant"),
    "W": ("day", "instant", "week"),
    "WE": ("day", "instant", "week"),
    "M": ("day", "instant", "week", "month"),
    "Q": ("day", "instant", "week", "month", "quarter"),
    "Y": ("day", "instant", "week", "month", "quarter", "season", "year"),
    "DE": ("day", "instant", "week", "month", "quarter", "season", "year"),
    "CE": ("day", "instant", "week", "month", "quarter", "season", "year", "decade"),
}


def text_anchor(expression: TimeExpr) -> str:
    return f"text:{expression.start}:{expression.end}"
