"""Linguistic analysis of English news: tokens, Penn part-of-speech tags and lemmas.

Knows nothing of dates, events or the pipeline. Offsets are always into the text given.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from timeline.linguistics.lemmas import lemma
from timeline.linguistics.tagger import shipped_tagger
from timeline.linguistics.tokens import token_spans

__all__ = ["Token", "tag_sentence", "tag_sentences", "token_spans"]


class Token(NamedTuple):
    """One token of a sentence. Immutable like a frozen dataclass, but a named tuple: an article
    makes hundreds of them and a tuple is made in a third of the time."""

    start: int
    end: int
    text: str
    tag: str  # Penn Treebank part of speech
    lemma: str


def tag_sentences(text: str, spans: Sequence[tuple[int, int]]) -> tuple[tuple[Token, ...], ...]:
    """The tokens of each sentence text[start:end], tagged in one batch (faster than one by one)."""
    token_offsets = [token_spans(text, start, end) for start, end in spans]
    words = [[text[start:end] for start, end in offsets] for offsets in token_offsets]
    tag_names = shipped_tagger().index.tags
    tags = [tag_names[tag_id] for tag_id in shipped_tagger().tag_ids(words).tolist()]
    sentences = []
    cursor = 0
    for offsets, sentence_words in zip(token_offsets, words, strict=True):
        sentence_tags = tags[cursor : cursor + len(offsets)]
        cursor += len(offsets)
        rows = zip(offsets, sentence_words, sentence_tags, strict=True)
        tokens = [Token(start, end, word, tag, lemma(word, tag)) for (start, end), word, tag in rows]
        sentences.append(tuple(tokens))
    return tuple(sentences)


def tag_sentence(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """The tokens of text[start:end] (the whole text by default), offsets into `text`."""
    return tag_sentences(text, [(start, len(text) if end is None else end)])[0]
