"""The chronology as a picture: `timeline.png` and `timeline.svg` (matplotlib).

One axes covers the whole figure with data units of inches, so that the layout (layout.py) can
place every label, tick and lane exactly where it measured it would fit. Text is measured with
the figure's own renderer before anything is placed; nothing is left to matplotlib's automatic
layout, which would move things between runs or sizes.

Reading the picture: a day is a point, a week or a month a bar as wide as that period, a loose
date ("between 2017 and 2019") a faint wide bar; filled marks happened, hollow ones are planned,
diamonds are deadlines, crosses were cancelled, a question mark is in doubt ('uncertain'); a bar whose
status is not plain carries that same status mark at its middle, so the legend's marks are the
plot's marks. Each label says the date, the status when it is
not 'happened', and how many articles report the event.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.text import Text

from timeline.filters import (
    FigureOptions,
    describe_filters,
    highlight_chain,
    most_reported,
    original_article_ids,
    select_events,
    source_count,
)
from timeline.model import Article, Event
from timeline.writers.atomic import write_bytes
from timeline.writers.layout import (
    CHAIN_LANE,
    LANE_OTHER_NAMES,
    LabelRequest,
    PlacedLabel,
    TimeAxis,
    assign_lanes,
    build_time_axis,
    date_phrase,
    extent,
    further_lanes,
    gap_caption,
    month_words,
    precision_shape,
    segment_ticks,
    stack_in_blocks,
    stack_labels,
    stack_labels_back_to_back,
    wrap_label,
)

FIGURE_FORMATS = ("png", "svg")

INK = "#222222"
MUTED = "#6b6b6b"
RULE = "#b9b9b9"
GAP_FILL = "#f4f4f4"
GAP_HATCH = "#dedede"
ACCENT = "#d1495b"  # the highlighted chain
SINGLE_LANE_COLOUR = "#2e5c8a"
OTHER_LANE_COLOUR = "#8c8c8c"
# Okabe-Ito: told apart by colour-blind readers too (its vermilion is left to the chain).
LANE_PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#8a6d3b", "#000000")

# DejaVu Sans ships with matplotlib, so every machine draws (and measures) the same glyphs.
STYLE = {
    "font.family": "DejaVu Sans",
    "svg.fonttype": "path",
    "svg.hashsalt": "timeline",  # fixed ids in the SVG instead of random ones
    "path.simplify": True,
    "hatch.color": GAP_HATCH,
    "hatch.linewidth": 0.6,
}

# Point sizes.
TITLE_SIZE = 15.0
SUBTITLE_SIZE = 8.5
HEADLINE_SIZE = 8.0
DATE_SIZE = 6.8
TICK_SIZE = 7.0
LANE_NAME_SIZE = 7.5
FOOTER_SIZE = 7.0
MARKER_SIZE = 5.5
EMPHASIS_MARKER_SIZE = 7.5

# Inches.
MARGIN = 0.35
LABEL_INDENT = 0.035  # text starts just right of its leader line
LABEL_BASE_OFFSET = 0.11  # nearest a label comes to its lane line: clear of markers and bars
LABEL_VERTICAL_GAP = 0.045
LABEL_HORIZONTAL_GAP = 0.07
LONG_BAR_ANCHOR_INSET = 0.12  # a long bar's leader stands this far inside its start
BLOCK_MEMBER_GAP = 0.025  # between the labels of one block on a shared leader
BRACKET_RISE = 0.05  # a block's bracket runs this far off the lane line, over its events' marks
LINE_GAP = 0.012  # between a label's date line and its headline
BAR_HEIGHT = 0.07
LOOSE_BAR_HEIGHT = 0.12
LANE_PADDING = 0.08
MAX_HEIGHT_FACTOR = 2.5  # the tallest figure, in requested heights, before labels give way
LANE_CAPTION_HEIGHT = 0.17  # a lane's name, above its band
LABEL_WRAP = 24  # characters per label line
HEADLINE_LINESPACING = 1.15
# Past this many events, labels are first sized from their glyphs and only those that will be
# drawn are laid out exactly: measuring text is most of the time a long chronology takes.
EXACT_MEASURE_LIMIT = 120

STATUS_MARKERS = {
    "happened": "o",
    "reported": "s",
    "planned": "o",
    "deadline": "D",
    "uncertain": "$?$",  # a glyph, not a shape: doubt is not a kind of date
    "cancelled": "X",
}
HOLLOW_STATUSES = frozenset({"planned", "deadline", "uncertain"})
# Statuses whose bars are drawn with their outline broken: not (or not surely) a period that happened.
BROKEN_OUTLINE = {"planned": "--", "uncertain": ":"}
# Statuses a label spells out; 'happened' and 'reported' are told by the mark alone.
STATUS_WORDS = frozenset({"planned", "deadline", "cancelled", "uncertain"})


@dataclass
class EventMarks:
    """The artists drawn for one event (the HTML page and the tests find events through these)."""

    event: Event
    lane: str
    shape: str  # point | bar | loose
    mark: Line2D | Rectangle
    texts: list[Text]
    label: PlacedLabel | None = None  # None: drawn without a label, for want of room
    line_y: float = 0.0
    x: float = 0.0  # where its leader meets the lane line
    status_mark: Line2D | None = None  # a bar's status mark at its middle (not for 'happened')


@dataclass
class Chronology:
    """A drawn figure and what was drawn on it."""

    figure: Figure
    options: FigureOptions
    axis: TimeAxis | None
    marks: dict[str, EventMarks] = field(default_factory=dict)  # each event's drawing in its own lane
    copies: list[EventMarks] = field(default_factory=list)  # its drawings in further lanes
    chain: list[tuple[str, Event]] = field(default_factory=list)
    undrawn: list[Event] = field(default_factory=list)  # selected but undated


def svg_safe_id(event_id: str) -> str:
    """An event id made safe for an SVG/HTML id, one to one: anything but ASCII letters, digits and
    '-' becomes '_' and its code point in hex."""
    kept = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
    return "".join(character if character in kept else f"_{ord(character):x}_" for character in event_id)


def svg_element_id(event_id: str, part: str) -> str:
    """The SVG id of one part (mark, label, date) of an event's drawing: 'event-e12-mark'."""
    return f"event-{svg_safe_id(event_id)}-{part}"


# Joins an event's id and a number into the key of its drawing in a further lane.
COPY_SEPARATOR = "\x00"


def drawing_element_id(key: str, part: str) -> str:
    """The SVG id of a part of one drawing of an event: 'event-e12-mark' in its own lane,
    'event-e12-mark-copy1' in its first further lane (ids stay unique)."""
    event_id, _, number = key.partition(COPY_SEPARATOR)
    return svg_element_id(event_id, part) + (f"-copy{number}" if number else "")


def _source_label(count: int) -> str:
    return f"{count} source" if count == 1 else f"{count} sources"


class _Measure:
    """Text sizes in inches as the figure's renderer will draw them."""

    def __init__(self, figure: Figure) -> None:
        self.renderer = FigureCanvasAgg(figure).get_renderer()
        self.dpi = figure.dpi
        self.axes = figure.axes[0]
        self._cache: dict[tuple[str, float, str], float] = {}
        self._heights: dict[tuple[str, float, str, float], float] = {}

    def size(self, text: Text) -> tuple[float, float]:
        box = text.get_window_extent(self.renderer)
        return box.width / self.dpi, box.height / self.dpi

    def glyph_width(self, string: str, size: float, weight: str = "normal") -> float:
        """The sum of the characters' own widths (no kerning): an estimate of `width`."""
        return sum(self.width(character, size, weight) for character in string)

    def block_height(self, lines: int, size: float, weight: str, linespacing: float) -> float:
        key = ("\n".join(["Ag"] * lines), size, weight, linespacing)
        if key not in self._heights:
            probe = Text(
                0,
                0,
                key[0],
                fontsize=size,
                fontweight=weight,
                linespacing=linespacing,
                figure=self.axes.figure,
            )
            self._heights[key] = probe.get_window_extent(self.renderer).height / self.dpi
        return self._heights[key]

    def width(self, string: str, size: float, weight: str = "normal") -> float:
        key = (string, size, weight)
        if key not in self._cache:
            probe = Text(0, 0, string, fontsize=size, fontweight=weight, figure=self.axes.figure)
            self._cache[key] = probe.get_window_extent(self.renderer).width / self.dpi
        return self._cache[key]


def _event_style(event: Event, colour: str, emphasised: bool) -> dict[str, Any]:
    hollow = event.status in HOLLOW_STATUSES
    cancelled = event.status == "cancelled"
    face = "white" if hollow else (MUTED if cancelled else colour)
    edge = MUTED if cancelled else colour
    return {
        "marker": STATUS_MARKERS.get(event.status, "o"),
        "face": face,
        "edge": edge,
        "hollow": hollow,
        "linestyle": BROKEN_OUTLINE.get(event.status, "-"),
        "size": EMPHASIS_MARKER_SIZE if emphasised else MARKER_SIZE,
    }


def _status_marker(axes, x: float, y: float, style: dict[str, Any], gid: str | None) -> Line2D:
    """The one status mark (dot, square, diamond, cross, question mark) that the plot and the
    legend both draw, so that the legend cannot describe a mark the plot does not use."""
    size = style["size"] * (0.85 if style["marker"] == "D" else 1.0)
    glyph = style["marker"].startswith("$")
    mark = Line2D(
        [x],
        [y],
        marker=style["marker"],
        markersize=size * (1.1 if glyph else 1.0),
        linestyle="none",
        markerfacecolor=style["edge"] if glyph else style["face"],
        markeredgecolor=style["edge"],
        markeredgewidth=0.4 if glyph else (1.2 if style["hollow"] else 0.6),
        zorder=4,
        gid=gid,
    )
    axes.add_artist(mark)  # not add_line: the limits are fixed, nothing to recompute
    return mark


def _draw_mark(
    axes, event: Event, shape: str, x0: float, x1: float, line_y: float, style: dict[str, Any], gid: str
) -> Line2D | Rectangle:
    if shape == "point":
        return _status_marker(axes, (x0 + x1) / 2, line_y, style, gid)
    loose = shape == "loose"
    height = LOOSE_BAR_HEIGHT if loose else BAR_HEIGHT
    mark = Rectangle(
        (x0, line_y - height / 2),
        max(x1 - x0, 0.001),
        height,
        facecolor=style["face"],
        edgecolor=style["edge"],
        linestyle=style["linestyle"],
        linewidth=0.8 if style["hollow"] or loose else 0.4,
        alpha=0.28 if loose else 0.95,
        zorder=2 if loose else 3,
        gid=gid,
    )
    axes.add_artist(mark)
    return mark


def _subtitle(events: Sequence[Event], options: FigureOptions, chain: Sequence[tuple[str, Event]]) -> str:
    dated = [event for event in events if event.start_date and event.end_date]
    parts = []
    if dated:
        first = min(event.start_date for event in dated)
        last = max(event.end_date for event in dated)
        parts.append(
            month_words(first)
            if (first.year, first.month) == (last.year, last.month)
            else f"{month_words(first)} – {month_words(last)}"
        )
    parts.append(f"{len(dated)} events")
    filters = describe_filters(options)
    if filters:
        parts.append(filters)
    if chain:
        parts.append("highlighted: " + " → ".join(term for term, _ in chain))
    return "  ·  ".join(parts)


def _footer(
    shown: int,
    total: int,
    undated: int,
    articles: Sequence[Article],
    events: Sequence[Event],
    originals: Mapping[str, str],
) -> str:
    reporting = sorted(
        {originals.get(source.article, source.article) for event in events for source in event.sources}
    )
    by_id = {article.id: article for article in articles}
    names: dict[str, int] = {}
    for article_id in reporting:
        article = by_id.get(article_id)
        name = (article.outlet if article else None) or "unattributed"
        names[name] = names.get(name, 0) + 1
    outlets = ", ".join(f"{name} ×{count}" if count > 1 else name for name, count in sorted(names.items()))
    text = f"Sources: {len(reporting)} article{'s' if len(reporting) != 1 else ''}"
    if outlets:
        text += f" ({outlets})"
    text += f"  ·  {shown} of {total} events drawn" if shown != total else f"  ·  {shown} events drawn"
    if undated:
        text += f"; {undated} undated not shown"
    return text


def _fit_text(text: str, width: float, measure: _Measure, size: float) -> str:
    if measure.width(text, size) <= width:
        return text
    while text and measure.width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


@contextlib.contextmanager
def _drawing_style() -> Iterator[None]:
    """The figure's fixed style; quiet about glyphs the bundled font lacks (they show as boxes,
    a warning per character would bury the build's own messages)."""
    with matplotlib.rc_context(STYLE), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        yield


def render_chronology(
    events: Iterable[Event],
    articles: Sequence[Article] = (),
    options: FigureOptions | Mapping[str, Any] | None = None,
) -> Chronology:
    """Draw the chronology of the events the options select; the figure is returned, not saved."""
    options = FigureOptions.from_options(options)
    with _drawing_style():
        return _render(list(events), list(articles), options)


# Heights of the fixed blocks of the page, in inches.
TITLE_BLOCK = 0.95
TICK_BLOCK = 0.42
LEGEND_BLOCK = 0.3
FOOTER_BLOCK = 0.32
BOTTOM_BLOCK = TICK_BLOCK + LEGEND_BLOCK + FOOTER_BLOCK
FRAME_HEIGHT = TITLE_BLOCK + BOTTOM_BLOCK + MARGIN * 0.5

LaneLayout = tuple[str, list[PlacedLabel], float, float]  # lane, its labels, reach above, reach below


def _render(all_events: list[Event], articles: list[Article], options: FigureOptions) -> Chronology:
    width, min_height = options.size
    figure = Figure(figsize=(width, min_height), dpi=options.dpi, facecolor="white")
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    measure = _Measure(figure)
    originals = original_article_ids(articles)

    selected = select_events(all_events, options, articles)
    drawable = [event for event in selected if event.start_date is not None and event.end_date is not None]
    undated = [event for event in selected if event.start_date is None or event.end_date is None]
    chain = highlight_chain(drawable, options.highlight, originals)
    chronology = Chronology(figure=figure, options=options, axis=None, chain=chain, undrawn=undated)
    if not drawable:
        return _render_empty(chronology, all_events, articles, measure, originals, undated)
    chain_ids = {event.id: term for term, event in chain}
    emphasised = {event.id for event in most_reported(drawable, originals)} if not chain else set()

    lane_order, lane_by_event = assign_lanes(drawable, chain_ids, options.lanes, articles)
    # Each drawing of an event has a key: its id in its own lane, id + COPY_SEPARATOR + n in the
    # n-th further lane (an event with several participants is drawn in each one's lane).
    drawings: dict[str, Event] = {}
    lane_keys: dict[str, list[str]] = {lane: [] for lane in lane_order}
    further = further_lanes(drawable, lane_by_event, options.lanes)
    for event in drawable:
        drawings[event.id] = event
        lane_keys[lane_by_event[event.id]].append(event.id)
        for number, lane in enumerate(further.get(event.id, ()), start=1):
            key = f"{event.id}{COPY_SEPARATOR}{number}"
            drawings[key] = event
            lane_keys[lane].append(key)
    contents = {
        key: _label_content(event, chain_ids, emphasised, originals) for key, event in drawings.items()
    }
    estimated = len(drawable) > EXACT_MEASURE_LIMIT
    if estimated:
        texts_by_event: dict[str, list[Text]] = {}
        label_sizes = {event_id: _estimated_size(content, measure) for event_id, content in contents.items()}
    else:
        texts_by_event, label_sizes = _label_texts(axes, measure, contents, contents)
    left = MARGIN + 0.1
    axis = _fit_axis(drawable, label_sizes, left, width - MARGIN)
    chronology.axis = axis
    # Events of one loose period that the text puts in order ("Helsinki and then Osaka") stand
    # side by side in that order, a label's height apart, not stacked as if simultaneous.
    step = min(height for _, height in label_sizes.values())
    ranks = _text_order_ranks(drawable)
    anchors = {key: _anchor(axis, event, ranks.get(event.id, 0) * step) for key, event in drawings.items()}
    caption = LANE_CAPTION_HEIGHT if any(lane_order) else 0.0
    ranked = sorted(
        drawings, key=lambda key: (_label_priority(drawings[key], chain_ids, emphasised, originals), key)
    )
    room = min_height * MAX_HEIGHT_FACTOR - FRAME_HEIGHT
    lanes_layout = _layout_lanes(lane_order, lane_keys, anchors, label_sizes, ranked, caption, room)
    if estimated:
        # Now draw and measure exactly the labels chosen, and lay them out again from those sizes.
        chosen = {label.key for _, placed, _, _ in lanes_layout for label in placed}
        texts_by_event, label_sizes = _label_texts(
            axes, measure, contents, [event_id for event_id in ranked if event_id in chosen]
        )
        ranked = [event_id for event_id in ranked if event_id in chosen]
        lanes_layout = _layout_lanes(lane_order, lane_keys, anchors, label_sizes, ranked, caption, room)
    lanes_needed = _lanes_height(lanes_layout, caption)
    height = max(min_height, FRAME_HEIGHT + lanes_needed)
    figure.set_size_inches(width, height)
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)

    colours = _lane_colours(lane_order, options.lanes)
    # Room left over on the page goes to the lanes in proportion to what they hold.
    spare_share = (height - FRAME_HEIGHT - lanes_needed) / lanes_needed
    lane_top = height - TITLE_BLOCK
    lane_lines: dict[str, float] = {}
    for index, (lane, placed, above, below) in enumerate(lanes_layout):
        spare = spare_share * (above + below + 2 * LANE_PADDING + caption)
        line_y = lane_top - caption - LANE_PADDING - spare / 2 - above
        lane_lines[lane] = line_y
        if index:
            axes.plot([MARGIN, width - MARGIN], [lane_top, lane_top], color=RULE, linewidth=0.4, alpha=0.6)
        if lane:
            lane_name = _fit_text(lane, width - 2 * MARGIN, measure, LANE_NAME_SIZE)
            axes.text(
                MARGIN,
                lane_top - 0.03,
                lane_name,
                fontsize=LANE_NAME_SIZE,
                fontweight="bold",
                color=colours[lane],
                ha="left",
                va="top",
            )
        lane_top -= above + below + 2 * LANE_PADDING + caption + spare
        _draw_lane_line(axes, axis, line_y, colours[lane] if lane else RULE)
        _place_lane(
            axes,
            chronology,
            axis,
            {key: drawings[key] for key in lane_keys[lane]},
            placed,
            line_y,
            lane,
            colours[lane],
            texts_by_event,
            emphasised | set(chain_ids),
        )

    _draw_gaps(axes, axis, lane_top, height - TITLE_BLOCK + 0.05)
    if chain:
        _draw_chain(axes, chronology, lane_lines[CHAIN_LANE])
    tick_y = lane_top - 0.05
    _draw_ticks(axes, axis, tick_y, measure)
    _draw_legend(axes, drawable, chain, emphasised, left, width - MARGIN, tick_y - TICK_BLOCK + 0.02, measure)
    _draw_titles(axes, options, selected, chain, height, width, measure)
    footer = _footer(len(drawable), len(all_events), len(undated), articles, drawable, originals)
    unlabelled = sum(1 for marks in chronology.marks.values() if marks.label is None)
    if unlabelled:
        footer += f"; {unlabelled} marked without a label for want of room (timeline.html lists all)"
    axes.text(
        MARGIN,
        MARGIN * 0.5,
        _fit_text(footer, width - 2 * MARGIN, measure, FOOTER_SIZE),
        fontsize=FOOTER_SIZE,
        color=MUTED,
        ha="left",
        va="bottom",
    )
    return chronology


def _lane_colours(lane_order: Sequence[str], lanes: str) -> dict[str, str]:
    """The chain in the accent colour; one colour for a single line; else a colour per lane, grey
    for the pooled one."""
    colours = {}
    own = iter(LANE_PALETTE)
    for lane in lane_order:
        if lane == CHAIN_LANE:
            colours[lane] = ACCENT
        elif lanes == "none":
            colours[lane] = SINGLE_LANE_COLOUR
        elif lane in LANE_OTHER_NAMES.values():
            colours[lane] = OTHER_LANE_COLOUR
        else:
            colours[lane] = next(own, OTHER_LANE_COLOUR)
    return colours


@dataclass(frozen=True)
class LabelContent:
    """What an event's label says, before it is drawn."""

    date_line: str
    headline: str  # wrapped, lines joined by newlines
    in_chain: bool
    bold: bool
    cancelled: bool


def _label_content(
    event: Event, chain_ids: Mapping[str, str], emphasised: set[str], originals: Mapping[str, str]
) -> LabelContent:
    """The date line says the date at its precision, the status unless it happened or was
    reported (the marks tell those), and how many articles report the event; chain events lead
    with the name that put them in the chain."""
    words = [date_phrase(event.value, event.granularity, event.start_date, event.end_date)]
    if event.status in STATUS_WORDS:
        words.append(event.status)
    words.append(_source_label(source_count(event, originals)))
    in_chain = event.id in chain_ids
    if in_chain:
        words.insert(0, chain_ids[event.id])
    return LabelContent(
        date_line=" · ".join(words),
        headline="\n".join(wrap_label(event.label or event.value, LABEL_WRAP)),
        in_chain=in_chain,
        bold=in_chain or event.id in emphasised,
        cancelled=event.status == "cancelled",
    )


def _label_texts(
    axes, measure: _Measure, contents: Mapping[str, LabelContent], event_ids: Iterable[str]
) -> tuple[dict[str, list[Text]], dict[str, tuple[float, float]]]:
    """The drawn label texts (date line, headline) of these events, and the size of each pair."""
    texts_by_event: dict[str, list[Text]] = {}
    label_sizes: dict[str, tuple[float, float]] = {}
    for event_id in event_ids:
        content = contents[event_id]
        date_text = axes.text(
            0,
            0,
            content.date_line,
            fontsize=DATE_SIZE,
            color=ACCENT if content.in_chain else MUTED,
            fontweight="bold" if content.in_chain else "normal",
            va="top",
            ha="left",
            gid=drawing_element_id(event_id, "date"),
        )
        headline = axes.text(
            0,
            0,
            content.headline,
            fontsize=HEADLINE_SIZE,
            color=MUTED if content.cancelled else INK,
            fontweight="bold" if content.bold else "normal",
            linespacing=HEADLINE_LINESPACING,
            va="bottom",
            ha="left",
            gid=drawing_element_id(event_id, "label"),
        )
        texts_by_event[event_id] = [date_text, headline]
        (date_width, date_height), (head_width, head_height) = measure.size(date_text), measure.size(headline)
        label_sizes[event_id] = (
            LABEL_INDENT + max(date_width, head_width),
            date_height + LINE_GAP + head_height,
        )
    return texts_by_event, label_sizes


def _estimated_size(content: LabelContent, measure: _Measure) -> tuple[float, float]:
    """A label's size from its glyphs' widths, without laying it out: close enough to choose
    which labels fit a long chronology, cheap enough for hundreds."""
    date_weight = "bold" if content.in_chain else "normal"
    head_weight = "bold" if content.bold else "normal"
    lines = content.headline.split("\n")
    width = max(
        measure.glyph_width(content.date_line, DATE_SIZE, date_weight),
        *(measure.glyph_width(line, HEADLINE_SIZE, head_weight) for line in lines),
    )
    height = (
        measure.block_height(1, DATE_SIZE, date_weight, 1.2)
        + LINE_GAP
        + measure.block_height(len(lines), HEADLINE_SIZE, head_weight, HEADLINE_LINESPACING)
    )
    return LABEL_INDENT + width, height


def _lanes_height(layouts: Sequence[LaneLayout], caption: float) -> float:
    return sum(above + below + 2 * LANE_PADDING + caption for _, _, above, below in layouts)


def _layout_lanes(
    lane_order: Sequence[str],
    lane_keys: Mapping[str, Sequence[str]],
    anchors: Mapping[str, float],
    label_sizes: Mapping[str, tuple[float, float]],
    ranked: Sequence[str],
    caption: float,
    room: float,
) -> list[LaneLayout]:
    """Every lane's labels, as many as fit in `room` (inches of lanes), most important first.

    Past a few pages' height a figure stops being one: then only the events that matter most
    (the chain, the most reported) keep their labels, the others their marks alone (timeline.html
    lists them all). How many fit is searched with plain staircases, which are quick and never
    lower than back-to-back ones, so the final layout fits too.
    """

    def back_to_back(requests: list[LabelRequest]) -> list[PlacedLabel]:
        return stack_labels_back_to_back(
            requests, LABEL_BASE_OFFSET, LABEL_VERTICAL_GAP, LABEL_HORIZONTAL_GAP, left_limit=MARGIN
        )

    def plain(requests: list[LabelRequest]) -> list[PlacedLabel]:
        return stack_labels(requests, LABEL_BASE_OFFSET, LABEL_VERTICAL_GAP, LABEL_HORIZONTAL_GAP)

    # No two leaders closer than a label is high: labels of events closer than that share one.
    spacing = min((height for _, height in label_sizes.values()), default=0.0)

    def layout(labelled: set[str], stacker) -> list[LaneLayout]:
        result = []
        for lane in lane_order:
            requests = [
                LabelRequest(key, anchors[key], *label_sizes[key])
                for key in lane_keys[lane]
                if key in labelled
            ]
            placed = stack_in_blocks(requests, stacker, spacing, BLOCK_MEMBER_GAP)
            result.append(
                (lane, placed, extent(placed, 1, LABEL_BASE_OFFSET), extent(placed, -1, LABEL_BASE_OFFSET))
            )
        return result

    everything = set(ranked)
    layouts = layout(everything, plain)
    # Splitting clusters back to back saves up to half the height: worth trying when that can fit.
    if _lanes_height(layouts, caption) <= 2 * room:
        layouts = layout(everything, back_to_back)
    if _lanes_height(layouts, caption) <= room:
        return layouts
    low, high = 0, len(ranked)
    while low < high:
        middle = (low + high + 1) // 2
        if _lanes_height(layout(set(ranked[:middle]), plain), caption) <= room:
            low = middle
        else:
            high = middle - 1
    return layout(set(ranked[:low]), back_to_back)


def _label_priority(
    event: Event, chain_ids: Mapping[str, str], emphasised: set[str], originals: Mapping[str, str]
) -> tuple:
    """Which events keep their labels first when not all fit: the chain, the most reported, the
    emphasised, what happened, then the earliest."""
    return (
        event.id not in chain_ids,
        -source_count(event, originals),
        event.id not in emphasised,
        STATUS_MARKERS.get(event.status) is None or list(STATUS_MARKERS).index(event.status),
        event.start_date,
        event.id,
    )


def _anchor(axis: TimeAxis, event: Event, shift: float = 0.0) -> float:
    """Where an event's leader meets its lane line: the middle of a day or a short bar; near the
    start of a long one, where the period begins, not at a middle that means no date. `shift`
    moves it right inside the bar (see _text_order_ranks), never past the bar's end."""
    x0, x1 = axis.span(*_event_span(event))
    start = min((x0 + x1) / 2, x0 + LONG_BAR_ANCHOR_INSET)
    return max(start, min(start + shift, x1 - LONG_BAR_ANCHOR_INSET))


def _text_order_ranks(events: Sequence[Event]) -> dict[str, int]:
    """Event id -> how many events of the same period the text puts before it (`Event.after`),
    counted along the longest such chain; events not so ordered are absent."""
    by_id = {event.id: event for event in events}
    ranks: dict[str, int] = {}

    def rank(event: Event, seen: frozenset[str]) -> int:
        if event.id not in ranks:
            earlier = [
                by_id[other] for other in event.after
                if other in by_id and other not in seen and _event_span(by_id[other]) == _event_span(event)
            ]
            ranks[event.id] = max((rank(other, seen | {event.id}) + 1 for other in earlier), default=0)
        return ranks[event.id]

    for event in events:
        rank(event, frozenset())
    return {event_id: value for event_id, value in ranks.items() if value}


def _event_span(event: Event) -> tuple:
    return event.start_date, max(event.end_date, event.start_date)


def _fit_axis(
    events: Sequence[Event], label_sizes: Mapping[str, tuple[float, float]], left: float, right_edge: float
) -> TimeAxis:
    """The widest axis that still leaves room, right of its end, for the labels that run past it.

    Starts by leaving a whole label's width, then narrows that to what the labels actually need
    on an axis so placed, as long as they still fit.
    """
    spans = sorted(_event_span(event) for event in events)

    def overhang(axis: TimeAxis) -> float:
        return max(axis.centre(*_event_span(event)) + label_sizes[event.id][0] for event in events) - axis.x1

    reserve = min(max(size[0] for size in label_sizes.values()), (right_edge - left) * 0.3)
    axis = build_time_axis(spans, left, right_edge - reserve)
    for _ in range(4):
        needed = max(overhang(axis), 0.0) + 0.02
        if needed >= reserve - 0.01:
            break
        candidate = build_time_axis(spans, left, right_edge - needed)
        if overhang(candidate) > needed:
            break
        axis, reserve = candidate, needed
    return axis


def _render_empty(
    chronology: Chronology,
    all_events: list[Event],
    articles: list[Article],
    measure: _Measure,
    originals: Mapping[str, str],
    undated: list[Event],
) -> Chronology:
    figure = chronology.figure
    width, height = figure.get_size_inches()
    axes = figure.axes[0]
    axes.set_xlim(0, width)
    axes.set_ylim(0, height)
    _draw_titles(axes, chronology.options, [], [], height, width, measure)
    axes.text(
        width / 2, height / 2, "No dated events to show", fontsize=12, color=MUTED, ha="center", va="center"
    )
    footer = _footer(0, len(all_events), len(undated), articles, [], originals)
    axes.text(MARGIN, MARGIN * 0.5, footer, fontsize=FOOTER_SIZE, color=MUTED, ha="left", va="bottom")
    return chronology


def _draw_lane_line(axes, axis: TimeAxis, line_y: float, colour: str) -> None:
    for segment in axis.segments:
        axes.plot(
            [segment.x0, segment.x1],
            [line_y, line_y],
            color=colour,
            linewidth=0.9,
            alpha=0.55,
            solid_capstyle="butt",
            zorder=1,
        )
    for before, after in axis.gaps:
        axes.plot(
            [before.x1, after.x0],
            [line_y, line_y],
            color=colour,
            linewidth=0.8,
            alpha=0.45,
            linestyle=(0, (1, 2)),
            zorder=1,
        )


def _place_lane(
    axes,
    chronology: Chronology,
    axis: TimeAxis,
    drawings: Mapping[str, Event],
    placed: Sequence[PlacedLabel],
    line_y: float,
    lane: str,
    colour: str,
    texts_by_event: Mapping[str, list[Text]],
    emphasised: set[str],
) -> None:
    labels = {label.key: label for label in placed}
    leaders = []
    leader_colour = ACCENT if colour == ACCENT else "#9a9a9a"
    for key, event in drawings.items():
        end = max(event.end_date, event.start_date)
        x0, x1 = axis.span(event.start_date, end)
        shape = precision_shape(event.granularity, event.start_date, end)
        style = _event_style(event, colour, event.id in emphasised)
        mark = _draw_mark(axes, event, shape, x0, x1, line_y, style, drawing_element_id(key, "mark"))
        status_mark = None
        if shape != "point" and event.status != "happened":
            status_id = drawing_element_id(key, "status")
            status_mark = _status_marker(axes, (x0 + x1) / 2, line_y, style, status_id)
        _draw_overrun(axes, axis, event.start_date, end, line_y, style["edge"])
        label = labels.get(key)
        if label is None:  # no room for its label: the mark alone
            for text in texts_by_event.get(key, ()):
                text.remove()
            marks = EventMarks(event, lane, shape, mark, [], None, line_y, (x0 + x1) / 2, status_mark)
        else:
            date_text, headline = texts_by_event[key]
            box_x0, box_y0, box_x1, box_y1 = label.box(line_y)
            # The date line sits on top of the headline; the text starts (or, running left, ends)
            # just beside the leader.
            text_x = box_x0 + LABEL_INDENT if label.direction > 0 else box_x1 - LABEL_INDENT
            for text in (date_text, headline):
                text.set_horizontalalignment("left" if label.direction > 0 else "right")
            headline.set_position((text_x, box_y0))
            date_text.set_position((text_x, box_y1))
            if label.leader:
                leaders.append([(label.x, line_y), (label.x, box_y0 if label.side > 0 else box_y1)])
            if label.reach:
                bracket_y = line_y + label.side * BRACKET_RISE
                reach_x = label.x + label.reach
                leaders.append([(label.x, bracket_y), (reach_x, bracket_y), (reach_x, line_y)])
            marks = EventMarks(
                event, lane, shape, mark, [date_text, headline], label, line_y, label.x, status_mark
            )
        if key == event.id:
            chronology.marks[key] = marks
        else:
            chronology.copies.append(marks)
    if leaders:
        axes.add_collection(
            LineCollection(leaders, colors=leader_colour, linewidths=0.5, alpha=0.8, zorder=1.5)
        )


def _draw_overrun(axes, axis: TimeAxis, start: dt.date, end: dt.date, line_y: float, colour: str) -> None:
    """An arrowhead where a period runs on past the segment it is drawn in ('2025' over a
    May–October segment, '2017–2019' on an axis that starts in 2018), so that a clipped bar is not
    read as starting or ending where the segment does."""
    shown_start, shown_end = axis.shown(start, end)
    x0, x1 = axis.span(start, end)
    for outside, x, marker in ((start < shown_start, x0, "<"), (end > shown_end, x1, ">")):
        if outside:
            axes.add_artist(
                Line2D(
                    [x],
                    [line_y],
                    marker=marker,
                    markersize=4,
                    linestyle="none",
                    markerfacecolor=colour,
                    markeredgecolor=colour,
                    zorder=4,
                )
            )


def _draw_gaps(axes, axis: TimeAxis, bottom: float, top: float) -> None:
    for before, after in axis.gaps:
        axes.add_patch(
            Rectangle(
                (before.x1, bottom),
                after.x0 - before.x1,
                top - bottom,
                facecolor=GAP_FILL,
                edgecolor="none",
                hatch="////",
                zorder=0,
                linewidth=0,
            )
        )


def _draw_ticks(axes, axis: TimeAxis, tick_y: float, measure: _Measure) -> None:
    """Month (or week, or year) ticks under the axis, the years under them, and each break's
    '//' with the time it hides, where that caption finds room between the years."""

    def width_of(label: str) -> float:
        return measure.width(label, TICK_SIZE)

    rule = []
    row_height = 0.15
    year_row: list[tuple[float, float]] = []
    for segment in axis.segments:
        rule.append([(segment.x0, tick_y), (segment.x1, tick_y)])
        for tick in segment_ticks(segment, width_of):
            y = tick_y - 0.03 - tick.row * row_height
            if tick.row == 0:
                rule.append([(tick.x, tick_y), (tick.x, tick_y - 0.05)])
                axes.text(tick.x + 0.02, y, tick.label, fontsize=TICK_SIZE, color=MUTED, ha="left", va="top")
            else:
                axes.text(tick.x, y, tick.label, fontsize=TICK_SIZE, color=INK, ha="left", va="top")
                year_row.append((tick.x, tick.x + width_of(tick.label)))
    axes.add_collection(LineCollection(rule, colors=RULE, linewidths=0.8, zorder=1))
    for before, after in axis.gaps:
        middle = (before.x1 + after.x0) / 2
        for offset in (-0.035, 0.035):
            axes.plot(
                [middle + offset - 0.03, middle + offset + 0.03],
                [tick_y - 0.05, tick_y + 0.05],
                color=MUTED,
                linewidth=0.8,
            )
        caption = gap_caption(before, after)
        caption_left = middle - measure.width(caption, TICK_SIZE - 1) / 2
        caption_right = caption_left + measure.width(caption, TICK_SIZE - 1)
        if any(caption_left < right + 0.03 and left - 0.03 < caption_right for left, right in year_row):
            continue  # the hatched band still marks the break
        axes.text(
            caption_left,
            tick_y - 0.03 - row_height,
            caption,
            fontsize=TICK_SIZE - 1,
            color=MUTED,
            style="italic",
            ha="left",
            va="top",
        )


def _draw_legend(
    axes,
    events: Sequence[Event],
    chain: Sequence[tuple[str, Event]],
    emphasised: set[str],
    left: float,
    right: float,
    y: float,
    measure: _Measure,
) -> None:
    statuses = sorted(
        {event.status for event in events},
        key=lambda status: list(STATUS_MARKERS).index(status) if status in STATUS_MARKERS else 9,
    )
    shapes = {
        precision_shape(event.granularity, event.start_date, max(event.end_date, event.start_date))
        for event in events
    }
    entries: list[tuple[str, str]] = [("status:" + status, status) for status in statuses]
    if "bar" in shapes:
        entries.append(("bar", "week, month: bar over it"))
    if "loose" in shapes:
        entries.append(("loose", "year or looser: faint bar"))
    if chain:
        entries.append(("chain", "highlighted chain"))
    elif emphasised:
        entries.append(("bold", "bold: most reported"))
    entries.append(("gap", "compressed gap, no events"))
    x = left
    sample = 0.16
    for kind, words in entries:
        words_width = measure.width(words, FOOTER_SIZE)
        if x + sample + words_width > right:
            break
        middle_y = y - 0.06
        if kind.startswith("status:"):
            status = kind.partition(":")[2]
            style = _event_style(
                Event("legend", "", "", None, None, "day", status), SINGLE_LANE_COLOUR, False
            )
            _status_marker(axes, x + sample / 2 - 0.02, middle_y, style, f"legend-status-{status}")
        elif kind in ("bar", "loose"):
            height = BAR_HEIGHT if kind == "bar" else LOOSE_BAR_HEIGHT
            axes.add_patch(
                Rectangle(
                    (x, middle_y - height / 2),
                    sample - 0.03,
                    height,
                    facecolor=SINGLE_LANE_COLOUR,
                    edgecolor=SINGLE_LANE_COLOUR,
                    alpha=0.28 if kind == "loose" else 0.95,
                    linewidth=0.4,
                )
            )
        elif kind == "chain":
            axes.add_patch(
                FancyArrowPatch(
                    (x, middle_y),
                    (x + sample - 0.02, middle_y),
                    arrowstyle="-|>",
                    mutation_scale=7,
                    color=ACCENT,
                    linewidth=1.6,
                )
            )
        elif kind == "gap":
            axes.add_patch(
                Rectangle(
                    (x + 0.02, middle_y - 0.06),
                    sample - 0.07,
                    0.12,
                    facecolor=GAP_FILL,
                    edgecolor="none",
                    hatch="////",
                    linewidth=0,
                )
            )
        elif kind == "bold":
            axes.add_line(
                Line2D(
                    [x + sample / 2 - 0.02],
                    [middle_y],
                    marker="o",
                    markersize=EMPHASIS_MARKER_SIZE,
                    linestyle="none",
                    markerfacecolor=SINGLE_LANE_COLOUR,
                    markeredgecolor=SINGLE_LANE_COLOUR,
                )
            )
        axes.text(x + sample, middle_y, words, fontsize=FOOTER_SIZE, color=INK, ha="left", va="center")
        x += sample + words_width + 0.22


def _draw_chain(axes, chronology: Chronology, line_y: float) -> None:
    points = []
    for _, event in chronology.chain:
        marks = chronology.marks[event.id]
        points.append(marks.x)
    if len(points) < 2:
        return
    axes.plot(
        [points[0], points[-1]],
        [line_y, line_y],
        color=ACCENT,
        linewidth=2.2,
        alpha=0.9,
        solid_capstyle="round",
        zorder=2.5,
    )
    for start, end in zip(points, points[1:], strict=False):
        if end - start > 0.12:
            middle = (start + end) / 2
            axes.add_patch(
                FancyArrowPatch(
                    (middle - 0.06, line_y),
                    (middle + 0.06, line_y),
                    arrowstyle="-|>",
                    mutation_scale=13,
                    color=ACCENT,
                    linewidth=0,
                    zorder=2.6,
                )
            )


def _draw_titles(
    axes,
    options: FigureOptions,
    events: Sequence[Event],
    chain: Sequence[tuple[str, Event]],
    height: float,
    width: float,
    measure: _Measure,
) -> None:
    title = options.title or "Chronology"
    axes.text(
        MARGIN,
        height - MARGIN,
        _fit_text(title, width - 2 * MARGIN, measure, TITLE_SIZE),
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=INK,
        ha="left",
        va="top",
    )
    subtitle = _subtitle(events, options, chain)
    axes.text(
        MARGIN,
        height - MARGIN - 0.33,
        _fit_text(subtitle, width - 2 * MARGIN, measure, SUBTITLE_SIZE),
        fontsize=SUBTITLE_SIZE,
        color=MUTED,
        ha="left",
        va="top",
    )


def figure_bytes(chronology: Chronology, file_format: str) -> bytes:
    """The figure as PNG or SVG bytes, the same bytes for the same input (no dates, no random ids)."""
    buffer = io.BytesIO()
    title = chronology.options.title or "Chronology"
    metadata = (
        {"Software": None} if file_format == "png" else {"Date": None, "Creator": "timeline", "Title": title}
    )
    with _drawing_style():
        chronology.figure.savefig(
            buffer, format=file_format, dpi=chronology.options.dpi, metadata=metadata, facecolor="white"
        )
    return buffer.getvalue()


def write_figures(
    events: Iterable[Event],
    articles: Sequence[Article] = (),
    out_dir: str | os.PathLike[str] = "out",
    options: FigureOptions | Mapping[str, Any] | None = None,
    formats: Sequence[str] = FIGURE_FORMATS,
    chronology: Chronology | None = None,
) -> list[Path]:
    """Write `timeline.png` and/or `timeline.svg` into OUT_DIR (drawing the chronology unless one is
    given); returns the paths written."""
    unknown = sorted(set(formats) - set(FIGURE_FORMATS))
    if unknown:
        raise ValueError(f"figure formats are png and svg, not {', '.join(unknown)}")
    chronology = chronology or render_chronology(events, articles, options)
    written = []
    for file_format in (name for name in FIGURE_FORMATS if name in formats):
        path = Path(out_dir) / f"timeline.{file_format}"
        write_bytes(path, figure_bytes(chronology, file_format))
        written.append(path)
    return written


__all__ = [
    "Chronology",
    "EventMarks",
    "FIGURE_FORMATS",
    "figure_bytes",
    "render_chronology",
    "svg_element_id",
    "svg_safe_id",
    "write_figures",
]
