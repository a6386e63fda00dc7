"""One chronology from many articles: names made canonical, reports of one happening merged.

Two reports are one event when their dates can both be true (their day intervals intersect), their
predicates agree (one class: a "summit", "talks" and "met" are all a meeting; or one verb: "the
collapse" and "collapsed", "the sentencing" and "was sentenced"), no party conflicts (two who both
name people share them: two of them where both name two; places equal, or one inside the other:
"Anchorage" is in "Alaska") and something ties them:
- a person they share, or a place on both sides; or
- for reports of two articles dated within two months and naming no organisations that conflict,
  the words of their sentences: a weighted Jaccard of their content lemmas (each weighing its
  inverse sentence frequency in the corpus) of at least SAME_HAPPENING_OVERLAP. "The exchange
  collapsed in November of last year" and "the collapse of FTX in November 2022" name nobody in
  common, yet tell one happening.
The merged date is the intersection: "last week" in an article of 2025-08-20 (2025-W33) and "two
months ago" in one of 2025-10-21 (2025-08) give 2025-W33. Statements merge only when the same
speaker said mostly the same words on the same day.

Candidates are found through indexes keyed by (person, organisation, place or predicate; class; day,
month or year), so no stage compares all pairs; reports are visited from the most precise to the
loosest. Articles are visited in id order, so the result does not depend on the order they arrived in.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from functools import cache, lru_cache

from lemminflect import getAllLemmas

from timeline.duplicates import function_words
from timeline.events import ArticleAnalysis
from timeline.events.entities import NameResolver, surname, unresolved_name
from timeline.events.resources import data_lines
from timeline.events.triggers import STATEMENT
from timeline.gc_pause import without_cyclic_collection
from timeline.linguistics.event_words import DEVERBAL_SUFFIXES
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
_CLAUSE_WORD = re.compile(r"[^\W\d_][\w’'-]+")
# Two reports of one happening that name nobody in common: the least weighted share of the content
# lemmas of their sentences (predicate included). Two sentences telling one happening share its
# predicate and a word or two of its arguments ("exchange", "customers") among the eight to twelve
# content words each has: a Jaccard of 0.15 to 0.3; two happenings told with one verb on one day
# share the verb alone (under 0.1 when it is common, as its weight is low) and the words of a
# common topic, which weigh little in a corpus about that topic.
SAME_HAPPENING_OVERLAP = 0.15
# The share of their headlines' words two verb clauses of one article have in common when they
# tell one happening (a headline and its lead: "Jobs gives opening keynote", "Jobs gives annual
# opening keynote"); below it, they are two ("Jobs announces QuickTime 7 ...", "Jobs announces
# Macintosh computers ...").
SAME_RETELLING_OVERLAP = 0.5
# A word's weight is log((sentences + PRIOR_SENTENCES) / (sentences with it + 1)): as if the corpus
# held that many more sentences without it, so that in a handful of articles, too few to tell
# common from rare words, every word weighs about the same.
PRIOR_SENTENCES = 100
# A predicate block holds every report of a class on a day: the partners of a report are looked
# for among the last ones filed there, which bounds the cost on a day when thousands of reports
# use one verb.
PREDICATE_CANDIDATES = 64
# The reports of a cluster a new one is compared with, word for word (the first, most precise ones).
MEMBERS_COMPARED = 4


class _Report:
    """One event as the merge sees it: canonical names, dates and class worked out once.

    An archive's reports are all held at once, so a report keeps no sets of its own: its
    participants are unique already, and sets are made only for the clusters."""

    __slots__ = (
        "event", "participants", "label_names", "category", "category_key", "predicate", "predicates",
        "start", "end", "span", "_content", "words", "nominal",
    )

    def __init__(self, event: Event, participants: tuple[str, ...], label_names: tuple[str, ...]) -> None:
        self.event = event
        self.participants = participants  # each name once
        self.label_names = label_names
        self.category = event.extra.get("category")
        self.category_key = event.extra.get("category", "")
        self.nominal = bool(event.extra.get("nominal", True))  # told by a noun ("the summit")
        self.predicate = predicate_key(event.trigger)
        self.predicates = _predicate_blocks(self.category, self.predicate)
        subject = event.extra.get("subject_happening")
        if subject is not None:
            # "the earthquake killed 41": a report of the earthquake too
            self.predicates += _predicate_blocks(subject[0], predicate_key(subject[1]))
        self.start = event.start_date
        self.end = event.end_date
        self.span = (self.end - self.start).days + 1
        self._content: set[str] | None = None
        self.words: frozenset[str] = frozenset()  # content lemmas of its sentence (see _ClauseWords)

    @property
    def article(self) -> str:
        return self.event.sources[0].article

    @property
    def told_by_words(self) -> bool:
        """Whether the words of its sentence may tie it to another article's report: a happening
        (not a statement) dated within two months."""
        return self.span <= SHORT_EVENT_DAYS and self.category != STATEMENT and bool(self.predicates)

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

    __slots__ = (
        "index", "members", "start", "end", "category", "predicates", "people", "places", "organizations",
        "articles", "ordered_with",
    )

    def __init__(self, index: int, first: _Report) -> None:
        self.index = index
        self.members = [first]
        self.start = first.start
        self.end = first.end
        self.category = first.category_key
        self.predicates = first.predicates
        self.people: tuple[str, ...] | set[str] = first.participants
        self.places: tuple[str, ...] | set[str] = first.places
        self.organizations: tuple[str, ...] | set[str] = first.event.organizations
        self.articles: tuple[str, ...] | set[str] = (first.article,)
        # local ids this cluster must stay apart from
        self.ordered_with: tuple[str, ...] | set[str] = first.order_ids

    def add(self, report: _Report) -> None:
        if len(self.members) == 1:
            self.people, self.places, self.organizations, self.articles, self.ordered_with = (
                set(self.people), set(self.places), set(self.organizations), set(self.articles),
                set(self.ordered_with),
            )
        self.members.append(report)
        self.start = max(self.start, report.start)
        self.end = min(self.end, report.end)
        self.people.update(report.participants)
        self.places.update(report.places)
        self.organizations.update(report.event.organizations)
        self.articles.add(report.article)
        self.ordered_with.update(report.order_ids)


@lru_cache(maxsize=1 << 16)
def predicate_key(word: str) -> str:
    """The verb a word of a predicate names, so that one report's noun agrees with another's verb:
    "collapse", "collapsed" -> "collapse"; "meeting", "met" -> "meet"; "resignation" -> "resign";
    a noun no verb of lemminflect's dictionary makes keeps its singular ("verdicts" -> "verdict")."""
    lower = word.lower()
    if " " in lower:
        return lower
    lemmas = getAllLemmas(lower)
    if "VERB" in lemmas:
        return lemmas["VERB"][0]
    noun = lemmas["NOUN"][0] if "NOUN" in lemmas else lower
    for suffix, endings in DEVERBAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            stem = noun[: -len(suffix)]
            for ending in endings:
                verbs = getAllLemmas(stem + ending).get("VERB")
                if verbs:
                    return verbs[0]
    return noun


def _predicate_blocks(category: str | None, predicate: str) -> tuple[str, ...]:
    """The keys a report agrees on: its class, and its predicate_key. An event with neither
    agrees with none (not even another without them)."""
    keys = [f"class:{category}"] if category else []
    if predicate:
        keys.append(f"predicate:{predicate}")
    return tuple(keys)


@cache
def _ignored_words() -> frozenset[str]:
    return function_words() | frozenset(data_lines("merge_ignored_words.txt"))


class _ClauseWords:
    """The content lemmas of each report's sentence, and what each weighs in the corpus.

    A lemma's weight is its inverse sentence frequency (see PRIOR_SENTENCES), counted once per
    sentence however many events it holds. The words are made for every report, as the counts
    need them all (of the reports told_by_words); each word of the corpus is lemmatised once."""

    def __init__(self, reports: Sequence[_Report]) -> None:
        self._lemma_of: dict[str, str | None] = {}
        counts: dict[str, int] = {}
        by_sentence: dict[tuple[str, int, int], frozenset[str]] = {}
        for report in reports:
            if not report.told_by_words:
                continue
            source = report.event.sources[0]
            key = (source.article, source.start, source.end)
            words = by_sentence.get(key)
            if words is None:
                words = by_sentence[key] = self._words(source.text, source.timex)
                for word in words:
                    counts[word] = counts.get(word, 0) + 1
            report.words = words if not report.predicate or report.predicate in words else words | {
                report.predicate
            }
        sentences = len(by_sentence) + PRIOR_SENTENCES
        self._weights = {word: math.log(sentences / (count + 1)) for word, count in counts.items()}
        self._unseen = math.log(sentences)  # a predicate no sentence spells as a word
        self._totals: dict[frozenset[str], float] = {}

    def _lemma(self, word: str) -> str | None:
        bare = word.removesuffix("'s").removesuffix("’s").rstrip("'’")
        lemma = None if bare in _ignored_words() or len(bare) < 3 else predicate_key(bare)
        self._lemma_of[word] = lemma
        return lemma

    def _words(self, text: str, timex: str) -> frozenset[str]:
        """The content lemmas of a sentence, the date expression that dated it left out."""
        if timex:
            text = text.replace(timex, " ", 1)
        lemma_of = self._lemma_of
        lemmas = set()
        for word in _CLAUSE_WORD.findall(text.lower()):
            lemma = lemma_of[word] if word in lemma_of else self._lemma(word)
            if lemma:
                lemmas.add(lemma)
        return frozenset(lemmas)

    def overlap(self, left: frozenset[str], right: frozenset[str]) -> float:
        """The weighted Jaccard of two sets of lemmas: the weight they share over the weight of both."""
        shared = left & right
        if not shared:
            return 0.0
        weights, unseen = self._weights, self._unseen
        # fsum: one sum whatever order a set of strings iterates in (their hashes vary between runs)
        common = math.fsum(weights.get(word, unseen) for word in shared)
        together = self._total(left) + self._total(right) - common
        return common / together if together > 0 else 0.0

    def _total(self, words: frozenset[str]) -> float:
        total = self._totals.get(words)
        if total is None:
            weights, unseen = self._weights, self._unseen
            total = self._totals[words] = math.fsum(weights.get(word, unseen) for word in words)
        return total


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


def _retold_by_verb(cluster: _Cluster, report: _Report) -> bool:
    """Whether an article would tell one happening twice with a verb. It names a happening again
    with a noun ("Jobs unveiled the phone on Monday. ... At the unveiling, ...") or, in its headline
    and lead, with the same words; two clauses of one verb in two of its sentences that say
    different things ("Jobs announced a new iPod. ... He also announced a phone.") are two
    happenings, however alike their parties and day."""
    if report.nominal or report.article not in cluster.articles:
        return False
    sentence = report.event.sources[0].start
    words = _content_words(report.event.label)
    for member in cluster.members:
        if member.nominal or member.article != report.article or member.event.sources[0].start == sentence:
            continue
        theirs = _content_words(member.event.label)
        if len(words & theirs) < SAME_RETELLING_OVERLAP * len(words | theirs):
            return True
    return False


def _content_words(text: str) -> set[str]:
    return set(_CONTENT_WORD.findall(text.lower()))


def _fit(cluster: _Cluster, report: _Report, places: _Places, words: _ClauseWords) -> tuple | None:
    """None if REPORT cannot tell CLUSTER's happening; else how well it fits (lowest first):
    places named on both sides, people shared, the overlap of their words, the older cluster."""
    if STATEMENT in (report.category, cluster.category):
        if report.category == cluster.category and _same_statement(cluster, report):
            return (0, 0, 0.0, cluster.index)
        return None
    if not any(key in cluster.predicates for key in report.predicates):
        return None
    if any(local in cluster.ordered_with for local in report.order_ids):
        return None
    if _retold_by_verb(cluster, report):
        return None
    if max(cluster.start, report.start) > min(cluster.end, report.end):
        return None
    people = report.participants
    shared = _shared_people(cluster, report)
    if people and cluster.people and shared < min(2, len(people), len(cluster.people)):
        return None
    if not places.agree(cluster.places, report.places):
        return None
    both_placed = bool(cluster.places and report.places)
    # Something beyond the date and the predicate must tie them: a person, a place on both sides,
    if shared > 0 or both_placed:
        return (-int(both_placed), -shared, 0.0, cluster.index)
    # or, for a happening of another article, the words its sentence shares with one of the cluster's.
    overlap = _words_overlap(cluster, report, words)
    return None if overlap < SAME_HAPPENING_OVERLAP else (0, 0, -overlap, cluster.index)


def _words_overlap(cluster: _Cluster, report: _Report, words: _ClauseWords) -> float:
    """How much REPORT's sentence shares with the nearest of CLUSTER's (0 if it cannot be told by words:
    a report of an article the cluster has, a date looser than two months, organisations that conflict)."""
    if not report.told_by_words or (cluster.end - cluster.start).days >= SHORT_EVENT_DAYS:
        return 0.0
    if report.article in cluster.articles:
        return 0.0
    organizations = report.event.organizations
    if organizations and cluster.organizations and not any(
        name in cluster.organizations for name in organizations
    ):
        return 0.0
    return max(words.overlap(member.words, report.words) for member in cluster.members[:MEMBERS_COMPARED])


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


# Index: (key, class) -> date bucket -> indices of the clusters filed there, in filing order.
_Index = dict[tuple[str, str], dict[int, list[int]]]


def _candidates(
    index: _Index, blocks: list[tuple[str, str]], buckets: Iterable[int], last: int | None = None
) -> set[int]:
    """The clusters filed under any of BLOCKS in any of BUCKETS (the LAST filed in each, if given)."""
    found: set[int] = set()
    buckets = list(buckets)
    for block in blocks:
        filed = index.get(block)
        if filed:
            for bucket in buckets:
                clusters = filed.get(bucket)
                if clusters:
                    found.update(clusters if last is None else clusters[-last:])
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
    words = _ClauseWords(reports)
    clusters: list[_Cluster] = []
    fine: _Index = {}
    by_year: _Index = {}
    by_predicate: _Index = {}
    for report in sorted(reports, key=_Report.order_key):
        names = places.keys(report.participants, report.event)
        blocks = [(name, predicate) for name in names for predicate in report.predicates]
        # Reports dated within two months may be told by their words alone: filed by predicate too.
        predicate_blocks = [("", key) for key in report.predicates] if report.told_by_words else []
        if report.span <= SHORT_EVENT_DAYS:
            looking = _looking_buckets(report)
            candidates = _candidates(fine, blocks, looking)
            candidates.update(_candidates(by_predicate, predicate_blocks, looking, PREDICATE_CANDIDATES))
        elif report.span > LOOSE_EVENT_DAYS:
            candidates = set()
        else:
            candidates = _candidates(by_year, blocks, _years(report.start, report.end))
        fits = (_fit(clusters[index], report, places, words) for index in candidates)
        best = min((fit for fit in fits if fit is not None), default=None)  # its last item: the cluster
        if best is None:
            target = _Cluster(len(clusters), report)
            clusters.append(target)
        else:
            target = clusters[best[-1]]
            target.add(report)
        _file(fine, blocks, _filing_buckets(report), target.index)
        _file(by_predicate, predicate_blocks, _filing_buckets(report), target.index)
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
