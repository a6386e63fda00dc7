"""Page segmentation: which stretches of a saved page are the story, and which are other stories.

A saved web page carries furniture (share buttons, comment prompts, app adverts, photo credits,
weather widgets) and blocks of teasers for other stories ("Related Articles", "Read more"), each
with its own date. This stage reads the page line by line, classifies each line with the
vocabulary in resources/page_furniture.yaml, and returns the segments: the pieces of the main
story (kind "main") and one segment per teaser (kind "teaser", with its title, its source and its
age, "3 hours ago", relative to when the page was saved). Furniture lies outside every segment, so
later stages never extract events from it. Offsets index the text as read.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from timeline import dating
from timeline.model import Segment
from timeline.resources import load_yaml

_RESOURCES = Path(__file__).parent / "resources"

# A line with this many words is prose, not a title, a byline or a caption.
PROSE_WORDS = 12
# Titles are short; a first line longer than this is already the story.
TITLE_WORDS = 25
# Source lines and bylines ("LeMonde", "TIMES International", "- Euronews") are very short.
SOURCE_WORDS = 5
# Furniture lines are short; a longer line is prose (or a caption ending with its credit).
FURNITURE_CHARACTERS = 300
# A caption is at most a few lines above its credit.
CAPTION_LINES = 4
_SENTENCE_END = tuple(".!?\"”’'…:;")
# Markers of list items: in a block of teasers, each item is one teaser.
_BULLETS = ("- ", "* ", "• ", "· ", "– ", "— ")
_AGE_UNITS = {
    "second": dt.timedelta(seconds=1), "minute": dt.timedelta(minutes=1), "min": dt.timedelta(minutes=1),
    "hour": dt.timedelta(hours=1), "hr": dt.timedelta(hours=1), "day": dt.timedelta(days=1),
    "week": dt.timedelta(weeks=1), "month": dt.timedelta(days=30), "year": dt.timedelta(days=365),
}
_AGE_TIMEX = {"second": "PT{}S", "minute": "PT{}M", "min": "PT{}M", "hour": "PT{}H", "hr": "PT{}H",
              "day": "P{}D", "week": "P{}W", "month": "P{}M", "year": "P{}Y"}


@dataclass(frozen=True, slots=True)
class Segmentation:
    segments: tuple[Segment, ...]
    title: str | None = None  # the headline found at the top of the body, if any
    # teaser start offset -> how long before the page was saved it was published
    ages: dict[int, dt.timedelta] = field(default_factory=dict)
    # teaser start offset -> the date stamped on it ("Aug 5, 2025"), a TIMEX3 value
    stamps: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int  # end of the content, without the line break and trailing spaces
    text: str  # stripped
    # blank | text | furniture | teaser_header | comment_header | inline_teaser | age | stamp | weather
    kind: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def is_sentence(self) -> bool:
        return self.text.endswith(_SENTENCE_END)


@functools.cache
def _vocabulary() -> dict:
    words = load_yaml(_RESOURCES / "page_furniture.yaml")

    def any_of(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{pattern})" for pattern in patterns), re.IGNORECASE)

    return {
        "furniture": any_of(words["furniture"]),
        "teaser_header": any_of(words["teaser_headers"]),
        "comment_header": any_of(words["comment_headers"]),
        "weather": re.compile(words["weather"], re.IGNORECASE),
        "credit": re.compile(words["credit"], re.IGNORECASE),
        "inline_teaser": re.compile(words["inline_teaser"], re.IGNORECASE),
        "age": re.compile(words["age"], re.IGNORECASE),
        "age_words": words["age_words"],
    }


def _is_stamp(text: str) -> bool:
    """A line that only dates the page or a teaser: "Tuesday, October 21, 2025", "Published 7 Aug 2025"."""
    dateline = dating.find_dateline(text)
    return dateline is not None and dateline.start == 0 and dateline.end >= len(text.rstrip(" .|·•-"))


def _classify(text: str) -> str:
    vocabulary = _vocabulary()
    stripped = text.strip(" \t*#>_|·•")
    if not stripped:
        return "blank"
    if len(stripped) > FURNITURE_CHARACTERS:
        return "credit" if vocabulary["credit"].fullmatch(stripped) else "text"
    bare = stripped.rstrip(":.…!")
    if vocabulary["teaser_header"].fullmatch(bare):
        return "teaser_header"
    if vocabulary["comment_header"].fullmatch(bare):
        return "comment_header"
    if vocabulary["furniture"].fullmatch(stripped) or vocabulary["furniture"].fullmatch(bare):
        return "furniture"
    if vocabulary["weather"].fullmatch(stripped):
        return "weather"
    if vocabulary["credit"].fullmatch(stripped):
        return "credit"
    # "3 hours ago", "LeMonde · 9 hours ago"; but "It happened two days ago." is a sentence.
    short = len(stripped.split()) <= 8 and not stripped.endswith(_SENTENCE_END)
    if short and vocabulary["age"].search(stripped):
        return "age"
    if vocabulary["inline_teaser"].fullmatch(stripped):
        return "inline_teaser"
    if len(stripped.split()) <= 12 and _is_stamp(stripped):
        return "stamp"
    return "text"


def _lines(text: str, start: int) -> list[_Line]:
    lines = []
    position = start
    for raw in text[start:].splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        stripped = content.strip()
        leading = len(content) - len(content.lstrip())
        line_start = position + leading
        lines.append(_Line(line_start, line_start + len(stripped), stripped, _classify(stripped)))
        position += len(raw)
    return lines


def _mark_captions_and_widgets(lines: list[_Line]) -> list[_Line]:
    """Credits take the caption lines above them; a weather line takes the town below it."""
    kinds = [line.kind for line in lines]
    for index, line in enumerate(lines):
        if line.kind == "credit":
            kinds[index] = "furniture"
            above = index - 1
            while (above >= 0 and index - above <= CAPTION_LINES and kinds[above] == "text"
                   and not lines[above].is_sentence and lines[above].words < TITLE_WORDS):
                kinds[above] = "furniture"
                above -= 1
        elif line.kind == "weather":
            kinds[index] = "furniture"
            below = index + 1
            if below < len(lines) and kinds[below] == "text" and lines[below].words <= 3:
                kinds[below] = "furniture"
    return [_Line(line.start, line.end, line.text, kind) for line, kind in zip(lines, kinds, strict=True)]


def _is_title(lines: list[_Line], index: int) -> bool:
    """A headline: short, and without a closing full stop unless a blank line sets it apart."""
    line = lines[index]
    if line.words > TITLE_WORDS:
        return False
    if not line.text.endswith("."):
        return True
    return index + 1 < len(lines) and lines[index + 1].kind == "blank"


def _header(lines: list[_Line]) -> tuple[int | None, list[_Line]]:
    """Find the headline and drop the header's bylines and stamps (lines above the first prose)."""
    title_index = None
    marked = list(lines)
    for index, line in enumerate(lines):
        if line.kind == "stamp":
            marked[index] = _Line(line.start, line.end, line.text, "furniture")
        elif line.kind != "text":
            continue
        elif title_index is None:
            if not _is_title(lines, index):
                break
            title_index = index
        elif line.words >= PROSE_WORDS:
            break
        elif line.words <= SOURCE_WORDS and not line.is_sentence:
            # "TIMES International", "By Jane Doe": bylines and source lines, not the story
            marked[index] = _Line(line.start, line.end, line.text, "furniture")
    return title_index, marked


def _age(text: str) -> tuple[dt.timedelta, str] | None:
    vocabulary = _vocabulary()
    match = vocabulary["age"].search(text)
    if not match:
        return None
    count_word = match["count"].lower()
    count = int(count_word) if count_word.isdigit() else vocabulary["age_words"][count_word]
    unit = match["unit"].lower()
    return _AGE_UNITS[unit] * count, _AGE_TIMEX[unit].format(count)


def _source_name(text: str) -> str | None:
    """'- LeMonde' -> 'LeMonde'; 'Euronews · 9 hours ago' -> 'Euronews'."""
    without_age = _vocabulary()["age"].sub("", text)
    name = without_age.strip(" -–—·•|,:")
    return name or None


@dataclass
class _Teaser:
    header: list[_Line] = field(default_factory=list)  # source, age, stamp lines
    content: list[_Line] = field(default_factory=list)  # title then body


def _split_block(lines: list[_Line]) -> tuple[list[_Teaser], int]:
    """Split a teaser block into teasers. Returns them and how many lines the block used: a
    block of bare titles ends at the first paragraph of prose, where the main story resumes."""
    anchors = [index for index, line in enumerate(lines) if line.kind in ("age", "stamp")]
    teasers: list[_Teaser] = []
    if anchors:
        title_first = _title_comes_first(lines, anchors[0])
        for line in lines:
            if line.kind in ("age", "stamp"):
                teaser = _Teaser(header=[line])
                # The short lines just above an age or a date belong to its teaser, not to the
                # previous one's summary: its source ("LeMonde"), or its headline when the layout
                # puts headlines above dates.
                longest = TITLE_WORDS if title_first else SOURCE_WORDS
                previous = teasers[-1].content if teasers else []
                while previous and previous[-1].words <= longest and not previous[-1].is_sentence:
                    (teaser.content if title_first else teaser.header).insert(0, previous.pop())
                teasers.append(teaser)
            elif line.kind == "text":
                if teasers and teasers[-1].content == [] and line.words <= SOURCE_WORDS and (
                        line.text.startswith(("-", "–", "—", "By ", "by "))):
                    teasers[-1].header.append(line)
                elif teasers:
                    teasers[-1].content.append(line)
                else:
                    teasers.append(_Teaser(content=[line]))
        return [teaser for teaser in teasers if teaser.content], len(lines)
    paragraph: list[_Line] = []
    for index, line in enumerate([*lines, _Line(0, 0, "", "blank")]):
        if line.kind == "text":
            if not paragraph and line.words >= PROSE_WORDS and line.is_sentence and teasers:
                return teasers, index  # prose after a blank line: the main story goes on
            if paragraph and (line.text.startswith(_BULLETS) or _is_list_of_titles(paragraph, line)):
                teasers.append(_Teaser(content=paragraph))
                paragraph = []
            paragraph.append(line)
        elif paragraph:
            teasers.append(_Teaser(content=paragraph))
            paragraph = []
    return teasers, len(lines)


def _title_comes_first(lines: list[_Line], anchor: int) -> bool:
    """Whether teasers put their headline above their age or date ("Storm hits Manila / 2 days
    ago / Thousands were evacuated.") rather than below it ("LeMonde / 3 hours ago / US envoy
    Witkoff to visit Moscow / ..."): below the first anchor comes a summary, not a headline."""
    following = [line for line in lines[anchor + 1:] if line.kind == "text"
                 and not line.text.startswith(("-", "–", "—", "By ", "by "))]
    before = [line for line in lines[:anchor] if line.kind == "text"]
    return bool(before) and (not following or following[0].is_sentence)


def _is_list_of_titles(paragraph: list[_Line], line: _Line) -> bool:
    """Consecutive short lines without full stops are a list of headlines, one teaser each; a line
    that ends with a full stop after a headline is that headline's summary."""
    return not line.is_sentence and not paragraph[-1].is_sentence and line.words <= TITLE_WORDS


def _teaser_segment(teaser: _Teaser) -> tuple[Segment, dt.timedelta | None, str | None]:
    first = teaser.content[0]
    bullet = next((marker for marker in _BULLETS if first.text.startswith(marker)), "")
    start = first.start + len(bullet)
    title = first.text[len(bullet):] if first.words <= TITLE_WORDS else None
    source, age, stamp = None, None, None
    for line in teaser.header:
        if line.kind == "age" and age is None:
            age = _age(line.text)
        elif line.kind == "stamp" and stamp is None:
            dateline = dating.find_dateline(line.text)
            stamp = dateline.value if dateline and dateline.date else None
        name = _source_name(line.text) if line.kind != "stamp" else None
        if name and source is None:
            source = name
    end = teaser.content[-1].end
    if age is None:
        return Segment(start, end, "teaser", title, source), None, stamp
    return Segment(start, end, "teaser", title, source, age=age[1]), age[0], stamp


def segment(text: str, body_start: int = 0) -> Segmentation:
    """Split TEXT (from BODY_START on) into the main story's pieces and its teasers."""
    lines = _mark_captions_and_widgets(_lines(text, body_start))
    title_index, lines = _header(lines)
    segments: list[Segment] = []
    ages: dict[int, dt.timedelta] = {}
    stamps: dict[int, str] = {}
    piece: list[_Line] = []

    def close_piece() -> None:
        if piece:
            segments.append(Segment(piece[0].start, piece[-1].end, "main"))
            piece.clear()

    index = 0
    state = "main"
    while index < len(lines):
        line = lines[index]
        if line.kind == "teaser_header":
            close_piece()
            end = index + 1
            while end < len(lines) and lines[end].kind not in ("teaser_header", "comment_header"):
                end += 1
            block = [candidate for candidate in lines[index + 1 : end] if candidate.kind != "furniture"]
            teasers, used = _split_block(block)
            for teaser in teasers:
                teaser_segment, age, stamp = _teaser_segment(teaser)
                segments.append(teaser_segment)
                if age is not None:
                    ages[teaser_segment.start] = age
                if stamp is not None:
                    stamps[teaser_segment.start] = stamp
            if used < len(block):  # the story resumes after a block of bare headlines
                index = next(position for position in range(index, end) if lines[position] is block[used])
            else:
                index = end
            state = "main"
            continue
        if line.kind == "comment_header":
            close_piece()
            state = "comments"
        elif state == "comments" or line.kind not in ("text", "blank"):
            if line.kind == "inline_teaser" and state == "main":
                close_piece()
                match = _vocabulary()["inline_teaser"].fullmatch(line.text)
                offset = line.start + match.start("title")
                segments.append(Segment(offset, line.end, "teaser", match["title"].strip()))
            elif line.kind != "blank":
                close_piece()
        elif line.kind == "text":
            piece.append(line)
        index += 1
    close_piece()
    # A Markdown headline ("# Grain deal agreed") is titled without its marks.
    title = lines[title_index].text.lstrip("#").strip() if title_index is not None else None
    return Segmentation(tuple(segments), title, ages, stamps)
