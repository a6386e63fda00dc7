"""Finding spans: run every grammar rule over a text and keep the best non-overlapping matches.

Overlaps are settled as HeidelTime does: the longest match wins; on equal length, the rule that
comes first in rules.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from timeline.temporal.grammar import Grammar, Rule


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
# How far an expression reaches from its anchoring word: "the next couple of years or so".
_WINDOW_REACH = 40
_WORD_TAIL = re.compile(r"[^\W_]*(?:['’.-][^\W_]+)*[.]?")


def anchor_tokens(text: str, lower: int, upper: int) -> list[tuple[str, int, int]]:
    """Every word of text[lower:upper] lower-cased, digits as "#", with its offsets."""
    return [
        ("#" if match.group().isdigit() else match.group().lower(), match.start(), match.end())
        for match in _TOKEN.finditer(text, lower, upper)
    ]


def windows_around(
    tokens: list[tuple[str, int, int]], anchors: frozenset[str], text: str, lower: int, upper: int
) -> list[tuple[int, int]]:
    """The stretches of text around the tokens that are ANCHORS, merged, ending at word edges.

    Trying a rule only there, rather than over the whole text, is what makes tagging cheap:
    a weekday rule has nothing to do where no weekday is written.
    """
    windows: list[tuple[int, int]] = []
    for word, token_start, token_end in tokens:
        if word not in anchors:
            continue
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
    tokens = [token for token in anchor_tokens(text, lower, upper) if token[0] in grammar.anchor_words]
    windows_by_anchors: dict[frozenset[str], list[tuple[int, int]]] = {}
    candidates = []
    for rule in grammar.rules:
        windows = windows_by_anchors.get(rule.anchors)
        if windows is None:
            windows = windows_by_anchors[rule.anchors] = windows_around(
                tokens, rule.anchors, text, lower, upper
            )
        for window_start, window_end in windows:
            candidates.extend(_matches(rule, text, window_start, window_end))
    candidates.sort(
        key=lambda candidate: (candidate.start - candidate.end, candidate.start, candidate.rule.index)
    )
    return candidates


def _matches(rule: Rule, text: str, window_start: int, window_end: int) -> list[Candidate]:
    found = []
    for match in rule.pattern.finditer(text, window_start, window_end):
        start, end = match.span()
        if start == end or not rule.accepts_context(text, start, end):
            continue
        groups = {name: value for name, value in match.groupdict().items() if value is not None}
        found.append(Candidate(start, end, rule, groups))
    return found


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
