"""The PNG/SVG chronology: no overlapping text, precision drawn to scale, the chain, determinism."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from test_figure_corpus import ARTICLES, make_event, seed_like_events, synthetic_events

from timeline.filters import FigureOptions, original_article_ids, source_count
from timeline.writers.figure import figure_bytes, render_chronology, svg_element_id, write_figures

CHAIN = "Helsinki,Osaka,Geneva,Alaska,Budapest"


def _text_boxes(chronology) -> list[tuple[str, np.ndarray]]:
    figure = chronology.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = []
    for text in figure.axes[0].texts:
        if isinstance(text, Text) and text.get_text().strip():
            extent = text.get_window_extent(renderer)
            boxes.append((text.get_text(), np.array([extent.x0, extent.y0, extent.x1, extent.y1])))
    return boxes


def _overlaps(chronology, tolerance: float = 0.5) -> list[tuple[str, str]]:
    """Pairs of texts whose rendered boxes overlap, and texts over an event's mark."""
    named = _text_boxes(chronology)
    renderer = chronology.figure.canvas.get_renderer()
    names = [name for name, _ in named] + [f"mark of {marks.event.id}" for marks in chronology.marks.values()]
    marks = [marks.mark.get_window_extent(renderer) for marks in chronology.marks.values()]
    boxes = np.array([box for _, box in named] + [[box.x0, box.y0, box.x1, box.y1] for box in marks])
    if not len(boxes):
        return []
    x0, y0, x1, y1 = (boxes[:, index] for index in range(4))
    clash = (
        (x0[:, None] < x1[None, :] - tolerance)
        & (x0[None, :] < x1[:, None] - tolerance)
        & (y0[:, None] < y1[None, :] - tolerance)
        & (y0[None, :] < y1[:, None] - tolerance)
    )
    texts = len(named)
    clash[texts:, texts:] = False  # marks may touch marks: only text matters
    first, second = np.nonzero(np.triu(clash, k=1))
    return [(names[one], names[other]) for one, other in zip(first, second, strict=True)]


@pytest.mark.parametrize("lanes", ["none", "place", "participant", "source"])
def test_seed_like_labels_overlap_no_text_and_no_mark(lanes):
    chronology = render_chronology(seed_like_events(), ARTICLES, {"highlight": CHAIN, "lanes": lanes})
    assert len(chronology.marks) == 33  # every dated event drawn; the FUTURE_REF one cannot be
    assert [event.id for event in chronology.undrawn] == ["e34"]
    assert _overlaps(chronology) == []


def test_synthetic_200_event_corpus_labels_every_event_and_overlaps_no_text():
    # Tall enough a page that every label fits (see the next tests for what gives way on A4).
    chronology = render_chronology(
        synthetic_events(200), ARTICLES, {"title": "Two hundred events", "size": "11.69x24", "dpi": 72}
    )
    assert len(chronology.marks) == 200
    assert all(marks.label is not None and len(marks.texts) == 2 for marks in chronology.marks.values())
    assert _overlaps(chronology) == []


def test_synthetic_200_event_corpus_on_a4_overlaps_no_text():
    chronology = render_chronology(synthetic_events(200), ARTICLES)
    assert len(chronology.marks) == 200
    assert _overlaps(chronology) == []


def test_no_leader_line_runs_through_another_label():
    chronology = render_chronology(seed_like_events(), ARTICLES, {"highlight": CHAIN})
    for marks in chronology.marks.values():
        label, line_y = marks.label, marks.line_y
        for other in chronology.marks.values():
            if other is marks or other.line_y != line_y or other.label.side != label.side:
                continue
            x0, y0, x1, y1 = other.label.box(line_y)
            leader_low, leader_high = sorted((line_y, line_y + label.side * label.offset))
            crosses = x0 < label.x < x1 and leader_low < y1 and y0 < leader_high
            assert not crosses, (marks.event.id, other.event.id)


def test_precision_bars_are_as_wide_as_their_period_in_axis_units():
    events = [
        make_event("day", "A day", "2025-08-15"),
        make_event("week", "A week", "2025-W33"),
        make_event("month", "A month", "2025-09"),
        make_event("february", "A short month", "2025-02"),
        make_event("loose", "Some years", "2017/2019"),
    ]
    chronology = render_chronology(events, ARTICLES)
    axis = chronology.axis
    segment = next(segment for segment in axis.segments if segment.contains(dt.date(2025, 8, 11)))
    week, month = chronology.marks["week"].mark, chronology.marks["month"].mark
    assert isinstance(week, Rectangle) and isinstance(month, Rectangle)
    assert week.get_width() == pytest.approx(7 * segment.scale)
    assert month.get_width() == pytest.approx(30 * segment.scale)
    february = next(segment for segment in axis.segments if segment.contains(dt.date(2025, 2, 1)))
    assert february is not segment  # five empty months apart: a break between them
    assert chronology.marks["february"].mark.get_width() == pytest.approx(28 * february.scale)
    assert week.get_x() == pytest.approx(axis.position(dt.date(2025, 8, 11)))
    assert chronology.marks["day"].shape == "point"
    assert chronology.marks["loose"].shape == "loose"
    assert chronology.marks["loose"].mark.get_alpha() < 0.5  # faint: a bound, not a period filled


def test_status_changes_the_look_of_an_event():
    events = [
        make_event(status, status, "2025-08-1" + str(index), status)
        for index, status in enumerate(("happened", "planned", "deadline", "cancelled", "reported"))
    ]
    marks = render_chronology(events, ARTICLES).marks
    looks = {
        status: (marks[status].mark.get_marker(), marks[status].mark.get_markerfacecolor())
        for status in marks
    }
    assert looks["happened"][0] == "o" and looks["happened"][1] != "white"
    assert looks["planned"] == ("o", "white")
    assert looks["deadline"] == ("D", "white")
    assert looks["cancelled"][0] == "X"
    assert looks["reported"][0] == "s"


def test_highlight_draws_the_chain_in_time_order_in_its_own_lane():
    chronology = render_chronology(
        seed_like_events(), ARTICLES, {"highlight": "Budapest, Alaska,Helsinki,Osaka,Nowhere"}
    )
    assert [(term, event.id) for term, event in chronology.chain] == [
        ("Helsinki", "e02"),
        ("Osaka", "e03"),
        ("Alaska", "e19"),
        ("Budapest", "e33"),
    ]
    assert {chronology.marks[event_id].lane for event_id in ("e02", "e03", "e19", "e33")} == {"highlighted"}
    assert chronology.marks["e15"].lane == "other events"
    texts = [text.get_text() for text in chronology.marks["e19"].texts]
    assert texts[0] == "Alaska · 15 Aug 2025 · 4 sources"


def test_without_highlight_the_most_reported_events_are_bold():
    chronology = render_chronology(seed_like_events(), ARTICLES)
    bold = sorted(
        event_id for event_id, marks in chronology.marks.items() if marks.texts[1].get_fontweight() == "bold"
    )
    # Four sources for Alaska; two for the others (a copy of an article counts once: e07 has one).
    assert bold == ["e02", "e09", "e15", "e19", "e20"]


def test_figure_carries_title_date_range_and_source_count():
    chronology = render_chronology(
        seed_like_events(), ARTICLES, {"title": "From Helsinki to Budapest", "entity": "Putin"}
    )
    texts = [text.get_text() for text in chronology.figure.axes[0].texts]
    assert texts[-3] == "From Helsinki to Budapest"
    assert texts[-2] == "Jul 2018 – Dec 2025  ·  9 events  ·  involving Putin"
    assert (
        texts[-1] == "Sources: 4 articles (Daily Wire, Evening Post, The Times Desk, unattributed)"
        "  ·  9 of 34 events drawn"
    )


def test_svg_is_byte_identical_across_runs_and_has_event_ids(tmp_path):
    first = write_figures(seed_like_events(), ARTICLES, tmp_path / "one", {"highlight": CHAIN})
    second = write_figures(seed_like_events(), ARTICLES, tmp_path / "two", {"highlight": CHAIN})
    assert [path.name for path in first] == ["timeline.png", "timeline.svg"]
    for one, two in zip(first, second, strict=True):
        assert one.read_bytes() == two.read_bytes()
    svg = first[1].read_text()
    assert f'id="{svg_element_id("e19", "mark")}"' in svg
    assert "<dc:date>" not in svg
    assert first[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_size_and_dpi_set_the_png_pixels():
    chronology = render_chronology(
        [make_event("one", "One event", "2025-08-15")], ARTICLES, FigureOptions(size=(8.0, 4.0), dpi=100)
    )
    png = figure_bytes(chronology, "png")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (800, 400)


def test_height_grows_when_the_labels_need_it():
    chronology = render_chronology(synthetic_events(200), ARTICLES)
    width, height = chronology.figure.get_size_inches()
    assert width == pytest.approx(11.69)
    assert height > 8.27


def test_nothing_dated_still_draws_a_titled_figure(tmp_path):
    written = write_figures(
        [make_event("vague", "Some day", "FUTURE_REF")],
        ARTICLES,
        tmp_path,
        {"title": "Empty"},
        formats=("svg",),
    )
    assert [path.name for path in written] == ["timeline.svg"]
    assert "<!-- No dated events to show -->" in written[0].read_text()


def test_unknown_figure_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="png and svg"):
        write_figures([], ARTICLES, tmp_path, formats=("gif",))


def test_past_two_and_a_half_pages_the_least_reported_events_lose_their_labels_not_their_marks():
    chronology = render_chronology(synthetic_events(500), ARTICLES)
    width, height = chronology.figure.get_size_inches()
    assert height <= 2.5 * 8.27
    assert len(chronology.marks) == 500
    labelled = [marks for marks in chronology.marks.values() if marks.label is not None]
    unlabelled = [marks for marks in chronology.marks.values() if marks.label is None]
    assert 20 < len(labelled) < 500 and all(not marks.texts for marks in unlabelled)
    originals = original_article_ids(ARTICLES)
    fewest_labelled = min(source_count(marks.event, originals) for marks in labelled)
    assert all(source_count(marks.event, originals) <= fewest_labelled for marks in unlabelled)
    assert (
        chronology.figure.axes[0]
        .texts[-1]
        .get_text()
        .endswith(f"; {len(unlabelled)} marked without a label for want of room (timeline.html lists all)")
    )
    assert _overlaps(chronology) == []


def test_svg_is_well_formed_xml_whatever_the_labels_say(tmp_path):
    import xml.etree.ElementTree as ElementTree

    event = make_event("a", "Talks -- or not --> <b>&amp; 北京", "2025-08-15")
    path = write_figures([event], ARTICLES, tmp_path, {"title": "A -- B <c>"}, formats=("svg",))[0]
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


@pytest.mark.parametrize("size", [(6.0, 4.0), (4.0, 8.0), (20.0, 6.0)])
def test_small_and_odd_sizes_overlap_no_text(size):
    chronology = render_chronology(synthetic_events(80, seed=11), ARTICLES, {"size": size, "dpi": 100})
    assert _overlaps(chronology) == []
