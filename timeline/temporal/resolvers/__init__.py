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

from timeline.temporal.resolvers.amounts import (
    compound_duration,
    constant,
    duration,
    offset,
    set_,
    vague_duration,
)
from timeline.temporal.resolvers.context import Context, Resolution, Resolver
from timeline.temporal.resolvers.dates import (
    calendar,
    century,
    day_of_month,
    day_range,
    decade,
    foreign_date,
    listed_day,
    month,
    month_range,
    range_,
    week_of_day,
    year_end,
    year_in_words,
)
from timeline.temporal.resolvers.days import (
    clock,
    day_beside,
    day_part,
    deictic_day,
    part_of_day,
    relative,
    relative_day,
    vague_span,
    week_of_month,
    weekday,
    weekday_range,
)
from timeline.temporal.resolvers.periods import (
    half,
    holiday,
    holiday_week,
    quarter,
    quarter_anaphora,
    quarter_ended,
    season,
    year_ago,
    year_period,
)

__all__ = ["RESOLVERS", "Context", "Resolution"]

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
