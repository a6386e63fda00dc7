"""The execution engines: results in input order, failures isolated and named, bounded streaming."""

from __future__ import annotations

import os
import signal
import sys
import types
from dataclasses import dataclass

import pytest

from timeline.execution import ArticleFailure, EngineError, map_articles


@dataclass(frozen=True)
class Piece:
    id: str
    text: str


def shout(piece: Piece) -> str:
    """Uppercase, except for texts that ask to fail or to kill the worker running them."""
    if piece.text == "raise":
        raise ValueError("cannot shout 'raise'")
    if piece.text == "exit":
        os._exit(3)
    if piece.text == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    return f"{piece.id}:{piece.text.upper()}"


def pieces(texts: list[str]) -> list[Piece]:
    return [Piece(f"p{number}", text) for number, text in enumerate(texts)]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_results_come_back_in_input_order(jobs: int) -> None:
    texts = [f"text {number}" for number in range(60)]
    assert list(map_articles(shout, pieces(texts), jobs=jobs)) == [
        f"p{number}:TEXT {number}" for number in range(60)
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_exception_loses_that_article_only_and_names_it(jobs: int) -> None:
    failures: list[ArticleFailure] = []
    results = list(map_articles(shout, pieces(["a", "raise", "b"]), jobs=jobs, on_failure=failures.append))
    assert results == ["p0:A", "p2:B"]
    assert failures == [ArticleFailure("p1", "ValueError: cannot shout 'raise'")]


def test_a_dead_worker_loses_its_article_only_and_is_replaced() -> None:
    texts = ["a", "b", "exit", "c", "d", "kill", "e", "f", "g", "h"]
    failures: list[ArticleFailure] = []
    results = list(map_articles(shout, pieces(texts), jobs=2, on_failure=failures.append))
    assert results == ["p0:A", "p1:B", "p3:C", "p4:D", "p6:E", "p7:F", "p8:G", "p9:H"]
    assert failures == [
        ArticleFailure("p2", "its worker process died (exit code 3)"),
        ArticleFailure("p5", "its worker process died (SIGKILL)"),
    ]


def test_default_failure_report_is_one_line_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(map_articles(shout, pieces(["raise", "x"]), jobs=1)) == ["p1:X"]
    assert capsys.readouterr().err == "timeline: p0: ValueError: cannot shout 'raise'; skipped\n"


def test_items_are_drawn_lazily_within_the_window() -> None:
    drawn: list[int] = []

    def source():
        for number in range(1000):
            drawn.append(number)
            yield Piece(f"p{number}", "x")

    results = map_articles(shout, source(), jobs=2, window=10)
    assert next(results) == "p0:X"
    assert len(drawn) <= 11
    results.close()


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(EngineError, match="unknown engine 'spark'"):
        list(map_articles(shout, pieces(["a"]), engine="spark"))


def test_workers_that_cannot_start_stop_the_run_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # A function from a module that exists only in this process: a worker cannot import it, so it
    # dies before it starts, which is no article's fault.
    module = types.ModuleType("module_only_in_the_parent")
    exec("def identity(item):\n    return item\n", module.__dict__)
    monkeypatch.setitem(sys.modules, module.__name__, module)
    expected = r"^worker processes fail to start: worker process died \(exit code 1\)$"
    with pytest.raises(EngineError, match=expected):
        list(map_articles(module.identity, pieces(["a", "b"]), jobs=2))
