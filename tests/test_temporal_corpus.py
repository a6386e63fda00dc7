"""The temporal grammar's corpus: phrases that must resolve to a value, near-misses that must not be
tagged, and every example written beside a rule in rules.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from timeline.temporal import tag
from timeline.temporal.grammar import resource_path

CORPUS = Path(__file__).resolve().parent / "corpus"


def _rows(name: str) -> list[list[str]]:
    lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


POSITIVE = _rows("temporal_positive.tsv")
NEGATIVE = [row[0] for row in _rows("temporal_negative.txt")]
RULE_EXAMPLES = [
    (rule["name"], example)
    for rule in yaml.safe_load(resource_path("rules.yaml").read_text(encoding="utf-8"))["rules"]
    for example in rule["examples"]
]


@pytest.mark.parametrize(
    ("reference", "text", "written", "value", "granularity"), POSITIVE, ids=[row[1] for row in POSITIVE]
)
def test_positive_corpus(reference: str, text: str, written: str, value: str, granularity: str) -> None:
    found = {expression.text: expression for expression in tag(text, reference)}
    assert written in found, f"{written!r} not found in {text!r}: {sorted(found)}"
    assert (found[written].value, found[written].granularity) == (value, granularity)


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative_corpus(text: str) -> None:
    assert [expression.text for expression in tag(text, "2025-10-21")] == []


@pytest.mark.parametrize(("rule", "example"), RULE_EXAMPLES, ids=[f"{r}:{e}" for r, e in RULE_EXAMPLES])
def test_every_rule_example_is_found_by_its_rule(rule: str, example: str) -> None:
    # The example inside a sentence, as a reader would meet it.
    text = f"Officials said {example} was important."
    rules = {expression.rule for expression in tag(text, "2025-10-21")}
    assert rule in rules, f"{example!r} found by {sorted(rules)}"


def test_corpora_are_not_trivially_small() -> None:
    assert len(POSITIVE) >= 60 and len(NEGATIVE) >= 30 and len(RULE_EXAMPLES) >= 150
