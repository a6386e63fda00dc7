"""Where a rule can start matching: a scanner that finds the few positions worth trying it at.

Python's regular-expression engine tries a pattern at every position it searches; for our rules,
which open with a word-edge look-behind and a dozen optional words ("the", a hedge, a relation,
a count), each failed try at a word start costs about a microsecond, and nearly every try fails.
So each rule gets a scanner: from the parsed pattern we work out the first few characters any
match can begin with ("the", "les", "nea", a digit...), and compile them, case-expanded, into
a case-sensitive pattern whose first character class lets the engine skip all other positions
in C. The finder tries the rule only where the scanner hits.

The scanner is a necessary condition, never a sufficient one: it may hit where the rule then
fails, never miss where the rule matches. Every character outside ASCII passes every class, so
case folding beyond ASCII ("K" the kelvin sign matches "k") cannot make it miss; a construct the
analysis does not know stops the prefix there (no condition beyond it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

# The parser of the standard library's `re`: reading a pattern's structure is its only use here.
from re import _constants as opcodes  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

# A prefix is a tuple of character sets (the ASCII characters allowed at that place).
Prefix = tuple[frozenset[str], ...]

# How many leading characters the scanner checks, and how many alternatives it may hold:
# three characters tell "the"/"thirty"/"three" from "company"; more only lengthens the scanner.
PREFIX_LENGTH = 3
MAXIMUM_PREFIXES = 400
_ASCII = tuple(chr(code) for code in range(128))
_ALL_ASCII = frozenset(_ASCII)
_NON_ASCII = "\\x80-\\U0010ffff"
_FLAGS_THAT_MATTER = re.IGNORECASE | re.ASCII | re.DOTALL | re.UNICODE
_CATEGORIES = {
    opcodes.CATEGORY_DIGIT: r"\d",
    opcodes.CATEGORY_NOT_DIGIT: r"\D",
    opcodes.CATEGORY_SPACE: r"\s",
    opcodes.CATEGORY_NOT_SPACE: r"\S",
    opcodes.CATEGORY_WORD: r"\w",
    opcodes.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = {opcodes.MAX_REPEAT, opcodes.MIN_REPEAT, getattr(opcodes, "POSSESSIVE_REPEAT", None)} - {None}
_ZERO_WIDTH = {opcodes.AT, opcodes.ASSERT, opcodes.ASSERT_NOT}

# One analysed element: the prefixes its matches can begin with, each with whether it is the whole
# match (so that what follows the element continues the prefix).
_Starts = frozenset[tuple[Prefix, bool]]
_EMPTY: _Starts = frozenset({((), True)})
_UNKNOWN: _Starts = frozenset({((), False)})


@cache
def _ascii_matching(source: str, flags: int) -> frozenset[str]:
    """The ASCII characters that SOURCE, a one-character pattern, matches under FLAGS."""
    compiled = re.compile(source, flags & _FLAGS_THAT_MATTER)
    return frozenset(character for character in _ASCII if compiled.fullmatch(character))


def _class_source(items: list[tuple[object, object]]) -> str | None:
    """The character class of a parsed IN, written back as a pattern; None for an unknown item."""
    parts = []
    for op, value in items:
        if op is opcodes.NEGATE:
            parts.insert(0, "^")
        elif op is opcodes.LITERAL:
            parts.append(re.escape(chr(value)))
        elif op is opcodes.RANGE:
            parts.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif op is opcodes.CATEGORY and value in _CATEGORIES:
            parts.append(_CATEGORIES[value])
        else:
            return None
    return "[" + "".join(parts) + "]"


def _one_character(source: str | None, flags: int) -> _Starts:
    characters = _ALL_ASCII if source is None else _ascii_matching(source, flags)
    return frozenset({((characters,), True)})


def _element(op: object, value: object, flags: int) -> _Starts:
    if op is opcodes.LITERAL:
        return _one_character(re.escape(chr(value)), flags)
    if op is opcodes.NOT_LITERAL:
        return _one_character("[^" + re.escape(chr(value)) + "]", flags)
    if op is opcodes.ANY:
        return _one_character(".", flags)
    if op is opcodes.IN:
        return _one_character(_class_source(value), flags)
    if op is opcodes.SUBPATTERN:
        _group, add_flags, del_flags, body = value
        return _sequence(body, (flags | add_flags) & ~del_flags)
    if op is opcodes.BRANCH:
        return frozenset().union(*(_sequence(alternative, flags) for alternative in value[1]))
    if op is getattr(opcodes, "ATOMIC_GROUP", None):
        # An atomic group matches some of what its body matches.
        return _sequence(value, flags)
    if op in _REPEATS:
        least, most, body = value
        if most == 0:
            return _EMPTY
        inner = _sequence(body, flags)
        # After one repetition another may follow: the prefix is no longer the whole match.
        starts = inner if most == 1 else frozenset((prefix, False) for prefix, _ in inner)
        return starts | _EMPTY if least == 0 else starts
    if op in _ZERO_WIDTH:
        # Assertions constrain but consume nothing; ignoring them only weakens the condition.
        return _EMPTY
    return _UNKNOWN


def _sequence(elements: parser.SubPattern, flags: int) -> _Starts:
    starts = _EMPTY
    for op, value in elements:
        if all(not whole or len(prefix) >= PREFIX_LENGTH for prefix, whole in starts):
            break
        following = _element(op, value, flags)
        combined = set()
        for prefix, whole in starts:
            if not whole or len(prefix) >= PREFIX_LENGTH:
                combined.add((prefix[:PREFIX_LENGTH], False))
                continue
            for continuation, continuation_whole in following:
                joined = prefix + continuation
                combined.add((joined[:PREFIX_LENGTH], continuation_whole and len(joined) < PREFIX_LENGTH))
        starts = _bounded(combined)
    return frozenset(starts)


def _bounded(starts: set[tuple[Prefix, bool]]) -> set[tuple[Prefix, bool]]:
    """STARTS, cut shorter until there are few enough of them to write into one scanner."""
    length = PREFIX_LENGTH
    while len(starts) > MAXIMUM_PREFIXES and length > 1:
        length -= 1
        starts = {(prefix[:length], whole and len(prefix) <= length) for prefix, whole in starts}
    return starts


def leading_prefixes(body: str, flags: int) -> frozenset[Prefix] | None:
    """The prefixes, one of which every match of `(?<![\\w])(?:BODY)` begins with.

    None when a match may begin with any character or be empty: the rule must be tried everywhere.
    """
    parsed = parser.parse(body, flags)
    if parsed.getwidth()[0] == 0:
        return None
    prefixes = frozenset(prefix for prefix, _ in _sequence(parsed, parsed.state.flags))
    if not prefixes or any(not prefix or prefix[0] == _ALL_ASCII for prefix in prefixes):
        return None
    return prefixes


def _opens(prefix: Prefix, text: str) -> bool:
    """Whether TEXT can begin with PREFIX (a character outside ASCII may be anything)."""
    return len(text) >= len(prefix) and all(
        character >= "\x80" or character in characters
        for character, characters in zip(text, prefix, strict=False)
    )


@dataclass(frozen=True, slots=True)
class StartIndex:
    """Where the rules of one group can start: a scanner for the positions, then which rules.

    The scanner hits, one character each, every word start whose first character opens some
    rule's prefix; `rules_at` then names the rules whose prefixes the next few characters open.
    """

    prefixes: tuple[frozenset[Prefix], ...]
    scanner: re.Pattern[str]
    # What `rules_at` found for each run of leading characters: the same few hundred words recur.
    _known: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, prefixes: tuple[frozenset[Prefix], ...]) -> StartIndex:
        initials = frozenset().union(*(prefix[0] for group in prefixes for prefix in group))
        # A plain class first, so that the engine skips to the next such character in C; the
        # look-behind then checks the word edge before it, as every rule begins with one.
        return cls(prefixes, re.compile(_character_class(initials) + r"(?<![\w][\s\S])"))

    def rules_at(self, text: str, position: int) -> tuple[int, ...]:
        """The indexes (into `prefixes`) of the rules that can start matching at POSITION."""
        leading = text[position : position + PREFIX_LENGTH]
        rules = self._known.get(leading)
        if rules is None:
            rules = self._known[leading] = tuple(
                index
                for index, prefixes in enumerate(self.prefixes)
                if any(_opens(prefix, leading) for prefix in prefixes)
            )
        return rules


def _character_class(characters: frozenset[str]) -> str:
    # Any character outside ASCII passes: folding rules beyond ASCII are left to the rule itself.
    return "[" + "".join(re.escape(character) for character in sorted(characters)) + _NON_ASCII + "]"
