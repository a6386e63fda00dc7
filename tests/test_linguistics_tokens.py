"""The news tokenizer: Penn-Treebank-like tokens with offsets into the text given."""

from __future__ import annotations

from timeline.linguistics.tokens import token_spans


def tokens(text: str) -> list[str]:
    return [text[start:end] for start, end in token_spans(text)]


def test_clitics_are_split_the_penn_way() -> None:
    assert tokens("The firm didn't pay, and Musk's lawyers can't say they're sure.") == [
        "The", "firm", "did", "n't", "pay", ",", "and", "Musk", "'s", "lawyers", "ca", "n't", "say",
        "they", "'re", "sure", ".",
    ]  # fmt: skip


def test_abbreviations_initials_and_names_stay_whole() -> None:
    assert tokens("Mr. O'Neill of Acme Inc. met Mary K. Lee in the U.S. at 9 a.m. on Jan. 5.") == [
        "Mr.", "O'Neill", "of", "Acme", "Inc.", "met", "Mary", "K.", "Lee", "in", "the", "U.S.", "at", "9",
        "a.m.", "on", "Jan.", "5", ".",
    ]  # fmt: skip


def test_numbers_currency_and_hyphenated_words() -> None:
    assert tokens("A $15bn order, a USD 44-billion deal and 15,000 well-paid staff at 3.5% (3:30).") == [
        "A", "$", "15", "bn", "order", ",", "a", "USD", "44-billion", "deal", "and", "15,000", "well-paid",
        "staff", "at", "3.5", "%", "(", "3:30", ")", ".",
    ]  # fmt: skip


def test_urls_quotes_and_dashes() -> None:
    assert tokens('He said "no" -- see https://example.org/a?b=1. Or mail news@example.org...') == [
        "He", "said", '"', "no", '"', "--", "see", "https://example.org/a?b=1", ".", "Or", "mail",
        "news@example.org", "...",
    ]  # fmt: skip


def test_offsets_point_into_the_text_given_and_respect_the_bounds() -> None:
    text = "Intro. Sam Bankman-Fried was sentenced. Outro."
    spans = token_spans(text, 7, 39)
    assert spans == [(7, 10), (11, 24), (25, 28), (29, 38), (38, 39)]
    assert [text[start:end] for start, end in spans] == ["Sam", "Bankman-Fried", "was", "sentenced", "."]
