"""Resolution of temporal expressions: tense, anaphora, slices, reference dates, and the seed articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from timeline.temporal import tag

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _values(text: str, reference) -> list[tuple[str, str]]:
    return [(expression.text, expression.value) for expression in tag(text, reference)]


def test_acceptance_two_months_ago() -> None:
    [expression] = tag("Trump and Putin met in Alaska two months ago.", "2025-10-21")
    assert (expression.value, expression.granularity) == ("2025-08", "month")
    assert (expression.start_date, expression.end_date) == (dt.date(2025, 8, 1), dt.date(2025, 8, 31))
    assert expression.anchor == "dct"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Putin said on Monday that he was ready.", "2025-08-18"),
        ("Putin will meet Trump on Friday.", "2025-08-22"),
        ("The summit is set to hold its first session on Wednesday.", "2025-08-20"),
        ("The summit is set to hold its final session on Thursday.", "2025-08-21"),
        ("Kyiv must reply by Friday.", "2025-08-22"),
        ("Zelensky met Trump last Friday.", "2025-08-15"),
        ("They meet again next Monday.", "2025-08-25"),
    ],
)
def test_weekdays_follow_the_tense_and_cues_of_their_clause(sentence: str, value: str) -> None:
    # 2025-08-20 is a Wednesday.
    assert [v for _, v in _values(sentence, "2025-08-20")] == [value]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # Its own verb, a past form, sends the month back up to a year.
        ("The operator changed from a fiscal year to a calendar year in December.", "2024-12"),
        # Fronted before a comma: the verb of the main clause governs it.
        ("In December, the company brought in a new chief executive.", "2024-12"),
        # A past verb of another clause, a bound or an adjective in -ed leaves the nearest December.
        ("The operator changed its year, and a vote follows in December.", "2025-12"),
        ("The lenders have extended loans through December.", "2025-12"),
        ("The split will be paid on a still unspecified date in December.", "2025-12"),
        ("He had not signed it if the case is heard in December.", "2025-12"),
    ],
)
def test_a_month_without_a_year_follows_the_verb_that_governs_it(sentence: str, value: str) -> None:
    # Written in October 2025: the nearest December is the coming one, ten months before the past one.
    assert [v for _, v in _values(sentence, "2025-10-21")] == [value]


def test_a_weekday_equal_to_the_reference_day_is_that_day() -> None:
    assert _values("The Kremlin said on Wednesday it was ready.", "2025-08-20") == [
        ("Wednesday", "2025-08-20")
    ]


def test_anaphoric_expressions_resolve_against_the_date_they_refer_back_to() -> None:
    text = "The talks opened on Aug. 11. A day later the envoys left, and the following week they returned."
    expressions = tag(text, "2025-10-21")
    by_text = {expression.text: expression for expression in expressions}
    opened = by_text["Aug. 11"]
    assert by_text["A day later"].value == "2025-08-12"
    assert by_text["A day later"].anchor == f"text:{opened.start}:{opened.end}"
    assert by_text["the following week"].value == "2025-W34"


def test_that_day_and_the_next_day_count_from_the_story_date() -> None:
    values = _values(
        "Fighting broke out on March 3, 2022. That day the city fell; the next day it burned.", "2025-10-21"
    )
    assert values == [
        ("March 3, 2022", "2022-03-03"),
        ("That day", "2022-03-03"),
        ("the next day", "2022-03-04"),
    ]


def test_a_day_referred_back_to_just_after_a_month_is_a_day_of_that_month() -> None:
    text = (
        "The doctor was shot last October. His name on the site was crossed out that same day. "
        "On Monday the site closed; the next day it reopened."
    )
    expressions = tag(text, "1999-02-06")
    assert [(e.text, e.value, e.start_date, e.end_date, e.granularity) for e in expressions] == [
        ("last October", "1998-10", dt.date(1998, 10, 1), dt.date(1998, 10, 31), "month"),
        ("that same day", "1998-10-XX", dt.date(1998, 10, 1), dt.date(1998, 10, 31), "month"),
        ("Monday", "1999-02-01", dt.date(1999, 2, 1), dt.date(1999, 2, 1), "day"),
        ("the next day", "1999-02-02", dt.date(1999, 2, 2), dt.date(1999, 2, 2), "day"),
    ]


def test_without_a_reference_date_relative_expressions_stay_unanchored() -> None:
    expressions = tag("Putin spoke on Friday, two months ago, in June 2021 and last week.")
    assert [(e.text, e.value, e.start_date) for e in expressions] == [
        ("Friday", "XXXX-WXX-5", None),
        ("two months ago", "XXXX-XX", None),
        ("June 2021", "2021-06", dt.date(2021, 6, 1)),
        ("last week", "XXXX-WXX", None),
    ]


def test_the_day_beside_a_weekday_without_a_reference_date_is_the_weekday_beside_it() -> None:
    expressions = tag("They met the day before Monday and left the day after Sunday.")
    assert [(e.text, e.value) for e in expressions] == [
        ("the day before Monday", "XXXX-WXX-7"),
        ("the day after Sunday", "XXXX-WXX-1"),
    ]


def test_reference_date_as_date_datetime_or_iso_string() -> None:
    text = "He arrived yesterday."
    expected = [("yesterday", "2025-08-06")]
    assert _values(text, dt.date(2025, 8, 7)) == expected
    assert _values(text, dt.datetime(2025, 8, 7, 23, 59)) == expected
    assert _values(text, "2025-08-07") == expected
    assert _values(text, "2025-08-07T10:00:00Z") == expected
    with pytest.raises(ValueError, match="not a reference date"):
        tag(text, "yesterday")


def test_a_slice_has_its_own_reference_date_and_offsets_into_the_whole_text() -> None:
    main = "Putin met Trump on Friday."
    teaser = " Related: Witkoff flew to Moscow on Wednesday."
    text = main + teaser
    [main_expression] = tag(text, "2025-08-20", end=len(main))
    [teaser_expression] = tag(text, "2025-05-08", start=len(main))
    assert (main_expression.text, main_expression.value) == ("Friday", "2025-08-15")
    assert (teaser_expression.text, teaser_expression.value) == ("Wednesday", "2025-05-07")
    assert text[teaser_expression.start : teaser_expression.end] == "Wednesday"


def test_precision_is_the_one_the_text_has() -> None:
    values = {
        e.text: (e.value, e.granularity)
        for e in tag(
            "In June 2021 talks began; last week they ended; in 2019 nothing; the 1990s were calm; "
            "the third quarter was weak.",
            "2025-10-21",
        )
    }
    assert values == {
        "June 2021": ("2021-06", "month"),
        "last week": ("2025-W42", "week"),
        "2019": ("2019", "year"),
        "the 1990s": ("199", "decade"),
        "the third quarter": ("2025-Q3", "quarter"),
    }


def test_mods_of_early_late_and_hedges() -> None:
    expressions = {
        e.text: e.mod
        for e in tag("It happened earlier this month, in late June and almost four years ago.", "2025-10-21")
    }
    assert expressions == {
        "earlier this month": "START",
        "late June": "END",
        "almost four years ago": "LESS_THAN",
    }


def _seed(prefix: str) -> str:
    [path] = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("seed", "reference", "expected"),
    [
        ("002", "2025-08-20", [("last week", "2025-W33"), ("Monday", "2025-08-18")]),
        (
            "003",
            "2025-08-07",
            [
                ("Thursday", "2025-08-07"),
                ("Wednesday", "2025-08-06"),
                ("June 2021", "2021-06"),
                ("next week", "2025-W33"),
            ],
        ),
        (
            "004",
            "2025-10-21",
            [
                ("Thursday", "2025-10-16"),
                ("two months ago", "2025-08"),
                ("last week", "2025-W42"),
                ("earlier this month", "2025-10"),
                ("this week", "2025-W43"),
            ],
        ),
        ("000", "2025-05-08", [("between 2017 and 2019", "2017/2019"), ("Friday", "2025-05-09")]),
    ],
)
def test_seed_articles(seed: str, reference: str, expected: list[tuple[str, str]]) -> None:
    found = _values(_seed(seed), reference)
    for pair in expected:
        assert pair in found, f"{pair} not in {found}"


def test_seed_000_parade_friday_is_the_coming_one() -> None:
    text = _seed("000")
    parade = text.index("Victory Day parade in Moscow on Friday")
    [friday] = [e for e in tag(text, "2025-05-08") if e.text == "Friday" and e.start > parade][:1]
    assert friday.value == "2025-05-09"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The summit on April 24 and 25 will be held.", [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
        ("They met on March 3, 4 or 5.", [("March 3", "1999-03-03"), ("5", "1999-03-05")]),
        # A count after the list is no day: "25 people", "25 more".
        ("On April 24 and 25 people died.", [("April 24", "1999-04-24")]),
        ("On April 24 and 25 more were killed.", [("April 24", "1999-04-24")]),
    ],
)
def test_the_day_closing_a_list_takes_the_month_named_before(sentence: str, expected: list) -> None:
    assert _values(sentence, "1999-02-10") == expected


def test_a_quarter_named_by_its_last_day_without_a_reference_date_keeps_its_quarter() -> None:
    # May to July: most of it in the second quarter, whatever the year.
    assert _values("Sales rose in the quarter ended July 31.", None) == [
        ("the quarter", "XXXX-Q2"),
        ("July 31", "XXXX-07-31"),
    ]


@pytest.mark.parametrize("reference", ["2025", "2025-08", "2025-W32"])
def test_a_reference_known_only_to_its_year_dates_a_day_written_without_one(reference: str) -> None:
    found = tag("The envoy met the minister on Wednesday, August 6, and again on Tuesday.", reference)
    assert [(e.text, e.value, e.anchor) for e in found] == [
        ("Wednesday, August 6", "2025-08-06", "year"),
        ("Tuesday", "XXXX-WXX-2", None),
    ]
