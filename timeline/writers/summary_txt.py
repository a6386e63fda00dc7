"""summary.txt: the summary in the format of the reference timelines of Timeline17 and news-tls:
a date line, the day's sentences one a line, then a line of 32 dashes."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from timeline.writers.atomic import write_text

if TYPE_CHECKING:
    from timeline.summary import Summary

SEPARATOR = "-" * 32


def summary_text(summary: Summary) -> str:
    lines: list[str] = []
    for date in summary.dates:
        lines.append(date.day.isoformat())
        # One sentence a line: a line break inside a sentence would split it in two.
        lines.extend(" ".join(sentence.text.split()) for sentence in date.sentences)
        lines.append(SEPARATOR)
    return "".join(line + "\n" for line in lines)


def write_summary_txt(summary: Summary, path: str | os.PathLike[str]) -> None:
    write_text(path, summary_text(summary))
