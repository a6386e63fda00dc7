"""Where a rule can start matching: the few word starts worth trying it at.

Python's regular-expression engine tries a pattern at every position it searches, and our rules
open with a word-edge look-behind and a dozen optional words ("the", a hedge, a relation, a
count): each try at a word start costs about a microsecond, and nearly every try fails. So we
read each rule's parsed pattern and work out the first few characters any match of it can begin
with ("the", "les", "nea", a digit...). A group of rules then gets a `StartIndex`: a scanner that
skips in C to the word starts whose first character opens some rule, and a table of which rules
the first characters at such a start open.

Both are necessary conditions, never sufficient ones: they may let through a position where the
rule then fails, never stop one where it matches, so the rules find exactly what they found
before. Every character outside ASCII passes every class (folding beyond ASCII, as "K" the
kelvin sign matching "k", is left to the rule), and a construct the analysis does not know ends
the prefix there, with no condition beyond it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

# The parser of the standard library's `re`: reading a pattern's structure is its only use here.
from re import _constants as opcodes  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

# A prefix: the ASCII characters allowed at each of the first few places of a match.
Prefix = tuple[frozenset[str], ...]

# How many characters tell rules apart: "the"/"thi"/"thr" from "com"; more would make the table
# of starts (one entry per distinct run of characters met) grow much faster than it helps.
PREFIX_LENGTH = 3

# How many runs of leading characters a StartIndex remembers: English news meets a few thousand;
# text in another script could meet ever new ones, and there are some 40 indexes per process.
_KNOWN_LIMIT = 20_000

_ASCII = tuple(chr(code) for code in range(128))
_ALL_ASCII = frozenset(_ASCII)
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
_SINGLE_CHARACTER = {opcodes.LITERAL, opcodes.NOT_LITERAL, opcodes.ANY, opcodes.IN}

# The analysis of a piece of pattern: the prefixes of its matches, each with whether it is the
# whole match (so that what follows the piece continues the prefix) or only its start.
_Prefixes = frozenset[tuple[Prefix, bool]]
_EMPTY: _Prefixes = frozenset({((), True)})
_UNKNOWN: _Prefixes = frozenset({((), False)})


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


def _characters(op: object, value: object, flags: int) -> frozenset[str]:
    """The ASCII characters a one-character element (LITERAL, NOT_LITERAL, ANY, IN) matches."""
    if op is opcodes.LITERAL:
        return _ascii_matching(re.escape(chr(value)), flags)
    if op is opcodes.NOT_LITERAL:
        return _ascii_matching("[^" + re.escape(chr(value)) + "]", flags)
    if op is opcodes.ANY:
        return _ascii_matching(".", flags)
    source = _class_source(value)
    return _ALL_ASCII if source is None else _ascii_matching(source, flags)


def _element(op: object, value: object, flags: int) -> _Prefixes:
    if op in _SINGLE_CHARACTER:
        return frozenset({((_characters(op, value, flags),), True)})
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
        if len(body) == 1 and body[0][0] in _SINGLE_CHARACTER:
            characters = _characters(*body[0], flags)
            if least == 0:
                # "[ \t]*": a character of the class, or none and what follows.
                return frozenset({((characters,), False), ((), True)})
            # "[0-9]{2}", "[ \t]+": as many characters of the class as must come.
            return frozenset({((characters,) * min(least, PREFIX_LENGTH), most == least <= PREFIX_LENGTH)})
        inner = _sequence(body, flags)
        # After one repetition another may follow: the prefix is no longer the whole match.
        prefixes = inner if most == 1 else frozenset((prefix, False) for prefix, _ in inner)
        return prefixes | _EMPTY if least == 0 else prefixes
    if op in _ZERO_WIDTH:
        # Assertions constrain but consume nothing; ignoring them only weakens the condition.
        return _EMPTY
    return _UNKNOWN


def _sequence(elements: parser.SubPattern, flags: int) -> _Prefixes:
    prefixes = _EMPTY
    for op, value in elements:
        if not any(whole for _, whole in prefixes):
            break
        following = _element(op, value, flags)
        combined = set()
        for prefix, whole in prefixes:
            if not whole:
                combined.add((prefix, False))
                continue
            for continuation, continuation_whole in following:
                joined = prefix + continuation
                combined.add((joined[:PREFIX_LENGTH], continuation_whole and len(joined) < PREFIX_LENGTH))
        prefixes = frozenset(combined)
    return prefixes


def leading_prefixes(body: str, flags: int) -> frozenset[Prefix] | None:
    """The prefixes one of which every match of `(?<![\\w])(?:BODY)` begins with.

    None when a match may begin with any character or be empty: the rule must be tried everywhere.
    """
    parsed = parser.parse(body, flags)
    if parsed.getwidth()[0] == 0:
        return None
    prefixes = frozenset(prefix for prefix, _ in _sequence(parsed, parsed.state.flags))
    if not prefixes or any(not prefix or prefix[0] == _ALL_ASCII for prefix in prefixes):
        return None
    return _merged(prefixes)


def _merged(prefixes: frozenset[Prefix]) -> frozenset[Prefix]:
    """PREFIXES with those that differ at one place only made one: "the", "thi" -> "th[ei]".

    The same strings open them, in fewer alternatives for the classifier to compile and try.
    """
    changed = True
    while changed:
        changed = False
        for place in range(PREFIX_LENGTH):
            united: dict[tuple[int, Prefix, Prefix], frozenset[str]] = {}
            for prefix in prefixes:
                if place < len(prefix):
                    key = (len(prefix), prefix[:place], prefix[place + 1 :])
                    united[key] = united.get(key, frozenset()) | prefix[place]
            merged = frozenset(
                (*before, characters, *after) for (_, before, after), characters in united.items()
            ) | frozenset(prefix for prefix in prefixes if place >= len(prefix))
            if len(merged) < len(prefixes):
                prefixes, changed = merged, True
    return prefixes


@dataclass(frozen=True, slots=True)
class StartIndex:
    """Where the rules of one group can start: a scanner for the positions, then which rules.

    The scanner hits, one character each, every word start whose first character opens some
    rule's prefix; `rules_at` then names the rules whose prefixes the characters there open.
    """

    scanner: re.Pattern[str]
    # Matched at a start, captures group I+1 when the characters there open a prefix of rule I.
    classifier: re.Pattern[str]
    # What `rules_at` found for each run of leading characters: the same few hundred words recur.
    _known: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, prefixes: Iterable[frozenset[Prefix]]) -> StartIndex:
        prefixes = tuple(prefixes)
        initials = frozenset().union(*(prefix[0] for group in prefixes for prefix in group))
        # A plain class first, so that the engine skips to the next such character in C; the
        # look-behind then checks the word edge before it, as every rule begins with one.
        scanner = re.compile(_class(initials) + r"(?<![\w][\s\S])")
        classifier = re.compile("".join(f"(?:(?=({_alternatives(group)}))|)" for group in prefixes))
        return cls(scanner, classifier)

    def rules_at(self, text: str, position: int) -> tuple[int, ...]:
        """The indexes of the rules (in the order given to `of`) that can start at POSITION."""
        leading = text[position : position + PREFIX_LENGTH]
        rules = self._known.get(leading)
        if rules is None:
            if len(self._known) >= _KNOWN_LIMIT:
                # Texts in other scripts meet ever new runs of characters: keep the table bounded.
                self._known.clear()
            captured = self.classifier.match(leading).groups()
            rules = self._known[leading] = tuple(
                index for index, capture in enumerate(captured) if capture is not None
            )
        return rules


def _alternatives(prefixes: Iterable[Prefix]) -> str:
    """PREFIXES as one pattern whose alternatives share their beginnings."""
    following: dict[frozenset[str], list[Prefix]] = {}
    for prefix in prefixes:
        if not prefix:
            # An ended prefix is satisfied: nothing more needs checking on this branch.
            return ""
        following.setdefault(prefix[0], []).append(prefix[1:])
    branches = [
        _class(characters) + _alternatives(rests)
        for characters, rests in sorted(following.items(), key=lambda item: sorted(item[0]))
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def _class(characters: frozenset[str]) -> str:
    """A class of CHARACTERS and of every character outside ASCII, written as the ASCII ranges it
    excludes: a class spanning all of Unicode would take the `re` compiler a pass over every code
    point to build."""
    excluded = sorted(ord(character) for character in _ALL_ASCII - characters)
    if not excluded:
        return r"[\s\S]"
    ranges: list[list[int]] = []
    for code in excluded:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return (
        "[^"
        + "".join(f"\\x{low:02x}" + (f"-\\x{high:02x}" if high > low else "") for low, high in ranges)
        + "]"
    )


def sieved(body: str, flags: int = 0) -> re.Pattern[str]:
    """BODY compiled behind a look-ahead at the characters its matches can begin with, worked out
    from the pattern itself: a search then fails at once at most positions of a text, where it would
    try each alternative. The matches are the same (the look-ahead is a necessary condition, every
    character outside ASCII passes it); BODY alone where any character can begin a match."""
    prefixes = leading_prefixes(body, flags)
    if prefixes is None:
        return re.compile(body, flags)
    initials = frozenset().union(*(prefix[0] for prefix in prefixes))
    return re.compile(f"(?={_class(initials)})(?:{body})", flags)
