"""Robustness of the temporal tagger on any input: it returns well-formed expressions, never raises."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal import tag
from timeline.temporal.timeml_writer import timeml_expressions

# Words that make the grammar fire, mixed with junk, so that the properties are tested on real matches.
TEMPORAL_WORDS = [
    "Friday",
    "May",
    "March 3",
    "2025",
    "last week",
    "two months ago",
    "the 1990s",
    "3-1/2 year",
    "a day later",
    "the third quarter",
    "Q3",
    "8/7/25",
    "2025-08-07",
    "10:35 a.m.",
    "every year",
    "between 2017 and 2019",
    "May 8-10",
    "from June to August",
    "1991 to 1997",
    "February 30",
    "the 45th of May",
    "Christmas",
    "earlier this month",
    "-",
    "/",
    ",",
    ".",
    " ",
    "\n",
    "'",
    "’s",
    "of",
    "the",
    "in",
    "on",
    "9999",
    "0001",
    "1600",
]
texts = st.lists(st.one_of(st.sampled_from(TEMPORAL_WORDS), st.text(max_size=6)), max_size=25).map(" ".join)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _assert_well_formed(text: str, expressions: list) -> None:
    previous_end = 0
    for expression in expressions:
        assert 0 <= expression.start < expression.end <= len(text)
        assert expression.start >= previous_end, "expressions overlap or are out of order"
        assert text[expression.start : expression.end] == expression.text
        assert expression.type in ("DATE", "TIME", "DURATION", "SET")
        if expression.start_date is not None:
            assert expression.end_date is not None and expression.start_date <= expression.end_date
        previous_end = expression.end


@SETTINGS
@given(text=texts, reference=dates)
def test_any_mixture_of_temporal_words_and_junk_gives_well_formed_expressions(text, reference) -> None:
    _assert_well_formed(text, tag(text, reference))


@SETTINGS
@given(text=texts, reference=dates)
def test_the_timeml_annotation_of_any_text_is_well_formed(text, reference) -> None:
    # A range split into its two ends must still give sorted, non-overlapping spans of the text.
    _assert_well_formed(text, timeml_expressions(tag(text, reference)))


@SETTINGS
@given(text=st.text(max_size=200), reference=dates)
def test_any_unicode_text_gives_well_formed_expressions(text, reference) -> None:
    _assert_well_formed(text, tag(text, reference))


@SETTINGS
@given(text=texts, start=st.integers(-5, 120), end=st.integers(-5, 120))
def test_a_slice_is_tagged_with_offsets_into_the_whole_text(text, start, end) -> None:
    expressions = tag(text, "2025-10-21", start=start, end=end)
    _assert_well_formed(text, expressions)
    lower = max(0, min(start, len(text)))
    assert all(
        lower <= expression.start and expression.end <= max(lower, min(end, len(text)))
        for expression in expressions
    )


def test_extreme_reference_dates_resolve_what_they_can_and_drop_the_rest() -> None:
    text = "Last week, two months ago, on Friday, next year, in the 1990s and tomorrow."
    for reference in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        _assert_well_formed(text, tag(text, reference))
    latest = {expression.text: expression.value for expression in tag(text, dt.date(9999, 12, 31))}
    assert latest["two months ago"] == "9999-10"
    assert "tomorrow" not in latest  # 10000-01-01 is no date


def test_impossible_dates_are_not_tagged_as_days() -> None:
    found = {
        expression.text: expression.value
        for expression in tag("on February 30 and the 45th of May", "2025-10-21")
    }
    assert "February 30" not in found
    assert all(len(value) != 10 for value in found.values())


def test_control_characters_and_right_to_left_scripts() -> None:
    text = "\x00\x07Friday\u202e نشیا רוסיה on Monday\x1b[0m 2025\ufeff"
    expressions = tag(text, "2025-08-07")
    _assert_well_formed(text, expressions)
    assert [expression.text for expression in expressions] == ["Friday", "Monday", "2025"]


def test_binary_junk_and_empty_text() -> None:
    junk = bytes(range(256)).decode("latin-1") * 20
    _assert_well_formed(junk, tag(junk, "2025-08-07"))
    assert tag("", "2025-08-07") == []
    assert tag("", None) == []


def test_five_megabytes_of_text_are_tagged() -> None:
    # A 100 kB block of plain prose ending with two dated sentences, fifty times over.
    block = (
        "The council discussed the budget and the roads at length. " * 1750
        + "Putin met Trump on Friday, two months ago.\n"
    )
    text = block * 50
    assert len(text) > 5_000_000
    expressions = tag(text, "2025-10-21")
    assert len(expressions) == 100
    assert (expressions[-1].text, expressions[-1].value) == ("two months ago", "2025-08")
    assert text[expressions[-1].start : expressions[-1].end] == "two months ago"


def test_long_runs_without_word_edges_are_tagged() -> None:
    # Digits and hyphens with no space for 100 kB: windows must not each scan to the end of the run.
    run = "2025-" * 20_000
    _assert_well_formed(run, tag(run, "2025-10-21"))
    dates = "On 2025-08-07 " + "x-" * 50_000 + " and on Friday."
    assert [expression.text for expression in tag(dates, "2025-10-21")] == ["2025-08-07", "Friday"]
