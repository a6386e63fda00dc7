"""The per-file stage the workers run, and what the main process does with its results: unique ids
carried into the analyses, cached results moved to the path a file is reached by, failed files."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

from test_parallel import mark_cached_labels

from timeline.documents import read_articles
from timeline.events import analyse_article
from timeline.execution import map_articles
from timeline.file_stage import FileTask, collect_files, process_file, renamed_analysis
from timeline.pipeline import build
from timeline.readers import discover, manifest_row

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STORY = ("---\ndate: 2025-06-02\n---\nThe ministers of Chile and Peru met in Lima on Monday and agreed to "
         "open the border crossing on July 1. The deal will be signed next week.\n")
OTHER_STORY = ("---\ndate: 2025-06-03\n---\nA storm closed the port of Valparaiso on Tuesday; it is to "
               "reopen on Friday, the harbour master said, after the repairs of the main pier.\n")


def test_a_renamed_analysis_is_the_analysis_of_the_renamed_article() -> None:
    checked = 0
    for article in read_articles([SEEDS]):
        analysis = analyse_article(article)
        renamed = renamed_analysis(analysis, "elsewhere/" + article.id)
        assert renamed == analyse_article(dataclasses.replace(article, id="elsewhere/" + article.id))
        checked += len(analysis.events)
    assert checked > 20


def test_files_sharing_an_id_keep_distinct_ids_in_articles_and_events(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"
    for path, story in ((first, STORY), (second, OTHER_STORY)):
        path.parent.mkdir()
        path.write_text(story, encoding="utf-8")
    one = build([first, second], out=tmp_path / "one", jobs=1, formats="none", no_cache=True)
    build([first, second], out=tmp_path / "two", jobs=2, formats="none", cache=tmp_path / "cache")
    # Relative to the input, never the absolute path: ids are the same wherever the archive lies.
    assert [article.id for article in one.articles] == ["x.txt", "x.txt#2"]
    assert f"{second}: id 'x.txt' is already taken by another input; using 'x.txt#2'" in one.warnings
    sources = {source.article for event in one.events for source in event.sources}
    assert sources == {"x.txt", "x.txt#2"}
    for name in ("events.json", "articles.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_cached_file_reached_by_another_path_takes_that_path(tmp_path: Path, monkeypatch) -> None:
    inputs = tmp_path / "articles"
    shutil.copytree(SEEDS, inputs)
    # A warning names the file: it must name it as this build reaches it.
    (inputs / "odd.txt").write_text(STORY.replace("2025-06-02", "2025-02-30"), encoding="utf-8")
    cache = tmp_path / "cache"
    build(inputs, out=tmp_path / "first", jobs=1, formats="none", cache=cache)
    assert mark_cached_labels(cache) == 6
    monkeypatch.chdir(tmp_path)
    cached = build("articles", out="cached", jobs=1, formats="none", cache=cache)
    fresh = build("articles", out="fresh", jobs=1, formats="none", no_cache=True)
    assert all(event.label.startswith("CACHED ") for event in cached.events)
    articles = json.loads((tmp_path / "cached" / "articles.json").read_text(encoding="utf-8"))["articles"]
    odd = next(article for article in articles if article["id"] == "odd.txt")
    assert odd["path"] == "articles/odd.txt"
    assert odd["warnings"][0] == ("articles/odd.txt: front matter holds an impossible value (day is out of "
                                  "range for month); its fields were ignored")
    assert (tmp_path / "cached" / "articles.json").read_bytes() == (
        tmp_path / "fresh" / "articles.json").read_bytes()
    assert len(cached.events) == len(fresh.events)


def fails_on_b(task: FileTask):
    """The per-file stage, made to fail on the file b.txt (a fault injected, as a bug would)."""
    if task.id == "b.txt":
        raise ValueError("no such luck")
    return process_file(task)


def test_a_file_that_fails_is_recorded_and_reported_in_its_place(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    discovery = discover([tmp_path])
    rows = [manifest_row(discovery, file) for file in discovery.files]
    problems: list[str] = []

    def run(_function, tasks, **options):
        return map_articles(fails_on_b, tasks, jobs=1, **options)

    collected = collect_files(discovery.files, rows, None, run, problems.append)
    assert [article.id for article in collected.articles] == ["a.txt", "b.txt", "c.txt"]
    assert collected.articles[1].errors == (f"{tmp_path}/b.txt: ValueError: no such luck; skipped",)
    assert problems == [f"{tmp_path}/b.txt: ValueError: no such luck; skipped"]
    assert [analysis.article_id for analysis in collected.analyses] == ["a.txt", "c.txt"]
    # a.txt and c.txt tell the same story: c.txt is marked a near-duplicate and yields no event.
    assert collected.articles[2].duplicate_of == "a.txt"
    assert collected.analyses[0].events and not collected.analyses[1].events


def test_manifest_rows_match_by_normalised_path_and_through_a_linked_file(tmp_path: Path) -> None:
    body = STORY.split("---\n")[2]
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.txt").write_text(body, encoding="utf-8")
    (tmp_path / "news" / "deep").mkdir(parents=True)
    (tmp_path / "news" / "deep" / "y.txt").write_text(body, encoding="utf-8")
    (tmp_path / "news" / "x.txt").symlink_to(tmp_path / "other" / "x.txt")
    (tmp_path / "news" / "manifest.csv").write_text(
        "path,date\n../other/x.txt,2025-03-04\n./deep//y.txt,2025-03-05\n", encoding="utf-8"
    )
    articles = list(read_articles([tmp_path / "news"]))
    assert [(article.id, article.date, article.date_source) for article in articles] == [
        ("deep/y.txt", "2025-03-05", "manifest"), ("x.txt", "2025-03-04", "manifest"),
    ]


def test_a_file_cache_key_is_its_bytes_id_manifest_row_and_date_not_its_location(tmp_path: Path) -> None:
    from timeline.cache import ResultCache
    from timeline.readers.base import RawInput
    from timeline.readers.manifest import ManifestRow

    cache = ResultCache(tmp_path)
    task = FileTask(Path("a/x.txt"), "x.txt", "a/x.txt", None, None, RawInput(b"The text", 8))
    variants = [
        dataclasses.replace(task, raw=RawInput(b"The text!", 9)),
        dataclasses.replace(task, id="y.txt"),
        dataclasses.replace(task, row=ManifestRow(date="2025-01-02")),
        dataclasses.replace(task, dct="2025-01-02"),
    ]
    keys = {cache.key_for(process_file, item) for item in [task, *variants]}
    assert len(keys) == 5
    moved = dataclasses.replace(task, path=Path("b/x.txt"), display_path="./b/x.txt")
    assert cache.key_for(process_file, moved) == cache.key_for(process_file, task)
    cache.close()


def test_near_duplicate_verdicts_are_kept_in_the_cache_and_used(tmp_path: Path) -> None:
    import sqlite3

    from timeline.cache import CACHE_FILE

    cache = tmp_path / "cache"
    first = build(SEEDS, out=tmp_path / "first", jobs=1, formats="none", cache=cache)
    assert [article.duplicate_of for article in first.articles][1] == "000_0ff818962a8dd053.txt"
    connection = sqlite3.connect(cache / CACHE_FILE)
    assert connection.execute("SELECT same FROM verdicts").fetchall() == [(1,)]
    # Were the stored verdict not used, the re-translation would be found again.
    connection.execute("UPDATE verdicts SET same = 0")
    connection.commit()
    connection.close()
    second = build(SEEDS, out=tmp_path / "second", jobs=1, formats="none", cache=cache)
    assert [article.duplicate_of for article in second.articles] == [None] * 5
