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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from timeline.events import ArticleAnalysis
from timeline.events.entities import NameResolver, surname, unresolved_name
from timeline.events.gazetteer import contains, gazetteer
from timeline.events.triggers import STATEMENT
from timeline.model import Event
from timeline.temporal.timex import interval_of, value_of_day, value_of_month, value_of_week

DAY_BUCKET_DAYS = 10
SHORT_EVENT_DAYS = 62
# Share of the longer words two reports of one statement have in common (Jaccard).
SAME_STATEMENT_OVERLAP = 0.5
LOOSE_EVENT_DAYS = 3700  # about ten years: looser events are kept apart
_STATUS_RANK = {"happened": 0, "cancelled": 1, "deadline": 2, "planned": 3, "reported": 4}
_SLOT = re.compile(r"\{(\d+)\}")
_LOOSE_DASH = re.compile(r"(^|\s)–+|–+(?=\s|$)")
_DASHES = re.compile(r"–{2,}")


@dataclass
class _Cluster:
    index: int
    members: list[Event] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    category: str = ""
    people: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    ordered_with: set[str] = field(default_factory=set)  # local ids this cluster must stay apart from

    def add(self, event: Event) -> None:
        self.members.append(event)
        self.start = event.start_date if self.start is None else max(self.start, event.start_date)
        self.end = event.end_date if self.end is None else min(self.end, event.end_date)
        self.category = event.extra.get("category", "")
        self.people.update(event.participants)
        self.places.update(event.places)
        self.ordered_with.update(event.after)
        self.ordered_with.add(event.id)


def _resolver(analyses: Sequence[ArticleAnalysis]) -> NameResolver:
    return NameResolver(
        (name for analysis in analyses for name in analysis.people),
        [role for analysis in analyses for role in analysis.roles],
    )


def _canonical_people(event: Event, resolver: NameResolver) -> Event:
    canonical = []
    for name in event.participants:
        bare = unresolved_name(name)
        resolved = resolver.canonical(bare or name)
        if resolved is None and not bare:
            resolved = name  # a titled lone name ("President Trump") nobody in the corpus spells out
        if resolved and resolved not in canonical:
            canonical.append(resolved)
    label_names = tuple(_label_name(name, resolver) for name in event.extra.get("label_names", ()))
    return replace(event, participants=tuple(canonical), extra={**event.extra, "label_names": label_names})


def _places_agree(left: set[str], right: set[str]) -> bool:
    if not left or not right:
        return True
    return any(contains(outer, inner) or contains(inner, outer) for outer in left for inner in right)


def _same_statement(cluster: _Cluster, event: Event) -> bool:
    """One statement in two reports: same speaker, same day, and mostly the same words."""
    first = cluster.members[0]
    speakers = set(event.participants) | set(event.organizations)
    if not speakers or speakers != set(first.participants) | set(first.organizations):
        return False
    if (first.start_date, first.end_date) != (
        event.start_date,
        event.end_date,
    ) or first.start_date != first.end_date:
        return False
    left, right = _content_words(first.sources[0].text), _content_words(event.sources[0].text)
    return bool(left and right) and len(left & right) / len(left | right) >= SAME_STATEMENT_OVERLAP


def _content_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]{4,}", text.lower())}


def _compatible(cluster: _Cluster, event: Event) -> bool:
    if event.extra.get("category") != cluster.category:
        return False
    if cluster.category == STATEMENT:
        return _same_statement(cluster, event)
    if cluster.ordered_with & ({event.id} | set(event.after)):
        return False
    if max(cluster.start, event.start_date) > min(cluster.end, event.end_date):
        return False
    people = set(event.participants)
    shared = len(cluster.people & people)
    if people and cluster.people and shared < min(2, len(people), len(cluster.people)):
        return False
    if not _places_agree(cluster.places, set(event.places)):
        return False
    # Something beyond the date and the word must tie them: a person, or a place on both sides.
    return shared > 0 or bool(cluster.places and event.places)


def _keys(event: Event) -> list[str]:
    keys = [f"person:{name}" for name in event.participants]
    keys.extend(f"organization:{name}" for name in event.organizations)
    for name in event.places:
        keys.append(f"place:{name}")
        place = gazetteer().place(name)
        if place is not None:
            # Index a place under what contains it too ("Anchorage" finds "Alaska"), but not under
            # a continent, which would put half the world in one block.
            keys.extend(
                f"place:{outer}"
                for outer in place.within
                if gazetteer().place(outer) and gazetteer().place(outer).kind != "continent"
            )
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


def _span(event: Event) -> int:
    return (event.end_date - event.start_date).days + 1


def _filing_buckets(event: Event) -> Iterable[int]:
    """Where a cluster is filed for an event: by day, month or year, as precise as the event is."""
    days = _span(event)
    if days <= DAY_BUCKET_DAYS:
        return _days(event.start_date, event.end_date)
    if days <= SHORT_EVENT_DAYS:
        return _months(event.start_date, event.end_date)
    if days <= LOOSE_EVENT_DAYS:
        return _years(event.start_date, event.end_date)
    return ()


def _looking_buckets(event: Event) -> list[int]:
    """Where the partners of an event dated within two months may be filed: every level it overlaps."""
    return [
        *_days(event.start_date, event.end_date),
        *_months(event.start_date, event.end_date),
        *_years(event.start_date, event.end_date),
    ]


def _order_key(event: Event) -> tuple:
    """Precise reports first, so that a loose one ("two months ago") joins the happening they fix."""
    source = event.sources[0]
    return (_span(event), event.start_date, source.article, source.start, event.extra.get("timex_start", 0))


def _affinity(cluster: _Cluster, event: Event) -> tuple[int, int, int]:
    """How well an event fits a cluster it is compatible with: places named on both sides, people shared."""
    places = int(bool(cluster.places and event.places))
    return (-places, -len(cluster.people & set(event.participants)), cluster.index)


def cluster_events(events: Sequence[Event]) -> list[list[Event]]:
    """Groups of events that report one happening; each event in exactly one group.

    Clusters are filed under (person or place, class, date bucket). An event dated within about
    two months looks in the day, month and year buckets it overlaps; a looser one (a year, "between
    2017 and 2019") in a second index that files every cluster by year, since it may join any of them.
    """
    clusters: list[_Cluster] = []
    fine: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    by_year: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for event in sorted(events, key=_order_key):
        keys = _keys(event)
        category = event.extra.get("category", "")
        if _span(event) <= SHORT_EVENT_DAYS:
            lookups = [
                fine.get((key, category, bucket), ()) for key in keys for bucket in _looking_buckets(event)
            ]
        elif _span(event) > LOOSE_EVENT_DAYS:
            lookups = []
        else:
            lookups = [
                by_year.get((key, category, bucket), ())
                for key in keys
                for bucket in _years(event.start_date, event.end_date)
            ]
        candidates = {index for found in lookups for index in found}
        compatible = [clusters[index] for index in candidates if _compatible(clusters[index], event)]
        target = min(compatible, key=lambda cluster: _affinity(cluster, event), default=None)
        if target is None:
            target = _Cluster(len(clusters))
            clusters.append(target)
        target.add(event)
        for key in keys:
            for bucket in _filing_buckets(event):
                _file(fine[(key, category, bucket)], target.index)
            for bucket in _years(event.start_date, event.end_date):
                _file(by_year[(key, category, bucket)], target.index)
    return [cluster.members for cluster in clusters]


def _file(cluster_indices: list[int], index: int) -> None:
    if not cluster_indices or cluster_indices[-1] != index:
        cluster_indices.append(index)


def _intersection_value(members: list[Event], start: dt.date, end: dt.date) -> tuple[str, str]:
    """The TIMEX3 value and granularity of the days every report allows."""
    exact = [m for m in members if m.start_date == start and m.end_date == end]
    if exact:
        best = min(exact, key=lambda m: (len(m.value), m.value))
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

    rendered = _SLOT.sub(slot, label)
    rendered = _DASHES.sub("–", _LOOSE_DASH.sub(r"\1", rendered))
    rendered = " ".join(rendered.split()).strip(" –:")
    return rendered[:1].upper() + rendered[1:]


def _merged_status(members: list[Event]) -> str:
    statuses = {m.status for m in members}
    return min(statuses, key=lambda status: _STATUS_RANK.get(status, 9))


def _ranked(values: Iterable[Iterable[str]]) -> tuple[str, ...]:
    """Names in order of how many reports give them, then of first appearance."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for group in values:
        for name in group:
            counts[name] += 1
            first_seen.setdefault(name, len(first_seen))
    return tuple(sorted(counts, key=lambda name: (-counts[name], first_seen[name])))


def _merge_cluster(members: list[Event]) -> Event:
    members = sorted(
        members, key=lambda m: (m.sources[0].article, m.sources[0].start, m.extra.get("timex_start", 0))
    )
    start = max(m.start_date for m in members)
    end = min(m.end_date for m in members)
    value, granularity = _intersection_value(members, start, end)
    # The label of the most precise report: the one whose date is the merged date.
    precise = [m for m in members if (m.start_date, m.end_date) == (start, end)] or members
    labels = Counter(_render(m.label, m.extra.get("label_names", ())) for m in precise)
    label = min(labels, key=lambda text: (-labels[text], -text.count(" in "), -text.count("–"), text))
    unique_sources = {source for member in members for source in member.sources}
    sources = sorted(
        unique_sources, key=lambda source: (source.article, source.start, source.end, source.timex)
    )
    lemmas = Counter(m.trigger for m in members)
    return Event(
        id="",
        label=label,
        value=value,
        start_date=start,
        end_date=end,
        granularity=granularity,
        status=_merged_status(members),
        participants=_ranked(m.participants for m in members),
        places=_ranked(m.places for m in members),
        organizations=_ranked(m.organizations for m in members),
        sources=tuple(sources),
        trigger=min(lemmas, key=lambda lemma: (-lemmas[lemma], lemma)),
        after=tuple(sorted({local for m in members for local in m.after})),
        extra={
            "category": members[0].extra.get("category", ""),
            "articles": len({source.article for source in sources}),
            "local_ids": tuple(m.id for m in members),
        },
    )


def _depths(events: list[Event]) -> dict[int, int]:
    """How many events the text places before each one (0 for most): orders "then" within equal dates."""
    by_local = {local: index for index, event in enumerate(events) for local in event.extra["local_ids"]}
    depth: dict[int, int] = {}

    def depth_of(index: int, seen: frozenset[int]) -> int:
        if index in depth:
            return depth[index]
        earlier = [by_local[local] for local in events[index].after if local in by_local]
        value = max(
            (depth_of(i, seen | {index}) + 1 for i in earlier if i not in seen and i != index), default=0
        )
        depth[index] = value
        return value

    for index in range(len(events)):
        depth_of(index, frozenset())
    return depth


def merge_analyses(analyses: Iterable[ArticleAnalysis]) -> list[Event]:
    """The chronology: every event once, with all its sources, ids e1.. in chronological order."""
    ordered = sorted(analyses, key=lambda analysis: analysis.article_id)
    resolver = _resolver(ordered)
    events = [_canonical_people(event, resolver) for analysis in ordered for event in analysis.events]
    merged = [_merge_cluster(members) for members in cluster_events(events)]
    depth = _depths(merged)
    order = sorted(
        range(len(merged)),
        key=lambda i: (
            merged[i].start_date,
            depth[i],
            merged[i].end_date,
            merged[i].label,
            merged[i].sources[0].article,
            merged[i].sources[0].start,
        ),
    )
    width = len(str(len(merged)))
    final_ids = {}
    for position, index in enumerate(order, start=1):
        for local in merged[index].extra["local_ids"]:
            final_ids[local] = f"e{position:0{width}d}"
    result = []
    for index in order:
        event = merged[index]
        event_id = final_ids[event.extra["local_ids"][0]]
        after = tuple(sorted({final_ids[local] for local in event.after if local in final_ids} - {event_id}))
        extra = {"category": event.extra["category"], "articles": event.extra["articles"]}
        result.append(replace(event, id=event_id, after=after, extra=extra))
    return result


__all__ = ["cluster_events", "merge_analyses"]
