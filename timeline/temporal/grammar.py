"""The grammar engine: load the word tables, pattern pieces and named rules, compile the rules.

A language is a folder of data files, `resources/<language>/`: `lexicon.yaml` (word tables and
pattern pieces), `rules.yaml` (one named rule per entry, with its examples) and `cues.yaml` (tense
cues); English is `resources/en/`. This module only expands `%piece` references, compiles each
rule to one regular expression, keeps the tables for the resolvers, and checks the rules when
they load: an unknown resolver, group, argument or role, or a name used twice, is a
`GrammarError` that names the rule. `grammar(language)` returns the compiled `Grammar`, built once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from timeline.temporal.match_starts import Prefix, StartIndex, leading_prefixes

RESOURCES = Path(__file__).resolve().parent / "resources"
DEFAULT_LANGUAGE = "en"
_REFERENCE = re.compile(r"%([a-z_]+)")
# A rule may not start or end inside a word: "Mayor" is no "May", "1990s" is no "1990".
_WORD_EDGE_BEFORE = r"(?<![\w])"
_WORD_EDGE_AFTER = r"(?![\w])"
_CONTEXT_WINDOW = 48


@dataclass(frozen=True, slots=True)
class Rule:
    """One named grammar rule: its compiled pattern, its resolver and the context it needs."""

    name: str
    index: int
    pattern: re.Pattern[str]
    resolver: str
    type: str
    arguments: dict[str, Any] = field(default_factory=dict)
    examples: tuple[str, ...] = ()
    preceded_by: re.Pattern[str] | None = None
    not_preceded_by: re.Pattern[str] | None = None
    not_followed_by: re.Pattern[str] | None = None
    rejects: tuple[re.Pattern[str], ...] = ()
    # The lower-cased words (or "#" for any digit) one of which every match of this rule holds.
    anchors: frozenset[str] = frozenset()
    # What every match begins with (see match_starts.py); None when it may begin with anything.
    prefixes: frozenset[Prefix] | None = None
    # What other rules may ask of its expressions ("counted", "topic_quarter"; see rules.yaml).
    role: str | None = None

    def accepts_context(self, text: str, start: int, end: int) -> bool:
        """Whether the text around a match allows this rule to fire there."""
        before = text[max(0, start - _CONTEXT_WINDOW) : start]
        if self.preceded_by is not None and not self.preceded_by.search(before):
            return False
        if self.not_preceded_by is not None and self.not_preceded_by.search(before):
            return False
        after = text[end : end + _CONTEXT_WINDOW]
        if self.not_followed_by is not None and self.not_followed_by.match(after):
            return False
        if self.rejects:
            surrounding = text[start : end + _CONTEXT_WINDOW]
            if any(reject.match(surrounding) for reject in self.rejects):
                return False
        return True


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """The rules tried around the same anchor words, in rules.yaml order."""

    anchors: frozenset[str]
    # The rules whose matches begin with known prefixes, and where they can start.
    rules: tuple[Rule, ...]
    starts: StartIndex | None
    # The rules that may begin anywhere, searched at every position.
    searched_everywhere: tuple[Rule, ...]


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[Rule, ...]
    tables: dict[str, dict[str, Any]]
    cues: dict[str, re.Pattern[str]]
    # Every word that anchors some rule: the only words the finder needs to look at.
    anchor_words: frozenset[str]
    # The rules grouped by anchors, as the finder tries them, and the groups each word anchors.
    groups: tuple[RuleGroup, ...]
    groups_by_anchor: dict[str, tuple[int, ...]]
    roles: dict[str, str] = field(default_factory=dict)  # rule name -> role, for the rules with one

    def role_of(self, rule_name: str | None) -> str | None:
        """The role of the rule named RULE_NAME (see rules.yaml), None for a rule without one."""
        return self.roles.get(rule_name or "")

    def lookup(self, table: str, word: str) -> Any:
        """The normalised value of WORD in TABLE (case, spacing and apostrophes ignored)."""
        return self.tables[table].get(normalise_word(word))


def normalise_word(word: str) -> str:
    return re.sub(r"[\s-]+", " ", word.strip().lower().replace("’", "'")).rstrip(".")


def _word_pattern(word: str) -> str:
    """A table word as a pattern: any run of spaces or hyphens between its parts, either apostrophe."""
    parts = [re.escape(part).replace("'", "['’]") for part in re.split(r"[\s]+", word)]
    return r"[\s-]+".join(parts)


# Words that stay lower-case inside a capitalised name ("Fourth of July").
_MINOR_WORDS = {"of", "the", "and"}


def _capitalised_forms(word: str) -> list[str]:
    parts = word.split(" ")
    title = " ".join(
        part if index and part in _MINOR_WORDS else part[:1].upper() + part[1:]
        for index, part in enumerate(parts)
    )
    return [title, word.upper()]


def _table_piece(words: list[str], capitalised: bool) -> str:
    ordered = sorted(words, key=lambda word: (-len(word), word))
    if not capitalised:
        return "(?:" + "|".join(_word_pattern(word) for word in ordered) + ")"
    forms = [_word_pattern(form) for word in ordered for form in _capitalised_forms(word)]
    return "(?-i:" + "|".join(forms) + ")"


def _expand(pattern: str, pieces: dict[str, str], seen: tuple[str, ...] = ()) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match[1]
        if name not in pieces:
            raise KeyError(f"unknown pattern piece %{name}")
        if name in seen:
            raise ValueError(f"pattern piece %{name} refers to itself")
        return "(?:" + _expand(pieces[name], pieces, (*seen, name)) + ")"

    return _REFERENCE.sub(replace, pattern)


def _anchor_words(anchors: list[str], tables: dict[str, dict[str, Any]]) -> frozenset[str]:
    """A rule's anchors as words: a table stands for the words of its entries, `digit` for "#"."""
    words: set[str] = set()
    for anchor in anchors:
        if anchor == "digit":
            words.add("#")
        elif anchor in tables:
            words.update(part for entry in tables[anchor] for part in re.findall(r"[a-z]+", entry))
        else:
            words.add(anchor.lower())
    # Parts too common to anchor anything ("st" of "st. patrick's day", "s" of "new year's").
    return frozenset(words - {"s", "st", "a", "an", "of", "the"})


class GrammarError(ValueError):
    """A rule of the resources that the engine cannot run: the message names the rule."""


def resource_path(name: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """The data file NAME of LANGUAGE (e.g. resources/en/rules.yaml)."""
    return RESOURCES / language / name


def _load(folder: Path, name: str) -> Any:
    with (folder / name).open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _check(
    entry: dict[str, Any], pattern: re.Pattern[str], vocabulary: dict[str, Any], seen: set[str]
) -> None:
    """Raise GrammarError, naming the rule, if ENTRY uses a name the engine does not know."""
    name = entry.get("name", "?")
    known_groups, known_arguments = vocabulary["groups"], vocabulary["arguments"]
    problems = []
    if name in seen:
        problems.append("the name is used by an earlier rule")
    if entry.get("resolve") not in vocabulary["operations"]:
        problems.append(f"unknown resolver {entry.get('resolve')!r}")
    problems += [f"unknown group {group!r}" for group in pattern.groupindex if group not in known_groups]
    arguments = entry.get("arguments") or {}
    problems += [f"unknown argument {key!r}" for key in arguments if key not in known_arguments]
    if entry.get("role") is not None and entry["role"] not in vocabulary["roles"]:
        problems.append(f"unknown role {entry['role']!r}")
    if problems:
        raise GrammarError(f"rule {name}: " + "; ".join(problems))


def _context_pattern(source: str | None, pieces: dict[str, str], anchor: str) -> re.Pattern[str] | None:
    if not source:
        return None
    expanded = _expand(source, pieces)
    if anchor == "end":
        return re.compile(r"(?:" + expanded + r")\s*$", re.IGNORECASE)
    return re.compile(expanded, re.IGNORECASE)


@cache
def grammar(language: str = DEFAULT_LANGUAGE) -> Grammar:
    """The compiled grammar of LANGUAGE (loaded and checked once per process)."""
    return load_grammar(RESOURCES / language)


def load_grammar(folder: Path) -> Grammar:
    """Load, check and compile the grammar whose data files are in FOLDER."""
    # The resolvers are the grammar's operations; imported here, as they use the grammar's types.
    from timeline.temporal.resolvers import RESOLVERS

    lexicon = _load(folder, "lexicon.yaml")
    capitalised = set(lexicon.get("capitalised", ()))
    tables: dict[str, dict[str, Any]] = {
        name: {normalise_word(str(word)): value for word, value in table.items()}
        for name, table in lexicon["tables"].items()
    }
    pieces: dict[str, str] = {
        name: _table_piece([str(word) for word in table], name in capitalised)
        for name, table in lexicon["tables"].items()
    }
    pieces.update(lexicon["pieces"])
    rule_file = _load(folder, "rules.yaml")
    vocabulary = {
        "operations": RESOLVERS,
        "groups": frozenset(rule_file["groups"]),
        "arguments": frozenset(rule_file["arguments"]),
        "roles": frozenset(rule_file["roles"]),
    }
    rules: list[Rule] = []
    for index, entry in enumerate(rule_file["rules"]):
        body = _expand(entry["pattern"], pieces)
        pattern = re.compile(_WORD_EDGE_BEFORE + "(?:" + body + ")" + _WORD_EDGE_AFTER, re.IGNORECASE)
        _check(entry, pattern, vocabulary, {rule.name for rule in rules})
        rules.append(
            Rule(
                name=entry["name"],
                index=index,
                pattern=pattern,
                resolver=entry["resolve"],
                type=entry.get("type", "DATE"),
                arguments=dict(entry.get("arguments") or {}),
                examples=tuple(entry.get("examples") or ()),
                preceded_by=_context_pattern(entry.get("preceded_by"), pieces, "end"),
                not_preceded_by=_context_pattern(entry.get("not_preceded_by"), pieces, "end"),
                not_followed_by=_context_pattern(entry.get("not_followed_by"), pieces, "start"),
                rejects=tuple(
                    re.compile(_expand(reject, pieces), re.IGNORECASE) for reject in entry.get("reject") or ()
                ),
                anchors=_anchor_words(entry["anchors"], tables),
                prefixes=leading_prefixes(body, re.IGNORECASE),
                role=entry.get("role"),
            )
        )
    cue_file = _load(folder, "cues.yaml")
    cues = {
        # Cue lists are folded YAML over several lines: their spaces are layout, not pattern.
        name: re.compile(
            r"(?<![\w'])(?:" + _expand("".join(source.split()), pieces) + r")(?![\w])", re.IGNORECASE
        )
        for name, source in cue_file["cues"].items()
    }
    anchor_words = frozenset().union(*(rule.anchors for rule in rules))
    groups = _groups(rules)
    return Grammar(
        rules=tuple(rules),
        tables=tables,
        cues=cues,
        anchor_words=anchor_words,
        groups=groups,
        groups_by_anchor={
            word: tuple(index for index, group in enumerate(groups) if word in group.anchors)
            for word in sorted(anchor_words)
        },
        roles={rule.name: rule.role for rule in rules if rule.role is not None},
    )


def _groups(rules: list[Rule]) -> tuple[RuleGroup, ...]:
    by_anchors: dict[frozenset[str], list[Rule]] = {}
    for rule in rules:
        by_anchors.setdefault(rule.anchors, []).append(rule)
    groups = []
    for anchors, members in by_anchors.items():
        located = tuple(rule for rule in members if rule.prefixes is not None)
        groups.append(
            RuleGroup(
                anchors=anchors,
                rules=located,
                starts=StartIndex.of(tuple(rule.prefixes for rule in located)) if located else None,
                searched_everywhere=tuple(rule for rule in members if rule.prefixes is None),
            )
        )
    return tuple(groups)
