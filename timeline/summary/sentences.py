"""The per-file stage of the summary: every sentence of an article's story, with the days its
resolved date expressions name.

Runs in the build's workers and cache (`timeline.execution`), one input file per task, beside
`timeline.file_stage.process_file`: the same reading, dating and segmentation, then sentence
splitting and the tagger over the main story (teasers are other stories and say nothing of this one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.file_stage import FileTask
from timeline.model import Article, pickled_by_fields

# Granularities that name one calendar day: only those can vote for a day of the timeline
# (a week or a month says an event happened within it, not when).
_DAY_GRANULARITIES = frozenset({"day", "instant"})


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class DatedSentence:
    """One sentence of a story (offsets into the article's text as read) and the days it names."""

    start: int
    end: int
    text: str
    position: int  # 0 for the story's first sentence, the lead
    days: tuple[dt.date, ...] = ()  # the days its resolved expressions name, in text order
    timexes: tuple[str, ...] = ()  # the expression that named each of them, as written


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleSentences:
    """The sentences of one article, and the day it was published (None when not known to the day)."""

    article_id: str
    path: str
    published: dt.date | None
    sentences: tuple[DatedSentence, ...] = ()


def _story_stretches(article: Article) -> list[tuple[int, int]]:
    main = [(segment.start, segment.end) for segment in article.segments if segment.kind == "main"]
    return sorted(main) if article.segments else [(article.body_start, len(article.text))]


def dated_sentences(article: Article) -> ArticleSentences:
    """The sentences of ARTICLE's story with the days each names, resolved against the article's date."""
    from timeline.events import tag_stretch
    from timeline.events.sentences import split_sentences

    if article.errors:
        return ArticleSentences(article.id, article.path, None)
    text = article.text
    found: list[DatedSentence] = []
    for start, end in _story_stretches(article):
        expressions = [
            expression for expression in tag_stretch(text, start, end, article.date)
            if expression.type in ("DATE", "TIME") and expression.granularity in _DAY_GRANULARITIES
            and expression.start_date is not None and expression.start_date == expression.end_date
        ]
        for sentence in split_sentences(text, start, end):
            inside = [expression for expression in expressions
                      if sentence.start <= expression.start and expression.end <= sentence.end]
            found.append(DatedSentence(
                sentence.start, sentence.end, text[sentence.start:sentence.end], len(found),
                tuple(expression.start_date for expression in inside),
                tuple(expression.text for expression in inside),
            ))
    return ArticleSentences(article.id, article.path, article.reference_date, tuple(found))


def sentences_of_file(task: FileTask) -> tuple[ArticleSentences, ...]:
    """The dated sentences of every article of one input file (runs in a worker; cached)."""
    from timeline.documents import articles_of_file
    from timeline.readers import InputFile

    file = InputFile(task.path, task.id, task.display_path)
    return tuple(dated_sentences(article) for article in articles_of_file(file, task.row, task.dct, task.raw))
