"""Event words ("met", "summit", "talks", "said") and status cues, found in a sentence by offsets.

The words and their classes are data (data/triggers.tsv, data/phrases.tsv, data/status_cues.tsv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from timeline.events.resources import data_table

STATEMENT = "statement"
# Classes whose noun names a happening between several parties: "a call with Putin" has
# the main clause's subject as its other party.
RECIPROCAL = frozenset({"meeting", "call"})
# Classes whose noun has a holder who is the clause's subject: "In a press conference ..., Lavrov said".
HELD = frozenset({"conference", "announcement", "visit", "proposal"})
_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d+")
# "call" is an event only as a noun: "a call", "the call", "phone call", not "calls for" / "call on".
_NOUN_DETERMINERS = frozenset({"a", "the", "his", "her", "their", "its", "this", "that", "last", "first"})


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    lemma: str
    category: str  # meeting | call | visit | statement | sanctions | ...
    pos: str  # verb | noun
    noun: str  # the noun a headline uses for it ("met" -> "meeting")


@lru_cache(maxsize=1)
def _words() -> dict[str, tuple[str, str, str, str]]:
    """Word form -> (lemma, class, pos, noun): the listed forms, then every form of the listed verbs."""
    words = {row[0]: (row[1], row[2], row[3], row[4]) for row in data_table("triggers.tsv")}
    for lemma, category, pos, noun, past in data_table("verbs.tsv"):
        for form in (lemma, third_person(lemma), past if past != "-" else regular_past(lemma)):
            words.setdefault(form, (lemma, category, pos, noun))
    return words


def third_person(lemma: str) -> str:
    """meet -> meets, impose -> imposes, say -> says, go to war -> goes to war."""
    if " " in lemma:
        first, rest = lemma.split(" ", 1)
        return f"{third_person(first)} {rest}"
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    return lemma + "s"


def regular_past(lemma: str) -> str:
    """explode -> exploded, bomb -> bombed, ratify -> ratified."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


@lru_cache(maxsize=1)
def _phrases() -> dict[tuple[str, ...], tuple[str, str, str, str]]:
    return {tuple(row[0].split()): (row[1], row[2], row[3], row[4]) for row in data_table("phrases.tsv")}


@lru_cache(maxsize=1)
def _phrase_first_words() -> frozenset[str]:
    return frozenset(phrase[0] for phrase in _phrases())


@cache
def cue_pattern(status: str) -> re.Pattern[str]:
    """One pattern for every cue of STATUS, longest first."""
    cues = sorted(
        (row[1] for row in data_table("status_cues.tsv") if row[0] == status), key=lambda cue: -len(cue)
    )
    return re.compile(
        r"(?<![\w’'])(?:" + "|".join(re.escape(cue) for cue in cues) + r")(?![\w’'])", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def status_cues() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(status, pattern, scope) for the cues of each status and scope, in the table's order.

    The cues of one status and scope share a window, so one alternation (longest first) finds
    whether any of them is there; a "timex" cue must also end right before its date, so each of
    those is tried on its own.
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for status, cue, scope in data_table("status_cues.tsv"):
        key = (status, scope) if scope != "timex" else (status, f"{scope}:{cue}")
        groups.setdefault(key, []).append(cue)
    return tuple(
        (
            status,
            re.compile(
                r"(?<![\w’'])(?:"
                + "|".join(re.escape(cue) for cue in sorted(cues, key=lambda cue: -len(cue)))
                + r")(?![\w’'])",
                re.IGNORECASE,
            ),
            key.split(":")[0],
        )
        for (status, key), cues in groups.items()
    )


def find_triggers(text: str, start: int, end: int) -> list[Trigger]:
    """The event words of TEXT[START:END], in text order, longest phrase first."""
    matches = list(_WORD.finditer(text, start, end))
    words = [match.group().lower() for match in matches]
    triggers: list[Trigger] = []
    phrases = _phrases()
    longest_phrase = max((len(phrase) for phrase in phrases), default=1)
    first_words = _phrase_first_words()
    word_table = _words()
    index = 0
    count = len(words)
    while index < count:
        word = words[index]
        # Most words start no phrase and are no event word: one set and one dict look-up each.
        if word in first_words:
            length = next(
                (
                    length
                    for length in range(min(longest_phrase, count - index), 1, -1)
                    if tuple(words[index : index + length]) in phrases
                ),
                0,
            )
            if length:
                lemma, category, pos, noun = phrases[tuple(words[index : index + length])]
                first, last = matches[index].start(), matches[index + length - 1].end()
                triggers.append(Trigger(first, last, text[first:last], lemma, category, pos, noun))
                index += length
                continue
        entry = word_table.get(word)
        if entry and _is_event_use(word, words, index):
            lemma, category, pos, noun = entry
            word_start, word_end = matches[index].span()
            triggers.append(
                Trigger(word_start, word_end, text[word_start:word_end], lemma, category, pos, noun)
            )
        index += 1
    return triggers


def _is_event_use(word: str, words: list[str], index: int) -> bool:
    previous = words[index - 1] if index else ""
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in ("call", "deal", "strike", "host", "attack"):
        return previous in _NOUN_DETERMINERS
    if word == "war":
        return previous in ("the", "a") and following in ("in", "on", "against", "with")
    return True
