"""The news tokenizer: Penn-Treebank-like tokens with offsets into the text given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.linguistics import tag_sentence
from timeline.linguistics.clauses import analyse
from timeline.linguistics.event_words import event_words
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


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_gives_ordered_non_space_tokens_and_a_consistent_analysis(text: str) -> None:
    spans = token_spans(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(previous[1] <= following[0] for previous, following in zip(spans, spans[1:], strict=False))
    assert all(text[start:end].strip() == text[start:end] for start, end in spans)
    tokens = tag_sentence(text)
    assert [(token.start, token.end) for token in tokens] == spans
    phrases, clauses = analyse(tokens)
    indices = [index for phrase in phrases for index in (phrase.first, phrase.head, phrase.end - 1)]
    indices += [clause.verb.head for clause in clauses]
    assert all(0 <= index < len(tokens) for index in indices)
    assert all(0 <= index < len(tokens) for index, _ in event_words(tokens))


def test_long_hostile_runs_are_tokenized_once_each() -> None:
    # each of these made an earlier version rescan the rest of the run from every token: minutes
    dotted = "1.a." * 25_000
    assert token_spans(dotted)[:4] == [(0, 1), (1, 2), (2, 3), (3, 4)] and len(token_spans(dotted)) == 100_000
    assert len(token_spans("a+" * 50_000)) == 100_000
    assert token_spans("b-" * 50_000 + "@example.org") == [(0, 100_012)]  # an e-mail address, however odd
