"""TimeML output: a range is written as its two ends, "three days later" as the duration "three days"."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline.temporal import tag
from timeline.temporal.timeml_writer import timeml_expressions, to_timeml


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("He lived there between 1994 and 1997.", [("1994", "1994"), ("1997", "1997")]),
        ("Records cover 1991 to 1997.", [("1991", "1991"), ("1997", "1997")]),
        ("The offer ran Aug. 26 to Oct. 20.", [("Aug. 26", "1989-08-26"), ("Oct. 20", "1989-10-20")]),
        ("The fair is May 8-10, 1990.", [("May 8", "1990-05-08"), ("10, 1990", "1990-05-10")]),
        ("It closed from June to August.", [("June", "1989-06"), ("August", "1989-08")]),
    ],
)
def test_a_range_is_annotated_as_its_two_ends(text: str, ends: list[tuple[str, str]]) -> None:
    expressions = tag(text, "1989-10-30")
    assert len(expressions) == 1 and "/" in expressions[0].value
    annotated = timeml_expressions(expressions)
    assert [(end.text, end.value) for end in annotated] == ends
    assert all(text[end.start : end.end] == end.text for end in annotated)


def test_an_end_keeps_its_own_interval() -> None:
    first, last = timeml_expressions(tag("Prices were set between 1994 and 1997.", "1999-05-07"))
    assert (first.start_date, first.end_date, first.granularity) == (
        dt.date(1994, 1, 1),
        dt.date(1994, 12, 31),
        "year",
    )
    assert (last.start_date, last.end_date) == (dt.date(1997, 1, 1), dt.date(1997, 12, 31))


@pytest.mark.parametrize(
    ("text", "written", "duration", "tagged_type"),
    [
        # No date named before, and a past clause: not three days after the reference date.
        ("The gap closes. Three days later, the index had recovered.", "Three days", "P3D", "DURATION"),
        ("Trading stopped on Friday. Three days later, the index recovered.", "Three days", "P3D", "DATE"),
        # Without a count there is no day to date: the tagger keeps the vague amount too.
        ("He resigned in May. A few days later, the board met.", "A few days", "PXD", "DURATION"),
        ("He was shot at 10 p.m. Just over an hour later, he was declared dead.", "an hour", "PT1H", "DATE"),
        ("Trucks crossed on Monday. A day earlier, the border was shut.", "A day", "P1D", "DATE"),
    ],
)
def test_units_later_is_a_duration_in_timeml(
    text: str, written: str, duration: str, tagged_type: str
) -> None:
    (later,) = [e for e in tag(text, "1989-10-30") if e.text.endswith(("later", "earlier"))]
    assert later.type == tagged_type  # the tagger dates it where it can, for the chronology
    (annotated,) = timeml_expressions([later])
    assert (annotated.text, annotated.type, annotated.value) == (written, "DURATION", duration)
    assert text[annotated.start : annotated.end] == written


def test_other_expressions_pass_unchanged() -> None:
    # "a year earlier" in a report is the period compared with: a date in TimeML too.
    expressions = tag(
        "The talks collapsed last week, three days ago, and resumed later this month. Sales rose "
        "from $2 billion a year earlier.",
        "2025-10-21",
    )
    assert [e.text for e in expressions][-1] == "a year earlier"
    assert timeml_expressions(expressions) == expressions


def test_timeml_document_tags_the_ends_of_a_range() -> None:
    text = "Sales rose between 1994 and 1997."
    document = to_timeml(text, tag(text, "1999-05-07"), dt.date(1999, 5, 7))
    assert (
        'Sales rose between <TIMEX3 tid="t1" type="DATE" value="1994">1994</TIMEX3> and '
        '<TIMEX3 tid="t2" type="DATE" value="1997">1997</TIMEX3>.'
    ) in document


def test_part_of_a_month_is_the_month_with_its_part_marked_in_timeml() -> None:
    # The chronology keeps the seven days; TimeML has no value for them, but has the month and a mod.
    (week,) = tag("Troops massed in the first week of April.", "2025-10-21")
    assert (week.value, week.start_date, week.end_date) == (
        "2025-04-01/2025-04-07", dt.date(2025, 4, 1), dt.date(2025, 4, 7)
    )
    (annotated,) = timeml_expressions([week])
    assert (annotated.text, annotated.value, annotated.mod) == ("the first week of April", "2025-04", "START")
    (last,) = timeml_expressions(tag("The last week of March 2022 was grim.", "2025-10-21"))
    assert (last.value, last.mod) == ("2022-03", "END")
