"""Events of one article from hand-built date expressions: the tagger's output is the unit boundary."""

import datetime as dt

from timeline.events import analyse_article
from timeline.events.analysis import analyse_sentences
from timeline.events.entities import find_mentions
from timeline.events.extraction import date_relative_clauses, extract_events
from timeline.events.sentences import split_sentences
from timeline.events.triggers import find_triggers
from timeline.model import Article, TimeExpr
from timeline.temporal.timex import interval_of


def _analysed(text: str, date: str):
    """The analysis of one article of TEXT dated DATE."""
    return analyse_article(Article("a.txt", "a.txt", text, date=date, date_source="cli"))


def _expression(
    text: str, phrase: str, value: str, kind: str = "DATE", anchor: str | None = None
) -> TimeExpr:
    start = text.index(phrase)
    first, last, granularity = interval_of(value)
    return TimeExpr(start, start + len(phrase), phrase, kind, value, first, last, granularity, anchor=anchor)


def _events(text: str, expressions: list[TimeExpr], reference: dt.date):
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences).mentions
    return extract_events("a.txt", text, sentences, expressions, mentions, [(0, len(text), reference)])


def _summary(events):
    return [
        (
            e.id,
            e.value,
            e.status,
            e.label,
            e.extra["label_names"],
            e.participants,
            e.places,
            e.trigger,
            e.after,
        )
        for e in events
    ]


def test_two_dates_and_two_happenings_give_two_events_with_their_own_people():
    text = (
        "After a phone call with Vladimir Putin on Thursday, Donald Trump announced progress. "
        "A day later, Trump hosted Volodymyr Zelensky at the White House."
    )
    events = _events(
        text,
        [
            _expression(text, "Thursday", "2025-10-16"),
            _expression(text, "A day later", "2025-10-17"),
        ],
        dt.date(2025, 10, 21),
    )
    assert _summary(events) == [
        (
            "a.txt#0",
            "2025-10-16",
            "happened",
            "{0}–{1} phone call",
            ("Vladimir Putin", "Donald Trump"),
            ("Vladimir Putin", "Donald Trump"),
            (),
            "call",
            (),
        ),
        (
            "a.txt#1",
            "2025-10-17",
            "happened",
            "{0} hosts {1} at White House",
            ("Donald Trump", "Volodymyr Zelensky"),
            ("Donald Trump", "Volodymyr Zelensky"),
            (),
            "host",
            (),
        ),
    ]
    assert events[1].organizations == ("White House",)
    assert events[0].sources[0].text == text[: text.index(" A day")]
    assert events[0].sources[0].timex == "Thursday"


def test_a_reporting_verb_dates_the_statement_which_is_an_event_of_its_own():
    text = (
        "Kremlin spokesman Dmitry Peskov said on Monday that Putin and Trump will meet in Budapest next week."
    )
    events = _events(
        text,
        [
            _expression(text, "Monday", "2025-10-20"),
            _expression(text, "next week", "2025-W44"),
        ],
        dt.date(2025, 10, 21),
    )
    assert [(e.value, e.status, e.label, e.participants, e.places) for e in events] == [
        ("2025-10-20", "reported", "{0}: {1}–{2} meeting in Budapest", ("Dmitry Peskov",), ()),
        ("2025-W44", "planned", "{0}–{1} meeting in Budapest", ("?Putin", "?Trump"), ("Budapest",)),
    ]
    assert events[0].extra["label_names"] == ("Dmitry Peskov", "?Putin", "?Trump")


def test_and_then_gives_the_second_happening_the_same_loose_date_and_a_later_place_in_order():
    text = (
        "Maria Keller and Sergei Volkov had their last meetings between 2019 and 2021, "
        "in Oslo and then at a summit in Lisbon."
    )
    events = _events(text, [_expression(text, "between 2019 and 2021", "2019/2021")], dt.date(2024, 3, 14))
    assert _summary(events) == [
        (
            "a.txt#0",
            "2019/2021",
            "happened",
            "{0}–{1} meeting in Oslo",
            ("Maria Keller", "Sergei Volkov"),
            ("Maria Keller", "Sergei Volkov"),
            ("Oslo",),
            "meeting",
            (),
        ),
        (
            "a.txt#1",
            "2019/2021",
            "happened",
            "{0}–{1} summit in Lisbon",
            ("Maria Keller", "Sergei Volkov"),
            ("Maria Keller", "Sergei Volkov"),
            ("Lisbon",),
            "summit",
            ("a.txt#0",),
        ),
    ]
    assert events[0].start_date == dt.date(2019, 1, 1) and events[0].end_date == dt.date(2021, 12, 31)


def test_status_planned_deadline_and_cancelled_by_a_later_sentence():
    text = (
        "Rubio spoke on Monday with Lavrov to plan for them to meet as early as this week in Budapest. "
        "But that meeting is now in question. "
        "Trump gave Russia until Friday, his deadline for a deal."
    )
    events = _events(
        text,
        [
            _expression(text, "Monday", "2025-10-20"),
            _expression(text, "this week", "2025-W43"),
            _expression(text, "Friday", "2025-10-24"),
        ],
        dt.date(2025, 10, 21),
    )
    assert [(e.value, e.status, e.trigger, e.places) for e in events] == [
        ("2025-10-20", "happened", "speak", ()),
        ("2025-W43", "uncertain", "meet", ("Budapest",)),
        ("2025-10-24", "deadline", "give", ()),
    ]


def test_a_future_date_makes_a_plan_unless_the_verb_says_it_happened():
    text = "Keller will visit Madrid on Friday. The drills began near Vladivostok on Sunday."
    events = _events(
        text,
        [
            _expression(text, "Friday", "2024-03-15"),
            _expression(text, "Sunday", "2024-03-17"),
        ],
        dt.date(2024, 3, 14),
    )
    assert [(e.status, e.label, e.places) for e in events] == [
        ("planned", "Keller visits Madrid", ("Madrid",)),
        ("happened", "Drills begin near Vladivostok", ("Vladivostok",)),
    ]


def test_a_day_after_dates_the_clause_that_follows_it_a_day_before_the_last_named_day():
    text = (
        "Vladimir Putin will meet Donald Trump, the Kremlin said on Thursday. "
        "The announcement came a day after envoy Steve Witkoff held talks with Putin in Moscow."
    )
    thursday = _expression(text, "Thursday", "2025-08-07")
    a_day = _expression(text, "a day", "P1D", kind="DURATION")
    expressions, forward_only = date_relative_clauses(text, [a_day, thursday])
    assert [(e.text, e.value) for e in expressions] == [("Thursday", "2025-08-07"), ("a day", "2025-08-06")]
    assert forward_only == {a_day.start}
    events = _events(text, [thursday, a_day], dt.date(2025, 8, 7))
    talks = [e for e in events if e.trigger == "talks"]
    assert [(e.value, e.label, e.participants, e.places) for e in talks] == [
        ("2025-08-06", "{0}–{1} talks in Moscow", ("Steve Witkoff", "Vladimir Putin"), ("Moscow",)),
    ]


def _triggers(text: str, lead: bool = False):
    [analysis] = analyse_sentences(text, [(0, len(text))])
    return find_triggers(text, analysis, lead)


def test_event_words_come_with_their_class_and_call_needs_to_be_a_noun():
    text = "Officials call for calm after a phone call and the summit; they met and said so."
    assert [(t.text, t.category, t.pos) for t in _triggers(text)] == [
        ("call for", "statement", "verb"),
        ("phone call", "call", "noun"),
        ("summit", "meeting", "noun"),
        ("met", "meeting", "tverb"),
        ("said", "statement", "verb"),
    ]


def test_a_statement_is_labelled_by_what_it_reports_a_quotation_or_its_that_clause():
    text = (
        "Vladimir Putin and Donald Trump will meet in the coming days, the Kremlin said on Thursday. "
        'Peskov said on Friday: "Such a meeting is clearly on the radar." '
        "JD Vance admitted this week that the talks to end the war are nowhere near expectations."
    )
    events = _events(
        text,
        [
            _expression(text, "Thursday", "2025-08-07"),
            _expression(text, "Friday", "2025-08-08"),
            _expression(text, "this week", "2025-W32"),
        ],
        dt.date(2025, 8, 8),
    )
    assert [(e.label, e.extra["label_names"], e.organizations) for e in events] == [
        ("Kremlin: {0}–{1} meeting", ("Vladimir Putin", "Donald Trump"), ("Kremlin",)),
        ("{0}: 'Such a meeting is clearly on the radar'", ("Peskov",), ()),
        ("{0}: talks to end the war", ("JD Vance",), ()),
    ]


def test_one_article_through_the_real_tagger_titles_datelines_coordinated_verbs_and_that_clauses():
    text = (
        "ATLANTA (Reuters) - State Senator Jane Doe announced on Tuesday that she will run for governor.\n"
        "Doe met with party leaders in Atlanta last week, her campaign said.\n"
        "Meanwhile, a tornado struck Macon on Sunday, killing three people, officials said.\n"
        "Governor Brian Kemp declared a state of emergency on Monday and will visit Macon on Friday.\n"
    )
    analysis = _analysed(text, "2026-03-12")
    assert [(e.value, e.status, e.label, e.participants, e.places) for e in analysis.events] == [
        ("2026-03-10", "happened", "{0} announces she will run for governor", ("Jane Doe",), ()),
        ("2026-W10", "happened", "{0} meets with party leaders in Atlanta", ("Jane Doe",), ("Atlanta",)),
        ("2026-03-08", "happened", "Tornado strikes Macon", (), ("Macon",)),
        ("2026-03-09", "happened", "{0} declares state of emergency", ("Brian Kemp",), ()),
        ("2026-03-13", "planned", "{0} visits Macon", ("Brian Kemp",), ("Macon",)),
    ]
    assert analysis.people == ("Brian Kemp", "Jane Doe")


def test_a_count_after_a_noun_phrase_opening_a_sentence_is_not_read_as_a_day_before():
    text = "Voters went to the polls on Sunday. Three days after the vote, protests began."
    sunday = _expression(text, "Sunday", "2026-03-08")
    three_days = _expression(text, "Three days", "P3D", kind="DURATION")
    expressions, forward_only = date_relative_clauses(text, [sunday, three_days])
    assert [(e.text, e.value) for e in expressions] == [("Sunday", "2026-03-08")]
    assert forward_only == set()


def test_a_plan_cue_after_the_event_and_its_date_belongs_to_another_verb():
    text = "The drills began near Vladivostok on Sunday and are set to last three days."
    events = _events(text, [_expression(text, "Sunday", "2025-07-13")], dt.date(2025, 7, 14))
    assert [(e.status, e.trigger) for e in events] == [("happened", "begin")]


def test_a_call_with_unnamed_parties_says_who_they_are():
    text = "Donald Trump held a call with European leaders on Wednesday."
    events = _events(text, [_expression(text, "Wednesday", "2025-08-06")], dt.date(2025, 8, 7))
    assert [(e.label, e.participants) for e in events] == [
        ("{0} call with European leaders", ("Donald Trump",))
    ]


def test_an_analysis_comes_back_whole_from_a_pickle_and_two_share_their_repeated_strings():
    import pickle

    first = analyse_article(Article(
        "a.txt", "a.txt", "Governor Brian Kemp declared a state of emergency on Monday in Macon.",
        date="2026-03-12", date_source="cli"))
    second = analyse_article(Article(
        "b.txt", "b.txt", "Governor Brian Kemp declared a state of emergency on Monday.",
        date="2026-03-12", date_source="cli"))
    loaded_first, loaded_second = (pickle.loads(pickle.dumps(a)) for a in (first, second))
    assert loaded_first == first and loaded_second == second
    assert loaded_first.events[0].extra == {
        "category": "announcement", "nominal": False, "label_names": ("Brian Kemp",), "timex_start": 53
    }
    assert loaded_first.events[0].sources[0].article is loaded_first.article_id
    assert loaded_first.people[0] is loaded_second.people[0]  # "Brian Kemp", held once
    assert loaded_first.events[0].value is loaded_second.events[0].value  # "2026-03-09"


def test_a_happening_the_text_doubts_is_uncertain_not_cancelled():
    text = (
        "The two ministers could meet as soon as next week in Oslo. "
        "Officials said the vote may be postponed until Friday. "
        "The ceremony on Sunday was called off."
    )
    events = _events(
        text,
        [
            _expression(text, "next week", "2031-W12"),
            _expression(text, "Friday", "2031-03-14"),
            _expression(text, "Sunday", "2031-03-09"),
        ],
        dt.date(2031, 3, 11),
    )
    assert [(e.value, e.status) for e in events if e.extra["category"] != "statement"] == [
        ("2031-W12", "uncertain"),
        ("2031-03-14", "uncertain"),
        ("2031-03-09", "cancelled"),
    ]


def test_a_possessive_date_dates_the_noun_it_opens_not_the_clause():
    text = (
        "Yesterday, at this year's trade fair in Hanover, the carmaker unveiled an electric van. "
        "Analysts said Friday's recall had hurt sales."
    )
    analysis = _analysed(text, "2024-04-18")
    # "this year's" dated the van before: it dates the fair, and "Yesterday" the unveiling
    assert [(e.value, e.trigger) for e in analysis.events] == [
        ("2024-04-17", "unveil"),
        ("2024-04-12", "recall"),
    ]


def test_a_pledge_of_something_is_a_happening_dated_like_one():
    # "pledge" and "promise" commit to something: not statements, whose date must stand beside the verb
    text = "The European Union pledged 20 million euros in aid on Tuesday."
    analysis = _analysed(text, "2031-03-06")
    assert [(e.value, e.label, e.extra["category"]) for e in analysis.events] == [
        ("2031-03-04", "European Union pledges 20 million euros in aid", "pledge"),
    ]


def test_an_article_opening_the_sentence_is_no_modifier_of_the_event_noun():
    text = "A meeting between Mayor Ana Lindqvist and Governor Paul Brandt has not yet been planned, " \
        "spokesman Erik Holm said on Monday."
    analysis = _analysed(text, "2031-05-06")
    assert [(e.value, e.label) for e in analysis.events] == [("2031-05-05", "{0}: {1}–{2} meeting")]


def test_a_meeting_only_wanted_is_labelled_by_the_wish_not_by_its_parties():
    text = "Mayor Ana Lindqvist wants to meet Governor Paul Brandt before the vote."
    analysis = _analysed(text, "2031-05-06")
    assert [(e.value, e.label, e.status) for e in analysis.events] == [
        ("2031-05-06", "{0} wants to meet Governor {1}", "reported"),
    ]


def test_a_date_bounding_a_superlative_or_a_duration_dates_nothing():
    text = (
        "Shares of the brewer fell on Tuesday as bond yields climbed to their highest level since 2007. "
        "The index dropped 2.1%, its biggest one-day decline since March. "
        "The founder has been fighting cancer since 2004. "
        "On Friday the jurors deliberated for two days before reaching the verdict."
    )
    analysis = _analysed(text, "2031-10-09")
    # no 2007, no March: nothing happened then; "for two days before" is how long, not two days
    # before Friday; "since 2004" still dates the fight
    assert [e.value for e in analysis.events] == ["2031-10-07", "2031-10-07", "2004", "2031-10-03"]


def test_a_dated_statement_and_the_present_perfect_it_reports_are_one_event_of_the_statement_day():
    text = "The disaster agency said on Wednesday that the death toll from the flood has risen to 63."
    analysis = _analysed(text, "2031-03-06")
    # not two events with one label: "Agency: death toll rises" on Wednesday and the rise on the 6th
    assert [(e.value, e.label, e.status) for e in analysis.events] == [
        ("2031-03-05", "Death toll rises to 63", "reported"),
    ]


def test_a_date_ending_one_conjunct_dates_its_verb_not_the_next_one():
    text = "The central bank raised interest rates by a quarter point last month and signalled more."
    analysis = _analysed(text, "2031-10-09")
    assert [(e.value, e.trigger) for e in analysis.events] == [("2031-09", "raise")]
