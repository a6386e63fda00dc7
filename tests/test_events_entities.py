"""People, organisations and places with their aliases: within an article and across a corpus."""

from timeline.events.entities import NameResolver, find_mentions
from timeline.events.gazetteer import contains, gazetteer
from timeline.events.sentences import split_sentences


def _mentions(text: str) -> list[tuple[str, str, str]]:
    entities = find_mentions(text, split_sentences(text))
    return [(m.kind, m.text, m.name) for m in entities.mentions]


def test_titles_and_country_words_are_stripped_and_remembered_as_roles():
    text = (
        "Ukrainian President Volodymyr Zelenskyy spoke to Kremlin spokesman Dmitry Peskov. "
        "Then the Ukrainian president met Zelensky's allies and Peskov left."
    )
    assert _mentions(text) == [
        ("person", "Volodymyr Zelenskyy", "Volodymyr Zelenskyy"),
        ("organization", "Kremlin", "Kremlin"),
        ("person", "Dmitry Peskov", "Dmitry Peskov"),
        ("person", "the Ukrainian president", "Volodymyr Zelenskyy"),
        ("person", "Zelensky", "Volodymyr Zelenskyy"),
        ("person", "Peskov", "Dmitry Peskov"),
    ]
    roles = find_mentions(text, split_sentences(text)).roles
    assert roles == (("Ukraine", "leader", "Volodymyr Zelenskyy"),)


def test_a_former_holder_gets_no_role_and_a_role_is_only_known_after_it_is_given():
    text = (
        "The Russian president spoke first. Former Russian president Dmitry Medvedev posted later. "
        "The Russian president did not."
    )
    kinds = _mentions(text)
    assert ("person", "Dmitry Medvedev", "Dmitry Medvedev") in kinds
    assert not any(text == "The Russian president" for _, text, _ in kinds)


def test_places_come_from_the_gazetteer_with_aliases_and_small_towns_need_a_preposition():
    text = "Talks in Kiev and the U.S. were planned. Keller said talks in Anchorage, Alaska went well."
    assert _mentions(text) == [
        ("place", "Kiev", "Kyiv"),
        ("place", "U.S.", "United States"),
        ("person", "Keller", "Keller"),  # a name that speaks is a person's
        ("place", "Anchorage", "Anchorage"),
        ("place", "Alaska", "Alaska"),
    ]
    anchorage = gazetteer().place("Anchorage")
    assert anchorage.within == ("Alaska", "United States")
    assert round(anchorage.latitude, 2) == 61.22
    assert contains("Alaska", "Anchorage") and not contains("Anchorage", "Alaska")


def test_organisations_by_table_head_word_and_of_phrase():
    text = "The White House, NATO, the Foreign Ministry and the Ministry of Defence of Japan replied."
    assert [(kind, name) for kind, _, name in _mentions(text)] == [
        ("organization", "White House"),
        ("organization", "NATO"),
        ("organization", "Foreign Ministry"),
        ("organization", "Ministry of Defence of Japan"),
    ]


def test_a_lone_name_used_three_times_is_a_person():
    text = "Putin spoke. Then Putin left. Officials said Putin would return."
    assert [kind for kind, _, _ in _mentions(text)] == ["person", "person", "person"]


def test_name_resolver_merges_spellings_and_gives_lone_surnames_their_full_name():
    resolver = NameResolver(
        [
            "Volodymyr Zelensky",
            "Volodymyr Zelenskyy",
            "Volodymyr Zelenskyy",
            "Sergei Lavrov",
            "Sergey Lavrov",
            "Vladimir Putin",
            "Dmitry Peskov",
            "Dmitry Medvedev",
        ]
    )
    assert resolver.canonical("Volodymyr Zelensky") == "Volodymyr Zelenskyy"
    assert resolver.canonical("Sergey Lavrov") == "Sergei Lavrov"
    assert resolver.canonical("Poutine") == "Vladimir Putin"
    assert resolver.canonical("Zelensky") == "Volodymyr Zelenskyy"
    assert resolver.canonical("Peskov") == "Dmitry Peskov"
    assert resolver.canonical("Dmitry Medvedev") == "Dmitry Medvedev"
    assert resolver.canonical("Nobody") is None


def test_a_role_another_article_gave_resolves_only_when_one_person_holds_it():
    text = "Officials said the German chancellor would travel."
    [reference] = find_mentions(text, split_sentences(text)).mentions
    assert (reference.kind, reference.text) == ("name", "the German chancellor")
    resolver = NameResolver(["Maria Keller"], [("Germany", "leader", "Maria Keller")])
    assert resolver.canonical(reference.name) == "Maria Keller"
    two_holders = NameResolver(
        [], [("Germany", "leader", "Maria Keller"), ("Germany", "leader", "Olaf Berg")]
    )
    assert two_holders.canonical(reference.name) is None


def test_the_resolver_finds_the_spellings_that_comparing_every_pair_of_names_finds():
    from itertools import combinations

    from timeline.events.entities import _same_person

    first_names = ["Anna", "Ana", "Sergei", "Sergey", "Li", "Jan", "Iwan", "Ivan"]
    surnames = ["Kowalski", "Kowalsky", "Kovalski", "Kowalczyk", "Wu", "Wuu", "Abel", "Abell", "Abele",
                "Nakamura", "Nakamora", "Nakamuraa", "Bo", "Petrov", "Petrow", "Pietrov"]
    names = [f"{first} {last}" for first in first_names for last in surnames]
    resolver = NameResolver(names)
    # the components of the "same person" relation over every pair, without any blocking
    group = {name: {name} for name in names}
    for left, right in combinations(names, 2):
        if _same_person(left, right) and group[left] is not group[right]:
            merged = group[left] | group[right]
            for name in merged:
                group[name] = merged
    for name in names:
        same = {other for other in names if resolver.canonical(other) == resolver.canonical(name)}
        assert same == group[name]
    assert resolver.canonical("Kowalsky") is None  # a lone surname that several people have
    assert resolver.canonical("Zzz") is None


def test_a_lone_capitalised_word_the_text_also_writes_as_a_lower_case_word_is_no_name():
    kept = "Officials met Rally organisers. The remarks on rallying were brief, said_rally."
    dropped = "Officials met Rally organisers. The rally was brief."
    mentions = find_mentions(kept, split_sentences(kept)).mentions
    assert [(m.text, m.kind) for m in mentions] == [("Rally", "name")]
    assert find_mentions(dropped, split_sentences(dropped)).mentions == ()


def test_a_plural_noun_opening_a_sentence_is_no_name_unless_the_article_writes_it_inside_one():
    text = (
        "Prosecutors said Mayor Daniel Orr took bribes. Investigators found a rifle. "
        "Apple sued the firm. Travelers raised its dividend, and shares of Travelers rose."
    )
    assert _mentions(text) == [
        ("person", "Daniel Orr", "Daniel Orr"),
        ("name", "Apple", "Apple"),  # a singular word may be a name: left alone
        ("name", "Travelers", "Travelers"),  # written inside a sentence too: a name
        ("name", "Travelers", "Travelers"),
    ]
