"""Finding spans: run every grammar rule over a text and keep the best non-overlapping matches.

Overlaps are settled as HeidelTime does: the longest match wins; on equal length, the rule that
comes first in rules.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.temporal.grammar import Grammar, Rule


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict[str, str]


def find_candidates(grammar: Grammar, text: str, lower: int, upper: int) -> list[Candidate]:
    """All rule matches within text[lower:upper] whose context allows them, best first."""
    candidates = []
    for rule in grammar.rules:
        for match in rule.pattern.finditer(text, lower, upper):
            start, end = match.span()
            if start == end or not rule.accepts_context(text, start, end):
                continue
            groups = {name: value for name, value in match.groupdict().items() if value is not None}
            candidates.append(Candidate(start, end, rule, groups))
    candidates.sort(key=lambda candidate: (candidate.start - candidate.end, candidate.start, candidate.rule.index))
    return candidates


def select(candidates: list[Candidate], lower: int, upper: int) -> list[Candidate]:
    """The non-overlapping candidates, longest first, returned in text order."""
    occupied = bytearray(upper - lower)
    chosen = []
    for candidate in candidates:
        window = occupied[candidate.start - lower:candidate.end - lower]
        if window.find(1) != -1:
            continue
        occupied[candidate.start - lower:candidate.end - lower] = b"\x01" * (candidate.end - candidate.start)
        chosen.append(candidate)
    chosen.sort(key=lambda candidate: candidate.start)
    return chosen
