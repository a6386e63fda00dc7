"""Finding spans: run every grammar rule over a text and keep the best non-overlapping matches.

A rule is tried only near the words that anchor it (a weekday rule where a weekday is written),
and there only at the word starts where its match can begin (match_starts.py): the same matches
as searching every rule over every such window, at a fraction of the cost.

Overlaps are settled as HeidelTime does: the longest match wins; on equal length, the rule that
comes first in rules.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from timeline.temporal.grammar import Grammar, Rule, RuleGroup


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


_DIGITS = re.compile(r"[0-9]+")
# How far an expression reaches from its anchoring word: "the next couple of years or so".
_WINDOW_REACH = 40
_WORD_TAIL = re.compile(r"[^\W_]*(?:['’.-][^\W_]+)*[.]?")

Token = tuple[str, int, int]


# Letters lower-cased, every other byte a space: what is left of a text are its words, apart.
_WORDS_APART = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256)
)
_SPACE = 32


@cache
def _encoded(anchor_words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode("ascii") for word in anchor_words if word.isascii())


def anchor_tokens(anchor_words: frozenset[str], text: str, lower: int, upper: int) -> list[Token]:
    """The words of text[lower:upper] that are ANCHOR_WORDS, with their offsets, in text order.

    Words are runs of ASCII letters, lower-cased, or of digits, written "#"; a slice that starts
    inside a word starts the word there.
    """
    # One byte per character (any other than ASCII a "?", which is no letter either), so that
    # offsets stay those of the text; splitting and searching bytes is done in C.
    letters = text[lower:upper].encode("ascii", "replace").translate(_WORDS_APART)
    tokens = []
    for word in _encoded(anchor_words).intersection(letters.split()):
        name, start = word.decode("ascii"), letters.find(word)
        while start != -1:
            end = start + len(word)
            # A whole word, not the "day" of "today".
            if (start == 0 or letters[start - 1] == _SPACE) and (
                end == len(letters) or letters[end] == _SPACE
            ):
                tokens.append((name, lower + start, lower + end))
            start = letters.find(word, start + 1)
    if "#" in anchor_words:
        tokens.extend(("#", match.start(), match.end()) for match in _DIGITS.finditer(text, lower, upper))
    tokens.sort(key=lambda token: token[1])
    return tokens


def windows_around(tokens: list[Token], text: str, lower: int, upper: int) -> list[tuple[int, int]]:
    """The stretches of text around TOKENS, merged, ending at word edges.

    Trying a rule only there, rather than over the whole text, is what makes tagging cheap:
    a weekday rule has nothing to do where no weekday is written.
    """
    windows: list[tuple[int, int]] = []
    for _word, token_start, token_end in tokens:
        start, end = max(lower, token_start - _WINDOW_REACH), min(upper, token_end + _WINDOW_REACH)
        # End at a word edge: a window must not cut "Thursday" into a "Thurs" that a rule could take
        # (looking only a little further, so that a text without spaces costs no more).
        end = _WORD_TAIL.match(text, end, min(upper, end + _WINDOW_REACH)).end()
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def find_candidates(grammar: Grammar, text: str, lower: int, upper: int) -> list[Candidate]:
    """All rule matches within text[lower:upper] whose context allows them, best first."""
    tokens_by_group: dict[int, list[Token]] = {}
    for token in anchor_tokens(grammar.anchor_words, text, lower, upper):
        for group_index in grammar.groups_by_anchor[token[0]]:
            tokens_by_group.setdefault(group_index, []).append(token)
    candidates: list[Candidate] = []
    for group_index, tokens in tokens_by_group.items():
        group = grammar.groups[group_index]
        for window_start, window_end in windows_around(tokens, text, lower, upper):
            for rule in group.searched_everywhere:
                _keep(rule, rule.pattern.finditer(text, window_start, window_end), text, candidates)
            if group.starts is not None:
                _scan(group, text, window_start, window_end, candidates)
    candidates.sort(
        key=lambda candidate: (candidate.start - candidate.end, candidate.start, candidate.rule.index)
    )
    return candidates


def _scan(
    group: RuleGroup, text: str, window_start: int, window_end: int, candidates: list[Candidate]
) -> None:
    """Every rule of GROUP matched over the window as `finditer` would, tried only where it can start."""
    # Like finditer, a rule looks for its next match only after the end of its last one.
    resume = [window_start] * len(group.rules)
    rules, rules_at = group.rules, group.starts.rules_at  # looked up once: this loop is the hot one
    for hit in group.starts.scanner.finditer(text, window_start, window_end):
        position = hit.start()
        for index in rules_at(text, position):
            if position < resume[index]:
                continue
            rule = rules[index]
            match = rule.pattern.match(text, position, window_end)
            if match is not None:
                resume[index] = match.end()
                _keep(rule, (match,), text, candidates)


def _keep(rule: Rule, matches: Iterable[re.Match[str]], text: str, candidates: list[Candidate]) -> None:
    """Add to CANDIDATES the MATCHES of RULE that are not empty and that their context allows."""
    for match in matches:
        start, end = match.span()
        if start == end or not rule.accepts_context(text, start, end):
            continue
        groups = {name: value for name, value in match.groupdict().items() if value is not None}
        candidates.append(Candidate(start, end, rule, groups))


def select(candidates: list[Candidate], lower: int, upper: int) -> list[Candidate]:
    """The non-overlapping candidates, longest first, returned in text order."""
    occupied = bytearray(upper - lower)
    chosen = []
    for candidate in candidates:
        window = occupied[candidate.start - lower : candidate.end - lower]
        if window.find(1) != -1:
            continue
        occupied[candidate.start - lower : candidate.end - lower] = b"\x01" * (
            candidate.end - candidate.start
        )
        chosen.append(candidate)
    chosen.sort(key=lambda candidate: candidate.start)
    return chosen
