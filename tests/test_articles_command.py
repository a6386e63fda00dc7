"""`timeline articles`: one JSON record per input document, problems on stderr, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from timeline.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, list[dict], list[str]]:
    code = main(["articles", *arguments])
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    return code, records, captured.err.splitlines()


def test_seeds_with_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, errors = _run(capsys, str(SEEDS))
    assert code == 0
    assert [
        (record["id"], record["date"], record["date_source"], record["duplicate_of"]) for record in records
    ] == [
        ("000_0ff818962a8dd053.txt", "2025-05-08", "manifest", None),
        ("001_675a59ff66abc2b3.txt", "2025-05-08", "manifest", "000_0ff818962a8dd053.txt"),
        ("002_1fe8c6310e030e24.txt", "2025-08-20", "manifest", None),
        ("003_8e86fa0f0e6ba2ce.txt", "2025-08-07", "manifest", None),
        ("004_37202947cbd3880e.txt", "2025-10-21", "manifest", None),
    ]
    assert list(records[0]) == [
        "id",
        "path",
        "title",
        "source",
        "url",
        "date",
        "date_source",
        "segments",
        "duplicate_of",
        "errors",
        "lang",
        "warnings",
    ]
    assert [segment["kind"] for segment in records[0]["segments"]] == ["main", "teaser", "teaser", "teaser"]
    assert records[0]["segments"][1] == {
        "start": 4095,
        "end": 6713,
        "kind": "teaser",
        "title": "US envoy Witkoff to visit Moscow ahead of sanctions deadline",
        "source": "LeMonde",
        "date": "2025",
        "date_source": "inferred",
        "age": "PT3H",
    }
    assert errors[0] == (
        f"timeline: {SEEDS}/000_0ff818962a8dd053.txt: teaser 'US envoy Witkoff to visit Moscow "
        "ahead of sanctions deadline': date inferred from content as 2025 (between 2025-07-31 and "
        "2025-08-06, from 'Wednesday, August 6')"
    )
    assert len(errors) == 3
    assert all(line.startswith(f"timeline: {SEEDS}/000_0ff818962a8dd053.txt: teaser '") for line in errors)


def test_seeds_without_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    code, records, errors = _run(capsys, str(tmp_path))
    assert code == 0
    assert [(record["date"], record["date_source"]) for record in records] == [
        (None, "none"),
        (None, "none"),
        (None, "none"),
        (None, "none"),
        ("2025-10-21", "dateline"),
    ]
    assert records[1]["duplicate_of"] == "000_0ff818962a8dd053.txt"
    undated = [line for line in errors if "no date found" in line]
    assert len(undated) == 4


def test_cli_date_wins(capsys: pytest.CaptureFixture[str]) -> None:
    code, records, _ = _run(capsys, "--dct", "2025-08-01", str(SEEDS / "004_37202947cbd3880e.txt"))
    assert code == 0
    assert (records[0]["date"], records[0]["date_source"]) == ("2025-08-01", "cli")


def test_folder_with_no_articles_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, records, errors = _run(capsys, str(tmp_path))
    assert (code, records) == (1, [])
    assert errors == [
        f"timeline: {tmp_path}/notes.pdf: unsupported file type '.pdf'; skipped",
        f"timeline: {tmp_path}: no articles found in this folder (readable: .htm, .html, .json, .jsonl, "
        ".markdown, .md, .ndjson, .txt)",
        f"timeline: no article could be read from {tmp_path}",
    ]


def test_every_bad_input_gets_one_line_and_the_good_ones_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Le président a parlé lundi, le 4 août 2025, à Paris.".encode("latin-1")
    )
    (folder / "open.md").write_text("---\ntitle: x\nThe front matter never closes here.\n", encoding="utf-8")
    (folder / "feed.jsonl").write_text('{"text": "Talks resumed in Geneva."}\n{broken\n', encoding="utf-8")
    (folder / "good.txt").write_text(
        "Published 7 August 2025\nTalks resumed in Geneva on Thursday.\n", encoding="utf-8"
    )
    (folder / "scan.docx").write_bytes(b"PK\x03\x04")
    (folder / "manifest.csv").write_text(
        "path,date\ngood.txt,2025-13-40\nlost.txt,2025-01-01\n", encoding="utf-8"
    )
    code, records, errors = _run(capsys, str(folder))
    assert code == 0
    assert [(record["id"], bool(record["errors"])) for record in records] == [
        ("binary.txt", True),
        ("empty.txt", True),
        ("feed.jsonl#0", False),
        ("feed.jsonl#1", True),
        ("good.txt", False),
        ("latin1.txt", False),
        ("open.md", False),
    ]
    good = records[4]
    assert (good["date"], good["date_source"]) == ("2025-08-07", "dateline")
    expected = [
        f"{folder}/scan.docx: unsupported file type '.docx'; skipped",
        f"{folder}/manifest.csv line 2: impossible date '2025-13-40' for 'good.txt'; date ignored",
        f"{folder}/manifest.csv line 3: no such file 'lost.txt'; row ignored",
        f"{folder}/binary.txt: binary file, not text",
        f"{folder}/empty.txt: empty file",
        f"{folder}/feed.jsonl line 2: not valid JSON (Expecting property name enclosed in double quotes); "
        "line skipped",
        f"{folder}/latin1.txt: invalid UTF-8 from byte 5 (4 undecodable sequence(s) replaced by U+FFFD); "
        "the rest was read",
        f"{folder}/open.md: front matter opened on line 1 is never closed; read the whole file as the "
        "article",
    ]
    for line in expected:
        assert f"timeline: {line}" in errors
    assert all(line.startswith(f"timeline: {folder}/") for line in errors)
