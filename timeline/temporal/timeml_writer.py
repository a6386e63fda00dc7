"""Writing a tagged text as TimeML: the text with `<TIMEX3>` tags, the DCT as CREATION_TIME."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from timeline.model import TimeExpr
from timeline.temporal.tagger import tag
from timeline.temporal.timex import interval_of

# What joins the two ends of a range: "May 8-10", "1991 to 1997", "between 1994 and 1997".
_RANGE_JOINT = re.compile(r"[ \t]*(?:[-–]|\b(?:to|through|until|and)\b)[ \t]*")
_RANGE_OPENING = re.compile(r"(?:between|from)[ \t]+", re.IGNORECASE)
# "three days later", "a day earlier": a count of units, then the word that anchors it to the story's
# last event. Not "a year earlier" (nor months): in a report it is the period compared with, a date.
_LATER = re.compile(
    r"[ \t]+later$|(?:(?<=day)|(?<=days)|(?<=week)|(?<=weeks)|(?<=hour)|(?<=hours)|(?<=minute)|(?<=minutes))"
    r"[ \t]+earlier$",
    re.IGNORECASE,
)


def timeml_expressions(expressions: Sequence[TimeExpr]) -> list[TimeExpr]:
    """EXPRESSIONS as TimeML annotates them, where that differs from what the chronology needs.

    A range is its two ends, each a TIMEX3 of its own: TimeML has no range value; its guidelines
    (and the TempEval-3 data) tag "between 1994 and 1997" as "1994" and "1997". "Three days later"
    is the duration "three days", "later" being the signal that anchors it to an event, as TimeML
    tags "two days before the attack" (and TempEval-3 "Three days later", "A few days later").
    The tagger keeps the interval "1994/1997" and the day three days on, for the chronology.
    """
    annotated: list[TimeExpr] = []
    for expression in expressions:
        annotated.extend(
            _range_ends(expression)
            or [_duration_before_later(expression) or _part_of_a_month(expression) or expression]
        )
    return annotated


def _part_of_a_month(expression: TimeExpr) -> TimeExpr | None:
    """ "the first week of April" (days 1-7) as TimeML can write it: the month, its start marked."""
    if "/" not in expression.value or expression.start_date is None or expression.end_date is None:
        return None
    first, last = expression.start_date, expression.end_date
    if (first.year, first.month) != (last.year, last.month):
        return None
    middle = (first.day + last.day) // 2
    month_value = f"{first.year:04d}-{first.month:02d}"
    start_date, end_date, granularity = interval_of(month_value)
    return dataclasses.replace(
        expression,
        value=month_value,
        mod="START" if middle <= 10 else ("END" if middle >= 21 else "MID"),
        start_date=start_date,
        end_date=end_date,
        granularity=granularity,
    )


def _duration_before_later(expression: TimeExpr) -> TimeExpr | None:
    later = _LATER.search(expression.text)
    if later is None:
        return None
    # The count and unit are read by the grammar itself, as if written alone.
    durations = [found for found in tag(expression.text[: later.start()]) if found.type == "DURATION"]
    if len(durations) != 1:
        return None
    duration = durations[0]
    return dataclasses.replace(
        duration,
        start=expression.start + duration.start,
        end=expression.start + duration.end,
        rule=expression.rule,
    )


def _range_ends(expression: TimeExpr) -> list[TimeExpr] | None:
    first_value, slash, last_value = expression.value.partition("/")
    if not slash or expression.value.startswith("P"):
        return None
    opening = _RANGE_OPENING.match(expression.text)
    first_start = opening.end() if opening else 0
    joint = _RANGE_JOINT.search(expression.text, first_start + 1)
    if joint is None or joint.end() == len(expression.text):
        return None
    pieces = ((first_start, joint.start(), first_value), (joint.end(), len(expression.text), last_value))
    ends = []
    for start, end, value in pieces:
        start_date, end_date, granularity = interval_of(value)
        ends.append(
            dataclasses.replace(
                expression,
                start=expression.start + start,
                end=expression.start + end,
                text=expression.text[start:end],
                value=value,
                start_date=start_date,
                end_date=end_date,
                granularity=granularity,
                mod=None,
            )
        )
    return ends


def to_timeml(text: str, expressions: Sequence[TimeExpr], dct: dt.date | None) -> str:
    """TEXT wrapped in <TimeML>, each expression as <TIMEX3 tid type value [mod]>, a range as its ends.

    The expressions must be sorted and non-overlapping, as `tag` returns them.
    """
    pieces = ['<?xml version="1.0" encoding="UTF-8"?>\n<TimeML>\n']
    if dct is not None:
        pieces.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.isoformat()}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{dct.isoformat()}</TIMEX3></DCT>\n'
        )
    pieces.append("<TEXT>")
    position = 0
    for number, expression in enumerate(timeml_expressions(expressions), start=1):
        pieces.append(escape(_xml_safe(text[position : expression.start])))
        attributes = f'tid="t{number}" type={quoteattr(expression.type)} value={quoteattr(expression.value)}'
        if expression.mod:
            attributes += f" mod={quoteattr(expression.mod)}"
        pieces.append(f"<TIMEX3 {attributes}>{escape(_xml_safe(expression.text))}</TIMEX3>")
        position = expression.end
    pieces.append(escape(_xml_safe(text[position:])))
    pieces.append("</TEXT>\n</TimeML>\n")
    return "".join(pieces)


def _xml_safe(text: str) -> str:
    """TEXT without the characters XML 1.0 cannot hold (control characters other than tab and newlines)."""
    return "".join(
        character
        for character in text
        if character in "\t\n\r"
        or "\x20" <= character <= "\ud7ff"
        or "\ue000" <= character <= "\ufffd"
        or character >= "\U00010000"
    )
