"""Runs the per-article stage over many articles (issue 6 makes this parallel, cached and distributable).

The pipeline hands over a top-level, picklable function and an iterable of articles, and gets the
results back in input order. Sequential for now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


def map_articles(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int | None = None,
    **options,
) -> Iterator[Result]:
    """Apply FUNCTION to every item, yielding results in input order."""
    for item in items:
        yield function(item)
