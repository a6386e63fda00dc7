"""The candidate scan: where rules start (match_starts.py) and the finder that uses it.

The finder tries a rule only where its match can start; that must find exactly what trying every
rule over every window finds. `reference_candidates` below is that plain scan, and the finder is
held to it on the seed articles, on slices of them, and on generated texts full of the characters
where a shortcut could go wrong (case folding beyond ASCII, letters outside ASCII, odd spacing).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.temporal.finder import Candidate, anchor_tokens, find_candidates
from timeline.temporal.grammar import Grammar, grammar
from timeline.temporal.match_starts import StartIndex, leading_prefixes, sieved

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_TOKEN = re.compile(r"[A-Za-z]+|[0-9]+")
_WORD_TAIL = re.compile(r"[^\W_]*(?:['’.-][^\W_]+)*[.]?")


def reference_candidates(compiled: Grammar, text: str, lower: int, upper: int) -> list[tuple]:
    """Every rule searched with `finditer` over every window around its anchors: the plain scan."""
    tokens = [
        ("#" if match.group().isdigit() else match.group().lower(), match.start(), match.end())
        for match in _TOKEN.finditer(text, lower, upper)
    ]
    found = []
    for rule in compiled.rules:
        windows: list[tuple[int, int]] = []
        for word, token_start, token_end in tokens:
            if word not in rule.anchors:
                continue
            start, end = max(lower, token_start - 40), min(upper, token_end + 40)
            end = _WORD_TAIL.match(text, end, min(upper, end + 40)).end()
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        for window_start, window_end in windows:
            for match in rule.pattern.finditer(text, window_start, window_end):
                start, end = match.span()
                if start != end and rule.accepts_context(text, start, end):
                    groups = {name: value for name, value in match.groupdict().items() if value is not None}
                    found.append((start - end, start, rule.index, end, rule.name, groups))
    return [
        (start, end, name, groups)
        for _, start, _, end, name, groups in sorted(found, key=lambda item: item[:3])
    ]


def _found(candidates: list[Candidate]) -> list[tuple]:
    return [
        (candidate.start, candidate.end, candidate.rule.name, candidate.groups) for candidate in candidates
    ]


def _seed_texts() -> list[str]:
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as stream:
        return [(SEEDS / row["path"]).read_text(encoding="utf-8") for row in csv.DictReader(stream)]


def test_the_finder_finds_what_the_plain_scan_finds_on_the_seeds_whole_and_in_slices() -> None:
    compiled = grammar()
    compared = 0
    for text in _seed_texts():
        slices = [(0, len(text))] + [
            (start, min(len(text), start + 500)) for start in range(0, len(text), 173)
        ]
        for lower, upper in slices:
            expected = reference_candidates(compiled, text, lower, upper)
            assert _found(find_candidates(compiled, text, lower, upper)) == expected
            compared += len(expected)
    assert compared > 400


# Pieces of text where a shortcut in the scan could go wrong: expressions, their near-misses,
# characters outside ASCII that fold onto ASCII letters (the kelvin sign onto "k", the long s onto
# "s", the dotted capital I onto "i"), letters and spaces outside ASCII, and bare punctuation.
PIECES = [
    "Friday",
    "FRIDAY",
    "friday",
    "May",
    "March 3",
    "Oct. 15, 1999",
    "2025",
    "1990s",
    "'90s",
    "last week",
    "two months ago",
    "the past three years",
    "a day later",
    "the third quarter",
    "Q3",
    "8/7/25",
    "2025-08-07",
    "10:35 a.m.",
    "every year",
    "between 2017 and 2019",
    "May 8-10",
    "7 août 2025",
    "7 августа 2025",
    "12. März 2024",
    "Christmas",
    "New Year's Day",
    "earlier this month",
    "wee\u212a",
    "wee\u212as",
    "\u017fecond",
    "la\u017ft",
    "\u0130n June",
    "s\u0131x days",
    "the company",
    "a year earlier",
    "next\u00a0week",
    "three\u2009days",
    "vingt-et-un",
    "mid-2019",
    "mid\u20112019",
    "Thursday’s",
    "24-hour",
    "60 Minutes",
    "fiscal 1999",
    "-",
    "/",
    ",",
    ".",
    "'",
    "’",
    "\n",
    "\n\n",
    " ",
    "  ",
    "\t",
    "(",
    ")",
    "4",
    "12th",
    "x",
    "é",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=25),
    cuts=st.tuples(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400)),
)
def test_the_finder_finds_what_the_plain_scan_finds_on_any_text(
    pieces: list[str], cuts: tuple[int, int]
) -> None:
    compiled = grammar()
    text = "".join(pieces)
    lower, upper = min(cuts[0], len(text)), min(max(cuts), len(text))
    for start, end in ((0, len(text)), (lower, upper)):
        assert _found(find_candidates(compiled, text, start, end)) == reference_candidates(
            compiled, text, start, end
        )


def test_a_text_folded_beyond_ascii_is_still_found() -> None:
    # "ſ" (long s) matches "s" case-insensitively, so "ſeven days" is a duration to the rule itself.
    compiled = grammar()
    text = "They waited \u017feven days for news."
    assert _found(find_candidates(compiled, text, 0, len(text))) == reference_candidates(
        compiled, text, 0, len(text)
    )
    assert any(name == "duration" for _, _, name, _ in reference_candidates(compiled, text, 0, len(text)))


def test_leading_prefixes_are_the_first_characters_of_every_match() -> None:
    t, h, e = frozenset("tT"), frozenset("hH"), frozenset("eE")
    assert leading_prefixes(r"the[ \t]+year", re.IGNORECASE) == {(t, h, e)}
    assert leading_prefixes(r"(?-i:The)", re.IGNORECASE) == {(frozenset("T"), frozenset("h"), frozenset("e"))}
    digits = frozenset("0123456789")
    assert leading_prefixes(r"(?:1[0-9]|20)[0-9]{2}", re.IGNORECASE) == {
        (frozenset("1"), digits, digits),
        (frozenset("2"), frozenset("0"), digits),
    }
    # An optional piece: the prefix may open with it or with what follows it.
    assert leading_prefixes(r"(?:a[ \t]+)?[0-9]+", re.IGNORECASE) == {
        (frozenset("aA"), frozenset(" \t")),
        (digits,),
    }
    # A character outside ASCII allows no ASCII character, unless case folding maps one onto it.
    assert leading_prefixes("ao\u00fbt", re.IGNORECASE) == {(frozenset("aA"), frozenset("oO"), frozenset())}
    assert leading_prefixes("\u212a", re.IGNORECASE) == {(frozenset("kK"),)}
    # Prefixes that differ at one place are one: the same strings open them.
    assert leading_prefixes(r"the|this|three|two", re.IGNORECASE) == {
        (t, h, frozenset("eEiIrR")),
        (t, frozenset("wW"), frozenset("oO")),
    }
    # Look-arounds consume nothing: they are skipped, never read as characters.
    assert leading_prefixes(r"(?<![0-9])(?=x)x", re.IGNORECASE) == {(frozenset("xX"),)}


def test_a_rule_that_may_begin_anywhere_or_match_nothing_has_no_prefixes() -> None:
    assert leading_prefixes(r"[0-9]*", re.IGNORECASE) is None
    assert leading_prefixes(r".x", re.IGNORECASE | re.DOTALL) is None
    assert leading_prefixes(r"(?:x|[\s\S])z", re.IGNORECASE) is None


def test_the_start_index_names_the_rules_a_start_opens() -> None:
    index = StartIndex.of(
        [
            leading_prefixes(r"the[ \t]+year", re.IGNORECASE),
            leading_prefixes(r"three[ \t]+days", re.IGNORECASE),
            leading_prefixes(r"[0-9]{4}", re.IGNORECASE),
        ]
    )
    text = "The year three days 1999 thrice th\u00e9"
    hits = [match.start() for match in index.scanner.finditer(text)]
    # Word starts whose first character opens a rule: "year" and "days" open none.
    assert hits == [0, 9, 20, 25, 32]
    # A character outside ASCII may be anything: "thé" may open both "the" and "three".
    assert [index.rules_at(text, position) for position in hits] == [(0,), (1,), (2,), (1,), (0, 1)]


def test_anchor_tokens_are_the_anchor_words_and_numbers_in_text_order() -> None:
    words = frozenset({"day", "may", "#"})
    text = "Yesterday, MAY 12th day-by-day mayday 7"
    assert anchor_tokens(words, text, 0, len(text)) == [
        ("may", 11, 14),
        ("#", 15, 17),
        ("day", 20, 23),
        ("day", 27, 30),
        ("#", 38, 39),
    ]
    # A slice that starts inside a word starts the word there, as the tokens of the slice.
    assert anchor_tokens(words, text, 6, 19) == [("day", 6, 9), ("may", 11, 14), ("#", 15, 17)]
    assert anchor_tokens(frozenset({"day"}), text, 6, 8) == []
    # Only ASCII letters make words: "é" parts "caf" from "day", as a space would.
    assert anchor_tokens(words, "cafééday 2025’s", 0, 15) == [("day", 5, 8), ("#", 9, 13)]


def test_a_sieved_pattern_finds_what_the_pattern_finds_and_skips_where_none_can_start() -> None:
    body = r"[;:]|\s[—–]\s|\bbut\b|,\s*and\b"
    text = "Talks stalled; BUT the envoy left — and, and it ended: but not Butte or ſtill"
    plain, fast = re.compile(body, re.IGNORECASE), sieved(body, re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.group() for m in fast.finditer(text)] == [";", "BUT", " — ", ", and", ":", "but"]
    assert fast.pattern.startswith("(?=[^")
    # Only a non-word character or a "t" can begin "\W*that"; any character can begin "[\s\S]+that":
    # nothing to sieve, the pattern is kept as it is.
    assert sieved(r"\W*that\b").pattern == r"(?=[^\x30-\x39\x41-\x5a\x5f\x61-\x73\x75-\x7a])(?:\W*that\b)"
    assert sieved(r"[\s\S]+that\b").pattern == r"[\s\S]+that\b"
