"""The JSON and JSON Lines readers: field names, ids, and corrupt records."""

from __future__ import annotations

import json
from pathlib import Path

from timeline.documents import read_articles

STORY = "The Kremlin said on Thursday that Vladimir Putin and Donald Trump would meet in the coming days."


def _read(*paths: Path) -> tuple[list, list[str]]:
    batch = read_articles(list(paths))
    return list(batch), batch.problems


def test_one_object_is_one_article_with_the_file_id(tmp_path: Path) -> None:
    path = tmp_path / "story.json"
    path.write_text(
        json.dumps(
            {
                "maintext": STORY,
                "title": "Summit",
                "date_publish": "2025-08-07 10:00:00",
                "source_domain": "ynetnews.com",
                "url": "https://ynetnews.com/a",
            }
        ),
        encoding="utf-8",
    )
    (article,), problems = _read(path)
    assert problems == []
    assert (article.id, article.text, article.title, article.source, article.url) == (
        "story.json",
        STORY,
        "Summit",
        "ynetnews.com",
        "https://ynetnews.com/a",
    )
    assert (article.date, article.date_source) == ("2025-08-07", "metadata")


def test_a_list_gives_ids_from_the_id_field_or_the_position(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    records = [
        {"id": "reuters-1", "text": STORY, "published": "2025-08-07"},
        {"body": STORY + " Officials confirmed it.", "published_at": "2025-08-08T09:00:00Z"},
        {
            "content": "Talks resumed in Geneva on Monday, the ministry said in a statement.",
            "date": "August 11, 2025",
        },
    ]
    path.write_text(json.dumps(records), encoding="utf-8")
    articles, _ = _read(path)
    assert [(article.id, article.date) for article in articles] == [
        ("reuters-1", "2025-08-07"),
        ("batch.json#1", "2025-08-08"),
        ("batch.json#2", "2025-08-11"),
    ]


def test_an_object_holding_a_list_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(
        json.dumps({"articles": [{"text": STORY}, {"text": STORY + " Again."}]}), encoding="utf-8"
    )
    assert [article.id for article in _read(path)[0]] == ["export.json#0", "export.json#1"]


def test_records_without_text_and_bad_dates_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps([{"title": "No body"}, 42, {"text": STORY, "date": "2025-13-40"}]), encoding="utf-8"
    )
    articles, problems = _read(path)
    assert [article.errors for article in articles] == [
        (f"{path}#0: no text (none of the fields text, maintext, body, content)",),
        (f"{path}#1: record is a int, not an object",),
        (),
    ]
    assert f"{path}: metadata date '2025-13-40' is not a real date; ignored" in problems
    assert articles[2].date_source == "none"


def test_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "unfinished', encoding="utf-8")
    (article,), problems = _read(path)
    assert article.errors == (
        f"{path}: not valid JSON (Unterminated string starting at at line 1 column 10)",
    )
    assert problems == list(article.errors)


def test_jsonl_with_one_corrupt_line_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a", "text": STORY, "date": "2025-08-07"}),
        "{not json",
        "",
        json.dumps({"text": "Talks resumed in Geneva on Monday, the ministry said.", "date": "2025-08-11"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = _read(path)
    assert [(article.id, article.date, article.errors) for article in articles] == [
        ("a", "2025-08-07", ()),
        (
            "feed.jsonl#1",
            None,
            (
                f"{path} line 2: not valid JSON (Expecting property name enclosed in double "
                "quotes); line skipped",
            ),
        ),
        ("feed.jsonl#2", "2025-08-11", ()),
    ]
    assert problems == list(articles[1].errors)


def test_jsonl_invalid_utf8_line_and_binary_file(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"text": "caf\xe9 talks"}\n' + json.dumps({"text": STORY}).encode() + b"\n")
    articles, _ = _read(feed)
    assert articles[0].errors == (f"{feed} line 1: invalid UTF-8 at byte 13; line skipped",)
    assert articles[1].text == STORY
    binary = tmp_path / "dump.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    (article,), _ = _read(binary)
    assert article.errors == (f"{binary}: binary file, not text",)
