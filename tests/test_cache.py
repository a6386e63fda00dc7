"""The SQLite result cache: hits and misses, what the key depends on, and never trusting a bad file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import pickle
import sqlite3
from pathlib import Path

import pytest

from timeline.cache import CACHE_FILE, ResultCache, cache_folder_for, decode_result, open_cache
from timeline.execution import map_articles
from timeline.model import Article, Source


def summarise(article: Article) -> Source:
    return Source(
        article=article.id, start=0, end=len(article.text), text=article.text[:5], timex=article.date or ""
    )


def article(identifier: str, text: str, date: str | None = "2025-08-20") -> Article:
    return Article(id=identifier, path=identifier, text=text, date=date, date_source="manifest")


def run(
    folder: Path, articles: list[Article], reports: list[str] | None = None
) -> tuple[list[Source], ResultCache]:
    cache = ResultCache(folder, report=(reports if reports is not None else []).append)
    results = list(map_articles(summarise, articles, jobs=1, cache=cache))
    cache.close()
    return results, cache


def test_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    articles = [article("a.txt", "Alpha text"), article("b.txt", "Beta text")]
    first, cache = run(tmp_path, articles)
    assert (cache.hits, cache.misses, cache.stored) == (0, 2, 2)
    second, cache = run(tmp_path, articles + [article("c.txt", "Gamma text")])
    assert (cache.hits, cache.misses, cache.stored) == (2, 1, 1)
    assert second[:2] == first
    assert second[2] == Source("c.txt", 0, 10, "Gamma", "2025-08-20")


def test_key_depends_on_text_date_id_and_function_not_on_the_path(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    base = article("a.txt", "Alpha text")
    keys = {
        cache.key_for(summarise, base),
        cache.key_for(summarise, article("a.txt", "Alpha text!")),
        cache.key_for(summarise, article("a.txt", "Alpha text", date="2025-08-21")),
        cache.key_for(summarise, article("b.txt", "Alpha text")),
        cache.key_for(article, base),
    }
    assert len(keys) == 5
    assert cache.key_for(summarise, article("a.txt", "Alpha text")) == cache.key_for(summarise, base)
    moved = dataclasses.replace(base, path="elsewhere/a.txt")
    assert cache.key_for(summarise, moved) == cache.key_for(summarise, base)
    cache.close()


def test_a_file_that_is_not_sqlite_is_reported_and_rebuilt(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database at all" * 100)
    reports: list[str] = []
    results, cache = run(tmp_path, [article("a.txt", "Alpha text")], reports)
    assert results == [Source("a.txt", 0, 10, "Alpha", "2025-08-20")]
    assert len(reports) == 1
    assert reports[0].startswith(f"cache {tmp_path / CACHE_FILE}: corrupt (file is not a database)")
    _, cache = run(tmp_path, [article("a.txt", "Alpha text")], reports)
    assert cache.hits == 1 and len(reports) == 1


def test_a_damaged_page_is_detected_and_the_cache_rebuilt(tmp_path: Path) -> None:
    articles = [article(f"{number}.txt", f"text number {number} " * 200) for number in range(200)]
    run(tmp_path, articles)
    path = tmp_path / CACHE_FILE
    data = bytearray(path.read_bytes())
    data[4096 * 2:4096 * 6] = b"\xff" * (4096 * 4)  # overwrite b-tree pages in the middle
    path.write_bytes(bytes(data))
    reports: list[str] = []
    results, _ = run(tmp_path, articles, reports)
    assert results == [summarise(item) for item in articles]
    assert reports and all("corrupt" in report or "failed its check" in report for report in reports)


def test_another_programs_sqlite_file_is_set_aside_not_read(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / CACHE_FILE)
    connection.execute("CREATE TABLE results (key TEXT, checksum TEXT, payload BLOB)")
    connection.commit()
    connection.close()
    reports: list[str] = []
    results, cache = run(tmp_path, [article("a.txt", "Alpha text")], reports)
    assert cache.hits == 0 and results == [Source("a.txt", 0, 10, "Alpha", "2025-08-20")]
    assert len(reports) == 1 and "not a timeline cache" in reports[0]
    assert len(list(tmp_path.glob(f"{CACHE_FILE}.foreign-*"))) == 1


def test_a_tampered_entry_is_a_miss_and_gets_replaced(tmp_path: Path) -> None:
    articles = [article("a.txt", "Alpha text")]
    run(tmp_path, articles)
    connection = sqlite3.connect(tmp_path / CACHE_FILE)
    connection.execute("UPDATE results SET payload = ?", (pickle.dumps("forged"),))
    connection.commit()
    connection.close()
    reports: list[str] = []
    results, cache = run(tmp_path, articles, reports)
    assert results == [Source("a.txt", 0, 10, "Alpha", "2025-08-20")]
    assert (cache.hits, cache.rejected, cache.stored) == (0, 1, 1)
    assert "failed its check (checksum mismatch)" in reports[0]


def test_payloads_naming_code_outside_timeline_are_refused() -> None:
    payload = pickle.dumps(dt.date(2025, 8, 20))
    assert decode_result(payload) == dt.date(2025, 8, 20)
    with pytest.raises(pickle.UnpicklingError, match="refers to posix.system"):
        decode_result(b"cposix\nsystem\n(S'true'\ntR.")


def test_interrupted_run_keeps_what_was_committed(tmp_path: Path) -> None:
    articles = [article(f"{number}.txt", f"text {number}") for number in range(10)]
    cache = ResultCache(tmp_path)
    results = map_articles(summarise, articles, jobs=1, cache=cache)
    for _ in range(4):
        next(results)
    results.close()  # what a KeyboardInterrupt in the consumer does to the generator
    cache.connection.close()  # the process dies without a final commit
    _, cache = run(tmp_path, articles)
    assert cache.hits + cache.misses == 10
    assert cache.hits >= 4


def test_cache_folder_defaults_next_to_the_output(tmp_path: Path) -> None:
    assert cache_folder_for(tmp_path / "out") == tmp_path / ".timeline-cache"
    assert cache_folder_for(tmp_path / "out", tmp_path / "elsewhere") == tmp_path / "elsewhere"
    with open_cache(tmp_path / "out", enabled=False) as cache:
        assert cache is None


def test_a_new_cache_has_pages_that_hold_a_whole_result(tmp_path: Path) -> None:
    run(tmp_path, [article("a.txt", "Alpha text")])
    connection = sqlite3.connect(tmp_path / CACHE_FILE)
    assert connection.execute("PRAGMA page_size").fetchone()[0] == 16384
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_only_the_two_most_recently_used_versions_keep_their_results(tmp_path: Path) -> None:
    def stored(tool: str, texts: list[str]) -> ResultCache:
        cache = ResultCache(tmp_path, tool=tool)
        list(map_articles(summarise, [article(f"{text}.txt", text) for text in texts], jobs=1, cache=cache))
        cache.close()
        return cache

    assert stored("1.0", ["one", "two"]).pruned == 0
    assert stored("1.1", ["one"]).pruned == 0
    back = stored("1.0", ["one", "two"])  # back to the older version: still cached
    assert (back.hits, back.misses, back.pruned) == (2, 0, 0)
    newest = stored("2.0", ["three"])  # 1.1 is now the least recently used of three
    assert newest.pruned == 1
    with sqlite3.connect(tmp_path / CACHE_FILE) as connection:
        tools = connection.execute(
            "SELECT g.tool, count(r.key) FROM generations g LEFT JOIN results r ON r.generation = g.id "
            "GROUP BY g.tool ORDER BY g.tool").fetchall()
    assert tools == [("1.0", 2), ("2.0", 1)]
    assert stored("1.1", ["one"]).misses == 1
