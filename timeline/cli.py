"""The command line: a thin shell over the library.

Parses arguments, shows progress, maps errors to exit codes (0 ok, 1 nothing could be built,
2 usage error). Everything else is one call of the public API.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_NOTHING_BUILT = 1
EXIT_USAGE = 2


def _iso_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}") from None


def _positive_int(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text!r}")
    return number


def _command(name: str):
    """The handler of a command: its body in timeline.commands, imported only when it runs,
    so that `timeline --help` does not load the pipeline."""

    def run(arguments: argparse.Namespace) -> int:
        from timeline import commands

        return getattr(commands, name)(arguments)

    return run


def _add_tag_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "tag",
        help="find and resolve the temporal expressions of one text",
        description=(
            "Read one UTF-8 text and print one JSON object per temporal expression, in text order: "
            "its offsets, its TIMEX3 type and value, the calendar days it covers and its precision. "
            "Relative expressions ('two months ago', 'on Friday') are resolved against --dct, else "
            "against a dateline found in the text, else left unanchored (XXXX-...)."
        ),
    )
    parser.add_argument("file", nargs="?", default="-", help="the text to tag (default: standard input)")
    parser.add_argument("--dct", type=_iso_day, help="reference date (document creation time), YYYY-MM-DD")
    parser.add_argument(
        "--format", choices=("jsonl", "timeml"), default="jsonl",
        help="jsonl: one JSON object per expression (default); timeml: the text with TIMEX3 tags",
    )
    parser.set_defaults(handler=_command("run_tag"))


def _add_articles_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "articles",
        help="read and date the input documents, print one JSON record each",
        description=(
            "Read INPUT files and folders as 'build' does and print, per document, the JSON record "
            "that 'build' writes to articles.json: id, path, title, source, date and where the date "
            "came from (cli, metadata, manifest, folder, dateline, inferred, none), segments, "
            "duplicate_of, errors."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (searched recursively)")
    parser.add_argument("--dct", type=_iso_day, help="reference date for every article, YYYY-MM-DD")
    parser.set_defaults(handler=_command("run_articles"))


def _add_build_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "build",
        help="run the whole pipeline and write the chronology",
        description=(
            "Read INPUT files and folders, date every article, tag its temporal expressions, extract "
            "and merge the events they date, link them in a graph and write events.json, "
            "articles.json, the graph and the figures into --out."
        ),
    )
    _add_pipeline_arguments(parser)
    parser.add_argument(
        "--summary", metavar="K", type=_positive_int,
        help="draw only the K dates that matter most, with their sentences (as 'summarize' does, "
             "also writing summary.json and summary.txt); events.json keeps every event",
    )
    parser.set_defaults(handler=_command("run_build"))


def _add_summarize_command(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "summarize",
        help="the dates that matter most, each with the sentences that say what happened",
        description=(
            "Run the whole pipeline as 'build' does, then pick the dates that the most independent "
            "articles name (near-duplicates do not count), and for each the sentences most central to "
            "what is said of it, none repeating another. Writes summary.json and summary.txt (a date "
            "line, its sentences, a line of dashes) beside build's files; the figures and the page "
            "show the summary only."
        ),
    )
    _add_pipeline_arguments(parser)
    parser.add_argument(
        "--dates", metavar="K", type=_positive_int,
        help="how many dates (default: from the size and spread of the collection, 5 to 30)",
    )
    parser.add_argument("--sentences", metavar="N", type=_positive_int, help="sentences per date (default 2)")
    parser.set_defaults(handler=_command("run_summarize"))


def _add_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    """The inputs, outputs, execution and figure options that 'build' and 'summarize' share."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (searched recursively)")
    parser.add_argument("--out", default="out", help="output folder (default: out)")
    parser.add_argument("--dct", type=_iso_day, help="reference date for every article, YYYY-MM-DD")
    parser.add_argument("--jobs", type=_positive_int, help="worker processes (default: all cores)")
    parser.add_argument(
        "--cache", metavar="DIR",
        help="keep each article's analysis in DIR so re-runs only process new or changed articles "
             "(default: .timeline-cache beside --out)",
    )
    parser.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    parser.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local: worker processes on this machine (default); dask: a Dask LocalCluster of --jobs "
             "workers (needs: pip install 'timeline[dask]')",
    )
    parser.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="run the per-article stages on an existing Dask cluster, e.g. tcp://HOST:8786 "
             "(implies --engine dask)",
    )
    parser.add_argument("--title", help="title of the chronology")
    parser.add_argument(
        "--formats", default=None,
        help="comma-separated outputs among png,svg,graphml,json,timelinejs,html (default: all; "
             "'none': only events.json and articles.json)",
    )
    _add_figure_options(parser)


def _checked(parse, *extra):
    """An argparse type from one of timeline.filters' parsers: its ValueError becomes a usage error."""

    def convert(text: str):
        try:
            return parse(text, *extra)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    convert.__name__ = parse.__name__
    return convert


def _dpi(text: str) -> int:
    from timeline.filters import DPI_RANGE

    number = _positive_int(text)
    if not DPI_RANGE[0] <= number <= DPI_RANGE[1]:
        raise argparse.ArgumentTypeError(f"must be between {DPI_RANGE[0]} and {DPI_RANGE[1]}: {text!r}")
    return number


def _add_figure_options(parser: argparse.ArgumentParser) -> None:
    """What the figures, the TimelineJS file and the HTML page show (events.json is never filtered)."""
    from timeline.filters import LANE_CHOICES, parse_date_bound, parse_size

    views = parser.add_argument_group(
        "figures, TimelineJS and HTML",
        "these options (filters included) shape the figures, TimelineJS and HTML only; events.json, "
        "articles.json and the graph always hold every event",
    )
    views.add_argument(
        "--highlight", metavar="NAMES",
        help="comma-separated places or participants, e.g. 'Helsinki,Osaka,Alaska,Budapest': one event "
             "for each, drawn as a connected chain on top (default: the most reported events in bold)",
    )
    views.add_argument(
        "--lanes", choices=LANE_CHOICES, default=None,
        help="one lane per place, participant or source (the TimelineJS group); none: one line (default)",
    )
    views.add_argument(
        "--from", dest="date_from", metavar="DATE", type=_checked(parse_date_bound, False),
        help="only events that reach this date or later: YYYY, YYYY-MM or YYYY-MM-DD (its first day)",
    )
    views.add_argument(
        "--to", dest="date_to", metavar="DATE", type=_checked(parse_date_bound, True),
        help="only events that start by this date: YYYY, YYYY-MM or YYYY-MM-DD (its last day)",
    )
    views.add_argument(
        "--entity", metavar="NAME", help="only events involving this person, place or organisation"
    )
    views.add_argument(
        "--min-sources", dest="min_sources", metavar="N", type=_positive_int,
        help="only events reported by at least N distinct articles",
    )
    views.add_argument(
        "--size", metavar="WxH", type=_checked(parse_size),
        help="figure size in inches (default 11.69x8.27, A4 landscape; the height grows when labels need it)",
    )
    views.add_argument("--dpi", type=_dpi, help="PNG resolution in dots per inch (default 150)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Turn news articles into a dated chronology: every date resolved against its "
                    "article's date, every event with its sources.",
    )
    from timeline import __version__

    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_tag_command(commands)
    _add_articles_command(commands)
    _add_build_command(commands)
    _add_summarize_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    arguments = parser.parse_args(argv)
    if not getattr(arguments, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return arguments.handler(arguments)
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
