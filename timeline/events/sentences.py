"""Sentence splitting for news text, by offsets into the original text.

A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after it) when the next
word starts a sentence, and always at a line break: news copy puts one paragraph per line, and
page furniture ("3 hours ago", "- LeMonde") has no final stop. A full stop does not end a sentence
after an abbreviation ("Jr.", "Aug. 6", data/abbreviations.txt), an initial ("J. Smith"), or a
dotted acronym ("U.S.") followed by a word that does not look like a sentence start.
"""

from __future__ import annotations

import re
from functools import lru_cache

from timeline.events.resources import data_lines
from timeline.model import Sentence

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# A candidate end: terminal punctuation, any closing quotes/brackets, then whitespace or the end.
_CANDIDATE_END = re.compile(r"[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s|$)")
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_LINE_BREAK = re.compile(r"\n")
_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_LONGEST_ABBREVIATION = 24
# No real sentence is this long (long news sentences run to 60-80 words, ~500 characters): a longer
# run without a stop is a list, a table or an unpunctuated dump. It is cut into pieces of at most
# this many characters, at a clause break where there is one, so that every stage that works on
# one sentence at a time (pairing dates with event words, the clause analysis) costs a bounded
# amount per piece and an article costs time linear in its length.
MAX_SENTENCE_CHARS = 1_000
# Where a piece is best cut, in order of preference: after ";", after ",", at a space.
_PIECE_BREAKS = ("; ", ", ", " ")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    return frozenset(data_lines("abbreviations.txt"))


def _starts_sentence(text: str, position: int) -> bool:
    """Whether the text after POSITION (skipping spaces and opening quotes) looks like a sentence start."""
    index = position
    while index < len(text) and text[index] in " \t\r\f\v":
        index += 1
    while index < len(text) and text[index] in _OPENERS:
        index += 1
    if index >= len(text) or text[index] == "\n":
        return True
    character = text[index]
    return character.isupper() or character.isdigit() or not character.isalpha()


def _is_abbreviation_stop(text: str, stop: int, line_start: int) -> bool:
    """Whether the single full stop at STOP closes an abbreviation rather than the sentence."""
    # Only the last few characters can hold the word: searching the whole line is quadratic.
    match = _WORD_BEFORE_STOP.search(text, max(line_start, stop - _LONGEST_ABBREVIATION), stop + 1)
    if not match:
        return False
    word = match.group(1)
    if word.rstrip(".") in abbreviations():
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: "J. Smith"
    if _DOTTED_ACRONYM.match(word):
        # "the U.S. president" goes on; "... in the U.S. The talks" ends. Only a capital after
        # the acronym can end the sentence, and even then only when it is not a known title.
        next_word = _NEXT_WORD.match(text, stop + 1)  # at the offset: no copy of the rest of the text
        return not next_word or not next_word.group(1)[0].isupper() or next_word.group(1) in abbreviations()
    return False


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """The sentences of TEXT[START:END], as offsets into TEXT, without surrounding whitespace."""
    end = len(text) if end is None else end
    sentences: list[Sentence] = []
    line_start = start
    for line_end in [match.start() for match in _LINE_BREAK.finditer(text, start, end)] + [end]:
        sentence_start = line_start
        for match in _CANDIDATE_END.finditer(text, line_start, line_end):
            punctuation = match.group(0).rstrip(_CLOSERS)
            if punctuation == "." and _is_abbreviation_stop(text, match.start(), line_start):
                continue
            if not _starts_sentence(text, match.end()):
                continue
            _append_trimmed(text, sentence_start, match.end(), sentences)
            sentence_start = match.end()
        _append_trimmed(text, sentence_start, line_end, sentences)
        line_start = line_end + 1
    return sentences


def _append_trimmed(text: str, start: int, end: int, sentences: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _piece_end(text, start)
        sentences.append(Sentence(start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        sentences.append(Sentence(start, end))


def _piece_end(text: str, start: int) -> int:
    """Where the first piece of an over-long sentence starting at START ends: the last clause
    break in its second half, else the last space, else at the limit."""
    low, high = start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS
    for separator in _PIECE_BREAKS:
        found = text.rfind(separator, low, high)
        if found != -1:
            return found + len(separator.rstrip())
    return high
