"""An article's reference date: where it comes from and how sure we are of it.

The contract's order: the command line (`--dct`), the article's own metadata, its folder's manifest,
a dateline in its text, inference from its content; else none. This module knows how to find a
dateline ("Tuesday, October 21, 2025" in a page header, "MOSCOW, Aug 7 (Reuters) -", "Published
7 August 2025") and how to infer a date from the weekday-anchored dates an article mentions
("will meet on Wednesday, August 6"), never claiming more precision than the evidence gives.
The dates themselves are read by the temporal tagger (`written_days`) and the tense around them
by its cues: this module knows only where a page puts its date, not how dates are written.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from timeline.resources import load_yaml
from timeline.temporal.cues import orientation
from timeline.temporal.tagger import WrittenDay, tag, written_days
from timeline.temporal.timex import in_year, undated_weekday, year_of_value
from timeline.temporal.value import Undated, timex

_RESOURCES = Path(__file__).parent / "resources"

# How far from publication a journalist still names a day by its weekday ("on Wednesday,
# August 6"): within the week before or after (news style guides, e.g. AP, use the weekday
# alone for dates within seven days).
WEEKDAY_HORIZON = dt.timedelta(days=6)

# Only the top of a page holds its dateline; bodies quote many other dates.
_HEADER_LINES = 15
_TOP_CHARACTERS = 3000
# A header line is short; the first line with this many words is the story itself.
_PROSE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Dateline:
    """The date an article gives itself, and where it says so.

    `start`/`end` span the whole dateline ("MOSCOW, Aug 7 (Reuters) -"), `date_start`/`date_end`
    only its date words ("Aug 7"). `date` is None when the dateline names no year; `value` is the
    TIMEX3 value either way (`2025-08-07`, `XXXX-08-07`).
    """

    start: int
    end: int
    date_start: int
    date_end: int
    value: str
    date: dt.date | None
    kind: str  # "published" | "revised" | "wire" | "header" | "byline"
    words: str = ""  # the date as written: "Aug 7"


@dataclass(frozen=True, slots=True)
class Inference:
    """A date inferred from content: the window the article must lie in and its honest TIMEX3 value."""

    value: str
    earliest: dt.date
    latest: dt.date
    evidence: tuple[str, ...]  # the phrases it rests on, in text order


@dataclass(frozen=True, slots=True)
class ReferenceDate:
    value: str | None  # ISO day or coarser TIMEX3 value
    source: str  # one of timeline.model.DATE_SOURCES
    warnings: tuple[str, ...] = ()


@functools.cache
def _words() -> dict:
    return load_yaml(_RESOURCES / "dating.yaml")


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=lambda name: (-len(name), name)))


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a page puts its own date: what precedes the date on its line (BEFORE, matched up to the
    date's first character), what may follow it (AFTER, matched from its last), and whether its year
    must be written. The date itself is read by the temporal tagger."""

    kind: str
    before: re.Pattern[str]
    after: re.Pattern[str]
    needs_year: bool
    header_only: bool  # only within the header of the page, not anywhere near the top


@functools.cache
def _layouts() -> tuple[_Layout, ...]:
    """The layouts of datelines, most trusted first: a "Published ..." stamp (or "Updated ..."), a
    wire-service dateline ("MOSCOW, Aug 7 (Reuters) -"), a header line holding only a date, a byline."""
    clock = r"(?:\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[aApP]\.?[mM]\.?)?(?:\s*[A-Z]{2,5}\b)?)"
    time_part = rf"(?:,?\s*(?:at\s+|[|•·-]\s*)?{clock}|(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)"
    prefixes = [*_words()["revised_prefixes"], *_words()["published_prefixes"]]
    prefix = rf"(?P<prefix>(?i:{_alternation(prefixes)}))"
    agency = r"\((?P<agency>[A-Z][A-Za-z&.\- ]{0,30})\)"
    place = r"[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*(?:,\s*[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+)*)?"
    line_start = r"(?:(?<=\n)|^)[ \t]*"
    return (
        _Layout("stamped", re.compile(rf"{line_start}{prefix}[ \t]*:?[ \t]*(?:on[ \t]+)?(?:{clock},?\s*)?$"),
                re.compile(rf"{time_part}?"), needs_year=True, header_only=False),
        _Layout("wire", re.compile(rf"{line_start}(?:{place}\s*,\s*)?$"),
                re.compile(rf"\s*{agency}\s*[-—–]"), needs_year=False, header_only=False),
        _Layout("header", re.compile(rf"{line_start}(?:{clock},?\s*)?$"),
                re.compile(rf"{time_part}?[ \t]*(?=\n|$)"), needs_year=True, header_only=True),
        _Layout("byline", re.compile(rf"{line_start}By\s+[^\n|•·]{{2,60}}?\s*[|•·,–—-]\s*$"),
                re.compile(""), needs_year=True, header_only=False),
    )


@functools.cache
def _line_may_hold_dateline() -> re.Pattern[str]:
    """What a line below the page header must show for any layout but "header" to match on it: a
    stamp's prefix or "By" at its start, or a wire dateline's "(Agency) -". The tagger then reads
    only those lines: a body's prose lines, which hold none, cost nothing."""
    prefixes = [*_words()["revised_prefixes"], *_words()["published_prefixes"]]
    return re.compile(
        rf"[ \t]*(?:(?i:{_alternation(prefixes)})|By\s)|.*?\([A-Z][A-Za-z&.\- ]{{0,30}}\)\s*[-—–]"
    )


def _dateline_regions(top: str, header_end: int) -> list[tuple[int, int]]:
    """The parts of the top of a page a dateline can lie in: the header, and the later lines that
    may hold a stamp, a byline or a wire dateline (runs of such lines read as one part)."""
    regions = [(0, header_end)] if header_end else []
    may_hold = _line_may_hold_dateline()
    position = header_end
    while position < len(top):  # lines as the layouts see them: ended by "\n" only
        end = top.find("\n", position) + 1 or len(top)
        if may_hold.match(top, position, end):
            if regions and regions[-1][1] == position:
                regions[-1] = (regions[-1][0], end)
            else:
                regions.append((position, end))
        position = end
    return regions


def _when(written: WrittenDay) -> tuple[str, dt.date | None] | None:
    """(TIMEX3 value, date) of a day written in a dateline; None if it may not be trusted."""
    expression = written.expression
    if written.year is None:
        return timex(Undated(month=written.month, day=written.day)), None
    date = dt.date(written.year, written.month, written.day)
    if written.weekday is not None and written.weekday != date.isoweekday():
        return None  # "Monday, October 21, 2025" is a typo or not a date; trust neither half
    if expression.rule == "numeric_month_day_year" and written.day <= 12:
        # 05/08/2025: the tagger reads prose in American order, but a page header may be from
        # anywhere: the 5th of August or May the 8th? Not a guess to make.
        return None
    return date.isoformat(), date


def _header_end(text: str) -> int:
    """Offset where the header of a page ends: at its first line of prose, or after a few lines."""
    position = 0
    for count, line in enumerate(text.splitlines(keepends=True)):
        if count >= _HEADER_LINES or len(line.split()) >= _PROSE_WORDS:
            break
        position += len(line)
    return position


def find_dateline(text: str) -> Dateline | None:
    """The dateline of an article, if its text has one near the top.

    In order of trust: a "Published ..." stamp (an "Updated ..." one only if there is no other),
    a wire-service dateline ("MOSCOW, Aug 7 (Reuters) -"), a line of the page header holding only a
    date ("Tuesday, October 21, 2025"), a byline with a date ("By Jane Doe | Aug 7, 2025").
    """
    top = text[:_TOP_CHARACTERS]
    header_end = _header_end(top)
    revised_prefixes = set(_words()["revised_prefixes"])
    found: dict[str, Dateline] = {}
    regions = _dateline_regions(top, header_end)
    for written in (day for start, end in regions for day in written_days(top, start, end)):
        expression = written.expression
        line_start = top.rfind("\n", 0, expression.start) + 1
        for layout in _layouts():
            if layout.header_only and expression.end > header_end:
                continue
            before = layout.before.search(top, line_start, expression.start)
            after = layout.after.match(top, expression.end)
            if before is None or after is None or (layout.needs_year and written.year is None):
                continue
            resolved = _when(written)
            if resolved is None:
                continue
            kind = layout.kind
            if kind == "stamped":
                prefix = " ".join(before["prefix"].lower().split())
                kind = "revised" if prefix in revised_prefixes else "published"
            value, date = resolved
            found.setdefault(kind, Dateline(
                start=before.start() + len(before[0]) - len(before[0].lstrip()),
                end=after.end() if kind != "byline" else expression.end,
                date_start=expression.start,
                date_end=expression.end,
                value=value,
                date=date,
                kind=kind,
                words=expression.text,
            ))
    for kind in ("published", "wire", "header", "byline", "revised"):
        if kind in found:
            return found[kind]
    return None


def parse_metadata_date(value: object) -> str | None:
    """A metadata date as a TIMEX3 value (`2025-08-07`, `2025-08`, `2025`); None if it names no real date.

    Accepts dates, datetimes, ISO strings with or without a time ("2025-08-07T10:04:00Z"),
    "August 7, 2025" and, through dateparser, most other written forms.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and 1000 <= value <= 2999:
        return str(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    iso = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?", text)
    if iso:
        year, month, day = iso.groups()
        try:
            if day:
                return dt.date(int(year), int(month), int(day)).isoformat()
            if month:
                return dt.date(int(year), int(month), 1).strftime("%Y-%m")
        except ValueError:
            return None
        return year
    header = find_dateline(text)
    if header is not None and header.kind == "header" and header.date is not None and header.end == len(text):
        return header.value
    if header is None and any(_when(written) is None for written in written_days(text)):
        return None  # a day written ambiguously (05/08/2025) or with the wrong weekday
    import dateparser  # slow to import; only free-form dates need it

    parsed = dateparser.parse(
        text, languages=_words()["metadata_date_languages"],
        settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]},
    )
    # A reference date must be written out: dateparser also reads "yesterday" (from the wall clock,
    # which a cached result would then serve stale) and "-0044-03-15" (as the year 44).
    written_year = parsed is not None and re.search(rf"(?<![-\d]){parsed.year}\b", text)
    if parsed is None or not 1000 <= parsed.year <= 2999 or not written_year:
        return None
    return parsed.date().isoformat()


# The years a news article may be written in: "1850" in a story is history, not a candidate.
_NEWS_YEARS = range(1900, 2100)


def mentioned_years(text: str) -> list[int]:
    """The years a text names, in text order ("in 2019", "Joint Sea 2025", "August 6, 2025"), as the
    temporal tagger reads them without a reference date."""
    years = (year_of_value(expression.value) for expression in tag(text) if expression.anchor is None)
    return [year for year in years if year in _NEWS_YEARS]


def _resolve_year(month: int, day: int, weekday: int, years: Iterable[int]) -> int | None:
    """The year in which MONTH/DAY falls on WEEKDAY, among the years the text mentions (latest first)."""
    for year in sorted(set(years), reverse=True):
        try:
            if dt.date(year, month, day).isoweekday() == weekday:
                return year
        except ValueError:
            continue
    return None


def _tense(text: str, start: int, end: int) -> str:
    """'future', 'past' or 'unknown': the tense of the clause around text[start:end], read with the
    tagger's cues (timeline/temporal/cues.py), so that an article is dated by the same reading of
    tense as the dates in it are resolved by."""
    return orientation(text, start, end) or "unknown"


# A weekday written beside a date the tagger reads apart from it: "Wednesday (Aug. 6)".
_WEEKDAY_BESIDE = re.compile(r",?\s*\(\s*(?:the\s+)?")


def _with_weekdays(text: str, days: list[WrittenDay]) -> list[tuple[int, WrittenDay, int | None]]:
    """(start, day, weekday) of each written day, its weekday taken from just before it when the
    tagger read "Wednesday (Aug. 6)" as a weekday and a date."""
    weekdays = {expression.end: expression for expression in tag(text)
                if undated_weekday(expression.value) is not None and expression.anchor is None}
    paired = []
    for written in days:
        start, weekday = written.expression.start, written.weekday
        if weekday is None:
            for end, expression in weekdays.items():
                if end <= start and _WEEKDAY_BESIDE.fullmatch(text, end, start):
                    start, weekday = expression.start, undated_weekday(expression.value)
        paired.append((start, written, weekday))
    return paired


def value_of_window(earliest: dt.date, latest: dt.date) -> str | None:
    """The most precise TIMEX3 value that covers every day from EARLIEST to LATEST."""
    if earliest == latest:
        return earliest.isoformat()
    first_week, last_week = earliest.isocalendar(), latest.isocalendar()
    if first_week[:2] == last_week[:2]:
        return f"{first_week[0]}-W{first_week[1]:02d}"
    if (earliest.year, earliest.month) == (latest.year, latest.month):
        return earliest.strftime("%Y-%m")
    if earliest.year == latest.year:
        return str(earliest.year)
    return None


def infer_date(text: str, context_years: Iterable[int] = ()) -> Inference | None:
    """Infer when TEXT was written from the weekday-anchored dates it mentions.

    "will meet on Wednesday, August 6" places the article within a week before that Wednesday;
    "said on Tuesday, August 5" within a week after. A date without its year gets the year, among
    those the text (or CONTEXT_YEARS, e.g. from sibling teasers) mentions, in which that day is
    that weekday. The windows of all such dates are intersected; the value is the most precise
    TIMEX3 value covering the result (a day, an ISO week, a month or a year), or nothing when the
    evidence disagrees or spans more than a year.
    """
    years = [*mentioned_years(text), *context_years]
    earliest, latest = dt.date.min, dt.date.max
    evidence: list[str] = []
    days = written_days(text)
    for start, written, weekday in _with_weekdays(text, days):
        if weekday is None:
            continue
        year = written.year or _resolve_year(written.month, written.day, weekday, years)
        if year is None:
            continue
        date = dt.date(year, written.month, written.day)
        if date.isoweekday() != weekday:
            continue
        tense = _tense(text, start, written.expression.end)
        low = date if tense == "past" else date - WEEKDAY_HORIZON
        high = date if tense == "future" else date + WEEKDAY_HORIZON
        earliest, latest = max(earliest, low), min(latest, high)
        evidence.append(text[start : written.expression.end])
    if not evidence:
        return None
    # Dates with their year but no weekday may be far from publication, but their tense still bounds
    # it: "met on August 6, 2025" was written after that day, "will meet on ..." before it.
    for written in days:
        if written.weekday is not None or written.year is None or _when(written) is None:
            continue
        expression = written.expression
        date, tense = expression.start_date, _tense(text, expression.start, expression.end)
        if tense == "past" and date > earliest:
            earliest = date
            evidence.append(expression.text)
        elif tense == "future" and date < latest:
            latest = date
            evidence.append(expression.text)
    if earliest > latest:
        return None
    value = value_of_window(earliest, latest)
    if value is None:
        return None
    return Inference(value=value, earliest=earliest, latest=latest, evidence=tuple(sorted(
        set(evidence), key=lambda phrase: text.find(phrase))))


def describe(inference: Inference) -> str:
    quoted = ", ".join(f"'{phrase}'" for phrase in inference.evidence[:3])
    return (f"date inferred from content as {inference.value} (between {inference.earliest} and "
            f"{inference.latest}, from {quoted})")


_DATE_NAMED_FOLDER = re.compile(r"\d{4}-\d\d-\d\d")


def folder_date(path: str) -> str | None:
    """The ISO day the folder holding PATH is named after (`InputDocs/2009-06-02/746.htm.txt`),
    if it is named exactly YYYY-MM-DD and that day exists; else None.

    Archives filed by publication day (Timeline17, many crawlers' output) say when each article
    appeared the way a manifest does: by the collector's record, not by the text."""
    name = Path(path).parent.name
    if not _DATE_NAMED_FOLDER.fullmatch(name):
        return None
    try:
        return dt.date.fromisoformat(name).isoformat()
    except ValueError:
        return None


def reference_date(
    text: str,
    cli: dt.date | str | None = None,
    metadata: str | None = None,
    manifest: str | None = None,
    dateline: Dateline | None = None,
    folder: str | None = None,
) -> ReferenceDate:
    """Choose an article's reference date in the contract's order: cli, metadata, manifest,
    folder, dateline, inferred, none. METADATA and MANIFEST are TIMEX3 values already checked by
    their readers; FOLDER is `folder_date` of the article's path; DATELINE is what `find_dateline`
    found in TEXT (the caller passes it so that it is searched once)."""
    if cli is not None:
        return ReferenceDate(cli if isinstance(cli, str) else cli.isoformat(), "cli")
    if metadata:
        return ReferenceDate(metadata, "metadata")
    if manifest:
        return ReferenceDate(manifest, "manifest")
    if folder:
        return ReferenceDate(folder, "folder")
    if dateline is not None and dateline.date is not None:
        return ReferenceDate(dateline.value, "dateline")
    inference = infer_date(text)
    if dateline is not None and inference is not None:
        # A wire dateline without its year ("MOSCOW, Aug 7 (Reuters) -"): the content may pin the year.
        pinned = _day_in_window(dateline.value, inference.earliest, inference.latest)
        if pinned is not None:
            return ReferenceDate(pinned.isoformat(), "dateline")
    if inference is not None:
        return ReferenceDate(inference.value, "inferred", (describe(inference),))
    if dateline is not None:
        return ReferenceDate(None, "none", (
            f"the dateline '{dateline.words}' names no year and nothing else dates the article; left undated",
        ))
    return ReferenceDate(None, "none", ("no date found (no metadata, manifest row, dateline or "
                                        "datable content); relative dates stay unanchored",))


def _day_in_window(value: str, earliest: dt.date, latest: dt.date) -> dt.date | None:
    """The day `XXXX-MM-DD` falls on within EARLIEST..LATEST, if it does."""
    # Read in a leap year, so that February 29 is a day.
    some_year = dt.date.fromisoformat(in_year(value, 2000))
    month, day = some_year.month, some_year.day
    for year in range(earliest.year, latest.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if earliest <= candidate <= latest:
            return candidate
    return None
