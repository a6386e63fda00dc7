"""--from, --to, --entity, --min-sources, --highlight: which events the views show."""

from __future__ import annotations

import datetime as dt

import pytest
from test_figure_corpus import ARTICLES, make_event, seed_like_events

from timeline.filters import (
    FigureOptions,
    highlight_chain,
    most_reported,
    names_match,
    original_article_ids,
    select_events,
    source_count,
    unmatched_entity_warning,
)


def _ids(options: dict) -> list[str]:
    return [
        event.id for event in select_events(seed_like_events(), FigureOptions.from_options(options), ARTICLES)
    ]


def test_no_filter_keeps_everything_in_time_order_undated_last():
    ids = _ids({})
    assert len(ids) == 34
    assert ids[:3] == ["e01", "e02", "e03"] and ids[-1] == "e34"


def test_date_range_keeps_the_events_whose_interval_meets_it():
    # Coarse bounds: from the first day of August to the last day of August; the Q4 planned
    # summit starts in October and the week of 26 May ends before August.
    assert _ids({"date_from": "2025-08", "date_to": "2025-08"}) == [
        "e15",
        "e16",
        "e17",
        "e18",
        "e19",
        "e20",
        "e21",
        "e22",
        "e23",
    ]
    # A loose 2017–2019 interval meets a range inside it; undated events meet no bounded range.
    assert _ids({"date_to": "2018-12-31"}) == ["e01", "e02"]
    assert _ids({"date_from": dt.date(2025, 10, 20)}) == ["e33", "e30", "e32", "e31"]  # by start day


def test_entity_matches_whole_words_of_participants_places_and_organisations():
    assert _ids({"entity": "Witkoff"}) == ["e15"]
    assert _ids({"entity": "budapest"}) == ["e33", "e32"]
    assert _ids({"entity": "Kremlin"}) == ["e17"]
    assert _ids({"entity": "Put"}) == []
    assert names_match("Vladimir Putin", "Vladimir Putin") and names_match("Putin", "Vladimir Putin")
    assert not names_match("Vladimir Putin", "Putin")


def test_min_sources_counts_distinct_articles_and_a_copy_once():
    events = seed_like_events()
    originals = original_article_ids(ARTICLES)
    spokesman = next(event for event in events if event.id == "e07")
    assert len(spokesman.sources) == 2 and source_count(spokesman, originals) == 1
    assert _ids({"min_sources": 2}) == ["e02", "e09", "e15", "e19", "e20", "e33"]
    assert _ids({"min_sources": 4}) == ["e19"]


def test_filters_combine():
    assert _ids({"entity": "Trump", "date_from": "2025-08-01", "min_sources": 2}) == ["e19", "e20", "e33"]


def test_highlight_chain_picks_one_event_per_term_in_time_order():
    events = seed_like_events()
    originals = original_article_ids(ARTICLES)
    chain = highlight_chain(events, ("Budapest", "Helsinki", "Alaska", "Atlantis"), originals)
    assert [(term, event.id) for term, event in chain] == [
        ("Helsinki", "e02"),
        ("Alaska", "e19"),
        ("Budapest", "e33"),
    ]
    # A participant names events too; the most reported one stands for him.
    assert [event.id for _, event in highlight_chain(events, ("Witkoff", "Zelensky"), originals)] == [
        "e15",
        "e20",
    ]
    # No place or participant says it: a label that does will do.
    assert [event.id for _, event in highlight_chain(events, ("Ultimatum",), originals)] == ["e13"]


def test_most_reported_needs_two_sources_at_least():
    originals = original_article_ids(ARTICLES)
    assert [event.id for event in most_reported(seed_like_events(), originals)] == [
        "e19",
        "e02",
        "e09",
        "e15",
        "e20",
    ]
    assert most_reported([make_event("x", "Once", "2025-01-01")], originals) == []


def test_options_parse_the_command_line_spellings():
    options = FigureOptions.from_options(
        {
            "highlight": "Helsinki, Osaka,,helsinki",
            "date_from": "2025",
            "date_to": "2025-W33",
            "size": "8x5",
            "dpi": "200",
            "min_sources": "2",
            "lanes": "place",
            "jobs": 4,
            "entity": "  ",
        }
    )
    assert options.highlight == ("Helsinki", "Osaka")
    assert (options.date_from, options.date_to) == (dt.date(2025, 1, 1), dt.date(2025, 8, 17))
    assert (options.size, options.dpi, options.min_sources, options.lanes) == ((8.0, 5.0), 200, 2, "place")
    assert options.entity is None
    assert FigureOptions.from_options(None) == FigureOptions()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"lanes": "colour"}, "lanes must be one of none, place, participant, source"),
        ({"min_sources": 0}, "min_sources must be at least 1"),
        ({"size": "wide"}, "size must be WIDTHxHEIGHT"),
        ({"size": "1x1"}, "size must be between 2 and 200 inches"),
        ({"dpi": 10}, "dpi must be between 50 and 1200"),
        ({"date_from": "soon"}, "not a date"),
        ({"date_from": "2025-09", "date_to": "2025-08"}, "--from 2025-09-01 is after --to 2025-08-31"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(options, message):
    with pytest.raises(ValueError, match=message):
        FigureOptions.from_options(options)


def test_an_entity_named_in_no_event_is_warned_about_with_the_names_that_exist():
    events = [
        make_event(
            "a", "Talks", "2025-08-06", participants=("Vladimir Putin", "Donald Trump"), places=("Alaska",)
        ),
        make_event("b", "Call", "2025-08-07", participants=("Donald Trump",)),
    ]
    assert unmatched_entity_warning(events, "Putin") is None
    assert unmatched_entity_warning(events, None) is None
    assert unmatched_entity_warning(events, "Nobody", shown=2) == (
        "--entity 'Nobody' names no person, place or organisation in any event; "
        "events name: Donald Trump, Alaska and 1 more"
    )
