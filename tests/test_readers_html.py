"""The HTML reader: main text and metadata of a saved page, through trafilatura and htmldate."""

from __future__ import annotations

import shutil
from pathlib import Path

from timeline.documents import read_articles

PAGE = Path(__file__).resolve().parent / "data" / "foundation" / "page.html"


def test_saved_page_main_text_title_source_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    shutil.copy(PAGE, path)
    batch = read_articles([path])
    (article,) = list(batch)
    assert batch.problems == []
    assert (article.id, article.title, article.source, article.url) == (
        "page.html",
        "Putin and Trump to meet in Alaska",
        "Example Times",
        "https://example.org/world/putin-trump-alaska",
    )
    assert (article.date, article.date_source) == ("2025-08-09", "metadata")
    assert "Donald Trump said on Friday that he would meet Vladimir Putin in Alaska" in article.text
    assert "European leaders said they would hold a video call with Trump on Wednesday" in article.text
    for furniture in ("Home", "Sport", "Storm hits coast", "Share this article", "All rights reserved"):
        assert furniture not in article.text
    story = article.text[article.segments[-1].start : article.segments[-1].end]
    assert story.endswith("ahead of the summit.")


def test_page_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text(
        "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", encoding="utf-8"
    )
    (article,) = list(read_articles([path]))
    assert article.errors == (f"{path}: no article text found in the page",)
