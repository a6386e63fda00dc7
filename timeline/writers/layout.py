"""The layout of the chronology, apart from any drawing library: all lengths are in inches.

- the time axis: a story that runs 2018, 2019, 2021, 2022 and then dozens of days in 2025 cannot
  share one linear axis, so quiet stretches are cut out and replaced by narrow marked breaks
  (`build_time_axis`); within a segment the axis stays linear, so a week is seven days wide;
- the lanes: one per place, participant or source, the highlighted chain on top (`assign_lanes`);
- the labels: stacked in staircases beside their lane line so that no two boxes overlap and no
  leader line crosses a label (`stack_labels`), tight clusters labelled back to back from a
  split point (`stack_labels_back_to_back`);
- the ticks: week, month or year labels that fit the room each segment has (`segment_ticks`);
- dates in words at the precision known (`date_phrase`), shared with TimelineJS and the page.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from timeline.model import Article, Event

ONE_DAY = dt.timedelta(days=1)
# English month abbreviations, fixed here rather than taken from the locale so output never varies.
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Spans up to a year (a day, a week, a month, a season, a year) place the axis segments; longer,
# looser spans ("between 2017 and 2019") are drawn across whatever the axis shows.
ANCHOR_MAX_DAYS = 366
# Up to a quarter (92 days) a span always places a segment of the axis; see `_anchor_spans`.
FINE_MAX_DAYS = 93
# No stretch shorter than this (two months) is cut out of the axis; see `break_threshold`.
BREAK_MIN_GAP_DAYS = 59
# More breaks than this and the axis reads as confetti: the shortest gaps are kept instead.
MAX_SEGMENTS = 8
# A period up to about five years long that overlaps no segment gets one of its own.
LONE_PERIOD_MAX_DAYS = 5 * 366

# Granularities whose interval is a loose bound rather than a period the event filled.
LOOSE_GRANULARITIES = frozenset({"interval", "fuzzy", "decade", "century", "unknown"})


@dataclass(frozen=True, slots=True)
class AxisSegment:
    """A stretch of calendar days drawn linearly between two x positions."""

    start: dt.date  # first day shown
    end: dt.date  # last day shown, inclusive
    x0: float
    x1: float

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def scale(self) -> float:
        """Inches per day."""
        return (self.x1 - self.x0) / self.days

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """A piecewise-linear time axis: segments in order, each gap between them a compressed break."""

    segments: tuple[AxisSegment, ...]

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def gaps(self) -> list[tuple[AxisSegment, AxisSegment]]:
        return list(zip(self.segments, self.segments[1:], strict=False))

    def position(self, day: dt.date) -> float:
        """The x of the start of `day` (so `position(end + 1 day)` is the right edge of `end`).

        Days inside a break map linearly into its narrow width; days beyond the axis are clamped.
        """
        segments = self.segments
        if day <= segments[0].start:
            return segments[0].x0
        for index, segment in enumerate(segments):
            if day <= segment.end + ONE_DAY:
                return segment.x0 + (day - segment.start).days * segment.scale
            if index + 1 < len(segments):
                following = segments[index + 1]
                if day < following.start:
                    gap_start = segment.end + ONE_DAY
                    fraction = (day - gap_start).days / (following.start - gap_start).days
                    return segment.x1 + fraction * (following.x0 - segment.x1)
        return segments[-1].x1

    def shown(self, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
        """The part of start..end that is drawn: what lies in the one segment it overlaps most.

        A period is never drawn across a break (the break says "no events" there): a year over a
        busy May-October segment is drawn over that segment, its overrun marked, not smeared into
        the hatched bands either side. A period in no segment is drawn in the nearest one's edge.
        """
        def overlap(segment: AxisSegment) -> tuple[int, int]:
            days = (min(end, segment.end) - max(start, segment.start)).days + 1
            distance = max((segment.start - end).days, (start - segment.end).days, 0)
            return max(days, 0), -distance

        segment = max(self.segments, key=overlap)
        shown_start = min(max(start, segment.start), segment.end)
        return shown_start, max(min(end, segment.end), shown_start)

    def span(self, start: dt.date, end: dt.date) -> tuple[float, float]:
        """The x extent of the inclusive day interval start..end, as drawn (see `shown`)."""
        shown_start, shown_end = self.shown(start, end)
        return self.position(shown_start), self.position(shown_end + ONE_DAY)

    def centre(self, start: dt.date, end: dt.date) -> float:
        left, right = self.span(start, end)
        return (left + right) / 2


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def break_threshold(runs: Sequence[tuple[dt.date, dt.date]]) -> int:
    """The shortest empty stretch, in days, that is cut out of the axis.

    Two months at least; and at least three times the usual spacing of the events, so that a
    story told at an even pace of one event a quarter keeps a plain linear axis.
    """
    spacings = sorted(
        max(0, (later[0] - earlier[1]).days - 1) for earlier, later in zip(runs, runs[1:], strict=False)
    )
    usual = spacings[(len(spacings) - 1) // 2] if spacings else 0
    return max(BREAK_MIN_GAP_DAYS, 3 * usual)


def _merge_runs(spans: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    ordered = sorted(spans)
    threshold = break_threshold(ordered)
    runs: list[tuple[dt.date, dt.date]] = []
    for start, end in ordered:
        if runs and (start - runs[-1][1]).days - 1 < threshold:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    while len(runs) > MAX_SEGMENTS:
        shortest = min(range(len(runs) - 1), key=lambda index: (runs[index + 1][0] - runs[index][1], index))
        runs[shortest : shortest + 2] = [(runs[shortest][0], runs[shortest + 1][1])]
    return runs


def allocate_widths(available: float, weights: Sequence[float], minimum: float) -> list[float]:
    """Share `available` in proportion to `weights`, giving none less than `minimum`."""
    count = len(weights)
    minimum = min(minimum, available / count)
    fixed: set[int] = set()
    while True:
        free = available - minimum * len(fixed)
        total = sum(weight for index, weight in enumerate(weights) if index not in fixed)
        widths = [
            minimum if index in fixed else (free * weight / total if total else free / (count - len(fixed)))
            for index, weight in enumerate(weights)
        ]
        too_narrow = {index for index, width in enumerate(widths) if index not in fixed and width < minimum}
        if not too_narrow:
            return widths
        fixed |= too_narrow


def _anchor_spans(spans: Sequence[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """The spans that decide which stretches of time the axis shows.

    Days, weeks, months and quarters always do. A year or a season does only where nothing finer
    falls in it: "in 2025" must not stretch a segment of May–October 2025 over the whole year,
    but a lone "in 2012" needs a segment of its own. Longer, looser spans never do, unless there
    is nothing else.
    """
    fine = [(start, end) for start, end in spans if (end - start).days < FINE_MAX_DAYS]
    coarse = [
        (start, end)
        for start, end in spans
        if FINE_MAX_DAYS <= (end - start).days < ANCHOR_MAX_DAYS
        and not any(fine_start <= end and start <= fine_end for fine_start, fine_end in fine)
    ]
    return fine + coarse or list(spans)


def _add_runs_for_lone_periods(
    runs: list[tuple[dt.date, dt.date]], spans: Sequence[tuple[dt.date, dt.date]]
) -> list[tuple[dt.date, dt.date]]:
    """A run of its own for a period of a few years that overlaps no run: 'between 2017 and 2019'
    must be drawn, not squeezed into a hatched band that says nothing happened then. A period over
    one run or more is drawn clipped to one segment (TimeAxis.shown); joining the runs under it
    would undo the breaks that give crowded stretches their room."""
    for start, end in sorted(spans):
        if (end - start).days <= LONE_PERIOD_MAX_DAYS and not any(
            run_start <= end and start <= run_end for run_start, run_end in runs
        ):
            runs = sorted([*runs, (month_start(start), month_end(end))])
    return runs


def build_time_axis(
    spans: Sequence[tuple[dt.date, dt.date]],
    left: float,
    right: float,
    gap_width: float = 0.2,
    min_segment_width: float = 0.35,
) -> TimeAxis:
    """An axis from `left` to `right` that shows every event span, with long empty stretches cut out.

    Segments are whole months (so ticks fall on month starts); their widths mix the time they
    cover (20 %, for segments of more than one event) with the number of events in them (80 %),
    because labels, not days, need the room.
    """
    if not spans:
        raise ValueError("a time axis needs at least one dated span")
    anchors = _anchor_spans(spans)
    runs = _add_runs_for_lone_periods(
        _merge_runs([(month_start(start), month_end(end)) for start, end in anchors]), spans
    )
    counts = [
        sum(1 for start, end in anchors if run_start <= start and end <= run_end)
        for run_start, run_end in runs
    ]
    total_days = sum((end - start).days + 1 for start, end in runs)
    total_events = max(sum(counts), 1)
    # A segment of one event (an outlier years before the story) gets no share for its days: a
    # compact lead-in, not a third of the figure for a year with one old event in it.
    weights = [
        (0.2 * ((end - start).days + 1) / total_days if count > 1 else 0.0) + 0.8 * count / total_events
        for (start, end), count in zip(runs, counts, strict=True)
    ]
    gap_width = gap_width if len(runs) > 1 else 0.0
    widths = allocate_widths(right - left - gap_width * (len(runs) - 1), weights, min_segment_width)
    segments = []
    x = left
    for (start, end), width in zip(runs, widths, strict=True):
        segments.append(AxisSegment(start, end, x, x + width))
        x += width + gap_width
    return TimeAxis(tuple(segments))


def gap_caption(before: AxisSegment, after: AxisSegment) -> str:
    """How much time a break hides, in the coarse words a glance needs: '11 mo', '2 yr'."""
    days = (after.start - before.end).days - 1
    if days >= 548:
        return f"{round(days / 365.25)} yr"
    return f"{max(1, round(days / 30.44))} mo"


# --- what an event looks like --------------------------------------------------------------------


def precision_shape(granularity: str, start: dt.date, end: dt.date) -> str:
    """'point' for a day, 'bar' for a period known to that width up to a quarter, 'loose' for a
    longer period or a vague bound."""
    days = (end - start).days + 1
    if days <= 1:
        return "point"
    # Longer than a quarter: a faint wide bar, which a solid one as thick as the lane line would
    # vanish into (a year over a busy stretch looked like the axis itself).
    if days > FINE_MAX_DAYS or (granularity in LOOSE_GRANULARITIES and days > 31):
        return "loose"
    return "bar"


def wrap_label(text: str, width: int = 26, max_lines: int = 3) -> list[str]:
    """A label wrapped to lines of at most `width` characters; past `max_lines` it ends with '…'."""
    lines = textwrap.wrap(" ".join(text.split()), width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        lines[-1] = (last if len(last) < width else last[: width - 1].rstrip()) + "…"
    return lines


# --- lanes ---------------------------------------------------------------------------------------

# Lanes beyond this many are pooled into one 'other' lane: more would not fit or be told apart.
MAX_LANES = 7
LANE_OTHER_NAMES = {"place": "other places", "participant": "other people", "source": "other sources"}


def _lane_candidates(event: Event, lanes: str, source_names: Mapping[str, str]) -> list[str]:
    """The names whose lanes an event may go in, in order of preference."""
    if lanes == "place":
        return list(event.places)
    if lanes == "participant":
        return list(event.participants)
    return sorted({source_names.get(source.article, source.article) for source in event.sources})[:1]


def _lane_names(events: Sequence[Event], lanes: str, source_names: Mapping[str, str]) -> dict[str, str]:
    """Event id -> lane name: the first place, participant or source of each event that has a lane
    of its own, rarer ones pooled. A lane's size counts every event naming it, not only those it
    names first ('Trump hosts Zelensky' counts for Zelensky too: see further_lanes)."""
    if lanes == "none":
        return {event.id: "" for event in events}
    candidates = {event.id: _lane_candidates(event, lanes, source_names) for event in events}
    counts: dict[str, int] = {}
    for names in candidates.values():
        for name in dict.fromkeys(names):
            counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda name: (-counts[name], name))
    # Keep a lane of its own for names with more than one event; pool the rest.
    kept = set(ranked[: MAX_LANES - 1]) if len(ranked) > MAX_LANES else set(ranked)
    kept = {name for name in kept if counts[name] > 1 or len(ranked) <= MAX_LANES}
    other = LANE_OTHER_NAMES[lanes]
    return {
        event_id: next((name for name in names if name in kept), other)
        for event_id, names in candidates.items()
    }


def further_lanes(
    events: Sequence[Event], lane_by_event: Mapping[str, str], lanes: str
) -> dict[str, tuple[str, ...]]:
    """Event id -> the lanes it is drawn in again, beyond its own: with lanes by participant (or
    place) an event belongs to each of its participants (places) that has a lane, so that a
    reader following one person's lane sees every event that person took part in."""
    if lanes not in ("participant", "place"):
        return {}
    named = set(lane_by_event.values()) - {CHAIN_LANE, *LANE_OTHER_NAMES.values()}
    found = {}
    for event in events:
        own = lane_by_event.get(event.id)
        if own is None or own == CHAIN_LANE:
            continue
        names = event.participants if lanes == "participant" else event.places
        more = tuple(dict.fromkeys(name for name in names if name in named and name != own))
        if more:
            found[event.id] = more
    return found


def lane_of_events(events: Sequence[Event], lanes: str, articles: Sequence[Article] = ()) -> dict[str, str]:
    """Event id -> the lane (or TimelineJS group) the `--lanes` choice puts it in ('' for none)."""
    # An outlet the manifest calls 'unknown' names nothing: the article's title does better.
    source_names = {article.id: article.outlet or article.title or article.id for article in articles}
    return _lane_names(events, lanes, source_names)


CHAIN_LANE = "highlighted"


def assign_lanes(
    events: Sequence[Event], chain_ids: Mapping[str, str], lanes: str, articles: Sequence[Article]
) -> tuple[list[str], dict[str, str]]:
    """The lanes top to bottom, and each event's lane: the highlighted chain first (when there is
    one), then the fullest lanes, the pooled one last. One lane and a chain: 'other events'."""
    lane_by_event = lane_of_events([event for event in events if event.id not in chain_ids], lanes, articles)
    sizes = {
        lane: sum(1 for value in lane_by_event.values() if value == lane)
        for lane in set(lane_by_event.values())
    }
    lane_order = sorted(sizes, key=lambda lane: (lane in LANE_OTHER_NAMES.values(), -sizes[lane], lane))
    if chain_ids:
        if lane_order == [""]:
            lane_order = ["other events"]
            lane_by_event = {event_id: "other events" for event_id in lane_by_event}
        lane_order.insert(0, CHAIN_LANE)
        lane_by_event.update({event_id: CHAIN_LANE for event_id in chain_ids})
    return lane_order, lane_by_event


# --- labels --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelRequest:
    key: str
    x: float  # where the leader line meets the lane line; the box starts here and runs right
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class PlacedLabel:
    key: str
    x: float
    width: float
    height: float
    side: int  # +1 above the lane line, -1 below
    offset: float  # distance from the lane line to the box's near edge
    direction: int = 1  # +1: the box runs right from its leader; -1: it runs left and ends at it
    # In a block of labels on one leader (stack_in_blocks): whether this one draws the leader, and
    # how far right of it the block's last event lies (the bracket along the lane line).
    leader: bool = True
    reach: float = 0.0

    @property
    def far(self) -> float:
        """Distance from the lane line to the box's far edge."""
        return self.offset + self.height

    @property
    def x0(self) -> float:
        return self.x if self.direction > 0 else self.x - self.width

    def box(self, line_y: float) -> tuple[float, float, float, float]:
        """(x0, y0, x1, y1) of the label box for a lane line at `line_y`."""
        if self.side > 0:
            return self.x0, line_y + self.offset, self.x0 + self.width, line_y + self.far
        return self.x0, line_y - self.far, self.x0 + self.width, line_y - self.offset


def stack_labels(
    requests: Sequence[LabelRequest],
    base_offset: float,
    vertical_gap: float,
    horizontal_gap: float,
    sides: Sequence[int] = (1, -1),
    fixed: Sequence[PlacedLabel] = (),
) -> list[PlacedLabel]:
    """Place every label beside its lane line so that no two boxes overlap and no leader crosses a box.

    Labels run rightwards from their leader. Working from right to left, each label goes just past
    the far edge of every label on its side whose leader lies under it (within its width): those
    labels are then nearer the line than it, so its box clears their boxes and their leaders end
    below it, and its own leader, lying left of all of them, meets none of their boxes. On each
    side that makes a staircase descending left to right.

    The side is chosen so that staircases stay short: a label goes above when nothing lies under
    it on either side, else takes the side where nothing does when there is one; otherwise it
    stays on the side of the label before it (so each side works in runs about a label wide, and
    the other side starts afresh meanwhile) unless that side has grown taller than the other by
    more than a label's height.

    `fixed` labels are already placed and stay where they are; the new ones make room around them,
    and `Unplaceable` is raised when one cannot.
    """
    placed: dict[int, list[PlacedLabel]] = {side: [] for side in sides}
    obstacles = {side: _Obstacles([label for label in fixed if label.side == side]) for side in sides}
    result: list[PlacedLabel] = []
    switch_margin = max((request.height for request in requests), default=0.0)
    current = sides[0]
    for request in sorted(requests, key=lambda item: (item.x, item.key), reverse=True):
        reach = request.x + request.width + horizontal_gap
        candidates = {}
        for side in sides:
            offset = base_offset
            # Placed labels on a side are in decreasing x, so the covered ones are at the end.
            for other in reversed(placed[side]):
                if other.x > reach:
                    break
                offset = max(offset, other.far + vertical_gap)
            candidate = PlacedLabel(request.key, request.x, request.width, request.height, side, offset)
            if fixed:
                nearby = obstacles[side].around(candidate.x0 - horizontal_gap, candidate.x0 + candidate.width)
                candidate = _clear_of(candidate, nearby, vertical_gap, horizontal_gap)
            if candidate is not None:
                candidates[side] = candidate
        if not candidates:
            raise Unplaceable(request.key)
        if current not in candidates:
            current = next(iter(candidates))
        free = [side for side in candidates if candidates[side].offset == base_offset]
        if len(free) == len(sides):
            current = sides[0]
        elif free:
            current = current if current in free else free[0]
        else:
            lowest = min(candidates, key=lambda side: (candidates[side].far, side != current))
            if candidates[current].far > candidates[lowest].far + switch_margin:
                current = lowest
        chosen = candidates[current]
        placed[current].append(chosen)
        result.append(chosen)
    return sorted(result, key=lambda label: (label.x, label.key))


class _Obstacles:
    """Fixed labels of one side, found by x quickly."""

    def __init__(self, labels: Sequence[PlacedLabel]) -> None:
        self.labels = sorted(labels, key=lambda label: label.x0)
        self.starts = [label.x0 for label in self.labels]
        self.widest = max((label.width for label in self.labels), default=0.0)

    def around(self, low: float, high: float) -> list[PlacedLabel]:
        """The labels whose boxes may reach into [low, high] (a few more, never fewer)."""
        first = bisect.bisect_left(self.starts, low - self.widest - 1.0)
        last = bisect.bisect_right(self.starts, high + 1.0)
        return self.labels[first:last]


class Unplaceable(Exception):
    """A label has no place that keeps clear of the labels fixed before it."""


def _clear_of(
    label: PlacedLabel, fixed: Sequence[PlacedLabel], vertical_gap: float, horizontal_gap: float
) -> PlacedLabel | None:
    """The label moved out from the line just enough to clash with none of `fixed`, or None.

    A fixed label whose leader lies under this one must stay nearer the line (a floor); one over
    whose box this label's leader runs must stay farther (a ceiling); any other it overlaps, it
    simply passes.
    """
    right = label.x0 + label.width + horizontal_gap
    near = [
        other
        for other in fixed
        if other.x0 < right
        and label.x0 < other.x0 + other.width + horizontal_gap
        and not _back_to_back(label, other)
    ]
    floors = [other for other in near if label.x0 - horizontal_gap < other.x < right]
    ceilings = [
        other
        for other in near
        if other.x0 - horizontal_gap < label.x < other.x0 + other.width + horizontal_gap
    ]
    if any(other is ceiling for other in floors for ceiling in ceilings):
        return None
    offset = max([label.offset] + [other.far + vertical_gap for other in floors])
    for other in sorted(near, key=lambda item: item.offset):
        overlapping = (
            offset < other.far + vertical_gap and other.offset < offset + label.height + vertical_gap
        )
        if overlapping and not any(other is ceiling for ceiling in ceilings):
            offset = other.far + vertical_gap
    if any(offset + label.height + vertical_gap > ceiling.offset + 1e-9 for ceiling in ceilings):
        return None
    return PlacedLabel(label.key, label.x, label.width, label.height, label.side, offset, label.direction)


def _back_to_back(first: PlacedLabel, second: PlacedLabel) -> bool:
    """Whether one label runs left from a leader at or left of the other's, which runs right:
    their boxes and leaders then cannot meet."""
    left, right = sorted((first, second), key=lambda label: (label.x, label.direction))
    return left.direction < 0 < right.direction


def _mirrored(labels: Sequence[PlacedLabel]) -> list[PlacedLabel]:
    return [
        PlacedLabel(
            label.key, -label.x, label.width, label.height, label.side, label.offset, -label.direction
        )
        for label in labels
    ]


def _height(labels: Sequence[PlacedLabel], base_offset: float) -> float:
    return extent(labels, 1, base_offset) + extent(labels, -1, base_offset)


def clashes(first: PlacedLabel, second: PlacedLabel, vertical_gap: float, horizontal_gap: float) -> bool:
    """Whether two placed labels of one lane clash: their boxes overlap, or the leader of the one
    farther from the line runs through the box of the nearer one."""
    if first.side != second.side or _back_to_back(first, second):
        return False
    if (
        first.x0 + first.width + horizontal_gap <= second.x0
        or second.x0 + second.width + horizontal_gap <= first.x0
    ):
        return False
    if first.far + vertical_gap <= second.offset + 1e-9:
        nearer, farther = first, second
    elif second.far + vertical_gap <= first.offset + 1e-9:
        nearer, farther = second, first
    else:
        return True
    # A leader on a box's edge runs beside its text (labels of one day share a leader that way).
    return nearer.x0 < farther.x < nearer.x0 + nearer.width


def _densest_run(ordered: Sequence[LabelRequest], horizontal_gap: float) -> tuple[int, int]:
    """(first, last) indices of the most labels whose leaders fall under the first one's box."""
    best = (0, 0)
    last = 0
    for first, request in enumerate(ordered):
        last = max(last, first)
        while last + 1 < len(ordered) and ordered[last + 1].x <= request.x + request.width + horizontal_gap:
            last += 1
        if last - first > best[1] - best[0]:
            best = (first, last)
    return best


def _spread(first: int, last: int, count: int) -> list[int]:
    """Up to `count` whole numbers spread evenly over first..last."""
    if last < first:
        return []
    span = last - first
    return sorted({first + span * step // max(count - 1, 1) for step in range(count)})


def stack_labels_back_to_back(
    requests: Sequence[LabelRequest],
    base_offset: float,
    vertical_gap: float,
    horizontal_gap: float,
    left_limit: float,
) -> list[PlacedLabel]:
    """Like `stack_labels`, but the labels of part of the densest cluster run leftwards, so that
    the cluster is labelled from a split point outwards, back to back, in about half the height.

    A label running left of the split and one running right of it never meet: their boxes lie
    on either side of the split and each leader lies outside the other's box. So the leftward
    labels form a staircase of their own (mirrored), and the others one staircase as before; the
    only pairs left to check are a leftward label and a rightward one left of it. Among a few
    splits tried, the one that makes the lane lowest without any clash wins; none when nothing
    beats plain `stack_labels`, or when a label would run past `left_limit`.
    """
    best = stack_labels(requests, base_offset, vertical_gap, horizontal_gap)
    best_height = _height(best, base_offset)
    ordered = sorted(requests, key=lambda item: (item.x, item.key))
    first, last = _densest_run(ordered, horizontal_gap)
    if last - first < 3:
        return best
    # Fewer tries for a long lane: each is a whole placement.
    splits, starts = (5, 3) if len(ordered) <= 120 else (3, 2)
    configurations = [
        (split, start, sides)
        for split in _spread(first + 1, last, splits)
        for start in _spread(first, split - 1, starts)
        for sides in ((1, -1), (1,), (-1,))
    ]
    for split, start, sides in configurations:
        leftward = ordered[start:split]
        if any(item.x - item.width < left_limit for item in leftward):
            continue
        # Leftward labels on one side only leave the other free for rightward ones that face them.
        mirrored = [LabelRequest(item.key, -item.x, item.width, item.height) for item in leftward]
        left_placed = _mirrored(stack_labels(mirrored, base_offset, vertical_gap, horizontal_gap, sides))
        try:
            rest = stack_labels(
                [*ordered[:start], *ordered[split:]],
                base_offset,
                vertical_gap,
                horizontal_gap,
                fixed=left_placed,
            )
        except Unplaceable:
            continue
        placed = left_placed + rest
        height = _height(placed, base_offset)
        if height < best_height - 1e-9:
            best, best_height = sorted(placed, key=lambda label: (label.x, label.key)), height
    return best


def extent(labels: Sequence[PlacedLabel], side: int, base_offset: float) -> float:
    """How far the labels on one side reach from the lane line (the base offset when there are none)."""
    return max((label.far for label in labels if label.side == side), default=base_offset)


# --- ticks ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    row: int  # 0: the tick row just under the axis; 1: the year row under it


MONTH_STEPS = (1, 2, 3, 4, 6)
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _fits(
    ticks: list[tuple[float, str]], limit: float, measure: Callable[[str], float], padding: float
) -> bool:
    for (x, label), (next_x, _) in zip(ticks, [*ticks[1:], (limit + padding, "")], strict=True):
        if x + measure(label) + padding > next_x:
            return False
    return True


def _week_ticks(segment: AxisSegment, weeks: int) -> list[tuple[float, str]]:
    monday = segment.start + dt.timedelta(days=(7 - segment.start.weekday()) % 7)
    ticks = []
    while monday <= segment.end:
        offset = (monday - segment.start).days
        ticks.append((segment.x0 + offset * segment.scale, f"{monday.day} {MONTH_NAMES[monday.month - 1]}"))
        monday += dt.timedelta(weeks=weeks)
    return ticks


def _month_ticks(segment: AxisSegment, months: int) -> list[tuple[float, str]]:
    ticks = []
    day = month_start(segment.start)
    while day <= segment.end:
        if day >= segment.start:
            ticks.append(
                (segment.x0 + (day - segment.start).days * segment.scale, MONTH_NAMES[day.month - 1])
            )
        day = _add_months(day, months)
    return ticks


def _year_ticks(segment: AxisSegment, years: int) -> list[tuple[float, str]]:
    ticks = []
    year = (
        segment.start.year if segment.start == dt.date(segment.start.year, 1, 1) else segment.start.year + 1
    )
    year += (-year) % years
    while dt.date(year, 1, 1) <= segment.end:
        day = dt.date(year, 1, 1)
        ticks.append((segment.x0 + (day - segment.start).days * segment.scale, str(year)))
        year += years
    return ticks


def _year_row(segment: AxisSegment, measure: Callable[[str], float], padding: float) -> list[Tick]:
    """Each year's number centred under the part of the segment that year covers, where it fits."""
    ticks = []
    for year in range(segment.start.year, segment.end.year + 1):
        first = max(segment.start, dt.date(year, 1, 1))
        last = min(segment.end, dt.date(year, 12, 31))
        left = segment.x0 + (first - segment.start).days * segment.scale
        right = segment.x0 + ((last - segment.start).days + 1) * segment.scale
        width = measure(str(year))
        if right - left >= width + padding:
            ticks.append(Tick((left + right) / 2 - width / 2, str(year), 1))
    if not ticks:
        # No year fits under its own part: the segment's years in the shortest words that fit it.
        first, last = segment.start.year, segment.end.year
        spellings = (
            [str(first)] if first == last else [f"{first}–{last}", f"{first}–{last % 100:02d}", str(first)]
        )
        for label in spellings:
            if measure(label) <= segment.x1 - segment.x0:
                ticks.append(Tick(segment.x0, label, 1))
                break
    return ticks


def segment_ticks(segment: AxisSegment, measure: Callable[[str], float], padding: float = 0.06) -> list[Tick]:
    """Ticks for one segment, the finest that fit: weeks ('11 Aug'), then months, then years.

    Each tick's label starts at the tick and must end before the next tick (or the segment's end),
    so labels never collide and never run into a break. `measure` gives a label's width in inches.
    """

    def trimmed(ticks: list[tuple[float, str]]) -> list[tuple[float, str]]:
        # A last tick whose label would run past the segment's end is left out, not the whole row.
        while ticks and ticks[-1][0] + measure(ticks[-1][1]) > segment.x1:
            ticks = ticks[:-1]
        return ticks

    for weeks in (1, 2):
        ticks = trimmed(_week_ticks(segment, weeks))
        if len(ticks) >= 3 and 45 <= segment.days <= 120 and _fits(ticks, segment.x1, measure, padding):
            return [Tick(x, label, 0) for x, label in ticks] + _year_row(segment, measure, padding)
    if segment.days <= 6 * 366:
        for months in MONTH_STEPS:
            ticks = trimmed(_month_ticks(segment, months))
            if ticks and _fits(ticks, segment.x1, measure, padding):
                return [Tick(x, label, 0) for x, label in ticks] + _year_row(segment, measure, padding)
    for years in YEAR_STEPS:
        ticks = trimmed(_year_ticks(segment, years))
        if ticks and _fits(ticks, segment.x1, measure, padding):
            return [Tick(x, label, 0) for x, label in ticks]
    return _year_row(segment, measure, padding)


# --- dates in words ------------------------------------------------------------------------------


def month_words(day: dt.date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def _day_words(day: dt.date) -> str:
    return f"{day.day} {month_words(day)}"


def date_phrase(value: str, granularity: str, start: dt.date | None, end: dt.date | None) -> str:
    """The event's date at the precision known.

    '15 Aug 2025', 'week of 11 Aug 2025', 'Aug 2025', 'Q3 2025', '2017–2019'.
    """
    if start is None or end is None:
        return value or "undated"
    if granularity == "instant" and "T" in value and start == end:
        time = value.partition("T")[2]
        return f"{_day_words(start)} {time}" if time[:1].isdigit() else _day_words(start)
    if start == end:
        return _day_words(start)
    if granularity == "week" and (end - start).days == 6:
        return f"week of {_day_words(start)}"
    if granularity == "quarter" and "-Q" in value:
        return f"{value[-2:]} {start.year}"
    if granularity == "season":
        season = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(start.month, "season")
        return f"{season} {start.year}"
    if granularity == "decade" and end.year - start.year == 9:
        return f"{start.year}s"
    whole_years = start == dt.date(start.year, 1, 1) and end == dt.date(end.year, 12, 31)
    if whole_years:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    whole_months = start.day == 1 and end == month_end(end)
    if whole_months:
        if (start.year, start.month) == (end.year, end.month):
            return month_words(start)
        if start.year == end.year:
            return f"{MONTH_NAMES[start.month - 1]}–{month_words(end)}"
        return f"{month_words(start)}–{month_words(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {month_words(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTH_NAMES[start.month - 1]} – {_day_words(end)}"
    return f"{_day_words(start)} – {_day_words(end)}"


def stack_in_blocks(
    requests: Sequence[LabelRequest],
    stacker: Callable[[list[LabelRequest]], list[PlacedLabel]],
    spacing: float,
    member_gap: float,
) -> list[PlacedLabel]:
    """Stack labels whose events lie closer than `spacing` (a label's height) as one block on one
    leader, so that no two leaders run closer than that: ten labels on near-parallel leaders a few
    pixels apart cannot be matched with their marks, one block in time order can.

    A block starts at its earliest event and takes in every later one within `spacing` of that
    start; its leader is drawn at the start, and `reach` says how far right its last event lies.
    A block reads in time order from the top, above the lane line as below it.
    """
    blocks: list[list[LabelRequest]] = []
    for request in sorted(requests, key=lambda request: (request.x, request.key)):
        if blocks and request.x - blocks[-1][0].x < spacing:
            blocks[-1].append(request)
        else:
            blocks.append([request])
    merged = [
        LabelRequest(
            block[0].key,
            block[0].x,
            max(member.width for member in block),
            sum(member.height for member in block) + member_gap * (len(block) - 1),
        )
        for block in blocks
    ]
    placed = {label.key: label for label in stacker(merged)}
    result = []
    for block in blocks:
        label = placed[block[0].key]
        offset = label.offset
        outwards = block if label.side < 0 else block[::-1]
        for index, member in enumerate(outwards):
            result.append(
                PlacedLabel(
                    member.key, label.x, member.width, member.height, label.side, offset, label.direction,
                    leader=index == 0, reach=block[-1].x - block[0].x if index == 0 else 0.0,
                )
            )
            offset += member.height + member_gap
    return result
