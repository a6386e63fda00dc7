"""Discovery of input files in folders, and a folder's manifest.csv."""

from __future__ import annotations

import shutil
from pathlib import Path

from timeline.documents import read_articles
from timeline.readers import discover

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
STORY = "Officials met on Monday in Geneva to talk about the ceasefire and the prisoners exchange.\n"


def _write(path: Path, text: str = STORY) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_seed_manifest_dates_titles_and_sources() -> None:
    articles = list(read_articles([SEEDS]))
    assert [(article.id, article.date, article.date_source) for article in articles] == [
        ("000_0ff818962a8dd053.txt", "2025-05-08", "manifest"),
        ("001_675a59ff66abc2b3.txt", "2025-05-08", "manifest"),
        ("002_1fe8c6310e030e24.txt", "2025-08-20", "manifest"),
        ("003_8e86fa0f0e6ba2ce.txt", "2025-08-07", "manifest"),
        ("004_37202947cbd3880e.txt", "2025-10-21", "manifest"),
    ]
    assert (
        articles[3].title == "Putin, Trump to meet for talks as US threatens new sanctions over Ukraine war"
    )
    assert articles[3].source == "Ynetnews"
    assert articles[0].path == f"{SEEDS}/000_0ff818962a8dd053.txt"


def test_seeds_without_manifest(tmp_path: Path) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    batch = read_articles([tmp_path])
    articles = {article.id[:3]: article for article in batch}
    assert (articles["004"].date, articles["004"].date_source) == ("2025-10-21", "dateline")
    for name in ("000", "001", "002", "003"):
        assert (articles[name].date, articles[name].date_source) == (None, "none")
        assert (
            f"{articles[name].path}: no date found (no metadata, manifest row, dateline or datable "
            "content); relative dates stay unanchored"
        ) in batch.problems


def test_manifest_bad_rows_are_reported_and_the_rest_used(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt")
    _write(tmp_path / "b.txt")
    _write(tmp_path / "c.txt", "---\ndate: 2025-03-04\n---\n" + STORY)
    (tmp_path / "manifest.csv").write_text(
        "path,date,title\n"
        "a.txt,2025-13-40,Impossible date\n"
        "missing.txt,2025-01-01,Gone\n"
        "b.txt,2025-02-03,Bee\n"
        "c.txt,2025-09-09,Sea\n",
        encoding="utf-8",
    )
    batch = read_articles([tmp_path])
    articles = list(batch)
    assert [(article.id, article.date, article.date_source, article.title) for article in articles] == [
        ("a.txt", None, "none", "Impossible date"),
        ("b.txt", "2025-02-03", "manifest", "Bee"),
        ("c.txt", "2025-03-04", "metadata", "Sea"),  # metadata in the file wins over the manifest
    ]
    manifest = f"{tmp_path}/manifest.csv"
    assert batch.problems[:2] == [
        f"{manifest} line 2: impossible date '2025-13-40' for 'a.txt'; date ignored",
        f"{manifest} line 3: no such file 'missing.txt'; row ignored",
    ]


def test_manifest_without_its_columns(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt")
    (tmp_path / "manifest.csv").write_text("file,when\na.txt,2025-01-01\n", encoding="utf-8")
    batch = read_articles([tmp_path])
    assert [article.date for article in batch] == [None]
    assert (
        batch.problems[0]
        == f"{tmp_path}/manifest.csv: header row lacks the column(s) path, date; manifest ignored"
    )


def test_manifest_applies_to_a_file_given_directly_and_in_subfolders(tmp_path: Path) -> None:
    _write(tmp_path / "news" / "deep" / "x.txt")
    (tmp_path / "news" / "manifest.csv").write_text("path,date\ndeep/x.txt,2025-06-01\n", encoding="utf-8")
    (article,) = list(read_articles([tmp_path / "news"]))
    assert (article.id, article.date, article.date_source) == ("deep/x.txt", "2025-06-01", "manifest")
    (tmp_path / "news" / "deep" / "manifest.csv").write_text(
        "path,date\nx.txt,2025-07-01\n", encoding="utf-8"
    )
    (direct,) = list(read_articles([tmp_path / "news" / "deep" / "x.txt"]))
    assert (direct.id, direct.date) == ("x.txt", "2025-07-01")


def test_discovery_recurses_sorted_and_skips_what_is_not_an_article(tmp_path: Path) -> None:
    _write(tmp_path / "b.txt")
    _write(tmp_path / "a" / "z.md")
    _write(tmp_path / "a" / "y.jsonl", '{"text": "x"}\n')
    _write(tmp_path / "README.md", "# About these files\n")
    _write(tmp_path / ".hidden.txt")
    _write(tmp_path / ".git" / "notes.txt")
    _write(tmp_path / "scan.pdf", "%PDF-1.4")
    found = discover([tmp_path, tmp_path / "b.txt"])
    assert [file.id for file in found.files] == ["a/y.jsonl", "a/z.md", "b.txt"]
    assert found.problems == [f"{tmp_path}/scan.pdf: unsupported file type '.pdf'; skipped"]


def test_unsupported_file_missing_input_and_empty_folder(tmp_path: Path) -> None:
    pdf = _write(tmp_path / "scan.pdf", "%PDF-1.4")
    empty = tmp_path / "empty"
    empty.mkdir()
    good = _write(tmp_path / "good.txt")
    manifest = _write(tmp_path / "manifest.csv", "path,date\n")
    batch = read_articles([pdf, tmp_path / "nowhere", empty, good, manifest])
    assert [article.id for article in batch] == ["good.txt"]
    assert f"{manifest}: a manifest, not an article; give its folder instead" in batch.problems
    assert batch.problems[:3] == [
        f"{pdf}: unsupported file type '.pdf' (readable: .htm, .html, .json, .jsonl, .markdown, .md, "
        ".ndjson, .txt); skipped",
        f"{tmp_path}/nowhere: no such file or folder",
        f"{empty}: no articles found in this folder (readable: .htm, .html, .json, .jsonl, .markdown, .md, "
        ".ndjson, .txt)",
    ]
    assert batch.empty_folders == [str(empty)]


def test_two_inputs_with_the_same_file_name_keep_distinct_ids(tmp_path: Path) -> None:
    first = _write(tmp_path / "a" / "x.txt")
    second = _write(tmp_path / "b" / "x.txt", STORY.replace("Geneva", "Vienna"))
    batch = read_articles([first, second, first])
    assert [article.id for article in batch] == ["x.txt", "x.txt#2"]
    assert f"{second}: id 'x.txt' is already taken by another input; using 'x.txt#2'" in batch.problems
