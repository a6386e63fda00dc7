"""The sentence splitter: offsets into the original text, abbreviations, initials, quotes, lines."""

from timeline.events.sentences import split_sentences


def _texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, start, end)]


def test_abbreviations_initials_and_dotted_acronyms_do_not_end_sentences():
    text = (
        "The U.S. envoy met Martin Luther King Jr. on Aug. 6 in Washington. J. Smith said no. "
        "Talks went on at Acme Inc. until late."
    )
    assert _texts(text) == [
        "The U.S. envoy met Martin Luther King Jr. on Aug. 6 in Washington.",
        "J. Smith said no.",
        "Talks went on at Acme Inc. until late.",
    ]


def test_an_acronym_at_the_end_of_a_sentence_ends_it_before_a_capital():
    assert _texts("Sanctions came from the U.S. The talks ended.") == [
        "Sanctions came from the U.S.",
        "The talks ended.",
    ]


def test_quotes_stay_with_their_sentence():
    text = '"It went well," he said. "Did it?" she asked. He left.'
    assert _texts(text) == ['"It went well," he said.', '"Did it?" she asked.', "He left."]


def test_a_line_break_always_ends_a_sentence_and_offsets_index_the_text():
    text = "Headline without stop\n3 hours ago\nPutin met Trump. Then they left."
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(0, 21), (22, 33), (34, 50), (51, 66)]
    assert text[34:50] == "Putin met Trump."


def test_only_the_requested_stretch_is_split():
    text = "Furniture. The story starts here. It ends here. More furniture."
    assert _texts(text, 11, 47) == ["The story starts here.", "It ends here."]
