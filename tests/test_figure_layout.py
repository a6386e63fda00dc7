"""The figure's geometry alone: the broken time axis, the label staircases, ticks and date words."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from timeline.writers.layout import (
    AxisSegment,
    LabelRequest,
    build_time_axis,
    clashes,
    date_phrase,
    gap_caption,
    precision_shape,
    segment_ticks,
    stack_in_blocks,
    stack_labels,
    stack_labels_back_to_back,
    wrap_label,
)

D = dt.date


def _days(*values: str) -> list[tuple[dt.date, dt.date]]:
    return [(D.fromisoformat(value), D.fromisoformat(value)) for value in values]


def test_empty_years_become_breaks_and_busy_months_get_the_room():
    spans = _days("2018-07-16", "2019-06-28", "2021-06-16", "2022-02-24") + _days(
        *[f"2025-08-{day:02d}" for day in range(1, 29)]
    )
    axis = build_time_axis(spans, 1.0, 11.0)
    assert [(segment.start, segment.end) for segment in axis.segments] == [
        (D(2018, 7, 1), D(2018, 7, 31)),
        (D(2019, 6, 1), D(2019, 6, 30)),
        (D(2021, 6, 1), D(2021, 6, 30)),
        (D(2022, 2, 1), D(2022, 2, 28)),
        (D(2025, 8, 1), D(2025, 8, 31)),
    ]
    widths = [segment.x1 - segment.x0 for segment in axis.segments]
    assert max(widths[:4]) < 0.65  # one event each: little room
    assert widths[4] > 6.5  # 28 events: most of it
    assert (axis.x0, axis.x1) == (1.0, pytest.approx(11.0))
    assert [gap_caption(before, after) for before, after in axis.gaps] == ["10 mo", "2 yr", "7 mo", "3 yr"]


def test_positions_are_linear_within_a_segment_and_squeezed_in_a_break():
    axis = build_time_axis(_days("2024-01-10", "2024-01-20", "2025-03-05"), 0.0, 10.0)
    first, second = axis.segments
    assert axis.position(D(2024, 1, 11)) - axis.position(D(2024, 1, 10)) == pytest.approx(first.scale)
    assert axis.span(D(2024, 1, 8), D(2024, 1, 14)) == pytest.approx(
        (first.x0 + 7 * first.scale, first.x0 + 14 * first.scale)
    )
    assert first.x1 < axis.position(D(2024, 9, 1)) < second.x0  # inside the break
    assert axis.position(D(2000, 1, 1)) == first.x0 and axis.position(D(2030, 1, 1)) == second.x1


def test_an_evenly_paced_story_keeps_one_linear_axis():
    spans = _days(*[f"{year}-{month:02d}-15" for year in (2021, 2022, 2023) for month in (1, 4, 7, 10)])
    assert len(build_time_axis(spans, 0.0, 10.0).segments) == 1


def test_a_year_does_not_stretch_a_busy_segment_but_a_lone_year_or_period_gets_one():
    spans = _days("2025-05-05", "2025-08-15", "2025-10-21") + [
        (D(2025, 1, 1), D(2025, 12, 31)),
        (D(2012, 1, 1), D(2012, 12, 31)),
        (D(2017, 1, 1), D(2019, 12, 31)),
    ]
    axis = build_time_axis(spans, 0.0, 10.0)
    assert [(segment.start, segment.end) for segment in axis.segments] == [
        (D(2012, 1, 1), D(2012, 12, 31)),
        (D(2017, 1, 1), D(2019, 12, 31)),  # drawn whole, not across a break that says "no events"
        (D(2025, 5, 1), D(2025, 10, 31)),
    ]
    assert axis.shown(D(2025, 1, 1), D(2025, 12, 31)) == (D(2025, 5, 1), D(2025, 10, 31))


def _requests(xs: list[float], width: float = 1.0, height: float = 0.3) -> list[LabelRequest]:
    return [LabelRequest(f"k{index:03d}", x, width, height) for index, x in enumerate(xs)]


def _no_clash(placed) -> bool:
    return not any(clashes(one, other, 0.04, 0.05) for one, other in itertools.combinations(placed, 2))


def test_staircase_descends_left_to_right_and_nothing_clashes():
    placed = stack_labels(_requests([0.0, 0.2, 0.4, 3.0]), 0.1, 0.04, 0.05, sides=(1,))
    offsets = {label.key: round(label.offset, 3) for label in placed}
    assert offsets == {"k000": 0.78, "k001": 0.44, "k002": 0.1, "k003": 0.1}
    assert _no_clash(placed)


def test_labels_take_turns_above_and_below_in_runs():
    placed = stack_labels(_requests([index * 0.2 for index in range(12)]), 0.1, 0.04, 0.05)
    assert {label.side for label in placed} == {1, -1}
    assert _no_clash(placed)
    tallest = max(label.far for label in placed)
    assert tallest < 6 * 0.34 + 0.1  # a label-width's worth of labels per side, not all twelve


def test_a_tight_cluster_is_labelled_back_to_back_in_less_height():
    requests = _requests([5.0] * 6 + [5.02] * 6)
    plain = stack_labels(requests, 0.1, 0.04, 0.05)
    split = stack_labels_back_to_back(requests, 0.1, 0.04, 0.05, left_limit=0.0)
    assert max(label.far for label in split) < max(label.far for label in plain) * 0.6
    assert {label.direction for label in split} == {1, -1}
    assert _no_clash(split)
    # No room on the left: every label keeps running right.
    cramped = stack_labels_back_to_back(requests, 0.1, 0.04, 0.05, left_limit=4.5)
    assert {label.direction for label in cramped} == {1}


def test_back_to_back_never_clashes_on_random_lanes():
    import random

    rng = random.Random(3)
    for _ in range(40):
        xs = sorted(rng.uniform(0.5, 9.0) for _ in range(rng.randrange(5, 40)))
        requests = [
            LabelRequest(f"k{index:02d}", x, rng.uniform(0.5, 1.5), rng.uniform(0.2, 0.5))
            for index, x in enumerate(xs)
        ]
        placed = stack_labels_back_to_back(requests, 0.1, 0.04, 0.05, left_limit=0.3)
        assert sorted(label.key for label in placed) == sorted(request.key for request in requests)
        assert _no_clash(placed)


def test_ticks_are_the_finest_that_fit_and_never_run_into_each_other():
    def measure(text: str) -> float:
        return 0.06 * len(text)

    wide = AxisSegment(D(2025, 8, 1), D(2025, 9, 30), 0.0, 6.0)
    labels = [tick.label for tick in segment_ticks(wide, measure) if tick.row == 0]
    assert labels[:3] == ["4 Aug", "11 Aug", "18 Aug"]
    year_row = [tick.label for tick in segment_ticks(wide, measure) if tick.row == 1]
    assert year_row == ["2025"]
    narrow = AxisSegment(D(2025, 1, 1), D(2025, 12, 31), 0.0, 1.2)
    assert [tick.label for tick in segment_ticks(narrow, measure) if tick.row == 0] == [
        "Jan",
        "Apr",
        "Jul",
        "Oct",
    ]
    decades = AxisSegment(D(2000, 1, 1), D(2029, 12, 31), 0.0, 3.0)
    assert [tick.label for tick in segment_ticks(decades, measure)] == [
        "2000",
        "2005",
        "2010",
        "2015",
        "2020",
        "2025",
    ]


@pytest.mark.parametrize(
    ("value", "granularity", "start", "end", "words"),
    [
        ("2025-08-15", "day", "2025-08-15", "2025-08-15", "15 Aug 2025"),
        ("2025-08-15T14:00", "instant", "2025-08-15", "2025-08-15", "15 Aug 2025 14:00"),
        ("2025-W33", "week", "2025-08-11", "2025-08-17", "week of 11 Aug 2025"),
        ("2025-08", "month", "2025-08-01", "2025-08-31", "Aug 2025"),
        ("2025-Q3", "quarter", "2025-07-01", "2025-09-30", "Q3 2025"),
        ("2025-SU", "season", "2025-06-01", "2025-08-31", "summer 2025"),
        ("2025", "year", "2025-01-01", "2025-12-31", "2025"),
        ("201", "decade", "2010-01-01", "2019-12-31", "2010s"),
        ("2017/2019", "interval", "2017-01-01", "2019-12-31", "2017–2019"),
        ("2025-05/2025-07", "interval", "2025-05-01", "2025-07-31", "May–Jul 2025"),
        ("x", "interval", "2025-08-04", "2025-08-08", "4–8 Aug 2025"),
        ("x", "interval", "2025-07-28", "2025-08-03", "28 Jul – 3 Aug 2025"),
    ],
)
def test_dates_in_words_keep_their_precision(value, granularity, start, end, words):
    assert date_phrase(value, granularity, D.fromisoformat(start), D.fromisoformat(end)) == words


def test_shapes_and_wrapping():
    assert precision_shape("day", D(2025, 8, 15), D(2025, 8, 15)) == "point"
    assert precision_shape("month", D(2025, 8, 1), D(2025, 8, 31)) == "bar"
    assert precision_shape("interval", D(2025, 8, 4), D(2025, 8, 8)) == "bar"
    assert precision_shape("interval", D(2017, 1, 1), D(2019, 12, 31)) == "loose"
    assert wrap_label("Trump says he will find out about Putin in a couple of weeks", 24) == [
        "Trump says he will find",
        "out about Putin in a",
        "couple of weeks",
    ]
    assert wrap_label("word " * 30, 10, 2) == ["word word", "word word…"]


def test_lanes_keep_the_fullest_names_and_pool_the_rest():
    from test_figure_corpus import ARTICLES, make_event

    from timeline.writers.layout import lane_of_events

    places = ["Kyiv"] * 3 + ["Paris"] * 2 + [f"Town {index}" for index in range(8)]
    events = [
        make_event(f"e{index:02d}", "An event", "2025-08-15", places=(place,))
        for index, place in enumerate(places)
    ]
    events.append(make_event("nowhere", "No place named", "2025-08-16"))
    lanes = lane_of_events(events, "place", ARTICLES)
    assert lanes["e00"] == "Kyiv" and lanes["e03"] == "Paris"
    assert {lanes[f"e{index:02d}"] for index in range(5, 13)} == {"other places"}
    assert lanes["nowhere"] == "other places"
    by_source = lane_of_events(events[:1], "source", ARTICLES)
    assert by_source == {"e00": "The Times Desk"}
    assert lane_of_events(events[:2], "none", ARTICLES) == {"e00": "", "e01": ""}


def test_a_source_lane_is_named_by_the_outlet_or_else_the_title():
    from test_figure_corpus import ARTICLES, make_event

    from timeline.writers.layout import lane_of_events

    events = [
        make_event("copy", "Copied", "2025-05-05", sources=(("wire/a-copy.txt", "then"),)),
        make_event("nameless", "No outlet", "2025-10-20", sources=(("d.txt", "then"),)),
    ]
    assert lane_of_events(events, "source", ARTICLES) == {
        "copy": "Leaders may meet again (copy)",
        "nameless": "Another summit? Not so fast",
    }


# --- The drawn figure read back: labels, leaders, breaks and legend, on real and crowded input ---


@pytest.fixture(scope="module")
def seed_chronology(tmp_path_factory):
    from pathlib import Path

    import timeline
    from timeline.writers.figure import render_chronology

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    built = timeline.build([seeds], out=tmp_path_factory.mktemp("seeds"), formats="none")
    return render_chronology(built.events, built.articles, {"highlight": "Helsinki,Osaka,Alaska,Budapest"})


def _dense_week_chronology():
    from test_figure_corpus import ARTICLES, make_event

    from timeline.writers.figure import render_chronology

    statuses = ("happened", "planned", "deadline", "cancelled", "uncertain", "reported")
    events = [
        make_event(
            f"d{index:02d}",
            f"Talks round {index} between delegations",
            f"2025-08-{6 + index % 3:02d}",
            statuses[index % len(statuses)],
        )
        for index in range(30)
    ]
    events += [make_event("w1", "Week of talks", "2025-W32", "uncertain"), make_event("y1", "Treaty", "2012")]
    return render_chronology(events, ARTICLES, {})


@pytest.fixture(scope="module", params=["seeds", "dense week"])
def chronology(request, seed_chronology):
    return seed_chronology if request.param == "seeds" else _dense_week_chronology()


def _labelled(chronology):
    return [marks for marks in chronology.marks.values() if marks.label is not None]


def test_no_two_labels_overlap(chronology):
    boxes = [(marks.event.id, marks.label.box(marks.line_y)) for marks in _labelled(chronology)]
    assert len(boxes) >= 30
    overlapping = [
        (first_id, second_id)
        for (first_id, first), (second_id, second) in itertools.combinations(boxes, 2)
        for (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) in [(first, second)]
        if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1
    ]
    assert overlapping == []


def test_no_drawn_period_crosses_a_compressed_gap(chronology):
    from matplotlib.patches import Rectangle

    breaks = [(before.x1, after.x0) for before, after in chronology.axis.gaps]
    crossing = [
        marks.event.id
        for marks in chronology.marks.values()
        if isinstance(marks.mark, Rectangle)
        for gap_x0, gap_x1 in breaks
        if marks.mark.get_x() < gap_x1 - 1e-9 and gap_x0 + 1e-9 < marks.mark.get_x() + marks.mark.get_width()
    ]
    assert crossing == []


def _look(mark) -> tuple[str, bool]:
    """A status mark's shape and whether it is hollow: what the legend promises a reader."""
    return str(mark.get_marker()), mark.get_markerfacecolor() == "white"


def test_every_status_in_the_plot_looks_as_its_legend_entry_says(chronology):
    artists = {artist.get_gid(): artist for artist in chronology.figure.axes[0].get_children()}
    legend = {
        gid.removeprefix("legend-status-"): _look(artist)
        for gid, artist in artists.items()
        if gid and gid.startswith("legend-status-")
    }
    drawn = {}
    for marks in chronology.marks.values():
        status_mark = marks.status_mark if marks.shape != "point" else marks.mark
        if status_mark is not None:
            drawn.setdefault(marks.event.status, set()).add(_look(status_mark))
    assert set(legend) == {marks.event.status for marks in chronology.marks.values()}
    assert {status: {legend[status]} for status in drawn} == drawn



def test_no_two_leader_lines_run_closer_than_a_label_is_high(chronology):
    labelled = _labelled(chronology)
    height = min(marks.label.height for marks in labelled)
    leaders = [marks for marks in labelled if marks.label.leader]
    close = [
        (first.event.id, second.event.id)
        for first, second in itertools.combinations(leaders, 2)
        if first.line_y == second.line_y
        and first.label.side == second.label.side
        and abs(first.label.x - second.label.x) < height
    ]
    assert close == []
    assert len(leaders) < len(labelled)  # crowded days share a leader


def test_labels_closer_than_a_label_is_high_stack_as_one_block_in_time_order():
    requests = [LabelRequest(key, x, 1.0, 0.3) for key, x in (("c", 0.2), ("a", 0.0), ("b", 0.1), ("d", 2.0))]
    def below(merged: list[LabelRequest]) -> list:
        return stack_labels(merged, 0.1, 0.05, 0.05, sides=(-1,))

    placed = {label.key: label for label in stack_in_blocks(requests, below, 0.3, 0.02)}
    assert [(key, placed[key].x, placed[key].leader, placed[key].offset) for key in "abcd"] == [
        ("a", 0.0, True, 0.1),
        ("b", 0.0, False, pytest.approx(0.42)),
        ("c", 0.0, False, pytest.approx(0.74)),
        ("d", 2.0, True, 0.1),
    ]
    assert placed["a"].reach == pytest.approx(0.2)


def test_an_event_with_several_participants_is_drawn_in_each_ones_lane():
    from test_figure_corpus import ARTICLES, make_event

    from timeline.writers.figure import render_chronology

    both = ("Donald Trump", "Volodymyr Zelensky")
    events = [
        make_event("e1", "Trump hosts Zelensky", "2025-10-17", participants=both),
        make_event("e2", "Trump call", "2025-08-06", participants=("Donald Trump",)),
        make_event("e3", "Zelensky talks", "2025-08-07", participants=("Volodymyr Zelensky",)),
    ]
    chronology = render_chronology(events, ARTICLES, {"lanes": "participant"})
    drawn = sorted((marks.event.id, marks.lane, marks.mark.get_gid()) for marks in chronology.copies)
    assert drawn == [("e1", "Volodymyr Zelensky", "event-e1-mark-copy1")]
    assert {event_id: marks.lane for event_id, marks in chronology.marks.items()} == {
        "e1": "Donald Trump",
        "e2": "Donald Trump",
        "e3": "Volodymyr Zelensky",
    }
    assert all(len(marks.texts) == 2 for marks in [*chronology.marks.values(), *chronology.copies])


def test_events_of_one_period_stand_in_the_order_the_text_gives():
    from dataclasses import replace

    from test_figure_corpus import ARTICLES, make_event

    from timeline.writers.figure import render_chronology

    helsinki = make_event("z1", "Meeting in Helsinki", "2017/2019", places=("Helsinki",))
    osaka = replace(make_event("a1", "Meeting in Osaka", "2017/2019", places=("Osaka",)), after=("z1",))
    chronology = render_chronology([osaka, helsinki], ARTICLES, {})
    first, then = chronology.marks["z1"].label, chronology.marks["a1"].label
    assert then.x - first.x >= min(first.height, then.height)  # side by side, Helsinki first
