"""The temporal tagger: find the temporal expressions of a text and resolve them.

    tag(text, dct=None, start=0, end=None) -> list[TimeExpr]

Finds expressions with the grammar of resources/<language>/*.yaml (finder.py), then resolves them in text
order (resolvers/) against the reference date DCT and, for anaphoric ones ("a day later",
"that Friday", "the year-ago quarter"), against the expression they refer back to. Each
TimeExpr's `anchor` says what it was resolved against: "dct", or "text:START:END", the offsets
of that earlier expression in the same text; None for absolute values.

START/END tag only the slice text[start:end] (a teaser on a page has its own reference date)
while keeping all offsets into the whole text; cues and anaphora stay inside the slice.
The result is sorted, non-overlapping, and `text[e.start:e.end] == e.text`. It never raises on
any text: a match that cannot be resolved (February 30, a date outside years 1-9999) is dropped.
"""

from __future__ import annotations

import datetime as dt

from timeline.model import TimeExpr
from timeline.temporal.cues import governed_by_past, orientation
from timeline.temporal.finder import find_candidates, select
from timeline.temporal.grammar import grammar
from timeline.temporal.resolvers import RESOLVERS, Context
from timeline.temporal.timex import interval_of


def reference_date(dct: dt.date | str | None) -> dt.date | None:
    """DCT as a date: a date, a datetime, an ISO string (only its first ten characters count), or None."""
    if dct is None or dct == "":
        return None
    if isinstance(dct, dt.datetime):
        return dct.date()
    if isinstance(dct, dt.date):
        return dct
    try:
        return dt.date.fromisoformat(str(dct).strip()[:10])
    except ValueError:
        raise ValueError(f"not a reference date in the form YYYY-MM-DD: {dct!r}") from None


def tag(
    text: str, dct: dt.date | str | None = None, start: int = 0, end: int | None = None
) -> list[TimeExpr]:
    """The temporal expressions of text[start:end], resolved against DCT, with offsets into TEXT."""
    reference = reference_date(dct)
    lower = max(0, min(start, len(text)))
    upper = len(text) if end is None else max(lower, min(end, len(text)))
    compiled = grammar()
    expressions: list[TimeExpr] = []
    for candidate in select(find_candidates(compiled, text, lower, upper), lower, upper):
        context = Context(
            grammar=compiled,
            reference=reference,
            history=expressions,
            orientation=lambda candidate=candidate: orientation(
                text, candidate.start, candidate.end, lower, upper
            ),
            position=candidate.start,
            text=text,
            governed_by_past=lambda candidate=candidate: governed_by_past(
                text, candidate.start, candidate.end, lower, upper
            ),
        )
        try:
            resolution = RESOLVERS[candidate.rule.resolver](
                candidate.groups, candidate.rule.arguments, context
            )
            if resolution is None:
                continue
            start_date, end_date, granularity = interval_of(resolution.value)
        except (ValueError, OverflowError, ZeroDivisionError):
            # Well-shaped but impossible ("February 30", a year past 9999): not a date.
            continue
        expressions.append(
            TimeExpr(
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start : candidate.end],
                type=resolution.type,
                value=resolution.value,
                start_date=start_date,
                end_date=end_date,
                granularity=granularity,
                mod=resolution.mod,
                rule=candidate.rule.name,
                anchor=resolution.anchor,
            )
        )
    return expressions
