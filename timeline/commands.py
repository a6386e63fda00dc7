"""What each command does, once its arguments are parsed: one library call and its printing."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from timeline.cli import EXIT_NOTHING_BUILT, EXIT_OK, EXIT_USAGE
from timeline.readers import printable_path


def _read_text_argument(path: str) -> str | None:
    if path == "-":
        return sys.stdin.buffer.read().decode("utf-8", errors="replace")
    try:
        with open(path, "rb") as stream:
            return stream.read().decode("utf-8", errors="replace")
    except OSError as error:
        print(f"timeline: {path}: {error.strerror or error}", file=sys.stderr)
        return None


def run_tag(arguments: argparse.Namespace) -> int:
    from timeline.temporal import tag
    from timeline.temporal.timeml_writer import to_timeml

    text = _read_text_argument(arguments.file)
    if text is None:
        return EXIT_USAGE
    reference = arguments.dct or _dateline_date(text)
    expressions = tag(text, reference)
    if getattr(arguments, "format", "jsonl") == "timeml":
        sys.stdout.write(to_timeml(text, expressions, reference))
        return EXIT_OK
    for expression in expressions:
        print(json.dumps(expression.to_dict(), ensure_ascii=False))
    return EXIT_OK


def _dateline_date(text: str) -> dt.date | None:
    """The day a dateline in TEXT gives, if the dating module is there and finds one."""
    try:
        from timeline.dating import find_dateline
    except ImportError:
        return None
    dateline = find_dateline(text)
    return getattr(dateline, "date", None) if dateline is not None else None


def _print_problem(problem: str) -> None:
    # One line each, whatever a file name or a title holds (a newline, a terminal escape).
    print(f"timeline: {printable_path(problem)}", file=sys.stderr)


def run_articles(arguments: argparse.Namespace) -> int:
    """Print, per input document, the record `build` writes to articles.json (one JSON object a line)."""
    from timeline.documents import read_articles
    from timeline.duplicates import mark_duplicates

    batch = read_articles(arguments.inputs, dct=arguments.dct, on_problem=_print_problem)
    articles = mark_duplicates(list(batch))
    for article in articles:
        print(json.dumps(article.to_dict(), ensure_ascii=False))
    if not any(not article.errors for article in articles):
        print("timeline: no article could be read from " + ", ".join(arguments.inputs), file=sys.stderr)
        return EXIT_NOTHING_BUILT
    return EXIT_OK


def _progress_bar(results, total: int):
    """A progress bar on stderr, only when a person is watching it."""
    if not sys.stderr.isatty():
        return results
    from tqdm import tqdm

    return tqdm(results, total=total, unit="article", file=sys.stderr, leave=False)


def run_build(arguments: argparse.Namespace) -> int:
    """Build the chronology; print warnings and a closing summary on stderr."""
    from timeline.pipeline import BuildError, build

    options = {
        key: value for key, value in vars(arguments).items()
        if key not in ("inputs", "out", "dct", "jobs", "formats", "handler", "command") and value is not None
    }
    printed: list[str] = []

    def print_problem(problem: str) -> None:
        printed.append(problem)
        _print_problem(problem)

    try:
        result = build(
            arguments.inputs, out=arguments.out, dct=arguments.dct, jobs=arguments.jobs,
            formats=arguments.formats, progress=_progress_bar, on_problem=print_problem, **options,
        )
    except ValueError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BuildError as error:
        print(f"timeline: {error}", file=sys.stderr)
        return EXIT_NOTHING_BUILT
    except OSError as error:  # --out or --cache cannot be written: the inputs' own errors are caught per file
        print(f"timeline: {error.filename or arguments.out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_NOTHING_BUILT
    for warning in result.warnings:
        if warning not in printed:
            _print_problem(warning)
    closing = result.summary()
    if result.timeline_summary is not None:
        dates = len(result.timeline_summary.dates)
        closing += f", summarised in {dates} date{'s' if dates != 1 else ''}"
    print(f"timeline: {closing} -> {arguments.out}", file=sys.stderr)
    return EXIT_OK


def run_summarize(arguments: argparse.Namespace) -> int:
    """`build` with its summary option: --dates K (default: chosen from the collection), --sentences N."""
    options = vars(arguments)
    options["summary"] = options.pop("dates") or True
    options["summary_sentences"] = options.pop("sentences")
    return run_build(arguments)


__all__ = ["run_tag", "run_articles", "run_build", "run_summarize", "EXIT_NOTHING_BUILT"]
