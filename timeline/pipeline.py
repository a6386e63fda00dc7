"""Runs the stages: read -> date -> segment -> de-duplicate -> tag -> events -> merge -> graph -> write.

The per-file stage (`timeline.file_stage.process_file`: read, date, segment, sign, analyse) runs
through `timeline.execution`, which may spread it over processes and caches it per input file;
everything after it sees the analyses sorted by article id, so the output does not depend on the
order in which they arrive.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from timeline.model import Article, Event

if TYPE_CHECKING:
    from timeline.summary import Summary

ALL_FORMATS = ("png", "svg", "graphml", "json", "timelinejs", "html")
FIGURE_FORMATS = ("png", "svg")
# Every file a build may write into --out: what one build does not write, an earlier one did.
OUTPUT_FILES = (
    "events.json", "articles.json", "graph.graphml", "graph.json", "timeline.png", "timeline.svg",
    "timeline.timelinejs.json", "timeline.html", "summary.json", "summary.txt",
)
REMOVED_NOTE = "removed: from an earlier build, not among this build's --formats"

# Wraps the stream of per-file results, given their number (a progress bar).
ProgressWrapper = Callable[[Iterable[Any], int], Iterable[Any]]


class BuildError(Exception):
    """Nothing could be built (exit code 1)."""


@dataclass
class BuildResult:
    articles: list[Article]  # their metadata: each text is dropped once the article is analysed
    events: list[Event] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: int = 0  # articles that could not be read
    duplicates: int = 0  # near-duplicates of another article, not counted as sources
    merged: int = 0  # events reported by more than one article
    # With the `summary` option: the dates that matter (timeline.summary).
    timeline_summary: Summary | None = None

    def summary(self) -> str:
        """The closing line of `timeline build`."""
        read = len(self.articles) - self.skipped
        return (f"{read} article{'s' if read != 1 else ''} read, {self.skipped} skipped, "
                f"{self.duplicates} near-duplicate{'s' if self.duplicates != 1 else ''}, "
                f"{len(self.events)} event{'s' if len(self.events) != 1 else ''}, {self.merged} merged "
                f"from several articles")


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    if formats is None:
        return ALL_FORMATS
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    names = [name.strip().lower() for name in names if name.strip()]
    if names == ["none"]:
        return ()
    unknown = sorted(set(names) - set(ALL_FORMATS))
    if unknown:
        choices = ", ".join(ALL_FORMATS)
        raise ValueError(f"unknown format(s): {', '.join(unknown)} (choose from {choices} or none)")
    return tuple(name for name in ALL_FORMATS if name in names)


def _write_views(
    events: list[Event], articles: list[Article], out: Path, chosen: Sequence[str], options: dict
) -> list[str]:
    """The figures, TimelineJS and the page, each imported only when asked for (matplotlib loads slowly)."""
    written: list[Path] = []
    figures = [name for name in FIGURE_FORMATS if name in chosen]
    chronology = None
    if figures or "html" in chosen:
        from timeline.writers.figure import render_chronology, write_figures

        # One drawing serves the PNG, the SVG and the page.
        chronology = render_chronology(events, articles, options)
        if figures:
            written += write_figures(events, articles, out, options, formats=figures, chronology=chronology)
    if "timelinejs" in chosen:
        from timeline.writers.timelinejs import write_timelinejs

        written += write_timelinejs(events, articles, out, options)
    if "html" in chosen:
        from timeline.writers.html import write_html

        written += write_html(events, articles, out, options, chronology)
    return [str(path) for path in written]


def build(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str] = "out",
    dct: dt.date | str | None = None,
    jobs: int | None = None,
    formats: str | Iterable[str] | None = None,
    *,
    progress: ProgressWrapper | None = None,
    on_problem: Callable[[str], None] | None = None,
    **options,
) -> BuildResult:
    """Run the whole pipeline over INPUTS and write its files into OUT.

    `progress(results, total)` may wrap the per-article results (a progress bar); `on_problem` is
    told of every input that could not be read. Other options go to the execution engine
    (`engine`, `scheduler`, `cache`, `no_cache`) and to the figures (`title`, `lanes` ...).
    Raises BuildError when no article could be read, ValueError for an unknown format.
    """
    from timeline.execution import article_runner
    from timeline.gc_pause import without_cyclic_collection

    chosen = parse_formats(formats)
    for option, folder in (("--out", out), ("--cache", options.get("cache"))):
        if folder is not None and Path(folder).exists() and not Path(folder).is_dir():
            raise ValueError(f"{option} {os.fspath(folder)}: is a file, not a folder")
    # The whole build holds the lock of OUT, from reading to the last file written.
    with article_runner(Path(out), jobs, **options) as run, without_cyclic_collection():
        return _build(inputs, Path(out), dct, chosen, run, progress, on_problem, options)


def _build(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], out_dir: Path,
    dct: dt.date | str | None, chosen: Sequence[str], run: Callable, progress: ProgressWrapper | None,
    on_problem: Callable[[str], None] | None, options: dict,
) -> BuildResult:
    from timeline.file_stage import collect_files
    from timeline.graph import build_graph
    from timeline.readers import discover, manifest_row
    from timeline.writers.articles_json import write_articles_json
    from timeline.writers.atomic import output_set
    from timeline.writers.events_json import write_events_json
    from timeline.writers.graph_json import write_graph_json
    from timeline.writers.graphml import write_graphml

    given = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    warnings: list[str] = []

    def report(problem: str) -> None:
        warnings.append(problem)
        if on_problem is not None:
            on_problem(problem)

    discovery = discover([os.fspath(path) for path in given])
    rows = [manifest_row(discovery, file) for file in discovery.files]
    for problem in discovery.problems:
        report(problem)
    reference = dct.isoformat() if isinstance(dct, dt.date) else dct
    collected = collect_files(discovery.files, rows, reference, run, report, progress, cache=run.cache)
    articles = collected.articles
    if not any(not article.errors for article in articles):
        raise BuildError("no article could be read from " + ", ".join(os.fspath(path) for path in given))
    # Imported only now: the merge imports the whole extraction package, which a run served from
    # the cache needs for nothing else.
    from timeline.events.merge import merge_analyses

    events = merge_analyses(collected.analyses)
    summary = None
    if options.get("summary") not in (None, False):
        summary = _summarize(discovery.files, rows, reference, run, articles, events, options)
        events = summary.marked(events)
    # One set: an article id in events.json is always one of the articles.json beside it.
    with output_set(out_dir, OUTPUT_FILES, lambda name: report(f"{out_dir / name}: {REMOVED_NOTE}")) as (
        staging, names
    ):
        write_events_json(events, staging / "events.json", articles)
        write_articles_json(articles, staging / "articles.json")
        names += ["events.json", "articles.json"]
        if "graphml" in chosen or "json" in chosen:
            graph = build_graph(events, articles)
            if "graphml" in chosen:
                write_graphml(graph, staging / "graph.graphml")
                names.append("graph.graphml")
            if "json" in chosen:
                write_graph_json(graph, staging / "graph.json")
                names.append("graph.json")
        from timeline.filters import unmatched_entity_warning

        entity_warning = unmatched_entity_warning(events, options.get("entity"))
        if entity_warning:
            report(entity_warning)
        shown = events
        if summary is not None:
            names += [Path(path).name for path in _write_summary(summary, staging)]
            shown = list(summary.events)
        names += [Path(path).name for path in _write_views(shown, articles, staging, chosen, options)]
    return BuildResult(
        articles=articles, events=events, written=[str(out_dir / name) for name in names], warnings=warnings,
        skipped=sum(1 for article in articles if article.errors),
        duplicates=sum(1 for article in articles if article.duplicate_of),
        merged=sum(1 for event in events if len({source.article for source in event.sources}) > 1),
        timeline_summary=summary,
    )


def _summarize(files: Sequence, rows: Sequence, reference: str | None, run: Callable, articles: list[Article],
               events: list[Event], options: dict) -> Summary:
    """The `summary` option: True for as many dates as the collection calls for, or a number of dates;
    `summary_sentences` sentences per date."""
    from timeline.summary import DEFAULT_SENTENCES, summarize_files

    dates = options["summary"]
    if dates is True:
        dates = None
    elif not isinstance(dates, int) or isinstance(dates, bool) or dates < 1:
        raise ValueError(f"summary must be True or a number of dates of at least 1, not {dates!r}")
    sentences = options.get("summary_sentences") or DEFAULT_SENTENCES
    return summarize_files(files, rows, reference, run, articles, events, dates, sentences)


def _write_summary(summary: Summary, out_dir: Path) -> list[str]:
    from timeline.writers.summary_json import write_summary_json
    from timeline.writers.summary_txt import write_summary_txt

    write_summary_json(summary, out_dir / "summary.json")
    write_summary_txt(summary, out_dir / "summary.txt")
    return [str(out_dir / "summary.json"), str(out_dir / "summary.txt")]
