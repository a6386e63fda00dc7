"""Event sets for the figure, TimelineJS and HTML tests (and benchmarks/render.py), and their own checks.

`seed_like_events` is shaped like the seed story: a few events years apart (2018, 2019, 2021,
2022, a loose "between 2017 and 2019") and then dozens in May–October 2025, with weeks, months,
planned, deadline and cancelled events. `synthetic_events` is a large random corpus, fixed by its
seed, for the layout and speed checks. Both are made up here; no writer knows them.
"""

from __future__ import annotations

import datetime as dt
import random

from timeline.model import Article, Event, Source
from timeline.temporal.timex import interval_of

ARTICLES = (
    Article(
        id="wire/a.txt",
        path="wire/a.txt",
        text="",
        title="Leaders may meet again",
        source="Daily Wire",
        date="2025-05-08",
        date_source="manifest",
    ),
    Article(
        id="wire/a-copy.txt",
        path="wire/a-copy.txt",
        text="",
        title="Leaders may meet again (copy)",
        source="unknown",
        date="2025-05-08",
        date_source="manifest",
        duplicate_of="wire/a.txt",
    ),
    Article(
        id="b.txt",
        path="b.txt",
        text="",
        title="Summit talk after Alaska",
        source="The Times Desk",
        date="2025-08-20",
        date_source="manifest",
    ),
    Article(
        id="c.txt",
        path="c.txt",
        text="",
        title="Leaders to meet as sanctions loom",
        source="Evening Post",
        date="2025-08-07",
        date_source="manifest",
    ),
    Article(
        id="d.txt",
        path="d.txt",
        text="",
        title="Another summit? Not so fast",
        source=None,
        date="2025-10-21",
        date_source="dateline",
    ),
)


def _sources(*pairs: tuple[str, str]) -> tuple[Source, ...]:
    """Sources from (article id, timex) pairs; the sentence quotes the timex so tests can find it."""
    return tuple(
        Source(
            article=article,
            start=10 * index,
            end=10 * index + 60,
            text=f"As reported, it happened {timex} according to officials.",
            timex=timex,
        )
        for index, (article, timex) in enumerate(pairs)
    )


def make_event(
    event_id: str,
    label: str,
    value: str,
    status: str = "happened",
    *,
    places=(),
    participants=(),
    organizations=(),
    sources=(("b.txt", "then"),),
) -> Event:
    start, end, granularity = interval_of(value)
    return Event(
        id=event_id,
        label=label,
        value=value,
        start_date=start,
        end_date=end,
        granularity=granularity,
        status=status,
        participants=tuple(participants),
        places=tuple(places),
        organizations=tuple(organizations),
        sources=_sources(*sources),
    )


def seed_like_events() -> list[Event]:
    leaders = ("Donald Trump", "Vladimir Putin")
    return [
        make_event(
            "e01",
            "Envoy serves as negotiator for the conflict",
            "2017/2019",
            participants=("Kurt Volker",),
            sources=(("wire/a.txt", "between 2017 and 2019"), ("wire/a-copy.txt", "between 2017 and 2019")),
        ),
        make_event(
            "e02",
            "Summit in Helsinki",
            "2018-07-16",
            places=("Helsinki",),
            participants=leaders,
            sources=(("wire/a.txt", "in 2018"), ("d.txt", "in 2018")),
        ),
        make_event(
            "e03",
            "Leaders meet at the G20 gathering in Osaka",
            "2019-06-28",
            places=("Osaka",),
            participants=leaders,
            sources=(("wire/a.txt", "in 2019"),),
        ),
        make_event(
            "e04",
            "Summit in Geneva",
            "2021-06-16",
            places=("Geneva",),
            participants=("Joe Biden", "Vladimir Putin"),
            sources=(("d.txt", "in June 2021"),),
        ),
        make_event(
            "e05",
            "Full-scale invasion begins",
            "2022-02-24",
            places=("Ukraine",),
            organizations=("Russian Armed Forces",),
            sources=(("c.txt", "in February 2022"),),
        ),
        make_event(
            "e06",
            "Second term begins with a promise to meet very quickly",
            "2025-01-20",
            participants=("Donald Trump",),
            places=("Washington",),
            sources=(("wire/a.txt", "in January"),),
        ),
        make_event(
            "e07",
            "Spokesman says a meeting is necessary but not yet planned",
            "2025-05-05",
            "reported",
            participants=("Dmitry Peskov",),
            places=("Moscow",),
            sources=(("wire/a.txt", "on Monday"), ("wire/a-copy.txt", "on Monday")),
        ),
        make_event(
            "e08",
            "Interview at the Kyiv Security Forum",
            "2025-05",
            participants=("Kurt Volker",),
            places=("Kyiv",),
            sources=(("wire/a.txt", "this month"),),
        ),
        make_event(
            "e09",
            "Direct talks in Istanbul",
            "2025-05-16",
            places=("Istanbul",),
            sources=(("b.txt", "in May"), ("d.txt", "in May")),
        ),
        make_event(
            "e10",
            "Prisoner exchange agreed",
            "2025-W22",
            places=("Istanbul",),
            sources=(("b.txt", "in late May"),),
        ),
        make_event(
            "e11",
            "Second round of talks in Istanbul",
            "2025-06-02",
            places=("Istanbul",),
            sources=(("b.txt", "on June 2"),),
        ),
        make_event(
            "e12",
            "Sanctions ultimatum of fifty days announced",
            "2025-07-14",
            "reported",
            participants=("Donald Trump",),
            sources=(("c.txt", "on July 14"),),
        ),
        make_event(
            "e13",
            "Ultimatum shortened to ten or twelve days",
            "2025-07-28",
            participants=("Donald Trump",),
            sources=(("c.txt", "late last month"),),
        ),
        make_event(
            "e14",
            "Third round of talks in Istanbul",
            "2025-07-23",
            places=("Istanbul",),
            sources=(("c.txt", "in July"),),
        ),
        make_event(
            "e15",
            "Envoy holds three hours of talks in Moscow",
            "2025-08-06",
            places=("Moscow",),
            participants=("Steve Witkoff", "Vladimir Putin"),
            sources=(("c.txt", "on Wednesday"), ("b.txt", "earlier this month")),
        ),
        make_event(
            "e16",
            "Higher tariffs imposed on India over Russian oil",
            "2025-08-06",
            participants=("Donald Trump",),
            places=("India",),
            sources=(("c.txt", "On Wednesday"),),
        ),
        make_event(
            "e17",
            "Kremlin says the leaders will meet in the coming days",
            "2025-08-07",
            "reported",
            organizations=("Kremlin",),
            sources=(("c.txt", "on Thursday"),),
        ),
        make_event(
            "e18",
            "Deadline for new sanctions on buyers of Russian exports",
            "2025-08-08",
            "deadline",
            participants=("Donald Trump",),
            sources=(("c.txt", "from Friday"),),
        ),
        make_event(
            "e19",
            "Trump–Putin summit in Alaska",
            "2025-08-15",
            places=("Alaska",),
            participants=leaders,
            sources=(
                ("b.txt", "last week"),
                ("c.txt", "next week"),
                ("d.txt", "two months ago"),
                ("wire/a.txt", "in August"),
            ),
        ),
        make_event(
            "e20",
            "European leaders and Zelensky at the White House",
            "2025-08-18",
            places=("Washington",),
            participants=("Donald Trump", "Volodymyr Zelensky"),
            sources=(("b.txt", "on Monday"), ("d.txt", "in August")),
        ),
        make_event(
            "e21",
            "Putin tells Trump he is open to direct talks",
            "2025-08-18",
            "reported",
            participants=leaders,
            sources=(("b.txt", "on Monday"),),
        ),
        make_event(
            "e22",
            "Trump says he will find out about Putin in a couple of weeks",
            "2025-08-19",
            "reported",
            participants=("Donald Trump",),
            sources=(("b.txt", "on Tuesday"),),
        ),
        make_event(
            "e23",
            "Foreign minister says talks must be prepared step by step",
            "2025-08-20",
            "reported",
            participants=("Sergei Lavrov",),
            sources=(("b.txt", "on Wednesday"),),
        ),
        make_event(
            "e24",
            "Putin–Zelensky meeting",
            "2025-W36",
            "planned",
            participants=("Vladimir Putin", "Volodymyr Zelensky"),
            sources=(("b.txt", "within two weeks"),),
        ),
        make_event(
            "e25",
            "Security guarantees discussed by the coalition",
            "2025-09",
            places=("Paris",),
            sources=(("d.txt", "in September"),),
        ),
        make_event(
            "e26",
            "Drone incursion into Polish airspace",
            "2025-09-10",
            places=("Poland",),
            sources=(("d.txt", "in September"),),
        ),
        make_event(
            "e27",
            "Address to the United Nations General Assembly",
            "2025-09-23",
            places=("New York",),
            participants=("Donald Trump",),
            sources=(("d.txt", "last month"),),
        ),
        make_event(
            "e28",
            "Phone call between the two presidents",
            "2025-10-16",
            participants=leaders,
            sources=(("d.txt", "last week"),),
        ),
        make_event(
            "e29",
            "Zelensky visits the White House",
            "2025-10-17",
            places=("Washington",),
            participants=("Volodymyr Zelensky", "Donald Trump"),
            sources=(("d.txt", "on Friday"),),
        ),
        make_event(
            "e30",
            "Rubio and Lavrov speak by phone",
            "2025-10-20",
            participants=("Marco Rubio", "Sergei Lavrov"),
            sources=(("d.txt", "on Monday"),),
        ),
        make_event(
            "e31",
            "Lavrov press conference in Moscow",
            "2025-10-21",
            "reported",
            places=("Moscow",),
            participants=("Sergei Lavrov",),
            sources=(("d.txt", "Tuesday"),),
        ),
        make_event(
            "e32",
            "Foreign ministers to meet in Budapest",
            "2025-W43",
            "cancelled",
            places=("Budapest",),
            participants=("Marco Rubio", "Sergei Lavrov"),
            sources=(("d.txt", "this week"),),
        ),
        make_event(
            "e33",
            "Second Trump–Putin summit in Budapest",
            "2025-Q4",
            "planned",
            places=("Budapest", "Hungary"),
            participants=leaders,
            sources=(("d.txt", "in the coming weeks"), ("b.txt", "later this year")),
        ),
        make_event(
            "e34",
            "Ceasefire talks, some time after the summit",
            "FUTURE_REF",
            "planned",
            sources=(("d.txt", "eventually"),),
        ),
    ]


WORDS = (
    "talks",
    "summit",
    "sanctions",
    "ceasefire",
    "envoy",
    "minister",
    "visit",
    "deal",
    "exchange",
    "strike",
    "vote",
    "parliament",
    "border",
    "treaty",
    "aid",
    "package",
    "meeting",
    "election",
    "statement",
    "delegation",
    "agreement",
    "report",
    "inquiry",
    "protest",
)
PLACES = ("Vienna", "Geneva", "Berlin", "Paris", "Warsaw", "Riga", "Ankara", "Doha", "Cairo", "Oslo")
PEOPLE = ("A. Novak", "B. Ruiz", "C. Okafor", "D. Lindqvist", "E. Tanaka", "F. Haddad")


def synthetic_events(count: int, seed: int = 7) -> list[Event]:
    """`count` events over 2016–2025, most of them crowded into 2024–2025, with every precision and status."""
    rng = random.Random(seed)
    articles = [article.id for article in ARTICLES]
    events = []
    for index in range(count):
        if rng.random() < 0.15:
            day = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        else:
            day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(600))
        roll = rng.random()
        if roll < 0.55:
            value = day.isoformat()
        elif roll < 0.7:
            value = f"{day.isocalendar()[0]}-W{day.isocalendar()[1]:02d}"
        elif roll < 0.85:
            value = f"{day.year}-{day.month:02d}"
        elif roll < 0.92:
            value = str(day.year)
        else:
            value = f"{day.year}/{day.year + rng.randrange(1, 4)}"
        words = rng.sample(WORDS, rng.randrange(2, 9))
        label = " ".join(words).capitalize()
        status = rng.choice(
            ("happened", "happened", "happened", "reported", "planned", "deadline", "cancelled")
        )
        sources = tuple((rng.choice(articles), "then") for _ in range(rng.randrange(1, 5)))
        events.append(
            make_event(
                f"s{index:03d}",
                label,
                value,
                status,
                places=(rng.choice(PLACES),),
                participants=tuple(rng.sample(PEOPLE, rng.randrange(0, 3))),
                sources=sources,
            )
        )
    return events


def test_seed_like_events_span_the_story_years_and_crowd_into_2025():
    events = seed_like_events()
    years = sorted({event.start_date.year for event in events if event.start_date})
    assert years == [2017, 2018, 2019, 2021, 2022, 2025]
    crowded = [event for event in events if event.start_date and dt.date(2025, 5, 1) <= event.start_date]
    assert len(crowded) == 27
    assert {event.status for event in events} == {"happened", "reported", "planned", "deadline", "cancelled"}


def test_synthetic_events_are_fixed_by_their_seed():
    first, second = synthetic_events(200), synthetic_events(200)
    assert [event.to_dict() for event in first] == [event.to_dict() for event in second]
    assert len(first) == 200
    assert {event.granularity for event in first} == {"day", "week", "month", "year", "interval"}
