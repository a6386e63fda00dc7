"""`timeline build` in parallel and incrementally: the same bytes whatever --jobs is, re-runs served
from the cache, one build at a time per --out."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest

from timeline.cache import CACHE_FILE, ResultCache, _checksum, decode_result, encode_result
from timeline.locking import LOCK_FILE, lock_output
from timeline.pipeline import BuildError, build

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
OUTPUTS = ("events.json", "articles.json", "graph.graphml", "graph.json")


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def test_outputs_are_byte_identical_whatever_jobs(tmp_path: Path) -> None:
    one = build(SEEDS, out=tmp_path / "jobs1", jobs=1, formats="graphml,json", no_cache=True)
    two = build(SEEDS, out=tmp_path / "jobs2", jobs=2, formats="graphml,json", no_cache=True)
    assert len(one.events) == len(two.events) > 10
    assert outputs(tmp_path / "jobs1") == outputs(tmp_path / "jobs2")


def mark_cached_labels(cache_folder: Path) -> int:
    """Rewrite every stored file result so its event labels say they came from the cache."""
    connection = sqlite3.connect(cache_folder / CACHE_FILE)
    rows = connection.execute("SELECT key, payload FROM results").fetchall()
    for key, payload in rows:
        marked = []
        for result in decode_result(payload):
            events = tuple(dataclasses.replace(event, label=f"CACHED {event.label}")
                           for event in result.analysis.events)
            analysis = dataclasses.replace(result.analysis, events=events)
            marked.append(dataclasses.replace(result, analysis=analysis))
        new_payload = encode_result(tuple(marked))
        connection.execute("UPDATE results SET checksum = ?, payload = ? WHERE key = ?",
                           (_checksum(new_payload), new_payload, key))
    connection.commit()
    connection.close()
    return len(rows)


def test_rerun_reads_the_cache_and_analyses_only_new_articles(tmp_path: Path) -> None:
    inputs = tmp_path / "articles"
    shutil.copytree(SEEDS, inputs)
    out, cache = tmp_path / "out", tmp_path / "cache"
    first = build(inputs, out=out, jobs=2, formats="none", cache=cache)
    assert mark_cached_labels(cache) == len(first.articles) == 5
    # A new day's article: the five old ones come from the cache, only the new one is analysed.
    (inputs / "new.txt").write_text(
        "---\ndate: 2026-03-04\n---\nThe foreign ministers of Norway and Chile met in Oslo on Tuesday "
        "to sign a fisheries agreement. The agreement will take effect on June 1, 2026.\n",
        encoding="utf-8",
    )
    second = build(inputs, out=out, jobs=2, formats="none", cache=cache)

    def reported_by(event) -> set[str]:
        return {source.article for source in event.sources}

    from_new = [event for event in second.events if reported_by(event) == {"new.txt"}]
    from_old = [event for event in second.events if "new.txt" not in reported_by(event)]
    assert from_new and from_old
    assert all(not event.label.startswith("CACHED ") for event in from_new)
    assert all(event.label.startswith("CACHED ") for event in from_old)


def test_outputs_from_the_cache_are_byte_identical_to_a_fresh_build(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(SEEDS, out=tmp_path / "filling", jobs=2, formats="graphml,json", cache=cache)
    build(SEEDS, out=tmp_path / "cached", jobs=2, formats="graphml,json", cache=cache)
    build(SEEDS, out=tmp_path / "fresh", jobs=1, formats="graphml,json", no_cache=True)
    assert outputs(tmp_path / "cached") == outputs(tmp_path / "fresh") == outputs(tmp_path / "filling")


def test_default_cache_sits_beside_the_output(tmp_path: Path) -> None:
    build(SEEDS, out=tmp_path / "out", jobs=1, formats="none")
    assert (tmp_path / ".timeline-cache" / CACHE_FILE).is_file()
    assert not (tmp_path / "out" / ".timeline-cache").exists()


def test_a_second_build_into_the_same_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with lock_output(out):
        with pytest.raises(BuildError, match=f"^{out}: another build is writing here"):
            build(SEEDS, out=out, jobs=1, formats="none", no_cache=True)
    assert not (out / "events.json").exists()


def written_files(folder: Path) -> dict[str, bytes]:
    """Every file of an output folder but the lock, which names its latest holder."""
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.name != LOCK_FILE}


def test_interrupted_build_keeps_previous_outputs_and_a_sound_cache(tmp_path: Path) -> None:
    inputs = tmp_path / "articles"
    shutil.copytree(SEEDS, inputs)
    out, cache = tmp_path / "out", tmp_path / "cache"
    earlier = build(inputs / "002_1fe8c6310e030e24.txt", out=out, jobs=1, formats="none", no_cache=True)
    previous = written_files(out)

    def interrupt_after_two(results, total):
        for count, result in enumerate(results, start=1):
            yield result
            if count == 2:
                raise KeyboardInterrupt  # what Ctrl-C does to the build's main process

    with pytest.raises(KeyboardInterrupt):
        build(inputs, out=out, jobs=2, formats="none", cache=cache, progress=interrupt_after_two)
    assert written_files(out) == previous  # no new, half-written or temporary file either
    assert earlier.events
    reports: list[str] = []
    stored = ResultCache(cache, report=reports.append)
    assert len(stored) >= 2 and reports == []
    stored.close()
    assert build(inputs, out=out, jobs=2, formats="none", cache=cache).events
