"""The per-file stage: one input file in, its articles' metadata, signatures and analyses out.

This is what the workers run (`process_file`), so that the build's main process only discovers
files, reads their bytes (to key the cache), dispatches, and gathers small results: each article
without its text, its near-duplicate signature (512 bytes) and its analysis. Reading, dating,
segmenting, signing and analysing all happen in the workers, and a cached file skips them all.

Two things need the whole collection and so stay in the main process, after the workers:
- ids: two files may give the same article id; the later article is renamed (`UniqueIds`), and
  `renamed_analysis` carries the new id into the analysis (its events' ids and sources);
- near-duplicates: found over all the returned signatures (`timeline.duplicates`); a duplicate's
  analysis is replaced by an empty one, as `analyse_article` gives for a duplicate.
"""

from __future__ import annotations

import functools
import hashlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from timeline.dating import folder_date
from timeline.model import Article, Event, Source, pickled_by_fields
from timeline.readers.base import RawInput
from timeline.readers.manifest import ManifestRow

if TYPE_CHECKING:
    from timeline.cache import ResultCache
    from timeline.events import ArticleAnalysis
    from timeline.execution import ArticleFailure
    from timeline.readers import InputFile


@dataclass(frozen=True, slots=True)
class FileTask:
    """One input file and everything its result depends on.

    `path` says where the file lies (the cache key leaves it out: a moved archive keeps its
    cache); `raw` holds its bytes, read by the main process to key the cache, or None when they
    could not be read (the worker then tries again and reports why it cannot)."""

    path: Path
    id: str
    display_path: str
    row: ManifestRow | None
    dct: str | None
    raw: RawInput | None
    # Worked out once, when the task is made: both the cache key and the keys of the stored
    # near-duplicate verdicts need it, and hashing every file's bytes twice showed at 100k files.
    fingerprint: bytes = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        content = b"unread"
        if self.raw is not None:
            content = hashlib.blake2b(self.raw.data, digest_size=16).digest() + str(self.raw.size).encode()
        # A date-named folder dates the file (`dating.folder_date`), so it is part of what the
        # result depends on, though the rest of the location is not.
        parts = ("FileTask", self.id, repr(self.row), repr(self.dct), repr(folder_date(self.display_path)))
        fingerprint = b"\x00".join([*(part.encode("utf-8", "surrogatepass") for part in parts), content])
        object.__setattr__(self, "fingerprint", fingerprint)

    def cache_fingerprint(self) -> bytes:
        """What the result depends on, for the cache key: all but the location (`path`, and
        `display_path`, which `relocated` puts right); the bytes by their hash."""
        return self.fingerprint


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One article of a file: its metadata (text dropped), its signature and its analysis."""

    article: Article
    signature: bytes
    analysis: ArticleAnalysis


def process_file(task: FileTask) -> tuple[ArticleResult, ...]:
    """Read, date, segment, sign and analyse the articles of one file (runs in a worker)."""
    from timeline.documents import articles_of_file
    from timeline.duplicates import article_signature
    from timeline.events import analyse_article
    from timeline.readers import InputFile

    file = InputFile(task.path, task.id, task.display_path)
    results = []
    for article in articles_of_file(file, task.row, task.dct, task.raw):
        results.append(ArticleResult(replace(article, text=""), article_signature(article),
                                     analyse_article(article)))
    return tuple(results)


def _renamed_local_id(local_id: str, old: str, new: str) -> str:
    # Local event ids are "ARTICLE#N" (timeline.events.extraction).
    return new + local_id[len(old):] if local_id.startswith(old + "#") else local_id


def _renamed_source(source: Source, old: str, new: str) -> Source:
    return replace(source, article=new) if source.article == old else source


def _renamed_event(event: Event, old: str, new: str) -> Event:
    return replace(
        event,
        id=_renamed_local_id(event.id, old, new),
        after=tuple(_renamed_local_id(local, old, new) for local in event.after),
        sources=tuple(_renamed_source(source, old, new) for source in event.sources),
    )


def renamed_analysis(analysis: ArticleAnalysis, new_id: str) -> ArticleAnalysis:
    """ANALYSIS as `analyse_article` gives it for the same article under NEW_ID."""
    old = analysis.article_id
    if old == new_id:
        return analysis
    events = tuple(_renamed_event(event, old, new_id) for event in analysis.events)
    return replace(analysis, article_id=new_id, events=events)


def relocated(article: Article, display_path: str) -> Article:
    """ARTICLE, computed (and cached) when its file was reached as another path, under DISPLAY_PATH:
    its path, and its problems, which all start with the path (`timeline.readers.base.Document`)."""
    old = article.path

    def moved(problems: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(display_path + problem[len(old):] if problem.startswith(old) else problem
                     for problem in problems)

    return replace(article, path=display_path, errors=moved(article.errors), warnings=moved(article.warnings))


def failed_file(file: InputFile, message: str) -> Article:
    """The record of a file whose processing failed (an exception, a dead worker): an error naming it."""
    return Article(file.id, file.display_path, "", errors=(f"{file.display_path}: {message}; skipped",))


@dataclass
class Collection:
    """What the per-file stage gives the rest of the build: every article (in input order, ids
    unique, near-duplicates marked, texts dropped) and the analyses of the readable ones."""

    articles: list[Article]
    analyses: list[ArticleAnalysis]


def _tasks(files: Sequence[InputFile], rows: Sequence[ManifestRow | None], dct: str | None,
           dispatched: deque[int], fingerprints: dict[int, bytes] | None) -> Iterator[FileTask]:
    """A task per file, noting each one's position in DISPATCHED as it is drawn, and, when
    FINGERPRINTS is given, what its result depends on (`FileTask.cache_fingerprint`)."""
    from timeline.readers import read_input

    for position, (file, row) in enumerate(zip(files, rows, strict=True)):
        dispatched.append(position)
        try:
            raw = read_input(file)
        except OSError:
            raw = None  # the worker meets the same error and reports it in the file's record
        task = FileTask(file.path, file.id, file.display_path, row, dct, raw)
        if fingerprints is not None and raw is not None:
            fingerprints[position] = task.cache_fingerprint()
        yield task


def _name_of_task(task: FileTask, _position: int) -> str:
    return task.display_path


def collect_files(
    files: Sequence[InputFile], rows: Sequence[ManifestRow | None], dct: str | None, run: Callable,
    report: Callable[[str], None], progress: Callable[[Iterable, int], Iterable] | None = None,
    cache: ResultCache | None = None,
) -> Collection:
    """Run `process_file` over FILES through RUN (`timeline.execution.map_articles` or a partial
    of it), then make ids unique and mark near-duplicates over the whole collection.

    Every problem (an article's errors and warnings, a file whose processing failed) goes to
    REPORT as one line naming the file, in input order. `progress(results, total)` may wrap the
    stream of per-file results. CACHE, when given, keeps the verdicts of the near-duplicate
    verification across builds."""
    from timeline.documents import UniqueIds

    # Every task gives one outcome, a result or a failure, in the order of the tasks.
    dispatched: deque[int] = deque()
    failures: list[ArticleFailure] = []
    fingerprints: dict[int, bytes] | None = {} if cache is not None else None
    tasks = _tasks(files, rows, dct, dispatched, fingerprints)
    results = run(process_file, tasks, on_failure=failures.append, name_of=_name_of_task,
                  preload=("timeline.warm_up",))
    ids = UniqueIds()
    articles: list[Article] = []
    signatures: list[bytes] = []
    analyses: list[ArticleAnalysis | None] = []
    origins: list[tuple[int, int]] = []  # (file position, document position in the file)

    def add(article: Article, signature: bytes, analysis: ArticleAnalysis | None,
            origin: tuple[int, int]) -> None:
        claimed = ids.claim(article)
        for problem in (*claimed.errors, *claimed.warnings):
            report(problem)
        articles.append(claimed)
        signatures.append(signature)
        analyses.append(renamed_analysis(analysis, claimed.id) if analysis is not None else None)
        origins.append(origin)

    def add_failures() -> None:
        # map_articles reports a failed file before it yields the result of the file after it.
        for failure in failures:
            position = dispatched.popleft()
            add(failed_file(files[position], failure.message), b"", None, (position, 0))
        failures.clear()

    for file_results in progress(results, len(files)) if progress else results:
        add_failures()
        position = dispatched.popleft()
        shown = files[position].display_path
        for index, result in enumerate(file_results):
            article = result.article if result.article.path == shown else relocated(result.article, shown)
            add(article, result.signature, result.analysis, (position, index))
    add_failures()
    _mark_duplicates(articles, signatures, analyses, origins, files, _Verdicts(cache, fingerprints, origins))
    readable = [analysis for article, analysis in zip(articles, analyses, strict=True)
                if analysis is not None and not article.errors]
    return Collection(articles, readable)


class _Verdicts:
    """The verdicts of the near-duplicate verification kept in the cache: a pair's verdict depends
    only on the two stories' texts, so on the two files' bytes (and the tool), which their cache
    fingerprints cover, and on which article of its file each is."""

    def __init__(self, cache: ResultCache | None, fingerprints: dict[int, bytes] | None,
                 origins: list[tuple[int, int]]) -> None:
        self.cache = cache
        self.fingerprints = fingerprints or {}
        self.origins = origins
        self.keys: dict[tuple[int, int], str] = {}

    def _identity(self, position: int) -> bytes | None:
        file_position, index = self.origins[position]
        fingerprint = self.fingerprints.get(file_position)
        return None if fingerprint is None else fingerprint + b"#" + str(index).encode()

    def known(self, pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], bool]:
        """The stored verdicts on PAIRS (positions into the collection)."""
        if self.cache is None:
            return {}
        for pair in pairs:
            identities = [self._identity(position) for position in pair]
            if None not in identities:
                self.keys[pair] = self.cache.verdict_key(*sorted(identities))
        stored = self.cache.get_verdicts(sorted(set(self.keys.values())))
        return {pair: stored[key] for pair, key in self.keys.items() if key in stored}

    def keep(self, verdicts: dict[tuple[int, int], bool], known: set[tuple[int, int]]) -> None:
        """Store the verdicts that were not known."""
        if self.cache is not None:
            self.cache.put_verdicts({self.keys[pair]: same for pair, same in verdicts.items()
                                     if pair not in known and pair in self.keys})


def _mark_duplicates(articles: list[Article], signatures: list[bytes], analyses: list[ArticleAnalysis | None],
                     origins: list[tuple[int, int]], files: Sequence[InputFile], stored: _Verdicts) -> None:
    """Near-duplicates over the whole collection, from the signatures; the few candidate pairs are
    verified on their texts, read again (the main process holds no text; the articles' segments,
    which say where their main story lies, it does hold)."""
    from timeline.duplicates import (
        candidate_pairs_of_signatures,
        duplicate_groups,
        events_the_original_lacks,
        originals,
        story_text,
    )
    from timeline.events import ArticleAnalysis
    from timeline.readers import read_file

    @functools.lru_cache(maxsize=64)
    def texts_of(file_position: int) -> list[str]:
        return [document.text for document in read_file(files[file_position])]

    def story_text_at(position: int) -> str:
        file_position, index = origins[position]
        texts = texts_of(file_position)
        return story_text(replace(articles[position], text=texts[index])) if index < len(texts) else ""

    pairs = candidate_pairs_of_signatures(signatures)
    verdicts = stored.known(pairs)
    known = set(verdicts)
    groups = duplicate_groups(signatures, story_text_at, pairs, verdicts)
    stored.keep(verdicts, known)
    position_of = {article.id: position for position, article in enumerate(articles)}
    for position, original in originals(articles, groups).items():
        articles[position] = replace(articles[position], duplicate_of=original)
        analysis = analyses[position]
        file_position, index = origins[position_of[original]]
        own = events_the_original_lacks(analysis.events, texts_of(file_position)[index]) if analysis else ()
        analyses[position] = (
            replace(analysis, events=own, duplicate_of=original)
            if own
            else ArticleAnalysis(articles[position].id, duplicate_of=original)
        )
