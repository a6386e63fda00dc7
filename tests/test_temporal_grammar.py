"""The grammar is checked when it loads: a rule the engine cannot run is an error naming the rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from timeline.temporal.grammar import RESOURCES, GrammarError, grammar, load_grammar

BROKEN_RULE = """
  - name: broken_weekday
    anchors: [weekday]
    pattern: '(?P<{group}>%weekday)'
    resolve: {resolver}
    arguments: {{{argument}: 1}}
"""


def _grammar_with(tmp_path: Path, group: str, resolver: str, argument: str) -> Path:
    folder = tmp_path / "xx"
    shutil.copytree(RESOURCES / "en", folder)
    rules = folder / "rules.yaml"
    rules.write_text(
        rules.read_text(encoding="utf-8")
        + BROKEN_RULE.format(group=group, resolver=resolver, argument=argument),
        encoding="utf-8",
    )
    return folder


def test_english_is_a_folder_of_data_files() -> None:
    assert sorted(path.name for path in (RESOURCES / "en").iterdir()) == [
        "cues.yaml",
        "lexicon.yaml",
        "rules.yaml",
    ]
    assert len(grammar("en").rules) == len(load_grammar(RESOURCES / "en").rules)


@pytest.mark.parametrize(
    ("group", "resolver", "argument", "message"),
    [
        ("weekday", "weekdya", "unit", "rule broken_weekday: unknown resolver 'weekdya'"),
        ("wekday", "weekday", "unit", "rule broken_weekday: unknown group 'wekday'"),
        ("weekday", "weekday", "unti", "rule broken_weekday: unknown argument 'unti'"),
    ],
)
def test_a_rule_naming_what_does_not_exist_is_an_error_naming_it(
    tmp_path: Path, group: str, resolver: str, argument: str, message: str
) -> None:
    with pytest.raises(GrammarError) as error:
        load_grammar(_grammar_with(tmp_path, group, resolver, argument))
    assert str(error.value) == message


def test_a_name_used_twice_is_an_error(tmp_path: Path) -> None:
    folder = _grammar_with(tmp_path, "weekday", "weekday", "unit")
    rules = folder / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("broken_weekday", "weekday"), encoding="utf-8")
    with pytest.raises(GrammarError, match="^rule weekday: the name is used by an earlier rule$"):
        load_grammar(folder)
