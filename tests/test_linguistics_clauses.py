"""Noun phrases, verb groups and clauses on sentences written for these tests."""

from __future__ import annotations

from timeline.linguistics import tag_sentence
from timeline.linguistics.clauses import Phrase, VerbGroup, analyse, understood_subject


def words(tokens, phrase: Phrase | None) -> str | None:
    if phrase is None:
        return None
    return (
        " ".join(token.text for token in tokens[phrase.first : phrase.end]) + f" [{tokens[phrase.head].text}]"
    )


def group_summary(tokens, group: VerbGroup) -> tuple:
    return (
        " ".join(token.text for token in tokens[group.first : group.end]),
        group.lemma, group.tense, group.aspect, group.voice, group.modal, group.negated, group.finite,
    )  # fmt: skip


def clauses_of(text: str) -> list[dict]:
    tokens = tag_sentence(text)
    _, clauses = analyse(tokens)
    return [
        {
            "verb": group_summary(tokens, clause.verb),
            "subject": words(tokens, clause.subject),
            "object": words(tokens, clause.object),
            "agent": words(tokens, clause.agent),
            "prepositional": [
                (preposition, words(tokens, phrase)) for preposition, phrase in clause.prepositional
            ],
            "complement_of": clause.complement_of,
        }
        for clause in clauses
    ]


def test_passive_with_agent_and_prepositional_phrases() -> None:
    assert clauses_of("A former banker was fined 2 million euros by a court in Milan on Friday.") == [
        {
            "verb": ("was fined", "fine", "past", "none", "passive", None, False, True),
            "subject": "A former banker [banker]",
            "object": "2 million euros [euros]",
            "agent": "a court [court]",
            "prepositional": [("in", "Milan [Milan]"), ("on", "Friday [Friday]")],
            "complement_of": None,
        }
    ]


def test_relative_clause_gives_its_antecedent_as_subject_of_both_verbs() -> None:
    first, second = clauses_of("The storm that flooded the coastal towns has weakened.")
    assert (first["verb"][0], first["subject"], first["object"]) == (
        "flooded", "The storm [storm]", "the coastal towns [towns]",
    )  # fmt: skip
    assert second["verb"] == ("has weakened", "weaken", "present", "perfect", "active", None, False, True)
    assert second["subject"] == "The storm [storm]"


def test_a_relative_clause_between_commas_is_skipped_to_find_the_subject() -> None:
    visited, said, rebuild = clauses_of(
        "The governor, who visited the shelters on Sunday, said the state would rebuild."
    )
    assert (visited["subject"], visited["object"]) == ("The governor [governor]", "the shelters [shelters]")
    assert (said["verb"][0], said["subject"], said["object"]) == ("said", "The governor [governor]", None)
    assert rebuild["verb"] == ("would rebuild", "rebuild", "present", "none", "active", "would", False, True)
    assert rebuild["subject"] == "the state [state]"


def test_infinitive_complement_takes_the_subject_of_the_verb_it_complements() -> None:
    agreed, end = clauses_of("The striking workers agreed to end the walkout.")
    assert agreed["verb"][0] == "agreed" and agreed["subject"] == "The striking workers [workers]"
    assert end == {
        "verb": ("to end", "end", "none", "none", "active", None, False, False),
        "subject": "The striking workers [workers]",
        "object": "the walkout [walkout]",
        "agent": None,
        "prepositional": [],
        "complement_of": 0,
    }


def test_modal_with_negation() -> None:
    (clause,) = clauses_of("Officials could not confirm the number of victims.")
    assert clause["verb"] == (
        "could not confirm",
        "confirm",
        "present",
        "none",
        "active",
        "could",
        True,
        True,
    )
    assert (clause["subject"], clause["object"]) == ("Officials [Officials]", "the number [number]")


def test_future_with_will_and_with_going_to() -> None:
    (announce,) = clauses_of("The regulator will announce its decision next month.")
    assert announce["verb"] == ("will announce", "announce", "future", "none", "active", None, False, True)
    fall = clauses_of("Shares of the carmaker are going to fall, analysts say.")[0]
    assert fall["verb"] == ("are going to fall", "fall", "future", "none", "active", None, False, True)
    assert fall["subject"] == "Shares [Shares]"


def test_perfect_and_organisations_as_subjects() -> None:
    (cancelled,) = clauses_of("Two airlines have cancelled hundreds of flights.")
    assert cancelled["verb"] == (
        "have cancelled",
        "cancel",
        "present",
        "perfect",
        "active",
        None,
        False,
        True,
    )
    assert cancelled["subject"] == "Two airlines [airlines]"
    (acquired,) = clauses_of("Acme Corp. acquired the rival software maker for $3bn.")
    assert acquired["subject"] == "Acme Corp. [Corp.]"
    assert acquired["object"] == "the rival software maker [maker]"
    assert acquired["prepositional"] == [("for", "$ 3 bn [$]")]


def test_coordinated_names_are_separate_phrases_and_the_first_is_the_subject() -> None:
    text = "Maria Lopez and Tom Hale founded the startup in 2019."
    tokens = tag_sentence(text)
    phrases, clauses = analyse(tokens)
    assert [words(tokens, phrase) for phrase in phrases] == [
        "Maria Lopez [Lopez]", "Tom Hale [Hale]", "the startup [startup]", "2019 [2019]",
    ]  # fmt: skip
    assert words(tokens, clauses[0].subject) == "Maria Lopez [Lopez]"


def test_coordinated_verbs_share_their_subject_and_there_is_an_expletive() -> None:
    raised, signalled = clauses_of(
        "The central bank raised interest rates on Wednesday and signalled further increases."
    )
    assert signalled["subject"] == raised["subject"] == "The central bank [bank]"
    assert signalled["object"] == "further increases [increases]"
    (explosion,) = clauses_of("There was an explosion at the plant on Monday.")
    assert (explosion["subject"], explosion["object"]) == ("an explosion [explosion]", None)
    assert explosion["prepositional"] == [("at", "the plant [plant]"), ("on", "Monday [Monday]")]


def test_amounts_are_headed_by_their_currency_unless_a_noun_follows() -> None:
    tokens = tag_sentence("The USD 44-billion deal was worth US$2.2 billion.")
    phrases, _ = analyse(tokens)
    assert [words(tokens, phrase) for phrase in phrases] == [
        "The USD 44-billion deal [deal]", "US $ 2.2 billion [$]",
    ]  # fmt: skip


def test_prepositional_phrases_opening_the_sentence_belong_to_its_first_clause() -> None:
    (delivered,) = clauses_of("On Thursday, in Manhattan, the jury delivered its verdict.")
    assert delivered["subject"] == "the jury [jury]" and delivered["object"] == "its verdict [verdict]"
    assert delivered["prepositional"] == [("on", "Thursday [Thursday]"), ("in", "Manhattan [Manhattan]")]


def _understood(text: str) -> list[tuple[str, str | None]]:
    tokens = tag_sentence(text)
    phrases, clauses = analyse(tokens)
    return [
        (tokens[clause.verb.head].text, words(tokens, understood_subject(tokens, phrases, clauses, number)))
        for number, clause in enumerate(clauses)
    ]


def test_the_subject_a_clause_leaves_unwritten_after_a_comma_or_a_conjunction_is_understood():
    # a series of verbs
    assert _understood("Sales of the brewery tripled in 2004, doubled in 2005 and fell in 2006.") == [
        ("tripled", "Sales [Sales]"), ("doubled", "Sales [Sales]"), ("fell", "Sales [Sales]"),
    ]  # fmt: skip
    # a past participle qualifies the noun before it, and the verb after its insertion has that noun
    assert _understood("The lawsuit, filed in March, claims the port owes 2 million euros.") == [
        ("filed", "The lawsuit [lawsuit]"), ("claims", "The lawsuit [lawsuit]"), ("owes", "the port [port]"),
    ]  # fmt: skip
    # ... unless that noun is a preposition's: then the clause's subject goes on
    assert _understood("He was arrested in Paris on Monday, charged with fraud.") == [
        ("arrested", "He [He]"), ("charged", "He [He]"),
    ]  # fmt: skip
    # a present participle: what the subject did besides
    assert _understood("A bomb exploded in the market on Friday, killing at least 12 people.") == [
        ("exploded", "A bomb [bomb]"), ("killing", "A bomb [bomb]"),
    ]  # fmt: skip
    # a present participle after a preposition: the subject, or the object right before it
    assert _understood("The jurors deliberated for two days before reaching a verdict.") == [
        ("deliberated", "The jurors [jurors]"), ("reaching", "The jurors [jurors]"),
    ]  # fmt: skip
    assert _understood("The court barred the company from selling the drug.") == [
        ("barred", "The court [court]"), ("selling", "the company [company]"),
    ]  # fmt: skip
    # a conjunction the tagger reads as a preposition opens a clause: its subject is the phrase after it
    assert _understood("Oil prices rose 3% after the cartel announced production cuts.") == [
        ("rose", "Oil prices [prices]"), ("announced", "the cartel [cartel]"),
    ]  # fmt: skip
    # a verb of saying after a comma has its subject after it
    assert _understood("We will win the final, said the coach.") == [("win", "We [We]"), ("said", None)]
