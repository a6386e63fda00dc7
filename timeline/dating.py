"""An article's reference date: where it comes from and how sure we are of it.

The contract's order: the command line (`--dct`), the article's own metadata, its folder's manifest,
a dateline in its text, inference from its content; else none. This module knows how to find a
dateline ("Tuesday, October 21, 2025" in a page header, "MOSCOW, Aug 7 (Reuters) -", "Published
7 August 2025") and how to infer a date from the weekday-anchored dates an article mentions
("will meet on Wednesday, August 6"), never claiming more precision than the evidence gives.
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
from timeline.temporal.grammar import resource_path
from timeline.temporal.timex import in_year

_RESOURCES = Path(__file__).parent / "resources"
_LEXICON = resource_path("lexicon.yaml")

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


@functools.cache
def _calendar() -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names (lower case) -> month number / ISO weekday, abbreviations included."""
    tables = load_yaml(_LEXICON)["tables"]
    months = {**tables["month"], **tables["month_abbreviation"]}
    weekdays = dict(tables["weekday"])
    for name, number in tables["weekday"].items():
        # "Tue", "Tues", "Thu", "Thur", "Thurs": the forms datelines abbreviate weekdays to.
        for length in (3, 4, 5):
            if length < len(name):
                weekdays.setdefault(name[:length], number)
    return months, weekdays


def _alternation(names: Iterable[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=lambda name: (-len(name), name)))


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    months, weekdays = _calendar()
    # Capitalised only: "may", "march" and "sun" are ordinary words in lower case.
    month_names = _alternation(months)
    month = rf"(?P<month>(?=[A-Z])(?i:{month_names})\.?)"
    # The day-first order has its own group names: Python's re cannot reuse a name.
    month_after = rf"(?P<month_after>(?=[A-Z])(?i:{month_names})\.?)"
    weekday = rf"(?P<weekday>(?=[A-Z])(?i:{_alternation(weekdays)})\.?)"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    day_before = r"(?P<day_before>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20|21)\d\d)"
    month_day = rf"(?:{month}\s+{day}\b|{day_before}\s+(?:of\s+)?{month_after})"
    iso = (r"(?P<iso>(?P<iso_year>(?:19|20|21)\d\d)-(?P<iso_month>\d\d)-(?P<iso_day>\d\d))"
           r"(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")
    # 21.10.2025 (day first, as where dots are used), 21/10/2025 or 10/21/2025 when one part is over 12.
    numeric = (r"(?P<numeric>(?P<first>[0-3]?\d)(?P<separator>[./])(?P<second>[0-3]?\d)(?P=separator)"
               r"(?P<numeric_year>(?:19|20|21)\d\d))\b")
    full = rf"(?:(?:{weekday},?\s+)?(?:{month_day},?\s+{year}\b|{numeric})|{iso})"
    clock = r"(?:\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[aApP]\.?[mM]\.?)?(?:\s*[A-Z]{2,5}\b)?)"
    time_part = rf"(?:,?\s*(?:at\s+|[|•·-]\s*)?{clock})"
    published = _alternation(_words()["published_prefixes"])
    revised = _alternation(_words()["revised_prefixes"])
    prefix = rf"(?P<prefix>(?i:{revised}|{published}))"
    agency = r"\((?P<agency>[A-Z][A-Za-z&.\- ]{0,30})\)"
    place = r"[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*(?:,\s*[A-Z][A-Za-z'.\-]+(?: [A-Z][A-Za-z'.\-]+)*)?"
    return {
        "stamped": re.compile(
            rf"^[ \t]*{prefix}[ \t]*:?[ \t]*(?:on[ \t]+)?(?:{clock},?\s*)?(?P<date>{full}){time_part}?",
            re.MULTILINE,
        ),
        "wire": re.compile(
            rf"^[ \t]*(?:{place}\s*,\s*)?(?P<date>{month_day}(?:,?\s*{year})?)\s*{agency}\s*[-—–]",
            re.MULTILINE,
        ),
        "header": re.compile(rf"^[ \t]*(?:{clock},?\s*)?(?P<date>{full}){time_part}?[ \t]*$", re.MULTILINE),
        "byline": re.compile(rf"^[ \t]*By\s+[^\n|•·]{{2,60}}?\s*[|•·,–—-]\s*(?P<date>{full})", re.MULTILINE),
        "weekday_date": re.compile(rf"\b{weekday},?\s+\(?(?:the\s+)?{month_day}(?:,?\s*{year}\b)?"),
        "full_date": re.compile(rf"\b{full}"),
        "year": re.compile(r"(?<![\d,.])(?:19|20)\d\d(?!\d|[,.]\d)"),
    }


def _month_number(name: str) -> int:
    return _calendar()[0][name.rstrip(".").lower()]


def _weekday_number(name: str) -> int:
    return _calendar()[1][name.rstrip(".").lower()]


def _month_and_day(match: re.Match[str]) -> tuple[int, int]:
    if match["month"]:
        return _month_number(match["month"]), int(match["day"])
    return _month_number(match["month_after"]), int(match["day_before"])


def _date_of(match: re.Match[str]) -> tuple[str, dt.date | None] | None:
    """(TIMEX3 value, date) of a match of the `full`/`month_day` pieces; None if no such day exists."""
    groups = match.groupdict()
    if groups.get("numeric"):
        first, second, year = int(groups["first"]), int(groups["second"]), int(groups["numeric_year"])
        if groups["separator"] == "." or first > 12:
            day, month = first, second
        elif second > 12:
            month, day = first, second
        else:
            return None  # 05/08/2025: the 5th of August or May the 8th? Not a guess to make.
    elif groups.get("iso"):
        year, month, day = int(groups["iso_year"]), int(groups["iso_month"]), int(groups["iso_day"])
    else:
        month, day = _month_and_day(match)
        if not groups.get("year"):
            try:
                dt.date(2000, month, day)  # a leap year: is this month-day possible at all?
            except ValueError:
                return None
            return f"XXXX-{month:02d}-{day:02d}", None
        year = int(groups["year"])
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if groups.get("weekday") and _weekday_number(groups["weekday"]) != date.isoweekday():
        return None  # "Monday, October 21, 2025" is a typo or not a date; trust neither half
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
    patterns = _patterns()
    top = text[:_TOP_CHARACTERS]
    header = text[: _header_end(text)]
    revised_prefixes = set(_words()["revised_prefixes"])
    found: dict[str, Dateline] = {}
    for kind, pattern, region in (
        ("stamped", patterns["stamped"], top),
        ("wire", patterns["wire"], top),
        ("header", patterns["header"], header),
        ("byline", patterns["byline"], top),
    ):
        for match in pattern.finditer(region):
            resolved = _date_of(match)
            if resolved is None:
                continue
            if kind == "stamped":
                prefix = " ".join(match["prefix"].lower().split())
                kind_found = "revised" if prefix in revised_prefixes else "published"
            else:
                kind_found = kind
            value, date = resolved
            end = match.end()
            found.setdefault(kind_found, Dateline(
                start=match.start() + len(match[0]) - len(match[0].lstrip()),
                end=end,
                date_start=match.start("date"),
                date_end=match.end("date"),
                value=value,
                date=date,
                kind=kind_found,
                words=match["date"],
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
    written = _patterns()["header"].fullmatch(text)
    if written:
        resolved = _date_of(written)
        return resolved[0] if resolved else None
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


def mentioned_years(text: str) -> list[int]:
    """The four-digit years a text names, in text order ("in 2019", "Joint Sea 2025")."""
    return [int(match[0]) for match in _patterns()["year"].finditer(text)]


def _orientation(text: str, match: re.Match[str]) -> str:
    """'future', 'past' or 'unknown': the tense of the clause around MATCH, read with the tagger's
    cues (timeline/temporal/cues.py), so that an article is dated by the same reading of tense as
    the dates in it are resolved by."""
    return orientation(text, match.start(), match.end()) or "unknown"


def _resolve_year(month: int, day: int, weekday: int, years: Iterable[int]) -> int | None:
    """The year in which MONTH/DAY falls on WEEKDAY, among the years the text mentions (latest first)."""
    for year in sorted(set(years), reverse=True):
        try:
            if dt.date(year, month, day).isoweekday() == weekday:
                return year
        except ValueError:
            continue
    return None


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
    for match in _patterns()["weekday_date"].finditer(text):
        month, day = _month_and_day(match)
        weekday = _weekday_number(match["weekday"])
        if match["year"]:
            year: int | None = int(match["year"])
        else:
            year = _resolve_year(month, day, weekday, years)
        if year is None:
            continue
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date.isoweekday() != weekday:
            continue
        orientation = _orientation(text, match)
        low = date if orientation == "past" else date - WEEKDAY_HORIZON
        high = date if orientation == "future" else date + WEEKDAY_HORIZON
        earliest, latest = max(earliest, low), min(latest, high)
        evidence.append(match[0])
    if not evidence:
        return None
    # Dates with their year but no weekday may be far from publication, but their tense still bounds
    # it: "met on August 6, 2025" was written after that day, "will meet on ..." before it.
    for match in _patterns()["full_date"].finditer(text):
        resolved = _date_of(match)
        if match["weekday"] or resolved is None or resolved[1] is None:
            continue
        date, orientation = resolved[1], _orientation(text, match)
        if orientation == "past" and date > earliest:
            earliest = date
            evidence.append(match[0])
        elif orientation == "future" and date < latest:
            latest = date
            evidence.append(match[0])
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
