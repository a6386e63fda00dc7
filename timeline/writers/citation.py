"""What an output cites for a source sentence: the story it lies in, not only the file.

A saved aggregator page holds several stories: its own and teasers of other outlets' stories,
each a segment with its own title, outlet and (often inferred) date. A sentence from a LeMonde
teaser on a Euronews page is LeMonde's, of about its own date, not Euronews's of the page's date.
events.json, the HTML page and TimelineJS all cite through `cite`, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.model import Article

UNNAMED_OUTLET = "unknown"  # what manifests write for an unattributed copy: it names no outlet


@dataclass(frozen=True, slots=True)
class Citation:
    title: str | None
    outlet: str | None
    date: str | None  # ISO day or coarser TIMEX3 value
    url: str | None  # where the text was read: the file's own URL


def cite(article: Article | None, offset: int) -> Citation:
    """The citation of the sentence at `offset` in the article: its segment's title, outlet and
    date where the segment has them, else the article's."""
    if article is None:
        return Citation(None, None, None, None)
    segment = next((piece for piece in article.segments if piece.start <= offset < piece.end), None)
    title = (segment.title if segment else None) or article.title
    outlet = segment.source if segment and segment.source else article.source
    date = (segment.date if segment else None) or article.date
    return Citation(title, outlet if outlet != UNNAMED_OUTLET else None, date, article.url)
