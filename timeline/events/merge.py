"""One chronology from many articles: names made canonical, reports of one happening merged.

Two reports are one event when their dates can both be true (their day intervals intersect), their
event words are of one class (a "summit", "talks" and "met" are all a meeting), they share people
(two of them where both name two), and their places agree (equal, or one inside the other:
"Anchorage" is in "Alaska"). The merged date is the intersection: "last week" in an article of
2025-08-20 (2025-W33) and "two months ago" in one of 2025-10-21 (2025-08) give 2025-W33.
Statements merge only when the same speaker said mostly the same words on the same day.

Candidates are found through indexes keyed by (person or place, class, day, month or year), so no
stage compares all pairs; reports are visited from the most precise to the loosest.
Articles are visited in id order, so the result does not depend on the order they arrived in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from timeline.events import ArticleAnalysis
from timeline.events.entities import NameResolver, surname, unresolved_name
from timeline.events.triggers import STATEMENT
from timeline.gc_pause import without_cyclic_collection
from timeline.model import Event, Source
from timeline.temporal.timex import interval_of, value_of_day, value_of_month, value_of_week

DAY_BUCKET_DAYS = 10
SHORT_EVENT_DAYS = 62
# Share of the longer words two reports of one statement have in common (Jaccard).
SAME_STATEMENT_OVERLAP = 0.5
LOOSE_EVENT_DAYS = 3700  # about ten years: looser events are kept apart
_STATUS_RANK = {"happened": 0, "cancelled": 1, "deadline": 2, "uncertain": 3, "planned": 4, "reported": 5}
_SLOT = re.compile(r"\{(\d+)\}")
_LOOSE_DASH = re.compile(r"(^|\s)–+|–+(?=\s|$)")
_DASHES = re.compile(r"–{2,}")
_CONTENT_WORD = re.compile(r"[a-z]{4,}")


class _Report:
    """One event as the merge sees it: canonical names, dates and class worked out once.

    An archive's reports are all held at once, so a report keeps no sets of its own: its
    participants are unique already, and sets are made only for the clusters."""

    __slots__ = (
        "event", "participants", "label_names", "category", "category_key", "start", "end", "span",
        "_content",
    )

    def __init__(self, event: Event, participants: tuple[str, ...], label_names: tuple[str, ...]) -> None:
        self.event = event
        self.participants = participants  # each name once
        self.label_names = label_names
        # An event without a class matches nothing (not even another without one), but is filed
        # under the empty class.
        self.category = event.extra.get("category")
        self.category_key = event.extra.get("category", "")
        self.start = event.start_date
        self.end = event.end_date
        self.span = (self.end - self.start).days + 1
        self._content: set[str] | None = None

    @property
    def places(self) -> tuple[str, ...]:
        return self.event.places

    @property
    def order_ids(self) -> tuple[str, ...]:
        """Its own local id and those of the events the text places before it."""
        return (self.event.id, *self.event.after)

    @property
    def speakers(self) -> frozenset[str]:
        return frozenset(self.participants) | frozenset(self.event.organizations)

    @property
    def content_words(self) -> set[str]:
        if self._content is None:
            self._content = _content_words(self.event.sources[0].text)
        return self._content

    def order_key(self) -> tuple:
        """Precise reports first, so that a loose one ("two months ago") joins the happening they fix."""
        source = self.event.sources[0]
        return (self.span, self.start, source.article, source.start, self.event.extra.get("timex_start", 0))

    def source_key(self) -> tuple:
        source = self.event.sources[0]
        return (source.article, source.start, self.event.extra.get("timex_start", 0))


class _Cluster:
    """The reports of one happening so far, and the people, places and local ids they name.

    Most happenings have one report: a cluster keeps its first report's tuples (each name once)
    and makes sets only when a second report joins, which spares three sets per event."""

    __slots__ = ("index", "members", "start", "end", "category", "people", "places", "ordered_with")

    def __init__(self, index: int, first: _Report) -> None:
        self.index = index
        self.members = [first]
        self.start = first.start
        self.end = first.end
        self.category = first.category_key
        self.people: tuple[str, ...] | set[str] = first.participants
        self.places: tuple[str, ...] | set[str] = first.places
        # local ids this cluster must stay apart from
        self.ordered_with: tuple[str, ...] | set[str] = first.order_ids

    def add(self, report: _Report) -> None:
        if len(self.members) == 1:
            self.people, self.places, self.ordered_with = (
                set(self.people), set(self.places), set(self.ordered_with)
            )
        self.members.append(report)
        self.start = max(self.start, report.start)
        self.end = min(self.end, report.end)
        self.people.update(report.participants)
        self.places.update(report.places)
        self.ordered_with.update(report.order_ids)


def _resolver(analyses: Sequence[ArticleAnalysis]) -> NameResolver:
    return NameResolver(
        (name for analysis in analyses for name in analysis.people),
        [role for analysis in analyses for role in analysis.roles],
    )


class _Canonical:
    """Canonical participants and label names, each name resolved once for the whole corpus."""

    def __init__(self, resolver: NameResolver) -> None:
        self.resolver = resolver
        self._participants: dict[str, str | None] = {}
        self._label_names: dict[str, str] = {}

    def participant(self, name: str) -> str | None:
        if name not in self._participants:
            bare = unresolved_name(name)
            resolved = self.resolver.canonical(bare or name)
            if resolved is None and not bare:
                resolved = name  # a titled lone name ("President Trump") nobody in the corpus spells out
            self._participants[name] = resolved
        return self._participants[name]

    def participants(self, names: Iterable[str]) -> tuple[str, ...]:
        canonical: list[str] = []
        for name in names:
            resolved = self.participant(name)
            if resolved and resolved not in canonical:
                canonical.append(resolved)
        return tuple(canonical)

    def label_name(self, name: str) -> str:
        if name not in self._label_names:
            self._label_names[name] = _label_name(name, self.resolver)
        return self._label_names[name]


def _shared_people(cluster: _Cluster, report: _Report) -> int:
    return sum(1 for name in report.participants if name in cluster.people)


def _same_statement(cluster: _Cluster, report: _Report) -> bool:
    """One statement in two reports: same speaker, same day, and mostly the same words."""
    first = cluster.members[0]
    speakers = report.speakers
    if not speakers or speakers != first.speakers:
        return False
    if (first.start, first.end) != (report.start, report.end) or first.start != first.end:
        return False
    left, right = first.content_words, report.content_words
    return bool(left and right) and len(left & right) / len(left | right) >= SAME_STATEMENT_OVERLAP


def _content_words(text: str) -> set[str]:
    return set(_CONTENT_WORD.findall(text.lower()))


def _compatible(cluster: _Cluster, report: _Report, places: _Places) -> bool:
    if report.category != cluster.category:
        return False
    if cluster.category == STATEMENT:
        return _same_statement(cluster, report)
    if any(local in cluster.ordered_with for local in report.order_ids):
        return False
    if max(cluster.start, report.start) > min(cluster.end, report.end):
        return False
    people = report.participants
    shared = _shared_people(cluster, report)
    if people and cluster.people and shared < min(2, len(people), len(cluster.people)):
        return False
    if not places.agree(cluster.places, report.places):
        return False
    # Something beyond the date and the word must tie them: a person, or a place on both sides.
    return shared > 0 or bool(cluster.places and report.places)


class _Places:
    """What contains each place the events name, as the analyses give it (the workers looked it
    up), else from the gazetteer; and the index keys of an event."""

    def __init__(self, known: Iterable[tuple[str, tuple[str, ...], tuple[str, ...]]] = ()) -> None:
        self._containers = {name: (within, indexed) for name, within, indexed in known}
        self._keys: dict[str, list[str]] = {}

    def _of(self, name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        found = self._containers.get(name)
        if found is None:
            # Only for analyses that did not carry it: the gazetteer takes time to load.
            from timeline.events.gazetteer import containers

            found = self._containers[name] = containers(name)
        return found

    def contains(self, outer: str, inner: str) -> bool:
        """Whether the place OUTER is or contains INNER ("Alaska" contains "Anchorage")."""
        return outer == inner or outer in self._of(inner)[0]

    def agree(self, left: AbstractSet[str], right: AbstractSet[str]) -> bool:
        if not left or not right:
            return True
        return any(
            self.contains(outer, inner) or self.contains(inner, outer) for outer in left for inner in right
        )

    def _place_keys(self, name: str) -> list[str]:
        keys = self._keys.get(name)
        if keys is None:
            # A place is filed under what contains it too ("Anchorage" finds "Alaska").
            keys = self._keys[name] = [f"place:{name}", *(f"place:{outer}" for outer in self._of(name)[1])]
        return keys

    def keys(self, participants: Iterable[str], event: Event) -> list[str]:
        """An event's index keys: its people, organisations and places."""
        keys = [f"person:{name}" for name in participants]
        keys.extend(f"organization:{name}" for name in event.organizations)
        for name in event.places:
            keys.extend(self._place_keys(name))
        return keys


# Date buckets are whole numbers: a day is its ordinal (below 3,700,000), a month and a year are
# moved past every day so that the three levels never collide.
_MONTH_BUCKETS = 10_000_000
_YEAR_BUCKETS = 20_000_000


def _days(start: dt.date, end: dt.date) -> range:
    return range(start.toordinal(), end.toordinal() + 1)


def _months(start: dt.date, end: dt.date) -> range:
    return range(
        _MONTH_BUCKETS + start.year * 12 + start.month, _MONTH_BUCKETS + end.year * 12 + end.month + 1
    )


def _years(start: dt.date, end: dt.date) -> range:
    return range(_YEAR_BUCKETS + start.year, _YEAR_BUCKETS + end.year + 1)


def _filing_buckets(report: _Report) -> Iterable[int]:
    """Where a cluster is filed for an event: by day, month or year, as precise as the event is."""
    if report.span <= DAY_BUCKET_DAYS:
        return _days(report.start, report.end)
    if report.span <= SHORT_EVENT_DAYS:
        return _months(report.start, report.end)
    if report.span <= LOOSE_EVENT_DAYS:
        return _years(report.start, report.end)
    return ()


def _looking_buckets(report: _Report) -> list[int]:
    """Where the partners of an event dated within two months may be filed: every level it overlaps."""
    return [
        *_days(report.start, report.end),
        *_months(report.start, report.end),
        *_years(report.start, report.end),
    ]


def _affinity(cluster: _Cluster, report: _Report) -> tuple[int, int, int]:
    """How well an event fits a cluster it is compatible with: places named on both sides, people shared."""
    places = int(bool(cluster.places and report.places))
    return (-places, -_shared_people(cluster, report), cluster.index)


# Index: (key, class) -> date bucket -> indices of the clusters filed there, in filing order.
_Index = dict[tuple[str, str], dict[int, list[int]]]


def _candidates(index: _Index, blocks: list[tuple[str, str]], buckets: Iterable[int]) -> set[int]:
    found: set[int] = set()
    buckets = list(buckets)
    for block in blocks:
        filed = index.get(block)
        if filed:
            for bucket in buckets:
                clusters = filed.get(bucket)
                if clusters:
                    found.update(clusters)
    return found


def _file(index: _Index, blocks: list[tuple[str, str]], buckets: Iterable[int], cluster: int) -> None:
    buckets = list(buckets)
    for block in blocks:
        filed = index.setdefault(block, {})
        for bucket in buckets:
            clusters = filed.get(bucket)
            if clusters is None:
                filed[bucket] = [cluster]
            elif clusters[-1] != cluster:
                clusters.append(cluster)


def _cluster_reports(reports: Sequence[_Report], places: _Places) -> list[list[_Report]]:
    """Groups of reports of one happening; each report in exactly one group (see cluster_events)."""
    clusters: list[_Cluster] = []
    fine: _Index = {}
    by_year: _Index = {}
    for report in sorted(reports, key=_Report.order_key):
        blocks = [(key, report.category_key) for key in places.keys(report.participants, report.event)]
        if report.span <= SHORT_EVENT_DAYS:
            candidates = _candidates(fine, blocks, _looking_buckets(report))
        elif report.span > LOOSE_EVENT_DAYS:
            candidates = set()
        else:
            candidates = _candidates(by_year, blocks, _years(report.start, report.end))
        target = min(
            (clusters[index] for index in candidates if _compatible(clusters[index], report, places)),
            key=lambda cluster: _affinity(cluster, report),
            default=None,
        )
        if target is None:
            target = _Cluster(len(clusters), report)
            clusters.append(target)
        else:
            target.add(report)
        _file(fine, blocks, _filing_buckets(report), target.index)
        _file(by_year, blocks, _years(report.start, report.end), target.index)
    return [cluster.members for cluster in clusters]


def cluster_events(events: Sequence[Event]) -> list[list[Event]]:
    """Groups of events that report one happening; each event in exactly one group.

    Clusters are filed under (person or place, class, date bucket). An event dated within about
    two months looks in the day, month and year buckets it overlaps; a looser one (a year, "between
    2017 and 2019") in a second index that files every cluster by year, since it may join any of them.
    """
    places = _Places()
    reports = [
        _Report(event, tuple(dict.fromkeys(event.participants)), event.extra.get("label_names", ()))
        for event in events
    ]
    return [[report.event for report in group] for group in _cluster_reports(reports, places)]


def _intersection_value(members: list[_Report], start: dt.date, end: dt.date) -> tuple[str, str]:
    """The TIMEX3 value and granularity of the days every report allows."""
    exact = [m.event for m in members if m.start == start and m.end == end]
    if exact:
        best = min(exact, key=lambda event: (len(event.value), event.value))
        return best.value, best.granularity
    if start == end:
        return value_of_day(start), "day"
    for value in (value_of_week(start), value_of_month(start.year, start.month), f"{start.year:04d}"):
        first, last, granularity = interval_of(value)
        if (first, last) == (start, end):
            return value, granularity
    return f"{start.isoformat()}/{end.isoformat()}", "interval"


def _label_name(name: str, resolver: NameResolver) -> str:
    """The name a label shows: canonical; a bare word nobody in the corpus is called ("Victory"): none."""
    bare = unresolved_name(name)
    if bare is not None:
        return resolver.canonical(bare) or ""
    return resolver.canonical(name) or name


def _render(label: str, names: Sequence[str]) -> str:
    """A label template with its {N} slots filled with surnames; empty slots leave no stray dash."""

    def slot(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return surname(names[index]) if index < len(names) and names[index] else ""

    rendered = _SLOT.sub(slot, label) if "{" in label else label
    if "–" in rendered:
        rendered = _DASHES.sub("–", _LOOSE_DASH.sub(r"\1", rendered))
    rendered = " ".join(rendered.split()).strip(" –:")
    return rendered[:1].upper() + rendered[1:]


def _ranked(groups: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """Names in order of how many reports give them, then of first appearance."""
    if len(groups) == 1 and len(set(groups[0])) == len(groups[0]):
        return tuple(groups[0])  # one report (most events): its own order
    counts: dict[str, int] = {}
    for group in groups:
        for name in group:
            counts[name] = counts.get(name, 0) + 1
    # A dict keeps the order of first appearance, which the stable sort keeps among equal counts.
    return tuple(sorted(counts, key=lambda name: -counts[name]))


def _most_common(values: Sequence[str], tie_break: Callable[[str], tuple]) -> str:
    if len(values) == 1:
        return values[0]
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return min(counts, key=lambda value: (-counts[value], *tie_break(value)))


def _label_order(label: str) -> tuple:
    return (-label.count(" in "), -label.count("–"), label)


def _source_order(source: Source) -> tuple:
    return (source.article, source.start, source.end, source.timex)


class _Merged:
    """One happening, its reports merged; it gets its final id once every happening is known."""

    __slots__ = (
        "label", "value", "start", "end", "granularity", "status", "participants", "places",
        "organizations", "sources", "trigger", "after", "category", "articles", "local_ids",
    )

    def __init__(self, members: list[_Report]) -> None:
        if len(members) == 1:
            self._init_alone(members[0])
        else:
            self._init_merged(members)

    def _init_merged(self, members: list[_Report]) -> None:
        """The happening several reports give: the dates they share, the most precise label, every source."""
        members = sorted(members, key=_Report.source_key)
        events = [member.event for member in members]
        self.start = start = max(member.start for member in members)
        self.end = end = min(member.end for member in members)
        self.value, self.granularity = _intersection_value(members, start, end)
        # The label of the most precise report: the one whose date is the merged date.
        precise = [m for m in members if m.start == start and m.end == end] or members
        self.label = _most_common([_render(m.event.label, m.label_names) for m in precise], _label_order)
        if len(events) == 1 and len(events[0].sources) == 1:
            self.sources = events[0].sources
        else:
            unique_sources = {source for event in events for source in event.sources}
            self.sources = tuple(sorted(unique_sources, key=_source_order))
        self.status = min({event.status for event in events}, key=lambda status: _STATUS_RANK.get(status, 9))
        self.participants = _ranked([member.participants for member in members])
        self.places = _ranked([event.places for event in events])
        self.organizations = _ranked([event.organizations for event in events])
        self.trigger = _most_common([event.trigger for event in events], lambda lemma: (lemma,))
        self.after = tuple(sorted({local for event in events for local in event.after}))
        self.category = members[0].category_key
        self.articles = len({source.article for source in self.sources})
        self.local_ids = tuple(event.id for event in events)

    def _init_alone(self, member: _Report) -> None:
        """What _init_merged works out, for a happening one report gives (most of them): the same
        values, without the comparisons between reports, which took most of a cached build's merge.
        tests/test_events_merge.py holds the two to the same result on real articles."""
        event = member.event
        self.start, self.end = member.start, member.end
        self.value, self.granularity = event.value, event.granularity
        self.label = _render(event.label, member.label_names)
        sources = event.sources
        self.sources = sources if len(sources) == 1 else tuple(sorted(set(sources), key=_source_order))
        self.status = event.status
        self.participants = _ranked([member.participants])
        self.places = _ranked([event.places])
        self.organizations = _ranked([event.organizations])
        self.trigger = event.trigger
        self.after = tuple(sorted(set(event.after)))
        self.category = member.category_key
        self.articles = len({source.article for source in self.sources})
        self.local_ids = (event.id,)

    def order_key(self, depth: int) -> tuple:
        first = self.sources[0]
        return (self.start, depth, self.end, self.label, first.article, first.start)

    def event(self, event_id: str, after: tuple[str, ...]) -> Event:
        return Event(
            event_id, self.label, self.value, self.start, self.end, self.granularity, self.status,
            self.participants, self.places, self.organizations, self.sources, self.trigger, after,
            {"category": self.category, "articles": self.articles},
        )


def _depths(merged: list[_Merged]) -> list[int]:
    """How many events the text places before each one (0 for most): orders "then" within equal dates."""
    by_local = {local: index for index, event in enumerate(merged) for local in event.local_ids}
    depth: dict[int, int] = {}

    def depth_of(index: int, seen: frozenset[int]) -> int:
        if index in depth:
            return depth[index]
        earlier = [by_local[local] for local in merged[index].after if local in by_local]
        value = max(
            (depth_of(i, seen | {index}) + 1 for i in earlier if i not in seen and i != index), default=0
        )
        depth[index] = value
        return value

    for index, event in enumerate(merged):
        # Most events follow no other: depth 0 without a call.
        if event.after:
            depth_of(index, frozenset())
    return [depth.get(index, 0) for index in range(len(merged))]


def merge_analyses(analyses: Iterable[ArticleAnalysis]) -> list[Event]:
    """The chronology: every event once, with all its sources, ids e1.. in chronological order."""
    with without_cyclic_collection():
        return _merge(analyses)


def _reports(ordered: Sequence[ArticleAnalysis]) -> list[_Report]:
    """Every event of the analyses (in article order), its names made canonical across them."""
    canonical = _Canonical(_resolver(ordered))
    reports = []
    for analysis in ordered:
        for event in analysis.events:
            participants = canonical.participants(event.participants)
            label_names = tuple(canonical.label_name(name) for name in event.extra.get("label_names", ()))
            reports.append(_Report(event, participants, label_names))
    return reports


def _merge(analyses: Iterable[ArticleAnalysis]) -> list[Event]:
    ordered = sorted(analyses, key=lambda analysis: analysis.article_id)
    places = _Places(place for analysis in ordered for place in analysis.places)
    reports = _reports(ordered)
    merged = [_Merged(members) for members in _cluster_reports(reports, places)]
    depth = _depths(merged)
    order = sorted(range(len(merged)), key=lambda index: merged[index].order_key(depth[index]))
    width = len(str(len(merged)))
    final_ids = {}
    for position, index in enumerate(order, start=1):
        final_id = f"e{position:0{width}d}"
        for local in merged[index].local_ids:
            final_ids[local] = final_id
    result = []
    for index in order:
        happening = merged[index]
        event_id = final_ids[happening.local_ids[0]]
        after = {final_ids[local] for local in happening.after if local in final_ids} - {event_id}
        result.append(happening.event(event_id, tuple(sorted(after))))
    return result


__all__ = ["cluster_events", "merge_analyses"]
