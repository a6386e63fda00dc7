"""The .txt/.md reader: front matter, text as read, and every kind of bad text file."""

from __future__ import annotations

import codecs
from pathlib import Path

from timeline.documents import read_articles
from timeline.readers.base import MAX_TEXT_BYTES
from timeline.readers.text import read_file, split_front_matter


def _read(path: Path) -> tuple[list, list[str]]:
    batch = read_articles([path])
    articles = list(batch)
    return articles, batch.problems


def test_front_matter_fields_and_offsets_into_the_whole_file(tmp_path: Path) -> None:
    content = (
        "---\ndate: 2025-08-07\ntitle: Putin, Trump to meet\nsource: Ynetnews\nurl: https://example.org/a\n"
        "lang: en\n---\nThe Kremlin said on Thursday that the two leaders would meet in the coming days.\n"
    )
    path = tmp_path / "a.md"
    path.write_text(content, encoding="utf-8")
    (article,), problems = _read(path)
    assert problems == []
    assert article.text == content
    assert content[article.body_start :].startswith("The Kremlin said")
    assert (article.id, article.path, article.title, article.source, article.url, article.lang) == (
        "a.md",
        str(path),
        "Putin, Trump to meet",
        "Ynetnews",
        "https://example.org/a",
        "en",
    )
    assert (article.date, article.date_source) == ("2025-08-07", "metadata")
    assert [(piece.start, piece.end) for piece in article.segments] == [
        (article.body_start, len(content) - 1)
    ]


def test_text_without_front_matter_is_all_body(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(
        "Officials met on Monday in Geneva to talk about the ceasefire and the prisoners.\n", encoding="utf-8"
    )
    (article,), problems = _read(path)
    assert article.body_start == 0
    assert problems == [
        f"{path}: no date found (no metadata, manifest row, dateline or datable content); "
        "relative dates stay unanchored"
    ]


def test_unclosed_front_matter_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "open.md"
    path.write_text(
        "---\ndate: 2025-08-07\ntitle: Never closed\nThe story goes on here without an end mark.\n",
        encoding="utf-8",
    )
    (article,), problems = _read(path)
    assert article.body_start == 0 and article.errors == ()
    assert problems[0] == (
        f"{path}: front matter opened on line 1 is never closed; read the whole file as the article"
    )
    # Its "date:" line is still a date stamp at the top of the text.
    assert (article.date, article.date_source) == ("2025-08-07", "dateline")


def test_invalid_front_matter_yaml_is_reported(tmp_path: Path) -> None:
    content = "---\ntitle: [unclosed\n---\nBody text of the article, which says enough to be read.\n"
    assert split_front_matter(content) == (
        {},
        25,
        "front matter is not valid YAML (line 3); its fields were ignored",
    )


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    (article,), problems = _read(path)
    assert article.errors == (f"{path}: empty file",)
    assert problems == [f"{path}: empty file"]
    assert article.to_dict()["errors"] == [f"{path}: empty file"]


def test_front_matter_without_a_body(tmp_path: Path) -> None:
    path = tmp_path / "only.md"
    path.write_text("---\ntitle: Nothing else\n---\n\n", encoding="utf-8")
    (article,), _ = _read(path)
    assert article.errors == (f"{path}: no article text",)


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (article,), problems = _read(path)
    assert article.errors == (f"{path}: binary file, not text",)
    assert article.text == ""
    assert problems == [f"{path}: binary file, not text"]


def test_invalid_utf8_decodes_the_rest_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le président a parlé lundi à Paris devant la presse réunie.\n".encode("latin-1"))
    (article,), problems = _read(path)
    assert article.errors == ()
    assert article.text == "Le pr\ufffdsident a parl\ufffd lundi \ufffd Paris devant la presse r\ufffdunie.\n"
    assert problems[0] == (
        f"{path}: invalid UTF-8 from byte 5 (4 undecodable sequence(s) replaced by U+FFFD); the rest was read"
    )


def test_utf16_with_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Talks resumed on Monday in Geneva.\n".encode("utf-16-le"))
    (document,) = read_file(path, "wide.txt", "wide.txt")
    assert document.text == "Talks resumed on Monday in Geneva.\n"
    assert document.warnings == ("wide.txt: UTF-16 text, not UTF-8; read as UTF-16",)


def test_fifty_megabyte_file_is_capped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"The minister said on Tuesday that talks would resume next week in Geneva, officials confirmed.\n"
    with open(path, "wb") as stream:
        stream.write(line * (50_000_000 // len(line) + 1))
    (article,), problems = _read(path)
    assert len(article.text) <= MAX_TEXT_BYTES
    assert article.text.endswith("officials confirmed.\n")
    assert problems[0] == f"{path}: 50.0 MB is more than an article holds; only the first 2.0 MB were read"
    assert article.errors == ()


def test_markdown_headline_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "grain.md"
    path.write_text(
        "# Grain deal agreed\n\nMinisters agreed on Monday to resume grain shipments across the sea.\n",
        encoding="utf-8",
    )
    (article,), _ = _read(path)
    assert article.title == "Grain deal agreed"
    assert article.text[article.segments[0].start : article.segments[0].end].startswith(
        "# Grain deal agreed\n"
    )
