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


def test_a_run_without_a_stop_is_cut_into_pieces_at_clause_breaks():
    clause = "the shelter on Main Street took in twelve families on Monday, "
    text = "Volunteers said " + clause * 40 + "and more came."
    pieces = split_sentences(text)
    assert [piece.end - piece.start <= 1_000 for piece in pieces] == [True] * 3
    assert [text[piece.end - 1] for piece in pieces[:-1]] == [",", ","]
    assert pieces[0].start == 0 and pieces[-1].end == len(text)
    assert all(text[a.end : b.start] == " " for a, b in zip(pieces, pieces[1:], strict=False))


def test_a_long_real_sentence_stays_whole():
    text = (
        "The company, which was founded in 1998 by two former engineers and which employs more than "
        "4,000 people in eleven countries, said on Tuesday that it would close its plant in the north "
        "of the city by the end of the year, cutting about 600 jobs, after sales of its main product "
        "fell for a third straight quarter and talks with a buyer broke down last month."
    )
    assert _texts(text) == [text]
