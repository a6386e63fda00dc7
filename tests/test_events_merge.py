"""Cross-article merge: date intersection, entity and trigger compatibility, order independence."""

import csv
import dataclasses
import datetime as dt
import itertools
from pathlib import Path

from timeline.events import ArticleAnalysis, analyse_article
from timeline.events.merge import _Merged, _reports, cluster_events, merge_analyses, predicate_key
from timeline.model import Article, Event, Source
from timeline.temporal.timex import interval_of


def _event(
    article: str,
    index: int,
    value: str,
    trigger: str,
    category: str,
    people=(),
    places=(),
    label: str = "{0}–{1} meeting",
    status: str = "happened",
    after=(),
    text: str | None = None,
) -> Event:
    first, last, granularity = interval_of(value)
    return Event(
        id=f"{article}#{index}",
        label=label,
        value=value,
        start_date=first,
        end_date=last,
        granularity=granularity,
        status=status,
        participants=tuple(people),
        places=tuple(places),
        sources=(
            Source(article, 10 * index, 10 * index + 9, text or f"sentence {index} of {article}", value),
        ),
        trigger=trigger,
        after=tuple(after),
        extra={"category": category, "label_names": tuple(people), "timex_start": 10 * index},
    )


def _analysis(article: str, *events: Event, people=()) -> ArticleAnalysis:
    names = {name for event in events for name in event.participants} | set(people)
    return ArticleAnalysis(article, tuple(events), tuple(sorted(names)))


def test_last_week_and_two_months_ago_intersect_to_the_week_in_one_event():
    first = _analysis(
        "a.txt",
        _event("a.txt", 0, "2025-W33", "meeting", "meeting", ["Donald Trump", "Vladimir Putin"], ["Alaska"]),
    )
    second = _analysis(
        "b.txt",
        _event("b.txt", 0, "2025-08", "meet", "meeting", ["Vladimir Putin", "Donald Trump"], ["Anchorage"]),
    )
    [event] = merge_analyses([second, first])
    assert (event.id, event.value, event.granularity) == ("e1", "2025-W33", "week")
    assert (event.start_date, event.end_date) == (dt.date(2025, 8, 11), dt.date(2025, 8, 17))
    assert event.label == "Trump–Putin meeting"
    assert [source.article for source in event.sources] == ["a.txt", "b.txt"]
    assert event.places == ("Alaska", "Anchorage")
    assert event.extra == {"category": "meeting", "articles": 2}


def test_an_intersection_no_report_gives_becomes_a_day_or_an_interval():
    day = merge_analyses(
        [
            _analysis(
                "a.txt", _event("a.txt", 0, "2025-W33", "talks", "meeting", ["Steve Witkoff"], ["Moscow"])
            ),
            _analysis(
                "b.txt", _event("b.txt", 0, "2025-08-17/2025-08-20", "talks", "meeting", ["Steve Witkoff"])
            ),
        ]
    )
    assert [(e.value, e.granularity) for e in day] == [("2025-08-17", "day")]
    span = merge_analyses(
        [
            _analysis("a.txt", _event("a.txt", 0, "2025-W33", "talks", "meeting", ["Steve Witkoff"])),
            _analysis(
                "b.txt", _event("b.txt", 0, "2025-08-14/2025-08-30", "talks", "meeting", ["Steve Witkoff"])
            ),
        ]
    )
    assert [(e.value, e.granularity) for e in span] == [("2025-08-14/2025-08-17", "interval")]


def test_disjoint_dates_other_places_other_classes_and_statements_stay_apart():
    people = ["Donald Trump", "Vladimir Putin"]
    events = merge_analyses(
        [
            _analysis(
                "a.txt",
                _event("a.txt", 0, "2025-08-15", "summit", "meeting", people, ["Alaska"]),
                _event(
                    "a.txt",
                    1,
                    "2025-08-15",
                    "said",
                    "statement",
                    ["Donald Trump"],
                    label="{0}: x",
                    status="reported",
                    text="Trump said something about tariffs",
                ),
            ),
            _analysis(
                "b.txt",
                _event("b.txt", 0, "2025-08-16", "summit", "meeting", people, ["Alaska"]),
                _event("b.txt", 1, "2025-08-15", "summit", "meeting", people, ["Budapest"]),
                _event("b.txt", 2, "2025-08-15", "call", "call", people),
                _event(
                    "b.txt",
                    3,
                    "2025-08-15",
                    "said",
                    "statement",
                    ["Donald Trump"],
                    label="{0}: x",
                    status="reported",
                    text="Trump said something else entirely",
                ),
            ),
        ]
    )
    assert len(events) == 6


def test_events_the_text_orders_are_never_merged_and_keep_their_order():
    people = ["Donald Trump", "Vladimir Putin"]
    events = merge_analyses(
        [
            _analysis(
                "a.txt",
                _event(
                    "a.txt",
                    0,
                    "2017/2019",
                    "meetings",
                    "meeting",
                    people,
                    ["Helsinki"],
                    label="{0}–{1} meeting",
                ),
                _event(
                    "a.txt",
                    1,
                    "2017/2019",
                    "gathering",
                    "meeting",
                    people,
                    ["Osaka"],
                    label="{0}–{1} gathering",
                    after=["a.txt#0"],
                ),
            )
        ]
    )
    assert [(e.id, e.label, e.places, e.after) for e in events] == [
        ("e1", "Trump–Putin meeting", ("Helsinki",), ()),
        ("e2", "Trump–Putin gathering", ("Osaka",), ("e1",)),
    ]


def test_lone_and_variant_names_are_made_canonical_before_merging():
    first = _analysis(
        "a.txt",
        _event("a.txt", 0, "2025-08-06", "talks", "meeting", ["Steve Witkoff", "?Poutine"], ["Moscow"]),
    )
    second = _analysis(
        "b.txt", _event("b.txt", 0, "2025-08-06", "met", "meeting", ["Vladimir Putin", "Witkoff", "?Nobody"])
    )
    [event] = merge_analyses([first, second])
    assert event.participants == ("Steve Witkoff", "Vladimir Putin")


def test_the_result_does_not_depend_on_the_order_analyses_arrive_in():
    analyses = [
        _analysis("a.txt", _event("a.txt", 0, "2025-W33", "summit", "meeting", ["Donald Trump"], ["Alaska"])),
        _analysis("b.txt", _event("b.txt", 0, "2025-08", "met", "meeting", ["Donald Trump"], ["Alaska"])),
        _analysis("c.txt", _event("c.txt", 0, "2025-08-15", "summit", "meeting", ["Donald Trump"])),
        _analysis("d.txt", _event("d.txt", 0, "2025", "summit", "meeting", ["Donald Trump"], ["Anchorage"])),
    ]
    results = {
        tuple(e.to_dict().__repr__() for e in merge_analyses(order))
        for order in itertools.permutations(analyses)
    }
    assert len(results) == 1
    [event] = merge_analyses(analyses)
    assert (event.value, len(event.sources)) == ("2025-08-15", 4)


def test_blocking_finds_the_same_groups_as_comparing_every_pair():
    events = [
        _event(
            f"{n:02d}.txt",
            0,
            f"2025-08-{1 + n % 20:02d}",
            "summit",
            "meeting",
            [f"Person {n % 3}"],
            ["Alaska" if n % 2 else "Anchorage"],
        )
        for n in range(40)
    ]
    groups = sorted(sorted(e.id for e in group) for group in cluster_events(events))
    by_key = {}
    for event in events:
        by_key.setdefault((event.start_date, event.participants), []).append(event.id)
    assert groups == sorted(sorted(ids) for ids in by_key.values())


def test_one_statement_reported_twice_merges_and_two_statements_do_not():
    said = "Trump said on Friday that the summit with Putin went very well and sanctions would wait."
    also_said = "On Friday Trump said the summit with Putin went very well, and that sanctions would wait."
    other = "Trump said on Friday that tariffs on steel would rise next month."

    def statement(article: str, index: int, text: str) -> Event:
        return _event(
            article,
            index,
            "2025-08-15",
            "said",
            "statement",
            ["Donald Trump"],
            label="{0}: x",
            status="reported",
            text=text,
        )

    events = merge_analyses(
        [
            _analysis("a.txt", statement("a.txt", 0, said), statement("a.txt", 1, other)),
            _analysis("b.txt", statement("b.txt", 0, also_said)),
        ]
    )
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_what_contains_a_place_comes_from_the_analyses_when_they_give_it():
    # Two places no gazetteer knows: the analyses say that one holds the other.
    inside = _event("a.txt", 0, "2025-08-15", "summit", "meeting", ["Ann Lee"], ["Upper Vale"])
    outside = _event("b.txt", 0, "2025-08-15", "met", "meeting", ["Ann Lee"], ["Valeland"])
    table = (("Upper Vale", ("Valeland", "Europe"), ("Valeland",)), ("Valeland", ("Europe",), ()))
    [event] = merge_analyses([
        ArticleAnalysis("a.txt", (inside,), ("Ann Lee",), places=table[:1]),
        ArticleAnalysis("b.txt", (outside,), ("Ann Lee",), places=table[1:]),
    ])
    assert (event.places, len(event.sources)) == (("Upper Vale", "Valeland"), 2)
    apart = merge_analyses([
        ArticleAnalysis("a.txt", (inside,), ("Ann Lee",)), ArticleAnalysis("b.txt", (outside,), ("Ann Lee",))
    ])
    assert len(apart) == 2


def test_a_happening_one_report_gives_is_built_as_the_general_merge_builds_it():
    # The merge builds most happenings (one report each) by a shortcut; on real articles, and on a
    # report with several sources, places and events before it, it must give what the general
    # path, which compares reports, gives for a single one.
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    with (seeds / "manifest.csv").open(encoding="utf-8") as manifest:
        dates = {row["path"]: row["date"] for row in csv.DictReader(manifest)}
    analyses = [
        analyse_article(
            Article(name, name, (seeds / name).read_text(encoding="utf-8"), date=date, date_source="manifest")
        )
        for name, date in sorted(dates.items())
    ]
    crowded = _event(
        "z.txt", 3, "2025-08-15", "summit", "meeting", ["Vladimir Putin", "Donald Trump"],
        ["Anchorage", "Alaska", "Anchorage"], after=("z.txt#2", "z.txt#0", "z.txt#2"),
    )
    crowded = dataclasses.replace(
        crowded,
        sources=(
            crowded.sources[0],
            Source("y.txt", 5, 9, "an earlier report", "2025-08-15"),
            crowded.sources[0],
        ),
        organizations=("NATO", "EU", "NATO"),
    )
    analyses.append(_analysis("z.txt", crowded))
    reports = _reports(analyses)
    assert len(reports) >= 50
    for report in reports:
        alone, general = _Merged.__new__(_Merged), _Merged.__new__(_Merged)
        alone._init_alone(report)
        general._init_merged([report])
        assert {slot: getattr(alone, slot) for slot in _Merged.__slots__} == {
            slot: getattr(general, slot) for slot in _Merged.__slots__
        }, report.event.id


def _told(article: str, value: str, trigger: str, category: str, text: str, **names) -> ArticleAnalysis:
    """An article with one event of TEXT, dated VALUE, naming only the NAMES given."""
    event = _event(article, 0, value, trigger, category, names.get("people", ()), names.get("places", ()),
                   label=text.split(",")[0], text=text)
    event = dataclasses.replace(event, organizations=tuple(names.get("organizations", ())))
    return _analysis(article, event)


def _collapse(article: str, value: str, text: str, **names) -> ArticleAnalysis:
    return _told(article, value, "collapse", "accident", text, **names)


def _sources(events: list[Event]) -> list[tuple[str, ...]]:
    return sorted(tuple(source.article for source in event.sources) for event in events)


def test_one_happening_two_articles_tell_with_no_name_in_common_merges():
    collapse = [
        _collapse("a.txt", "2022-11",
                  "The exchange collapsed in November of last year, wiping out its customers' savings."),
        _collapse("b.txt", "2022-11",
                  "The collapse of FTX in November 2022 left a million customers without their savings.",
                  organizations=["FTX"]),
    ]
    verdict = [
        _told("c.txt", "2023-11-02", "verdict", "lawsuit",
              "A jury in Manhattan found the founder of the crypto exchange guilty of fraud on Thursday.",
              places=["Manhattan"]),
        _told("d.txt", "2023-11-02", "verdict", "lawsuit",
              "On Thursday the jury delivered its verdict: the crypto founder was guilty of all seven fraud "
              "charges.", people=["Sam Bankman-Fried"]),
    ]
    fire = [
        _told("e.txt", "2023-08-08", "fire", "accident",
              "A wildfire that started on 8 August destroyed most of the historic town.", places=["Lahaina"]),
        _told("f.txt", "2023-08", "blaze", "accident",
              "The fire, which tore through the historic town in August, destroyed over 2,000 buildings."),
    ]
    events = merge_analyses([*collapse, *verdict, *fire])
    assert _sources(events) == [("a.txt", "b.txt"), ("c.txt", "d.txt"), ("e.txt", "f.txt")]
    assert [(e.value, e.granularity, e.extra["articles"]) for e in events] == [
        ("2022-11", "month", 2), ("2023-08-08", "day", 2), ("2023-11-02", "day", 2)
    ]
    assert [(e.participants, e.places, e.organizations) for e in events] == [
        ((), (), ("FTX",)), ((), ("Lahaina",), ()), (("Sam Bankman-Fried",), ("Manhattan",), ())
    ]


def test_a_month_and_a_day_within_it_merge_to_the_day_with_its_label():
    events = merge_analyses([
        _collapse("a.txt", "2022-11",
                  "The crypto exchange collapsed in November, wiping out the savings of its customers."),
        _told("b.txt", "2022-11-11", "collapsed", "accident",
              "The crypto exchange collapsed on 11 November and its customers lost their savings."),
    ])
    assert [(e.value, e.granularity, e.start_date, e.end_date, e.label, len(e.sources)) for e in events] == [
        ("2022-11-11", "day", dt.date(2022, 11, 11), dt.date(2022, 11, 11),
         "The crypto exchange collapsed on 11 November and its customers lost their savings.", 2)
    ]


def test_happenings_of_one_day_stay_apart_when_predicates_places_actors_or_words_differ():
    day = "2024-03-05"
    fire = "A fire destroyed a warehouse near the port on Tuesday, and firefighters fought it for hours."
    events = merge_analyses([
        # one verb, one day, conflicting places
        _told("a.txt", day, "fire", "accident", fire, places=["Lyon"]),
        _told("b.txt", day, "fire", "accident", fire, places=["Leeds"]),
        # the same words, another predicate
        _told("c.txt", day, "arrest", "arrest",
              "Police arrested a man after a fire destroyed a warehouse near the port on Tuesday."),
        # one predicate, one day, two companies named
        _told("d.txt", day, "sue", "lawsuit", "The carmaker sued its former supplier on Tuesday over unpaid "
              "invoices.", organizations=["Acme Motors"]),
        _told("e.txt", day, "sue", "lawsuit", "The carmaker sued its former supplier on Tuesday over unpaid "
              "invoices.", organizations=["Globex"]),
        # one common verb, one day, nothing else in common
        _told("f.txt", day, "rise", "market", "Shares of the airline rose 5% on Tuesday on strong bookings."),
        _told("g.txt", day, "rise", "market", "Unemployment in the eurozone rose to 6.5% in February, data "
              "showed on Tuesday."),
    ])
    assert _sources(events) == [(name,) for name in ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt",
                                                     "g.txt")]


def test_words_alone_never_merge_two_reports_of_one_article_or_loose_dates():
    text = "The exchange collapsed, wiping out the savings of its customers."
    one_article = _analysis(
        "a.txt",
        _event("a.txt", 0, "2022-11", "collapse", "accident", text=text),
        _event("a.txt", 1, "2022-11", "collapse", "accident", text=text),
    )
    loose = [
        _told("b.txt", "2022", "collapse", "accident", text),
        _told("c.txt", "2022", "collapse", "accident", text),
    ]
    assert len(merge_analyses([one_article])) == 2
    assert len(merge_analyses(loose)) == 2


def test_nominal_and_verbal_forms_of_a_predicate_share_its_key():
    forms = ["collapse", "collapsed", "sentencing", "sentenced", "resignation", "resigned", "meeting", "met",
             "elections", "elected", "verdicts", "press conference"]
    assert [predicate_key(form) for form in forms] == [
        "collapse", "collapse", "sentence", "sentence", "resign", "resign", "meet", "meet", "elect", "elect",
        "verdict", "press conference",
    ]


def test_a_merge_by_words_does_not_depend_on_the_order_articles_arrive_in():
    analyses = [
        _collapse("a.txt", "2022-11", "The exchange collapsed in November, wiping out customers' savings."),
        _collapse("b.txt", "2022-11-11", "The exchange collapsed on 11 November; customers lost savings.",
                  organizations=["FTX"]),
        _collapse("c.txt", "2022-11", "Customers lost their savings when the exchange collapsed.",
                  people=["Sam Bankman-Fried"]),
    ]
    results = {
        tuple(repr(e.to_dict()) for e in merge_analyses(order)) for order in itertools.permutations(analyses)
    }
    assert len(results) == 1
    [event] = merge_analyses(analyses)
    assert (event.value, [s.article for s in event.sources]) == ("2022-11-11", ["a.txt", "b.txt", "c.txt"])


def test_what_a_happening_does_is_a_report_of_that_happening():
    # "the fire killed two workers" tells of the fire, which another article names as it began
    fire_kills = analyse_article(Article(
        "a.txt", "a.txt", "A fire swept through a paper mill in Lowell on Sunday, killing two workers.",
        date="2031-05-12", date_source="cli",
    ))  # fmt: skip
    fire_began = analyse_article(Article(
        "b.txt", "b.txt", "Investigators said the fire in Lowell on Sunday began in a storage room.",
        date="2031-05-13", date_source="cli",
    ))  # fmt: skip
    assert [e.extra["subject_happening"] for e in fire_kills.events + fire_began.events] == [
        ("accident", "fire"), ("accident", "fire"),
    ]  # fmt: skip
    merged = merge_analyses([fire_kills, fire_began])
    assert [(e.value, sorted({s.article for s in e.sources})) for e in merged] == [
        ("2031-05-11", ["a.txt", "b.txt"]),
    ]


def test_two_clauses_of_one_verb_in_one_article_are_two_happenings():
    text = (
        "Nintendo chief Shuntaro Furukawa announced a new console on Tuesday. "
        "Furukawa also announced a price cut for the handheld."
    )
    analysis = analyse_article(Article("a.txt", "a.txt", text, date="2024-05-08", date_source="cli"))
    assert [(e.value, e.label, len(e.sources)) for e in merge_analyses([analysis])] == [
        ("2024-05-07", "Furukawa announces new console", 1),
        ("2024-05-07", "Furukawa announces price cut for handheld", 1),
    ]


def test_one_article_retells_a_happening_with_a_verb_only_in_the_same_words():
    def told(index: int, label: str, nominal: bool) -> Event:
        event = _event("a.txt", index, "2005-06-06", "give", "give", ["Steve Jobs"], label=label)
        return dataclasses.replace(event, extra={**event.extra, "nominal": nominal})

    headline = told(0, "{0} gives opening keynote", False)
    headline_and_lead = _analysis("a.txt", headline, told(1, "{0} gives annual opening keynote", False))
    assert [len(e.sources) for e in merge_analyses([headline_and_lead])] == [2]
    two_gifts = _analysis(
        "a.txt", told(0, "{0} gives opening keynote", False), told(1, "{0} gives award to engineers", False)
    )
    assert [len(e.sources) for e in merge_analyses([two_gifts])] == [1, 1]
    # a noun names the happening again, whatever words come with it ("the keynote")
    renamed = _analysis("a.txt", told(0, "{0} gives opening keynote", False), told(1, "Keynote", True))
    assert [len(e.sources) for e in merge_analyses([renamed])] == [2]
