"""Reads the gold EVENTs of TimeML files (TempEval-3 training data) for the event-word classifier.

The text is the content of <TEXT> with the tags removed and character references decoded, the
same offsets as timeline.temporal.timeml.read_timeml gives.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.linguistics.tokens import token_spans

TEXT_ELEMENT = re.compile(r"<TEXT>(.*)</TEXT>", re.DOTALL)
TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
EVENT_CLASS = re.compile(r'\bclass="([A-Z_]+)"')
EVENT_ID = re.compile(r'\beid="(\w+)"')
INSTANCE_POS = re.compile(r'<MAKEINSTANCE\b[^>]*\beventID="(\w+)"[^>]*\bpos="(\w+)"')
SENTENCE_END = frozenset(".!?")
CLOSING = frozenset("\"')]’”'")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    start: int
    end: int
    event_class: str
    part_of_speech: str  # of its MAKEINSTANCE: VERB, NOUN, ADJECTIVE, PREPOSITION, OTHER ("" if none)


@dataclass(frozen=True, slots=True)
class EventDocument:
    name: str
    text: str
    events: tuple[GoldEvent, ...]


def read_events(path: Path) -> EventDocument:
    source = path.read_text(encoding="utf-8")
    body = TEXT_ELEMENT.search(source)
    content = body.group(1) if body else ""
    pieces: list[str] = []
    length = 0
    events = []
    open_event: tuple[int, str, str] | None = None
    part_of_speech = dict(INSTANCE_POS.findall(source))
    cursor = 0
    for tag in TAG.finditer(content):
        piece = html.unescape(content[cursor : tag.start()])
        pieces.append(piece)
        length += len(piece)
        cursor = tag.end()
        if tag.group(2) != "EVENT":
            continue
        if tag.group(1):
            if open_event is not None:
                start, event_class, event_id = open_event
                events.append(GoldEvent(start, length, event_class, part_of_speech.get(event_id, "")))
            open_event = None
        else:
            found = EVENT_CLASS.search(tag.group(3))
            event_id = EVENT_ID.search(tag.group(3))
            event_class = found.group(1) if found else "OCCURRENCE"
            open_event = (length, event_class, event_id.group(1) if event_id else "")
    pieces.append(html.unescape(content[cursor:]))
    return EventDocument(path.name, "".join(pieces), tuple(events))


def read_event_corpus(folders: list[Path]) -> list[EventDocument]:
    paths = sorted(path for folder in folders for path in folder.glob("*.tml"))
    return [read_events(path) for path in paths]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences for training and measuring: a line break, or a final mark (with any closing
    quote or bracket) before a token that starts with a capital, a digit or a quote, ends one."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        tokens = token_spans(text, line.start(), line.end())
        first = 0
        for index, (start, end) in enumerate(tokens):
            if text[start:end] not in SENTENCE_END:
                continue
            last = index
            while last + 1 < len(tokens) and text[tokens[last + 1][0] : tokens[last + 1][1]] in CLOSING:
                last += 1
            following = text[tokens[last + 1][0]] if last + 1 < len(tokens) else ""
            if last + 1 == len(tokens) or following.isupper() or following.isdigit() or following in "\"'“‘(":
                if last >= first:
                    spans.append((tokens[first][0], tokens[last][1]))
                first = last + 1
        if first < len(tokens):
            spans.append((tokens[first][0], tokens[-1][1]))
    return spans
