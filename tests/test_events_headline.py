"""Headlines, participants and places read from the analysed clause (real tagger, sentences written
for these tests or taken from issue 12, which is their specification)."""

import pytest

from timeline.events import analyse_article
from timeline.events.analysis import analyse_sentences
from timeline.events.entities import PERSON, find_mentions
from timeline.events.headline import clause_headline
from timeline.events.sentences import split_sentences
from timeline.model import Article


def _headline(text: str, word: str, date: str = "") -> tuple[str, tuple[str, ...]] | None:
    analysis = analyse_sentences(text, [(0, len(text))])[0]
    people = [m for m in find_mentions(text, split_sentences(text)).mentions if m.kind == PERSON]
    dated = [(text.index(date), text.index(date) + len(date))] if date else []
    found = clause_headline(text, analysis, text.index(word), people, dated, lambda position: None)
    return (found.template, found.names) if found else None


@pytest.mark.parametrize(
    ("text", "word", "date", "expected"),
    [
        # active: the headline's present; an organisation names itself, a person is a slot
        ("Twitter sued Elon Musk on Tuesday.", "sued", "Tuesday", ("Twitter sues {0}", ("Elon Musk",))),
        # passive: the participle, without the auxiliary, the agent or the date
        (
            "Sam Bankman-Fried was sentenced to 25 years in prison by a judge on Thursday.",
            "sentenced",
            "Thursday",
            ("{0} sentenced to 25 years", ("Sam Bankman-Fried",)),
        ),
        ("Agrawal was appointed Twitter CEO in November.", "appointed", "November",
         ("Agrawal appointed Twitter CEO", ())),
        ("The harbour authority was fined by regulators on Friday.", "fined", "Friday",
         ("Harbour authority fined by regulators", ())),
        # the purpose after the object, the amount kept whole
        ("Musk closed the $44-billion deal to buy Twitter on Thursday.", "closed", "Thursday",
         ("Musk closes $44-billion deal to buy Twitter", ())),
        # an infinitive after its verb; the subject of a plural noun takes the plural
        ("The city council voted on Monday to close the old bridge.", "voted", "Monday",
         ("City council votes to close old bridge", ())),
        # what an announcement says
        ("Mayor Ana Lindqvist announced on Monday that the city will close the old bridge.", "announced",
         "Monday", ("{0} announces city will close old bridge", ("Ana Lindqvist",))),
        # nominal: the noun with its "of" complement
        ("Investors lost billions in the collapse of FTX in November.", "collapse", "November",
         ("Collapse of FTX", ())),
        # an event noun as the verb's object: the clause; as the subject of "start": noun and verb
        ("The jury delivered its verdict on Thursday night.", "verdict", "Thursday night",
         ("Jury delivers verdict", ())),
        ("A fire started in Lahaina on Tuesday.", "fire", "Tuesday", ("Fire starts in Lahaina", ())),
        ("A fire started in Lahaina on Tuesday.", "started", "Tuesday", ("Fire starts in Lahaina", ())),
        # an adjective said of the object stays with it
        ("A jury found the harbour master guilty of fraud on Friday.", "found", "Friday",
         ("Jury finds harbour master guilty", ())),
        # the "it" that opens what is said is the one who says it
        ("The port authority said on Friday it had closed the northern terminal.", "closed", "Friday",
         ("Port authority closes northern terminal", ())),
        # a noun alone says little; with where it happened it is a headline
        ("The death toll from Sunday's earthquake in western Turkey has risen to 63.", "earthquake", "Sunday",
         ("Earthquake in western Turkey", ())),
        # nothing to headline: no fragment
        ("It happened on Monday.", "happened", "Monday", None),
    ],
)
def test_a_headline_is_built_from_the_clause(text, word, date, expected):
    assert _headline(text, word, date) == expected


def test_organisations_hyphenated_names_and_towns_take_their_places_in_an_event():
    text = (
        "The SEC sued Lena Marsh-Oduya on Tuesday, saying she misled investors. "
        "Marsh-Oduya was charged with fraud on Wednesday. "
        "A tornado struck Kenosha on Sunday. "
        "The collapse of Halvorsen Bank in May wiped out savings."
    )
    analysis = analyse_article(Article("a.txt", "a.txt", text, date="2031-06-12", date_source="cli"))
    assert [
        (e.value, e.label, e.extra["label_names"], e.participants, e.organizations, e.places)
        for e in analysis.events
    ] == [
        ("2031-06-10", "SEC sues {0}", ("Lena Marsh-Oduya",), ("Lena Marsh-Oduya",), ("SEC",), ()),
        ("2031-06-11", "{0} charged with fraud", ("Lena Marsh-Oduya",), ("Lena Marsh-Oduya",), (), ()),
        ("2031-06-08", "Tornado strikes Kenosha", (), (), (), ("Kenosha",)),
        ("2031-05", "Collapse of Halvorsen Bank wipes out savings", (), (), ("Halvorsen Bank",), ()),
    ]
    assert analysis.people == ("Lena Marsh-Oduya",)


def test_a_lone_name_the_article_calls_it_is_an_organisation_and_a_hyphen_between_names_parts_them():
    text = (
        "Nordwind said it would appeal. Nordwind said its board agreed. "
        "Anton Berg said he would stay. The Berg-Nordwind talks and the Norway-Sweden border."
    )
    mentions = find_mentions(text, split_sentences(text)).mentions
    assert [(m.text, m.kind, m.name) for m in mentions] == [
        ("Nordwind", "organization", "Nordwind"),
        ("Nordwind", "organization", "Nordwind"),
        ("Anton Berg", "person", "Anton Berg"),
        ("Berg", "person", "Anton Berg"),
        ("Nordwind", "organization", "Nordwind"),
        ("Norway", "place", "Norway"),
        ("Sweden", "place", "Sweden"),
    ]


@pytest.mark.parametrize(
    ("text", "date", "expected"),
    [
        # a subject and its verb stand in for a one-word label ("Deepen")
        ("The quarrel between the two towns has been deepening since March 3.", "2024-03-20",
         [("2024-03-03", "Quarrel deepens")]),
        # "it" and a "he" nobody in the story is: the predicate alone ("Fire", "Take" said nothing)
        ("He was fired from the shipyard in 1985. "
         "Since March 3 it has taken a loan of 4 million euros.", "2024-03-20",
         [("1985", "Fired from shipyard"), ("2024-03-03", "Takes loan of 4 million euros")]),
        # the subject a clause leaves understood; dates (not durations) are left out wherever they
        # stand, and so is a phrase whose first noun is one
        ("Sales of the brewery tripled in 2004, doubled in 2005 and fell in 2006. "
         "The lawsuit, filed in March, claims the port owes 2 million euros. "
         "Profits rose 4% in the quarter ending March 31. "
         "A bomb exploded in the market on Friday, killing at least 12 people.", "2024-06-10",
         [("2004", "Sales of brewery tripled"), ("2005", "Sales of brewery doubled"),
          ("2006", "Sales of brewery fall"), ("2024-03", "Lawsuit filed"), ("2024-Q1", "Profits rise 4%"),
          ("2024-06-07", "Bomb kills at least 12 people")]),
    ],
)  # fmt: skip
def test_a_one_word_label_gives_way_to_what_the_clause_says(text, date, expected):
    analysis = analyse_article(Article("a.txt", "a.txt", text, date=date, date_source="cli"))
    assert [(e.value, e.label) for e in analysis.events] == expected


def test_a_verb_with_nothing_after_it_is_headlined_by_its_analysed_subject():
    # not the words before the verb ("Investigators said the fire begins")
    text = "Investigators said the fire began on Sunday. Economists said the economy grew in 2030."
    analysis = analyse_article(Article("a.txt", "a.txt", text, date="2031-03-04", date_source="cli"))
    assert [(e.value, e.label) for e in analysis.events] == [
        ("2031-03-02", "Fire begins"),
        ("2030", "Economy grows"),
    ]
