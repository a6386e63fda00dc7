"""articles.json: `{"articles": [...]}`, one record per input document, in id order (docs/CONTRACT.md)."""

from __future__ import annotations

import os
from collections.abc import Sequence

from timeline.model import Article
from timeline.writers.atomic import write_json_records


def _by_id(articles: Sequence[Article]) -> list[Article]:
    return sorted(articles, key=lambda article: article.id)


def articles_payload(articles: Sequence[Article]) -> dict:
    return {"articles": [article.to_dict() for article in _by_id(articles)]}


def write_articles_json(articles: Sequence[Article], path: str | os.PathLike[str]) -> None:
    write_json_records(path, "articles", (article.to_dict() for article in _by_id(articles)))
