"""The Dask engine on a real LocalCluster (two worker processes) gives what the local run gives."""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from pathlib import Path

import dask
import pytest

from timeline.execution import ArticleFailure, EngineError, map_articles
from timeline.pipeline import BuildError, build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Give up on an unreachable scheduler after a second (Dask's default is 30 s).
QUICK_CONNECT = {"distributed.comm.timeouts.connect": "1s"}


@dataclass(frozen=True)
class Piece:
    id: str
    text: str


def count_letters(piece: Piece) -> tuple[str, int]:
    """Letters in a text; 'raise' raises and 'kill' kills the Dask worker running it."""
    if piece.text == "raise":
        raise ValueError("no letters for 'raise'")
    if piece.text == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    return piece.id, sum(character.isalpha() for character in piece.text)


def test_dask_local_cluster_matches_the_local_run_and_isolates_failures() -> None:
    texts = [f"article {number} " + "word " * number for number in range(30)]
    texts[7] = "raise"
    texts[19] = "kill"
    pieces = [Piece(f"p{number}", text) for number, text in enumerate(texts)]
    local_failures: list[ArticleFailure] = []
    dask_failures: list[ArticleFailure] = []
    survivors = pieces[:19] + pieces[20:]
    local = list(map_articles(count_letters, survivors, jobs=1, on_failure=local_failures.append))
    distributed = list(
        map_articles(count_letters, pieces, jobs=2, engine="dask", on_failure=dask_failures.append)
    )
    assert distributed == local
    assert len(local) == 28
    assert dask_failures == [
        ArticleFailure("p7", "ValueError: no letters for 'raise'"),
        ArticleFailure("p19", "its Dask worker died while running it"),
    ]
    assert local_failures == dask_failures[:1]


def test_unreachable_scheduler_is_a_clear_error() -> None:
    refusal = "cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    with dask.config.set(QUICK_CONNECT), pytest.raises(EngineError, match=refusal):
        list(map_articles(count_letters, [Piece("p0", "x")], scheduler="tcp://127.0.0.1:9"))


def test_build_on_a_dask_cluster_writes_the_bytes_of_the_local_build(tmp_path: Path) -> None:
    local = build(SEEDS, out=tmp_path / "local", jobs=1, formats="graphml,json", no_cache=True)
    on_dask = build(
        SEEDS, out=tmp_path / "dask", jobs=2, formats="graphml,json", no_cache=True, engine="dask"
    )
    assert len(on_dask.events) == len(local.events) > 10
    for name in ("events.json", "articles.json", "graph.graphml", "graph.json"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_build_against_an_unreachable_scheduler_fails_before_reading_anything(tmp_path: Path) -> None:
    problems: list[str] = []
    refusal = "^cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
    with dask.config.set(QUICK_CONNECT), pytest.raises(BuildError, match=refusal):
        build(SEEDS, out=tmp_path / "out", scheduler="tcp://127.0.0.1:9", on_problem=problems.append)
    assert problems == []  # the seeds' reading warnings never came: nothing was read
