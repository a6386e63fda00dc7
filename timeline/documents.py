"""The public entry of the reading stages: input paths in, read, dated and segmented Articles out.

    batch = read_articles(["seeds"], dct=None, on_problem=print_to_stderr)
    for article in batch:            # streams, one input file at a time
        ...
    batch.problems                   # every one-line warning and error, path first

Unreadable documents still yield an Article (with `errors`), so that articles.json holds one
record per input document. Near-duplicates are marked afterwards over the whole collection
(`timeline.duplicates.mark_duplicates`), since that needs every article.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from timeline import dating
from timeline.links import unlinkable_url_warning
from timeline.model import Article, Segment
from timeline.readers import InputFile, discover, manifest_row, read_file
from timeline.readers.base import Document, RawInput, as_text
from timeline.readers.manifest import ManifestRow
from timeline.segmentation import Segmentation, segment

ProblemCallback = Callable[[str], None]
Inputs = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


class ArticleBatch:
    """The articles of some inputs, read lazily, and the problems met while reading them."""

    def __init__(self, inputs: Inputs, dct: dt.date | str | None = None,
                 on_problem: ProblemCallback | None = None) -> None:
        if isinstance(inputs, (str, os.PathLike)):
            inputs = [inputs]
        self.inputs = [os.fspath(given) for given in inputs]
        self.dct = dct.isoformat() if isinstance(dct, dt.date) else dct
        self.on_problem = on_problem
        self.problems: list[str] = []
        self.empty_folders: list[str] = []

    def _report(self, problem: str) -> None:
        self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

    def __iter__(self) -> Iterator[Article]:
        self.problems, self.empty_folders = [], []
        discovery = discover(self.inputs)
        self.empty_folders = list(discovery.empty_folders)
        rows = [manifest_row(discovery, file) for file in discovery.files]
        for problem in discovery.problems:
            self._report(problem)
        ids = UniqueIds()
        for file, row in zip(discovery.files, rows, strict=True):
            for article in articles_of_file(file, row, self.dct):
                article = ids.claim(article)
                for problem in (*article.errors, *article.warnings):
                    self._report(problem)
                yield article


def articles_of_file(file: InputFile, row: ManifestRow | None, dct: str | None = None,
                     raw: RawInput | None = None) -> list[Article]:
    """The articles of one input file, read (from RAW when its bytes are at hand), dated and segmented;
    their ids as the file gives them (`UniqueIds` makes them unique across files)."""
    return [build_article(document, row, dct) for document in read_file(file, raw)]


class UniqueIds:
    """Ids key articles in the graph and in events' sources, so two inputs may not share one
    (`a/x.txt` and `b/x.txt` given as files are both `x.txt`; two JSON records may give one `id`):
    the later takes `ID#2` (`#3` ...). Never its path, which may be absolute: ids stay relative to
    the input, the same wherever the archive lies."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, article_id: str) -> str:
        """The id an article read as ARTICLE_ID gets, claiming it."""
        candidate = article_id
        suffix = 2
        while candidate in self.used:
            candidate = f"{article_id}#{suffix}"
            suffix += 1
        self.used.add(candidate)
        return candidate

    def claim(self, article: Article) -> Article:
        """ARTICLE with its id claimed, renamed (and saying so in a warning) if it was taken."""
        article_id = self.unique(article.id)
        if article_id == article.id:
            return article
        warning = renaming_warning(article, article_id)
        return replace(article, id=article_id, warnings=(*article.warnings, warning))


def renaming_warning(article: Article, new_id: str) -> str:
    return f"{article.path}: id '{article.id}' is already taken by another input; using '{new_id}'"


def read_articles(inputs: Inputs, dct: dt.date | str | None = None,
                  on_problem: ProblemCallback | None = None) -> ArticleBatch:
    """The articles under INPUTS (files or folders), read, dated and segmented, as a lazy batch."""
    return ArticleBatch(inputs, dct, on_problem)


def _metadata_date(document: Document) -> tuple[str | None, str | None]:
    raw = document.metadata.get("date")
    if raw in (None, ""):
        return None, None
    value = dating.parse_metadata_date(raw)
    if value is None:
        shown = as_text(raw) if isinstance(raw, str) else repr(raw)
        return None, f"{document.path}: metadata date {shown!r} is not a real date; ignored"
    return value, None


def _page_date(document: Document, dateline: dating.Dateline | None) -> tuple[str | None, str]:
    """When the page was saved: the clock of its teasers' "3 hours ago". (value, date source)."""
    retrieved = dating.parse_metadata_date(document.metadata.get("retrieved"))
    if retrieved:
        return retrieved, "metadata"
    if dateline is not None and dateline.kind == "header" and dateline.date is not None:
        # A date alone in the page header is the site's "today": the day the page was shown.
        return dateline.value, "dateline"
    return None, "none"


def _dated_by_age(page_date: str, age: dt.timedelta | None) -> str:
    """The day (or, for old teasers, the month or year) a teaser AGE old was published on PAGE_DATE."""
    published = dt.date.fromisoformat(page_date) - (age or dt.timedelta(0))
    if age is None or age < dt.timedelta(days=7):
        # "3 hours ago" on a page saved on a known day: that day (the age is kept beside it).
        return published.isoformat()
    if age < dt.timedelta(days=365):
        return published.strftime("%Y-%m")
    return str(published.year)


Window = tuple[dt.date, dt.date]


def _whole_days(age: dt.timedelta) -> tuple[int, int]:
    """The least and most whole calendar days an AGE can span ("3 hours ago": 0 or 1)."""
    return age.days, age.days + (1 if age % dt.timedelta(days=1) else 0)


def _intersection(first: Window | None, second: Window | None) -> Window | None:
    if first is None or second is None:
        return first or second
    window = (max(first[0], second[0]), min(first[1], second[1]))
    return window if window[0] <= window[1] else None


def _date_teasers(segmentation: Segmentation, text: str, page_date: str | None,
                  page_date_source: str) -> tuple[list[Segment], list[str]]:
    """Each teaser's own reference date: its stamp, else the page's date less its age, else what its
    content says (years mentioned by any teaser of the page help), else none. Never the main story's.

    Without a page date, the ages still help: they all run on one clock, the moment the page was
    saved, so a teaser whose content dates it bounds that moment, and the moment bounds the others.
    """
    teasers = [piece for piece in segmentation.segments if piece.kind == "teaser"]
    context_years = sorted({year for piece in teasers
                            for year in dating.mentioned_years(text[piece.start:piece.end])})
    inferences = {piece.start: dating.infer_date(text[piece.start:piece.end], context_years)
                  for piece in teasers if not segmentation.stamps.get(piece.start)}
    saved: Window | None = None
    conflicting = False
    for start, inference in inferences.items():
        age = segmentation.ages.get(start)
        if inference is not None and age is not None:
            fewest, most = _whole_days(age)
            bound = (inference.earliest + dt.timedelta(days=fewest),
                     inference.latest + dt.timedelta(days=most))
            conflicting = conflicting or (saved is not None and _intersection(saved, bound) is None)
            saved = _intersection(saved, bound)
    if conflicting:
        saved = None
    dated: list[Segment] = []
    notes: list[str] = []
    for piece in segmentation.segments:
        if piece.kind != "teaser":
            dated.append(piece)
            continue
        stamp = segmentation.stamps.get(piece.start)
        age = segmentation.ages.get(piece.start)
        if stamp:
            dated.append(replace(piece, date=stamp, date_source="dateline"))
            continue
        if page_date and len(page_date) == 10:
            dated.append(replace(piece, date=_dated_by_age(page_date, age), date_source=page_date_source))
            continue
        inference = inferences[piece.start]
        own = (inference.earliest, inference.latest) if inference else None
        pooled = None
        if saved is not None and age is not None:
            fewest, most = _whole_days(age)
            pooled = (saved[0] - dt.timedelta(days=most), saved[1] - dt.timedelta(days=fewest))
        window = _intersection(own, pooled) or own
        value = dating.value_of_window(*window) if window else None
        if value is None:
            dated.append(piece)
            continue
        dated.append(replace(piece, date=value, date_source="inferred"))
        name = piece.title or piece.start
        if inference is not None and window == own:
            notes.append(f"teaser '{name}': {dating.describe(inference)}")
        else:
            notes.append(f"teaser '{name}': date inferred as {value} (between {window[0]} and {window[1]}) "
                         f"from its age, {piece.age}, and the dates of the page's other teasers")
    return dated, notes


def _without_dateline(piece: Segment, text: str, dateline: dating.Dateline | None,
                      body_start: int) -> list[Segment]:
    """A story's pieces with its wire dateline ("MOSCOW, Aug 7 (Reuters) - Russia said...") left out:
    the dateline dates the article; it is not an event of the story."""
    if dateline is None:
        return [piece]
    start, end = body_start + dateline.start, body_start + dateline.end
    if not piece.start <= start < end <= piece.end:
        return [piece]
    before = text[piece.start:start].rstrip()
    after = end + len(text[end:piece.end]) - len(text[end:piece.end].lstrip())
    parts = [replace(piece, end=piece.start + len(before))] if before else []
    return parts + ([replace(piece, start=after)] if after < piece.end else [])


# A headline is a line of a few words; a title longer than this is a mistake (a whole text in a
# title field) that would fill every label and page that shows it.
MAX_TITLE_CHARACTERS = 300


def _capped_title(title: str | None) -> str | None:
    """TITLE, cut at a word before MAX_TITLE_CHARACTERS with an ellipsis when it is longer."""
    if title is None or len(title) <= MAX_TITLE_CHARACTERS:
        return title
    cut = title.rfind(" ", 0, MAX_TITLE_CHARACTERS)
    return title[: cut if cut > MAX_TITLE_CHARACTERS // 2 else MAX_TITLE_CHARACTERS - 1].rstrip() + "…"


def build_article(document: Document, row: ManifestRow | None, dct: str | None = None) -> Article:
    """Date and segment one document as read."""
    if document.errors:
        return Article(document.id, document.path, document.text, errors=document.errors,
                       warnings=document.warnings)
    warnings = list(document.warnings)
    text, body_start = document.text, document.body_start
    body = text[body_start:]
    if not body.strip():
        return Article(document.id, document.path, text, body_start=body_start, warnings=tuple(warnings),
                       errors=(f"{document.path}: no article text",))
    metadata_date, problem = _metadata_date(document)
    if problem:
        warnings.append(problem)
    segmentation = segment(text, body_start)
    main_text = "\n".join(text[piece.start:piece.end] for piece in segmentation.segments
                          if piece.kind == "main")
    dateline = dating.find_dateline(body)
    chosen = dating.reference_date(
        main_text, cli=dct, metadata=metadata_date, manifest=row.date if row else None, dateline=dateline,
        folder=dating.folder_date(document.path),
    )
    warnings.extend(f"{document.path}: {warning}" for warning in chosen.warnings)
    title = _capped_title(as_text(document.metadata.get("title")) or (row.title if row else None)
                          or segmentation.title)
    source = as_text(document.metadata.get("source")) or (row.source if row else None)
    page_date, page_date_source = _page_date(document, dateline)
    if dct:
        page_date, page_date_source = dct, "cli"
    main_segments: list[Segment] = []
    for piece in segmentation.segments:
        if piece.kind != "main":
            main_segments.append(piece)
            continue
        main_segments.extend(
            replace(part, title=title, source=source, date=chosen.value, date_source=chosen.source)
            for part in _without_dateline(piece, text, dateline, body_start)
        )
    segments, notes = _date_teasers(
        replace(segmentation, segments=tuple(main_segments)), text, page_date,
        page_date_source,
    )
    warnings.extend(f"{document.path}: {note}" for note in notes)
    url = as_text(document.metadata.get("url")) or (row.url if row else None)
    url_warning = unlinkable_url_warning(document.path, url)
    if url_warning:
        warnings.append(url_warning)
    return Article(
        id=document.id,
        path=document.path,
        text=text,
        title=title,
        source=source,
        url=url,
        lang=as_text(document.metadata.get("lang")) or (row.lang if row else None),
        date=chosen.value,
        date_source=chosen.source,
        body_start=body_start,
        segments=tuple(segments),
        warnings=tuple(warnings),
    )


__all__ = ["ArticleBatch", "UniqueIds", "articles_of_file", "build_article", "read_articles"]
