"""Runs the stages: read -> date -> segment -> de-duplicate -> tag -> events -> merge -> graph -> write."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline.model import Article, Event
from timeline.writers.atomic import write_json

ALL_FORMATS = ("png", "svg", "graphml", "json", "timelinejs", "html")


class BuildError(Exception):
    """Nothing could be built (exit code 1)."""


@dataclass
class BuildResult:
    articles: list[Article]
    events: list[Event] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_formats(formats: str | Iterable[str] | None) -> tuple[str, ...]:
    if formats is None:
        return ALL_FORMATS
    names = formats.split(",") if isinstance(formats, str) else list(formats)
    names = [name.strip().lower() for name in names if name.strip()]
    if names == ["none"]:
        return ()
    unknown = sorted(set(names) - set(ALL_FORMATS))
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)} (choose from {', '.join(ALL_FORMATS)} or none)")
    return tuple(name for name in ALL_FORMATS if name in names)


def build(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str] = "out",
    dct: dt.date | str | None = None,
    jobs: int | None = None,
    formats: str | Iterable[str] | None = None,
    **options,
) -> BuildResult:
    """Run the whole pipeline over INPUTS and write its files into OUT."""
    raise NotImplementedError
