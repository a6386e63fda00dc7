"""Which words are happenings (the linguistic analysis, not a word list), how a happening no
expression dates is dated, and its status from its verb group. Sentences written for these tests."""

import datetime as dt

from timeline.events.analysis import analyse_sentences
from timeline.events.entities import find_mentions
from timeline.events.extraction import extract_events
from timeline.events.sentences import split_sentences
from timeline.events.triggers import find_triggers
from timeline.model import TimeExpr
from timeline.temporal.timex import interval_of


def _expression(text: str, phrase: str, value: str) -> TimeExpr:
    start = text.index(phrase)
    first, last, granularity = interval_of(value)
    return TimeExpr(start, start + len(phrase), phrase, "DATE", value, first, last, granularity)


def _events(text: str, dates: dict[str, str], published: dt.date) -> list[tuple]:
    """(value, status, trigger lemma, class, first words of the source sentence) of each event."""
    sentences = split_sentences(text)
    mentions = find_mentions(text, sentences).mentions
    expressions = [_expression(text, phrase, value) for phrase, value in dates.items()]
    events = extract_events("a.txt", text, sentences, expressions, mentions, [(0, len(text), published)])
    return [
        (e.value, e.status, e.trigger, e.extra["category"], " ".join(e.sources[0].text.split()[:3]))
        for e in events
    ]


def _triggers(text: str, lead: bool = False) -> list[tuple[str, str, str, str]]:
    [analysis] = analyse_sentences(text, [(0, len(text))])
    return [(t.text, t.lemma, t.category, t.pos) for t in find_triggers(text, analysis, lead)]


def test_a_verb_no_list_names_is_an_event_of_its_own_class():
    text = "Shares of the carmaker plunged 5% on Tuesday. The regulator fined the lender on Monday."
    events = _events(text, {"Tuesday": "2024-05-07", "Monday": "2024-05-06"}, dt.date(2024, 5, 8))
    assert events == [
        ("2024-05-07", "happened", "plunge", "plunge", "Shares of the"),
        ("2024-05-06", "happened", "fine", "fine", "The regulator fined"),
    ]


def test_an_event_noun_names_the_happening_its_verb_only_places_in_time():
    text = "After a three-week trial in Leeds, the verdict came on Friday."
    assert _events(text, {"Friday": "2024-05-10"}, dt.date(2024, 5, 13)) == [
        ("2024-05-10", "happened", "come", "lawsuit", "After a three-week"),
    ]
    # the object of a verb that only carries it out: the talks are the event, not the holding
    assert _triggers("Envoys from both sides held talks in Geneva.") == [
        ("talks", "talks", "meeting", "noun")
    ]
    assert _triggers("Police made an arrest and the court delivered its verdict.") == [
        ("arrest", "arrest", "arrest", "noun"),
        ("verdict", "verdict", "lawsuit", "noun"),
    ]


def test_a_nominalisation_takes_the_class_of_its_verb_and_a_gerund_after_a_determiner_is_a_noun():
    assert _triggers("The conviction of the banker surprised nobody.")[0] == (
        "conviction", "conviction", "lawsuit", "noun",
    )  # fmt: skip
    assert _triggers("Delegates left the G20 gathering early.") == [
        ("left", "leave", "leave", "verb"),
        ("gathering", "gathering", "meeting", "noun"),
    ]


def test_what_did_not_happen_is_no_event():
    text = "There was no summit on Monday, and the leaders did not meet on Tuesday."
    assert _events(text, {"Monday": "2024-05-13", "Tuesday": "2024-05-14"}, dt.date(2024, 5, 15)) == []


def test_the_lead_without_a_date_is_dated_by_the_article_and_reported():
    text = (
        "The mayor of Tarvick resigned after a vote of no confidence in the council. "
        "Her deputy will lead the town until an election."
    )
    assert _events(text, {}, dt.date(2024, 5, 13)) == [
        ("2024-05-13", "reported", "resign", "resignation", "The mayor of"),
    ]


def test_a_headline_present_main_verb_is_the_lead_event():
    assert _triggers("Brightwater Foods wins a contract to supply the army with rations.", lead=True)[0] == (
        "wins", "win", "win", "verb",
    )  # fmt: skip
    text = "The council says it will rebuild the bridge over the river."
    # the saying is what happened on the day; the rebuilding is only to come
    assert _events(text, {}, dt.date(2024, 5, 13)) == [
        ("2024-05-13", "reported", "say", "statement", "The council says"),
    ]


def test_the_present_perfect_reports_the_article_day_and_an_undated_simple_past_is_background():
    text = (
        "Harbour authorities closed the port on Sunday after a storm. Waves damaged two piers. "
        "There are four piers in the port. Ferries carry tourists to the islands. "
        "Its founder built the first quay. The ferry company has cancelled all crossings."
    )
    assert _events(text, {"Sunday": "2024-05-12"}, dt.date(2024, 5, 13)) == [
        ("2024-05-12", "happened", "close", "close", "Harbour authorities closed"),
        # the simple past right after a dated occasion goes on telling it
        ("2024-05-12", "happened", "damage", "damage", "Waves damaged two"),
        # "Its founder built ..." comes after two sentences in the present and tells of someone
        # the occasion did not involve: background, no date
        ("2024-05-13", "reported", "cancel", "cancellation", "The ferry company"),
    ]


def test_a_narrative_goes_on_past_sentences_in_the_present_with_its_own_actors():
    text = (
        "Mayor Ana Ruiz opened the new bridge on Tuesday. The bridge has four lanes. "
        "Thousands of cyclists use the old crossing every day. Ruiz cut a ribbon at the east end."
    )
    assert _events(text, {"Tuesday": "2024-05-07"}, dt.date(2024, 5, 8)) == [
        ("2024-05-07", "happened", "open", "open", "Mayor Ana Ruiz"),
        ("2024-05-07", "happened", "cut", "cut", "Ruiz cut a"),
    ]


def test_a_relative_clause_is_background_and_not_the_narrative():
    text = (
        "Police arrested two dock workers on Saturday. "
        "The men, who worked at the port for a decade, were released on bail."
    )
    assert _events(text, {"Saturday": "2024-05-04"}, dt.date(2024, 5, 8)) == [
        ("2024-05-04", "happened", "arrest", "arrest", "Police arrested two"),
        ("2024-05-04", "happened", "release", "release", "The men, who"),
    ]


def test_a_flashback_ends_the_narrative_until_the_story_comes_back_to_the_present():
    resigned = "Lena Park resigned as chief executive of Orbis on Monday. "
    flashback = "She founded the firm in 2009 and led it through two recessions. "
    thanked = "Park thanked the staff in a farewell letter."
    dates = {"Monday": "2024-05-06", "2009": "2009"}
    told = [
        ("2024-05-06", "happened", "resign", "resignation", "Lena Park resigned"),
        ("2009", "happened", "found", "found", "She founded the"),
    ]
    # right after the flashback, a past tense may still tell of 2009: no date
    assert _events(resigned + flashback + thanked, dates, dt.date(2024, 5, 8)) == told
    # a sentence in the present brings the story back to its occasion
    back = "The board has not named a successor. "
    assert _events(resigned + flashback + back + thanked, dates, dt.date(2024, 5, 8)) == [
        *told, ("2024-05-06", "happened", "thank", "thank", "Park thanked the")
    ]


def test_a_narrative_told_from_a_time_of_day_is_dated_by_its_day():
    text = "The regulator fined the bank this morning. Shares of the lender fell 4%."
    assert _events(text, {"this morning": "2024-05-08TMO"}, dt.date(2024, 5, 8)) == [
        ("2024-05-08TMO", "happened", "fine", "fine", "The regulator fined"),
        ("2024-05-08", "happened", "fall", "fall", "Shares of the"),
    ]


def test_a_when_clause_after_a_date_shares_it():
    text = "The dam was built between 1950 and 1954, when engineers diverted the river."
    events = _events(text, {"between 1950 and 1954": "1950/1954"}, dt.date(2024, 5, 13))
    assert [(value, trigger) for value, _, trigger, _, _ in events] == [
        ("1950/1954", "build"),
        ("1950/1954", "divert"),
    ]


def test_status_from_the_verb_group():
    text = (
        "The two ministers could meet in Oslo next week. "
        "The ministers will sign the accord in June. "
        "The ministers would visit Bergen in July, an aide said."
    )
    dates = {"next week": "2024-W21", "in June": "2024-06", "in July": "2024-07"}
    assert [
        (value, status, trigger)
        for value, status, trigger, _, _ in _events(text, dates, dt.date(2024, 5, 13))
    ] == [
        ("2024-W21", "uncertain", "meet"),
        ("2024-06", "planned", "sign"),
        ("2024-07", "planned", "visit"),
    ]
    # the doubt reaches a noun through its clause: "the summit could take place"
    text = "The summit could take place in Vienna in June."
    assert [status for _, status, _, _, _ in _events(text, {"in June": "2024-06"}, dt.date(2024, 5, 13))] == [
        "uncertain"
    ]


def test_what_a_verb_of_intention_governs_is_planned_and_a_wanting_lead_is_no_event():
    text = "The unions agreed to strike on Friday, and the airline hopes to resume flights on Monday."
    dates = {"Friday": "2024-05-17", "Monday": "2024-05-20"}
    assert [
        (value, status, trigger)
        for value, status, trigger, _, _ in _events(text, dates, dt.date(2024, 5, 13))
    ] == [
        ("2024-05-17", "planned", "strike"),
        ("2024-05-20", "planned", "resume"),
    ]
    assert _triggers("The minister wants to meet the strikers, but do they want to meet him?", lead=True) == [
        ("meet", "meet", "meeting", "tverb"),
        ("meet", "meet", "meeting", "tverb"),
    ]


def test_questioning_is_a_saying_not_a_happening_at_the_place_questioned():
    text = "The minister questioned on Monday how the envoy would fly to Vienna."
    assert _triggers(text)[0] == ("questioned", "question", "statement", "verb")


def test_a_gerund_after_a_date_is_a_complement_and_the_date_is_its_clause_verbs():
    text = (
        "A court in Valmont sentenced former mayor Pierre Duval to six years in prison on Thursday "
        "for taking bribes in exchange for city contracts."
    )
    assert _events(text, {"Thursday": "2026-04-02"}, dt.date(2026, 4, 3)) == [
        ("2026-04-02", "happened", "sentence", "sentence", "A court in"),
    ]


def test_a_main_verb_goes_on_with_the_narrative_when_its_sentence_dates_only_an_aside():
    text = (
        "Midfielder Tomas Reyes opened the scoring on Sunday with a low shot. "
        "The club, which signed Reyes from Lisbon in 2023, won the match in the last minute."
    )
    assert _events(text, {"Sunday": "2026-03-08", "2023": "2023"}, dt.date(2026, 3, 9)) == [
        ("2026-03-08", "happened", "open", "open", "Midfielder Tomas Reyes"),
        ("2023", "happened", "sign", "agreement", "The club, which"),
        ("2026-03-08", "happened", "win", "win", "The club, which"),
    ]


def test_a_saying_goes_on_with_the_narrative_only_in_the_mouth_of_one_of_its_actors():
    text = (
        "Chief executive Nora Vik opened the trade fair in Oslo on Monday. There are 300 exhibitors "
        "this year. Vik said the company would double its exports. A spokesman for the ministry said "
        "the fair was a success."
    )
    assert _events(text, {"Monday": "2026-05-04"}, dt.date(2026, 5, 6)) == [
        ("2026-05-04", "happened", "open", "open", "Chief executive Nora"),
        ("2026-05-04", "reported", "say", "statement", "Vik said the"),
    ]


def test_a_past_sentence_of_the_leads_actor_comes_back_from_a_flashback_of_someone_else():
    text = (
        "Chief executive Nora Vik unveiled the electric ferry in Oslo on Monday. In March, a rival "
        "yard launched a similar vessel. At the ceremony, Vik thanked the engineers."
    )
    assert _events(text, {"Monday": "2026-05-04", "March": "2026-03"}, dt.date(2026, 5, 6)) == [
        ("2026-05-04", "happened", "unveil", "announcement", "Chief executive Nora"),
        ("2026-03", "happened", "launch", "launch", "In March, a"),
        ("2026-05-04", "happened", "thank", "thank", "At the ceremony,"),
    ]


def test_a_hyphenated_date_before_a_noun_dates_that_noun_and_not_the_clause():
    text = "Orbis announced its third-quarter results on Tuesday."
    dates = {"third-quarter": "2026-Q3", "Tuesday": "2026-10-20"}
    assert _events(text, dates, dt.date(2026, 10, 21)) == [
        ("2026-10-20", "happened", "announce", "announcement", "Orbis announced its"),
    ]


def test_the_company_names_again_the_organisation_of_the_occasion_after_a_flashback():
    text = (
        "Orbis Holdings completed its takeover of the Vela shipyard on Monday. In March, a rival bid "
        "from Korta collapsed. The company thanked the shipyard's workers."
    )
    assert _events(text, {"Monday": "2026-05-04", "March": "2026-03"}, dt.date(2026, 5, 6)) == [
        ("2026-05-04", "happened", "takeover", "takeover", "Orbis Holdings completed"),
        ("2026-03", "happened", "bid", "bid", "In March, a"),
        ("2026-05-04", "happened", "thank", "thank", "The company thanked"),
    ]
