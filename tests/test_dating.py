"""Article dating: datelines, metadata dates, inference from content, and the order of sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.dating import (
    ReferenceDate,
    find_dateline,
    infer_date,
    mentioned_years,
    parse_metadata_date,
    reference_date,
    value_of_window,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _chosen(chosen: ReferenceDate) -> tuple[str | None, str]:
    return chosen.value, chosen.source


@pytest.mark.parametrize(
    ("text", "value", "kind", "date_text"),
    [
        (
            "11.9 C\nMunich\nTuesday, October 21, 2025\n\nAnother summit? Not so fast.\n",
            "2025-10-21",
            "header",
            "Tuesday, October 21, 2025",
        ),
        (
            "MOSCOW, Aug 7 (Reuters) - Russia said on Thursday that talks would go on as planned.",
            "XXXX-08-07",
            "wire",
            "Aug 7",
        ),
        (
            "KYIV, Ukraine, Aug. 7, 2025 (AP) — Ukraine said its forces held the line on Thursday.",
            "2025-08-07",
            "wire",
            "Aug. 7, 2025",
        ),
        (
            "Summit talk\nPublished 7 August 2025\nUpdated 8 August 2025\nThe body.",
            "2025-08-07",
            "published",
            "7 August 2025",
        ),
        (
            "Summit talk\nUpdated: Aug. 8, 2025 10:04 a.m. ET\nThe body.",
            "2025-08-08",
            "revised",
            "Aug. 8, 2025",
        ),
        ("By Jane Doe | Aug 7, 2025\nThe body of the story.", "2025-08-07", "byline", "Aug 7, 2025"),
        (  # below the header (a line of prose ends it): only the lines a dateline can lie in are read
            "The summit was the first of the two leaders since they met in Helsinki in July 2018.\n"
            "October 20, 2025 was a Monday.\n  Last updated: Oct. 21, 2025\nThe body.",
            "2025-10-21",
            "revised",
            "Oct. 21, 2025",
        ),
        ("Summit talk\n2025-10-21\nThe body.", "2025-10-21", "header", "2025-10-21"),
        (
            "Posted on Tuesday, 21st October 2025 at 10:15\nText.",
            "2025-10-21",
            "published",
            "Tuesday, 21st October 2025",
        ),
    ],
)
def test_find_dateline(text: str, value: str, kind: str, date_text: str) -> None:
    dateline = find_dateline(text)
    assert dateline is not None
    assert (dateline.value, dateline.kind) == (value, kind)
    assert text[dateline.date_start : dateline.date_end] == date_text
    assert dateline.date == (dt.date.fromisoformat(value) if not value.startswith("X") else None)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Summit talk\n21.10.2025\nThe body.", "2025-10-21", "header"),
        ("Summit talk\nPublished: 10/21/2025 4:03 PM\nThe body.", "2025-10-21", "published"),
        ("Summit talk\nPublished: 21/10/2025\nThe body.", "2025-10-21", "published"),
        ("Summit talk\n2025-10-21T16:03:00+02:00\nThe body.", "2025-10-21", "header"),
        ("Aug 7 (Reuters) - Russia said on Thursday that the talks would go on.", "XXXX-08-07", "wire"),
    ],
)
def test_more_dateline_forms(text: str, value: str, kind: str) -> None:
    dateline = find_dateline(text)
    assert (dateline.value, dateline.kind) == (value, kind)


def test_ambiguous_numeric_dates_are_not_guessed() -> None:
    assert find_dateline("Summit talk\n05/08/2025\nThe body.") is None
    assert parse_metadata_date("05/08/2025") is None
    assert parse_metadata_date("21.10.2025") == "2025-10-21"


def test_wire_dateline_span_covers_the_whole_dateline() -> None:
    text = "MOSCOW, Aug 7 (Reuters) - Russia said on Thursday that talks would go on."
    dateline = find_dateline(text)
    assert text[dateline.start : dateline.end] == "MOSCOW, Aug 7 (Reuters) -"


@pytest.mark.parametrize(
    "text",
    [
        "Monday, October 21, 2025\nThe 21st was a Tuesday, so this header is wrong and not trusted.",
        "Published February 30, 2025\nNo such day.",
        "A long first line of prose that goes on and on about the summit and its many consequences.\n"
        "2025-10-21\n",
        "Officials met in May 2025 and again on 3 June 2025 to discuss the plan in detail here.",
        "",
    ],
)
def test_no_dateline(text: str) -> None:
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2025-08-07", "2025-08-07"),
        ("2025-08-07T10:00:00Z", "2025-08-07"),
        ("2025-08-07 23:10:00+02:00", "2025-08-07"),
        ("2025-08", "2025-08"),
        ("2025", "2025"),
        ("August 7, 2025", "2025-08-07"),
        ("Thu, 07 Aug 2025 10:00:00 GMT", "2025-08-07"),
        ("7 août 2025", "2025-08-07"),
        (dt.date(2025, 8, 7), "2025-08-07"),
        (dt.datetime(2025, 8, 7, 22, 0), "2025-08-07"),
        ("2025-13-40", None),
        ("2025-02-29", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_metadata_date(raw: object, value: str | None) -> None:
    assert parse_metadata_date(raw) == value


def test_mentioned_years() -> None:
    text = "In 2019, and again in 2,025 units, Joint Sea 2025; 1850 no; 20255 no"
    assert mentioned_years(text) == [2019, 2025]
    # Read by the tagger: a clock time and a user name hold no year.
    assert mentioned_years("At 1900 GMT, beijing_2008 wrote about the 2019 talks.") == [2019]


@pytest.mark.parametrize(
    ("text", "value", "date_text"),
    [
        ("Summit\nThurs., Oct. 23, 2025\nThe body.", "2025-10-23", "Thurs., Oct. 23, 2025"),
        ("Summit\nThu, 07 Aug 2025 10:00:00 GMT\nThe body.", "2025-08-07", "Thu, 07 Aug 2025"),
    ],
)
def test_header_with_an_abbreviated_weekday(text: str, value: str, date_text: str) -> None:
    dateline = find_dateline(text)
    assert (dateline.value, dateline.kind, dateline.words) == (value, "header", date_text)
    assert dateline.end == text.index("\nThe body.")


@pytest.mark.parametrize(
    ("earliest", "latest", "value"),
    [
        ("2025-08-05", "2025-08-05", "2025-08-05"),
        ("2025-08-04", "2025-08-10", "2025-W32"),
        ("2025-08-04", "2025-08-20", "2025-08"),
        ("2025-07-31", "2025-08-06", "2025"),
        ("2024-12-30", "2025-01-03", "2025-W01"),
        ("2024-12-20", "2025-01-03", None),
    ],
)
def test_value_of_window(earliest: str, latest: str, value: str | None) -> None:
    assert value_of_window(dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest)) == value


def test_infer_from_future_weekday_date_with_year_from_text() -> None:
    text = (
        "US envoy Steve Witkoff will meet on Wednesday, August 6, with Russian leaders in Moscow. "
        "The Joint Sea 2025 exercises began on Sunday."
    )
    inference = infer_date(text)
    assert (inference.earliest, inference.latest) == (dt.date(2025, 7, 31), dt.date(2025, 8, 6))
    assert inference.value == "2025"
    assert inference.evidence == ("Wednesday, August 6",)


def test_infer_from_two_dates_narrows_to_a_week() -> None:
    text = (
        "Talks were held on Monday, August 4, 2025 in Geneva. "
        "The ministers will meet again on Friday, August 8."
    )
    inference = infer_date(text)
    assert (inference.earliest, inference.latest) == (dt.date(2025, 8, 4), dt.date(2025, 8, 8))
    assert inference.value == "2025-W32"


def test_infer_needs_a_year_it_can_trust() -> None:
    # August 6 is a Wednesday in 2014, 2025 and 2031: without a year in the text, say nothing.
    assert infer_date("Witkoff will meet on Wednesday, August 6, with Russian leaders.") is None
    assert infer_date("Witkoff will meet on Wednesday, August 6.", context_years=[2025]).value == "2025"


def test_infer_ignores_a_weekday_that_does_not_fit_and_conflicting_dates() -> None:
    assert infer_date("They met on Tuesday, August 6, 2025 in Geneva.") is None  # a Wednesday
    conflicting = "They met on Monday, March 3, 2025. They will meet on Friday, October 17, 2025."
    assert infer_date(conflicting) is None


def test_infer_finds_nothing_in_plain_weekdays() -> None:
    assert infer_date("Peskov said on Monday that a meeting was necessary, in 2025.") is None


def test_reference_date_order() -> None:
    text = "Tuesday, October 21, 2025\n\nTitle\n\nThey will meet on Friday, October 24, 2025 in Budapest."
    dateline = find_dateline(text)
    everything = {"metadata": "2025-10-20", "manifest": "2025-10-19", "dateline": dateline}
    assert _chosen(reference_date(text, cli=dt.date(2025, 1, 1), **everything)) == ("2025-01-01", "cli")
    assert _chosen(reference_date(text, **everything)) == ("2025-10-20", "metadata")
    from_manifest = reference_date(text, manifest="2025-10-19", dateline=dateline)
    assert _chosen(from_manifest) == ("2025-10-19", "manifest")
    assert _chosen(reference_date(text, dateline=dateline)) == ("2025-10-21", "dateline")
    inferred = reference_date(text)
    assert _chosen(inferred) == ("2025-10", "inferred")
    assert inferred.warnings == (
        "date inferred from content as 2025-10 (between 2025-10-18 and 2025-10-24, "
        "from 'Tuesday, October 21, 2025', 'Friday, October 24, 2025')",
    )
    undated = reference_date("Peskov said on Monday that a meeting was necessary.")
    assert _chosen(undated) == (None, "none")
    assert "no date found" in undated.warnings[0]


def test_wire_dateline_year_pinned_by_content() -> None:
    text = (
        "MOSCOW, Aug 7 (Reuters) - Vladimir Putin and Donald Trump will meet in the coming days, "
        "the Kremlin said. Envoy Steve Witkoff met Putin on Wednesday, August 6, 2025 in Moscow."
    )
    chosen = reference_date(text, dateline=find_dateline(text))
    assert _chosen(chosen) == ("2025-08-07", "dateline")


def test_wire_dateline_without_year_and_nothing_else() -> None:
    text = "MOSCOW, Aug 7 (Reuters) - Vladimir Putin and Donald Trump will meet in the coming days."
    chosen = reference_date(text, dateline=find_dateline(text))
    assert _chosen(chosen) == (None, "none")
    assert chosen.warnings == (
        "the dateline 'Aug 7' names no year and nothing else dates the article; left undated",
    )


def test_seed_004_dated_by_its_header() -> None:
    text = (SEEDS / "004_37202947cbd3880e.txt").read_text(encoding="utf-8")
    dateline = find_dateline(text)
    assert (dateline.value, dateline.kind, dateline.start) == ("2025-10-21", "header", 14)


def test_dates_with_a_year_bound_the_window_by_their_tense() -> None:
    text = (
        "The summit will take place on Friday, August 15, 2025 in Alaska, "
        "after they spoke on August 12, 2025."
    )
    inference = infer_date(text)
    assert (inference.earliest, inference.latest, inference.value) == (
        dt.date(2025, 8, 12),
        dt.date(2025, 8, 15),
        "2025-W33",
    )
    assert inference.evidence == ("Friday, August 15, 2025", "August 12, 2025")
    # Alone, such a date says nothing about when the article was written.
    assert infer_date("They spoke on August 12, 2025 about the summit.") is None


@pytest.mark.parametrize(
    "phrase",
    ["Wednesday, August 6", "Wednesday (Aug. 6)", "Wednesday 6 August", "Wednesday, the 6th of August"],
)
def test_weekday_anchored_date_forms(phrase: str) -> None:
    inference = infer_date(f"Witkoff will meet Putin on {phrase} in Moscow, as agreed in 2025.")
    assert (inference.earliest, inference.latest) == (dt.date(2025, 7, 31), dt.date(2025, 8, 6))
